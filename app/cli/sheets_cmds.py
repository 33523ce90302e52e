"""CLI commands of the sheets feature: import, export, template."""

from __future__ import annotations

from pathlib import Path

import click

from app.cli.common import CliError, echo_json, open_book, progress_bar, user_errors
from app.core import EXPORT_KINDS, IMPORT_KINDS, TEMPLATE_KINDS, Preview


def _summary(p: Preview, applied: bool, rejected_file: str | None) -> dict:
    return {
        "kind": p.kind,
        "file": p.file,
        "sheet": p.sheet,
        "header_row": p.header_row,
        "mapping": {p.headers[i]: f for i, f in sorted(p.mapping.items())},
        "ignored": p.ignored,
        "counts": p.counts(),
        "new_parents": p.new_parents,
        "warnings": [x.as_dict() for x in p.notes if x.severity != "error"],
        "problems": [x.as_dict() for x in p.problems()],
        "applied": applied,
        "rejected_file": rejected_file,
    }


def _print(p: Preview, applied: bool, rejected_file: str | None) -> None:
    c = p.counts()
    click.echo(f"{p.file} {p.sheet}: header row {p.header_row}")
    for i, f in sorted(p.mapping.items()):
        click.echo(f"  {p.headers[i]} → {f}")
    if p.ignored:
        click.echo("Ignored columns: " + ", ".join(p.ignored))
    if p.new_parents:
        click.echo("New villages and groups: " + ", ".join(p.new_parents))
    for w in p.notes:
        if w.severity != "error":
            click.echo(f"Note: {w}")
    click.echo(f"new {c['new']}, changed {c['changed']}, unchanged {c['unchanged']}, rejected {c['rejected']}")
    if rejected_file:
        click.echo(f"Rejected rows written to {rejected_file}")
    click.echo("Imported." if applied else "Nothing was written.")


@click.command("import")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("kind", type=click.Choice(IMPORT_KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--sheet", default=None, help="Sheet name (default: the first visible sheet).")
@click.option("--dry-run", is_flag=True, help="Check and show what would change; write nothing.")
@click.option("--valid-only", is_flag=True, help="Import the valid rows; write the rejected ones to a workbook.")
@click.option("--date", "effective", default=None, help="Holdings take effect on this date (default: the book's first day, or today).")
@click.option("--rejected", default=None, help="Where the rejected rows go (default: FILE-rejected.xlsx).")
@click.option("--json", "as_json", is_flag=True)
def import_(book: str, kind: str, file: str, sheet: str | None, dry_run: bool, valid_only: bool, effective: str | None,
            rejected: str | None, as_json: bool) -> None:
    """Import members, holdings, assets, accounts, opening balances or vouchers from .xlsx, .xls or .csv."""
    with open_book(book) as b:
        options = {"date": effective} if effective else {}
        report, finish = progress_bar("check")
        p = b.sheets.preview(kind, file, sheet, options=options, progress=report)
        finish()
        refused = bool(p.file_errors()) or (not p.ok and not valid_only)
        applied, rejected_file = False, None
        if not dry_run and not refused:
            report, finish = progress_bar("import")
            with user_errors():
                b.sheets.apply(p, valid_only=valid_only, progress=report)
            finish()
            applied = True
            if p.counts()["rejected"]:
                rejected_file = rejected or str(Path(file).with_name(Path(file).stem + "-rejected.xlsx"))
                b.sheets.write_rejected(p, rejected_file)
    if as_json:
        echo_json(_summary(p, applied, rejected_file))
    else:
        _print(p, applied, rejected_file)
    if refused or (dry_run and not p.ok and not valid_only):
        problems = p.problems()
        if not as_json:
            for x in problems:
                click.echo(str(x), err=True)
        raise CliError(f"{len(problems)} problem(s): the file was not imported." if not dry_run else f"{len(problems)} problem(s).")


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("kind", type=click.Choice(EXPORT_KINDS))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--year", type=int, default=None, help="Fiscal year (trial balance, ledger, vouchers, distribution).")
@click.option("--account", default=None, help="Account code (ledger).")
@click.option("--date", "on", default=None, help="Holdings on this date (default: the latest).")
def export(book: str, kind: str, file: str, year: int | None, account: str | None, on: str | None) -> None:
    """Export a table to .xlsx (prints, imports back), .csv or .json, chosen by FILE's extension."""
    with open_book(book, readonly=True) as b, user_errors():
        n = b.sheets.export(kind, file, year=year, account=account, on=on)
    click.echo(f"Wrote {n} rows to {file}")


@click.command()
@click.argument("kind", type=click.Choice(TEMPLATE_KINDS))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--book", "book_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Take share classes, groups and accounts from this book.")
def template(kind: str, file: str, book_path: str | None) -> None:
    """An empty workbook for KIND with its headers, an example row and drop-down lists."""
    from app.core import write_template

    if book_path:
        with open_book(book_path, readonly=True) as b, user_errors():
            write_template(b, kind, Path(file))
    else:
        with user_errors():
            write_template(None, kind, Path(file))
    click.echo(f"Wrote {file}")


def register(cli: click.Group) -> None:
    """Add this feature's commands to the ``jointledger`` group."""
    for command in (import_, export, template):
        cli.add_command(command)
