"""Commands for what a GUI user does to single records: vouchers, members, sub-accounts, assets.

Each one opens the book, calls one method of the facade (which checks the user's permission in the one door,
app/core/ops.py), prints the result (``--json`` for scripts) and exits 1 with one sentence when refused.
A voucher is named by its id or as people name it: ``2025-12/记-3``.
"""

from __future__ import annotations

import click

from app.cli.common import CliError, echo_json, open_book
from app.core import format_fen, to_fen

MONTH = click.option("--month", "period", default=None, help="Only this month, YYYY-MM.")
JSON = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
BOOK = click.argument("book", type=click.Path(exists=True, dir_okay=False))


# -- vouchers --------------------------------------------------------------------------------------------------
@click.group()
def voucher() -> None:
    """List, show, review, post and reverse vouchers.

    \b
    Example:
      jointledger voucher review demo.jlbook --all-drafts --month 2025-12 --user 审核
      jointledger voucher post demo.jlbook 2025-12/记-3
    """


@voucher.command("list")
@BOOK
@MONTH
@click.option("--status", type=click.Choice(["draft", "reviewed", "posted"]), default=None)
@click.option("--text", default=None, help="Only vouchers whose lines' summary contains this text.")
@JSON
def voucher_list(book: str, period: str | None, status: str | None, text: str | None, as_json: bool) -> None:
    """Vouchers, newest first."""
    with open_book(book, readonly=True) as b:
        rows = b.vouchers.list(period=period, status=status, text=text, limit=1_000_000)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        number = f"{r['word']}-{r['number']}" if r["number"] else f"{r['word']}-草稿"
        click.echo(f"{r['period']}  {number:<8} {r['date']}  {r['status']:<8} {format_fen(r['total_fen'] or 0):>16}  {r['summary'] or ''}")


@voucher.command("show")
@BOOK
@click.argument("ref")
@JSON
def voucher_show(book: str, ref: str, as_json: bool) -> None:
    """One voucher with its lines."""
    with open_book(book, readonly=True) as b:
        v = b.vouchers.find(ref)
    if as_json:
        from dataclasses import asdict

        echo_json(asdict(v))
        return
    click.echo(f"{v.period} {v.label}  {v.date}  {v.status}  制单 {v.preparer}  审核 {v.reviewer or ''}  记账 {v.poster or ''}")
    for ln in v.lines:
        click.echo(f"  {ln.summary:<24} {ln.account_code:<10} {ln.account_name:<14} {format_fen(ln.debit_fen, blank_zero=True):>16} {format_fen(ln.credit_fen, blank_zero=True):>16}")
    click.echo(f"  {'合计':<50} {format_fen(v.debit_total):>16} {format_fen(v.credit_total):>16}")


def _batch(book: str, refs: tuple[str, ...], every: bool, period: str | None, action: str, as_json: bool) -> None:
    if bool(refs) == every:
        raise CliError("Name the vouchers, or give --all-drafts / --all-reviewed (not both).")
    with open_book(book) as b:
        if every:
            result = b.vouchers.batch(action, period=period)
            done, refused = result.done, list(result.refused)
        else:
            run = b.vouchers.review if action == "review" else b.vouchers.post
            ids = [b.vouchers.find(ref).id for ref in refs]
            for vid in ids:
                run(vid)
            done, refused = len(ids), []
    if as_json:
        echo_json({"done": done, "refused": [{"voucher": v, "code": c, "message": m} for v, c, m in refused]})
    else:
        click.echo(f"{done} voucher(s) {'reviewed' if action == 'review' else 'posted'}.")
        for _v, _c, message in refused:
            click.echo(message, err=True)
    if refused:
        raise SystemExit(1)


@voucher.command("review")
@BOOK
@click.argument("refs", nargs=-1)
@click.option("--all-drafts", "every", is_flag=True, help="Every draft (of --month), oldest first.")
@MONTH
@JSON
def voucher_review(book: str, refs: tuple[str, ...], every: bool, period: str | None, as_json: bool) -> None:
    """审核: review drafts (by someone other than their preparer)."""
    _batch(book, refs, every, period, "review", as_json)


@voucher.command("post")
@BOOK
@click.argument("refs", nargs=-1)
@click.option("--all-reviewed", "every", is_flag=True, help="Every reviewed voucher (of --month), oldest first.")
@MONTH
@JSON
def voucher_post(book: str, refs: tuple[str, ...], every: bool, period: str | None, as_json: bool) -> None:
    """记账: post reviewed vouchers; each gets the next number of its month."""
    _batch(book, refs, every, period, "post", as_json)


@voucher.command("reverse")
@BOOK
@click.argument("ref")
@click.option("--date", required=True, help="Date of the reversing (red-ink) voucher, YYYY-MM-DD.")
def voucher_reverse(book: str, ref: str, date: str) -> None:
    """红字冲销: a draft with the same lines in negative amounts."""
    with open_book(book) as b:
        vid = b.vouchers.reverse(b.vouchers.find(ref).id, date)
    click.echo(f"Draft reversal {vid}")


