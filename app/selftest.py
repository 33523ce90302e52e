"""``jointledger --self-test``: proves an installed copy works, end to end, in a throwaway folder.

It starts the GUI (offscreen unless a Qt platform is set) with the bundled font, builds the demo book and shows
every page on it, has the accountant (会计) prepare a voucher and the reviewer (审核) review and post it, writes a
signed PDF, verifies it and prints it (to a PDF printer), seeds a second copy of the book through a sync file and reads that copy's changes
back, and checks the book. One line per step, ``ok: …`` or ``FAILED: …``; the exit code is 0 only when every step
passed. The installer's build runs it on the bundled program, so a module or resource the bundle lacks shows up
there and not on a village PC. The user's books, keys and recent books are left alone: the self-test's are
throwaway ones.
"""

from __future__ import annotations

import importlib
import os
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app import RESOURCES, version
from app.core.vouchers import LineInput

FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"


def _say(line: str) -> None:
    if sys.stdout is not None:  # a windowed Windows program has no console
        print(line, flush=True)


class SelfTest:
    def __init__(self, folder: Path):
        self.folder = folder
        self.app = None
        self.window = None
        self.watcher = None
        self.book = None
        self.voucher_id = ""
        self.problems: list[str] = []

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("version", self.check_version),
            ("main window", self.open_window),
            ("font", self.check_font),
            ("demo book", self.build_book),
            ("pages", self.show_pages),
            ("voucher", self.post_voucher),
            ("signed PDF", self.signed_pdf),
            ("print", self.print_pdf),
            ("sync file", self.sync_files),
            ("book check", self.check_book),
        ]

    def check_version(self) -> str:
        v = version()
        if v == "0+unknown":
            raise RuntimeError("no version: the bundle lacks the joint-ledger metadata")
        return v

    def open_window(self) -> str:
        from PySide6.QtCore import QTimer

        from app.gui.app import MainWindow, create_app

        self.app = create_app([])
        self.window = MainWindow()
        # a dialog would wait for a click that never comes: note it and close it, and the step fails
        self.window.ctx.report_unexpected = lambda e: self.problems.append(f"{type(e).__name__}: {e}")
        self.watcher = QTimer()
        self.watcher.timeout.connect(self._close_dialogs)
        self.watcher.start(50)
        self.window.show()
        self._settle()
        if not self.window.isVisible():
            raise RuntimeError("the main window is not visible")
        return f"{type(self.window).__name__} on the {self.app.platformName()} platform"

    def _close_dialogs(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            text = dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle()
            self.problems.append(f"a dialog opened: {text}")
            dialog.reject()

    def _settle(self) -> None:
        """Let Qt lay out and paint; fail on a dialog or an unexpected error meanwhile."""
        self.app.processEvents()
        if self.problems:
            raise RuntimeError("; ".join(self.problems))

    def check_font(self) -> str:
        family = self.app.font().family()
        if not FONT_FILE.exists() or family != FONT_FAMILY:
            raise RuntimeError(f"the app font is {family!r}, not the bundled {FONT_FAMILY} ({FONT_FILE})")
        return family

    def build_book(self) -> str:
        from app.core.demo import build_demo

        self.book = build_demo(self.folder / "demo.jlbook")
        self.window.ctx.set_book(self.book)  # not the GUI's open_book: the user's recent books stay as they are
        info = self.book.info()
        if not info["posted_vouchers"]:
            raise RuntimeError("the demo book has no posted vouchers")
        return f"{info['members']} members, {info['posted_vouchers']} posted vouchers, schema {info['schema_version']}"

    def show_pages(self) -> str:
        """Every page of the sidebar shows the demo book; a page not written yet is named, a broken one fails."""
        from app.gui.pages import PAGES

        shown, absent = [], []
        for key, module, _cls in PAGES:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as e:
                if e.name != module:
                    raise
                absent.append(key)
                continue
            self.window.show_page(key)
            self._settle()
            shown.append(key)
        return f"{len(shown)} pages shown" + (f"; not in this build: {', '.join(absent)}" if absent else "")

    def post_voucher(self) -> str:
        from app.core.demo import PREPARER, REVIEWER
        from app.core.periods import add_months, month_end

        book = self.book
        period = add_months(book.periods.last_closed(), 1)
        date = month_end(period).isoformat()
        book.user = PREPARER
        self.voucher_id = book.vouchers.create(
            date,
            [LineInput("101", "自检：提取备用金", debit_fen=123_45), LineInput("10201", "", credit_fen=123_45)],
            attachments=1,
        )
        book.user = REVIEWER
        book.vouchers.review(self.voucher_id)
        number = book.vouchers.post(self.voucher_id)
        v = book.vouchers.get(self.voucher_id)
        if (v.status, v.preparer, v.reviewer, v.number) != ("posted", PREPARER, REVIEWER, number):
            raise RuntimeError(f"the voucher reads back as {v.status} by {v.preparer}/{v.reviewer} no. {v.number}")
        return f"{v.label} of {period}, prepared by {PREPARER}, reviewed and posted by {REVIEWER}"

    def signed_pdf(self) -> str:
        """A one-page PDF of the voucher in the bundled Chinese font with a QR code, signed with the book's key
        (made on first use), written, read back and verified against the book's certificates."""
        import io

        from reportlab.lib.pagesizes import A5, landscape
        from reportlab.pdfgen.canvas import Canvas

        from app.core.pdf import keys, layout, verify

        book = self.book
        v = book.vouchers.get(self.voucher_id)
        buf = io.BytesIO()
        canvas = Canvas(buf, pagesize=landscape(A5))
        canvas.setKeywords(f"jointledger-selftest {v.id}")
        layout.text(canvas, 40, 360, f"{book.settings.name} 记账凭证 {v.label}", 14)
        for i, ln in enumerate(v.lines):
            layout.text(canvas, 40, 320 - 20 * i, f"{ln.account_code} {ln.account_name} {ln.summary}", 10, width=300)
        layout.qr(canvas, v.id, 460, 280, 80)
        canvas.save()
        signer = keys.load_signer(book)  # the self-test's passphrase (the environment), never the user's
        path = self.folder / "selftest.pdf"
        path.write_bytes(signer.sign(buf.getvalue(), reason="自检", location=book.settings.name))
        data = path.read_bytes()
        check = verify.check(data, trust=keys.certificates(book))
        if not (check.ok and check.trusted and check.signer == book.settings.name and v.id in check.keywords):
            raise RuntimeError(f"the signature does not verify: {check}")
        if layout.font().encode() not in data:
            raise RuntimeError("the Chinese font is not embedded")
        tampered = bytearray(data)
        tampered[data.index(b"/Keywords") + 12] ^= 1  # a byte the signature covers
        if verify.check(bytes(tampered), trust=keys.certificates(book)).ok:
            raise RuntimeError("a changed byte went unnoticed")
        return f"{path.name}, {len(data) // 1024} KB, signed by {check.signer}, verified; one changed byte is caught"

    def print_pdf(self) -> str:
        """The signed PDF through the app's print path (Qt Pdf renders it, Qt prints it), to a PDF printer."""
        from PySide6.QtPrintSupport import QPrinter

        from app.gui.distribution_print import paint_pdf

        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # the app prints at high resolution: slower
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printed = self.folder / "printed.pdf"
        printer.setOutputFileName(str(printed))
        pages = paint_pdf(printer, self.folder / "selftest.pdf")
        if pages != 1 or not printed.is_file() or printed.stat().st_size < 5_000:
            raise RuntimeError(f"{pages} page(s) printed, {printed.stat().st_size if printed.exists() else 0} bytes")
        return f"{pages} page rendered by Qt Pdf and printed to {printed.name}, {printed.stat().st_size // 1024} KB"

    def sync_files(self) -> str:
        """The book seeds a second copy (a sealed seed file, read back by joining), the copy prepares a voucher
        and exports its changes, and the book reads that sync file back in."""
        from app.core.demo import PREPARER
        from app.core.sync import Sync
        from app.core.sync.exchange import SUFFIX
        from app.core.trust.users import ADMIN

        book = self.book
        book.user = ADMIN  # who may seed copies and read sync files in
        passphrase = secrets.token_urlsafe(12)
        seed = self.folder / f"seed{SUFFIX}"
        book.sync.seed(seed, passphrase)
        other = Sync.join(seed, self.folder / "copy.jlbook", "自检副本", passphrase)
        try:
            if other.vouchers.get(self.voucher_id).status != "posted":
                raise RuntimeError("the copy made from the seed file lacks the posted voucher")
            other.user = PREPARER
            period = book.vouchers.get(self.voucher_id).period
            draft = other.vouchers.create(
                f"{period}-01", [LineInput("101", "自检：副本制单", debit_fen=1_00), LineInput("10201", "", credit_fen=1_00)]
            )
            changes = self.folder / f"changes{SUFFIX}"
            exported = other.sync.export(changes)
        finally:
            other.close()
        report = book.sync.import_file(changes, backup=False)
        if book.vouchers.get(draft).status != "draft":
            raise RuntimeError(f"the copy's voucher did not arrive: {report}")
        return f"{seed.name} joined as a copy; {changes.name} with {exported['changes']} changes read back, {report['applied']} applied"

    def check_book(self) -> str:
        problems = self.book.reports.check()
        if problems:
            raise RuntimeError(f"{len(problems)} problem(s): {problems[0]}")
        return "balanced, no problems"

    def close(self) -> None:
        if self.window is not None:
            self.window.close()  # closes the book too
        elif self.book is not None:
            self.book.close()


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_self_test() -> int:
    """Runs every step; 0 when all passed, 1 at the first failure (the remaining steps are not run)."""
    from app.core.trust.users import ADMIN

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="jointledger-selftest-", ignore_cleanup_errors=True) as tmp,
        # throwaway password of the demo's users and passphrase of its signing key; sync keys in the throwaway folder
        _environment(
            JOINTLEDGER_HOME=str(Path(tmp) / "home"),
            JOINTLEDGER_USER=ADMIN,
            JOINTLEDGER_PASSWORD=secrets.token_urlsafe(12),
            JOINTLEDGER_PASSPHRASE=secrets.token_urlsafe(12),
        ),
    ):
        test = SelfTest(Path(tmp))
        try:
            for name, step in test.steps():
                t0 = time.perf_counter()
                try:
                    detail = step()
                except Exception as e:
                    _say(f"FAILED: {name}: {type(e).__name__}: {e}")
                    _say(traceback.format_exc().rstrip())
                    return 1
                _say(f"ok: {name}: {detail} ({(time.perf_counter() - t0) * 1000:.0f} ms)")
        finally:
            test.close()
    _say(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0
