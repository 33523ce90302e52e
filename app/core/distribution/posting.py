"""Posting a distribution: one voucher (收益分配 to 公积公益金, to payables, and to each member's sub-account).

Segregation of duties: the voucher is created as a draft (kind ``distribution``) by the user who posts the
plan; someone else reviews and posts it through the ordinary voucher workflow. The distribution's figures are
recorded at once, so a second posting for the same year is refused; deleting the draft voucher lets the
distribution lapse (it can then be posted again).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from app.core.distribution.plan import MEMBER_ACCOUNT
from app.core.distribution.preview import Preview
from app.core.errors import BookError
from app.core.i18n import _
from app.core.money import format_fen
from app.core.ops import Op
from app.core.store import canonical, utc_now
from app.core.vouchers import LineInput

if TYPE_CHECKING:
    from app.core.book import Book


def member_role(book: Book, preview: Preview) -> str:
    """Where the members' amounts go: 113 内部往来 in a village collective, 211 应付款 in a joint operation."""
    return preview.plan.account or ("internal" if book.settings.kind == "collective" else "payable")


def _withholding_accounts(book: Book, name: str) -> tuple[str, str]:
    """(debit, credit) account codes of a withholding, by its name and the chart's roles."""
    roles = book.chart.roles
    if "公积" in name:
        return roles["dist_reserve"], roles["reserve"]
    if "福利" in name and "dist_welfare" in roles:  # the 2004 chart's 提取应付福利费 → 应付福利费
        welfare = next(
            (a for a in book.accounts.list() if a["name"] == "应付福利费" and a["level"] == 1), None
        )
        if welfare and welfare["is_leaf"]:
            return roles["dist_welfare"], welfare["code"]
    debit = roles["dist_investors"] if "外来投资" in name else roles["dist_other"]
    return debit, _payable_account(book, name)


def _payable_account(book: Book, name: str) -> str:
    payable = book.accounts.require(book.chart.roles["payable"])
    label = _("收益分配-{n}", "Distribution - {n}", n=name)
    if payable["is_leaf"] and book.accounts.is_used(payable["id"]):
        return payable["code"]
    for child in book.accounts.children(payable["id"]):
        if child["name"] == label and not child["member_id"]:
            return child["code"]
    return book.accounts.by_id(book.accounts.add_sub(payable["code"], label))["code"]


def member_accounts(book: Book, members: list[dict], role: str) -> dict[str, str]:
    """Member code → the member's sub-account code under ``role``, made for those without one.

    ``Accounts.member_account`` reloads the chart after each new account (fine for one, minutes for 5,000), so
    the missing ones are added here in one pass, numbered as it numbers them: the parent's code and a serial
    of the width its sub-accounts already use (codes of one parent stay the same length, so none is a prefix of
    another). When that width has no room left, it falls back to ``member_account``.
    """
    parent = book.accounts.require(book.chart.roles[role])
    children = book.accounts.children(parent["id"])
    by_member = {c["member_id"]: c["code"] for c in children if c["member_id"]}
    missing = [m for m in members if m["id"] not in by_member]
    used = [int(c["code"][len(parent["code"]) :]) for c in children]
    width = len(children[0]["code"]) - len(parent["code"]) if children else max(2, len(str(len(missing))))
    first = max(used, default=0) + 1
    if missing and first + len(missing) - 1 >= 10**width:
        return {
            m["code"]: by_member.get(m["id"]) or book.accounts.member_account(m["code"], role)
            for m in members
        }
    with book.transact(Op.DISTRIBUTE):
        for i, m in enumerate(missing):
            code = f"{parent['code']}{first + i:0{width}d}"
            book.store.insert(
                "accounts",
                {
                    "code": code,
                    "name": f"{m['code']} {m['name']}",
                    "parent_id": parent["id"],
                    "class": parent["class"],
                    "normal_side": parent["normal_side"],
                    "member_id": m["id"],
                    "asset_id": None,
                },
            )
            by_member[m["id"]] = code
    book.accounts.invalidate()
    return {m["code"]: by_member[m["id"]] for m in members}


