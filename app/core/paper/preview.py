"""The GUI's print buttons: a paper layout drawn to a temporary PDF and shown in Qt's print preview (from which
the user prints), the same preview the distribution documents use. Qt is imported only when called."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

Render = Callable[[Path], int]  # draws the layout into the file; returns the page count


def preview(parent: Any, render: Render, name: str, landscape: bool = False) -> Any:
    """Render into a temporary folder (removed when the preview closes) and open the preview; returns the dialog."""
    from app.gui.distribution_print import print_preview

    folder = Path(tempfile.mkdtemp(prefix="jointledger-print-"))
    path = folder / f"{name}.pdf"
    try:
        render(path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    dialog = print_preview(parent, path, landscape)
    dialog.finished.connect(lambda _result: shutil.rmtree(folder, ignore_errors=True))
    return dialog
