"""Paying the distribution out: the bank's batch-payment file (代发) for payouts recorded from a bank account, the
cash signature sheet (签领表) for payouts recorded from cash, and payments the bank sent back (a wrong account),
which reopen the household's payout. Both documents are built from the payouts recorded and checked against them.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.core.errors import BookError, ValidationError
from app.core.i18n import _
from app.core.money import amount_in_words, format_fen, to_fen
from app.core.ops import Op
from app.core.pdf import layout
from app.core.periods import parse_date
from app.core.vouchers import LineInput

if TYPE_CHECKING:
    from app.core.book import Book

FIELDS = ("户名", "账号", "金额", "开户行", "用途")
# the bank's own column titles for 户名, 账号, 金额, 开户行, 用途 (in the order of its upload template)
BANKS: dict[str, tuple[str, ...]] = {
    "通用": FIELDS,
    "农商银行": ("收款人户名", "收款人账号", "金额", "收款人开户行", "用途"),
    "农业银行": ("收款方户名", "收款方账号", "金额（元）", "收款方开户行", "附言"),
    "邮储银行": ("户名", "账号", "金额", "开户网点", "摘要"),
}

_PAYOUTS = """
SELECT p.id, p.amount_fen, p.paid_on, p.voucher_id, m.code, m.name, m.bank, m.bank_account, a.code AS from_account,
  coalesce((SELECT sum(r.amount_fen) FROM distribution_returns r JOIN vouchers rv ON rv.id = r.voucher_id
            WHERE r.payout_id = p.id), 0) AS returned_fen
FROM distribution_payouts p JOIN distribution_lines l ON l.id = p.line_id JOIN members m ON m.id = l.member_id
JOIN vouchers v ON v.id = p.voucher_id
JOIN voucher_lines vl ON vl.voucher_id = v.id AND vl.credit_fen > 0 JOIN accounts a ON a.id = vl.account_id
WHERE l.distribution_id = ? ORDER BY m.code, p.paid_on
"""


def recorded(book: Book, distribution_id: str, role: str) -> list[dict]:
    """The payouts recorded (and not sent back) from an account under ``role`` ("bank" or "cash")."""
    prefix = book.chart.roles[role]
    rows = [r for r in book.db.query(_PAYOUTS, [distribution_id]) if r["from_account"].startswith(prefix)]
    return [
        r | {"due_fen": r["amount_fen"] - r["returned_fen"]}
        for r in rows
        if r["amount_fen"] > r["returned_fen"]
    ]


def template(bank: str, columns: dict[str, str] | None = None) -> dict[str, str]:
    """Field (户名, 账号, 金额, 开户行, 用途) → the bank's column title, in the order of its file: a known bank's, or
    ``columns`` mapped by the user (at least 户名, 账号 and 金额)."""
    if columns:
        unknown = [f for f in columns if f not in FIELDS]
        if unknown or not {"户名", "账号", "金额"} <= set(columns):
            raise ValidationError(
                _(
                    "代发列应对应 {f}，且至少有户名、账号、金额。",
                    "The columns map {f}, at least 户名, 账号 and 金额.",
                    f="、".join(FIELDS),
                ),
                field="columns",
                code="payfile.columns",
            )
        return dict(columns)
    if bank not in BANKS:
        raise ValidationError(
            _(
                "没有“{b}”的代发模板（可用：{a}）。",
                "There is no batch template for “{b}” (known: {a}).",
                b=bank,
                a="、".join(BANKS),
            ),
            field="bank",
            code="payfile.bank",
        )
    return dict(zip(FIELDS, BANKS[bank], strict=True))


def payfile_rows(book: Book, distribution_id: str, year: int) -> list[dict[str, str]]:
    """The bank file's rows by field; refuses when a household paid through the bank has no account number."""
    payouts = recorded(book, distribution_id, "bank")
    if not payouts:
        raise BookError(
            _(
                "{y} 年没有从银行账户发放的记录，请先登记发放。",
                "No payouts from a bank account are recorded for {y}; record them first.",
                y=year,
            ),
            code="payfile.empty",
        )
    missing = sorted({p["code"] for p in payouts if not p["bank_account"]})
    if missing:
        raise BookError(
            _(
                "{c} 没有银行账号，不能代发。",
                "{c} have no bank account number; they cannot be paid by the bank.",
                c="、".join(missing),
            ),
            code="payfile.no_account",
        )
    purpose = _("{y}年度收益分配", "Income distribution {y}", y=year)
    return [
        {
            "户名": p["name"],
            "账号": p["bank_account"],
            "金额": format_fen(p["due_fen"], thousands=False),
            "开户行": p["bank"] or "",
            "用途": purpose,
        }
        for p in payouts
    ]


