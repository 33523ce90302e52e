"""The app shell driven as a user drives it: the start screen, members, filtering, export, printing, errors."""

from __future__ import annotations

import datetime as dt
import sys
import time

import openpyxl
import pypdf
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QProgressDialog, QPushButton

from app.core.book import Book
from app.core.errors import BookError
from app.core.ids import make_resident_id
from app.core.ops import Op
from app.gui.about import AboutDialog
from app.gui.app import MainWindow
from app.gui.errors import install_excepthook, log_file
from app.gui.pages.members import MemberDialog, MembersPage
from app.gui.start import last_book, recent_books
from app.gui.widgets.printing import write_pdf


def test_create_a_book_from_the_start_screen(window, qtbot, tmp_path):
    assert window.stack.currentWidget() is window.start
    target = tmp_path / "东岭村.jlbook"

    seen: dict[str, object] = {}

    def fill_in() -> None:  # runs inside the modal dialog's event loop; checks are made after it closes
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = type(dialog).__name__
        dialog.name.setText("东岭村股份经济合作社")  # Chinese arrives through the input method, not key codes
        dialog.kind.setCurrentIndex(dialog.kind.findData("collective"))
        qtbot.keyClicks(dialog.credit_code, "N2330106MF0000010")  # 17 characters: refused beside the field
        seen["short"] = dialog.credit_note.text() if dialog.credit_note.isVisibleTo(dialog) else ""
        qtbot.keyClicks(dialog.credit_code, "X")
        seen["full"] = dialog.credit_note.text() if dialog.credit_note.isVisibleTo(dialog) else ""
        dialog.path.setText(str(target))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(window.start.new_button, Qt.MouseButton.LeftButton)

    assert seen == {"dialog": "NewBookDialog", "short": "统一社会信用代码应为18位，这里是17位", "full": ""}
    book = window.ctx.book
    assert book is not None and book.settings.name == "东岭村股份经济合作社" and book.settings.kind == "collective"
    assert target.exists() and window.stack.currentIndex() == 1
    assert "东岭村股份经济合作社" in window.windowTitle()
    assert last_book() == str(target.resolve()) and recent_books()[0] == str(target.resolve())
    window.close_book()
    assert window.stack.currentWidget() is window.start and window.start.recent.count() == 1


def test_opening_a_missing_book_says_so_in_one_sentence(window, messages, tmp_path):
    assert not window.open(tmp_path / "nowhere.jlbook")
    assert window.ctx.book is None
    assert messages == [("warning", f"找不到账簿文件“{tmp_path / 'nowhere.jlbook'}”。")]


def _members_page(window) -> MembersPage:
    window.show_page("members")
    page = window.current_page()
    assert isinstance(page, MembersPage)
    return page


def test_a_wrong_id_digit_is_refused_beside_the_field(demo_window, qtbot):
    page = _members_page(demo_window)
    before = demo_window.ctx.book.members.count()
    dialog = page.add_member()
    assert isinstance(dialog, MemberDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("person"))
    qtbot.keyClicks(dialog.edits["code"], "P900")
    dialog.edits["name"].setText("王秀英")
    good = make_resident_id("330106", dt.date(1962, 5, 17), 12)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    qtbot.keyClicks(dialog.edits["id_number"], wrong)
    assert dialog.notes["id_number"].isVisible() and "校验" in dialog.notes["id_number"].text()
    assert not dialog.save_button.isEnabled()
    dialog.edits["id_number"].setText(good)
    assert not dialog.notes["id_number"].isVisible() and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    book = demo_window.ctx.book
    assert book.members.count() == before + 1 and book.members.get("P900")["id_number"] == good
    assert page.table.model.total == before + 1  # the table reloaded after the write


def test_editing_shows_holdings_and_history_and_a_clash_is_refused(demo_window, qtbot):
    page = _members_page(demo_window)
    dialog = page.edit(page.table.model.row(0))
    assert dialog.tabs.count() == 3
    assert dialog.tabs.widget(0).rowCount() == 3  # holds all three share classes
    assert dialog.tabs.widget(2).rowCount() >= 1  # the member's recorded changes
    dialog.edits["code"].setText("V02")  # another member's code
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "V02" in dialog.notes["code"].text()


def test_members_filter_as_you_type(demo_window, qtbot):
    page = _members_page(demo_window)
    model = page.table.model
    assert model.total == 6
    page.table.filter.setText("西坡")
    qtbot.waitUntil(lambda: model.total == 1, timeout=2000)
    assert model.row(0)["code"] == "V02" and page.table.count_label.text() == "共 1 条"
    page.table.filter.clear()
    qtbot.keyClicks(page.table.filter, "N2330106MF00000300")  # by ID number
    qtbot.waitUntil(lambda: model.total == 1 and model.row(0)["code"] == "V03", timeout=2000)


