"""Image decoding for the image plugin, without Qt.

Two steps, so a huge image is on screen at once and memory stays bounded:

1. :func:`open_image` reads the header and decodes a *preview*: for JPEG, Pillow's
   reduced decoding (``Image.draft``: libjpeg scales the DCT by 1/2, 1/4 or 1/8,
   so a 100-megapixel photo decodes as a 1.5-megapixel one); other formats are
   decoded once and reduced with ``Image.reduce``.
2. :meth:`ImageSource.build_pyramid` (run in a worker thread when the worker
   zooms past the preview's resolution) decodes the full image once and writes
   a pyramid of levels (1, 1/2, 1/4, ...) as raw files in the cache folder; the
   editor reads 512-pixel tiles from them through ``numpy.memmap``, so only the
   tiles on screen are ever in memory.

Every pixel array handed out is 8-bit ``L``, ``RGB`` or ``RGBA`` (16-bit and
float images are mapped to 8 bits with one window for the whole image), with
the EXIF orientation applied: the coordinates the editor works in are those of
the image as a viewer shows it (see ``docs/image.md``).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from annotator_image.tiffstrips import StripReader

#: Images above this many pixels are refused (a pack is hostile data: a 60,000 x
#: 60,000 PNG header costs nothing to write). Pillow's own default (89 MP warns,
#: 179 MP fails) is too low for survey and microscopy images.
MAX_PIXELS = 1_500_000_000
#: The preview's long side, at least (JPEG draft picks the smallest scale, 1/2 to 1/8, above it):
#: enough to fill a window; the pyramid takes over when the worker zooms further.
PREVIEW_SIDE = 1500
#: Images up to this many pixels keep their pyramid in memory; above, on disk.
IN_MEMORY_PIXELS = 16_000_000
TILE = 512
#: Pyramids kept in the cache folder (oldest removed first).
CACHE_KEEP = 12
#: Previews kept in the cache folder (at most ~6 MB each; oldest removed first).
PREVIEW_KEEP = 24

_pillow_lock = threading.Lock()


class ImageError(Exception):
    """The image cannot be shown; the message says why, in words a worker understands."""


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
            return _apply_window(out, self.window)
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


@dataclass
class ImageSource:
    """An opened image: its size (after orientation), format and preview."""

    path: Path
    format: str
    width: int
    height: int
    mode: str
    """The display mode: ``L``, ``RGB`` or ``RGBA``."""
    source_mode: str
    orientation: int
    frames: int
    preview: Image.Image
    window: tuple[float, float] | None = None
    """For 16-bit/float images: the value range mapped to 0..255."""
    _full: Image.Image | None = field(default=None, repr=False)
    _direct: np.ndarray | None = field(default=None, repr=False)
    """An uncompressed TIFF's pixels mapped straight from the file (no decoding at all)."""

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def preview_scale(self) -> float:
        """Preview pixels per image pixel (1.0 when the preview is the full image)."""
        return self.preview.width / self.width

    @property
    def pixels(self) -> int:
        return self.width * self.height

    def needs_pyramid(self) -> bool:
        return self.preview_scale < 0.999

    def preview_array(self) -> np.ndarray:
        return np.asarray(self.preview)

    # ---------------------------------------------------------------- pyramid

    def cache_key(self) -> str:
        return _file_key(self.path)

    def build_pyramid(self, cache_dir: Path | None, cancel: threading.Event | None = None) -> Pyramid:
        """Decode the full image once and return levels 1, 1/2, 1/4, ... down to the preview.

        Large images go to ``cache_dir`` as raw files (reused next time the image
        opens); the full decode is freed as soon as its level is written. A compressed TIFF
        (strips or tiles) is decoded band by band, so memory holds one band, not the image.
        """
        if self._direct is not None:
            return self._direct_pyramid()
        on_disk = cache_dir is not None and self.pixels > IN_MEMORY_PIXELS
        if not on_disk:
            full = self._full if self._full is not None else _decode_full(self.path, self)
            self._full = None
            levels = []
            for _index, scale, image in self._levels_of([full], cancel):
                levels.append(Level(scale, image.width, image.height, np.asarray(image)))
            return Pyramid(levels)
        folder = Path(cache_dir) / "pyramids" / self.cache_key()
        cached = _read_pyramid(folder)
        if cached is not None:
            os.utime(folder)
            return cached
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = folder.with_name(folder.name + f".tmp{os.getpid()}.{threading.get_ident()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            files: dict[int, object] = {}
            meta = []
            for index, scale, band in self._levels_of(self._bands(), cancel):
                if index == len(meta):
                    meta.append({"scale": scale, "width": 0, "height": 0})
                    files[index] = open(tmp / f"level{index}.raw", "wb")
                _write_raw(band, files[index])
                meta[index]["width"] = band.width
                meta[index]["height"] += band.height
            for fh in files.values():
                fh.close()
        except BaseException:
            for fh in files.values():
                fh.close()
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        (tmp / "pyramid.json").write_text(json.dumps({"mode": self.mode, "levels": meta}))
        try:
            tmp.replace(folder)
        except OSError:  # another build won the race
            shutil.rmtree(tmp, ignore_errors=True)
        _prune(folder.parent, keep=folder.name)
        pyramid = _read_pyramid(folder)
        if pyramid is None:
            raise ImageError("the image cache could not be written")
        return pyramid

    def level_sizes(self) -> list[tuple[int, int]]:
        """The sizes of the pyramid's levels: halving until the next would not beat the preview."""
        w, h = self.width, self.height
        sizes = [(w, h)]
        while not (w * 0.5 < self.preview.width * 1.001 or min(w, h) < 2 * TILE):
            w, h = -(-w // 2), -(-h // 2)
            sizes.append((w, h))
        return sizes

    def _bands(self):
        """The full image from top to bottom, in display mode: bands of a compressed TIFF
        (whole strips or rows of tiles), else the whole decoded image as one band."""
        strips = None
        if self._full is None and self.format == "TIFF" and self.orientation == 1:
            strips = StripReader.of(_open(self.path), self.path)
        if strips is None:
            full = self._full if self._full is not None else _decode_full(self.path, self)
            self._full = None
            yield full
            return
        align = 2 ** (len(self.level_sizes()) - 1)
        for band in _decoding(self.path.name, lambda: strips.in_bands(strips.band_rows(align))):
            yield _to_display(band, self.window)[0]

    def _levels_of(self, bands, cancel: threading.Event | None):
        """``(index, scale, band)`` for every level of every band, top to bottom (bands of a level stack
        into that level: their heights are even down to the last level, so halving each band
        gives exactly the halved image)."""
        count = len(self.level_sizes())
        for band in bands:
            scale = 1.0
            for index in range(count):
                if cancel is not None and cancel.is_set():
                    raise ImageError("cancelled")
                yield index, scale, band
                if index + 1 < count:
                    band = band.reduce(2)
                    scale /= 2

    def _direct_pyramid(self) -> Pyramid:
        """Levels read from the mapped file with a stride: nothing to decode or to write."""
        arr = self._direct
        window = self.window if arr.dtype != np.uint8 else None
        return Pyramid([Level(1 / 2 ** i, w, h, arr, 2 ** i, window)
                        for i, (w, h) in enumerate(self.level_sizes())])


#: Pillow raw modes of uncompressed TIFF strips that map straight to numpy
_DIRECT_RAWMODES = {"L": ("u1", 1), "RGB": ("u1", 3), "RGBA": ("u1", 4), "RGBX": ("u1", 4),
                    "I;16": ("<u2", 1), "I;16B": (">u2", 1)}


def _direct_map(image: Image.Image, path: Path) -> np.ndarray | None:
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


def _channels(mode: str) -> int:
    return {"L": 1, "RGB": 3, "RGBA": 4}[mode]


def _write_raw(image: Image.Image, fh) -> None:
    """Append raw pixels to ``fh`` in slices (no second full-size copy in memory)."""
    band = max(1, (8 << 20) // max(1, image.width * _channels(image.mode)))
    for y in range(0, image.height, band):
        fh.write(image.crop((0, y, image.width, min(image.height, y + band))).tobytes())


def _read_pyramid(folder: Path) -> Pyramid | None:
    try:
        meta = json.loads((folder / "pyramid.json").read_text())
        mode = meta["mode"]
        levels = []
        for i, lv in enumerate(meta["levels"]):
            shape = (lv["height"], lv["width"]) if mode == "L" else (lv["height"], lv["width"], _channels(mode))
            arr = np.memmap(folder / f"level{i}.raw", dtype=np.uint8, mode="r", shape=shape)
            levels.append(Level(lv["scale"], lv["width"], lv["height"], arr))
        return Pyramid(levels, folder) if levels else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _prune(root: Path, keep: str) -> None:
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


# ------------------------------------------------------------------ decoding


def _open(path: Path) -> Image.Image:
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


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
        return int(value) if int(value) in range(1, 9) else 1
    except Exception:  # a broken EXIF block is no reason to refuse the image
        return 1


def _to_display(image: Image.Image, window: tuple[float, float] | None) -> tuple[Image.Image, tuple | None]:
    """8-bit L, RGB or RGBA; 16-bit/float images through one value window."""
    mode = image.mode
    if mode in ("L", "RGB", "RGBA"):
        return image, window
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(image)
        if window is None:
            window = _window_of(arr)
        return Image.fromarray(_apply_window(arr, window), "L"), window
    if mode in ("LA", "PA", "La", "RGBa") or (mode == "P" and "transparency" in image.info):
        return image.convert("RGBA"), window
    if mode == "1":
        return image.convert("L"), window
    return image.convert("RGB"), window


def _window_of(arr: np.ndarray) -> tuple[float, float]:
    """The value range shown as black..white: 0.5th to 99.5th percentile of a sample."""
    sample = np.asarray(arr[:: max(1, arr.shape[0] // 512), :: max(1, arr.shape[1] // 512)], dtype=np.float32)
    if not sample.size:
        return 0.0, 1.0
    lo, hi = (float(v) for v in np.percentile(sample, (0.5, 99.5)))
    if hi <= lo:
        lo, hi = float(sample.min()), float(sample.max())
    return lo, (hi if hi > lo else lo + 1.0)


def _apply_window(arr: np.ndarray, window: tuple[float, float]) -> np.ndarray:
    lo, hi = window
    return np.clip((np.asarray(arr, dtype=np.float32) - lo) * (255.0 / (hi - lo)), 0, 255).astype(np.uint8)


def _load(image: Image.Image, name: str) -> None:
    _decoding(name, image.load)


def _decoding(name: str, decode):
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


def _decode_full(path: Path, source: ImageSource) -> Image.Image:
    image = _open(path)
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    _load(image, path.name)
    image = _oriented(image, source.orientation)
    image, _ = _to_display(image, source.window)
    return image


def _file_key(path: Path) -> str:
    st = path.stat()
    raw = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|v1".encode()
    return hashlib.sha1(raw).hexdigest()[:20]


def _cached_preview(cache_dir: Path, path: Path, preview_side: int) -> ImageSource | None:
    """The source of ``path`` from a preview kept by an earlier open (or a prefetch), or ``None``."""
    try:
        base = Path(cache_dir) / "previews" / f"{_file_key(path)}-{preview_side}"
        meta = json.loads(base.with_suffix(".json").read_text())
        mode, (pw, ph) = meta["mode"], meta["preview"]
        data = base.with_suffix(".raw").read_bytes()
        if len(data) != pw * ph * _channels(mode):
            return None
        os.utime(base.with_suffix(".json"))
        window = tuple(meta["window"]) if meta.get("window") else None
        return ImageSource(path=path, format=meta["format"], width=meta["width"], height=meta["height"],
                           mode=mode, source_mode=meta["source_mode"], orientation=meta["orientation"],
                           frames=meta["frames"], preview=Image.frombytes(mode, (pw, ph), data), window=window)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _keep_preview(cache_dir: Path, source: ImageSource, preview_side: int) -> None:
    """Keep the decoded preview so the next open of the file skips decoding (best effort)."""
    try:
        folder = Path(cache_dir) / "previews"
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / f"{source.cache_key()}-{preview_side}"
        tmp = f".tmp{os.getpid()}.{threading.get_ident()}"
        raw = base.with_name(base.name + ".raw" + tmp)
        raw.write_bytes(source.preview.tobytes())
        raw.replace(base.with_suffix(".raw"))
        meta = {"format": source.format, "width": source.width, "height": source.height, "mode": source.mode,
                "source_mode": source.source_mode, "orientation": source.orientation, "frames": source.frames,
                "window": list(source.window) if source.window else None, "preview": list(source.preview.size)}
        doc = base.with_name(base.name + ".json" + tmp)
        doc.write_text(json.dumps(meta))
        doc.replace(base.with_suffix(".json"))  # written last: a preview without it is never read
        kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[PREVIEW_KEEP:]:
            old.unlink(missing_ok=True)
            old.with_suffix(".raw").unlink(missing_ok=True)
        now = time.time()
        for left in folder.glob("*.tmp*"):  # leftovers of killed writes
            if now - left.stat().st_mtime > 3600:
                left.unlink(missing_ok=True)
    except OSError:
        pass


def prepare(path: Path, cache_dir: Path, preview_side: int = PREVIEW_SIDE) -> bool:
    """Decode the preview of ``path`` ahead of time into ``cache_dir`` (the plugin's prefetch).

    Returns whether a preview is now kept; a file that cannot be read is left for the
    editor to explain when the worker opens it.
    """
    try:
        return open_image(path, preview_side, cache_dir) is not None
    except ImageError:
        return False


def open_image(path: Path, preview_side: int = PREVIEW_SIDE, cache_dir: Path | None = None) -> ImageSource:
    """Open ``path`` and decode its preview; raise :class:`ImageError` with a clear message.

    With ``cache_dir``, a preview decoded before (by an earlier open or by :func:`prepare`)
    is read back instead of decoding, and a preview this call has to decode is kept there.
    Images read straight from the file (uncompressed TIFF) and small images are not kept:
    they open as fast without.
    """
    path = Path(path)
    if cache_dir is not None:
        cached = _cached_preview(cache_dir, path, preview_side)
        if cached is not None:
            return cached
    source = _decode_preview(path, preview_side)
    if cache_dir is not None and source.needs_pyramid() and source._direct is None:
        _keep_preview(cache_dir, source, preview_side)
    return source


def _decode_preview(path: Path, preview_side: int) -> ImageSource:
    image = _open(path)
    fmt = image.format or "?"
    frames = getattr(image, "n_frames", 1) or 1
    if frames > 1:
        image.seek(0)  # multi-page TIFF: the first page
    orientation = _orientation(image)
    raw_w, raw_h = image.size
    width, height = (raw_h, raw_w) if orientation in (5, 6, 7, 8) else (raw_w, raw_h)
    source_mode = image.mode
    full = None
    long_side = max(raw_w, raw_h)
    direct, window = None, None
    if fmt == "TIFF" and orientation == 1 and long_side > preview_side:
        direct = _direct_map(image, path)
    strips = overview = None
    if fmt == "TIFF" and orientation == 1 and long_side > preview_side and direct is None:
        overview = _overview(path, raw_w, raw_h, frames, preview_side) if frames > 1 else None
        strips = StripReader.of(image, path) if overview is None else None
    step = _reduction(long_side, preview_side)
    if overview is not None:
        preview = overview
    elif strips is not None:
        preview = _decoding(path.name, lambda: strips.sample(step))
    elif direct is not None:
        sample = np.ascontiguousarray(direct[::step, ::step])
        pmode = {1: "L", 3: "RGB", 4: "RGBA"}[1 if sample.ndim == 2 else sample.shape[2]]
        if sample.dtype != np.uint8:
            window = _window_of(sample.astype(np.float32))
            sample = _apply_window(sample, window)
            pmode = "L"
        preview = Image.fromarray(sample, pmode)
    elif fmt == "MPO" and long_side > preview_side and (embedded := _embedded_preview(image, preview_side)):
        preview = embedded  # a camera's own reduced copy: no decoding of the big image at all
    elif fmt in ("JPEG", "MPO") and long_side > preview_side:
        factor = long_side / preview_side
        mode = "L" if image.mode == "L" else "RGB"
        image.draft(mode, (max(1, int(raw_w / factor)), max(1, int(raw_h / factor))))
        _load(image, path.name)
        preview = image
    else:
        _load(image, path.name)
        preview = image
        if long_side > preview_side:
            full = image
            preview = image.reduce(step) if step > 1 else image
    preview = _oriented(preview, orientation)
    if full is not None:
        full = _oriented(full, orientation)
    preview, window = _to_display(preview, window)
    if full is not None:
        full, _ = _to_display(full, window)
    display_mode = preview.mode
    source = ImageSource(path=path, format=fmt, width=width, height=height, mode=display_mode,
                         source_mode=source_mode, orientation=orientation, frames=frames,
                         preview=preview, window=window, _full=full, _direct=direct)
    if preview.size == (width, height):
        source._full = None
    return source


def _overview(path: Path, width: int, height: int, frames: int, preview_side: int) -> Image.Image | None:
    """A pyramidal TIFF's own reduced page (NewSubfileType 1: GeoTIFF overviews, slide scans)
    that is at least ``preview_side`` long, reduced to about that, or ``None``."""
    try:
        image = _open(path)
        best = None
        for index in range(1, min(frames, 32)):
            image.seek(index)
            w, h = image.size
            reduced = int(image.tag_v2.get(254, 0) or 0) & 1
            if reduced and _same_shape(w, h, width, height) and max(w, h) >= preview_side \
                    and (best is None or w < best[1]):
                best = (index, w)
        if best is None:
            return None
        image.seek(best[0])
        _load(image, path.name)
        factor = _reduction(max(image.size), preview_side)
        return image.reduce(factor) if factor > 1 else image
    except (OSError, ValueError, EOFError, TypeError):
        return None


#: How to undo each EXIF orientation (as ``ImageOps.exif_transpose`` does); applied by value,
#: since a camera's embedded preview or a reduced decode may not carry the EXIF block itself.
_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
              6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}


def _oriented(image: Image.Image, orientation: int) -> Image.Image:
    return image.transpose(_TRANSPOSE[orientation]) if orientation in _TRANSPOSE else image


def _reduction(long_side: int, preview_side: int) -> int:
    """The power of two that brings ``long_side`` down to the smallest size still >= ``preview_side``."""
    factor = 1
    while long_side / (factor * 2) >= preview_side:
        factor *= 2
    return factor


def _same_shape(w: int, h: int, width: int, height: int) -> bool:
    """Whether ``w x h`` is ``width x height`` scaled (to within a pixel of rounding)."""
    return abs(w / width - h / height) <= 2 / min(w, h)


def _embedded_preview(image: Image.Image, preview_side: int) -> Image.Image | None:
    """The large preview a camera stores after the photo (MPF, CIPA DC-007), or ``None``.

    Taken only when it has the photo's shape, is smaller than half the photo (a stereo
    pair's second view is not a preview) and at least ``preview_side / 2`` long.
    """
    width, height = image.size
    try:
        for index in range(1, min(getattr(image, "n_frames", 1), 4)):
            image.seek(index)
            w, h = image.size
            if w * 2 <= width and max(w, h) * 2 >= preview_side and _same_shape(w, h, width, height):
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


def image_size(path: Path) -> tuple[int, int] | None:
    """The displayed size (after EXIF orientation) from the header only, or ``None``."""
    try:
        image = _open(Path(path))
    except ImageError:
        return None
    w, h = image.size
    return (h, w) if _orientation(image) in (5, 6, 7, 8) else (w, h)
