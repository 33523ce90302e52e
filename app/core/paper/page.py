"""Papers, saved printer offsets and the drawing surface every paper layout uses.

A ``Sheet`` draws in millimetres from the top-left corner of the paper (as a ruler on the form reads), shifted by
the offsets saved for that paper on this computer (套打: lining up with pre-printed forms). Text goes into cells:
it is fitted (smaller type, then two lines) and never leaves its cell; with ``cells`` given, every cell drawn with
text is recorded (page, box in points, text) for the tests to compare with what poppler reads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.pdf.layout import font, wrap

MM = 72 / 25.4
MIN_SIZE = 6.5  # the smallest type on paper; below it text wraps


@dataclass(frozen=True)
class Paper:
    key: str
    width_mm: float
    height_mm: float
    slots: int = 1  # vouchers per sheet (a4-2up: two, with a cut line)


PAPERS = {
    p.key: p
    for p in (
        Paper("voucher-241x140", 241, 140),  # 金蝶/用友 针打二等分
        Paper("voucher-241x93", 241, 93),  # 三等分
        Paper("voucher-210x140", 210, 140),
        Paper("a4-2up", 210, 297, 2),
        Paper("a5", 210, 148),  # A5 landscape
        Paper("a4", 210, 297),
        Paper("a4-landscape", 297, 210),
    )
}


def paper(key: str) -> Paper:
    if key not in PAPERS:
        raise ValidationError(
            _(
                "没有纸张“{p}”，可选：{all}。",
                "There is no paper “{p}”; choose one of {all}.",
                p=key,
                all=", ".join(PAPERS),
            ),
            field="paper",
            code="paper.unknown",
        )
    return PAPERS[key]


# -- offsets and margins saved on this computer (printers differ, books do not) --------------------------------
BINDING_MARGIN = 14.0  # mm: the left edge of a voucher form, where it is bound


def _offsets_file() -> Path:
    from app.core.sync.identity import home

    return home() / "paper-offsets.json"


def _saved() -> dict[str, dict[str, float]]:
    try:
        saved = json.loads(_offsets_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return saved if isinstance(saved, dict) else {}


def load_offsets(key: str) -> tuple[float, float]:
    """The saved (right, down) shift in millimetres for ``key``; (0, 0) when none was saved."""
    mine = _saved().get(key, {})
    return float(mine.get("dx", 0.0)), float(mine.get("dy", 0.0))  # ok-float: millimetres on paper


def load_margin(key: str) -> float:
    """The binding margin (left edge of a voucher form) saved for ``key``, else the default."""
    return float(_saved().get(key, {}).get("margin", BINDING_MARGIN))  # ok-float: millimetres on paper


def save_adjustment(
    key: str, *, offset: tuple[float, float] | None = None, margin: float | None = None
) -> None:
    """Remember the shift (at most 20 mm either way) and/or the binding margin (5 to 40 mm) for ``key``."""
    paper(key)
    if offset is not None and (abs(offset[0]) > 20 or abs(offset[1]) > 20):
        raise ValidationError(
            _("偏移不能超过20毫米。", "An offset is at most 20 mm."),
            field="offset",
            code="paper.offset_range",
        )
    if margin is not None and not 5 <= margin <= 40:
        raise ValidationError(
            _("装订边距应在5到40毫米之间。", "The binding margin is 5 to 40 mm."),
            field="margin",
            code="paper.margin_range",
        )
    saved = _saved()
    mine = saved.setdefault(key, {})
    if offset is not None:
        mine["dx"], mine["dy"] = offset
    if margin is not None:
        mine["margin"] = margin
    path = _offsets_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(saved, indent=1), encoding="utf-8")


Cell = tuple[
    int, float, float, float, float, str
]  # page (1-based), x0, y0, x1, y1 in points from the top, text


class Sheet:
    """A PDF on one paper; ``page()`` starts the next page. Coordinates are mm from the top-left corner."""

    def __init__(
        self,
        out: BinaryIO | str | Path,
        p: Paper,
        title: str,
        *,
        offsets: bool = True,
        cells: list[Cell] | None = None,
    ):
        self.paper = p
        self.dx, self.dy = load_offsets(p.key) if offsets else (0.0, 0.0)
        self.canvas = Canvas(
            out if not isinstance(out, Path) else str(out), pagesize=(p.width_mm * MM, p.height_mm * MM)
        )
        self.canvas.setTitle(title)
        self.canvas.setCreator("联营账簿 Joint Ledger")
        self.font = font()
        self.pages = 0
        self.cells = cells
        self._fitted: dict[tuple[str, float, float, float], tuple[float, list[str]]] = {}

    def page(self) -> None:
        if self.pages:
            self.canvas.showPage()
        self.pages += 1
        self.canvas.setLineWidth(0.5)

    def finish(self) -> int:
        """Write the file; returns the number of pages."""
        if not self.pages:
            self.page()
        self.canvas.showPage()
        self.canvas.save()
        return self.pages

    def _x(self, x: float) -> float:
        return (x + self.dx) * MM

    def _y(self, y: float) -> float:
        return (self.paper.height_mm - y - self.dy) * MM

    # -- lines ---------------------------------------------------------------------------------------------------
    def line(
        self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5, dash: Sequence[float] = ()
    ) -> None:
        c = self.canvas
        c.setLineWidth(width)
        c.setDash(list(dash) if dash else [])
        c.line(self._x(x1), self._y(y1), self._x(x2), self._y(y2))
        if dash:
            c.setDash([])

    def rect(self, x: float, y: float, w: float, h: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.rect(self._x(x), self._y(y + h), w * MM, h * MM, stroke=1, fill=0)

    def grid(
        self, x: float, y: float, widths: Sequence[float], heights: Sequence[float], width: float = 0.5
    ) -> None:
        """The rules of a table: a frame, a vertical rule between columns and a horizontal one between rows."""
        total_w, total_h = sum(widths), sum(heights)
        self.rect(x, y, total_w, total_h, width + 0.3)
        cx = x
        for w in widths[:-1]:
            cx += w
            self.line(cx, y, cx, y + total_h, width)
        cy = y
        for h in heights[:-1]:
            cy += h
            self.line(x, cy, x + total_w, cy, width)

    # -- text ----------------------------------------------------------------------------------------------------
    def _fit(self, s: str, inner: float, height: float, size: float) -> tuple[float, list[str]]:
        """The type size and lines of ``s`` in a box of inner width × height (points); books repeat their
        summaries and account names, so the answers are kept for the document."""
        key = (s, inner, height, size)
        fitted = self._fitted.get(key)
        if fitted is None:
            size = min(size, height / 1.1)
            lines = [s]
            unit = stringWidth(s, self.font, 1)
            if unit * size > inner:
                size = max(MIN_SIZE, int(2 * inner / unit) / 2)
                if unit * size > inner:
                    size = min(size, height / 2.2)  # two lines must fit the height
                    lines = wrap(s, inner, size)
                    while size > 4 and (
                        len(lines) * size * 1.1 > height
                        or any(stringWidth(t, self.font, size) > inner for t in lines)
                    ):
                        size -= 0.25
                        lines = wrap(s, inner, size)
            fitted = self._fitted[key] = (size, lines)
        return fitted

    def text(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        s: str,
        size: float = 9,
        align: str = "left",
        pad: float = 1.2,
    ) -> None:
        """``s`` inside the cell [x, x + w] × [y, y + h]: smaller type when too wide, then wrapped, centred vertically."""
        if not s:
            return
        inner = (w - 2 * pad) * MM
        height = h * MM
        size, lines = self._fit(s, inner, height, size)
        c = self.canvas
        c.setFont(self.font, size)
        leading = size * 1.1
        top = self._y(y) - (height - leading * len(lines)) / 2  # the block is centred in the cell
        for i, t in enumerate(lines):
            base = top - leading * i - size * 0.82
            left = self._x(x) + pad * MM
            if align == "right":
                c.drawRightString(left + inner, base, t)
            elif align == "center":
                c.drawCentredString(left + inner / 2, base, t)
            else:
                c.drawString(left, base, t)
        if self.cells is not None:
            top_pt = (y + self.dy) * MM
            self.cells.append((self.pages, self._x(x), top_pt, self._x(x + w), top_pt + height, s))

    def row(
        self,
        x: float,
        y: float,
        widths: Sequence[float],
        h: float,
        values: Sequence[str],
        aligns: Sequence[str],
        size: float = 9,
    ) -> None:
        """One row of cells' text (the rules are drawn by ``grid``)."""
        for w, v, a in zip(widths, values, aligns, strict=True):
            self.text(x, y, w, h, v, size, a)
            x += w


