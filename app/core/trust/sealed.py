"""Encrypted backups: a backup written outside this PC's own folders (a USB stick, a shared folder) holds every ID
number, phone and bank account, so it is sealed with the passphrase (AES-256-GCM, key from scrypt).

Layout: magic (10) | header length (u32) | header (JSON, plain: what the backup holds — name, counts, last change —
so that ``restore`` can say it before asking for the passphrase; the scrypt salt) | nonce (12) | the SQLite file,
zlib-compressed and encrypted with the header as associated data (a changed header fails to open).
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.core import outfile
from app.core.errors import BookError
from app.core.i18n import _

MAGIC = b"JLBAKENC\x00\x01"
PASSPHRASE_ENV = "JOINTLEDGER_PASSPHRASE"
_SCRYPT_N = 2**15


def is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=8, p=1).derive(passphrase.encode("utf-8"))


def passphrase_or_refuse(passphrase: str | None) -> str:
    """The passphrase given, else from the environment; else one sentence saying what is needed."""
    passphrase = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        raise BookError(
            _(
                "备份写在本机用户数据文件夹以外（U盘、共享文件夹）时要用口令加密，请提供口令（{e}）。",
                "A backup outside this PC's user data folder (a stick, a shared folder) is encrypted; give the passphrase ({e}).",
                e=PASSPHRASE_ENV,
            ),
            code="backup.passphrase",
        )
    return passphrase


def seal(plain: Path, dest: Path, passphrase: str, holds: dict) -> None:
    """Write ``plain`` (a checked SQLite copy) to ``dest`` encrypted; ``holds`` goes in the plain header."""
    salt, nonce = os.urandom(16), os.urandom(12)
    header = json.dumps({"holds": holds, "salt": salt.hex()}, ensure_ascii=False, sort_keys=True).encode(
        "utf-8"
    )
    body = AESGCM(_key(passphrase, salt)).encrypt(nonce, zlib.compress(plain.read_bytes(), 6), header)
    outfile.write_bytes(dest, MAGIC + struct.pack(">I", len(header)) + header + nonce + body)


def _parts(path: Path) -> tuple[dict, bytes, bytes, bytes]:
    data = Path(path).read_bytes()
    try:
        (n,) = struct.unpack_from(">I", data, len(MAGIC))
        start = len(MAGIC) + 4
        header_bytes = data[start : start + n]
        header = json.loads(header_bytes)
        nonce, body = data[start + n : start + n + 12], data[start + n + 12 :]
        if not isinstance(header, dict) or not isinstance(header.get("holds"), dict) or len(nonce) != 12:
            raise ValueError
    except (struct.error, ValueError):
        raise BookError(
            _("加密备份“{p}”已损坏。", "The encrypted backup “{p}” is damaged.", p=path),
            code="backup.damaged",
        ) from None
    return header, header_bytes, nonce, body


def holds(path: Path) -> dict:
    """What an encrypted backup holds, as its plain header says (before any passphrase is asked)."""
    return _parts(path)[0]["holds"]


def unseal(path: Path, passphrase: str, dest: Path) -> None:
    """Decrypt an encrypted backup into the SQLite file ``dest``; a wrong passphrase is one sentence."""
    header, header_bytes, nonce, body = _parts(path)
    try:
        plain = AESGCM(_key(passphrase, bytes.fromhex(header["salt"]))).decrypt(nonce, body, header_bytes)
        data = zlib.decompress(plain)
    except (InvalidTag, KeyError, ValueError, TypeError, zlib.error):
        raise BookError(
            _(
                "口令不对，或加密备份“{p}”已损坏。",
                "The passphrase is wrong, or the encrypted backup “{p}” is damaged.",
                p=path,
            ),
            code="backup.passphrase_wrong",
        ) from None
    outfile.write_bytes(dest, data)
