"""The sync file on the stick: everything is checked before anything is parsed.

Layout: magic (8) | format (u16) | total length (u64) | SHA-256 of the content (32) | content | Ed25519 signature
(64) over all that precedes it. Content: header length (u32) | header (JSON: kind, book, schema, signer and its
public key, the payload's size, the content key's id, that key wrapped for each recipient) | body (AES-256-GCM of
the zlib-compressed payload, the header as associated data). The body is encrypted with the book's content key,
which every current replica holds (handed over sealed in its seed, renewed when a replica retires), so any of
them reads any file; the key is also wrapped per recipient replica with X25519 + HKDF. A seed is sealed with a
key derived from a passphrase (scrypt). A lost stick exposes nothing.

The reader checks the signature, then (app/core/sync/exchange.py) that the signer is a replica it trusts, before
it decrypts; it inflates no more than the size the signed header states.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.core import outfile
from app.core.db import SCHEMA_VERSION
from app.core.errors import BookError
from app.core.i18n import _
from app.core.sync.identity import Identity, key_id, verify

MAGIC = b"JLSYNC\x00\x01"
FORMAT = 1
_FIXED = struct.Struct(">8sHQ32s")
SIG_LEN = 64
LEGACY_LIMIT = 1 << 30  # files written before the header stated the payload's size


@dataclass(frozen=True)
class Sealed:
    header: dict
    header_bytes: bytes
    body: bytes
    file_hash: str


def _hkdf(shared: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def _scrypt(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(passphrase.encode("utf-8"))


def seal(
    payload: bytes,
    header: dict,
    signer: Identity,
    *,
    recipients: dict[str, str] | None = None,
    passphrase: str | None = None,
) -> bytes:
    """The bytes of a sync file. ``recipients`` maps replica id → X25519 public key (hex).

    A changes file is encrypted with the book's current content key (any replica holding it can read the file,
    whoever it was written for); the key is also wrapped for each recipient, so that a replica that lacks it
    (a new key after a retirement) learns it from the file."""
    current = signer.current_key() if passphrase is None else None
    file_key = current[2] if current else AESGCM.generate_key(bit_length=256)
    header = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        **header,
        "signer": signer.replica_id,
        "sign_key": signer.sign_key,
        "size": len(payload),
    }
    if current:
        header["book_key"] = {"id": current[0], "epoch": current[1]}
    if passphrase is not None:
        salt = os.urandom(16)
        nonce = os.urandom(12)
        wrapped = AESGCM(_scrypt(passphrase, salt)).encrypt(nonce, file_key, None)
        header["passphrase"] = {"salt": salt.hex(), "key": (nonce + wrapped).hex()}
    else:
        eph = X25519PrivateKey.generate()
        header["eph"] = eph.public_key().public_bytes_raw().hex()
        keys = {}
        for rid, box_key in sorted((recipients or {}).items()):
            shared = eph.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(box_key)))
            nonce = os.urandom(12)
            keys[rid] = (nonce + AESGCM(_hkdf(shared, rid.encode())).encrypt(nonce, file_key, None)).hex()
        header["keys"] = keys
    nonce = os.urandom(12)
    header["nonce"] = nonce.hex()
    header_bytes = json.dumps(header, sort_keys=True, ensure_ascii=False).encode("utf-8")
    body = AESGCM(file_key).encrypt(nonce, zlib.compress(payload, 6), header_bytes)
    content = struct.pack(">I", len(header_bytes)) + header_bytes + body
    total = _FIXED.size + len(content) + SIG_LEN
    head = _FIXED.pack(MAGIC, FORMAT, total, hashlib.sha256(content).digest())
    return head + content + signer.sign.sign(head + content)


def _damaged(name: str) -> BookError:
    return BookError(
        _(
            "同步文件“{f}”已损坏，账簿未作改动。",
            "The sync file “{f}” is damaged; the book was not changed.",
            f=name,
        ),
        code="sync.damaged",
    )


def _newer(name: str) -> BookError:
    return BookError(
        _(
            "同步文件“{f}”由更新版本的联营账簿写出，请升级程序后再读入。",
            "The sync file “{f}” was written by a newer version of Joint Ledger; please upgrade the app to read it.",
            f=name,
        ),
        code="sync.newer",
    )


def _hex(value: object, length: int | None = None) -> bool:
    if not isinstance(value, str) or (length is not None and len(value) != length):
        return False
    try:
        bytes.fromhex(value)
    except ValueError:
        return False
    return True


def _header_ok(h: object) -> bool:
    """Every field the reader relies on has the expected type (the header is signed, but by whom is not known yet)."""
    if not isinstance(h, dict):
        return False
    if not (
        all(isinstance(h.get(k), str) for k in ("kind", "signer"))
        and _hex(h.get("sign_key"), 64)
        and _hex(h.get("nonce"), 24)
        and all(
            isinstance(h.get(k, 0), int) and not isinstance(h.get(k, 0), bool)
            for k in ("schema", "format", "size")
        )
        and h.get("size", 0) >= 0
    ):
        return False
    if "passphrase" in h:
        p = h["passphrase"]
        return isinstance(p, dict) and _hex(p.get("salt"), 32) and _hex(p.get("key"))
    keys, book_key = h.get("keys"), h.get("book_key")
    return (
        _hex(h.get("eph"), 64)
        and isinstance(keys, dict)
        and all(isinstance(k, str) and _hex(v) and len(v) == 120 for k, v in keys.items())
        and (
            book_key is None
            or (
                isinstance(book_key, dict)
                and isinstance(book_key.get("id"), str)
                and isinstance(book_key.get("epoch"), int)
            )
        )
        and isinstance(h.get("intro", []), list)
    )


def open_envelope(data: bytes, name: str) -> Sealed:
    """Check magic, version, length, hash and signature; return the verified header and the sealed body.
    Nothing is decrypted or decompressed here; every malformed file gives one sentence."""
    if len(data) < _FIXED.size or not data.startswith(MAGIC[:6]):
        raise BookError(
            _("“{f}”不是联营账簿同步文件。", "“{f}” is not a Joint Ledger sync file.", f=name),
            code="sync.not_sync_file",
        )
    magic, fmt, total, digest = _FIXED.unpack_from(data)
    if fmt > FORMAT or magic != MAGIC:
        raise _newer(name)
    if total != len(data) or total < _FIXED.size + 4 + SIG_LEN:
        raise BookError(
            _(
                "同步文件“{f}”不完整（可能U盘拔得太早），账簿未作改动；请重新写出一次。",
                "The sync file “{f}” is incomplete (the stick may have been pulled out too early); the book was not "
                "changed; write the file again.",
                f=name,
            ),
            code="sync.incomplete",
        )
    content = data[_FIXED.size : total - SIG_LEN]
    if hashlib.sha256(content).digest() != digest:
        raise BookError(
            _(
                "同步文件“{f}”已损坏（校验不符），账簿未作改动。",
                "The sync file “{f}” is damaged (its checksum does not match); the book was not changed.",
                f=name,
            ),
            code="sync.damaged",
        )
    (header_len,) = struct.unpack_from(">I", content)
    header_bytes = content[4 : 4 + header_len]
    if header_len > len(content) - 4:
        raise _damaged(name)
    try:
        header = json.loads(header_bytes)
    except (ValueError, RecursionError):
        raise _damaged(name) from None
    if not _header_ok(header):
        raise _damaged(name)
    if header.get("schema", 0) > SCHEMA_VERSION or header.get("format", 0) > FORMAT:
        raise _newer(name)
    if not verify(header["sign_key"], data[total - SIG_LEN :], data[: total - SIG_LEN]):
        raise BookError(
            _(
                "同步文件“{f}”的签名不对，可能被改动过，已拒绝读入。",
                "The signature of the sync file “{f}” is not valid (it may have been altered); it was refused.",
                f=name,
            ),
            code="sync.bad_signature",
        )
    return Sealed(header, header_bytes, content[4 + header_len :], hashlib.sha256(data).hexdigest())


def _unwrap(h: dict, me: Identity | None) -> bytes | None:
    """The key wrapped in the header for one of this replica's boxes, if any."""
    box = next(((rid, k) for rid, k in (me.boxes() if me else []) if rid in h["keys"]), None)
    if box is None:
        return None
    rid, private = box
    shared = private.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(h["eph"])))
    wrapped = bytes.fromhex(h["keys"][rid])
    return AESGCM(_hkdf(shared, rid.encode())).decrypt(wrapped[:12], wrapped[12:], None)