def test_page(out: BinaryIO | str | Path, key: str) -> int:
    """A page for lining up pre-printed paper: a millimetre ruler along the top and left edges and crosses 10 mm
    in from each corner, all shifted by the saved offsets; the offsets themselves printed in the middle."""
    p = paper(key)
    s = Sheet(out, p, _("套打校准页", "Alignment page"))
    s.page()
    w, h = p.width_mm, p.height_mm
    for mm in range(0, int(w) + 1):
        s.line(mm, 0, mm, 5 if mm % 10 == 0 else 3 if mm % 5 == 0 else 1.5, 0.2)
        if mm % 10 == 0 and 0 < mm < w - 5:
            s.text(mm - 4, 5, 8, 4, str(mm), 6, "center", 0)
    for mm in range(0, int(h) + 1):
        s.line(0, mm, 5 if mm % 10 == 0 else 3 if mm % 5 == 0 else 1.5, mm, 0.2)
        if mm % 10 == 0 and 0 < mm < h - 5:
            s.text(5, mm - 2, 8, 4, str(mm), 6, "left", 0.5)
    for cx, cy in ((10, 10), (w - 10, 10), (10, h - 10), (w - 10, h - 10)):
        s.line(cx - 4, cy, cx + 4, cy, 0.3)
        s.line(cx, cy - 4, cx, cy + 4, 0.3)
    label = _(
        "纸张 {p}：向右 {dx} 毫米，向下 {dy} 毫米",
        "Paper {p}: {dx} mm right, {dy} mm down",
        p=key,
        dx=s.dx,
        dy=s.dy,
    )
    s.text(20, h / 2 - 5, w - 40, 10, label, 11, "center")
    return s.finish()
