"""Errors and problems the user sees.

``BookError`` is an error in the user's language (one sentence): the CLI prints it and exits 1, the GUI shows it.
``Problem`` is a problem in user data, a value carried back to the user, never raised: it says where it came from
(file, sheet, row as Excel shows it, column header), the value and the reason.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from app.core.i18n import _


class BookError(Exception):
    """An error to show to the user as it is; ``code`` is stable (tests and ``--json`` use it), the text is not."""

    code = "error"

    def __init__(self, message: str = "", *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.field = field


class BookLocked(BookError):
    """The book is open for writing in another program."""

    code = "book.locked"


class ValidationError(BookError):
    """A value the user gave is not valid; ``field`` names it."""

    code = "invalid"

    def __init__(self, message: str, field: str | None = None, *, code: str | None = None):
        super().__init__(message, code=code, field=field)


class Cancelled(BookError):
    """The user cancelled long work; nothing was written."""

    code = "cancelled"


class PermissionDenied(BookError):
    """The logged-in user's roles do not allow the operation."""

    code = "permission.denied"


@dataclass(frozen=True)
class Problem:
    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: str = "error"  # "error" rejects the row, "warning" only informs
    code: str | None = None  # stable: tests, --json and the GUI key on it, never on the message

    def where(self) -> str:
        parts = [p for p in (self.file, self.sheet) if p]
        if self.row is not None:
            parts.append(_("第{r}行", "row {r}", r=self.row))
        if self.column:
            parts.append(self.column)
        return " / ".join(parts)

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def __str__(self) -> str:
        where = self.where()
        shown = f" «{self.value}»" if self.value not in (None, "") else ""
        return f"{where}:{shown} {self.message}" if where else f"{self.message}{shown}"
