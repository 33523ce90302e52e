"""Thin shells: the GUI and the CLI reach the core only through its facade (``app.core``: app/core/__init__.py), and the core never
loads Qt."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def core_imports(folder: str) -> list[str]:
    found = []
    for path in (ROOT / "app" / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app.core"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
            elif isinstance(node, ast.Import):
                found += [f"{path.relative_to(ROOT)}:{node.lineno} {a.name}" for a in node.names if a.name.startswith("app.core")]
    return found


def test_gui_and_cli_import_only_the_facade():
    for folder in ("gui", "cli"):
        assert [i for i in core_imports(folder) if not i.endswith(" app.core")] == []


def test_every_name_of_the_facade_resolves():
    import app.core as api

    assert [name for name in api.__all__ if getattr(api, name, None) is None] == []


def test_the_core_never_loads_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        "import app.core\n"
        "for m in pkgutil.walk_packages(app.core.__path__, 'app.core.'):\n"
        "    if '.migrations.' not in m.name:\n"
        "        importlib.import_module(m.name)\n"
        "import app.core as api\n"
        "[getattr(api, n) for n in api.__all__]\n"
        "print(sorted(n for n in sys.modules if n.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300, check=True)
    assert out.stdout.strip() == "[]"
