"""Organization settings, stored as synced key/value rows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.chart import CHART_VERSIONS
from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.ids import credit_code_problem, normalize
from app.core.ops import Op

if TYPE_CHECKING:
    from app.core.book import Book

ORG_KINDS = ("joint", "collective")


def org_kind_label(kind: str) -> str:
    return {"joint": _("联营组织", "joint operation"), "collective": _("村集体经济组织", "village collective")}[kind]


def read_name(path: Path | str) -> str:
    """The organisation's name in a book file, read without opening the book ("" when it cannot be read)."""
    import sqlite3

    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'name'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""


class Settings:
    def __init__(self, book: Book):
        self.book = book
        self._cache: dict[str, str] | None = None

    def _all(self) -> dict[str, str]:
        if self._cache is None:
            self._cache = {r[0]: r[1] for r in self.book.db.execute("SELECT key, value FROM settings")}
        return self._cache

    def invalidate(self) -> None:
        self._cache = None

    def get(self, key: str, default: str | None = None) -> str | None:
        return self._all().get(key, default)

    def set(self, key: str, value: str) -> None:
        """Write one setting (validated) in its own transaction, or inside the caller's."""
        self.book.check(Op.SET_SETTING)
        value = self.validate(key, value)
        book = self.book
        with book.transact(Op.SET_SETTING):
            row = book.db.execute("SELECT id FROM settings WHERE key = ?", [key]).fetchone()
            if row:
                book.store.update("settings", row[0], {"value": value})
            else:
                book.store.insert("settings", {"key": key, "value": value})
        self.invalidate()

    @staticmethod
    def validate(key: str, value: str) -> str:
        value = str(value).strip()
        if key == "name" and not value:
            raise ValidationError(_("请填写组织名称。", "The organization's name is required."), field=key)
        if key == "kind" and value not in ORG_KINDS:
            raise ValidationError(_("组织类型应为 joint 或 collective。", "The kind is joint or collective."), field=key)
        if key == "credit_code" and value:
            value = normalize(value)
            problem = credit_code_problem(value)
            if problem:
                raise ValidationError(problem, field=key)
        if key == "chart" and value not in CHART_VERSIONS:
            raise ValidationError(_("会计制度版本应为 2023 或 2004。", "The chart version is 2023 or 2004."), field=key)
        if key == "fiscal_year_start" and (not value.isdigit() or not 1 <= int(value) <= 12):
            raise ValidationError(_("会计年度起始月应为1到12。", "The fiscal year starts in month 1 to 12."), field=key)
        return value

    # typed views of the common settings
    @property
    def name(self) -> str:
        return self.get("name", "")

    @property
    def kind(self) -> str:
        return self.get("kind", "joint")

    @property
    def credit_code(self) -> str:
        return self.get("credit_code", "")

    @property
    def chart(self) -> str:
        return self.get("chart", "2023")

    @property
    def fiscal_year_start(self) -> int:
        return int(self.get("fiscal_year_start", "1"))

    @property
    def start_period(self) -> str:
        return self.get("start_period", "2000-01")
