"""The installer: the Linux bundle is built with the documented command and passes its self-test (slow). The Windows
installer is tested in tests/test_windows_installer.py and, built and run under Wine, by .ci/windows."""

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
