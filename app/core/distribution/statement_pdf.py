"""The member's statement (收益分配明细单), A4 portrait, drawn from its content (see ``documents``)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.core.distribution.documents import kept
from app.core.money import format_fen
from app.core.pdf import layout

SIGNERS = ("会计", "理事长/主任", "监事会", "领款人")


def render_statement(s: dict) -> bytes:
    """The unsigned PDF of one statement."""
    buf = io.BytesIO()
    w, h = A4
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle(f"{s['org']} {s['year']}年度收益分配明细单 {s['code']}")
    c.setAuthor(s["org"])
    c.setKeywords(f"jointledger:statement:{s['verification']}")
    c.setCreator("联营账簿 Joint Ledger")
    left, right = 56, w - 56
    width = right - left
    layout.text(c, left, h - 70, s["org"], 16, width=width, align="center")
    layout.text(c, left, h - 102, f"{s['year']}年度收益分配明细单", 22, width=width, align="center")
    layout.text(
        c,
        left,
        h - 126,
        f"股权登记日：{s['record_date']}    分配日期：{s['date']}",
        10.5,
        width=width,
        align="right",
    )
    y = h - 136
    quarter = [90, width / 2 - 90, 90, width / 2 - 90]
    aligns = ["center", "left", "center", "left"]
    layout.cell_row(c, left, y, quarter, ["成员编号", s["code"], "成员名称", s["name"]], 26, 12, aligns)
    layout.cell_row(
        c,
        left,
        y - 26,
        quarter,
        ["证件号码", s["id_masked"] or "—", "校验码", s["verification"]],
        26,
        12,
        aligns,
    )
    y -= 70
    cols = [width * 0.42, width * 0.26, width * 0.32]
    layout.cell_row(c, left, y, cols, ["分配项目", "持有数量", "金额（元）"], 26, 12)
    y -= 26
    for r in s["rows"]:
        layout.cell_row(
            c,
            left,
            y,
            cols,
            [r["label"], r["units"], format_fen(r["amount_fen"])],
            26,
            12,
            ["left", "right", "right"],
        )
        y -= 26
    deductions = s.get("deductions", [])
    net = s.get("net_fen", s["amount_fen"])
    layout.cell_row(
        c,
        left,
        y,
        cols,
        ["应分合计", "", format_fen(s["amount_fen"])],
        26,
        12.5,
        ["center", "right", "right"],
    )
    for d in deductions:
        y -= 26
        layout.cell_row(
            c,
            left,
            y,
            cols,
            [f"扣：{d['reason']}", "", f"-{format_fen(d['amount_fen'])}"],
            26,
            12,
            ["left", "right", "right"],
        )
    if deductions:
        y -= 26
        layout.cell_row(
            c, left, y, cols, ["实发金额", "", format_fen(net)], 26, 12.5, ["center", "right", "right"]
        )
    y -= 52
    label = "实发金额" if deductions else "应分金额"
    layout.text(c, left, y, f"{label}（小写）：¥{format_fen(net)}", 13)
    y -= 26
    layout.text(c, left, y, f"{label}（大写）：{s['words']}", 13, width=width)
    y -= 40
    taken = "；".join(f"{x['name']} {format_fen(x['amount_fen'])} 元" for x in s["withholdings"]) or "无"
    kept_here = [f"{label} {format_fen(amount)} 元计入{where}" for label, amount, where in kept(s)]
    summary = (
        f"本年度可分配收益 {format_fen(s['distributable_fen'])} 元，分配前提取：{taken}；"
        + (
            f"按股分配 {format_fen(s['pool_fen'])} 元，其中" + "、".join(kept_here) + "。"
            if kept_here
            else f"向成员分配合计 {format_fen(s['pool_fen'])} 元。"
        )
        + ("" if deductions else "本人无其他扣款。")
    )
    y = layout.paragraph(c, left, y, summary, width, 10.5)
    y -= 40
    layout.signature_lines(c, left, y, width, SIGNERS[:2], 12)
    layout.signature_lines(c, left, y - 40, width, SIGNERS[2:], 12)
    layout.text(c, left, y - 80, "领款日期：", 12)
    qr_size = 92
    layout.qr(c, f"JL:{s['verification']}", right - qr_size, 58, qr_size)
    layout.text(
        c, right - qr_size - 20, 48, f"校验码 {s['verification']}", 9, width=qr_size + 20, align="right"
    )
    note = (
        f"本明细单由{s['org']}电子签名。核对印刷件：jointledger verify 账簿文件 --code {s['verification']}；"
        "核对电子文件：jointledger verify 本文件.pdf --book 账簿文件。"
    )
    layout.paragraph(c, left, 120, note, width - qr_size - 30, 9)
    layout.fingerprint(c, left, 30, s.get("signer_fingerprint", ""), width)
    c.showPage()
    c.save()
    return buf.getvalue()
