"""Commands on the book itself: init, demo, info, report, check, close, depreciate."""

from __future__ import annotations

import click

from app.cli import numbers_reports
from app.cli.common import CliError, echo_json, new_password, open_book, progress_bar, user_errors
from app.core import Book, cash_journal, direction, format_fen, split

REPORTS = ("trial-balance", "ledger", "general-ledger", "balance-sheet", "income", "journal", *numbers_reports.KINDS)


@click.command()
@click.argument("book", type=click.Path(dir_okay=False))
@click.option("--name", required=True, help="Organization name.")
@click.option("--kind", type=click.Choice(["joint", "collective"]), default="joint", show_default=True)
@click.option("--chart", type=click.Choice(["2023", "2004"]), default="2023", show_default=True)
@click.option("--credit-code", default="", help="Unified social credit code (checked).")
@click.option("--start", default=None, help="First period of the book, YYYY-MM (default: this year's first month).")
@click.option("--admin", default="admin", show_default=True, help="The first administrator (password: JOINTLEDGER_PASSWORD or a prompt).")
def init(book: str, name: str, kind: str, chart: str, credit_code: str, start: str | None, admin: str) -> None:
    """Create a new book file (the accounting year is the calendar year)."""
    with user_errors():
        if start is not None and not _is_period(start):
            raise CliError(f"--start must be a month like 2026-01, not {start!r}.")
        password = new_password(admin)
        b = Book.create(book, name=name, kind=kind, chart=chart, credit_code=credit_code, start=start, user=admin)
        b.users.add(admin, password, ["admin"])
        from app.cli.distribution_cmds import make_signing_key

        make_signing_key(b)
        b.close()
    click.echo(f"Created {book}")


def _is_period(text: str) -> bool:
    return len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12


@click.command()
@click.argument("book", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(["joint", "collective"]), default="joint", show_default=True)
@click.option("--year", type=int, default=None, help="The demo year (default: last year).")
@click.option("--households", type=int, default=120, show_default=True, help="Households (collective demo).")
def demo(book: str, kind: str, year: int | None, households: int) -> None:
    """Create a realistic demo book: members, holdings, assets and a year of vouchers."""
    from app.core import build_demo

    report, finish = progress_bar("demo")
    with user_errors():
        b = build_demo(book, kind=kind, year=year, households=households, progress=report)
        finish()
        from app.cli.distribution_cmds import make_signing_key

        make_signing_key(b)
        info = b.info()
        b.close()
    click.echo(f"Created {book}: {info['members']} members, {info['vouchers']} vouchers, {info['voucher_lines']} lines")


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def info(book: str, as_json: bool) -> None:
    """What the book holds."""
    with open_book(book, readonly=True) as b:
        data = b.info()
    if as_json:
        echo_json(data)
    else:
        for k, v in data.items():
            click.echo(f"{k:20} {v}")


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("kind", type=click.Choice(REPORTS))
@click.option("--year", type=int, required=True)
@click.option("--month", type=click.IntRange(1, 12), default=None, help="Up to this month (a single month for the trial balance with --from-month).")
@click.option("--from-month", type=click.IntRange(1, 12), default=None)
@click.option("--account", default=None, help="Account code (ledgers).")
@click.option("--member", default=None, help="Member code (statement-of-account).")
@click.option("--date", default=None, help="Ageing date, YYYY-MM-DD (receivables; default: the end of --month).")
@click.option("--json", "as_json", is_flag=True)
def report(
    book: str, kind: str, year: int, month: int | None, from_month: int | None, account: str | None,
    member: str | None, date: str | None, as_json: bool,
) -> None:  # fmt: skip
    """Print a report: trial-balance, ledger (detail), general-ledger, balance-sheet, income, journal (cash/bank),
    income-detail (收支明细表), subsidiary (往来 by member), receivables (ageing), statement-of-account --member CODE."""
    with open_book(book, readonly=True) as b, user_errors():
        to = month or 12
        first = from_month or 1
        if first > to:
            raise CliError("--from-month is after --month.")
        if kind in numbers_reports.KINDS:
            data = numbers_reports.build(b, kind, year, first, to, member, date)
        elif kind in ("ledger", "general-ledger", "journal"):
            if not account:
                raise CliError("A ledger needs --account CODE.")
            b.accounts.require(account)
            if kind == "journal":
                data = cash_journal(b, account, year, first, to)
            elif kind == "ledger":
                data = b.reports.detail_ledger(account, year, first, to)
            else:
                data = b.reports.general_ledger(account, year)
        elif kind == "trial-balance":
            data = b.reports.trial_balance(year, first, to)
        elif kind == "balance-sheet":
            data = b.reports.balance_sheet(year, to)
        else:
            data = b.reports.income_statement(year, to)
    if as_json:
        echo_json(data)
    elif kind in numbers_reports.KINDS:
        numbers_reports.echo(kind, data)
    else:
        _print_report(kind, data)


