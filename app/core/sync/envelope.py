"""The sync file on the stick: everything is checked before anything is parsed.

Layout: magic (8) | format (u16) | total length (u64) | SHA-256 of the content (32) | content | Ed25519 signature
(64) over all that precedes it. Content: header length (u32) | header (JSON: kind, book, schema, signer and its
public key, the file key wrapped for each recipient) | body (AES-256-GCM of the zlib-compressed payload, the
header as associated data). The file key is wrapped per recipient replica with X25519 + HKDF, or, for a seed,
with a key derived from a passphrase (scrypt), so a lost stick exposes nothing.
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
from app.core.sync.identity import Identity, verify

MAGIC = b"JLSYNC\x00\x01"
FORMAT = 1
_FIXED = struct.Struct(">8sHQ32s")
SIG_LEN = 64


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
    """The bytes of a sync file. ``recipients`` maps replica id → X25519 public key (hex)."""
    file_key = AESGCM.generate_key(bit_length=256)
    header = {"format": FORMAT, "schema": SCHEMA_VERSION, **header, "signer": signer.replica_id, "sign_key": signer.sign_key}
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


def open_envelope(data: bytes, name: str) -> Sealed:
    """Check magic, version, length, hash and signature; return the verified header and the sealed body."""
    if len(data) < _FIXED.size or not data.startswith(MAGIC[:6]):
        raise BookError(_("“{f}”不是联营账簿同步文件。", "“{f}” is not a Joint Ledger sync file.", f=name))
    magic, fmt, total, digest = _FIXED.unpack_from(data)
    if fmt > FORMAT or magic != MAGIC:
        raise BookError(_(
            "同步文件“{f}”由更新版本的联营账簿写出，请升级程序后再读入。",
            "The sync file “{f}” was written by a newer version of Joint Ledger; please upgrade the app to read it.",
            f=name,
        ))
    if total != len(data):
        raise BookError(_(
            "同步文件“{f}”不完整（可能U盘拔得太早），账簿未作改动；请重新写出一次。",
            "The sync file “{f}” is incomplete (the stick may have been pulled out too early); the book was not "
            "changed; write the file again.",
            f=name,
        ))
    content = data[_FIXED.size : total - SIG_LEN]
    if hashlib.sha256(content).digest() != digest:
        raise BookError(_(
            "同步文件“{f}”已损坏（校验不符），账簿未作改动。",
            "The sync file “{f}” is damaged (its checksum does not match); the book was not changed.",
            f=name,
        ))
    (header_len,) = struct.unpack_from(">I", content)
    header_bytes = content[4 : 4 + header_len]
    try:
        header = json.loads(header_bytes)
        signer_key = header["sign_key"]
        if not (isinstance(signer_key, str) and all(isinstance(header.get(k, 0), int) for k in ("schema", "format"))):
            raise ValueError(signer_key)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BookError(_("同步文件“{f}”已损坏，账簿未作改动。", "The sync file “{f}” is damaged; the book was not changed.", f=name)) from None
    if header.get("schema", 0) > SCHEMA_VERSION or header.get("format", 0) > FORMAT:
        raise BookError(_(
            "同步文件“{f}”由更新版本的联营账簿写出，请升级程序后再读入。",
            "The sync file “{f}” was written by a newer version of Joint Ledger; please upgrade the app to read it.",
            f=name,
        ))
    if not verify(signer_key, data[total - SIG_LEN :], data[: total - SIG_LEN]):
        raise BookError(_(
            "同步文件“{f}”的签名不对，可能被改动过，已拒绝读入。",
            "The signature of the sync file “{f}” is not valid (it may have been altered); it was refused.",
            f=name,
        ))
    return Sealed(header, header_bytes, content[4 + header_len :], hashlib.sha256(data).hexdigest())


def unseal(sealed: Sealed, name: str, *, me: Identity | None = None, passphrase: str | None = None) -> bytes:
    """The payload, decrypted with this replica's key or the seed's passphrase."""
    h = sealed.header
    try:
        if "passphrase" in h:
            if passphrase is None:
                raise InvalidTag
            wrapped = bytes.fromhex(h["passphrase"]["key"])
            key = AESGCM(_scrypt(passphrase, bytes.fromhex(h["passphrase"]["salt"]))).decrypt(wrapped[:12], wrapped[12:], None)
        else:
            box = next(((rid, k) for rid, k in (me.boxes() if me else []) if rid in h.get("keys", {})), None)
            if box is None:
                raise BookError(_(
                    "同步文件“{f}”不是写给这台电脑的（写出时对方还不认识这个副本），请先与介绍本副本的电脑同步。",
                    "The sync file “{f}” was not written for this replica (its writer did not know it yet); sync with "
                    "the replica that added this one first.",
                    f=name,
                ))
            rid, private = box
            shared = private.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(h["eph"])))
            wrapped = bytes.fromhex(h["keys"][rid])
            key = AESGCM(_hkdf(shared, rid.encode())).decrypt(wrapped[:12], wrapped[12:], None)
        plain = AESGCM(key).decrypt(bytes.fromhex(h["nonce"]), sealed.body, sealed.header_bytes)
    except InvalidTag:
        if "passphrase" in h:
            raise BookError(_("口令不对，无法打开种子文件“{f}”。", "The passphrase is wrong; the seed file “{f}” cannot be opened.", f=name)) from None
        raise BookError(_("同步文件“{f}”无法解密，已拒绝读入。", "The sync file “{f}” cannot be decrypted; it was refused.", f=name)) from None
    except (KeyError, TypeError, ValueError, AttributeError):  # a malformed header, even if signed
        raise BookError(_("同步文件“{f}”无法解密，已拒绝读入。", "The sync file “{f}” cannot be decrypted; it was refused.", f=name)) from None
    return zlib.decompress(plain)


def write_verified(path: Path, data: bytes) -> None:
    """Write to a temporary file, flush it to the device, rename it into place and read it back."""
    path = Path(path)
    outfile.write_bytes(path, data)
    if path.read_bytes() != data:
        raise BookError(_(
            "写入“{f}”后读回的内容不一致，U盘可能有问题，请换一个再试。",
            "The file “{f}” read back differently from what was written; the stick may be faulty, try another.",
            f=path,
        ))


def read_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise BookError(_("无法读取“{f}”（{e}）。", "Cannot read “{f}” ({e}).", f=path, e=e.strerror or e)) from None
