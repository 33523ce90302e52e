"""Output that never crashes on Chinese: Windows pipes and consoles use cp1252 or cp936 and cannot encode it all.

A frozen Windows program ignores ``PYTHONIOENCODING``, and ``print("东岭村")`` to a cp1252 pipe raises
``UnicodeEncodeError``. So the program sets its own output encoding when it starts: UTF-8 into pipes and files
(what a script or a log reader expects), and the terminal's own encoding on a terminal, with what that encoding
cannot show replaced by ``?`` instead of an exception.
"""

from __future__ import annotations

import io
import sys


def safe_output(stream: io.TextIOBase | None) -> None:
    """Makes writing any text to ``stream`` (sys.stdout, sys.stderr) safe; a windowed program has none."""
    if stream is None or not hasattr(stream, "reconfigure"):
        return
    try:
        terminal = stream.isatty()
    except (OSError, ValueError):
        terminal = False
    if terminal:
        stream.reconfigure(errors="replace")
    else:
        stream.reconfigure(encoding="utf-8", errors="replace")


def safe_console() -> None:
    """Both of the program's output streams, once at start."""
    safe_output(sys.stdout)
    safe_output(sys.stderr)
