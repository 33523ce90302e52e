"""Every interface string under app/gui has an English translation in some resources/i18n/en/*.ts, the .qm files are
up to date, and switching the language in the settings page switches the window (and the core's messages)."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QComboBox

from app import RESOURCES
from app.core.i18n import language
from app.gui.i18n import read_ts, ts_files
from app.gui.main_window import MainWindow

GUI = Path(__file__).resolve().parents[2] / "app" / "gui"


def source_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every ``….tr("…")``, ``tr("…")`` and ``QCoreApplication.translate("ctx", "…")`` in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        position = {"tr": 0, "translate": 1}.get(name)
        if position is None or len(node.args) <= position:
            continue
        arg = node.args[position]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append((node.lineno, arg.value))
    return found


def test_every_interface_string_has_an_english_translation():
    translated: dict[str, str] = {}
    for ts in ts_files("en"):
        translated.update(read_ts(ts))
    missing: dict[str, list[str]] = {}
    for path in sorted(GUI.rglob("*.py")):
        for line, text in sorted(source_strings(path)):
            if text not in translated:
                missing.setdefault(str(path.relative_to(GUI.parent.parent)), []).append(f"  {line}: {text}")
    report = "\n".join(f"{file}:\n" + "\n".join(lines) for file, lines in missing.items())
    assert not missing, "strings without an English translation in resources/i18n/en/*.ts:\n" + report


def test_compiled_translations_are_there_and_newer_than_their_sources():
    for ts in ts_files("en"):
        qm = ts.with_suffix(".qm")
        assert qm.exists(), f"{qm.name} is missing: run python -m app.gui.i18n"
        assert qm.stat().st_size > 0 and qm.stat().st_mtime >= ts.stat().st_mtime - 1, f"{qm.name} is older than {ts.name}"
    assert (RESOURCES / "i18n" / "en" / "shell.ts") in ts_files("en")


def test_switching_to_english_in_the_settings(demo_window, qtbot):
    demo_window.show_page("settings")
    page = demo_window.current_page()
    combo = page.findChild(QComboBox)
    combo.setCurrentIndex(combo.findData("en"))
    page.apply_button.click()
    english = MainWindow.current
    qtbot.addWidget(english)
    assert english is not demo_window and english.ctx is demo_window.ctx
    labels = [english.sidebar.item(i).text() for i in range(english.sidebar.count())]
    assert labels[:4] == ["Home", "Members", "Shares", "Assets"] and labels[-1] == "Settings"
    assert english.current_page().title() == "Settings" and language() == "en"
    assert english.ctx.book is not None and english.ctx.book.members.count() == 6  # the book stayed open
    english.close_book()
