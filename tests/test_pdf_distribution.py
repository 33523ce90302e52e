"""Signed statements and the public notice: real PDFs, text read back with pypdf, pages rendered with pdftoppm,
signatures checked with pyHanko, and a copy with one changed byte refused."""

import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader
from test_distribution_support import post_and_approve, small_book

from app.core.errors import BookError
from app.core.pdf import keys


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """A book file with the worked example's plan posted, its statements and its notice. With 40 more members
    holding one 人口股 each (3 pages of notice), 人口股 has 50 units: H1 gets 455.00 × 3/50 = 27.30 + 65.00 = 92.30,
    H2 gets 455.00 × 2/50 = 18.20 + 130.00 = 148.20."""
    d = tmp_path_factory.mktemp("dist")
    book = small_book(d / "v.jlbook", extra=40)
    post_and_approve(book)
    statements = book.distribution.write_statements(2026, d / "statements")
    notice = book.distribution.write_notice(2026, d / "notice.pdf")
    yield book, statements, notice, d
    book.close()


def text_of(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def render(path, tmp, first: int = 1) -> Image.Image:
    out = tmp / f"{path.stem}-{first}"
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", str(first), "-l", str(first), "-singlefile", str(path), str(out)], check=True)
    return Image.open(f"{out}.png").convert("L")


def not_blank(img: Image.Image) -> bool:
    dark = sum(img.histogram()[:128])
    return dark > 0.005 * img.width * img.height


def test_statement_says_who_gets_what(signed):
    _book, statements, _notice, d = signed
    h1 = next(p for p in statements if "_H1_" in p.name)
    text = text_of(h1)
    assert "王建国" in text and "H1" in text
    assert "人民币玖拾贰元叁角整" in text and "92.30" in text
    assert "3301" in text and "**********" in text  # the ID masked: first 4 and last 4
    for label in ("会计", "理事长/主任", "监事会", "领款人", "校验码"):
        assert label in text
    assert not_blank(render(h1, d))


def test_notice_lists_everyone_across_pages(signed):
    book, _statements, notice, d = signed
    reader = PdfReader(notice)
    assert len(reader.pages) == 3
    pages = [p.extract_text() for p in reader.pages]
    for i, page in enumerate(pages, start=1):
        assert "收益分配公示" in page and f"第 {i} 页 / 共 3 页" in page  # the header on every page
    text = "\n".join(pages)
    assert "王建国" in text and "赵39" in text and "合计" in text
    assert "公示期 7 天（2027-01-05 至 2027-01-11）" in text and "村务监督委员会" in text
    assert "1380000" not in text  # no phone numbers
    ids = [m["id_number"] for m in book.members.list()]
    assert not any(i in text for i in ids)
    assert all(not_blank(render(notice, d, n)) for n in (1, 3))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape


def test_signatures_validate_and_figures_match(signed):
    book, statements, notice, _d = signed
    for path in (statements[0], notice):
        r = book.distribution.verify_file(path)
        assert r["ok"] and r["intact"] and r["valid"] and r["trusted"] and r["figures_match"]
        assert r["signer"] == "东岭村股份经济合作社" and r["signed_at"]


def test_one_changed_byte_fails(signed):
    book, statements, _notice, d = signed
    data = bytearray(statements[0].read_bytes())
    i = data.index(b"stream") + 40  # inside the page content, covered by the signature
    data[i] ^= 0x01
    bad = d / "changed.pdf"
    bad.write_bytes(bytes(data))
    r = book.distribution.verify_file(bad)
    assert not r["ok"] and not r["intact"]
    appended = d / "appended.pdf"
    appended.write_bytes(statements[0].read_bytes() + b"\n% added later\n")
    assert not book.distribution.verify_file(appended)["ok"]


def test_printed_copy_is_checked_by_its_code(signed):
    book, statements, _notice, _d = signed
    h2 = next(p for p in statements if "_H2_" in p.name)
    code = book.distribution.verify_file(h2)["code"]
    assert code in text_of(h2)
    shown = book.distribution.verify_code(code.lower().replace("-", " "))
    assert shown["figures_match"] and shown["document"]["name"] == "李秀英"
    assert shown["document"]["amount_fen"] == 14820 and shown["document"]["words"] == "人民币壹佰肆拾捌元贰角整"
    with pytest.raises(BookError, match="没有校验码"):
        book.distribution.verify_code("AAAA-BBBB-CCCC")


def test_a3_notice_is_larger(signed, tmp_path):
    book, _s, _n, _d = signed
    a3 = book.distribution.write_notice(2026, tmp_path / "a3.pdf", paper="A3", days=15, start="2027-02-01")
    page = PdfReader(a3).pages[0]
    assert round(float(page.mediabox.width)) == 1191
    assert "公示期 15 天（2027-02-01 至 2027-02-15）" in page.extract_text()
    assert book.distribution.verify_file(a3)["ok"]


def test_signing_key_passphrase(tmp_path, monkeypatch):
    book = small_book(tmp_path / "k.jlbook")
    try:
        assert not keys.has_key(book)
        signer = keys.load_signer(book, "correct horse")  # made lazily when missing
        assert keys.has_key(book) and signer.subject == "东岭村股份经济合作社"
        with pytest.raises(BookError, match="签名口令不对"):
            keys.load_signer(book, "wrong passphrase")
        monkeypatch.delenv(keys.PASSPHRASE_ENV)
        with pytest.raises(BookError, match=keys.PASSPHRASE_ENV):
            keys.load_signer(book)
        # the private key never enters the change log (it is not synced); the certificate does
        logged = {r[0] for r in book.db.execute("SELECT DISTINCT tbl FROM changes").fetchall()}
        assert "signing_certificates" in logged and "signing_keys" not in logged
    finally:
        book.close()


def test_worker_processes_write_the_same_signed_statements(signed, tmp_path):
    book, statements, _notice, _d = signed
    paths = book.distribution.write_statements(2026, tmp_path / "par", members=["H1", "H2", "X000"], workers=2)
    assert [p.name for p in paths] == [p.name for p in statements if p.name.split("_")[1] in ("H1", "H2", "X000")]
    for p in paths:
        r = book.distribution.verify_file(p)
        assert r["ok"] and r["figures_match"]
    assert text_of(paths[0]) == text_of(next(s for s in statements if s.name == paths[0].name))


def test_cancel_stops_and_records_nothing_new(tmp_path):
    from app.core.errors import Cancelled
    from app.core.progress import CancelToken

    book = small_book(tmp_path / "c.jlbook")
    try:
        post_and_approve(book)
        token = CancelToken()
        seen = []

        def progress(done, total, text):
            seen.append(done)
            token.cancel()

        with pytest.raises(Cancelled):
            book.distribution.write_statements(2026, tmp_path / "st", progress=progress, cancel=token)
        assert seen == [1]
        assert book.db.execute("SELECT count(*) FROM distribution_documents").fetchone()[0] == 0
    finally:
        book.close()
