"""Reading image files with Pillow, without Qt: the header, the orientation, a clear error,
and the shortcuts some formats offer to a preview (no Qt).

* :func:`open_file` reads the header only and refuses absurd sizes (:data:`MAX_PIXELS`);
* :func:`decoding` turns every decoder failure into an :class:`ImageError` naming the file;
* uncompressed TIFFs are mapped straight from the file (:func:`direct_map`); pyramidal TIFFs
  have their own reduced pages (:func:`find_overview`); camera JPEGs carry a large preview
  after the photo (:func:`embedded_preview`).
"""
from __future__ import annotations

import struct
import threading
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

#: Images above this many pixels are refused (a pack is hostile data: a 60,000 x
#: 60,000 PNG header costs nothing to write). Pillow's own default (89 MP warns,
#: 179 MP fails) is too low for survey and microscopy images. Images decoded whole have
#: a lower limit, by memory (:mod:`annotator_image.limits`).
MAX_PIXELS = 1_500_000_000

_pillow_lock = threading.Lock()


class ImageError(Exception):
    """The image cannot be shown; the message says why, in words a worker understands."""


#: Pillow raw modes of uncompressed TIFF strips that map straight to numpy
_DIRECT_RAWMODES = {"L": ("u1", 1), "RGB": ("u1", 3), "RGBA": ("u1", 4), "RGBX": ("u1", 4),
                    "I;16": ("<u2", 1), "I;16B": (">u2", 1)}


def direct_map(image: Image.Image, path: Path) -> np.ndarray | None:
    """Map an uncompressed, top-down, contiguous-strip TIFF (8-bit or 16-bit gray) as an array."""
    try:
        tiles = list(image.tile)
        if not tiles or any(t[0] != "raw" for t in tiles):
            return None
        rawmode, stride, direction = (tuple(tiles[0][3]) + (0, 1))[:3]
        if rawmode not in _DIRECT_RAWMODES or stride not in (0, None) or direction != 1:
            return None
        dtype, channels = _DIRECT_RAWMODES[rawmode]
        w, h = image.size
        row = w * channels * np.dtype(dtype).itemsize
        offset, y = tiles[0][2], 0
        for t in tiles:
            x0, ty0, x1, ty1 = t[1]
            if (x0, x1, ty0) != (0, w, y) or t[2] != offset + y * row or tuple(t[3])[0] != rawmode:
                return None
            y = ty1
        if y != h or path.stat().st_size < offset + h * row:
            return None
        shape = (h, w) if channels == 1 else (h, w, channels)
        arr = np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape)
        if rawmode == "RGBX":
            arr = arr[..., :3]
        return arr
    except (OSError, ValueError, TypeError, IndexError):
        return None


