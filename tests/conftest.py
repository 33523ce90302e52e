import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("JOINTLEDGER_LANG", "zh")
# scripts and tests give secrets through the environment (never a prompt: CI has no stdin)
os.environ.setdefault("JOINTLEDGER_PASSWORD", "test-password")
os.environ.setdefault("JOINTLEDGER_PASSPHRASE", "test-passphrase")
# tests never write into the real home: backups, keys and settings go to a throwaway folder
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

_HOME = tempfile.mkdtemp(prefix="jointledger-tests-")
atexit.register(shutil.rmtree, _HOME, True)
os.environ.setdefault("JOINTLEDGER_BACKUP_DIR", os.path.join(_HOME, "backups"))
os.environ.setdefault("JOINTLEDGER_HOME", os.path.join(_HOME, "home"))

import pytest  # noqa: E402

from app.core.book import Book  # noqa: E402
from app.core.i18n import set_language  # noqa: E402


@pytest.fixture(autouse=True)
def _chinese():
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture
def book():
    """A fresh in-memory joint-operation book starting in 2026-01, with a bank sub-account 10201."""
    b = Book.create(":memory:", name="测试联营公司", start="2026-01", user="会计")
    b.accounts.add_sub("102", "农商银行")
    yield b
    b.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """A demo book file built once per session; copy it before changing it."""
    from app.core.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.jlbook"
    build_demo(path, year=2025).close()
    return path
