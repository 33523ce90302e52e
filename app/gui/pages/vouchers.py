"""凭证: the list of vouchers (filtered by month, status and summary text, loaded page by page as it scrolls) and
the voucher entry screen, opened from the list or with 新增凭证."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import CancelToken, add_months, period_of
from app.gui.context import AppContext, Page
from app.gui.report_table import fit_columns
from app.gui.sheet_buttons import SheetButtons
from app.gui.voucher_entry import VoucherEditor
from app.gui.widgets.table import ColumnSpec, TableView


class VouchersPage(Page):
    def __init__(self, ctx: AppContext):
        super().__init__(ctx)
        self._book = None  # the book the page was last filled from
        statuses = {"draft": self.tr("草稿"), "reviewed": self.tr("已审核"), "posted": self.tr("已记账")}
        kinds = {
            "normal": self.tr("普通"),
            "opening": self.tr("期初"),
            "reversal": self.tr("冲销"),
            "depreciation": self.tr("折旧"),
            "closing": self.tr("结转"),
            "distribution": self.tr("分配"),
            "payout": self.tr("支付"),
        }
        columns = [
            ColumnSpec("period", self.tr("期间"), width=6, sortable=False),
            ColumnSpec("voucher", self.tr("凭证号"), width=6, sortable=False),
            ColumnSpec("date", self.tr("日期"), "date", width=7, sortable=False),
            ColumnSpec("summary", self.tr("摘要"), width=20, sortable=False),
            ColumnSpec("total_fen", self.tr("金额"), "money", width=9, sortable=False),
            ColumnSpec("status", self.tr("状态"), width=5, label=statuses.get, sortable=False),
            ColumnSpec("kind", self.tr("类型"), width=4, label=kinds.get, sortable=False),
            ColumnSpec("preparer", self.tr("制单"), width=5, sortable=False),
            ColumnSpec("reviewer", self.tr("审核"), width=5, sortable=False),
            ColumnSpec("attachments", self.tr("附件"), "int", width=4, sortable=False),
        ]
        self.table = TableView(self.tr("凭证"), columns, self._count, self._fetch, placeholder=self.tr("按摘要筛选"))
        fit_columns(self.table)
        self.period = QComboBox()
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for key, text in statuses.items():
            self.status.addItem(text, key)
        for combo in (self.period, self.status):
            combo.currentIndexChanged.connect(self.table.reload)
        self.table.buttons.insertWidget(0, QLabel(self.tr("期间：")))
        self.table.buttons.insertWidget(1, self.period)
        self.table.buttons.insertWidget(2, QLabel(self.tr("状态：")))
        self.table.buttons.insertWidget(3, self.status)
        self.table.add_button(self.tr("新增凭证"), self.new_voucher)
        self.table.add_button(self.tr("打开"), self.open_current)
        self.table.add_button(self.tr("批量审核"), self.review_all)
        self.table.add_button(self.tr("批量记账"), self.post_all)
        self.table.add_widget(SheetButtons(ctx, "vouchers"))
        self.table.activated.connect(lambda row: self.open_voucher(row["id"]))
        new_action = QAction(self)
        new_action.setShortcut(QKeySequence("Ctrl+N"))
        new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_action.triggered.connect(self.new_voucher)
        self.table.addAction(new_action)

        self.editor = VoucherEditor(ctx)
        back = QPushButton(self.tr("← 返回凭证列表"))
        back.clicked.connect(self.show_list)
        entry = QWidget()
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addStretch(1)
        entry_layout.addLayout(top)
        entry_layout.addWidget(self.editor, 1)

        self.note = QLabel()  # what the last batch did
        self.note.setWordWrap(True)
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.table, 1)
        listing_layout.addWidget(self.note)

        self.stack = QStackedWidget()
        self.stack.addWidget(listing)
        self.stack.addWidget(entry)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    def title(self) -> str:
        return self.tr("凭证")

    # -- data ----------------------------------------------------------------------------------------------
    def _filters(self) -> dict:
        return {"period": self.period.currentData(), "status": self.status.currentData()}

    def _count(self, text: str) -> int:
        book = self.ctx.book
        return book.vouchers.count(text=text or None, **self._filters()) if book else 0

    def _fetch(self, text: str, order: str, descending: bool, offset: int, limit: int) -> list[dict]:
        book = self.ctx.book
        if book is None:
            return []
        rows = book.vouchers.list(text=text or None, offset=offset, limit=limit, **self._filters())
        for r in rows:
            r["voucher"] = f"{r['word']}-{r['number']}" if r["number"] else ""
        return rows

    def _fill_periods(self) -> None:
        """全部期间 and every month from the book's first to this one, newest first."""
        book = self.ctx.book
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItem(self.tr("全部期间"), None)
        if book is not None:
            period, last = book.settings.start_period, period_of(dt.date.today())
            months = []
            while period <= last:
                months.append(period)
                period = add_months(period, 1)
            for p in reversed(months):
                self.period.addItem(p, p)
        self.period.blockSignals(False)

    def book_changed(self) -> None:
        if self.ctx.book is not self._book:  # another book: start over; otherwise keep the open voucher
            self._book = self.ctx.book
            self._fill_periods()
            if self._book is not None:
                self.editor.new()
            self.stack.setCurrentIndex(0)
        self.refresh()

    def refresh(self) -> None:
        self.table.reload()

    # -- batches -------------------------------------------------------------------------------------------
    def review_all(self) -> None:
        """审核 every draft that the filters show (each by its own rules: not by its preparer)."""
        book = self.ctx.book
        if book is not None:
            self._batch(
                "review",
                self.tr("批量审核"),
                self.tr("筛选出的凭证中没有待审核的。"),
                self.tr("审核筛选出的 %1 张草稿凭证？"),
                self.tr("已审核 %1 张凭证。"),
                self.tr("%1 张未能审核：%2"),
            )

    def post_all(self) -> None:
        """记账 every reviewed voucher that the filters show, oldest first so that numbers follow the dates."""
        book = self.ctx.book
        if book is not None:
            self._batch(
                "post",
                self.tr("批量记账"),
                self.tr("筛选出的凭证中没有待记账的。"),
                self.tr("将筛选出的 %1 张已审核凭证记账？"),
                self.tr("已记账 %1 张凭证。"),
                self.tr("%1 张未能记账：%2"),
            )

    def _batch(self, action: str, title: str, *texts: str) -> None:
        """批量审核 (``action="review"``) or 批量记账 (``"post"``) of what the filters show, by the core's rules and
        order (``Vouchers.batch``); ``texts`` say: none to do, do %1 of them?, %1 done, %1 refused because %2."""
        none, question, done_text, refused_text = texts
        book = self.ctx.book
        assert book is not None
        status = "draft" if action == "review" else "reviewed"
        period, text = self._filters()["period"], self.table.model.text or None
        count = book.vouchers.count(period=period, status=status, text=text)
        if not count:
            self.note.setText(none)
            return
        if QMessageBox.question(self, title, question.replace("%1", str(count))) != QMessageBox.StandardButton.Yes:
            return

        def work(progress: Callable[[int, int, str], None], cancel: CancelToken) -> tuple[int, list[str]]:
            result = book.vouchers.batch(action, period=period, text=text, progress=progress, cancel=cancel)
            return result.done, [message for _v, _c, message in result.refused]

        result = self.ctx.run(title, work)
        if result is None:
            return
        done, refused = result
        text = done_text.replace("%1", str(done))
        if refused:
            text += refused_text.replace("%1", str(len(refused))).replace("%2", refused[0])
        self.note.setText(text)
        self.table.reload()

    # -- navigation ----------------------------------------------------------------------------------------
    def show_list(self) -> None:
        if not self.editor.may_leave():
            return
        self.stack.setCurrentIndex(0)
        self.table.reload()
        self.table.view.setFocus()

    def show_drafts(self) -> None:
        """The list filtered to the drafts of every month (去审核凭证 on 首页)."""
        if not self.editor.may_leave():
            return
        self.period.setCurrentIndex(0)
        self.status.setCurrentIndex(self.status.findData("draft"))
        self.stack.setCurrentIndex(0)
        self.table.view.setFocus()

    def new_voucher(self) -> None:
        if self.stack.currentIndex() == 1 and not self.editor.may_leave():
            return
        self.stack.setCurrentIndex(1)
        self.editor.new()

    def open_voucher(self, voucher_id: str) -> None:
        self.stack.setCurrentIndex(1)
        self.editor.load(voucher_id)
        self.editor.grid.setFocus()

    def open_current(self) -> None:
        row = self.table.current_row()
        if row is not None:
            self.open_voucher(row["id"])
