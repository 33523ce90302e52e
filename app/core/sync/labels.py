"""What a conflict is about, in the accountant's words: "H0040 张三 · 联系电话", "2025-12 记-3 · 摘要",
"10201 农商银行 · 名称", instead of a row id and a column name."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from app.core.i18n import _

if TYPE_CHECKING:
    from app.core.book import Book

FIELDS: dict[str, tuple[str, str]] = {
    "code": ("编号", "code"),
    "name": ("名称", "name"),
    "kind": ("类别", "kind"),
    "id_number": ("证件号码", "ID number"),
    "parent_id": ("上级", "parent"),
    "phone": ("联系电话", "phone"),
    "bank": ("开户银行", "bank"),
    "bank_account": ("银行账号", "bank account"),
    "household_size": ("家庭人口", "household size"),
    "joined": ("加入日期", "joined"),
    "left_on": ("退出日期", "left"),
    "note": ("备注", "note"),
    "summary": ("摘要", "summary"),
    "debit_fen": ("借方金额", "debit"),
    "credit_fen": ("贷方金额", "credit"),
    "account_id": ("科目", "account"),
    "member_id": ("成员", "member"),
    "asset_id": ("资产", "asset"),
    "date": ("日期", "date"),
    "period": ("期间", "period"),
    "status": ("状态", "status"),
    "word": ("凭证字", "voucher word"),
    "attachments": ("附件数", "attachments"),
    "units_q": ("份额", "units"),
    "effective": ("生效日期", "effective"),
    "value": ("值", "value"),
    "location": ("存放地点", "location"),
    "cost_fen": ("原值", "cost"),
    "retired": ("停用", "retired"),
    "_exists": ("整条记录", "the record itself"),
    "*": ("整条修改", "the whole change"),
}


def field_label(field: str) -> str:
    zh, en = FIELDS.get(field, (field, field))
    return _(zh, en)


def _row(book: Book, tbl: str, row_id: str) -> dict[str, Any]:
    """The row as it is, or (deleted, or never applied) as its changes in the log describe it."""
    found = list(book.db.query(f"SELECT * FROM [{tbl}] WHERE id = ?", [row_id]))
    if found:
        return found[0]
    row: dict[str, Any] = {}
    for (data,) in book.db.execute(
        "SELECT data FROM changes WHERE tbl = ? AND row_id = ? AND data IS NOT NULL ORDER BY seq",
        [tbl, row_id],
    ):
        row.update(json.loads(data))
    return row


def _named(book: Book, tbl: str, row_id: str | None) -> str:
    if not row_id:
        return ""
    row = _row(book, tbl, row_id)
    return " ".join(str(row[k]) for k in ("code", "name") if row.get(k)) or row_id[:8]


def row_code(book: Book, tbl: str, row_id: str) -> tuple[str, str]:
    """(the code people look a row up by, the row's name): ("H0040", "H0040 张三"), ("2025-12 记-3", …)."""
    row = _row(book, tbl, row_id)
    if tbl in ("members", "accounts", "assets") and row.get("code"):
        code = str(row["code"])
        return code, " ".join(filter(None, (code, row.get("name"))))
    if tbl == "vouchers":
        number = row.get("number")
        code = f"{row.get('period', '')} {row.get('word', '记')}-{number if number else _('草稿', 'draft')}".strip()
        return code, code
    if tbl == "voucher_lines":
        code = row_code(book, "vouchers", row["voucher_id"])[0] if row.get("voucher_id") else row_id[:8]
        return code, f"{code} " + _("第{n}行", "line {n}", n=row.get("seq", "?"))
    if tbl == "holdings":
        member = _named(book, "members", row.get("member_id"))
        share = _row(book, "share_classes", row["class_id"]).get("name", "") if row.get("class_id") else ""
        return member.split(" ")[0], " ".join(filter(None, (member, share, row.get("effective"))))
    for key in ("code", "key", "period", "name", "loser_change"):
        if row.get(key):
            return str(row[key]), str(row[key])
    return row_id[:8], row_id[:8]


def describe(book: Book, tbl: str, row_id: str, field: str) -> dict[str, str]:
    """``code`` and ``label`` ("H0040 张三 · 联系电话") of a conflict on one field of one row."""
    code, name = row_code(book, tbl, row_id)
    return {"code": code, "label": f"{name} · {field_label(field)}"}
