"""The public notice (收益分配公示) for the village square: landscape A4 (or A3, the same layout scaled up),
every member with holdings and amounts, the header repeated on every page, 第 N 页 / 共 M 页, the posting period,
where objections go, and signature lines. IDs masked; no phone or bank numbers (they are not in the content)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.core.distribution.calc import FIXED
from app.core.distribution.documents import kept
from app.core.money import format_fen, format_qty
from app.core.pdf import layout

PAPERS = {"A4": landscape(A4), "A3": landscape(A3)}
W, H = landscape(A4)  # the layout is drawn on A4 and scaled to the paper
MARGIN = 28
ROW = 22
SIZE = 12
HEAD_TOP = H - 30
TABLE_TOP = H - 118
FOOTER = 62  # room for the posting period and the page number
SIGN_BLOCK = 70  # room for the totals line and signature lines on the last page
SIGNERS = ("会计", "理事长/主任", "监事会（村务监督委员会）")


def _columns(n: dict) -> tuple[list[str], list[float], list[str]]:
    """Titles, widths and alignments; the name column gets the width the longest name needs (within reason)."""
    titles = ["序号", "编号", "姓名/名称", "证件号码"]
    widths = [30.0, 50.0, 0.0, 122.0]
    aligns = ["center", "center", "left", "center"]
    for c in n["classes"]:
        titles.append(f"{c['name']}（{c['unit']}）")
        widths.append(62)
        aligns.append("right")
        if c["weighted"]:
            titles.append(f"{c['name']}金额")
            widths.append(84)
            aligns.append("right")
    if n["has_fixed"]:
        titles.append("保底收益")
        widths.append(84)
        aligns.append("right")
    titles.append("合计（元）")
    widths.append(92)
    aligns.append("right")
    if n.get("has_deductions"):
        titles += ["扣款（元）", "实发（元）"]
        widths += [80, 92]
        aligns += ["right", "right"]
    room = W - 2 * MARGIN
    longest = max((stringWidth(m["name"], layout.font(), SIZE) for m in n["members"]), default=60)
    widths[2] = max(min(longest + 8, 150.0), room - sum(widths))
    scale = min(1.0, room / sum(widths))
    return titles, [w * scale for w in widths], aligns


def _pages(count: int, kept_rows: int = 0) -> list[range]:
    """Rows per page; the last page keeps room for the totals row, the rows of what the collective keeps and the
    signatures (moving a row on)."""
    per_page = int((TABLE_TOP - ROW - MARGIN - FOOTER) // ROW)
    extra = 1 + kept_rows + -(-SIGN_BLOCK // ROW)
    pages = [range(i, min(i + per_page, count)) for i in range(0, count, per_page)] or [range(0)]
    last = pages[-1]
    if len(last) + extra > per_page:
        pages[-1:] = [range(last.start, last.stop - 1), range(last.stop - 1, last.stop)]
    return pages


def _header(c: Canvas, n: dict, titles: list[str], widths: list[float], aligns: list[str]) -> None:
    room = W - 2 * MARGIN
    figures = _figures(n)
    layout.text(c, MARGIN, HEAD_TOP - 22, _title(n), 24, width=room, align="center")
    taken = "，".join(f"{x['name']} {format_fen(x['amount_fen'])} 元" for x in n["withholdings"]) or "无"
    layout.text(
        c,
        MARGIN,
        HEAD_TOP - (44 if figures else 50),
        f"可分配收益 {format_fen(n['distributable_fen'])} 元；分配前提取：{taken}；"
        + (
            f"按股分配 {format_fen(n['pool_fen'])} 元。"
            if kept(n)
            else f"向成员分配合计 {format_fen(n['pool_fen'])} 元。"
        ),
        13,
        width=room,
        align="center",
    )
    layout.text(
        c,
        MARGIN,
        HEAD_TOP - (62 if figures else 72),
        f"股权登记日 {n['record_date']}　公示期 {n['start']} 起 {n['days']} 天（至 {n['end']}）"
        + (f"　校验码 {n['verification']}" if n.get("verification") else ""),
        12,
        width=room,
        align="center",
    )
    if figures:  # the rates and what the collective keeps, above the table
        layout.text(c, MARGIN, HEAD_TOP - 80, figures, 11, width=room, align="center")
    layout.cell_row(c, MARGIN, TABLE_TOP, widths, titles, ROW, SIZE - 1, ["center"] * len(titles))


def _title(n: dict) -> str:
    if n["kind"] == "plan_notice":
        return f"{n['org']}{n['year']}年度收益分配方案公示（方案）"
    return f"{n['org']}{n['year']}年度收益分配公示"


def _figures(n: dict) -> str:
    """The rate per share of each class, and what stays in the collective (集体股, 尾差)."""
    parts = [
        f"{c['name']}每{c['unit']} {format_fen(c['rate_fen'])} 元"
        for c in n["classes"]
        if c.get("rate_fen") is not None
    ]
    text = "每股分配：" + "，".join(parts) + "。" if parts else ""
    for label, amount, where in kept(n):
        text += f"{label} {format_fen(amount)} 元计入{where}。"
    return text


def _kept_row(n: dict, widths: list[float], label: str, amount: int, where: str) -> list[str]:
    values = ["", "", label, f"计入{where}"] + [""] * (len(widths) - 4)
    values[-3 if n.get("has_deductions") else -1] = format_fen(amount)
    return values


def _row(n: dict, i: int) -> list[str]:
    m = n["members"][i]
    values = [str(i + 1), m["code"], m["name"], m["id_masked"] or "—"]
    for c in n["classes"]:
        values.append(format_qty(m["units"].get(c["name"], 0)))
        if c["weighted"]:
            values.append(format_fen(m["parts"].get(c["name"], 0)))
    if n["has_fixed"]:
        values.append(format_fen(m["parts"].get(FIXED, 0)))
    values.append(format_fen(m["amount_fen"]))
    if n.get("has_deductions"):
        values += [format_fen(m["deductions_fen"]), format_fen(m["net_fen"])]
    return values


def _totals(n: dict) -> list[str]:
    values = ["合计", "", f"{len(n['members'])} 户/个", ""]
    for c in n["classes"]:
        values.append(format_qty(sum(m["units"].get(c["name"], 0) for m in n["members"])))
        if c["weighted"]:
            values.append(format_fen(sum(m["parts"].get(c["name"], 0) for m in n["members"])))
    if n["has_fixed"]:
        values.append(format_fen(sum(m["parts"].get(FIXED, 0) for m in n["members"])))
    values.append(format_fen(sum(m["amount_fen"] for m in n["members"])))
    if n.get("has_deductions"):
        values += [
            format_fen(sum(m["deductions_fen"] for m in n["members"])),
            format_fen(sum(m["net_fen"] for m in n["members"])),
        ]
    return values


def render_notice(n: dict, paper: str = "A4") -> bytes:
    """The unsigned PDF of the notice."""
    size = PAPERS[paper]
    scale = size[0] / W
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=size, pageCompression=1)
    c.setTitle(_title(n))
    c.setAuthor(n["org"])
    if n.get("verification"):
        c.setKeywords(f"jointledger:notice:{n['verification']}")
    c.setCreator("联营账簿 Joint Ledger")
    titles, widths, aligns = _columns(n)
    kept_rows = kept(n)
    pages = _pages(len(n["members"]), len(kept_rows))
    room = W - 2 * MARGIN
    for p, rows in enumerate(pages, start=1):
        c.scale(scale, scale)
        _header(c, n, titles, widths, aligns)
        y = TABLE_TOP - ROW
        for i in rows:
            layout.cell_row(c, MARGIN, y, widths, _row(n, i), ROW, SIZE, aligns)
            y -= ROW
        if p == len(pages):
            layout.cell_row(
                c,
                MARGIN,
                y,
                widths,
                _totals(n),
                ROW,
                SIZE,
                ["center", "center", "left", "center"] + aligns[4:],
            )
            for label, amount, where in kept_rows:
                y -= ROW
                layout.cell_row(
                    c,
                    MARGIN,
                    y,
                    widths,
                    _kept_row(n, widths, label, amount, where),
                    ROW,
                    SIZE,
                    ["center", "center", "left", "center"] + aligns[4:],
                )
            layout.signature_lines(c, MARGIN, y - ROW - 26, room, SIGNERS, 13)
        objections = n["objections"] or "本组织办公室"
        layout.text(
            c,
            MARGIN,
            MARGIN + 26,
            (
                "本表为分配方案，经成员（代表）大会通过并公示期满无异议后方可实施。"
                if n["kind"] == "plan_notice"
                else ""
            )
            + f"公示期 {n['days']} 天（{n['start']} 至 {n['end']}）。如有异议，请在公示期内向{objections}书面提出，"
            "将在十日内答复。",
            12,
            width=room,
        )
        layout.page_number(c, p, len(pages), W / 2, MARGIN + 4, 12)
        layout.fingerprint(c, MARGIN, MARGIN - 14, n.get("signer_fingerprint", ""), room)
        c.showPage()
    c.save()
    return buf.getvalue()