# -- members ---------------------------------------------------------------------------------------------------
MEMBER_OPTIONS = (
    click.option("--name", default=None),
    click.option("--kind", type=click.Choice(["collective", "household", "person"]), default=None),
    click.option("--id-number", default=None, help="Resident ID or unified social credit code (checked)."),
    click.option("--parent", default=None, help="Code of the village or village group it belongs to."),
    click.option("--phone", default=None),
    click.option("--bank", default=None),
    click.option("--bank-account", default=None),
    click.option("--household-size", type=int, default=None),
    click.option("--joined", default=None, help="YYYY-MM-DD"),
    click.option("--note", default=None),
)


def _member_options(f):
    for option in reversed(MEMBER_OPTIONS):
        f = option(f)
    return f


@click.group()
def member() -> None:
    """Add, edit and record the leaving of members.

    \b
    Example:
      jointledger member add book.jlbook --code H0101 --name 王建国 --kind household --parent G01
    """


@member.command("add")
@BOOK
@click.option("--code", required=True)
@_member_options
def member_add(book: str, code: str, **values) -> None:
    """A new member."""
    with open_book(book) as b:
        b.members.add(code=code, **{k: v for k, v in values.items() if v is not None})
    click.echo(f"Added member {code}")


@member.command("edit")
@BOOK
@click.argument("code")
@_member_options
def member_edit(book: str, code: str, **values) -> None:
    """Change the fields given."""
    with open_book(book) as b:
        changed = b.members.update(code, **{k: v for k, v in values.items() if v is not None})
    click.echo(f"Changed {', '.join(changed) or 'nothing'}")


@member.command("leave")
@BOOK
@click.argument("code")
@click.option("--date", required=True, help="YYYY-MM-DD: holdings are zero from that date.")
def member_leave(book: str, code: str, date: str) -> None:
    """退出: the member stays with its history."""
    with open_book(book) as b:
        b.members.mark_left(code, date)
    click.echo(f"{code} left on {date}")


# -- accounts --------------------------------------------------------------------------------------------------
@click.group()
def account() -> None:
    """Sub-accounts (明细科目).

    \b
    Example:
      jointledger account add book.jlbook --parent 102 --name 农商银行
    """


@account.command("add")
@BOOK
@click.option("--parent", required=True, help="Code of the parent account.")
@click.option("--name", required=True)
@click.option("--code", default=None, help="Default: the parent's next free code.")
def account_add(book: str, parent: str, name: str, code: str | None) -> None:
    """A sub-account under PARENT."""
    with open_book(book) as b:
        made = b.accounts.by_id(b.accounts.add_sub(parent, name, code=code))
    click.echo(f"Added {made['code']} {made['name']}")


# -- assets ----------------------------------------------------------------------------------------------------
ASSET_OPTIONS = (
    click.option("--name", default=None),
    click.option("--category", default=None, help="fixed, biological, …"),
    click.option("--acquired", default=None, help="YYYY-MM-DD"),
    click.option("--cost", default=None, help="Original cost in yuan, e.g. 120000.00"),
    click.option("--life-months", type=int, default=None),
    click.option("--location", default=None),
    click.option("--note", default=None),
)


def _asset_options(f):
    for option in reversed(ASSET_OPTIONS):
        f = option(f)
    return f


def _asset_values(values: dict) -> dict:
    out = {k: v for k, v in values.items() if v is not None and k != "cost"}
    if values.get("cost") is not None:
        out["cost_fen"] = to_fen(values["cost"], "cost")
    return out


@click.group()
def asset() -> None:
    """Register, change and dispose of assets.

    \b
    Example:
      jointledger asset add book.jlbook --code ZC001 --name 冷库 --category fixed --acquired 2025-03-01 --cost 120000 --life-months 240
    """


@asset.command("add")
@BOOK
@click.option("--code", required=True)
@_asset_options
def asset_add(book: str, code: str, **values) -> None:
    """A new asset card."""
    with open_book(book) as b:
        b.assets.add(code=code, **_asset_values(values))
    click.echo(f"Added asset {code}")


@asset.command("edit")
@BOOK
@click.argument("code")
@_asset_options
def asset_edit(book: str, code: str, **values) -> None:
    """Change the fields given."""
    with open_book(book) as b:
        changed = b.assets.update(code, **_asset_values(values))
    click.echo(f"Changed {', '.join(changed) or 'nothing'}")


@asset.command("dispose")
@BOOK
@click.argument("code")
@click.option("--date", required=True, help="YYYY-MM-DD")
def asset_dispose(book: str, code: str, date: str) -> None:
    """处置: the asset leaves the register on DATE."""
    with open_book(book) as b:
        b.assets.set_status(code, "disposed", date)
    click.echo(f"{code} disposed on {date}")


def register(cli: click.Group) -> None:
    for group in (voucher, member, account, asset):
        cli.add_command(group)