def unseal(sealed: Sealed, name: str, *, me: Identity | None = None, passphrase: str | None = None) -> bytes:
    """The payload of a verified file (see ``unseal_with_keys``)."""
    return unseal_with_keys(sealed, name, me=me, passphrase=passphrase)[0]


def unseal_with_keys(
    sealed: Sealed, name: str, *, me: Identity | None = None, passphrase: str | None = None
) -> tuple[bytes, dict[str, tuple[int, bytes]]]:
    """The payload, decrypted with the book's content key this replica holds, a key wrapped for it, or the seed's
    passphrase; and the content key learned from the file (to keep once the file is accepted). Decompression
    stops at the size the signed header states."""
    h = sealed.header
    learned: dict[str, tuple[int, bytes]] = {}
    try:
        if "passphrase" in h:
            if passphrase is None:
                raise InvalidTag
            wrapped = bytes.fromhex(h["passphrase"]["key"])
            key = AESGCM(_scrypt(passphrase, bytes.fromhex(h["passphrase"]["salt"]))).decrypt(
                wrapped[:12], wrapped[12:], None
            )
        else:
            book_key = h.get("book_key")
            held = me.book_keys.get(book_key["id"]) if me and book_key else None
            key = held[1] if held else _unwrap(h, me)
            if key is None:
                raise BookError(
                    _(
                        "同步文件“{f}”用本副本还没有的密钥加密，请先读入介绍本副本的电脑写出的文件。",
                        "The sync file “{f}” is encrypted with a key this replica does not hold yet; first read a file "
                        "from the replica that added this one.",
                        f=name,
                    ),
                    code="sync.no_key",
                )
            if book_key and not held:
                if key_id(key) != book_key["id"]:
                    raise InvalidTag
                learned[book_key["id"]] = (book_key["epoch"], key)
        plain = AESGCM(key).decrypt(bytes.fromhex(h["nonce"]), sealed.body, sealed.header_bytes)
    except (InvalidTag, ValueError):
        if "passphrase" in h:
            raise BookError(
                _(
                    "口令不对，无法打开种子文件“{f}”。",
                    "The passphrase is wrong; the seed file “{f}” cannot be opened.",
                    f=name,
                ),
                code="sync.wrong_passphrase",
            ) from None
        raise BookError(
            _(
                "同步文件“{f}”无法解密，已拒绝读入。",
                "The sync file “{f}” cannot be decrypted; it was refused.",
                f=name,
            ),
            code="sync.undecryptable",
        ) from None
    limit = h.get("size", LEGACY_LIMIT)
    inflater = zlib.decompressobj()
    try:
        payload = inflater.decompress(plain, limit + 1)
    except zlib.error:
        raise _damaged(name) from None
    if len(payload) > limit or not inflater.eof or ("size" in h and len(payload) != limit):
        raise _damaged(name)
    return payload, learned


def write_verified(path: Path, data: bytes) -> None:
    """Write to a temporary file, flush it to the device, rename it into place and read it back."""
    path = Path(path)
    outfile.write_bytes(path, data)
    if path.read_bytes() != data:
        raise BookError(
            _(
                "写入“{f}”后读回的内容不一致，U盘可能有问题，请换一个再试。",
                "The file “{f}” read back differently from what was written; the stick may be faulty, try another.",
                f=path,
            )
        )


def read_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise BookError(
            _("无法读取“{f}”（{e}）。", "Cannot read “{f}” ({e}).", f=path, e=e.strerror or e)
        ) from None
