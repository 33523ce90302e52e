"""The installer: the Linux bundle is built with the documented command and passes its self-test (slow), and the
Inno Setup script has what a Windows install needs (fast; Inno Setup itself only runs on Windows)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from app.selftest import SelfTest, run_self_test

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SIZE_BUDGET = 250 * 1024 * 1024
# Qt modules the app does not use; none of their Python modules, libraries or plugins may be in the bundle
EXCLUDED_QT = re.compile(
    r"^(lib)?Qt6?(WebEngine|WebChannel|WebView|3D|Multimedia|SpatialAudio|Quick|Qml|Charts|DataVisualization|Graphs"
    r"|Location|Positioning|Sensors|TextToSpeech|Designer|Help|VirtualKeyboard|Bluetooth|Nfc|Sql|Test)",
    re.I,
)
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


# -- the self-test ---------------------------------------------------------------------------------------------
def test_self_test_passes_from_the_source_tree(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **isolated_home(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "app", "--self-test"], capture_output=True, text=True, timeout=300,
                         env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    for name, _step in SelfTest(tmp_path).steps():
        assert f"ok: {name}:" in run.stdout, name


def test_self_test_stops_at_the_first_failure_with_exit_code_1(monkeypatch, capsys):
    def broken() -> str:
        raise RuntimeError("no font")

    steps = [("first", lambda: "fine"), ("second", broken), ("third", lambda: "never run")]
    monkeypatch.setattr(SelfTest, "steps", lambda self: steps)
    monkeypatch.setattr(SelfTest, "close", lambda self: None)
    assert run_self_test() == 1
    out = capsys.readouterr().out
    assert "ok: first: fine" in out and "FAILED: second: RuntimeError: no font" in out
    assert "third" not in out and "self-test passed" not in out


# -- the Inno Setup script -----------------------------------------------------------------------------------
def iss_sections() -> dict[str, list[str]]:
    """The script's sections and their lines (comments and the Pascal [Code] left as they are)."""
    text = (INSTALLER / "jointledger.iss").read_text(encoding="utf-8-sig")
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
        elif line and not line.startswith(";"):
            sections[current].append(line)
    return sections


def iss_entries(lines: list[str]) -> list[dict[str, str]]:
    """``Name: "x"; Flags: a b`` lines as dicts (Inno doubles a quote inside a quoted value)."""
    out = []
    for line in lines:
        pairs = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
        out.append({k: v.strip()[1:-1].replace('""', '"') if v.strip().startswith('"') else v.strip() for k, v in pairs})
    return out


def iss_setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in iss_sections()["Setup"])


def test_iss_is_utf8_with_bom_so_inno_reads_the_chinese():
    assert (INSTALLER / "jointledger.iss").read_bytes().startswith(b"\xef\xbb\xbf")


def test_iss_installs_in_chinese_and_english():
    langs = {e["Name"]: e["MessagesFile"] for e in iss_entries(iss_sections()["Languages"])}
    assert langs == {"chinesesimplified": r"compiler:Languages\ChineseSimplified.isl", "english": "compiler:Default.isl"}
    # every message of our own is given in both languages
    custom = iss_sections()["CustomMessages"]
    names = {line.split("=", 1)[0].split(".", 1)[1] for line in custom}
    for name in names:
        assert {f"chinesesimplified.{name}", f"english.{name}"} <= {line.split("=", 1)[0] for line in custom}
    text = (INSTALLER / "jointledger.iss").read_text(encoding="utf-8-sig")
    standard = {"CreateDesktopIcon", "AdditionalIcons", "UninstallProgram", "LaunchProgram"}
    assert set(re.findall(r"\{cm:(\w+)", text)) <= names | standard


def test_iss_installs_the_bundle_without_admin_rights():
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["AppVersion"] == "{#AppVersion}"
    assert "#error" in (INSTALLER / "jointledger.iss").read_text(encoding="utf-8-sig")  # no version, no installer
    files = iss_entries(iss_sections()["Files"])
    # the folder the spec builds (COLLECT name) and the program in it (EXE name)
    spec = (INSTALLER / "jointledger.spec").read_text(encoding="utf-8")
    assert 'name="jointledger"' in spec
    assert files[0]["Source"] == r"..\dist\jointledger\*" and "recursesubdirs" in files[0]["Flags"]
    assert (INSTALLER / setup["SetupIconFile"]).exists()
    # the Windows build passes pyproject's version
    assert '"/DAppVersion=$version"' in (INSTALLER / "build-windows.ps1").read_text(encoding="utf-8")


def test_iss_makes_start_menu_and_desktop_shortcuts():
    icons = iss_entries(iss_sections()["Icons"])
    program = [i for i in icons if i.get("Filename") == r"{app}\{#AppExe}"]
    assert {i["Name"].split("\\")[0] for i in program} == {"{group}", "{autodesktop}"}
    assert any(i.get("Filename") == "{uninstallexe}" for i in icons)
    assert any(t["Name"] == "desktopicon" for t in iss_entries(iss_sections()["Tasks"]))
    assert re.search(r'#define AppExe "jointledger\.exe"', (INSTALLER / "jointledger.iss").read_text(encoding="utf-8-sig"))


