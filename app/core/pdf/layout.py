"""Drawing helpers the documents share: text fitted to a width, wrapped paragraphs, tables cells, signature
lines, a QR code and page numbers. Coordinates are reportlab points from the bottom left."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.core.pdf.fonts import register


def font() -> str:
    return register()


def fit(text: str, width: float, size: float, min_size: float = 6) -> tuple[str, float]:
    """The text and a font size at which it fits ``width``: smaller type first, then cut with an ellipsis."""
    unit = stringWidth(text, font(), 1)  # widths scale with the size
    if unit * size <= width:
        return text, size
    size = max(min_size, int(2 * width / unit) / 2) if unit else size
    while text and stringWidth(text, font(), size) > width:
        text = text[:-2] + "…" if len(text) > 1 else ""
    return text, size


def text(c: Canvas, x: float, y: float, s: str, size: float, *, width: float | None = None, align: str = "left") -> None:
    """Draw ``s`` with its baseline at y; with a width it is fitted and aligned inside [x, x + width]."""
    if width is not None:
        s, size = fit(s, width, size)
    c.setFont(font(), size)
    if align == "left" or width is None:
        c.drawString(x, y, s)
    elif align == "right":
        c.drawRightString(x + width, y, s)
    else:
        c.drawCentredString(x + width / 2, y, s)


def wrap(s: str, width: float, size: float) -> list[str]:
    """Break text into lines no wider than ``width`` (character by character: Chinese has no spaces)."""
    name = font()
    lines, line, used = [], "", 0.0
    for ch in s:
        w = stringWidth(ch, name, size)
        if used + w > width and line:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def paragraph(c: Canvas, x: float, y: float, s: str, width: float, size: float, leading: float | None = None) -> float:
    """Draw wrapped text from baseline y downwards; returns the baseline below the last line."""
    leading = leading or size * 1.5
    c.setFont(font(), size)
    for line in wrap(s, width, size):
        c.drawString(x, y, line)
        y -= leading
    return y


def cell_row(
    c: Canvas, x: float, y: float, widths: Sequence[float], values: Sequence[str], height: float, size: float,
    aligns: Sequence[str] | None = None,
) -> None:
    """One table row with its top at y: boxed cells, text fitted and vertically centred."""
    aligns = aligns or ["center"] * len(values)
    pad = 3
    for w, v, a in zip(widths, values, aligns, strict=True):
        c.rect(x, y - height, w, height, stroke=1, fill=0)
        text(c, x + pad, y - height / 2 - size * 0.35, v, size, width=w - 2 * pad, align=a)
        x += w


def signature_lines(c: Canvas, x: float, y: float, width: float, labels: Sequence[str], size: float) -> None:
    """“会计：________” and so on, spread evenly over ``width`` on one line."""
    step = width / len(labels)
    for i, label in enumerate(labels):
        lx = x + i * step
        c.setFont(font(), size)
        c.drawString(lx, y, f"{label}：")
        start = lx + stringWidth(f"{label}：", font(), size) + 2
        c.line(start, y - 2, lx + step - 12, y - 2)


def qr(c: Canvas, data: str, x: float, y: float, size: float) -> None:
    """A QR code of ``data`` (with its quiet zone) filling the square of side ``size`` at (x, y).

    Encoded with reportlab's encoder at a fixed mask pattern (any mask is valid; choosing the best one costs
    more than the rest of a statement), drawn as one path of horizontal runs in module units rather than a shape per module."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(data)
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    n = code.getModuleCount()
    runs = []
    for row in range(n):
        col = 0
        while col < n:
            if code.isDark(row, col):
                run = col
                while run < n and code.isDark(row, run):
                    run += 1
                runs.append(f"{col} {n - 1 - row} {run - col} 1 re")
                col = run
            col += 1
    module = size / (n + 8)
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    c.transform(module, 0, 0, module, x + 4 * module, y + 4 * module)  # one unit per module: integer operators
    c.addLiteral(" ".join(runs) + " f")
    c.restoreState()


def page_number(c: Canvas, n: int, total: int, x: float, y: float, size: float) -> None:
    """第 N 页 / 共 M 页, centred on x."""
    c.setFont(font(), size)
    c.drawCentredString(x, y, f"第 {n} 页 / 共 {total} 页")


def fingerprint(c: Canvas, x: float, y: float, fp: str, width: float) -> None:
    """The signer certificate's fingerprint in small type: what ``verify`` prints, for a villager to compare."""
    if fp:
        text(c, x, y, f"签名证书指纹 SHA-256：{fp}", 6.5, width=width)
