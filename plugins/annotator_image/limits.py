"""How much memory showing one image may take, and one large decode at a time (no Qt).

A pack is hostile data: a valid 1.4 MB PNG can hold 38,000 x 38,000 pixels. The header says
so before anything is decoded, so every decode that needs the whole image in memory is
costed first (:func:`decode_cost`) and refused above :data:`DECODE_LIMIT` with a clear
message. Decodes larger than :data:`INLINE_PIXELS` run one at a time in the process
(:func:`one_at_a_time`), whichever thread asks (the editor's, the prefetch hook's, the
pyramid builder's), so two never add up; the editor runs them off the interface thread.
The figures and the bound they give are in ``docs/security.md`` ("Images").
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

#: The most memory one decode may take (bytes, by :func:`decode_cost`): with the app itself
#: (about 200 MB) and the tile cache on screen (192 MB), the process stays under 1 GB.
DECODE_LIMIT = 512 << 20
#: Images up to this many pixels are decoded where they are asked for (a few milliseconds);
#: larger ones off the interface thread, one at a time.
INLINE_PIXELS = 4_000_000

#: bytes per pixel of Pillow's modes as decoded
_MODE_BYTES = {"1": 1, "L": 1, "P": 1, "LA": 2, "La": 2, "PA": 2, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2,
               "RGB": 3, "YCbCr": 3, "LAB": 3, "HSV": 3, "RGBA": 4, "RGBa": 4, "RGBX": 4, "CMYK": 4, "I": 4, "F": 4}
_DISPLAY_BYTES = {"L": 1, "RGB": 3, "RGBA": 4}

_heavy = threading.RLock()


def display_mode(mode: str, transparency: bool = False) -> str:
    """The 8-bit mode an image of ``mode`` is shown in (as ``imageio._to_display`` converts it)."""
    if mode in ("L", "RGB", "RGBA"):
        return mode
    if mode in ("1", "I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return "L"
    if mode in ("LA", "PA", "La", "RGBa") or (mode == "P" and transparency):
        return "RGBA"
    return "RGB"


def decode_cost(mode: str, pixels: int, *, oriented: bool = False, transparency: bool = False,
                levels: bool = True) -> int:
    """The memory (bytes) decoding ``pixels`` pixels of ``mode`` whole takes at its peak: the decoded
    image, its 8-bit copy when it is converted, a turned copy for an EXIF orientation, and the
    reduced levels of the pyramid built from it (a third of the image)."""
    source = _MODE_BYTES.get(mode, 4)
    shown = display_mode(mode, transparency)
    display = _DISPLAY_BYTES[shown]
    per_pixel = source + (display if shown != mode else 0) + (max(source, display) if oriented else 0)
    if levels:
        per_pixel += display / 3
    return int(pixels * per_pixel)


def too_large(name: str, width: int, height: int, cost: int) -> str | None:
    """The worker's message when decoding an image costs more than :data:`DECODE_LIMIT`, else ``None``."""
    if cost <= DECODE_LIMIT:
        return None
    return (f"{name} is {width} x {height} pixels: decoding it would take {cost / 2 ** 20:,.0f} MB of memory, "
            f"more than the {DECODE_LIMIT / 2 ** 20:,.0f} MB this editor allows for one image")


@contextmanager
def one_at_a_time(pixels: int) -> Iterator[None]:
    """Hold the process's one large-decode slot while decoding an image of ``pixels`` pixels (small
    images pass straight through, so the interface thread never waits here)."""
    if pixels <= INLINE_PIXELS:
        yield
        return
    with _heavy:
        yield