def _kept(preview: Preview) -> list[tuple[str, int, str]]:
    """What stays in the collective: (label, fen, 未分配收益 or 公积公益金) for the 集体股 and the 尾差."""
    plan, r = preview.plan, preview.result
    return [
        (_("集体股", "collective shares"), r.collective_fen, plan.collective_to),
        (_("尾差", "remainder"), r.remainder_fen, plan.remainder_to),
    ]


def _record(book: Book, year: int) -> dict | None:
    return next(iter(book.db.query("SELECT * FROM distributions WHERE year = ?", [year])), None)


def _lapsed(book: Book, row: dict) -> bool:
    return not book.db.execute("SELECT 1 FROM vouchers WHERE id = ?", [row["voucher_id"]]).fetchone()


def existing(book: Book, year: int) -> dict | None:
    """The distribution recorded for ``year``; a record whose draft voucher was deleted has lapsed (None)."""
    row = _record(book, year)
    return None if row is None or _lapsed(book, row) else row


def require(book: Book, year: int) -> dict:
    row = existing(book, year)
    if row is None:
        raise BookError(_("{y} 年还没有过账的收益分配。", "No distribution has been posted for {y}.", y=year))
    return row


def _remove(book: Book, distribution_id: str) -> None:
    with book.transact(Op.DISTRIBUTE):
        for table, col in (
            ("distribution_documents", "distribution_id"),
            ("distribution_lines", "distribution_id"),
        ):
            for (rid,) in book.db.execute(
                f"SELECT id FROM {table} WHERE {col} = ?", [distribution_id]
            ).fetchall():
                book.store.delete(table, rid)
        book.store.delete("distributions", distribution_id)


def post(book: Book, preview: Preview) -> str:
    """Record the distribution and create its draft voucher. Returns the distribution's id."""
    book.require_writable()
    plan, result = preview.plan, preview.result
    old = _record(book, plan.year)
    if old is not None and _lapsed(book, old):
        _remove(book, old["id"])
    elif old is not None:
        raise BookError(
            _(
                "{y} 年的收益分配已经过账，不能重复过账。",
                "The distribution for {y} has already been posted; it cannot be posted twice.",
                y=plan.year,
            )
        )
    roles = book.chart.roles
    summary = _("{y}年度收益分配", "Income distribution {y}", y=plan.year)
    role = member_role(book, preview)
    rows = preview.rows()
    kept = _kept(preview)
    with book.transact(Op.DISTRIBUTE):
        lines: list[LineInput] = []
        withholdings = []
        for name, amount in result.withholdings:
            if not amount:
                withholdings.append({"name": name, "amount_fen": 0, "account": ""})
                continue
            debit, credit = _withholding_accounts(book, name)
            withholdings.append({"name": name, "amount_fen": amount, "account": credit})
            lines.append(LineInput(debit, f"{summary}：{name}", debit_fen=amount))
            lines.append(LineInput(credit, f"{summary}：{name}", credit_fen=amount))
        to_reserve = sum(amount for label, amount, where in kept if where == "公积公益金")
        if to_reserve:
            label = "、".join(label for label, amount, where in kept if where == "公积公益金" and amount)
            lines.append(LineInput(roles["dist_reserve"], f"{summary}：{label}", debit_fen=to_reserve))
            lines.append(LineInput(roles["reserve"], f"{summary}：{label}", credit_fen=to_reserve))
        member_rows = [preview.members[m.code] for m in result.members]
        accounts = member_accounts(book, member_rows, role)
        own = (
            accounts
            if role == "internal"
            else member_accounts(book, member_rows, "internal")
            if preview.deductions
            else {}
        )
        if result.members_fen:
            lines.append(
                LineInput(
                    roles["dist_members"],
                    f"{summary}：{_('向成员分配', 'to members')}",
                    debit_fen=result.members_fen,
                )
            )
            for row in rows:
                if row["net_fen"]:
                    lines.append(
                        LineInput(
                            accounts[row["code"]],
                            f"{summary}：{row['code']}",
                            credit_fen=row["net_fen"],
                            member=row["code"],
                        )
                    )
                for d in row["deductions"]:
                    if d["amount_fen"]:
                        account = own[row["code"]] if d["account"] == MEMBER_ACCOUNT else d["account"]
                        lines.append(
                            LineInput(
                                account,
                                f"{summary}：{row['code']} {_('扣', 'less')} {d['reason']}",
                                credit_fen=d["amount_fen"],
                                member=row["code"],
                            )
                        )
        if not lines:
            raise BookError(
                _("没有可分配的金额。", "There is nothing to distribute."), code="distribution.nothing"
            )
        note = "；".join(
            [summary]
            + [
                _("{l} {a} 元计入{w}", "{l} {a} to {w}", l=label, a=format_fen(amount), w=where)
                for label, amount, where in kept
                if amount
            ]
        )
        voucher_id = book.vouchers.create(plan.date, lines, kind="distribution", note=note)
        did = book.store.insert(
            "distributions",
            {
                "year": plan.year,
                "plan": plan.text,
                "record_date": plan.record_date,
                "date": plan.date,
                "distributable_fen": result.distributable_fen,
                "pool_fen": result.pool_fen,
                "withholdings": canonical(withholdings),
                "voucher_id": voucher_id,
                "created_by": book.user,
                "created_at": utc_now(),
                "details": canonical(preview.details()),
            },
        )
        for m, row in zip(result.members, rows, strict=True):
            book.store.insert(
                "distribution_lines",
                {
                    "distribution_id": did,
                    "member_id": preview.members[m.code]["id"],
                    "account_id": book.accounts.require(accounts[m.code])["id"],
                    "amount_fen": m.amount_fen,
                    "parts": canonical(m.parts),
                    "units": canonical(m.units_q),
                    "deductions": canonical(row["deductions"]),
                    "net_fen": row["net_fen"],
                },
            )
    return did


