"""Windows behaviours of the app (this source tree's), checked by the Windows Python under Wine (build.sh runs this).

    wine C:\\python\\python.exe wine_checks.py WORKDIR      (E: must be a removable drive of the prefix)

Each check prints ``ok: NAME: detail``; the first failure prints ``FAILED: ...`` and exits 1. The checks:
output of Chinese into a cp1252 pipe and a cp936 console; a book with a Chinese name in a folder with a Chinese
name and a space; the data folders under %LOCALAPPDATA%; E: offered as a removable drive (C: not); a second copy
of the program refused while the first has the book open for writing; CSV written with CRLF line ends.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import traceback
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]  # the app from this source tree, with its resources/
sys.path.insert(0, str(SOURCE))
WORK = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("C:/jl-checks")
BOOK = WORK / "会计室 2026" / "东岭村.jlbook"
NAME = "东岭村股份经济合作社"


def app(*args: str) -> subprocess.CompletedProcess:
    """The command line in a child process, its output into a pipe (cp1252 under Wine) as bytes."""
    return run_python("-m", "app", *args)


def run_python(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SOURCE)}
    return subprocess.run([sys.executable, *args], capture_output=True, timeout=600, cwd=WORK, env=env)


def output_into_a_pipe() -> str:
    run = app("init", str(BOOK), "--name", NAME)
    assert run.returncode == 0, run.stdout + run.stderr
    run = app("info", str(BOOK))
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert NAME in run.stdout.decode("utf-8"), run.stdout
    return f"{BOOK} made and described through a pipe in UTF-8"


def output_onto_a_console() -> str:
    from app.console import safe_output

    for encoding in ("cp936", "cp1252"):
        console = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
        console.isatty = lambda: True  # type: ignore[method-assign]
        safe_output(console)
        print("联营账簿 𠀀 ✓", file=console, flush=True)
        shown = console.buffer.getvalue().decode(encoding)
        assert shown.endswith("?\n") or "?" in shown, shown
    return "cp936 and cp1252 consoles show ? for what they cannot encode"


def chinese_paths() -> str:
    from app.core.book import Book

    book = Book.open(BOOK)
    try:
        assert book.info()["name"] == NAME
    finally:
        book.close()
    return f"opened {BOOK}"


def data_folders() -> str:
    from app.core.sync.identity import home
    from app.core.trust.backups import default_root

    local = Path(os.environ["LOCALAPPDATA"])
    for folder in (home(), default_root()):
        assert folder.is_relative_to(local), (folder, local)
        assert folder.relative_to(local).parts[0].lower() == "jointledger", folder
    return f"keys and backups under {local}"


def removable_drives() -> str:
    from PySide6.QtCore import QCoreApplication

    from app.gui.pages.sync import removable_drives as drives

    _qt = QCoreApplication.instance() or QCoreApplication([])
    found = [str(d).upper() for d in drives()]
    assert any(d.startswith("E:") for d in found), found
    assert not any(d.startswith("C:") for d in found), found
    return f"offered {found}"


SECOND_COPY = """
import sys
from app.core.book import Book
from app.core.errors import BookError
try:
    Book.open(sys.argv[1]).close()
    print("opened")
except BookError as e:
    print(e.code)
"""


def second_copy() -> str:
    from app.core.book import Book

    def other_program() -> str:
        run = run_python("-c", SECOND_COPY, str(BOOK))
        return run.stdout.decode().strip() or run.stderr.decode("utf-8", "replace")

    first = Book.open(BOOK)
    try:
        assert other_program() == "book.locked"
    finally:
        first.close()
    assert other_program() == "opened"
    return "a second program is refused (book.locked) while the first has the book open, not after"


def csv_line_ends() -> str:
    path = BOOK.with_name("成员.csv")
    run = app("export", str(BOOK), "members", str(path))
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), data[:10]
    assert data.count(b"\r\n") == data.count(b"\n") >= 1 and b"\r\r" not in data, data[:200]
    return f"{data.count(bytes([13, 10]))} CRLF lines"


def main() -> int:
    from app.console import safe_console

    safe_console()  # this script's own output goes into a cp1252 pipe too
    BOOK.parent.mkdir(parents=True, exist_ok=True)
    for check in (
        output_into_a_pipe,
        output_onto_a_console,
        chinese_paths,
        data_folders,
        removable_drives,
        second_copy,
        csv_line_ends,
    ):
        try:
            detail = check()
        except Exception:
            print(f"FAILED: {check.__name__}\n{traceback.format_exc()}", flush=True)
            return 1
        print(f"ok: {check.__name__}: {detail}", flush=True)
    print("windows checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
