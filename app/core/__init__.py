"""The domain of Joint Ledger (never imports Qt), and its facade for the shells.

The GUI and the CLI import from ``app.core`` only (tests/test_layers.py checks it): the book (``Book``) and the
values, labels and helpers below. Each name loads its module on first use, so the window starts without the
spreadsheet, distribution or signing code. Inside the core, modules import each other directly.
"""

from __future__ import annotations

import importlib
from typing import Any

_NAMES: dict[str, tuple[str, str]] = {
    "BOOK_SUFFIX": ("app.core.book", "BOOK_SUFFIX"),
    "Book": ("app.core.book", "Book"),
    "BookError": ("app.core.errors", "BookError"),
    "CATEGORIES": ("app.core.assets", "CATEGORIES"),
    "CancelToken": ("app.core.progress", "CancelToken"),
    "Cancelled": ("app.core.errors", "Cancelled"),
    "Column": ("app.core.sheets.writer", "Column"),
    "DEFAULT_USER": ("app.core.trust.users", "DEFAULT_USER"),
    "EXPORT_KINDS": ("app.core.sheets.exporters", "EXPORT_KINDS"),
    "Entry": ("app.core.trust.audit", "Entry"),
    "FIXED": ("app.core.distribution.calc", "FIXED"),
    "IMPORT_KINDS": ("app.core.sheets", "IMPORT_KINDS"),
    "KINDS": ("app.core.members", "KINDS"),
    "LineInput": ("app.core.vouchers", "LineInput"),
    "LoginRequired": ("app.core.trust.users", "LoginRequired"),
    "MemberReports": ("app.core.member_reports", "MemberReports"),
    "ORG_KINDS": ("app.core.settings", "ORG_KINDS"),
    "PAPERS": ("app.core.paper.page", "PAPERS"),
    "Preview": ("app.core.sheets.importing", "Preview"),
    "Progress": ("app.core.progress", "Progress"),
    "ROLES": ("app.core.trust.users", "ROLES"),
    "RawSheet": ("app.core.sheets.reader", "RawSheet"),
    "Render": ("app.core.paper.preview", "Render"),
    "RowPlan": ("app.core.sheets.importing", "RowPlan"),
    "SHARE_PREFIX": ("app.core.sheets.headers", "SHARE_PREFIX"),
    "STATUSES": ("app.core.assets", "STATUSES"),
    "SUFFIXES": ("app.core.sheets.reader", "SUFFIXES"),
    "Settings": ("app.core.settings", "Settings"),
    "Sync": ("app.core.sync", "Sync"),
    "TEMPLATE_KINDS": ("app.core.sheets.templates", "TEMPLATE_KINDS"),
    "ValidationError": ("app.core.errors", "ValidationError"),
    "Voucher": ("app.core.vouchers", "Voucher"),
    "_": ("app.core.i18n", "_"),
    "add_months": ("app.core.periods", "add_months"),
    "amount_in_words": ("app.core.money", "amount_in_words"),
    "build_demo": ("app.core.demo", "build_demo"),
    "category_label": ("app.core.assets", "category_label"),
    "check_password": ("app.core.trust.users", "check_password"),
    "deferred_check": ("app.core.trust.upgrade", "deferred_check"),
    "describe": ("app.core.trust.backups", "describe"),
    "direction": ("app.core.reports", "direction"),
    "field_problems": ("app.core.members", "field_problems"),
    "file_error": ("app.core.outfile", "file_error"),
    "format_fen": ("app.core.money", "format_fen"),
    "format_qty": ("app.core.money", "format_qty"),
    "cash_journal": ("app.core.journal", "journal"),
    "member_kind_label": ("app.core.members", "kind_label"),
    "month_end": ("app.core.periods", "month_end"),
    "needs_sealing": ("app.core.trust.backups", "needs_sealing"),
    "org_kind_label": ("app.core.settings", "org_kind_label"),
    "paper_books": ("app.core.paper", "books"),
    "paper_preview": ("app.core.paper.preview", "preview"),
    "paper_statements": ("app.core.paper", "statements"),
    "paper_vouchers": ("app.core.paper", "vouchers"),
    "pdf_keys": ("app.core.pdf", "keys"),
    "period_of": ("app.core.periods", "period_of"),
    "print_books": ("app.core.paper.books", "print_books"),
    "print_statement": ("app.core.paper.statements", "print_statement"),
    "print_vouchers": ("app.core.paper.vouchers", "print_vouchers"),
    "read_name": ("app.core.settings", "read_name"),
    "read_plan": ("app.core.distribution", "read_plan"),
    "read_sheet": ("app.core.sheets.reader", "read_sheet"),
    "restore_as_new": ("app.core.trust.backups", "restore_as_new"),
    "role_label": ("app.core.trust.users", "role_label"),
    "save_adjustment": ("app.core.paper.page", "save_adjustment"),
    "sealed": ("app.core.trust", "sealed"),
    "set_language": ("app.core.i18n", "set_language"),
    "sheet_kind_label": ("app.core.sheets", "kind_label"),
    "sheet_names": ("app.core.sheets.reader", "sheet_names"),
    "show_value": ("app.core.trust.audit", "show_value"),
    "shown": ("app.core.sheets.values", "shown"),
    "split": ("app.core.reports", "split"),
    "status_label": ("app.core.assets", "status_label"),
    "table_label": ("app.core.trust.audit", "table_label"),
    "test_page": ("app.core.paper.page", "test_page"),
    "to_fen": ("app.core.money", "to_fen"),
    "to_qty": ("app.core.money", "to_qty"),
    "user_names": ("app.core.trust.users", "user_names"),
    "verify_file": ("app.core.distribution.verify", "verify_file"),
    "write_table": ("app.core.sheets.writer", "write_table"),
    "write_template": ("app.core.sheets.templates", "write_template"),
}

__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _NAMES[name]
    except KeyError:
        raise AttributeError(f"app.core has no {name!r}") from None
    module = importlib.import_module(module_name)
    try:
        value = getattr(module, attr)
    except AttributeError:  # a submodule (app.core.paper.books)
        value = importlib.import_module(f"{module_name}.{attr}")
    globals()[name] = value
    return value