def discard(book: Book, year: int) -> None:
    """Withdraw a distribution whose voucher is still a draft (the voucher is deleted with it)."""
    row = existing(book, year)
    if row is None:
        raise BookError(_("{y} 年没有收益分配。", "There is no distribution for {y}.", y=year))
    if book.vouchers.get(row["voucher_id"]).status != "draft":
        raise BookError(
            _(
                "{y} 年的分配凭证已审核或记账，只能用红字凭证冲销。",
                "The distribution voucher of {y} is reviewed or posted; reverse it instead.",
                y=year,
            )
        )
    if book.db.execute(
        "SELECT 1 FROM distribution_payouts p JOIN distribution_lines l ON l.id = p.line_id WHERE l.distribution_id = ?",
        [row["id"]],
    ).fetchone():
        raise BookError(
            _(
                "已有发放记录，不能撤回分配。",
                "Payouts have been recorded; the distribution cannot be withdrawn.",
            )
        )
    with book.transact(Op.DISTRIBUTE):
        book.vouchers.delete_draft(row["voucher_id"])
        _remove(book, row["id"])


def lines(book: Book, distribution_id: str) -> list[dict]:
    """The members' lines with their names, codes and masked-ready ID numbers, by member code."""
    out = []
    for r in book.db.query(
        "SELECT l.*, m.code, m.name, m.id_number, a.code AS account_code FROM distribution_lines l"
        " JOIN members m ON m.id = l.member_id JOIN accounts a ON a.id = l.account_id"
        " WHERE l.distribution_id = ? ORDER BY m.code",
        [distribution_id],
    ):
        r["parts"] = json.loads(r["parts"])
        r["units"] = json.loads(r["units"])
        r["deductions"] = json.loads(r["deductions"])
        if r["net_fen"] is None:
            r["net_fen"] = r["amount_fen"]
        out.append(r)
    return out
