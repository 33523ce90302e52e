"""A book's signing key: ECDSA P-256 with a self-signed certificate in the organization's name.

The certificate is public and synced (``signing_certificates``), so every copy of the book can check every
statement. The private key is stored in ``signing_keys`` encrypted with the passphrase (PKCS#8) and never
synced: a sync file carried on a USB stick holds no key, and each PC that signs makes its own.
The passphrase comes from the caller (a prompt) or JOINTLEDGER_PASSPHRASE (scripts, tests).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.core.errors import BookError
from app.core.i18n import _
from app.core.ops import Op
from app.core.pdf.signing import PdfSigner
from app.core.store import utc_now

if TYPE_CHECKING:
    from app.core.book import Book

PASSPHRASE_ENV = "JOINTLEDGER_PASSPHRASE"
VALID_YEARS = 30  # statements are kept as long as the books


def env_passphrase() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def _require_passphrase(passphrase: str | None) -> str:
    passphrase = passphrase or env_passphrase()
    if not passphrase:
        raise BookError(
            _(
                "需要签名口令：请在提示时输入，或设置环境变量 {e}。",
                "A signing passphrase is needed: enter it when asked, or set {e}.",
                e=PASSPHRASE_ENV,
            )
        )
    return passphrase


def has_key(book: Book) -> bool:
    return bool(book.db.execute("SELECT 1 FROM signing_keys LIMIT 1").fetchone())


def create_key(book: Book, passphrase: str | None = None) -> str:
    """Make this PC's signing key and certificate for the book. Returns the certificate's id."""
    book.require_writable()
    secret = _require_passphrase(passphrase)
    if len(secret) < 8:
        raise BookError(_("签名口令至少8个字符。", "The signing passphrase needs at least 8 characters."))
    key = ec.generate_private_key(ec.SECP256R1())
    org = book.settings.name
    subject = [x509.NameAttribute(NameOID.COMMON_NAME, org), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    if book.settings.credit_code:
        subject.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, book.settings.credit_code))
    name = x509.Name(subject)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, True, False, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret.encode("utf-8")),
    ).decode("ascii")
    with book.transact(Op.SIGN_DOCUMENTS):
        cid = book.store.insert(
            "signing_certificates",
            {"subject": org, "certificate": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"), "created_at": utc_now()},
        )
        book.db.execute("INSERT INTO signing_keys (certificate_id, key) VALUES (?, ?)", [cid, encrypted])
    return cid


def load_signer(book: Book, passphrase: str | None = None) -> PdfSigner:
    """The signer of this PC's key; a book without one gets it now (the book must be writable)."""
    row = book.db.execute(
        "SELECT k.key, c.certificate FROM signing_keys k JOIN signing_certificates c ON c.id = k.certificate_id"
        " ORDER BY c.created_at DESC LIMIT 1"
    ).fetchone()
    if row is None:
        if book.readonly:
            raise BookError(
                _("这个账簿在本机还没有签名密钥，请以可写方式打开以生成。", "This book has no signing key on this PC; open it for writing to make one.")
            )
        create_key(book, passphrase)
        return load_signer(book, passphrase)
    secret = _require_passphrase(passphrase)
    try:
        key = serialization.load_pem_private_key(row[0].encode("ascii"), secret.encode("utf-8"))
    except ValueError:
        raise BookError(_("签名口令不对。", "The signing passphrase is wrong.")) from None
    cert = x509.load_pem_x509_certificate(row[1].encode("ascii"))
    return PdfSigner(key, cert.public_bytes(serialization.Encoding.DER))


def certificates(book: Book) -> list[bytes]:
    """All the book's signing certificates (DER), from every PC that signs."""
    return [
        x509.load_pem_x509_certificate(pem.encode("ascii")).public_bytes(serialization.Encoding.DER)
        for (pem,) in book.db.execute("SELECT certificate FROM signing_certificates").fetchall()
    ]
