"""The audit trail stays verifiable after sync merged concurrent edits and a duplicate member code."""

import pytest

from app.core.book import Book
from app.core.sync import Sync

PASS = "seed-pass"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))


def test_audit_verifies_after_conflicting_sync(tmp_path):
    a = Book.create(tmp_path / "office.jlbook", name="测试联营公司", start="2026-01", user="会计")
    a.members.add(code="M001", name="东岭村", kind="collective")
    a.sync.seed(tmp_path / "office.seed", PASS)
    b = Sync.join(tmp_path / "office.seed", tmp_path / "village.jlbook", "东岭村会计室", PASS)
    a.members.add(code="M002", name="西岭村", kind="collective")
    b.members.add(code="M002", name="南岭村", kind="collective")
    a.members.update("M001", name="东岭村甲")
    b.members.update("M001", name="东岭村乙")
    for src, dst, name in ((a, b, "a.jlsync"), (b, a, "b.jlsync")):
        src.sync.export(tmp_path / name)
        dst.sync.import_file(tmp_path / name)
    assert a.sync.conflicts() and b.sync.conflicts()
    assert a.audit.verify() == [] and b.audit.verify() == []
    # tampering is still caught beside the conflicts
    a.db.execute("DROP TRIGGER IF EXISTS changes_no_update")
    a.db.execute("UPDATE members SET kind = 'person' WHERE code = 'M001'")
    assert any("绕过程序" in f.message for f in a.audit.verify())
    a.close()
    b.close()
