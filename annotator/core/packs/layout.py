"""What a pack is made of: the format number, its three named files, the junk ignored, the limits."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

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
    #: tables and lists inside tables (a 1000-level dotted header would break storing it)
    manifest_depth: int = 32
    #: objects and lists inside an item (orjson, used by exports and bundles, stops at 255)
    item_depth: int = 64
    #: the window parses and renders them on the interface thread: markdown-it-py reads dense
    #: Markdown (lists, tables) at about 430 KiB/s of CPU, so this bounds a render to about 1.2 s
    instructions_bytes: int = 512 * 1024
    #: each image the instructions show (read whole to hash and show it)
    instruction_image_bytes: int = 16 * 1024 * 1024
    line_bytes: int = 1024 * 1024
    items: int = 2_000_000
    #: files in a pack (zip entries, or files in a folder): see docs/security.md for the figure
    zip_entries: int = 100_000
    #: a zip's central directory (100,000 entries with names of up to ~600 bytes)
    zip_directory_bytes: int = 64 * 1024 * 1024
    zip_total_bytes: int = 32 * 1024**3
    #: refuse an entry that inflates more than this many times (and to more than 1 MiB)
    zip_ratio: float = 200.0
    zip_ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = Limits()

#: ``progress(stage, done, total)`` while a pack is extracted, copied, checked or recorded
#: (``total`` is ``None`` when unknown); it may raise to cancel (the import then leaves nothing).
Progress = Callable[[str, int, "int | None"], None]


def is_ignored(parts: tuple[str, ...]) -> bool:
    return bool(parts) and (parts[-1] in IGNORED_NAMES or any(p in IGNORED_DIRS for p in parts))


def read_capped(path: Path, cap: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(cap + 1)


def nesting_depth(value: Any, limit: int) -> int:
    """How deeply ``value`` nests tables and lists (stops counting past ``limit``), without recursion."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth) for child in children)
    return deepest
