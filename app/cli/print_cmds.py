"""``jointledger print``: vouchers, covers, account books and statements as PDF for the archive."""

from __future__ import annotations

import datetime as dt

import click

from app.cli.common import CliError, open_book
from app.core import PAPERS, Book, _, save_adjustment, test_page
from app.core import paper_books as books
from app.core import paper_statements as statements
from app.core import paper_vouchers as pv

KINDS = ("vouchers", "cover", *books.KINDS, *statements.KINDS, "test-page")


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise CliError(_("{o} 应为日期 YYYY-MM-DD。", "{o} is a date YYYY-MM-DD.", o=option)) from None


def _numbers(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    lo, _sep, hi = value.partition("-")
    if not lo.isdigit() or not (hi or lo).isdigit() or int(lo) > int(hi or lo):
        raise CliError(_("--numbers 应为 N 或 N-M，例如 1-20。", "--numbers is N or N-M, for example 1-20."))
    return int(lo), int(hi or lo)


def _months(
    b: Book, year: int, month: int | None, date_from: str | None, date_to: str | None
) -> tuple[int, int]:
    """The fiscal months a book or statement covers: one month, the months of a date range, or the year."""
    if month:
        return month, month
    periods = b.periods.year_periods(year)
    first = periods.index(date_from[:7]) + 1 if date_from and date_from[:7] in periods else 1
    last = periods.index(date_to[:7]) + 1 if date_to and date_to[:7] in periods else 12
    if first > last:
        raise CliError(_("--from 晚于 --to。", "--from is after --to."))
    return first, last


@click.command("print")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--year", type=int, required=True)
@click.option(
    "--month", type=click.IntRange(1, 12), default=None, help="One fiscal month (statements: as at its end)."
)
@click.option("--from", "date_from", default=None, help="First date, YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="Last date, YYYY-MM-DD.")
@click.option(
    "--account", default=None, help="Account code (books); without it, every account with activity."
)
@click.option(
    "--paper",
    "paper_key",
    type=click.Choice(list(PAPERS)),
    default=None,
    help="Vouchers: voucher-241x140 (default).",
)
@click.option("--numbers", default=None, help="Vouchers: a number range N-M within --month.")
@click.option("--drafts", is_flag=True, help="Vouchers: include drafts.")
@click.option("--grid", is_flag=True, help="Vouchers: the 金额线 digit cells.")
@click.option("--cover", "with_cover", is_flag=True, help="Vouchers: a cover before each month's volume.")
@click.option("--supervisor", default="", help="The 会计主管's name on vouchers and covers.")
@click.option("--cashier", default="", help="The 出纳's name on vouchers.")
@click.option(
    "--offset",
    nargs=2,
    type=float,
    default=None,
    help="Save the paper's shift RIGHT DOWN in mm (套打) first.",
)
@click.option(
    "--margin", type=float, default=None, help="Save the paper's binding margin in mm (vouchers) first."
)
@click.option("--out", type=click.Path(dir_okay=False), required=True)
def print_(
    book: str,
    kind: str,
    year: int,
    month: int | None,
    date_from: str | None,
    date_to: str | None,
    account: str | None,
    paper_key: str | None,
    numbers: str | None,
    drafts: bool,
    grid: bool,
    with_cover: bool,
    supervisor: str,
    cashier: str,
    offset: tuple[float, float] | None,
    margin: float | None,
    out: str,
) -> None:
    """Print vouchers, cover, ledger, general-ledger, journal, balance-sheet, income, trial-balance or test-page."""
    date_from, date_to = _date(date_from, "--from"), _date(date_to, "--to")
    if month and (date_from or date_to):
        raise CliError(
            _("请给出 --month 或 --from/--to，不要同时给出。", "Give --month or --from/--to, not both.")
        )
    paper_key = paper_key or (books.default_paper(kind) if kind in books.KINDS else "voucher-241x140")
    with open_book(book, readonly=True) as b:
        if offset is not None or margin is not None:
            save_adjustment(paper_key, offset=offset, margin=margin)
        if kind == "test-page":
            pages = test_page(out, paper_key)
        elif kind in ("vouchers", "cover"):
            sel = pv.Selection(year, month, date_from, date_to, _numbers(numbers), drafts)
            chosen = pv.select(b, sel)
            if not chosen:
                raise CliError(_("没有符合条件的凭证。", "No vouchers match."))
            people = pv.People(supervisor, cashier)
            if kind == "cover":
                pages = pv.print_covers(b, chosen, out, paper_key, people=people)
            else:
                pages = pv.print_vouchers(
                    b, chosen, out, paper_key, grid=grid, people=people, cover=with_cover
                )
        elif kind in books.KINDS:
            first, last = _months(b, year, month, date_from, date_to)
            codes = (
                [b.accounts.require(account)["code"]]
                if account
                else books.accounts_with_activity(b, kind, year)
            )
            if not codes:
                raise CliError(_("这一年没有发生额的科目。", "No account has activity in that year."))
            pages = books.print_books(
                b, kind, codes, year, out, month_from=first, month_to=last, paper_key=paper_key
            )
        else:
            first, last = _months(b, year, month, date_from, date_to)
            pages = statements.print_statement(b, kind, year, out, month_from=first, month_to=last)
    click.echo(f"{pages} page(s) → {out}")


def register(cli: click.Group) -> None:
    cli.add_command(print_)
