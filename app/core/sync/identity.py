"""A replica's key pair, kept outside the book file so that a copied or restored book cannot sign as it.

Keys live in the user's data folder (``JOINTLEDGER_HOME`` overrides it; tests point it at a temporary folder),
one file per book id and replica id.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

_RAW = {"encoding": serialization.Encoding.Raw, "format": serialization.PublicFormat.Raw}


def home() -> Path:
    override = os.environ.get("JOINTLEDGER_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir("jointledger", appauthor=False))


def key_path(book_id: str, replica_id: str) -> Path:
    return home() / "replicas" / book_id / f"{replica_id}.key"


def mark_path(book_id: str, replica_id: str) -> Path:
    """Beside the key: the highest counter this replica has given out in a file, and the book file that holds
    the identity; a restored or copied book is recognised by them when it opens."""
    return home() / "replicas" / book_id / f"{replica_id}.mark"


def read_mark(book_id: str, replica_id: str) -> dict | None:
    try:
        mark = json.loads(mark_path(book_id, replica_id).read_text())
    except (OSError, ValueError):
        return None
    return mark if isinstance(mark, dict) else None


def write_mark(book_id: str, replica_id: str, counter: int, book_path: Path) -> None:
    old = read_mark(book_id, replica_id) or {}
    mark = {"counter": max(counter, int(old.get("counter", 0))), "path": str(book_path)}
    if mark != old:
        _write_private(mark_path(book_id, replica_id), json.dumps(mark, ensure_ascii=False))


@dataclass(frozen=True)
class Identity:
    replica_id: str
    sign: Ed25519PrivateKey
    box: X25519PrivateKey
    invite_id: str | None = None  # the seed this replica joined from: files written before its writer
    invite_box: X25519PrivateKey | None = None  # heard from it are encrypted for the invitation
    # the book's content keys this replica holds, by key id (see ``key_id``): each is (epoch, key)
    book_keys: dict[str, tuple[int, bytes]] = field(default_factory=dict)

    @classmethod
    def generate(cls, replica_id: str) -> Identity:
        return cls(replica_id, Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def sign_key(self) -> str:
        return self.sign.public_key().public_bytes(**_RAW).hex()

    @property
    def box_key(self) -> str:
        return self.box.public_key().public_bytes(**_RAW).hex()

    def save(self, book_id: str) -> None:
        path = key_path(book_id, self.replica_id)
        raw = serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        keys = {"sign": self.sign.private_bytes(*raw).hex(), "box": self.box.private_bytes(*raw).hex()}
        if self.invite_box is not None:
            keys.update(invite_id=self.invite_id, invite_box=self.invite_box.private_bytes(*raw).hex())
        keys["book_keys"] = {kid: [epoch, key.hex()] for kid, (epoch, key) in self.book_keys.items()}
        _write_private(path, json.dumps(keys))

    @classmethod
    def load(cls, book_id: str, replica_id: str) -> Identity | None:
        path = key_path(book_id, replica_id)
        if not path.exists():
            return None
        keys = json.loads(path.read_text())
        return cls(
            replica_id,
            Ed25519PrivateKey.from_private_bytes(bytes.fromhex(keys["sign"])),
            X25519PrivateKey.from_private_bytes(bytes.fromhex(keys["box"])),
            keys.get("invite_id"),
            X25519PrivateKey.from_private_bytes(bytes.fromhex(keys["invite_box"]))
            if "invite_box" in keys
            else None,
            {kid: (epoch, bytes.fromhex(key)) for kid, (epoch, key) in keys.get("book_keys", {}).items()},
        )

    def current_key(self) -> tuple[str, int, bytes] | None:
        """The book content key files are written with: the newest epoch held (ties by key id)."""
        if not self.book_keys:
            return None
        kid, (epoch, key) = max(self.book_keys.items(), key=lambda item: (item[1][0], item[0]))
        return kid, epoch, key

    def learn_keys(self, book_id: str, keys: dict[str, tuple[int, bytes]]) -> None:
        """Keep book content keys heard from another replica (or made here) in the key store."""
        new = {kid: v for kid, v in keys.items() if kid not in self.book_keys and key_id(v[1]) == kid}
        if new:
            self.book_keys.update(new)
            self.save(book_id)

    def boxes(self) -> list[tuple[str, X25519PrivateKey]]:
        """(recipient id, key) under which files for this replica may be encrypted."""
        own = [(self.replica_id, self.box)]
        return own + [(self.invite_id, self.invite_box)] if self.invite_box is not None else own


def key_id(key: bytes) -> str:
    """A book content key's public name (a hash: it reveals nothing of the key)."""
    return hashlib.sha256(b"jointledger book key" + key).hexdigest()[:32]


def new_book_key(epoch: int) -> dict[str, tuple[int, bytes]]:
    key = os.urandom(32)
    return {key_id(key): (epoch, key)}


def _write_private(path: Path, body: str) -> None:
    """Write a file only this user can read: a temporary name, flushed to the disk, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(body)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


@lru_cache(maxsize=64)
def _public(sign_key_hex: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(sign_key_hex))


def verify(sign_key_hex: str, signature: bytes, message: bytes) -> bool:
    try:
        _public(sign_key_hex).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
