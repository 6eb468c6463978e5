"""Pyramid levels of an image and their files in the cache folder (no Qt).

A :class:`Pyramid` holds levels 1, 1/2, 1/4, ... of an image; the view paints
:data:`TILE`-pixel tiles of the level that fits the zoom. Large levels are raw files in
the plugin's cache folder read back through ``numpy.memmap``, so only the tiles on screen
are ever in memory (``imageio.ImageSource.build_pyramid`` writes them).
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

TILE = 512
#: Pyramids kept in the cache folder (oldest removed first).
CACHE_KEEP = 12
#: Rows of a 16-bit or float image mapped to 8 bits at a time (bytes of the 8-bit result).
_WINDOW_BAND_BYTES = 1 << 20


@dataclass
class Level:
    """One level of a pyramid: ``scale`` = level pixels per image pixel (1, 1/2, ...)."""

    scale: float
    width: int
    height: int
    pixels: np.ndarray  # (h, w) or (h, w, c); may be a read-only memmap
    step: int = 1
    """Read every ``step``-th pixel of ``pixels`` (a level read straight from an uncompressed file)."""
    window: tuple[float, float] | None = None
    """Map these raw values to 0..255 (16-bit files read straight from disk)."""

    def region(self, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
        """An 8-bit C-contiguous copy of the pixels in ``[x0, x1) x [y0, y1)`` (level pixels)."""
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(self.width, x1), min(self.height, y1)
        s = self.step
        out = self.pixels[y0 * s:y1 * s:s, x0 * s:x1 * s:s]
        if self.window is not None:
            return apply_window(out, self.window)
        return np.ascontiguousarray(out)


@dataclass
class Pyramid:
    levels: list[Level]
    folder: Path | None = None

    def best_level(self, zoom: float) -> Level:
        """The coarsest level that still has at least one level pixel per screen pixel."""
        best = self.levels[0]
        for level in self.levels:
            if level.scale >= zoom * 0.999:
                best = level
        return best


# ------------------------------------------------------------------ 16-bit and float pixels


def window_of(arr: np.ndarray) -> tuple[float, float]:
    """The value range shown as black..white: 0.5th to 99.5th percentile of a sample."""
    sample = np.asarray(arr[:: max(1, arr.shape[0] // 512), :: max(1, arr.shape[1] // 512)], dtype=np.float32)
    if not sample.size:
        return 0.0, 1.0
    lo, hi = (float(v) for v in np.percentile(sample, (0.5, 99.5)))
    if hi <= lo:
        lo, hi = float(sample.min()), float(sample.max())
    return lo, (hi if hi > lo else lo + 1.0)


def apply_window(arr: np.ndarray, window: tuple[float, float]) -> np.ndarray:
    lo, hi = window
    return np.clip((np.asarray(arr, dtype=np.float32) - lo) * (255.0 / (hi - lo)), 0, 255).astype(np.uint8)


def windowed(image: Image.Image, window: tuple[float, float] | None) -> tuple[Image.Image, tuple[float, float]]:
    """A 16-bit or float image mapped to 8-bit ``L`` through ``window`` (found from a sample when
    ``None``), a band of rows at a time: memory holds the image, its 8-bit copy and one band."""
    width, height = image.size
    if width * height * 4 <= _WINDOW_BAND_BYTES * 4:  # small: at once
        arr = np.asarray(image)
        window = window_of(arr) if window is None else window
        return Image.fromarray(apply_window(arr, window), "L"), window
    if window is None:
        ys = max(1, height // 512)
        rows = [np.asarray(image.crop((0, y, width, y + 1))) for y in range(0, height, ys)]
        window = window_of(np.concatenate(rows)[:, :: max(1, width // 512)] if rows else np.zeros((0, 0)))
    out = np.empty((height, width), dtype=np.uint8)
    band = max(1, _WINDOW_BAND_BYTES // max(1, width))
    for y in range(0, height, band):
        out[y:y + band] = apply_window(np.asarray(image.crop((0, y, width, min(height, y + band)))), window)
    return Image.fromarray(out, "L"), window


def reduced(image: Image.Image, factor: int) -> Image.Image:
    """``image.reduce(factor)``, a band of rows at a time for a large image with alpha: Pillow
    reduces those through a premultiplied copy of the whole image, twice the memory. Bands are
    a whole number of boxes high, so the result is the same pixels."""
    if factor <= 1:
        return image
    width, height = image.size
    if image.mode not in ("RGBA", "LA") or width * height <= _WINDOW_BAND_BYTES * 4:
        return image.reduce(factor)
    out = Image.new(image.mode, (-(-width // factor), -(-height // factor)))
    rows = max(1, (8 << 20) // (width * 4) // factor) * factor
    for y in range(0, height, rows):
        out.paste(image.crop((0, y, width, min(height, y + rows))).reduce(factor), (0, y // factor))
    return out


# ------------------------------------------------------------------ files


def channels(mode: str) -> int:
    return {"L": 1, "RGB": 3, "RGBA": 4}[mode]


def write_raw(image: Image.Image, fh) -> None:
    """Append raw pixels to ``fh`` in slices (no second full-size copy in memory)."""
    band = max(1, (8 << 20) // max(1, image.width * channels(image.mode)))
    for y in range(0, image.height, band):
        fh.write(image.crop((0, y, image.width, min(image.height, y + band))).tobytes())


def read_pyramid(folder: Path) -> Pyramid | None:
    try:
        meta = json.loads((folder / "pyramid.json").read_text())
        mode = meta["mode"]
        levels = []
        for i, lv in enumerate(meta["levels"]):
            shape = (lv["height"], lv["width"]) if mode == "L" else (lv["height"], lv["width"], channels(mode))
            arr = np.memmap(folder / f"level{i}.raw", dtype=np.uint8, mode="r", shape=shape)
            levels.append(Level(lv["scale"], lv["width"], lv["height"], arr))
        return Pyramid(levels, folder) if levels else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def prune(root: Path, keep: str) -> None:
    """Keep the most recently used pyramids only."""
    try:
        entries = [p for p in root.iterdir() if p.is_dir()]
    except OSError:
        return
    now = time.time()
    for p in entries:  # leftovers of killed builds
        if ".tmp" in p.name and now - p.stat().st_mtime > 3600:
            shutil.rmtree(p, ignore_errors=True)
    done = sorted((p for p in entries if ".tmp" not in p.name and p.name != keep),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for p in done[CACHE_KEEP - 1:]:
        shutil.rmtree(p, ignore_errors=True)