def test_header_click_sorts(demo_window, qtbot):
    page = _members_page(demo_window)
    header = page.table.view.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert [r["code"] for r in page.table.model.rows] == ["V06", "V05", "V04", "V03", "V02", "V01"]


def test_export_what_the_table_shows_and_read_it_back(demo_window, qtbot, tmp_path):
    page = _members_page(demo_window)
    page.table.apply_filter()
    page.table.filter.setText("村")
    page.table.apply_filter()
    path = tmp_path / "成员.xlsx"
    page.table.export_xlsx(str(path))
    ws = openpyxl.load_workbook(path, read_only=True).active
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    header_row = next(i for i, r in enumerate(values) if r[0] == "编号")
    assert values[header_row][:4] == ["编号", "姓名或名称", "类别", "证件号码"]
    data = [r for r in values[header_row + 1 :] if r[0]]
    assert [r[0] for r in data] == ["V01", "V02", "V03", "V04", "V05", "V06"]
    assert data[0][1] == "东岭村股份经济合作社" and data[0][2] == "集体组织" and data[0][3] == "N2330106MF0000010X"


def test_lazy_loading_fetches_page_by_page(window, tmp_path):
    path = tmp_path / "big.jlbook"
    book = Book.create(path, name="大村", kind="collective", start="2025-01")
    with book.transact(Op.IMPORT):
        for i in range(450):
            book.members.add(code=f"H{i:05d}", name=f"农户{i}", kind="household")
    book.close()
    assert window.open(path)
    model = _members_page(window).table.model
    assert model.total == 450 and model.rowCount() == model.batch == 200
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert model.row(449)["code"] == "H00449"


def test_print_layout_repeats_the_header_and_numbers_pages(demo_window, tmp_path):
    page = _members_page(demo_window)
    columns, rows = page.table.shown()
    pdf = tmp_path / "members.pdf"
    pages = write_pdf(str(pdf), "成员名册", columns, rows * 30, subtitle="东岭片区")
    reader = pypdf.PdfReader(pdf)
    assert pages == len(reader.pages) >= 3
    for n, p in enumerate(reader.pages, start=1):
        text = p.extract_text().replace("\n", "").replace("\t", "").replace(" ", "")
        assert "编号" in text and "证件号码" in text
        assert f"第{n}页，共{pages}页" in text
    assert "成员名册" in reader.pages[0].extract_text() and "东岭片区" in reader.pages[0].extract_text()


def test_long_work_runs_off_the_ui_thread_and_can_be_cancelled(demo_window, qtbot):
    ctx = demo_window.ctx

    def work(progress, cancel):
        for i in range(5):
            progress(i + 1, 5, f"第{i + 1}步")
        return "done"

    assert ctx.run("测试", work, writes=False) == "done"

    def endless(progress, cancel):
        while True:
            cancel.check()
            time.sleep(0.01)

    seen = []

    def press_cancel() -> None:
        dialog = next(d for d in demo_window.findChildren(QProgressDialog) if d.isVisible())
        seen.append(dialog.labelText())
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    QTimer.singleShot(400, press_cancel)
    assert ctx.run("永远", endless) is None
    assert seen == ["永远"]


def test_errors_are_one_sentence_or_logged(demo_window, messages):
    ctx = demo_window.ctx
    ctx.show_error(BookError("期间已结账。"))
    assert messages[-1] == ("warning", "期间已结账。")
    try:
        raise RuntimeError("boom-in-test")
    except RuntimeError as e:
        ctx.show_error(e)
    kind, text = messages[-1]
    assert kind == "critical" and str(log_file()) in text
    log = log_file().read_text(encoding="utf-8")
    assert "boom-in-test" in log and "Traceback" in log
    assert demo_window.ctx.book.members.count() == 6  # the book is unharmed


def test_about_shows_version_and_licences(qtbot):
    from app import version

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert version() in dialog.version_label.text()
    licences = {dialog.table.item(r, 0).text().split()[0]: dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert licences["reportlab"] == "BSD" and licences["pyHanko"] == "MIT" and licences["sqlite-utils"] == "Apache-2.0"
    assert licences["Qt"] == "LGPLv3" and licences["WenQuanYi"] == "Apache-2.0" and licences["openpyxl"] == "MIT"


def test_window_geometry_persists(window, qtbot):
    window.resize(790, 610)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert (again.size().width(), again.size().height()) == (790, 610)


def test_bundled_font_is_the_application_font():
    font = QApplication.font()
    assert font.family() == "WenQuanYi Micro Hei"
    assert all(QFontMetrics(font).inFontUcs4(ord(c)) for c in "联营账簿股份收益分配")


def test_an_exception_escaping_a_slot_is_reported(messages, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise ValueError("escaped-from-a-slot")
    except ValueError as e:
        sys.excepthook(type(e), e, e.__traceback__)
    assert messages[-1][0] == "critical" and "escaped-from-a-slot" in log_file().read_text(encoding="utf-8")
