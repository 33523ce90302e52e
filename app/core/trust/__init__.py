"""Trust: users and roles, the audit trail, backups, safe upgrades and the check at every open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import BookError
from app.core.i18n import _

if TYPE_CHECKING:
    from app.core.book import Book


def on_open(book: Book, user: str | None, password: str | None) -> list[str]:
    """What happens when a book file opens: the login (when it has users), the quick check and the automatic
    backup. Returns warnings to show loudly; a failed login raises."""
    from app.core.trust.upgrade import open_warnings

    book.users.open_session(user, password)
    warnings = open_warnings(book)
    try:
        book.backups.on_open()
    except (BookError, OSError) as e:
        warnings.append(_("警告：打开时的自动备份失败（{e}）。", "WARNING: the automatic backup at open failed ({e}).", e=e))
    return warnings
