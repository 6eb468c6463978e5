"""Helpers for exporters that write a trainer's layout: a reproducible split, media copied or linked.

Qt-free, for any plugin (the image plugin's YOLO and VOC folders, the transcription plugin's
NeMo manifest use them):

* :func:`in_val` puts an item in the validation set from its id and a seed alone, so the split
  is reproducible, never depends on the other items (adding items never moves one), and keeps
  every worker's result of one item on the same side;
* :class:`MediaPlacer` copies a pack's media file into the export, or links it (a hard link,
  so the export stays whole when the pack is removed; a copy where the file system refuses);
* :func:`flat_name` makes one file name of a pack path (trainers' loaders list a folder without
  its subfolders), unique in the export.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path, PurePosixPath

#: ``--val``'s default: the fraction of items in the validation set
DEFAULT_VAL = 0.2
#: ``--seed``'s default: a fixed seed, so two exports of the same items split them alike
DEFAULT_SEED = 0

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def in_val(item_id: str, val: float, seed: int = DEFAULT_SEED) -> bool:
    """Whether ``item_id`` is in the validation set: the first 8 bytes of SHA-256 of
    ``"{seed}:{item_id}"``, read as a fraction of 2**64, are below ``val``."""
    if val <= 0:
        return False
    if val >= 1:
        return True
    digest = hashlib.sha256(f"{seed}:{item_id}".encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") < val * 2**64


def check_val(val: float) -> float:
    if not 0 <= val < 1:
        raise ValueError(f"--val must be a fraction from 0 to below 1 (got {val})")
    return float(val)


def safe_part(text: str, fallback: str = "_") -> str:
    """A file-name part of safe characters only (letters, digits, ``.``, ``_``, ``-``)."""
    return _UNSAFE.sub("_", text).strip("._")[:120] or fallback


def flat_name(media: str, *, prefix: str | None = None, item_id: str = "", used: set[str] | None = None,
              suffix: str | None = None) -> str:
    """One flat file name for a pack path: ``media/sub/a.png`` gives ``sub__a.png``.

    ``prefix`` (a worker's pseudonym in a lab's merge) comes first. When ``used`` already holds
    the name (two items of one image, or two paths that flatten alike, compared without case),
    the item id is added before the suffix, then a number. ``suffix`` replaces the file's own.
    """
    path = PurePosixPath(media)
    parts = list(path.parts[1:] if len(path.parts) > 1 and path.parts[0] == "media" else path.parts) or ["item"]
    ext = (suffix if suffix is not None else path.suffix).lower()
    parts[-1] = PurePosixPath(parts[-1]).stem or "item"
    stem = "__".join(safe_part(p) for p in parts)
    if prefix is not None:
        stem = f"{safe_part(prefix, 'worker')}__{stem}"
    stem = stem[:180]
    name = stem + ext
    if used is not None:
        if name.lower() in used:
            base = f"{stem}-{safe_part(item_id, 'item')}"[:200]
            name, n = base + ext, 2
            while name.lower() in used:
                name, n = f"{base}-{n}{ext}", n + 1
        used.add(name.lower())
    return name


class MediaPlacer:
    """Puts media files into an export: copied, or hard-linked with ``link=True``.

    A hard link shares the file's bytes and stays valid when the pack is removed; where the
    file system refuses one (another device, no permission) the file is copied and counted.
    """

    def __init__(self, link: bool = False):
        self.link = link
        self.copied = 0
        self.linked = 0

    def place(self, source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        if self.link:
            try:
                os.link(source, target)
                self.linked += 1
                return
            except OSError:
                pass
        shutil.copyfile(source, target)
        self.copied += 1

    def note(self) -> str:
        said = []
        if self.linked:
            said.append(f"{self.linked} media files hard-linked to the pack's")
        if self.copied:
            said.append(f"{self.copied} media files copied"
                        + (" (the file system refused a link)" if self.link else ""))
        return "; ".join(said) or "no media file written"


__all__ = ["DEFAULT_VAL", "DEFAULT_SEED", "in_val", "check_val", "safe_part", "flat_name", "MediaPlacer"]