def test_iss_opens_jlbook_files_in_the_app():
    assert iss_setup()["ChangesAssociations"] == "yes"
    reg = {e["Subkey"]: e for e in iss_entries(iss_sections()["Registry"])}
    assert reg[r"Software\Classes\.jlbook"]["ValueData"] == "{#BookProgId}"
    command = reg[r"Software\Classes\{#BookProgId}\shell\open\command"]["ValueData"]
    assert command == '"{app}\\{#AppExe}" "%1"'  # what app.cli.main.main() opens in the GUI
    assert all(e["Root"] == "HKA" for e in reg.values())  # the user's classes, or the machine's for all users


def test_iss_uninstall_keeps_the_books():
    sections = iss_sections()
    assert not sections.get("UninstallDelete")  # the uninstaller removes only what it installed
    # the data folder is platformdirs' on Windows (user_data_dir("JointLedger", appauthor=False)); nothing
    # deletes it, and the uninstaller says it is kept
    text = (INSTALLER / "jointledger.iss").read_text(encoding="utf-8-sig")
    assert '#define DataFolder "{localappdata}\\JointLedger"' in text
    assert "usPostUninstall" in text and "BooksKept" in text
    for entry in iss_entries(sections["InstallDelete"]):
        assert entry["Name"].startswith("{app}\\")
    for entry in iss_entries(sections["Registry"]):
        assert entry["Subkey"].startswith("Software\\Classes\\")


# -- the Linux bundle ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Builds the bundle with the documented command (bash installer/build.sh OUT) into a temporary folder."""
    out = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON": sys.executable, **isolated_home(out)}
    run = subprocess.run(
        ["bash", str(INSTALLER / "build.sh"), str(out)], capture_output=True, text=True, timeout=900, env=env
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-5000:]
    assert "self-test passed" in run.stdout
    return out / "dist" / "jointledger"


def isolated_home(folder: Path) -> dict[str, str]:
    """The bundled program's preferences, logs and keys go to a throwaway home, not the tester's."""
    home = folder / "home"
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_STATE_HOME": str(home / ".local/state"), "XDG_CACHE_HOME": str(home / ".cache")}


def run_bundled(bundle: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **isolated_home(bundle.parent)}
    return subprocess.run([str(bundle / "jointledger"), *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.slow
def test_bundled_program_passes_its_self_test(bundle):
    run = run_bundled(bundle, "--self-test")
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert not [ln for ln in lines if ln.startswith("FAILED")]
    for name, _step in SelfTest(bundle).steps():
        assert any(ln.startswith(f"ok: {name}:") for ln in lines), (name, run.stdout)
    assert f"ok: version: {VERSION} " in run.stdout  # pyproject's version, from the bundled metadata


@pytest.mark.slow
def test_bundled_program_reports_pyprojects_version(bundle):
    run = run_bundled(bundle, "--version")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"jointledger, version {VERSION}"


@pytest.mark.slow
def test_bundle_is_within_its_size_budget(bundle):
    size = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < SIZE_BUDGET, f"{size / 2**20:.0f} MB"


@pytest.mark.slow
def test_bundle_has_no_qt_module_the_app_does_not_use(bundle):
    found = sorted(str(p.relative_to(bundle)) for p in bundle.rglob("*") if EXCLUDED_QT.match(p.name))
    assert found == []
    assert not (bundle / "_internal" / "PySide6" / "Qt" / "qml").exists()


@pytest.mark.slow
def test_every_bundled_library_finds_the_qt_libraries_it_needs(bundle):
    """The spec drops libraries (QML, Quick, ...) and what needs them; nothing left may need a dropped one."""
    names = {p.name for p in bundle.rglob("*") if p.is_file()}
    missing = {}
    for p in bundle.rglob("*.so*"):
        if p.is_symlink() or not p.is_file():
            continue
        dynamic = subprocess.run(["readelf", "-d", str(p)], capture_output=True, text=True).stdout
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(libQt6\w+\.so\.6)\]", dynamic)
        if lacking := [n for n in needed if n not in names]:
            missing[str(p.relative_to(bundle))] = lacking
    assert missing == {}


@pytest.mark.slow
def test_bundle_carries_resources_migrations_and_licences(bundle):
    internal = bundle / "_internal"
    for source in (ROOT / "resources").rglob("*"):
        if source.is_file():
            assert (internal / source.relative_to(ROOT)).is_file(), source
    for sql in (ROOT / "app" / "core" / "migrations").glob("*.sql"):
        assert (internal / "app" / "core" / "migrations" / sql.name).is_file(), sql
    licences = (internal / "resources" / "licenses" / "THIRD-PARTY-LICENSES.txt").read_text(encoding="utf-8")
    for component in ("PySide6_Essentials", "shiboken6", "sqlite-utils", "click", "Python", "GNU LESSER GENERAL PUBLIC LICENSE"):
        assert component in licences
    assert "WebEngine" not in licences  # only what is bundled
