"""Hostile results bundles, as a worker who edits what their tool writes would make them.

Every bundle is validly signed (with its own fresh key): the signature proves who sent it,
never that what it holds is sane. Values JSON cannot hold (NaN, Infinity) are written as
Python's ``json`` writes them, which is how a careless or hostile tool would.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Mapping

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from annotator.core import packs
from annotator.core.keys import InstallationKey
from annotator.core.lab import bundle


def pack_doc(pack: Path, registry, **changes: Any) -> dict[str, Any]:
    """What a worker's tool puts in ``bundle.json`` for ``pack`` (the real values)."""
    validation = packs.validate_path(pack, registry)
    m = validation.manifest
    doc = {"id": m.id, "version": m.version, "kind": m.kind, "title": m.title, "lab": m.lab,
           "content_hash": validation.content_hash, "instructions_hash": validation.instructions_hash,
           "items": validation.item_count, "pay": dict(m.pay)}
    doc.update(changes)
    return doc


def record(item_id: str, annotation: Any = None, state: str = "submitted", **extra: Any) -> dict[str, Any]:
    return {"id": item_id, "training": False, "state": state, "reason": None, "instructions_hash": None,
            "annotation": annotation, **extra}


def forge(out: Path, pack: Mapping[str, Any], records: list[dict[str, Any]], *, pseudonym: str = "mallory",
          timing: Any = None, raw_results: bytes | None = None, raw_timing: bytes | None = None,
          manifest: Callable[[dict], None] | None = None, key: InstallationKey | None = None) -> Path:
    """A signed bundle holding exactly what it is given (no check of any kind)."""
    key = key or InstallationKey(Ed25519PrivateKey.generate(), Path(out))
    results = raw_results if raw_results is not None else b"".join(
        json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records)
    timing_bytes = raw_timing if raw_timing is not None else json.dumps(
        timing if timing is not None else {}).encode("utf-8")
    doc = {"format": bundle.FORMAT, "created": "2026-11-28", "tool": {"name": "annotator", "version": "0.1"},
           "pack": dict(pack), "worker": {"pseudonym": pseudonym}, "items": {"count": len(records)},
           "shared": ["work_seconds_per_item"] if timing else [],
           "files": {bundle.RESULTS: bundle.sha256_hex(results), bundle.TIMING: bundle.sha256_hex(timing_bytes)}}
    if manifest is not None:
        manifest(doc)
    manifest_bytes = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    signature = {"algorithm": "Ed25519", "public_key": key.public_b64, "fingerprint": key.fingerprint,
                 "signature": key.sign(manifest_bytes)}
    bundle.write({bundle.MANIFEST: manifest_bytes, bundle.RESULTS: results, bundle.TIMING: timing_bytes,
                  bundle.SIGNATURE: json.dumps(signature).encode("utf-8")}, out)
    return Path(out)
