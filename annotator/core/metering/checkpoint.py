"""A signed checkpoint of the record chain, so that verifying the store's chain is incremental.

After the chain verifies, the head it reached (``seq`` and ``hash``) is written to
``<data folder>/metering/chain-checkpoint.json``, signed with the installation's Ed25519 key.
The next verify checks the signature with the key pinned for this installation (read from the
key folder, never from the checkpoint, which holds no key), checks that record ``seq`` is still
there with that hash and that its content still gives that hash, and then checks only the
records after it. ``annotator timesheet verify --full`` checks the whole chain as before.

What it does not do (written down in ``docs/security.md``, "Metering: chain verify from a
signed checkpoint"): a record before the checkpoint changed *without* rewriting the chain after
it is only found by ``--full``; anyone holding the private key can sign a checkpoint.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from annotator.core import keys
from annotator.core.metering import chain

FORMAT = "annotator-chain-checkpoint/1"
FILE = Path("metering") / "chain-checkpoint.json"


def payload(seq: int, digest: str) -> bytes:
    """The bytes signed: the canonical JSON of the format, the record number and its hash."""
    return chain.canonical({"format": FORMAT, "hash": digest, "seq": seq}).encode("utf-8")


def write(data_dir: str | os.PathLike, seq: int, digest: str) -> Path | None:
    """Sign and write the checkpoint at record ``seq`` (atomically); ``None`` when there is no key yet."""
    if keys.load_public(data_dir) is None:
        return None  # no key made yet: verify never makes one as a side effect
    key = keys.load_or_create(data_dir)
    path = Path(data_dir) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"format": FORMAT, "seq": seq, "hash": digest, "signature": key.sign(payload(seq, digest))}
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:  # a checkpoint only saves time: a full disk leaves the last one (or none)
        tmp.unlink(missing_ok=True)
        return None
    return path


def read(data_dir: str | os.PathLike) -> tuple[tuple[int, str] | None, str]:
    """``((seq, hash), "")`` from a checkpoint whose signature verifies with the pinned key, else
    ``(None, why)`` (``why`` empty when there is simply no checkpoint yet)."""
    path = Path(data_dir) / FILE
    try:
        doc: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, ""
    except (OSError, ValueError):
        return None, "the checkpoint cannot be read"
    pinned = keys.Pin.installation(data_dir)
    if pinned is None:
        return None, "this installation has no key to check the checkpoint with"
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("seq"), int) \
            or isinstance(doc.get("seq"), bool) or not isinstance(doc.get("hash"), str) \
            or not isinstance(doc.get("signature"), str):
        return None, "the checkpoint is not one this version writes"
    seq, digest = doc["seq"], doc["hash"]
    if not keys.verify(pinned.value, payload(seq, digest), doc["signature"]):
        return None, "the checkpoint's signature does not verify with this installation's key"
    return (seq, digest), ""
