"""Signing a finished PDF: PAdES baseline B (ETSI.CAdES.detached, ECDSA P-256, SHA-256) in an incremental update.

pyHanko's signer builds the CMS structure with asn1crypto twice per signature (~20 ms on this kind of machine),
which alone would take 100 s for 5,000 statements. A statement is always a fresh reportlab file, so the
signature is appended here directly: the parts of the CMS that never change are encoded once per key, each
signature only encodes the message digest and the ECDSA value. pyHanko validates the result (``verify``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from asn1crypto import algos, cms, tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

CONTENTS_BYTES = 4096  # room for the CMS (about 900 bytes with one certificate)
_PLACEHOLDER_DIGEST = b"\x5a" * 32


def _tlv(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        return bytes((tag, n)) + body
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(size))) + size + body


def fingerprint(certificate_der: bytes) -> str:
    """The certificate's SHA-256 fingerprint as people compare it: 16 groups of 4 hex digits."""
    h = hashlib.sha256(certificate_der).hexdigest().upper()
    return " ".join(h[i : i + 4] for i in range(0, 64, 4))


def _pdf_text(text: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte order mark, as hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


@dataclass
class _Pieces:
    attrs_template: bytes  # the signed attributes (SET) with a placeholder digest
    digest_at: int
    signer_head: bytes  # version, sid, digestAlgorithm
    signature_algorithm: bytes
    signed_data_head: bytes  # version, digestAlgorithms, encapContentInfo, certificates
    content_type: bytes


class PdfSigner:
    """Signs PDFs with one key and certificate, loaded once (``keys.load_signer`` makes it from a book)."""

    def __init__(self, key: ec.EllipticCurvePrivateKey, certificate_der: bytes):
        self.key = key
        self.certificate_der = certificate_der
        cert = asn1_x509.Certificate.load(certificate_der)
        self.subject = cert.subject.native.get("common_name", "")
        self.fingerprint = fingerprint(certificate_der)  # printed on every statement and notice
        self._pieces = self._encode_fixed_parts(cert)

    @staticmethod
    def _encode_fixed_parts(cert: asn1_x509.Certificate) -> _Pieces:
        ess = tsp.SigningCertificateV2(
            {
                "certs": [
                    {
                        "hash_algorithm": {"algorithm": "sha256"},
                        "cert_hash": hashlib.sha256(cert.dump()).digest(),
                        "issuer_serial": {
                            "issuer": [asn1_x509.GeneralName(name="directory_name", value=cert.issuer)],
                            "serial_number": cert.serial_number,
                        },
                    }
                ]
            }
        )
        attrs = sorted(
            a.dump()
            for a in (
                cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
                cms.CMSAttribute({"type": "message_digest", "values": [_PLACEHOLDER_DIGEST]}),
                cms.CMSAttribute({"type": "signing_certificate_v2", "values": [ess]}),
            )
        )  # DER sorts the elements of a SET OF
        template = _tlv(0x31, b"".join(attrs))
        sid = cms.SignerIdentifier(
            name="issuer_and_serial_number", value={"issuer": cert.issuer, "serial_number": cert.serial_number}
        )
        digest_alg = algos.DigestAlgorithm({"algorithm": "sha256"}).dump()
        data_type = cms.ContentType("data").dump()
        return _Pieces(
            attrs_template=template,
            digest_at=template.index(_PLACEHOLDER_DIGEST),
            signer_head=b"\x02\x01\x01" + sid.dump() + digest_alg,
            signature_algorithm=algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}).dump(),
            signed_data_head=b"\x02\x01\x01" + _tlv(0x31, digest_alg) + _tlv(0x30, data_type) + _tlv(0xA0, cert.dump()),
            content_type=cms.ContentType("signed_data").dump(),
        )

    def cms(self, digest: bytes) -> bytes:
        """The detached CMS SignedData over a SHA-256 ``digest`` of the signed bytes."""
        p = self._pieces
        attrs = p.attrs_template[: p.digest_at] + digest + p.attrs_template[p.digest_at + 32 :]
        signature = self.key.sign(attrs, ec.ECDSA(hashes.SHA256()))
        signer_info = _tlv(
            0x30, p.signer_head + b"\xa0" + attrs[1:] + p.signature_algorithm + _tlv(0x04, signature)
        )
        signed_data = _tlv(0x30, p.signed_data_head + _tlv(0x31, signer_info))
        return _tlv(0x30, p.content_type + _tlv(0xA0, signed_data))

    def sign(self, pdf: bytes, *, reason: str = "", location: str = "", when: dt.datetime | None = None) -> bytes:
        """``pdf`` (a reportlab file: classic xref, no form fields) with an invisible signature appended."""
        when = when or dt.datetime.now(dt.UTC)
        trailer = pdf[pdf.rindex(b"trailer") :]
        size = int(re.search(rb"/Size (\d+)", trailer).group(1))
        root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
        rest = [m.group(0) for m in re.finditer(rb"/(?:Info \d+ 0 R|ID\s*\[[^\]]*\])", trailer)]
        prev = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
        catalog = _object(pdf, root)
        pages = _object(pdf, int(re.search(rb"/Pages (\d+) 0 R", catalog).group(1)))
        page_no = int(re.search(rb"/Kids\s*\[\s*(\d+) 0 R", pages).group(1))
        page = _object(pdf, page_no)
        if b"/Annots" in page or b"/AcroForm" in catalog:
            raise ValueError("the PDF already has annotations or a form")
        sig_no, field_no, form_no = size, size + 1, size + 2
        stamp = when.strftime("D:%Y%m%d%H%M%S+00'00'").encode()
        byte_range_slot = b"/ByteRange [0 " + b" " * 32 + b"]"
        objects = {
            root: b"<</AcroForm %d 0 R " % form_no + catalog.strip()[2:],
            page_no: b"<</Annots [%d 0 R] " % field_no + page.strip()[2:],
            sig_no: b"<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
            + byte_range_slot
            + b" /Contents <"
            + b"0" * (2 * CONTENTS_BYTES)
            + b"> /M ("
            + stamp
            + b") /Reason "
            + _pdf_text(reason)
            + b" /Location "
            + _pdf_text(location)
            + b">>",
            field_no: b"<</Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %d 0 R /F 132 /Rect [0 0 0 0] /P %d 0 R>>"
            % (sig_no, page_no),
            form_no: b"<</Fields [%d 0 R] /SigFlags 3>>" % field_no,
        }
        out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
        offsets = {}
        for number in sorted(objects):
            offsets[number] = len(out)
            out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
        xref_at = len(out)
        out += b"xref\n"
        for number in sorted(offsets):
            out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
        out += b"trailer\n<</Size %d /Root %d 0 R %s /Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (
            form_no + 1, root, b" ".join(rest), prev, xref_at
        )
        start = out.index(b"/Contents <", offsets[sig_no]) + len(b"/Contents ")
        end = start + 2 * CONTENTS_BYTES + 2
        ranges = b"/ByteRange [0 %d %d %d" % (start, end, len(out) - end)
        slot = out.index(byte_range_slot, offsets[sig_no])
        out[slot : slot + len(byte_range_slot)] = ranges.ljust(len(byte_range_slot) - 1) + b"]"
        digest = hashlib.sha256(bytes(out[:start]) + bytes(out[end:])).digest()
        signature = self.cms(digest).hex().upper().encode()
        out[start + 1 : start + 1 + len(signature)] = signature
        return bytes(out)


def _object(pdf: bytes, number: int) -> bytes:
    m = re.search(rb"(?:^|[\r\n])%d 0 obj\s*(.*?)\s*endobj" % number, pdf, re.S)
    if m is None:
        raise ValueError(f"object {number} not found")
    return m.group(1)
