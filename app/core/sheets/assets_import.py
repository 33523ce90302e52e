"""Importing the asset register (资产台账): each row checked by the same rules ``Assets.add`` applies."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.core.assets import CATEGORIES, STATUSES, category_label, status_label
from app.core.errors import ValidationError
from app.core.i18n import _, language, set_language
from app.core.progress import CancelToken, Progress
from app.core.sheets import values as v
from app.core.sheets.headers import Field, norm
from app.core.sheets.importing import Cells, Importer, Preview, RowPlan, duplicates

FIELDS = [
    Field("code", "资产编号", "Asset code", ("编号", "资产编码", "资产代码", "卡片编号", "code"), required=True),
    Field("name", "资产名称", "Asset name", ("名称", "name"), required=True),
    Field("category", "资产类别", "Category", ("类别", "资产类型", "category")),
    Field("location", "坐落位置", "Location", ("位置", "坐落", "地点", "存放地点", "location")),
    Field("quantity", "数量", "Quantity", ("面积", "数量或面积", "quantity")),
    Field("unit", "计量单位", "Unit", ("单位", "unit")),
    Field("acquired", "取得日期", "Acquired", ("购置日期", "购建日期", "取得时间", "入账日期", "acquired on")),
    Field("cost", "原值", "Cost", ("原价", "账面原值", "资产原值", "金额", "cost")),
    Field("contributor", "出资成员编号", "Contributor code", ("出资方编号", "投入成员编号", "contributor")),
    Field("life", "使用年限", "Useful life", ("预计使用月数", "使用月数", "折旧年限", "预计使用年限", "life", "life months")),
    Field("residual", "残值率", "Residual rate", ("预计净残值率", "净残值率", "residual")),
    Field("prior_depreciation", "已提折旧", "Prior depreciation", ("累计折旧", "期初累计折旧", "prior depreciation")),
    Field("status", "状态", "Status", ("使用状态", "资产状态", "status")),
    Field("note", "备注", "Note", ("说明", "note")),
]
COMPARED = ("name", "category", "location", "quantity_q", "unit", "acquired", "cost_fen", "contributor_id", "life_months",
            "residual_bp", "prior_depreciation_fen", "status", "note")  # fmt: skip


def _words(keys: tuple[str, ...], label) -> dict[str, str]:
    """Labels in both languages (and the keys themselves) → key."""
    out = {k: k for k in keys}
    current = language()
    try:
        for lang in ("zh", "en"):
            set_language(lang)
            out.update({norm(label(k)): k for k in keys})
    finally:
        set_language(current)
    return out


CATEGORY_WORDS = _words(CATEGORIES, category_label) | {"土地": "land", "资源": "land", "生物": "biological", "固定": "fixed"}
STATUS_WORDS = _words(STATUSES, status_label) | {"使用中": "in_use", "出租中": "leased", "处置": "disposed", "报废": "disposed"}


def _choice(words: dict[str, str]):
    def parse(value: Any) -> str:
        key = words.get(norm(value))
        if key is None:
            raise ValidationError(_("应为以下之一：{w}", "Expected one of: {w}", w="、".join(sorted(set(words) - set(words.values()))[:12])))
        return key

    return parse


def residual_bp(value: Any) -> int:
    """5% or 5 (percent) or 0.05 (a percent-formatted cell) → 500 basis points."""
    raw = v.text(value)
    percent = raw.endswith("%") or not (v.is_number(value) and value <= 1)
    d = Decimal(v.qty(raw.rstrip("%"))) / 10000 * (100 if percent else 10000)
    if d != d.to_integral_value():
        raise ValidationError(_("残值率最多两位小数", "A residual rate has at most two decimals"))
    return int(d)


class AssetsImporter(Importer):
    """Assets by code; life in months, or in years when the header says 年."""

    def fields(self) -> list[Field]:
        return FIELDS

    def check(self, preview: Preview, rows: list[Cells], progress: Progress, cancel: CancelToken) -> None:
        book = self.book
        current = {a["code"]: a for a in book.db.query("SELECT * FROM assets")}
        members = {r[0]: r[1] for r in book.db.execute("SELECT code, id FROM members")}
        in_years = "年" in (preview.header_of("life") or "") and "月" not in (preview.header_of("life") or "")
        for c in rows:
            vals: dict[str, Any] = {"code": c.get("code", v.text), "name": c.get("name", v.name)}
            vals["category"] = c.get("category", _choice(CATEGORY_WORDS), "fixed")
            vals["status"] = c.get("status", _choice(STATUS_WORDS), "in_use")
            for f in ("location", "unit", "note"):
                vals[f] = c.get(f, v.text, "")
            vals["quantity_q"] = c.get("quantity", v.qty, 0)
            vals["acquired"] = c.get("acquired", v.date)
            vals["cost_fen"] = c.get("cost", v.money, 0)
            vals["prior_depreciation_fen"] = c.get("prior_depreciation", v.money, 0)
            life = c.get("life", v.integer, 0)
            vals["life_months"] = life * 12 if in_years and life else life
            vals["residual_bp"] = c.get("residual", residual_bp, 0)
            contributor = c.get("contributor", v.text)
            if contributor and contributor not in members:
                c.error("contributor", _("账簿中没有这个成员", "The book has no such member"))
            vals["contributor_id"] = members.get(contributor) if contributor else None
            c.plan.values, c.plan.key = vals, vals["code"] or ""
        duplicates(rows, "code", lambda c: c.plan.values.get("code"))
        for c in rows:
            if c.plan.status == "rejected":
                continue
            vals, old = c.plan.values, current.get(c.plan.values["code"])
            try:
                book.assets._prepare(vals, old)  # the rules Assets.add and Assets.update apply
            except ValidationError as e:
                c.error(e.field if e.field in {f.name for f in FIELDS} else None, str(e))
                continue
            if old is None:
                continue
            c.plan.changes = {f: (old[f], vals[f]) for f in COMPARED if vals[f] != old[f] and (c.has(_source(f)) or f == "name")}
            c.plan.status = "changed" if c.plan.changes else "unchanged"

    def apply(self, preview: Preview, rows: list[RowPlan], progress: Progress, cancel: CancelToken) -> None:
        for r in rows:
            if r.status == "new":
                self.book.assets.add(**r.values)
            else:
                self.book.assets.update(r.values["code"], **{f: r.values[f] for f in r.changes})


def _source(field: str) -> str:
    """The sheet field a stored asset column comes from."""
    return {"quantity_q": "quantity", "cost_fen": "cost", "contributor_id": "contributor", "life_months": "life",
            "residual_bp": "residual", "prior_depreciation_fen": "prior_depreciation"}.get(field, field)
