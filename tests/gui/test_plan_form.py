"""The 收益分配 plan as a form: it shows the plan, edits write the same TOML (keys it does not know are kept), and
the button that makes the draft voucher says so."""

import sys
import tomllib
from pathlib import Path

from PySide6.QtWidgets import QPushButton

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_distribution_support import EXPECTED, PLAN, small_book  # noqa: E402

from app.gui.context import AppContext  # noqa: E402
from app.gui.pages.distribution import DistributionPage  # noqa: E402
from app.gui.plan_form import PlanForm  # noqa: E402


def test_the_form_shows_the_plan_and_saves_the_same_toml(qtbot):
    form = PlanForm()
    qtbot.addWidget(form)
    # keys the form does not show (issue 17 adds some) survive a save
    assert form.load('future_key = "kept"\n' + PLAN + '\n[per_share]\n"资金" = "0.10"\n', ["资金"])
    data = tomllib.loads(PLAN)
    assert form.year.value() == data["year"]
    again = tomllib.loads(form.to_toml())
    for key in ("year", "distributable", "record_date", "withhold"):
        assert again.get(key) == data.get(key), key
    assert {**again["weights"], **data["weights"]} == again["weights"] and again["weights"].get("资金") == 0
    assert again["future_key"] == "kept" and again["per_share"] == {"资金": "0.10"}
    seen: list[str] = []
    form.edited.connect(seen.append)
    form.weights.item(0, 1).setText("2")
    assert seen and tomllib.loads(seen[-1])["weights"][form.weights.item(0, 0).text()] == 2


def test_the_page_edits_the_plan_in_the_form(qtbot, messages, tmp_path):
    ctx = AppContext()
    book = small_book(tmp_path / "v.jlbook")
    ctx.set_book(book)
    page = DistributionPage(ctx)
    qtbot.addWidget(page)
    page.book_changed()
    page.editor.setPlainText(PLAN)
    page.update_preview()
    assert {r["code"]: r["amount_fen"] for r in page.source.rows} == EXPECTED
    assert page.form.withhold.rowCount() == len(tomllib.loads(PLAN).get("withhold", []))
    page.form.auto.setChecked(False)
    page.form.amount.setText("1000.00")
    page.form.amount.textEdited.emit("1000.00")
    assert tomllib.loads(page.editor.toPlainText())["distributable"] == "1000.00"
    labels = [b.text() for b in page.findChildren(QPushButton)]
    assert "过账" not in labels and "生成分配凭证（草稿）…" in labels
