"""The installation's Ed25519 key pair: signs timesheet exports and results bundles.

The key is made once, the first time it is needed, and kept in the data folder
as ``keys/ed25519.pem`` (PKCS#8, unencrypted, mode 0600) beside its public half
``keys/ed25519.pub.pem``. It never leaves the machine; exports carry only the
public key, so anyone can check a signature and no one can make one.

API (small on purpose; ``annotator results bundle`` uses the same calls)::

    key = load_or_create(data_dir)            # InstallationKey
    sig = key.sign(data)                       # base64 text of the 64-byte signature
    key.public_b64                             # base64 of the raw 32-byte public key
    key.fingerprint                            # short hex of SHA-256(public key), for people
    verify(public_b64, data, sig) -> bool      # check a signature from anyone
"""
from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from annotator.core.errors import UserError

KEY_DIR = "keys"
PRIVATE_NAME = "ed25519.pem"
PUBLIC_NAME = "ed25519.pub.pem"
ALGORITHM = "Ed25519"


def fingerprint_of(public_b64: str) -> str:
    """``XXXX:XXXX:XXXX:XXXX``: the first 8 bytes of SHA-256 of the raw public key."""
    digest = hashlib.sha256(base64.b64decode(public_b64)).hexdigest()[:16].upper()
    return ":".join(digest[i:i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class InstallationKey:
    private: Ed25519PrivateKey
    path: Path

    @property
    def public_bytes(self) -> bytes:
        return self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public_bytes).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.public_b64)

    def sign(self, data: bytes) -> str:
        """The base64 Ed25519 signature of ``data``."""
        return base64.b64encode(self.private.sign(bytes(data))).decode("ascii")


def verify(public_b64: str, data: bytes, signature_b64: str) -> bool:
    """Whether ``signature_b64`` is a valid signature of ``data`` by the key ``public_b64``."""
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        public.verify(base64.b64decode(signature_b64, validate=True), bytes(data))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def load_or_create(data_dir: str | os.PathLike) -> InstallationKey:
    """The installation's key, made (atomically, mode 0600) if there is none yet."""
    folder = Path(data_dir) / KEY_DIR
    path = folder / PRIVATE_NAME
    if path.exists():
        try:
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError, OSError) as exc:
            raise UserError(f"the signing key {path} cannot be read ({exc}); move it away to make a new one") from None
        if not isinstance(private, Ed25519PrivateKey):
            raise UserError(f"the signing key {path} is not an Ed25519 key")
        return InstallationKey(private, path)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    tmp = folder / f".{PRIVATE_NAME}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # never replaces a key another process made meanwhile
    except FileExistsError:
        tmp.unlink()
        return load_or_create(data_dir)
    tmp.unlink()
    public_pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    (folder / PUBLIC_NAME).write_bytes(public_pem)
    return InstallationKey(private, path)