def write_payfile(
    book: Book,
    distribution_id: str,
    year: int,
    bank: str,
    path: str | Path,
    columns: dict[str, str] | None = None,
) -> dict:
    """Write the batch-payment file (.xlsx or .csv) in the bank's template (or ``columns``), read it back and
    check it against the payouts recorded."""
    import openpyxl  # only when writing one (it takes a while to load)

    titles = template(bank, columns)
    header = list(titles.values())
    rows = [[r[f] for f in titles] for r in payfile_rows(book, distribution_id, year)]
    amount = list(titles).index("金额")
    account = list(titles).index("账号")
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError(
            _("代发文件应为 .xlsx 或 .csv。", "The batch file is .xlsx or .csv."),
            field="out",
            code="payfile.format",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        target.write_text(buf.getvalue(), encoding="utf-8-sig")
    else:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "代发"
        ws.append(list(header))
        for r in rows:
            ws.append([Decimal(v) if i == amount else v for i, v in enumerate(r)])  # a number the bank reads as one
            ws.cell(ws.max_row, account + 1).number_format = "@"  # the account number stays text
            ws.cell(ws.max_row, amount + 1).number_format = "0.00"
        for i, title in enumerate(header):
            ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = (
                26 if i == account else max(12, 2 * len(title) + 4)
            )
        wb.save(target)
    return check_payfile(book, distribution_id, target, columns)


def read_payfile(path: str | Path, columns: dict[str, str] | None = None) -> list[tuple[str, str, int]]:
    """(户名, 账号, fen) of each row of a batch file, its columns found by their titles (any known bank's, or
    ``columns``)."""
    import openpyxl

    target = Path(path)
    if target.suffix.lower() == ".csv":
        table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    else:
        table = [
            [("" if v is None else str(v)) for v in row]
            for row in openpyxl.load_workbook(target).active.iter_rows(values_only=True)
        ]
    field_of = {
        title: field for titles in BANKS.values() for field, title in zip(FIELDS, titles, strict=True)
    }
    if columns:
        field_of |= {title: field for field, title in columns.items()}
    where = {field_of.get(str(title).strip()): i for i, title in enumerate(table[0] if table else [])}
    if not {"户名", "账号", "金额"} <= set(where):
        raise BookError(
            _("代发文件没有户名、账号、金额列。", "The batch file has no 户名, 账号 and 金额 columns."),
            code="payfile.mismatch",
        )
    return [
        (r[where["户名"]], r[where["账号"]], to_fen(r[where["金额"]].replace(",", ""), "amount"))
        for r in table[1:]
        if r and r[where["户名"]]
    ]


def check_payfile(
    book: Book, distribution_id: str, path: str | Path, columns: dict[str, str] | None = None
) -> dict:
    """Compare a batch file with the bank payouts recorded: the same households, accounts and amounts."""
    in_file = read_payfile(path, columns)
    expected = [(p["name"], p["bank_account"], p["due_fen"]) for p in recorded(book, distribution_id, "bank")]
    if sorted(in_file) != sorted(expected):
        raise BookError(
            _("代发文件与登记的发放记录不一致。", "The batch file does not match the payouts recorded."),
            code="payfile.mismatch",
        )
    return {"rows": len(in_file), "total_fen": sum(a for _n, _a, a in in_file), "path": str(path)}


# -- the cash signature sheet -----------------------------------------------------------------------------------
ROW_H = 34
COLS = (
    32,
    124,
    84,
    170,
    70,
    43,
)  # 序号, 户名, 金额, 大写, 签名/手印, 日期  (523 pt on A4 with 36 pt margins)


def write_signsheet(book: Book, distribution_id: str, year: int, path: str | Path) -> dict:
    """The 签领表 for the cash payouts recorded: household, amount in figures and in words, a box to sign or put a
    thumbprint in, and the date; totals at the end, checked against the payouts."""
    payouts = recorded(book, distribution_id, "cash")
    if not payouts:
        raise BookError(
            _(
                "{y} 年没有现金发放的记录，请先登记发放。",
                "No cash payouts are recorded for {y}; record them first.",
                y=year,
            ),
            code="signsheet.empty",
        )
    total = sum(p["due_fen"] for p in payouts)
    buf = io.BytesIO()
    w, h = A4
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle(f"{book.settings.name} {year}年度收益分配签领表")
    c.setCreator("联营账簿 Joint Ledger")
    left, top, bottom = 36, h - 110, 70
    per_page = int((top - bottom) // ROW_H) - 1
    pages = [payouts[i : i + per_page] for i in range(0, len(payouts), per_page)]
    aligns = ["center", "left", "right", "left", "center", "center"]
    for n, chunk in enumerate(pages, start=1):
        layout.text(
            c,
            left,
            h - 60,
            f"{book.settings.name}{year}年度收益分配签领表",
            18,
            width=w - 2 * left,
            align="center",
        )
        layout.text(
            c, left, h - 86, "领款人核对金额无误后签名或按手印。", 11, width=w - 2 * left, align="center"
        )
        layout.cell_row(
            c,
            left,
            top,
            list(COLS),
            ["序号", "户名", "金额（元）", "金额（大写）", "签名/手印", "日期"],
            ROW_H,
            11,
            ["center"] * 6,
        )
        y = top - ROW_H
        for i, p in enumerate(chunk, start=(n - 1) * per_page + 1):
            layout.cell_row(
                c,
                left,
                y,
                list(COLS),
                [
                    str(i),
                    f"{p['code']} {p['name']}",
                    format_fen(p["due_fen"]),
                    amount_in_words(p["due_fen"]),
                    "",
                    "",
                ],
                ROW_H,
                11,
                aligns,
            )
            y -= ROW_H
        if n == len(pages):
            layout.cell_row(
                c,
                left,
                y,
                list(COLS),
                ["合计", f"{len(payouts)} 户", format_fen(total), amount_in_words(total), "", ""],
                ROW_H,
                11,
                aligns,
            )
            layout.signature_lines(c, left, y - ROW_H - 20, w - 2 * left, ("发放人", "监督人", "会计"), 12)
        layout.page_number(c, n, len(pages), w / 2, 36, 10)
        c.showPage()
    c.save()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buf.getvalue())
    return {"rows": len(payouts), "total_fen": total, "path": str(target)}


# -- payments sent back -----------------------------------------------------------------------------------------
def return_payment(book: Book, distribution_id: str, member: str, *, date: str, reason: str) -> str:
    """The bank sent a payment back (a wrong account): a draft voucher puts the money back in the bank and on the
    member's account, and the member's payout is open again. Returns the voucher id."""
    book.require_writable()
    member_id = book.members.resolve(member)
    payout = next(
        (
            p
            for p in reversed(recorded(book, distribution_id, "bank"))
            if p["code"] == book.members.get(member_id)["code"]
        ),
        None,
    )
    if payout is None:
        raise BookError(
            _(
                "成员“{m}”没有经银行发放的款项可退回。",
                "Member “{m}” has no bank payment to return.",
                m=member,
            ),
            code="payout.no_bank_payment",
        )
    if not reason.strip():
        raise ValidationError(
            _("请写明退回原因。", "Give the reason the bank returned it."),
            field="reason",
            code="payout.return_reason",
        )
    day = parse_date(date).isoformat()
    account = next(
        iter(
            book.db.query(
                "SELECT a.code FROM voucher_lines vl JOIN accounts a ON a.id = vl.account_id WHERE vl.voucher_id = ? AND vl.debit_fen > 0",
                [payout["voucher_id"]],
            )
        )
    )["code"]
    summary = _(
        "银行退回收益分配款：{c} {n}（{r}）",
        "Distribution returned by the bank: {c} {n} ({r})",
        c=payout["code"],
        n=payout["name"],
        r=reason.strip(),
    )
    with book.transact(Op.PAY):
        vid = book.vouchers.create(
            day,
            [
                LineInput(payout["from_account"], summary, debit_fen=payout["due_fen"]),
                LineInput(account, summary, credit_fen=payout["due_fen"]),
            ],
            kind="payout",
            note=reason.strip(),
        )
        book.store.insert(
            "distribution_returns",
            {
                "payout_id": payout["id"],
                "amount_fen": payout["due_fen"],
                "returned_on": day,
                "reason": reason.strip(),
                "voucher_id": vid,
            },
        )
    return vid
