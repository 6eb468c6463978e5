"""Huge PNG, WebP and tiled TIFF files read as a stream through libvips (pyvips), no Qt.

Pillow decodes a PNG or a WebP whole before it can reduce it, and reads a tiled TIFF without
overviews a row of tiles at a time on one thread. libvips (through ``pyvips`` and its binary wheel,
ADR 0112) reads such a file top to bottom and shrinks it as it reads, on every core:

* :func:`preview` is the image shrunk by a whole factor (a box filter, the same pixels as Pillow's
  ``Image.reduce``, edges included), holding a few rows of the file and the preview;
* :func:`bands` gives the full image top to bottom in bands of rows, for the pyramid's files
  (``imageio.ImageSource.build_pyramid`` writes them as it does for strip TIFFs).

So what such an image holds in memory is a band, its reductions and the preview, whatever its
size (:func:`cost`); the 600 MB limit of ``limits`` applies to that, not to the decoded file.
The path is taken only for files whose pixels are plausibly in the file (:func:`eligible`): a
decompression bomb (a 1.4 MB PNG of 1.44 gigapixels) stays on Pillow's path and is refused from
its header with the memory it would take, as before.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import numpy as np
from PIL import Image

from annotator_image.decoding import ImageError
from annotator_image.pyramid import apply_window, window_of

pyvips = None
"""The ``pyvips`` module, imported on first use (loading libvips takes 30 to 45 ms: only for huge images)."""
_imported = False

#: Formats libvips reads as a stream here (the binary wheel has no BMP loader: BMP stays on Pillow).
FORMATS = ("PNG", "WEBP", "TIFF")
#: Pillow modes of the stored pixels this path shows (8-bit, palette, 16-bit grey).
MODES = ("1", "L", "LA", "P", "PA", "RGB", "RGBA", "I;16", "I;16B", "I;16L", "I;16N", "I")
#: Most decoded bytes per byte of file: a photo PNG is about 1, a flat map or a scan tens, a
#: decompression bomb about 1,000 (deflate's ceiling). Above, the file keeps Pillow's costed path.
MAX_RATIO = 200
#: Bytes of display pixels in one band of the pyramid (the decoder's own buffers come on top).
BAND_BYTES = 16 << 20
#: What libvips holds besides a band and the preview: the library itself (loaded on first use), its
#: threads' buffers and the rows in flight.
_OVERHEAD = 96 << 20
#: Disk kept free after a pyramid is written to the cache folder.
_DISK_MARGIN = 512 << 20


def available() -> bool:
    """Whether libvips can be used; without it (a broken install) huge images are refused as before."""
    global pyvips, _imported
    if not _imported:
        _imported = True
        try:
            import pyvips as module

            module.cache_set_max(0)  # no operation cache: every pipeline is read once, top to bottom
            pyvips = module
        except (ImportError, OSError):  # pragma: no cover - pyvips is a dependency; a broken libvips install
            pyvips = None
    return pyvips is not None


def _display_channels(mode: str, transparency: bool) -> int:
    if mode in ("1", "L", "I;16", "I;16B", "I;16L", "I;16N", "I"):
        return 1
    if mode in ("LA", "PA", "RGBA") or (mode == "P" and transparency):
        return 4
    return 3


def eligible(fmt: str, mode: str, width: int, height: int, file_size: int, *, orientation: int = 1,
             frames: int = 1, transparency: bool = False) -> bool:
    """Whether the image is read as a stream: a format and mode of this path, as stored (no EXIF
    turn), one frame (a multi-page TIFF: its first page) and no more pixels than its file can hold."""
    if fmt not in FORMATS or mode not in MODES or orientation != 1 or not available():
        return False
    if frames != 1 and fmt != "TIFF":
        return False
    decoded = width * height * _display_channels(mode, transparency)
    return decoded <= MAX_RATIO * max(1, file_size)


def band_rows(width: int, mode: str, align: int) -> int:
    """Rows in one band of the pyramid: about :data:`BAND_BYTES`, a multiple of ``align``."""
    rows = max(1, BAND_BYTES // max(1, width * _display_channels(mode, False) or 1))
    return max(align, rows // align * align)


def cost(mode: str, width: int, height: int, step: int, *, transparency: bool = False) -> int:
    """The memory (bytes) showing such an image takes at its peak, measured in the real editor
    (``tests/plugins/image/test_streaming.py``, ``bench/scale.py png``): a band as libvips gives it,
    as Pillow holds it (4 bytes a pixel for RGB), its halvings on the way to the files and libvips'
    rows in flight (which grow with the width), up to eight times the band's bytes; the preview and its copies on screen; libvips' own buffers."""
    band = width * band_rows(width, mode, 16) * max(3, _display_channels(mode, transparency))
    preview = (-(-width // step)) * (-(-height // step)) * 16  # the preview's pixels and their copies
    return int(band * 8 + preview) + _OVERHEAD


def _open(path: Path) -> "pyvips.Image":
    try:
        return pyvips.Image.new_from_file(str(path), access="sequential", fail=True)
    except pyvips.Error as exc:
        raise ImageError(f"{path.name} is damaged or cannot be read: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip() and not line.startswith("unable to call")]
    return (lines[-1] if lines else "libvips could not decode it").strip()


def _to_display(image: "pyvips.Image", window: tuple[float, float] | None) -> "pyvips.Image":
    """8-bit L, RGB or RGBA pixels (as ``imageio._to_display`` gives them)."""
    if image.format not in ("uchar", "ushort"):
        raise ImageError("this image's pixel format is not shown by the streaming decoder")
    if image.format == "ushort":
        if image.bands == 1:
            lo, hi = window
            image = ((image - lo) * (255.0 / (hi - lo)))
        else:
            image = image / 256
        image = image.cast("uchar")  # clips to 0..255
    if image.bands == 2:  # grey with alpha: shown as RGBA
        grey, alpha = image[0], image[1]
        image = grey.bandjoin([grey, grey, alpha])
    return image


def _window(path: Path, step: int) -> tuple[float, float]:
    """The 16-bit grey window from every ``step``-th pixel (as Pillow's path samples it: averaged pixels
    would narrow the range), in a pass of the file of its own."""
    sample = _open(path).subsample(step, step)
    return window_of(_array(sample).astype(np.float32))


def _array(image: "pyvips.Image") -> np.ndarray:
    dtype = {"uchar": np.uint8, "ushort": np.uint16}[image.format]
    arr = np.ndarray(buffer=image.write_to_memory(), dtype=dtype, shape=(image.height, image.width, image.bands))
    return arr[..., 0] if image.bands == 1 else arr


def _pil(arr: np.ndarray) -> Image.Image:
    mode = {2: "L", 3: "RGB", 4: "RGBA"}[arr.ndim if arr.ndim == 2 else arr.shape[2]]
    return Image.fromarray(arr, mode)


def _checked(call, path: Path):
    try:
        return call()
    except pyvips.Error as exc:
        raise ImageError(f"{path.name} is damaged or cannot be read: {_reason(exc)}") from None


def preview(path: Path, step: int, sixteen_bit_grey: bool) -> tuple[Image.Image, tuple[float, float] | None]:
    """The image shrunk by ``step`` (a box filter), in display mode, and the 16-bit window if any."""
    window = _checked(lambda: _window(path, step), path) if sixteen_bit_grey else None

    def shrink():
        image = _open(path)
        if step > 1 and image.bands in (2, 4) and image.format == "uchar":  # alpha: averaged premultiplied
            image = image.premultiply().shrink(step, step, ceil=True).unpremultiply().cast("uchar")
        elif step > 1:
            image = image.shrink(step, step, ceil=True)
        if image.format == "ushort" and image.bands == 1 and window is None:
            raise ImageError("16-bit image without a window")
        return _pil(_array(_to_display(image, window)))

    return _checked(shrink, path), window


def bands(path: Path, rows: int, window: tuple[float, float] | None) -> Iterator[Image.Image]:
    """The full image, top to bottom, in display mode, ``rows`` rows at a time."""
    image = _checked(lambda: _to_display(_open(path), window), path)
    region = pyvips.Region.new(image)  # one pipeline read top to bottom (a sequential file reads once)
    width, height, ch = image.width, image.height, image.bands
    for y in range(0, height, rows):
        h = min(rows, height - y)
        data = _checked(lambda: region.fetch(0, y, width, h), path)
        band = _pil(np.frombuffer(data, dtype=np.uint8).reshape((h, width) if ch == 1 else (h, width, ch)))
        del data  # one band at a time: freed before the next is fetched
        yield band
        del band


def check_disk(folder: Path, width: int, height: int, channels: int, name: str) -> None:
    """Refuse to write a pyramid that would leave less than :data:`_DISK_MARGIN` free on the cache's disk."""
    need = int(width * height * channels * 4 / 3)
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free - need < _DISK_MARGIN:
        raise ImageError(f"{name} at full resolution needs {need / 2 ** 30:,.1f} GB of disk in the cache folder "
                         f"({os.fspath(folder)}), which has {free / 2 ** 30:,.1f} GB free; its preview is shown")
