"""账簿: the general and detail ledgers of a chosen account for a year and a range of months."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from app.gui.context import AppContext, Page
from app.gui.ledger_view import LedgerView


class LedgersPage(Page):
    def __init__(self, ctx: AppContext):
        super().__init__(ctx)
        self._book = None
        self.view = LedgerView(ctx)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def title(self) -> str:
        return self.tr("账簿")

    def book_changed(self) -> None:
        book = self.ctx.book
        if book is not self._book:  # another book: its accounts, its last year with entries
            self._book = book
            self.view.fill_accounts()
            if book is not None:
                self.view.months.follow(book)
        self.refresh()

    def refresh(self) -> None:
        self.view.fill_accounts()
        self.view.load()
