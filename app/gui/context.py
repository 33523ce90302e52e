"""What every page of the main window shares: the open book, long work off the UI thread, user-facing errors.

The contract for a page (see ``app/gui/pages/__init__.py`` for the list of pages):

- a ``Page`` subclass, constructed as ``Page(ctx)``; its ``title()`` is the sidebar label (translatable);
- it reads and writes the book only through ``ctx.book`` (the core facade), never SQL;
- ``book_changed()`` is called when a book is opened or closed (``ctx.book`` may be None) and ``refresh()`` when
  the page is shown or the data changed elsewhere (``ctx.data_changed`` is emitted after every write);
- long work goes through ``ctx.run(title, fn)``: ``fn(progress, cancel)`` runs on a worker thread while a
  progress dialog with a cancel button is shown, and its result (or its BookError, shown as one sentence) comes
  back on the UI thread;
- user-facing strings go through ``self.tr("中文原文")``: Chinese is the source language, English comes from
  resources/i18n/en/*.ts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.core import Book, BookError, Cancelled, CancelToken


def preferences() -> QSettings:
    """This PC's preferences (window state, recent books, language, font size), not stored in any book."""
    return QSettings("JointLedger", "JointLedger")


class _Worker(QThread):
    progressed = Signal(int, int, str)

    def __init__(self, fn: Callable, cancel: CancelToken):
        super().__init__()
        self.fn = fn
        self.cancel = cancel
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.fn(lambda done, total, text: self.progressed.emit(done, total, text), self.cancel)
        except BaseException as e:  # handed to the UI thread, which shows or logs it
            self.error = e


class AppContext(QObject):
    book_opened = Signal()  # a book was opened or closed
    data_changed = Signal()  # the open book was written to

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.book: Book | None = None
        self.window: QWidget | None = None
        # set by the main window: shows an unexpected error ("something went wrong, the log is here")
        self.report_unexpected: Callable[[BaseException], None] = lambda e: (_ for _ in ()).throw(e)

    def set_book(self, book: Book | None) -> None:
        if self.book is not None and self.book is not book:
            self.book.close()
        self.book = book
        self.book_opened.emit()

    def show_error(self, error: BaseException) -> None:
        """A BookError is one sentence in a dialog; anything else is logged and reported."""
        if isinstance(error, Cancelled):
            return
        if isinstance(error, BookError):
            QMessageBox.warning(self.window, self.tr("联营账簿"), str(error))
        else:
            self.report_unexpected(error)

    def call(self, fn: Callable[[], Any]) -> Any:
        """Run a quick write on the UI thread; errors are shown, and ``data_changed`` is emitted on success."""
        try:
            result = fn()
        except BaseException as e:
            self.show_error(e)
            return None
        self.data_changed.emit()
        return result

    def run(self, title: str, fn: Callable[[Callable[[int, int, str], None], CancelToken], Any], *, writes: bool = True) -> Any:
        """Run long work on a worker thread behind a modal progress dialog with a cancel button.

        Returns the result, or None when it failed (the error has been shown) or was cancelled.
        """
        cancel = CancelToken()
        dialog = QProgressDialog(title, self.tr("取消"), 0, 0, self.window)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        worker = _Worker(fn, cancel)

        def on_progress(done: int, total: int, text: str) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            if text:
                dialog.setLabelText(f"{title}\n{text}")

        worker.progressed.connect(on_progress)
        dialog.canceled.connect(cancel.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText(self.tr("正在取消，请稍候…")))
        worker.finished.connect(dialog.accept)
        worker.start()
        dialog.exec()
        if worker.isRunning():  # the dialog was closed (Esc) while the work goes on: cancel it and wait
            cancel.cancel()
        worker.wait()
        dialog.deleteLater()
        if worker.error is not None:
            self.show_error(worker.error)
            return None
        if writes:
            self.data_changed.emit()
        return worker.result


class Page(QWidget):
    """Base of the main window's pages."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx

    def title(self) -> str:
        raise NotImplementedError

    def book_changed(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows from ``self.ctx.book``."""
