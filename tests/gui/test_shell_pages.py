"""The shares, assets, home and settings pages over the demo book."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from app.core.money import to_fen
from app.gui.context import preferences
from app.gui.fonts import LARGE_POINTS
from app.gui.main_window import MainWindow
from app.gui.pages.assets import AssetsPage
from app.gui.pages.home import HomePage
from app.gui.pages.settings import SettingsPage
from app.gui.pages.shares import ClassDialog, HoldingDialog, SharesPage


def test_holdings_on_a_date_and_setting_one(demo_window):
    demo_window.show_page("shares")
    page = demo_window.current_page()
    assert isinstance(page, SharesPage)
    page.day.setDate(QDate(2025, 12, 31))
    assert page.holdings.model.total == 6 and page.classes.model.total == 3
    capital = page.classes.model.row(0)
    assert capital["name"] == "资金" and capital["holders"] == 6 and capital["total_q"] == 38_000_000 * 10000

    dialog = HoldingDialog(demo_window.ctx, QDate(2026, 1, 1), "V01", page)
    dialog.units.setText("3500000")
    dialog._accept()
    assert dialog.result() == HoldingDialog.DialogCode.Accepted
    page.day.setDate(QDate(2026, 1, 1))
    v01 = next(r for r in page.holdings.model.rows if r["code"] == "V01")
    assert v01[capital["id"]] == 3_500_000 * 10000

    refused = HoldingDialog(demo_window.ctx, QDate(2026, 1, 1), "NOBODY", page)
    refused.units.setText("1")
    refused._accept()
    assert refused.note.isVisibleTo(refused) and "NOBODY" in refused.note.text()


def test_adding_a_share_class_adds_a_holdings_column(demo_window):
    demo_window.show_page("shares")
    page = demo_window.current_page()
    dialog = ClassDialog(demo_window.ctx, page)
    dialog.name.setText("贡献股")
    dialog.unit.setText("股")
    dialog._accept()
    assert page.classes.model.total == 4
    assert page.holdings.model.columns[-1].header == "贡献股（股）"


def test_depreciation_preview_shows_the_voucher_then_posts_a_draft(demo_window):
    demo_window.show_page("assets")
    page = demo_window.current_page()
    assert isinstance(page, AssetsPage) and page.table.model.total == 5
    book = demo_window.ctx.book
    drafts = book.vouchers.count(status="draft")
    dialog = page.depreciate()
    dialog.year.setValue(2026)
    dialog.month.setValue(1)
    items = book.assets.depreciation_preview("2026-01")
    assert dialog.items.model.total == len(items) > 0
    lines = dialog.lines.model.rows
    assert sum(r["debit_fen"] for r in lines) == sum(r["credit_fen"] for r in lines) == sum(i.amount_fen for i in items)
    assert "2026-01" in dialog.summary.text()
    dialog.run()
    assert book.vouchers.count(status="draft") == drafts + 1
    assert book.assets.depreciation_preview("2026-01") == []


def test_registering_an_asset_refuses_a_bad_amount_beside_the_field(demo_window):
    demo_window.show_page("assets")
    page = demo_window.current_page()
    dialog = page.add_asset()
    dialog.edits["code"].setText("GD900")
    dialog.edits["name"].setText("烘干机")
    dialog.edits["cost_fen"].setText("12,000.555")
    dialog.save()
    assert dialog.isVisible() and dialog.notes["cost_fen"].isVisibleTo(dialog)
    dialog.edits["cost_fen"].setText("12,000.50")
    dialog.edits["life_months"].setValue(60)
    dialog.save()
    asset = demo_window.ctx.book.assets.get("GD900")
    assert asset["cost_fen"] == to_fen("12000.50") and asset["residual_bp"] == 500
    assert page.table.model.total == 6


def test_home_shows_balances_and_the_month_chart(demo_window):
    page = demo_window.current_page()
    assert isinstance(page, HomePage)
    assert page.cash.value.text() == "27,112.00" and page.income.caption.text() == "2025年收入"
    assert len(page.chart.values) == 12 and any(i for i, _e in page.chart.values)
    assert page.waiting.value.text() == "0 张" and page.sync.value.text() == "尚未同步"


def test_settings_saves_the_organization_and_refuses_a_bad_credit_code(demo_window):
    demo_window.show_page("settings")
    page = demo_window.current_page()
    assert isinstance(page, SettingsPage)
    page.credit_code.setText("91330106MA2H00001A")
    assert page.credit_note.isVisibleTo(page)
    page.name.setText("新名称")
    page.save_org()
    book = demo_window.ctx.book
    assert book.settings.name != "新名称" and page.org_note.isVisibleTo(page)
    page.credit_code.setText("")
    page.save_org()
    assert book.settings.name == "新名称" and "新名称" in demo_window.windowTitle()


def test_larger_text_setting_rebuilds_the_window_in_the_larger_font(demo_window, qtbot):
    demo_window.show_page("settings")
    page = demo_window.current_page()
    page.large_font.setChecked(True)
    page.apply_button.click()
    window = MainWindow.current
    qtbot.addWidget(window)
    assert window is not demo_window and QApplication.font().pointSize() == LARGE_POINTS
    assert window.sidebar.font().pointSizeF() > LARGE_POINTS and preferences().value("large_font", type=bool)
    window.close_book()
