"""Progress reporting and cancellation for long work (imports, statements, sync)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.core.errors import Cancelled
from app.core.i18n import _

# progress(done, total, text): total may be 0 when unknown.
Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, text: str) -> None:
    return None


class CancelToken:
    """Set from any thread (the GUI's cancel button); checked by the worker between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled(_("已取消，账簿未作改动。", "Cancelled; the book was not changed."))


NEVER_CANCELLED = CancelToken()
