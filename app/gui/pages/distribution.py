"""收益分配: the plan editor with a live preview, posting, the signed statements and notice (with print preview),
checking a printed code, and the payouts."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import Book, BookError, format_fen, to_fen
from app.gui.context import AppContext, Page
from app.gui.distribution_print import ask_passphrase, print_preview
from app.gui.plan_form import PlanForm
from app.gui.widgets.fields import FormDialog, date_edit
from app.gui.widgets.table import ColumnSpec, RowsSource, TableView


def plan_template(book: Book, year: int) -> str:
    """A starting plan for the book: 30% to 公积公益金, then equal weights on the classes."""
    weights = "\n".join(f'"{c["name"]}" = {0 if c["name"] == "集体股" else 1}' for c in book.shares.classes())
    return (
        f'year = {year}\ndistributable = "auto"\nrecord_date = "{year}-12-31"\n\n'
        f'[[withhold]]\nname = "提取公积公益金"\npercent = "30"\n\n[weights]\n{weights}\n\n'
        f'[notice]\nstart = "{year + 1}-01-05"\ndays = 7\nobjections = ""\n'
    )


class PayDialog(FormDialog):
    """发放: a payment to a member, recorded as a draft voucher."""

    def __init__(self, ctx: AppContext, year: int, row: dict, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.year, self.row = year, row
        self.setWindowTitle(self.tr("发放收益分配款"))
        self.day = date_edit(QDate.currentDate())
        self.account = QLineEdit(ctx.book.chart.roles["cash"])
        self.amount = QLineEdit(format_fen(row["unpaid_fen"], thousands=False))
        self.paid_by = QLineEdit(ctx.book.user)
        self.form.addRow(self.tr("成员"), QLabel(f"{row['code']} {row['name']}"))
        self.form.addRow(self.tr("发放日期"), self.day)
        self.form.addRow(self.tr("付款科目"), self.account)
        self.form.addRow(self.tr("金额（元）"), self.amount)
        self.form.addRow(self.tr("经手人"), self.paid_by)

    def apply(self) -> None:
        self.ctx.book.distribution.pay(
            self.year, self.row["code"], date=self.day.date().toString("yyyy-MM-dd"), from_account=self.account.text().strip(),
            amount_fen=to_fen(self.amount.text(), "amount"), paid_by=self.paid_by.text().strip() or None,
        )


class DistributionPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.preview = None
        # plan editor and live preview
        self.editor = QPlainTextEdit()
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._debounce = QTimer(self, singleShot=True, interval=400)
        self._debounce.timeout.connect(self.update_preview)
        self.editor.textChanged.connect(self._debounce.start)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.source = RowsSource(("code", "name"))
        self.table = TableView(self.tr("收益分配试算"), [], self.source.count, self.source.fetch)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("打开计划…"), self.open_plan), (self.tr("保存计划…"), self.save_plan),
                           (self.tr("方案公示…"), self.write_plan_notice),
                           (self.tr("生成分配凭证（草稿）…"), self.post)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        left = QWidget()
        lv = QVBoxLayout(left)
        self.form = PlanForm()
        self.form.edited.connect(self._form_edited)
        self._form_text = ""  # the plan text the form wrote last (the editor then needs no reloading into the form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.plan_tabs = QTabWidget()
        self.plan_tabs.addTab(scroll, self.tr("分配方案"))
        self.plan_tabs.addTab(self.editor, self.tr("方案文本（TOML）"))
        lv.addWidget(self.plan_tabs, 1)
        lv.addWidget(self.problem)
        lv.addLayout(buttons)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.summary)
        rv.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([360, 640])
        # documents
        self.year = QSpinBox()
        self.year.setRange(1990, 2200)
        self.start = date_edit(QDate.currentDate())
        self.days = QSpinBox()
        self.days.setRange(1, 90)
        self.days.setValue(7)
        self.objections = QLineEdit()
        self.paper = QComboBox()
        self.paper.addItems(["A4", "A3"])
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("印在明细单上的校验码"))
        form = QFormLayout()
        form.addRow(self.tr("年度"), self.year)
        form.addRow(self.tr("公示开始日期"), self.start)
        form.addRow(self.tr("公示天数"), self.days)
        form.addRow(self.tr("异议受理"), self.objections)
        form.addRow(self.tr("公示纸张"), self.paper)
        self.status = QLabel()
        self.status.setWordWrap(True)
        column = QWidget()
        column.setMaximumWidth(640)
        dv = QVBoxLayout(column)
        dv.addWidget(self.status)
        dv.addLayout(form)
        for text, slot in (
            (self.tr("生成全部签名明细单…"), self.write_statements),
            (self.tr("生成签名公示…"), self.write_notice),
            (self.tr("打印预览公示"), self.preview_notice),
            (self.tr("打印预览选中成员的明细单"), self.preview_statement),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            dv.addWidget(b)
        check = QHBoxLayout()
        check.addWidget(self.code, 1)
        verify = QPushButton(self.tr("核对校验码"))
        verify.clicked.connect(self.check_code)
        check.addWidget(verify)
        verify_file = QPushButton(self.tr("核对PDF文件…"))
        verify_file.clicked.connect(self.check_file)
        check.addWidget(verify_file)
        dv.addLayout(check)
        dv.addStretch(1)
        docs = QWidget()
        dh = QHBoxLayout(docs)
        dh.addWidget(column, 1)
        dh.addStretch(0)
        # payouts
        self.pay_source = RowsSource(("code", "name", "paid_by"))
        self.payouts = TableView(
            self.tr("收益分配发放"),
            [
                ColumnSpec("code", self.tr("成员编号"), width=8),
                ColumnSpec("name", self.tr("姓名或名称"), width=14),
                ColumnSpec("amount_fen", self.tr("应分金额"), "money"),
                ColumnSpec("paid_fen", self.tr("已发放"), "money"),
                ColumnSpec("pending_fen", self.tr("待审核"), "money"),
                ColumnSpec("unpaid_fen", self.tr("未发放"), "money"),
                ColumnSpec("paid_by", self.tr("经手人"), width=8),
                ColumnSpec("last_paid_on", self.tr("发放日期"), "date"),
            ],
            self.pay_source.count,
            self.pay_source.fetch,
        )
        self.payouts.add_button(self.tr("发放…"), self.pay)
        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("分配方案与试算"))
        self.tabs.addTab(docs, self.tr("明细单与公示"))
        self.tabs.addTab(self.payouts, self.tr("发放"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("收益分配")

    # -- book ----------------------------------------------------------------------------------------------
    def book_changed(self) -> None:
        book = self.ctx.book
        if book is None:
            self.editor.clear()
            return
        years = book.distribution.years()
        year = years[0] if years else max(int(book.settings.start_period[:4]), dt.date.today().year - 1)
        self.year.setValue(year)
        text = book.distribution.record(year)["plan"] if years else plan_template(book, year)
        self.editor.setPlainText(text)
        self.form.load(text, [c["name"] for c in book.shares.classes()])
        self.update_preview()
        self.refresh()

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        year = self.year.value()
        try:
            record = book.distribution.record(year)
        except BookError:
            self.status.setText(self.tr("%1 年还没有过账的收益分配。").replace("%1", str(year)))
            self.pay_source.rows = []
        else:
            posted = book.vouchers.get(record["voucher_id"]).status == "posted"
            self.status.setText(
                self.tr("%1 年收益分配：向成员分配 %2，分配凭证%3。").replace("%1", str(year))
                .replace("%2", format_fen(record["pool_fen"])).replace("%3", self.tr("已记账") if posted else self.tr("待审核记账"))
            )
            self.pay_source.rows = book.distribution.payouts(year)
        self.payouts.reload()

    # -- plan ----------------------------------------------------------------------------------------------
    def update_preview(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        text = self.editor.toPlainText()
        if text != self._form_text:  # typed as TOML: the form follows
            self.form.load(text, [c["name"] for c in book.shares.classes()])
        try:
            self.preview = book.distribution.preview(text)
        except BookError as e:
            self.problem.setText(str(e))
            return
        self.problem.clear()
        from app.core import FIXED

        r = self.preview.result
        plan = self.preview.plan
        self.year.setValue(plan.year)
        if plan.notice_start:
            self.start.setDate(QDate.fromString(plan.notice_start, "yyyy-MM-dd"))
        self.days.setValue(plan.notice_days)
        self.objections.setText(plan.objections)
        taken = "；".join(f"{n} {format_fen(a)}" for n, a in r.withholdings) or self.tr("无")
        cut = self.tr("（资金不足，保底按比例削减）") if r.fixed_cut else ""
        self.summary.setText(
            self.tr("可分配收益 %1；提取：%2；向成员分配 %3%4")
            .replace("%1", format_fen(r.distributable_fen)).replace("%2", taken).replace("%3", format_fen(r.pool_fen)).replace("%4", cut)
        )
        parts = list(r.class_totals())
        self.source.rows = [
            {"code": x["code"], "name": x["name"], "amount_fen": x["amount_fen"], **{f"part:{k}": v for k, v in x["classes"].items()}}
            for x in self.preview.rows()
        ]
        self.table.set_columns([
            ColumnSpec("code", self.tr("成员编号"), width=8),
            ColumnSpec("name", self.tr("姓名或名称"), width=14),
            *[ColumnSpec(f"part:{k}", self.tr("保底收益") if k == FIXED else k, "money") for k in parts],
            ColumnSpec("amount_fen", self.tr("合计"), "money"),
        ])
        self.table.reload()

    def _form_edited(self, text: str) -> None:
        self._form_text = text
        self.editor.setPlainText(text)

    def open_plan(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("打开分配方案"), "", self.tr("分配方案 (*.toml)"))
        if path:
            self.editor.setPlainText(Path(path).read_text(encoding="utf-8-sig"))

    def save_plan(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("保存分配方案"), "plan.toml", self.tr("分配方案 (*.toml)"))
        if path:
            Path(path).write_text(self.editor.toPlainText(), encoding="utf-8")

    def post(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        answer = QMessageBox.question(
            self, self.tr("生成分配凭证"), self.tr("按此方案生成收益分配凭证（草稿，由审核人审核记账）？")
        )
        if answer not in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok):
            return
        if self.ctx.call(lambda: book.distribution.post(self.editor.toPlainText())) is not None:
            QMessageBox.information(self, self.tr("生成分配凭证"), self.tr("已生成分配凭证（草稿），请由审核人审核并记账。"))
            self.refresh()

    # -- documents -----------------------------------------------------------------------------------------
    def _notice_options(self) -> dict:
        return {"start": self.start.date().toString("yyyy-MM-dd"), "days": self.days.value(),
                "objections": self.objections.text().strip() or None, "paper": self.paper.currentText()}

    def write_statements(self, folder: str | None = None) -> list[Path] | None:
        book = self.ctx.book
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("保存明细单的文件夹"))
        secret = ask_passphrase(self, book) if book and folder else None
        if not secret:
            return None
        year = self.year.value()
        return self.ctx.run(self.tr("生成签名明细单"), lambda progress, cancel: book.distribution.write_statements(
            year, folder, passphrase=secret, progress=progress, cancel=cancel))

    def write_notice(self, path: str | None = None) -> Path | None:
        book = self.ctx.book
        path = path or QFileDialog.getSaveFileName(self, self.tr("保存公示"), "公示.pdf", "PDF (*.pdf)")[0]
        secret = ask_passphrase(self, book) if book and path else None
        if not secret:
            return None
        return self.ctx.call(lambda: book.distribution.write_notice(self.year.value(), path, passphrase=secret, **self._notice_options()))

    def write_plan_notice(self, path: str | None = None) -> Path | None:
        """方案公示: the plan and each household's amount, marked as a plan, published before anything is booked
        (its posting period is recorded; the voucher cannot be posted before it ends)."""
        book = self.ctx.book
        path = path or QFileDialog.getSaveFileName(self, self.tr("保存方案公示"), "方案公示.pdf", "PDF (*.pdf)")[0]
        if not (book and path):
            return None
        return self.ctx.call(
            lambda: book.distribution.write_plan_notice(self.editor.toPlainText(), path, **self._notice_options())
        )

    def preview_notice(self) -> None:
        path = self.write_notice(str(Path(tempfile.mkdtemp(prefix="jl-")) / "notice.pdf"))
        if path:
            print_preview(self, path, landscape=True)

    def preview_statement(self) -> None:
        row = self.table.current_row() or self.payouts.current_row()
        book = self.ctx.book
        if row is None or book is None:
            QMessageBox.information(self, self.tr("明细单"), self.tr("请先在试算或发放表中选中一位成员。"))
            return
        secret = ask_passphrase(self, book)
        if not secret:
            return
        out = tempfile.mkdtemp(prefix="jl-")
        paths = self.ctx.call(lambda: book.distribution.write_statements(self.year.value(), out, passphrase=secret, members=[row["code"]]))
        if paths:
            print_preview(self, paths[0])

    def check_code(self) -> None:
        book = self.ctx.book
        if book is None:
            return
        try:
            r = book.distribution.verify_code(self.code.text())
        except BookError as e:
            self.ctx.show_error(e)
            return
        d = r["document"]
        who = f"{d['code']} {d['name']}：{format_fen(d['amount_fen'])}（{d['words']}）" if r["kind"] == "statement" else self.tr("公示")
        verdict = self.tr("与账簿一致。") if r["figures_match"] else self.tr("与账簿现有分配不一致！")
        QMessageBox.information(self, self.tr("核对校验码"), f"{d['org']} {d['year']}\n{who}\n{verdict}")

    def check_file(self, path: str | None = None) -> dict | None:
        """Check a statement or notice file: its signature and whether its figures are the book's."""
        book = self.ctx.book
        path = path or QFileDialog.getOpenFileName(self, self.tr("核对PDF文件"), "", "PDF (*.pdf)")[0]
        if book is None or not path:
            return None
        try:
            r = book.distribution.verify_file(path)
        except BookError as e:
            self.ctx.show_error(e)
            return None
        if not r["signed"]:
            text = self.tr("文件没有签名。")
        elif not (r["intact"] and r["valid"] and r["whole_file"]):
            text = self.tr("签名无效：文件在签名后被改动过。")
        else:
            text = self.tr("签名完好：%1 签署于 %2").replace("%1", r["signer"]).replace("%2", r["signed_at"])
            text += "\n" + (self.tr("数字与账簿一致。") if r.get("figures_match") else self.tr("数字与账簿不一致！"))
        QMessageBox.information(self, self.tr("核对PDF文件"), text)
        return r

    # -- payouts -------------------------------------------------------------------------------------------
    def pay(self) -> None:
        row = self.payouts.current_row()
        if row is None:
            QMessageBox.information(self, self.tr("发放"), self.tr("请先选中一位成员。"))
            return
        PayDialog(self.ctx, self.year.value(), row, self).open()
