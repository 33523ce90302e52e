"""Spreadsheets in and out: import rosters, holdings, assets, accounts, opening balances and vouchers from
.xlsx/.xls/.csv; export tables that print and import back; empty templates with drop-down lists.

``book.sheets.preview(kind, path)`` is the dry run (nothing written); ``book.sheets.apply(preview)`` writes it in one
transaction; ``write_rejected`` gives the rejected rows back as a workbook with a reason column.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import BookError
from app.core.i18n import _
from app.core.ops import Op
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sheets.headers import field_lookup, find_header, guess_mapping, header_key
from app.core.sheets.importing import Importer, Preview, check_rows
from app.core.sheets.reader import RawSheet, read_sheet, sheet_names
from app.core.sheets.values import shown, text
from app.core.sheets.writer import Column, write_table
from app.core.store import utc_now

if TYPE_CHECKING:
    from app.core.book import Book

IMPORTERS = {
    "members": "app.core.sheets.members_import:MembersImporter",
    "holdings": "app.core.sheets.holdings_import:HoldingsImporter",
    "assets": "app.core.sheets.assets_import:AssetsImporter",
    "accounts": "app.core.sheets.ledger_import:AccountsImporter",
    "opening": "app.core.sheets.ledger_import:OpeningImporter",
    "vouchers": "app.core.sheets.ledger_import:VouchersImporter",
}
IMPORT_KINDS = tuple(IMPORTERS)


def kind_label(kind: str) -> str:
    labels = {
        "members": _("成员名册", "members"),
        "holdings": _("持股", "holdings"),
        "assets": _("资产", "assets"),
        "accounts": _("明细科目", "sub-accounts"),
        "opening": _("期初余额", "opening balances"),
        "vouchers": _("凭证", "vouchers"),
    }
    return labels[kind]


class Sheets:
    def __init__(self, book: Book):
        self.book = book

    def importer(self, kind: str) -> Importer:
        if kind not in IMPORTERS:
            raise BookError(_("不能导入“{k}”。", "“{k}” cannot be imported.", k=kind))
        module, cls = IMPORTERS[kind].split(":")
        return getattr(importlib.import_module(module), cls)(self.book)

    @staticmethod
    def sheet_names(path: Path | str) -> list[str]:
        return sheet_names(path)

    # -- import --------------------------------------------------------------------------------------------
    def preview(
        self,
        kind: str,
        path: Path | str,
        sheet: str | None = None,
        *,
        mapping: dict[int, str] | None = None,
        options: dict[str, Any] | None = None,
        raw: RawSheet | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> Preview:
        """The dry run: every row checked, nothing written. ``mapping`` (column index → field) corrects the guess."""
        imp = self.importer(kind)
        raw = raw or read_sheet(path, sheet)
        fields = imp.fields()
        preview = Preview(kind, raw.file, raw.name, fields, options=dict(options or {}))
        lookup = field_lookup(fields, imp.share_classes())
        index = find_header(raw.rows, lookup)
        if index is None:
            wanted = "、".join(f.label() for f in fields if f.required) or "、".join(f.label() for f in fields[:4])
            preview.notes.append(preview.problem(_("找不到表头行：应有“{h}”等列", "No header row found: expected columns such as “{h}”", h=wanted)))
            return preview
        preview.header_row = index + 1
        preview.headers = [text(h) for h in raw.rows[index]]
        if mapping is None:
            mapping = self.saved_mapping(kind, preview.headers) or guess_mapping(preview.headers, lookup)
        known = set(lookup.values()) | {f.name for f in fields}
        preview.mapping = {i: f for i, f in mapping.items() if f in known and i < len(preview.headers)}
        for f in fields:
            if f.required and f.name not in preview.mapping.values():
                preview.notes.append(preview.problem(_("缺少“{h}”列", "The “{h}” column is missing", h=f.label())))
        if preview.file_errors():
            return preview
        check_rows(imp, preview, raw.rows, index, progress, cancel)
        return preview

    def apply(
        self,
        preview: Preview,
        *,
        valid_only: bool = False,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> dict[str, int]:
        """Write the preview in one transaction: all rows, or with ``valid_only`` the valid ones. Returns counts."""
        self.book.require_writable()
        self.book.check(Op.IMPORT)
        errors = preview.file_errors()
        if errors or (not preview.ok and not valid_only):
            n = len(preview.problems())
            raise BookError(
                _("文件有{n}处问题，未导入任何数据。", "The file has {n} problem(s); nothing was imported.", n=n)
                + "\n" + "\n".join(str(p) for p in preview.problems()[:200])
            )
        rows = [r for r in preview.rows if r.status in ("new", "changed")]
        imp = self.importer(preview.kind)
        self.book.backups.before("import")
        with self.book.transact(Op.IMPORT):
            imp.apply(preview, rows, progress, cancel)
            cancel.check()
            self.save_mapping(preview)
        return preview.counts()

    def write_rejected(self, preview: Preview, path: Path | str) -> int:
        """The rejected rows as they were, with the row they came from and the reasons. Returns the row count."""
        rejected = [r for r in preview.rows if r.status == "rejected"]
        width = len(preview.headers)
        columns = [Column(h or " ") for h in preview.headers]
        columns += [Column(_("原行号", "Source row"), "int"), Column(_("问题", "Problems"), width=60)]
        rows = (
            [*(shown(c) for c in (r.cells + [None] * width)[:width]), r.row,
             "；".join(f"{p.column or ''} {p.message}".strip() for p in r.problems)]
            for r in rejected
        )
        title = _("{f} 中被拒绝的行", "Rejected rows of {f}", f=preview.file)
        write_table(path, title, columns, rows)
        return len(rejected)

    # -- saved mappings (local to this file, not synced) ----------------------------------------------------
    def saved_mapping(self, kind: str, headers: list[str]) -> dict[int, str] | None:
        row = self.book.db.execute("SELECT mapping FROM sheet_mappings WHERE key = ?", [header_key(kind, headers)]).fetchone()
        return {int(k): f for k, f in json.loads(row[0]).items()} if row else None

    def save_mapping(self, preview: Preview) -> None:
        self.book.db.execute(
            "INSERT OR REPLACE INTO sheet_mappings (key, kind, headers, mapping, saved_at) VALUES (?, ?, ?, ?, ?)",
            [header_key(preview.kind, preview.headers), preview.kind, json.dumps(preview.headers, ensure_ascii=False),
             json.dumps({str(i): f for i, f in sorted(preview.mapping.items())}, ensure_ascii=False), utc_now()],
        )

    # -- export and templates ------------------------------------------------------------------------------
    def export(self, kind: str, path: Path | str, **options: Any) -> int:
        """Write a table of the book to .xlsx, .csv or .json (by the suffix). Returns the number of rows."""
        from app.core.sheets.exporters import export

        return export(self.book, kind, Path(path), **options)

    def template(self, kind: str, path: Path | str) -> None:
        from app.core.sheets.templates import write_template

        write_template(self.book, kind, Path(path))