def _print_report(kind: str, data: dict) -> None:
    f = format_fen
    if kind == "trial-balance":
        click.echo(f"科目余额表 {data['from']} — {data['to']}")
        click.echo(
            f"{'科目':<24}{'期初借方':>16}{'期初贷方':>16}{'本期借方':>16}{'本期贷方':>16}{'本年累计借方':>16}"
            f"{'本年累计贷方':>16}{'期末借方':>16}{'期末贷方':>16}"
        )
        for r in data["rows"]:
            od, oc = split(r["opening_fen"])
            cd, cc = split(r["closing_fen"])
            label = "  " * (r["level"] - 1) + f"{r['code']} {r['name']}"
            click.echo(
                f"{label:<24}{f(od):>16}{f(oc):>16}{f(r['debit_fen']):>16}{f(r['credit_fen']):>16}"
                f"{f(r['year_debit_fen']):>16}{f(r['year_credit_fen']):>16}{f(cd):>16}{f(cc):>16}"
            )
        t = data["totals"]
        click.echo(
            f"{'合计':<24}{f(t['opening_debit_fen']):>16}{f(t['opening_credit_fen']):>16}{f(t['debit_fen']):>16}"
            f"{f(t['credit_fen']):>16}{f(t['year_debit_fen']):>16}{f(t['year_credit_fen']):>16}"
            f"{f(t['closing_debit_fen']):>16}{f(t['closing_credit_fen']):>16}"
        )
        click.echo("试算平衡" if t["balanced"] else "试算不平衡!")
    elif kind in ("ledger", "general-ledger", "journal"):
        title = {"ledger": "明细账", "general-ledger": "总账", "journal": "日记账"}[kind]
        click.echo(f"{title} {data['code']} {data['name']} {data['year']}")
        for r in data["rows"]:
            when = r.get("date") or r.get("period") or ""
            click.echo(
                f"{when:<12}{r.get('voucher', ''):<8}{r['summary'][:24]:<26}{f(r.get('debit_fen', 0), blank_zero=True):>16}"
                f"{f(r.get('credit_fen', 0), blank_zero=True):>16}  {direction(r['balance_fen'])} {f(abs(r['balance_fen'])):>16}"
            )
    elif kind == "balance-sheet":
        click.echo(f"资产负债表 {data['date']}")
        click.echo(f"编制单位：{data['organization']}    单位：{data['unit']}")
        click.echo(f"{'项目':<24}{'行次':>6}{'年初数':>18}{'期末数':>18}")
        for side in ("assets", "liabilities_equity"):
            for r in data[side]:
                click.echo(f"{r['name']:<24}{r['row']:>6}{f(r['start_fen']):>18}{f(r['end_fen']):>18}")
        click.echo("平衡" if data["balanced"] else "不平衡!")
    else:
        click.echo(f"收益及收益分配表 {data['year']}年1—{int(data['period'][5:])}月")
        click.echo(f"编制单位：{data['organization']}    单位：{data['unit']}")
        click.echo(f"{'项目':<24}{'行次':>6}{'本年数':>18}{'上年数':>18}")
        for r in data["lines"]:
            click.echo(f"{r['name']:<24}{r['row']:>6}{f(r['amount_fen']):>18}{f(r['previous_fen']):>18}")


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--repair", is_flag=True, help="Rebuild the derived account totals from the voucher lines first.")
@click.option("--json", "as_json", is_flag=True)
def check(book: str, repair: bool, as_json: bool) -> None:
    """Integrity: SQLite's check, balanced vouchers, gap-free numbers, the trial balance."""
    with open_book(book, readonly=not repair) as b:
        if repair:
            b.reports.rebuild_totals()
        problems = b.reports.check()
    if as_json:
        echo_json({"ok": not problems, "problems": [p.as_dict() for p in problems]})
    else:
        for p in problems:
            click.echo(str(p), err=True)
        click.echo("OK" if not problems else f"{len(problems)} problem(s)")
    if problems:
        raise SystemExit(1)


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--month", "period", default=None, help="Close this month, YYYY-MM (结账).")
@click.option("--year", type=int, default=None, help="Year-end close (年结): closing vouchers, then every month.")
def close(book: str, period: str | None, year: int | None) -> None:
    """Close a month or a year."""
    if bool(period) == bool(year):
        raise CliError("Give either --month YYYY-MM or --year YYYY.")
    with open_book(book) as b, user_errors():
        if period:
            if not _is_period(period):
                raise CliError(f"--month must look like 2026-03, not {period!r}.")
            b.periods.close_month(period)
            click.echo(f"Closed {period}")
        else:
            ids = b.periods.close_year(year)
            click.echo(f"Closed {year} with {len(ids)} closing voucher(s)")


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--month", "period", required=True, help="YYYY-MM")
@click.option("--dry-run", is_flag=True, help="Show what would be booked.")
def depreciate(book: str, period: str, dry_run: bool) -> None:
    """Monthly depreciation run: one draft voucher for all assets."""
    if not _is_period(period):
        raise CliError(f"--month must look like 2026-03, not {period!r}.")
    with open_book(book, readonly=dry_run) as b, user_errors():
        items = b.assets.depreciation_preview(period)
        for it in items:
            click.echo(f"{it.code:<10}{it.name:<20}{format_fen(it.amount_fen):>14}  {it.debit_account} / {it.credit_account}")
        if not dry_run:
            vid = b.assets.run_depreciation(period)
            click.echo("Nothing to depreciate." if vid is None else f"Draft voucher {vid} for {len(items)} asset(s).")


def register(cli: click.Group) -> None:
    for command in (init, demo, info, report, check, close, depreciate):
        cli.add_command(command)
