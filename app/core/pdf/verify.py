"""Checking a signed PDF with pyHanko: intact (no byte changed), valid (the signature is sound), trusted (the
certificate is one of the book's), who signed and when, and the keywords the document carries."""

from __future__ import annotations

import io
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from app.core.pdf.signing import fingerprint


@dataclass
class SignatureCheck:
    signed: bool
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    whole_file: bool = False  # nothing was added after the signature
    signer: str = ""  # the name the certificate claims: anyone can make a certificate with any name
    fingerprint: str = ""  # SHA-256 of the signer certificate, as printed on the document
    signed_at: str = ""
    keywords: str = ""
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.valid and self.whole_file


def check(data: bytes, trust: list[bytes] | None = None) -> SignatureCheck:
    """Validate the (first) signature; ``trust`` is the DER certificates to trust (none: only integrity)."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        info = reader.trailer_view.get("/Info")
        keywords = str(info.get_object().get("/Keywords", "")) if info is not None else ""
        signatures = reader.embedded_signatures
        if not signatures:
            return SignatureCheck(signed=False, keywords=keywords)
        sig = signatures[0]
        roots = [asn1_x509.Certificate.load(c) for c in trust or []]
        context = ValidationContext(trust_roots=roots or [sig.signer_cert], allow_fetching=False)
        status = validate_pdf_signature(sig, context)
    except (PdfReadError, ValueError, KeyError, TypeError) as e:
        return SignatureCheck(signed=True, problem=str(e))
    when = sig.self_reported_timestamp
    return SignatureCheck(
        signed=True,
        intact=status.intact,
        valid=status.valid,
        trusted=bool(trust) and status.trusted,
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.native.get("common_name", "") if status.signing_cert else "",
        fingerprint=fingerprint(status.signing_cert.dump()) if status.signing_cert else "",
        signed_at=when.isoformat() if when else "",
        keywords=keywords,
    )


def page_texts(data: bytes) -> list[str]:
    """The text printed on each page (as a PDF reader extracts it), whitespace made single spaces."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]
    except (PyPdfError, ValueError, KeyError, TypeError):
        return []