def open_file(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with _pillow_lock:
                old = Image.MAX_IMAGE_PIXELS
                Image.MAX_IMAGE_PIXELS = None  # we check the size ourselves, with our own limit
                try:
                    image = Image.open(path)
                finally:
                    Image.MAX_IMAGE_PIXELS = old
    except FileNotFoundError:
        raise ImageError(f"the image file {path.name} is missing") from None
    except UnidentifiedImageError:
        raise ImageError(f"{path.name} is not an image this editor can read (JPEG, PNG, TIFF, WebP or BMP), "
                         "or the file is damaged") from None
    except OSError as exc:
        raise ImageError(f"{path.name} is damaged or cannot be read: {exc}") from None
    if image.width <= 0 or image.height <= 0:
        raise ImageError(f"{path.name} has no pixels")
    if image.width * image.height > MAX_PIXELS:
        raise ImageError(f"{path.name} is {image.width} x {image.height} pixels, more than this editor opens "
                         f"({MAX_PIXELS // 1_000_000} megapixels)")
    return image


#: chunks of a PNG looked through for an EXIF block after its pixels, at most
_PNG_CHUNKS = 100_000


def orientation_of(image: Image.Image) -> int:
    """The EXIF orientation (1 to 8), read without decoding a pixel."""
    try:
        if image.format == "PNG" and "exif" not in image.info:
            # Pillow's PNG getexif() decodes the whole image to reach an eXIf chunk after the pixels
            raw = _png_exif(image.filename)
            if raw is None:
                return 1
            exif = Image.Exif()
            exif.load(raw)
        else:
            exif = image.getexif()
        value = exif.get(0x0112, 1)
        return int(value) if int(value) in range(1, 9) else 1
    except Exception:  # a broken EXIF block is no reason to refuse the image
        return 1


def _png_exif(path) -> bytes | None:
    """The body of a PNG's eXIf chunk, found by skipping from chunk to chunk, or ``None``."""
    with open(path, "rb") as fh:
        fh.seek(8)
        for _ in range(_PNG_CHUNKS):
            head = fh.read(8)
            if len(head) < 8:
                return None
            length, kind = struct.unpack(">I4s", head)
            if kind == b"eXIf":
                return fh.read(min(length, 1 << 20))
            if kind == b"IEND":
                return None
            fh.seek(length + 4, 1)
    return None


def load(image: Image.Image, name: str) -> None:
    decoding(name, image.load)


def decoding(name: str, decode):
    """Run ``decode``; a damaged file becomes an :class:`ImageError` naming it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return decode()
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError, Image.DecompressionBombError) as exc:
        text = str(exc) or type(exc).__name__
        if "truncated" in text:
            text = "the file is truncated (it may not have finished copying)"
        raise ImageError(f"{name} is damaged and cannot be decoded: {text}") from None


def find_overview(path: Path, width: int, height: int, frames: int, preview_side: int) -> int | None:
    """The page of a pyramidal TIFF (NewSubfileType 1: GeoTIFF overviews, slide scans) that is its
    own reduced copy, at least ``preview_side`` long and the smallest such, or ``None``."""
    try:
        image = open_file(path)
        best = None
        for index in range(1, min(frames, 32)):
            image.seek(index)
            w, h = image.size
            reduced = int(image.tag_v2.get(254, 0) or 0) & 1
            if reduced and same_shape(w, h, width, height) and max(w, h) >= preview_side \
                    and (best is None or w < best[1]):
                best = (index, w)
        image.close()
        return None if best is None else best[0]
    except (OSError, ValueError, EOFError, TypeError):
        return None


def load_overview(path: Path, index: int, preview_side: int) -> Image.Image:
    """Page ``index`` of a pyramidal TIFF, reduced to about ``preview_side``."""
    image = open_file(path)
    image.seek(index)
    load(image, path.name)
    factor = reduction(max(image.size), preview_side)
    return image.reduce(factor) if factor > 1 else image


#: How to undo each EXIF orientation (as ``ImageOps.exif_transpose`` does); applied by value,
#: since a camera's embedded preview or a reduced decode may not carry the EXIF block itself.
_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
              6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}


def oriented(image: Image.Image, orientation: int) -> Image.Image:
    return image.transpose(_TRANSPOSE[orientation]) if orientation in _TRANSPOSE else image


def reduction(long_side: int, preview_side: int) -> int:
    """The power of two that brings ``long_side`` down to the smallest size still >= ``preview_side``."""
    factor = 1
    while long_side / (factor * 2) >= preview_side:
        factor *= 2
    return factor


def same_shape(w: int, h: int, width: int, height: int) -> bool:
    """Whether ``w x h`` is ``width x height`` scaled (to within a pixel of rounding)."""
    return abs(w / width - h / height) <= 2 / min(w, h)


def embedded_preview(image: Image.Image, preview_side: int) -> Image.Image | None:
    """The large preview a camera stores after the photo (MPF, CIPA DC-007), or ``None``.

    Taken only when it has the photo's shape, is smaller than half the photo (a stereo
    pair's second view is not a preview) and at least ``preview_side / 2`` long.
    """
    width, height = image.size
    try:
        for index in range(1, min(getattr(image, "n_frames", 1), 4)):
            image.seek(index)
            w, h = image.size
            if w * 2 <= width and max(w, h) * 2 >= preview_side and same_shape(w, h, width, height):
                image.load()
                preview = image.copy()
                image.seek(0)
                return preview
        image.seek(0)
    except (OSError, ValueError, EOFError, SyntaxError):
        try:
            image.seek(0)
        except (OSError, ValueError, EOFError):
            pass
    return None
