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
#: (about 220 MB with an image on screen) and the tile cache (128 MB), the process stays under 1 GB.
#: A 100-megapixel JPEG still opens at full resolution (540 MB).
DECODE_LIMIT = 600 << 20
#: Images up to this many pixels are decoded where they are asked for (a few milliseconds);
#: larger ones off the interface thread, one at a time.
INLINE_PIXELS = 4_000_000

#: bytes per pixel Pillow holds for an image of each mode (RGB, LA, YCbCr... take 4, as RGBA)
_MODE_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2}
#: bytes per pixel a format's decoder holds besides the image while decoding (Pillow's WebP
#: decoder keeps libwebp's canvas and a copy of it; libtiff may hold a whole strip or tile set)
_DECODER_BYTES = {"WEBP": 10}
#: bytes per preview pixel: the preview, its copies on the way to the screen, the pixmap shown
_PREVIEW_BYTES = 16
#: what every decode holds besides: the decoder's buffers, the bands written to the cache
_OVERHEAD = 32 << 20

_heavy = threading.RLock()


def _return_large_blocks() -> None:
    """Make glibc give every block of 4 MiB or more back to the system when it is freed.

    By default glibc raises its mmap threshold after a large free, so the next image's 16 MB
    blocks come from a heap that keeps them resident once freed, one heap per thread: the
    prefetch thread's last image would then add to the next one's. A fixed threshold keeps
    what a decode holds to what it uses (``bench/image_limits.py`` measures it).
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-3, 4 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):  # not glibc
        pass


_return_large_blocks()


def display_mode(mode: str, transparency: bool = False) -> str:
    """The 8-bit mode an image of ``mode`` is shown in (as ``imageio._to_display`` converts it)."""
    if mode in ("L", "RGB", "RGBA"):
        return mode
    if mode in ("1", "I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return "L"
    if mode in ("LA", "PA", "La", "RGBa") or (mode == "P" and transparency):
        return "RGBA"
    return "RGB"


def decode_cost(mode: str, pixels: int, *, format: str = "", oriented: bool = False, transparency: bool = False,
                levels: float = 1 / 3, preview_pixels: int = 0) -> int:
    """The memory (bytes) decoding ``pixels`` pixels of ``mode`` whole takes at its peak, measured
    with Pillow 13 in the real editor (``bench/image_limits.py``): the decoded image and what its
    decoder holds, a turned copy for an EXIF orientation, its 8-bit copy when it is converted, the
    pyramid levels built from it (``levels``: a third of the image on disk, four thirds in memory,
    where each level is a copy), and the preview with its copies on screen."""
    source = _MODE_BYTES.get(mode, 4)
    shown = display_mode(mode, transparency)
    display = 1 if shown == "L" else 4
    per_pixel = source + _DECODER_BYTES.get(format.upper(), 0)
    if oriented:
        per_pixel += source
    if shown != mode:
        per_pixel += display
    per_pixel += display * levels
    return int(pixels * per_pixel + preview_pixels * _PREVIEW_BYTES) + _OVERHEAD


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
