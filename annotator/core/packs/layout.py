"""What a pack is made of: the format number, its three named files, the junk ignored, the limits."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FORMAT = 1
MANIFEST = "pack.toml"
INSTRUCTIONS = "instructions.md"
ITEMS = "items.jsonl"

#: junk that archivers add; ignored in folders and zips alike
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
IGNORED_DIRS = {"__MACOSX"}


@dataclass(frozen=True)
class Limits:
    """Caps that keep hostile packs from exhausting the worker's machine."""

    manifest_bytes: int = 256 * 1024
    instructions_bytes: int = 4 * 1024 * 1024
    line_bytes: int = 1024 * 1024
    items: int = 2_000_000
    zip_entries: int = 2_500_000
    zip_total_bytes: int = 32 * 1024**3
    #: refuse an entry that inflates more than this many times (and to more than 1 MiB)
    zip_ratio: float = 200.0
    zip_ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = Limits()


def is_ignored(parts: tuple[str, ...]) -> bool:
    return bool(parts) and (parts[-1] in IGNORED_NAMES or any(p in IGNORED_DIRS for p in parts))


def read_capped(path: Path, cap: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(cap + 1)
