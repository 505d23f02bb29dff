"""The manager's Ed25519 key pair: made on first use, kept beside the config file.

The private key is a PEM file readable by its owner alone (0600); the public key is
shared as 64 hex characters (the raw 32 bytes), and read aloud as its fingerprint
(the first 16 hex characters of its SHA-256, in groups of four) when the channel
manager registers it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from workbench.core.errors import WorkbenchError

KEY_FILE = "team-key.pem"
SALT_FILE = "team-salt"


def key_path(config_dir: Path) -> Path:
    return config_dir / KEY_FILE


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # O_EXCL: never over a key that already exists (two first runs at once).
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def load_or_create(config_dir: Path) -> tuple[Ed25519PrivateKey, bool]:
    """The manager's private key, made now when there is none; (key, made_now)."""
    path = key_path(config_dir)
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError, OSError):
            raise WorkbenchError("team.key_unreadable", path=str(path)) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise WorkbenchError("team.key_unreadable", path=str(path))
        return key, False
    key = Ed25519PrivateKey.generate()
    _write_private(path, key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return key, True


def salt(config_dir: Path) -> bytes:
    """The manager's own salt for hashing customers: the same every week, so a repeat
    customer hashes the same in every bundle, and never leaves the laptop."""
    path = config_dir / SALT_FILE
    if not path.exists():
        _write_private(path, os.urandom(32).hex().encode())
    return path.read_bytes().strip()


def public_hex(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def fingerprint(public: str) -> str:
    """``ab12 cd34 ef56 7890``: what the two people read to each other."""
    digest = hashlib.sha256(bytes.fromhex(public)).hexdigest()[:16]
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def parse_public(text: str) -> str:
    """A public key as typed (64 hex characters, spaces allowed), or a translated error."""
    value = "".join(text.split()).lower()
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(value))
    except ValueError:
        raise WorkbenchError("team.bad_pubkey", key=text[:80]) from None
    return value


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verifies(public: str, data: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True
