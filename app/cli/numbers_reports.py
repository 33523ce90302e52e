"""The `report` kinds of the member accounts and the monthly 收支明细表: income-detail, subsidiary (every member's
balance on 113/211/212), receivables (ageing) and statement-of-account (对账单 of one member)."""

from __future__ import annotations

import click

from app.cli.common import CliError
from app.core import Book, MemberReports, direction, format_fen, month_end

KINDS = ("income-detail", "subsidiary", "receivables", "statement-of-account")


def build(b: Book, kind: str, year: int, first: int, to: int, member: str | None, date: str | None) -> dict:
    if kind == "income-detail":
        return b.reports.income_expense_detail(year)
    reports = MemberReports(b)
    if kind == "subsidiary":
        return reports.balances(year, to)
    if kind == "receivables":
        return reports.ageing(date or month_end(f"{year:04d}-{to:02d}").isoformat())
    if not member:
        raise CliError("A statement of account needs --member CODE.")
    return reports.statement(member, year, first, to)


def echo(kind: str, data: dict) -> None:
    f = format_fen
    if kind == "income-detail":
        click.echo(f"收支明细表 {data['year']}")
        click.echo(
            f"{'科目':<20}" + "".join(f"{p[5:] + '月':>14}" for p in data["periods"]) + f"{'合计':>16}"
        )
        for r in data["rows"]:
            label = "  " * (r["level"] - 1) + f"{r['code']} {r['name']}"
            click.echo(
                f"{label:<20}"
                + "".join(f"{f(v, blank_zero=True):>14}" for v in r["months_fen"])
                + f"{f(r['total_fen']):>16}"
            )
    elif kind == "subsidiary":
        codes = [a["code"] for a in data["accounts"]]
        click.echo(f"往来余额表（按成员） 截至 {data['date']}")
        click.echo(
            f"{'成员':<20}"
            + "".join(f"{a['code'] + ' ' + a['name']:>18}" for a in data["accounts"])
            + f"{'合计':>18}"
        )
        for r in data["rows"]:
            click.echo(
                f"{r['member'] + ' ' + r['name']:<20}"
                + "".join(f"{f(r['balances_fen'][c]):>18}" for c in codes)
                + f"{f(r['net_fen']):>18}"
            )
        click.echo(f"{'未指明成员':<20}" + "".join(f"{f(data['unassigned_fen'][c]):>18}" for c in codes))
        click.echo(f"{'合计':<20}" + "".join(f"{f(data['totals_fen'][c]):>18}" for c in codes))
    elif kind == "receivables":
        click.echo(f"往来账龄分析表 截至 {data['as_of']}")
        click.echo(
            f"{'成员':<20}"
            + "".join(f"{label:>14}" for label in data["labels"])
            + f"{'合计':>16}{'贷方余额':>16}"
        )
        for r in data["rows"]:
            click.echo(
                f"{r['member'] + ' ' + r['name']:<20}"
                + "".join(f"{f(v, blank_zero=True):>14}" for v in r["buckets_fen"])
                + f"{f(r['owed_fen']):>16}{f(r['credit_fen'], blank_zero=True):>16}"
            )
        click.echo(f"{'合计':<20}" + "".join(f"{f(v):>14}" for v in data["totals_fen"]))
    else:
        click.echo(f"对账单 {data['member']} {data['name']} {data['from']} — {data['to']}")
        for r in data["rows"]:
            click.echo(
                f"{r.get('date', ''):<12}{r.get('voucher', ''):<8}{r.get('account', ''):<6}{r['summary'][:24]:<26}"
                f"{f(r.get('debit_fen', 0), blank_zero=True):>16}{f(r.get('credit_fen', 0), blank_zero=True):>16}"
                f"  {direction(r['balance_fen'])} {f(abs(r['balance_fen'])):>16}"
            )
