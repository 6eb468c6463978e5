"""A pack's identity: the content hash of its files and the hash of its instructions."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Mapping

from annotator.core.packs import instructions
from annotator.core.packs.layout import INSTRUCTIONS


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def content_hash(files: Mapping[str, str | Path], known: Mapping[str, str] | None = None) -> str:
    """The pack's content hash: SHA-256 over ``path NUL sha256(file) LF`` for every file, sorted by path.

    ``known`` gives file hashes already computed (by validation), so no file is read twice.
    """
    known = known or {}
    digest = hashlib.sha256()
    for rel in sorted(files):
        file_hash = known.get(rel) or file_sha256(files[rel])
        digest.update(rel.encode("utf-8") + b"\0" + file_hash.encode("ascii") + b"\n")
    return "sha256:" + digest.hexdigest()


def instructions_hash(files: Mapping[str, str | Path]) -> str:
    """SHA-256 of ``instructions.md`` and the images it shows (what the worker read); the images are
    found by the very parse that validates and shows them (:mod:`annotator.core.packs.instructions`)."""
    with open(files[INSTRUCTIONS], "rb") as fh:
        data = fh.read()
    parsed = instructions.parse(data.decode("utf-8"), files)
    hashes = {image.rel: file_sha256(files[image.rel]) for image in parsed.images if image.rel is not None}
    return instructions.digest(data, parsed.images, hashes)
