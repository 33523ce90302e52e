"""The interface language. Chinese is the source language in the code; English comes from the Qt .ts files under
resources/i18n/en/ (one per area), compiled to .qm with ``python -m app.gui.i18n``.

At run time the compiled .qm files are installed, and behind them a translator that looks a string up by its
source text alone, so a string translated in one area's file under another context still shows in English.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication

from app import RESOURCES
from app.core import _, set_language

LANGUAGES = {"zh": "中文", "en": "English"}
LOCALES = {"zh": QLocale(QLocale.Language.Chinese, QLocale.Country.China), "en": QLocale(QLocale.Language.English)}
I18N_DIR = RESOURCES / "i18n"

_installed: list[QTranslator] = []


def ts_files(lang: str = "en") -> list[Path]:
    return sorted((I18N_DIR / lang).glob("*.ts"))


def read_ts(path: Path) -> dict[str, str]:
    """source → translation of the finished messages in one .ts file (the plural form for numerus messages)."""
    out: dict[str, str] = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source is None or translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
            continue
        forms = translation.findall("numerusform")
        text = forms[-1].text if forms else translation.text
        if text:
            out[source] = text
    return out


class SourceTextTranslator(QTranslator):
    """Translates by source text whatever the context (the fallback behind the .qm files)."""

    def __init__(self, messages: dict[str, str], parent=None):
        super().__init__(parent)
        self.messages = messages

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null string) lets Qt try the next translator and fall back to the source; "" would blank it
        return self.messages.get(source)

    def isEmpty(self) -> bool:
        return not self.messages


def qt_translator(lang: str, app: QCoreApplication) -> QTranslator | None:
    """Qt's own translation of its dialogs (file and print dialogs, wizard and message box buttons) for ``lang``,
    from the qtbase_*.qm shipped with PySide6; None for English (Qt's own language) or when it is missing."""
    if lang == "en":
        return None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(LOCALES[lang], "qtbase", "_", folder) else None


def install_language(lang: str) -> None:
    """Switch the interface (and the core's messages) to ``lang``; widgets built afterwards use it."""
    app = QCoreApplication.instance()
    set_language(lang)
    QLocale.setDefault(LOCALES[lang])
    if isinstance(app, QGuiApplication):  # Qt puts it after every window title
        app.setApplicationDisplayName(_("联营账簿", "Joint Ledger"))
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt = qt_translator(lang, app)
    if qt is not None:
        app.installTranslator(qt)
        _installed.append(qt)
    if lang == "zh":
        return
    messages: dict[str, str] = {}
    for path in ts_files(lang):
        messages.update(read_ts(path))
    fallback = SourceTextTranslator(messages, app)
    app.installTranslator(fallback)  # installed first, asked last
    _installed.append(fallback)
    for qm in sorted((I18N_DIR / lang).glob("*.qm")):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)


def compile_translations(lang: str = "en") -> list[Path]:
    """Compile every .ts of ``lang`` to its .qm next to it (pyside6-lrelease); returns the .qm files."""
    out = []
    for ts in ts_files(lang):
        qm = ts.with_suffix(".qm")
        subprocess.run(["pyside6-lrelease", "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


if __name__ == "__main__":
    for path in compile_translations(sys.argv[1] if len(sys.argv) > 1 else "en"):
        print(path)
