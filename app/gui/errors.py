"""Errors in the GUI: a BookError is one sentence in a dialog; anything unexpected is logged with its traceback to
a file in the user log folder and shown as "something went wrong, the log is here"."""

from __future__ import annotations

import logging
import sqlite3
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.core import BookError, Cancelled, file_error

log = logging.getLogger("jointledger.gui")


def log_file() -> Path:
    return Path(platformdirs.user_log_dir("JointLedger", appauthor=False)) / "jointledger.log"


def setup_logging() -> Path:
    """Log warnings and errors of the whole app to the log file (once per process)."""
    path = log_file()
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
    return path


def report_unexpected(parent: QWidget | None, error: BaseException) -> None:
    """Log the traceback and tell the user where the log is."""
    path = setup_logging()
    log.error("unexpected error\n%s", "".join(traceback.format_exception(error)))
    if QApplication.instance() is None:
        return
    QMessageBox.critical(
        parent,
        QCoreApplication.translate("errors", "出错了"),
        QCoreApplication.translate("errors", "程序出了点问题，账簿没有受影响。详细记录在：\n%1").replace("%1", str(path)),
    )


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """A BookError is shown as its one sentence; a cancellation is silent; anything else is reported."""
    if isinstance(error, Cancelled):
        return
    if isinstance(error, OSError | sqlite3.OperationalError):  # a full disk, a pulled stick: the path and the reason
        error = file_error(error)
    if isinstance(error, BookError):
        QMessageBox.warning(parent, QCoreApplication.translate("errors", "联营账簿"), str(error))
    else:
        report_unexpected(parent, error)


def install_excepthook() -> None:
    """Exceptions escaping a Qt slot are reported (over the active window) instead of silently printed."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        show_error(QApplication.activeWindow(), error.with_traceback(tb))

    sys.excepthook = hook
