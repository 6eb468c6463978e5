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
    load_public(data_dir) -> str | None        # this installation's public key, never made here
    Pin.parse(text)                            # a key a verifier trusts: fingerprint, SHA-256 or PEM

A verifier never trusts a key or a fingerprint read from the file it checks: the fingerprint
is always computed from the key (:func:`fingerprint_of`), and the key must match a pin the
verifier holds (``--key``, or this installation's own key). The public key travels as the
raw 32 bytes in base64 inside exports, and as a standard ``-----BEGIN PUBLIC KEY-----`` PEM
(SubjectPublicKeyInfo, what ``openssl pkeyutl`` reads) from ``annotator timesheet key --pem``.
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


def raw_public(public_b64: str) -> bytes:
    """The 32 raw bytes of a base64 Ed25519 public key (``ValueError`` if it is not one)."""
    try:
        raw = base64.b64decode(public_b64, validate=True)
    except (ValueError, TypeError):
        raise ValueError("not a base64 public key") from None
    if len(raw) != 32:
        raise ValueError(f"an Ed25519 public key has 32 bytes, not {len(raw)}")
    return raw


def fingerprint_of(public_b64: str) -> str:
    """``XXXX:XXXX:XXXX:XXXX``: the first 8 bytes of SHA-256 of the raw public key."""
    digest = hashlib.sha256(raw_public(public_b64)).hexdigest()[:16].upper()
    return ":".join(digest[i:i + 4] for i in range(0, 16, 4))


def sha256_of(public_b64: str) -> str:
    """The full SHA-256 of the raw public key (64 hex digits): the fingerprint at full strength."""
    return hashlib.sha256(raw_public(public_b64)).hexdigest()


def public_pem(public_b64: str) -> str:
    """The key as a standard SubjectPublicKeyInfo PEM (``openssl pkey -pubin`` reads it)."""
    key = Ed25519PublicKey.from_public_bytes(raw_public(public_b64))
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _b64_of_pem(pem: bytes) -> str:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return base64.b64encode(key.public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)).decode("ascii")


def load_public(data_dir: str | os.PathLike) -> str | None:
    """This installation's public key (base64), or ``None`` if it has none yet. Never makes a key."""
    folder = Path(data_dir) / KEY_DIR
    try:
        return _b64_of_pem((folder / PUBLIC_NAME).read_bytes())
    except (OSError, ValueError):
        pass
    try:
        private = serialization.load_pem_private_key((folder / PRIVATE_NAME).read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        return None
    if not isinstance(private, Ed25519PrivateKey):
        return None
    return base64.b64encode(private.public_key().public_bytes(serialization.Encoding.Raw,
                                                              serialization.PublicFormat.Raw)).decode("ascii")


@dataclass(frozen=True)
class Pin:
    """The key a verifier trusts, from somewhere other than the file under check.

    ``kind`` is ``fingerprint`` (the short 64-bit form a person reads out), ``sha256`` (the
    full one) or ``key`` (the public key itself); ``source`` says where it came from.
    """

    kind: str
    value: str
    source: str

    @classmethod
    def parse(cls, text: str, source: str = "--key") -> "Pin":
        """A pin from ``XXXX:XXXX:XXXX:XXXX``, 64 hex digits, a base64 key, or a PEM file's path."""
        text = (text or "").strip()
        hexed = text.replace(":", "").replace(" ", "").replace("-", "")
        if hexed.lower().startswith("sha256"):
            hexed = hexed[6:]
        if len(hexed) == 16 and all(c in "0123456789abcdefABCDEF" for c in hexed):
            return cls("fingerprint", hexed.upper(), source)
        if len(hexed) == 64 and all(c in "0123456789abcdefABCDEF" for c in hexed):
            return cls("sha256", hexed.lower(), source)
        try:
            return cls("key", base64.b64encode(raw_public(text)).decode("ascii"), source)
        except ValueError:
            pass
        if len(text) < 4096 and "\n" not in text:
            try:
                path = Path(text).expanduser()
                if path.is_file() and path.stat().st_size < 65536:
                    return cls("key", _b64_of_pem(path.read_bytes()), f"{source} {path.name}")
            except (OSError, ValueError):
                pass
        raise UserError(f"{source}: not a key fingerprint (XXXX:XXXX:XXXX:XXXX, or its 64-digit SHA-256), "
                        "a base64 public key, or a PEM public key file")

    @classmethod
    def installation(cls, data_dir: str | os.PathLike) -> "Pin | None":
        public = load_public(data_dir)
        return None if public is None else cls("key", public, "this installation's key")

    def matches(self, public_b64: str) -> bool:
        try:
            if self.kind == "fingerprint":
                return fingerprint_of(public_b64).replace(":", "") == self.value
            if self.kind == "sha256":
                return sha256_of(public_b64) == self.value
            return raw_public(public_b64) == raw_public(self.value)
        except ValueError:
            return False

    @property
    def label(self) -> str:
        if self.kind == "fingerprint":
            shown = ":".join(self.value[i:i + 4] for i in range(0, 16, 4))
        elif self.kind == "sha256":
            shown = "SHA-256 " + self.value[:16] + "…"
        else:
            shown = fingerprint_of(self.value)
        return f"{shown} ({self.source})"


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
        public = Ed25519PublicKey.from_public_bytes(raw_public(public_b64))
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
