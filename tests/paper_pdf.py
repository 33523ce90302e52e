"""What poppler reads from a printed PDF: page sizes and word boxes (``pdftotext -bbox``), checked against the
cells the layout recorded while drawing. Shared by tests/test_paper_*.py."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
TOLERANCE = 0.6  # points: poppler rounds glyph boxes


@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]

    @property
    def size_mm(self) -> tuple[float, float]:
        return round(self.width / MM, 1), round(self.height / MM, 1)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def has(self, text: str) -> bool:
        return any(w.text == text for w in self.words)


def read(pdf: Path) -> list[Page]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [
            Word(float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in re.findall(
                r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>',
                m.group(3),
            )
        ]
        pages.append(Page(float(m.group(1)), float(m.group(2)), words))
    return pages


def _inside(w: Word, x0: float, y0: float, x1: float, y1: float) -> bool:
    t = TOLERANCE
    return w.x0 >= x0 - t and w.y0 >= y0 - t and w.x1 <= x1 + t and w.y1 <= y1 + t


def check_cells(pages: list[Page], cells: list[tuple]) -> None:
    """Every word lies inside the page and inside a cell the layout drew text in; every cell reads back whole
    (its words, in reading order, spell its text: nothing cut or elided)."""
    by_page: dict[int, list[tuple]] = {}
    for cell in cells:
        by_page.setdefault(cell[0], []).append(cell)
    for n, page in enumerate(pages, start=1):
        mine = by_page.get(n, [])
        for w in page.words:
            assert _inside(w, 0, 0, page.width, page.height), (n, w)
            assert any(_inside(w, *c[1:5]) for c in mine), (n, w)
        for _n, x0, y0, x1, y1, text in mine:
            inside = [w for w in page.words if _inside(w, x0, y0, x1, y1)]
            inside.sort(key=lambda w: (round(w.y0), w.x0))
            assert "".join(w.text for w in inside) == "".join(text.split()), (
                n,
                text,
                [w.text for w in inside],
            )


def fen(text: str) -> int:
    """A printed amount (60,445.35) as integer fen."""
    t = text.replace(",", "")
    sign = -1 if t.startswith("-") else 1
    yuan, _dot, cents = t.lstrip("-").partition(".")
    return sign * (int(yuan) * 100 + int((cents + "00")[:2]))


def row_after(page: Page, label: str) -> list[str]:
    """The words on the same line as the (last) word ``label``, left to right, after it."""
    hit = [w for w in page.words if w.text == label][-1]
    mid = (hit.y0 + hit.y1) / 2
    same = sorted((w for w in page.words if w.y0 <= mid <= w.y1 and w.x0 > hit.x0), key=lambda w: w.x0)
    return [w.text for w in same]
