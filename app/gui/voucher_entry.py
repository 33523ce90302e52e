"""The voucher entry screen (记账凭证): date, the lines grid, running totals with the amount in capitals, and the
actions of the voucher's life: save, save and new, review, post, reverse.

Why a voucher cannot be saved (unbalanced, closed month, a line without account) is shown beside the totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core import (
    Book,
    BookError,
    Voucher,
    amount_in_words,
    format_fen,
    month_end,
    paper_preview,
    period_of,
    print_vouchers,
)
from app.gui.context import AppContext
from app.gui.voucher_grid import AMOUNTS, SUMMARY, EntryLine, LinesDelegate, LinesModel, LinesView
from app.gui.widgets.table import ColumnSpec

BLANK_LINES = 4
PROBLEM_STYLE = "color: #c00000;"
NOTE_STYLE = "color: #2e7d32;"


class VoucherEditor(QWidget):
    """Enter a new voucher or open one; a voucher that is no longer a draft is read-only."""

    opened = Signal(str)  # the id of the voucher now shown ("" for a new one)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.voucher: Voucher | None = None
        self.dirty = False
        self.last_date: dt.date | None = None  # the date of the voucher saved last, offered for the next one

        self.model = LinesModel(self._describe, self)
        delegate = LinesDelegate(self._book, self)
        delegate.problem.connect(self._entry_problem)
        self.grid = LinesView(self.model, delegate)
        self.model.edited.connect(self._on_edited)

        title = QLabel(self.tr("记账凭证"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.dateChanged.connect(self._on_date)
        self.date.installEventFilter(self)  # Enter and Tab go from the date into the grid
        self.number = QLabel()
        self.attachments = QSpinBox()
        self.attachments.setRange(0, 999)
        self.attachments.setSuffix(self.tr(" 张"))
        self.attachments.valueChanged.connect(self._mark_dirty)
        self.status = QLabel()
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("日期：")))
        head.addWidget(self.date)
        head.addSpacing(24)
        head.addWidget(QLabel(self.tr("凭证号：")))
        head.addWidget(self.number)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("附单据：")))
        head.addWidget(self.attachments)
        head.addSpacing(24)
        head.addWidget(self.status)

        self.words = QLabel()
        self.debit_total = QLabel()
        self.credit_total = QLabel()
        for label in (self.debit_total, self.credit_total):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setFixedWidth(self.grid.columnWidth(AMOUNTS[0]))
        self.message = QLabel()
        self.message.setWordWrap(True)
        totals = QFrame()
        totals.setFrameShape(QFrame.Shape.StyledPanel)
        row = QGridLayout(totals)
        row.setContentsMargins(6, 4, 2, 4)
        row.addWidget(QLabel(self.tr("合计：")), 0, 0)
        row.addWidget(self.words, 0, 1)
        row.addWidget(self.debit_total, 0, 2)
        row.addWidget(self.credit_total, 0, 3)
        row.addWidget(self.message, 1, 0, 1, 4)
        row.setColumnStretch(1, 1)

        self.people = QLabel()

        self.actions_: dict[str, QAction] = {}
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key, text, keys, slot in (
            ("new", self.tr("新增"), "Ctrl+N", self._new_clicked),
            ("save", self.tr("保存"), "Ctrl+S", self.save),
            ("save_new", self.tr("保存并新增"), "F12", self.save_and_new),
            ("insert", self.tr("插入行"), "Ctrl+Insert", self.insert_line),
            ("remove", self.tr("删除行"), "Ctrl+Delete", self.remove_line),
            ("review", self.tr("审核"), "", self.review),
            ("unreview", self.tr("取消审核"), "", self.unreview),
            ("post", self.tr("记账"), "", self.post),
            ("reverse", self.tr("冲销"), "", self.reverse),
            ("delete", self.tr("删除凭证"), "", self.delete),
            ("print", self.tr("打印"), "Ctrl+P", self.print_voucher),
        ):
            action = QAction(text, self)
            if keys:  # while the focus is anywhere in the voucher
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.setToolTip(f"{text} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
                self.addAction(action)
            action.triggered.connect(slot)
            bar.addAction(action)
            bar.widgetForAction(action).setAutoRaise(False)  # a framed button, not flat text
            self.actions_[key] = action

        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(title)
        layout.addLayout(head)
        layout.addWidget(self.grid, 1)
        layout.addWidget(totals)
        layout.addWidget(self.people)
        if ctx.book is not None:
            self.new()

    # -- helpers -------------------------------------------------------------------------------------------
    def _book(self) -> Book:
        assert self.ctx.book is not None
        return self.ctx.book

    def _describe(self, code: str) -> str:
        accounts = self._book().accounts
        acc = accounts.get(code)
        return f"{code} {accounts.full_name(acc)}" if acc else code

    def _act(self, fn: Callable[[], Any]) -> Any:
        """Run a write; a BookError is shown beside the totals, success is announced to the other pages."""
        try:
            result = fn()
        except BookError as e:
            self.show_problem(str(e))
            return None
        except Exception as e:
            self.ctx.report_unexpected(e)
            return None
        self.ctx.data_changed.emit()
        return result

    def show_problem(self, text: str) -> None:
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.setText(text)

    def show_note(self, text: str) -> None:
        self.message.setStyleSheet(NOTE_STYLE)
        self.message.setText(text)

    @property
    def editable(self) -> bool:
        return self.voucher is None or self.voucher.status == "draft"

    def _date_text(self) -> str:
        return self.date.date().toString("yyyy-MM-dd")

    # -- loading -------------------------------------------------------------------------------------------
    def new(self) -> None:
        """An empty voucher dated like the last one entered (else in the open month); the cursor in the first summary."""
        self.voucher = None
        date = self.default_date()
        self.date.setDate(QDate(date.year, date.month, date.day))
        self.attachments.setValue(0)
        self.model.set_lines([EntryLine() for _ in range(BLANK_LINES)], read_only=False)
        self._show_state()
        self.dirty = False
        self.grid.start_at(0, SUMMARY)
        self.opened.emit("")

    def load(self, voucher_id: str) -> None:
        v = self._book().vouchers.get(voucher_id)
        self.voucher = v
        self.date.setDate(QDate.fromString(v.date, "yyyy-MM-dd"))
        self.attachments.setValue(v.attachments)
        lines = [
            EntryLine(ln.summary, ln.account_code, ln.debit_fen, ln.credit_fen, ln.member_id, ln.asset_id) for ln in v.lines
        ]
        editable = v.status == "draft"
        if editable:
            lines += [EntryLine() for _ in range(max(0, BLANK_LINES - len(lines)))]
        self.model.set_lines(lines, read_only=not editable)
        self._show_state()
        self.dirty = False
        self.opened.emit(v.id)

    def default_date(self) -> dt.date:
        """The last saved voucher's date while its month is open; else today if today is in the open year and not
        before the open month; else the open month's last day (its first when that month is still to come)."""
        periods = self._book().periods
        if self.last_date is not None and not periods.is_closed(period_of(self.last_date)):
            return self.last_date
        today = dt.date.today()
        open_period = periods.first_open()
        if period_of(today) >= open_period and periods.year_of(period_of(today)) == periods.year_of(open_period):
            return today
        if period_of(today) < open_period:
            return dt.date.fromisoformat(f"{open_period}-01")
        return month_end(open_period)

    def later_year_confirmed(self, date: str) -> bool:
        """A voucher dated in a year after the open one only with the user's yes."""
        periods = self._book().periods
        open_year = periods.year_of(periods.first_open())
        year = periods.year_of(period_of(date))
        if year <= open_year or (self.voucher is not None and self.voucher.date == date):
            return True
        answer = QMessageBox.question(
            self,
            self.tr("记账凭证"),
            self.tr("凭证日期 %1 在 %2 年之后，而 %2 年还没有结账。仍要记入 %3 年吗？")
            .replace("%1", date)
            .replace("%2", str(open_year))
            .replace("%3", str(year)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.date and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                self.grid.start_at(max(self.grid.currentIndex().row(), 0), SUMMARY)
                return True
        return super().eventFilter(watched, event)

    def _show_state(self) -> None:
        v = self.voucher
        statuses = {"draft": self.tr("草稿"), "reviewed": self.tr("已审核"), "posted": self.tr("已记账")}
        self.number.setText(f"{v.word} - {v.number}" if v and v.number else self.tr("记 - （记账时编号）"))
        self.status.setText(statuses[v.status] if v else self.tr("新凭证"))
        if v and v.reverses_id:
            self.status.setText(self.status.text() + self.tr("（冲销凭证）"))
        self.people.setText("　　".join(self._people()))
        editable = self.editable
        self.date.setEnabled(editable)
        self.attachments.setEnabled(editable)
        status = v.status if v else "new"
        shown = {
            "new": {"new", "save", "save_new", "insert", "remove"},
            "draft": {"new", "save", "save_new", "insert", "remove", "review", "delete", "print"},
            "reviewed": {"new", "unreview", "post", "print"},
            "posted": {"new", "reverse", "print"},
        }[status]
        for key, action in self.actions_.items():
            action.setVisible(key in shown)
        self.message.clear()
        self._on_edited()

    # -- live state ----------------------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self.dirty = True

    def _on_edited(self) -> None:
        debit, credit = self.model.totals()
        self.debit_total.setText(format_fen(debit))
        self.credit_total.setText(format_fen(credit))
        self.words.setText(amount_in_words(debit, prefix=True) if debit and debit == credit else "")
        if self.editable:
            self.dirty = True
            self._check()

    def _on_date(self) -> None:
        self.dirty = True
        if self.editable:
            self._check()

    def problem(self) -> str:
        """Why the voucher as it stands cannot be saved ("" when nothing is known to be wrong)."""
        debit, credit = self.model.totals()
        if debit != credit:
            return self.tr("借贷不平：差额 %1。").replace("%1", format_fen(debit - credit))
        try:
            self._book().periods.require_open(period_of(self._date_text()))
        except BookError as e:
            return str(e)
        return ""

    def _check(self) -> None:
        if self.ctx.book is None:
            return
        problem = self.problem()
        if problem:
            self.show_problem(problem)
        else:
            self.message.clear()

    def _entry_problem(self, text: str) -> None:
        if text:
            self.show_problem(text)
        else:
            self._check()

    # -- actions -------------------------------------------------------------------------------------------
    def may_leave(self) -> bool:
        """Whether the voucher shown may be left: nothing unsaved, or the user saved or dropped it."""
        if not (self.editable and self.dirty and self.model.entered()):
            return True
        answer = QMessageBox.question(
            self,
            self.tr("记账凭证"),
            self.tr("凭证已修改，要保存吗？"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _new_clicked(self) -> None:
        if self.may_leave():
            self.new()

    def save(self) -> bool:
        """Save the draft (new or changed); returns whether it was saved."""
        if not self.editable:
            return False
        self.grid.setFocus()  # an open cell editor commits its text
        self.model.compact(BLANK_LINES)
        book = self._book()
        lines = [ln.to_input() for ln in self.model.entered()]
        date, attachments = self._date_text(), self.attachments.value()
        if not self.later_year_confirmed(date):
            self.show_problem(self.tr("未保存：请改正凭证日期。"))
            return False
        if self.voucher is None:
            vid = self._act(lambda: book.vouchers.create(date, lines, attachments=attachments))
        else:
            vid = self._act(lambda: book.vouchers.update_draft(self.voucher.id, date, lines, attachments=attachments) or self.voucher.id)
        if vid is None:
            return False
        self.last_date = dt.date.fromisoformat(date)
        self.load(vid)
        self.show_note(self.tr("已保存。"))
        return True

    def save_and_new(self) -> None:
        if self.save():
            self.new()
            self.show_note(self.tr("上一张凭证已保存。"))

    def _on_saved(self, fn: Callable[[str], Any], note: str) -> None:
        """Run ``fn(voucher id)`` on the saved voucher, then show it again."""
        if self.voucher is None or self.dirty:
            self.show_problem(self.tr("请先保存凭证。"))
            return
        vid = self.voucher.id
        if self._act(lambda: fn(vid) or True) is not None:
            self.load(vid)
            self.show_note(note)

    def review(self) -> None:
        self._on_saved(self._book().vouchers.review, self.tr("已审核。"))

    def unreview(self) -> None:
        self._on_saved(self._book().vouchers.unreview, self.tr("已取消审核。"))

    def post(self) -> None:
        self._on_saved(self._book().vouchers.post, self.tr("已记账。"))

    def reverse(self) -> None:
        """红字冲销: a draft reversing this voucher, dated today, opened for review."""
        if self.voucher is None:
            return
        original = self.voucher
        vid = self._act(lambda: self._book().vouchers.reverse(original.id, dt.date.today().isoformat()))
        if vid:
            self.load(vid)
            self.show_note(self.tr("已生成红字冲销凭证（草稿），请审核、记账。"))

    def delete(self) -> None:
        if self.voucher is None:
            return
        vid = self.voucher.id
        if self._act(lambda: self._book().vouchers.delete_draft(vid) or True):
            self.new()
            self.show_note(self.tr("草稿已删除。"))

    def _people(self) -> tuple[str, str, str]:
        """制单, 审核 and 记账 with the names of who did them."""
        v = self.voucher
        return (
            self.tr("制单：%1").replace("%1", v.preparer if v else self._book().user),
            self.tr("审核：%1").replace("%1", (v.reviewer or "") if v else ""),
            self.tr("记账：%1").replace("%1", (v.poster or "") if v else ""),
        )

    def printout(self) -> tuple[str, str, list[ColumnSpec], list[list]]:
        """Title, subtitle, columns and rows of the printed voucher: its lines, the total in capitals, who did what."""
        v = self.voucher
        assert v is not None
        keys = ("summary", "account", "debit_fen", "credit_fen")
        kinds = ("text", "text", "money", "money")
        columns = [ColumnSpec(k, h, kind) for k, h, kind in zip(keys, self.model.headers, kinds, strict=True)]
        rows: list[list] = [
            [ln.summary, self._describe(ln.account), ln.debit_fen or None, ln.credit_fen or None] for ln in self.model.entered()
        ]
        rows.append([f"{self.tr('合计：')}{amount_in_words(v.debit_total, prefix=True)}", "", v.debit_total, v.credit_total])
        prepared, reviewed, posted = self._people()
        rows.append([prepared, f"{reviewed}　　{posted}", None, None])
        subtitle = "　".join(
            (self._book().settings.name, v.date, self.number.text(), self.tr("附单据 %1 张").replace("%1", str(v.attachments)))
        )
        return self.tr("记账凭证"), subtitle, columns, rows

    def print_voucher(self) -> None:
        if self.voucher is None or self.dirty:
            self.show_problem(self.tr("请先保存凭证。"))
            return
        book, label = self._book(), self.voucher.label
        voucher = book.vouchers.get(self.voucher.id)
        paper_preview(self, lambda out: print_vouchers(book, [voucher], out), label)

    def insert_line(self) -> None:
        if self.editable:
            row = max(self.grid.currentIndex().row(), 0)
            self.model.insert(row)
            self.grid.start_at(row, SUMMARY)

    def remove_line(self) -> None:
        row = self.grid.currentIndex().row()
        if self.editable and row >= 0:
            self.model.remove(row)
            self.grid.start_at(min(row, self.model.rowCount() - 1), SUMMARY)


class VoucherDialog(QDialog):
    """One voucher in its own window (from a ledger): read-only once posted, with 冲销 at hand."""

    def __init__(self, ctx: AppContext, voucher_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1000, 620)
        self.editor = VoucherEditor(ctx, self)
        self.editor.opened.connect(self._titled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        self.editor.load(voucher_id)

    def _titled(self) -> None:
        v = self.editor.voucher
        self.setWindowTitle(self.tr("记账凭证 %1").replace("%1", f"{v.period} {v.label}" if v else ""))
