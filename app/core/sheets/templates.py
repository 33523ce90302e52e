"""Empty workbooks to fill in: the import's headers, one example row, drop-down lists where values come from a list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import BookError
from app.core.i18n import _
from app.core.ids import make_resident_id
from app.core.shares import DEFAULT_CLASSES
from app.core.sheets import IMPORT_KINDS, kind_label
from app.core.sheets.writer import Column, write_csv, write_table

if TYPE_CHECKING:
    from app.core.book import Book

TEMPLATE_KINDS = IMPORT_KINDS
_EXAMPLE_ID = make_resident_id("330106", dt.date(1968, 5, 12), 21)
KIND_CHOICES = ["农户", "个人", "集体组织"]
CATEGORY_CHOICES = ["固定资产", "生物资产", "土地及资源", "无形资产", "其他"]
STATUS_CHOICES = ["在用", "出租", "已处置"]


def _classes(book: Book | None) -> list[tuple[str, str]]:
    if book is None:
        return DEFAULT_CLASSES["collective"]
    return [(c["name"], c["unit"]) for c in book.shares.classes()]


def _groups(book: Book | None) -> list[str]:
    if book is None:
        return []
    return [r[0] for r in book.db.execute("SELECT name FROM members WHERE kind = 'collective' ORDER BY code")][:50]


def _spec(kind: str, book: Book | None) -> tuple[list[Column], list[Any], dict[str, list[str]]]:
    """Columns, the example row and the drop-down lists (by header) of a kind."""
    T, M, Q, N, D = "text", "money", "qty", "int", "date"
    groups = _groups(book)
    if kind == "members":
        classes = _classes(book)
        cols = [("成员编号", T), ("姓名或名称", T), ("成员类别", T), ("证件号码", T), ("所属组织", T), ("联系电话", T),
                ("开户银行", T), ("银行账号", T), ("家庭人口", N), ("加入日期", D), ("备注", T)]
        cols += [(f"{n}({u})", Q) for n, u in classes]
        example = ["H0001", "张三", "农户", _EXAMPLE_ID, groups[0] if groups else "第1村民小组", "13800000000", "农商银行",
                   "6210400000000001", 4, "2024-01-01", "", *([40000] + [0] * (len(classes) - 1))]
        lists = {"成员类别": KIND_CHOICES, "所属组织": groups}
    elif kind == "holdings":
        names = [n for n, _u in _classes(book)]
        cols = [("成员编号", T), ("姓名或名称", T), ("股份类别", T), ("持股数量", Q), ("生效日期", D)]
        example = ["H0001", "张三", names[0], 40000, "2024-01-01"]
        lists = {"股份类别": names}
    elif kind == "assets":
        cols = [("资产编号", T), ("资产名称", T), ("资产类别", T), ("坐落位置", T), ("数量", Q), ("计量单位", T),
                ("取得日期", D), ("原值", M), ("出资成员编号", T), ("使用年限(月)", N), ("残值率", T), ("已提折旧", M),
                ("状态", T), ("备注", T)]
        example = ["GD001", "村办公楼", "固定资产", "村委会", 10000, "幢", "2015-06-30", 120000000, "", 360, "5%", 0, "在用", ""]
        lists = {"资产类别": CATEGORY_CHOICES, "状态": STATUS_CHOICES}
    elif kind == "accounts":
        cols = [("科目编码", T), ("科目名称", T), ("上级科目编码", T), ("成员编号", T)]
        example = ["10201", "农商银行营业部", "102", ""]
        lists = {}
    elif kind == "opening":
        cols = [("科目编码", T), ("科目名称", T), ("期初借方余额", M), ("期初贷方余额", M)]
        example = ["101", "库存现金", 2000000, None]
        lists = {}
    else:  # vouchers
        cols = [("日期", D), ("凭证号", T), ("摘要", T), ("科目编码", T), ("科目名称", T), ("借方金额", M), ("贷方金额", M),
                ("成员编号", T), ("附件数", N)]
        example = ["2026-01-05", "1", "提取备用金", "101", "库存现金", 500000, None, "", 1]
        lists = {}
    return [Column(h, k) for h, k in cols], example, {h: v for h, v in lists.items() if v}


def write_template(book: Book | None, kind: str, path: Path) -> None:
    """An .xlsx template (title, headers, example, drop-down lists) or a .csv one (headers and example), by suffix."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise BookError(_("模板文件应为 .xlsx 或 .csv。", "A template is a .xlsx or a .csv file."), code="template.format")
    columns, example, lists = _spec(kind, book)
    headers = [c.header for c in columns]
    title = _("{k}导入模板（第3行是示例，导入时跳过）", "{k} import template (row 3 is an example; the import skips it)", k=kind_label(kind))
    example[0] = _("示例：", "示例: ") + str(example[0])  # the importer skips the example row
    columns[0] = Column(columns[0].header)  # text, so the marked example fits (a date typed there still reads)
    if suffix == ".csv":
        write_csv(path, columns, [example])
        return
    write_table(path, title, columns, [example], choices={headers.index(h): v for h, v in lists.items()})
