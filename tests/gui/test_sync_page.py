"""The sync page: replicas, writing and reading sync files with a preview, conflicts, the sync folder."""

from __future__ import annotations

import pytest

from app.core.book import Book
from app.core.sync import Sync
from app.gui.context import AppContext
from app.gui.pages.sync import SyncPage

PASS = "seed-pass"


@pytest.fixture
def pages(qtbot, tmp_path, monkeypatch, messages):
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))
    office = Book.create(tmp_path / "office.jlbook", name="测试联营公司", start="2026-01", user="会计")
    office.members.add(code="M001", name="东岭村", kind="collective")
    office.sync.seed(tmp_path / "s.seed", PASS)
    village = Sync.join(tmp_path / "s.seed", tmp_path / "village.jlbook", "东岭村会计室", PASS)
    out = []
    for book in (office, village):
        ctx = AppContext()
        page = SyncPage(ctx)
        qtbot.addWidget(page)
        page.show()
        ctx.set_book(book)
        page.book_changed()
        out.append(page)
    yield out
    for page in out:
        page.ctx.set_book(None)
        page.book_changed()


def test_write_read_with_preview_and_resolve_a_conflict(pages, tmp_path, messages, monkeypatch):
    office, village = pages
    assert office.replicas.model.rowCount() == 1 and "记账" in office.replica_source.rows[0]["role"]
    office.ctx.book.members.update("M001", note="办公室")
    village.ctx.book.members.update("M001", note="村里")
    assert village.write_to(tmp_path / "v.jlsync")["changes"] == 3  # and the registration of its introducer
    preview = office.preview(tmp_path / "v.jlsync")
    assert preview["applied"] == 2 and office.ctx.book.members.get("M001")["note"] == "办公室"
    assert "东岭村会计室" in office.preview_text(preview)
    assert office.read_from(tmp_path / "v.jlsync", confirm=False)["applied"] == 2
    assert office.replicas.model.rowCount() == 2
    assert office.conflicts.model.rowCount() == 1
    shown = office.conflicts.model.index(0, 0).data()
    assert shown == "M001 东岭村 · 备注"  # what the conflict is about, not a row id
    office.conflicts.view.selectRow(0)
    office.resolve_current(apply=False)
    assert office.conflicts.model.rowCount() == 0
    assert any("已写出" in text for _kind, text in messages)


def test_the_sync_folder_exchanges_by_itself(pages, tmp_path):
    office, village = pages
    share = tmp_path / "share"
    share.mkdir()
    for page in (office, village):
        page.set_folder(share)
        assert page.folder_edit.text() == str(share.resolve())
    office.ctx.book.members.update("M001", note="自动同步")
    office.exchange_folder(quiet=True)
    village.exchange_folder(quiet=True)
    assert village.ctx.book.members.get("M001")["note"] == "自动同步"
    assert office.timer.isActive()
    office.set_folder(None)
    assert office.exchange_folder(quiet=True) is None and not office.folder_edit.text()
    assert not office.timer.isActive()


def test_the_page_speaks_english(qtbot):
    from PySide6.QtWidgets import QPushButton

    from app.gui.i18n import install_language

    install_language("en")
    page = SyncPage(AppContext())
    qtbot.addWidget(page)
    page.refresh()
    buttons = {b.text() for b in page.findChildren(QPushButton)}
    assert page.title() == "Sync" and {"Write sync file", "Read sync file", "Keep current value"} <= buttons
    assert page.status.text() == "No book is open."
