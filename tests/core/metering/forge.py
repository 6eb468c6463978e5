"""What a forger does to an export, built the way a forger would (the tests of the threat model)."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from annotator.core.metering import chain
from annotator.core.metering.exports import unsigned


def read(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write(path: Path, doc: dict) -> None:
    Path(path).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


class Forger:
    """Someone with a key of their own (a fresh one), or with the worker's (``private``)."""

    def __init__(self, private: Ed25519PrivateKey | None = None):
        self.private = private or Ed25519PrivateKey.generate()

    @classmethod
    def with_key_of(cls, data_dir: Path) -> "Forger":
        pem = (Path(data_dir) / "keys" / "ed25519.pem").read_bytes()
        return cls(serialization.load_pem_private_key(pem, password=None))

    @property
    def public_b64(self) -> str:
        raw = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return base64.b64encode(raw).decode("ascii")

    def sign_bytes(self, data: bytes) -> str:
        return base64.b64encode(self.private.sign(data)).decode("ascii")

    def resign(self, doc: dict, keep_fingerprint: bool = True) -> dict:
        """Put this key in the document and sign it; the fingerprint text stays the worker's."""
        integrity = doc["integrity"]
        integrity["public_key"] = self.public_b64
        if not keep_fingerprint:
            from annotator.core.keys import fingerprint_of

            integrity["fingerprint"] = fingerprint_of(self.public_b64)
        integrity.pop("signature", None)
        integrity["signature"] = self.sign_bytes(chain.canonical(unsigned(doc)).encode("utf-8"))
        return doc

    def resign_file(self, path: Path, data: bytes, keep_fingerprint: bool = True) -> None:
        """Write ``data`` as the exported file and make its sidecar match it, signed with this key."""
        Path(path).write_bytes(data)
        sig = Path(str(path) + ".sig")
        doc = read(sig)
        doc["export"].update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
                             file_signature=self.sign_bytes(data))
        write(sig, self.resign(doc, keep_fingerprint))


def rechain(records: list[dict], start: int = 0) -> None:
    """Recompute every hash and link from ``records[start]`` on (a consistent rewrite of the chain)."""
    prev = records[start - 1]["hash"] if start else chain.GENESIS
    for r in records[start:]:
        r["prev"] = prev
        r["hash"] = prev = chain.record_hash(r)
