"""``verify`` and forged statements (issue 14, item 3): a self-signed forgery in the organization's name, a
genuine statement whose metadata was pointed at another member, a page printing other figures than the book's.

Without the book ``verify`` proves only that the file is unchanged: it says the signer is unchecked, prints the
certificate's SHA-256 fingerprint (also printed in small type on the document) and exits 3. With the book it
compares what the pages print with the book's document for that code.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pypdf import PdfWriter
from test_distribution_support import post_and_approve, small_book

from app.cli.main import cli
from app.core.distribution import documents
from app.core.distribution.statement_pdf import render_statement
from app.core.pdf import keys
from app.core.pdf.signing import PdfSigner

ORG = "东岭村股份经济合作社"


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    d = tmp_path_factory.mktemp("forge")
    book = small_book(d / "v.jlbook")
    post_and_approve(book)
    statements = book.distribution.write_statements(2026, d / "statements")
    genuine = {p.name.split("_")[1]: p for p in statements}
    contents = {c["code"]: c for c in documents.statement_contents(book, *_record(book))}
    signer = keys.load_signer(book)
    book.close()
    yield d, d / "v.jlbook", genuine, contents, signer


def _record(book):
    from app.core.distribution import posting

    record = posting.require(book, 2026)
    return record, posting.lines(book, record["id"])


def self_signed(cn: str) -> PdfSigner:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return PdfSigner(key, cert.public_bytes(serialization.Encoding.DER))


def verify(*args):
    return CliRunner().invoke(cli, ["verify", *map(str, args)])


def test_a_self_signed_forgery_is_not_vouched_for(signed):
    d, book, _genuine, contents, _signer = signed
    forger = self_signed(ORG)
    forged = contents["H1"] | {"amount_fen": 99999900, "signer_fingerprint": forger.fingerprint}
    path = d / "forged.pdf"
    path.write_bytes(forger.sign(render_statement(forged), reason="x", location=ORG))
    r = verify(path)
    assert r.exit_code == 3, r.output
    assert "签名人未核实" in r.output and forger.fingerprint in r.output and "签名完好：" not in r.output
    r = verify(path, "--book", book)
    assert r.exit_code == 1 and "不是这个账簿的" in r.output and "一致。" not in r.output


def test_the_fingerprint_is_printed_on_the_statement(signed):
    _d, _book, genuine, _contents, signer = signed
    printed = subprocess.run(
        ["pdftotext", str(genuine["H1"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert signer.fingerprint in " ".join(printed.split())
    r = verify(genuine["H1"])
    assert r.exit_code == 3 and signer.fingerprint in r.output
    assert verify(genuine["H1"], "--book", _book).exit_code == 0


def test_metadata_pointed_at_another_member_is_refused(signed):
    d, book, genuine, _contents, _signer = signed
    writer = PdfWriter(genuine["H1"], incremental=True)
    h2 = verify(genuine["H2"], "--json")
    code = json.loads(h2.output)["code"]
    writer.add_metadata({"/Keywords": f"jointledger:statement:{code}"})
    path = d / "redirected.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    r = verify(path, "--book", book)
    assert r.exit_code == 1 and "数字与账簿一致" not in r.output


def test_a_page_printing_other_figures_than_the_book(signed):
    """Signed with the book's own key and carrying the right code, but the page prints another amount."""
    d, book, _genuine, contents, signer = signed
    altered = contents["H1"] | {
        "amount_fen": contents["H1"]["amount_fen"] + 100,
        "signer_fingerprint": signer.fingerprint,
    }
    path = d / "altered.pdf"
    path.write_bytes(signer.sign(render_statement(altered), reason="x", location=ORG))
    r = verify(path, "--book", book)
    assert r.exit_code == 1 and "页面上印的" in r.output and "数字与账簿一致" not in r.output
