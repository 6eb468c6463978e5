"""Image decoding for the image plugin, without Qt.

Two steps, so a huge image is on screen at once and memory stays bounded:

1. :func:`open_image` reads the header and decodes a *preview*: for JPEG, Pillow's
   reduced decoding (``Image.draft``: libjpeg scales the DCT by 1/2, 1/4 or 1/8,
   so a 100-megapixel photo decodes as a 1.5-megapixel one); other formats are
   decoded once and reduced with ``Image.reduce``; huge PNGs, WebPs and tiled TIFFs are read
   as a stream and shrunk as they are read, by libvips (:mod:`annotator_image.streaming`).
2. :meth:`ImageSource.build_pyramid` (run in a worker thread when the worker
   zooms past the preview's resolution) decodes the full image once and writes
   a pyramid of levels (1, 1/2, 1/4, ...) as raw files in the cache folder
   (:mod:`annotator_image.pyramid`); the editor reads 512-pixel tiles from them
   through ``numpy.memmap``, so only the tiles on screen are ever in memory.

Every decode that needs the whole image in memory is costed from the header first
and refused above :data:`annotator_image.limits.DECODE_LIMIT`; large decodes run one
at a time (:mod:`annotator_image.limits`). :func:`probe` reads the header only, so the
editor knows the size (or the refusal) at once and decodes off the interface thread.

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
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from annotator_image.decoding import (MAX_PIXELS, ImageError, decoding, direct_map, embedded_preview, find_overview,
                                      load, load_overview, open_file, orientation_of, oriented, reduction)
from annotator_image.limits import decode_cost, one_at_a_time, too_large
from annotator_image.pyramid import (TILE, Level, Pyramid, apply_window, channels, prune, read_pyramid, reduced,
                                     window_of, windowed, write_raw)
from annotator_image import streaming
from annotator_image.tiffstrips import StripReader

__all__ = ["MAX_PIXELS", "ImageError", "ImageSource", "Level", "Pyramid", "TILE", "Header", "image_size", "open_image",
           "kept_preview", "prepare", "probe"]

#: The preview's long side, at least (JPEG draft picks the smallest scale, 1/2 to 1/8, above it):
#: enough to fill a window; the pyramid takes over when the worker zooms further.
PREVIEW_SIDE = 1500
#: Images up to this many pixels keep their pyramid in memory; above, on disk.
IN_MEMORY_PIXELS = 16_000_000
#: Previews kept in the cache folder (at most ~6 MB each; oldest removed first).
PREVIEW_KEEP = 24


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
    streamed: bool = False
    """Read as a stream by libvips (:mod:`annotator_image.streaming`): the pyramid's bands too."""

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
        Raises :class:`ImageError` when decoding the whole image would take more memory than
        allowed (the preview stays what the worker sees).
        """
        if self._direct is not None:
            return self._direct_pyramid()
        with one_at_a_time(self.pixels):
            return self._build_pyramid(cache_dir, cancel)

    def _build_pyramid(self, cache_dir: Path | None, cancel: threading.Event | None) -> Pyramid:
        on_disk = cache_dir is not None and self.pixels > IN_MEMORY_PIXELS
        if not on_disk:
            full = self._full if self._full is not None else _decode_full(self.path, self)
            self._full = None
            levels = []
            for _index, scale, image in self._levels_of([full], cancel):
                levels.append(Level(scale, image.width, image.height, np.asarray(image)))
            return Pyramid(levels)
        folder = Path(cache_dir) / "pyramids" / self.cache_key()
        cached = read_pyramid(folder)
        if cached is not None:
            os.utime(folder)
            return cached
        folder.parent.mkdir(parents=True, exist_ok=True)
        if self.streamed:
            streaming.check_disk(folder.parent, self.width, self.height, channels(self.mode), self.path.name)
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
                write_raw(band, files[index])
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
        prune(folder.parent, keep=folder.name)
        pyramid = read_pyramid(folder)
        if pyramid is None:
            raise ImageError("the image cache could not be written")
        return pyramid

    def full_cost(self) -> int:
        """The memory (bytes) decoding the whole image for its pyramid takes (0: none is decoded)."""
        if self._direct is not None or self._full is not None:
            return 0
        if self.streamed:
            return streaming.cost(self.source_mode, self.width, self.height, round(1 / self.preview_scale))
        with open_file(self.path) as image:
            return _full_cost(image, self)

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
        align = 2 ** (len(self.level_sizes()) - 1)
        if self.streamed and self._full is None:
            yield from streaming.bands(self.path, streaming.band_rows(self.width, self.mode, align), self.window)
            return
        strips = None
        if self._full is None and self.format == "TIFF" and self.orientation == 1:
            strips = StripReader.of(open_file(self.path), self.path)
        if strips is None:
            full = self._full if self._full is not None else _decode_full(self.path, self)
            self._full = None
            yield full
            return
        for band in decoding(self.path.name, lambda: strips.in_bands(strips.band_rows(align))):
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
                    band = reduced(band, 2)
                    scale /= 2

    def _direct_pyramid(self) -> Pyramid:
        """Levels read from the mapped file with a stride: nothing to decode or to write."""
        arr = self._direct
        window = self.window if arr.dtype != np.uint8 else None
        return Pyramid([Level(1 / 2 ** i, w, h, arr, 2 ** i, window)
                        for i, (w, h) in enumerate(self.level_sizes())])


# ------------------------------------------------------------------ decoding


def _to_display(image: Image.Image, window: tuple[float, float] | None) -> tuple[Image.Image, tuple | None]:
    """8-bit L, RGB or RGBA; 16-bit/float images through one value window."""
    mode = image.mode
    if mode in ("L", "RGB", "RGBA"):
        return image, window
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return windowed(image, window)
    if mode in ("LA", "PA", "La", "RGBa") or (mode == "P" and "transparency" in image.info):
        return image.convert("RGBA"), window
    if mode == "1":
        return image.convert("L"), window
    return image.convert("RGB"), window


def _full_cost(image: Image.Image, source: ImageSource) -> int:
    """What decoding the whole image for its pyramid takes (its preview is on screen already)."""
    return decode_cost(image.mode, source.pixels, format=image.format or "", oriented=source.orientation != 1,
                       transparency="transparency" in image.info, levels=_levels(source.pixels))


def _levels(pixels: int) -> float:
    """The pyramid's levels, in image sizes: copies of every level in memory, else the reduced
    ones while they are written to disk."""
    return 4 / 3 if pixels <= IN_MEMORY_PIXELS else 1 / 3


def _decode_full(path: Path, source: ImageSource) -> Image.Image:
    image = open_file(path)
    problem = too_large(path.name, source.width, source.height, _full_cost(image, source))
    if problem:
        raise ImageError(problem)
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    load(image, path.name)
    image = oriented(image, source.orientation)
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
        if len(data) != pw * ph * channels(mode):
            return None
        os.utime(base.with_suffix(".json"))
        window = tuple(meta["window"]) if meta.get("window") else None
        return ImageSource(path=path, format=meta["format"], width=meta["width"], height=meta["height"],
                           mode=mode, source_mode=meta["source_mode"], orientation=meta["orientation"],
                           frames=meta["frames"], preview=Image.frombytes(mode, (pw, ph), data), window=window,
                           streamed=bool(meta.get("streamed")))
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
        with open(raw, "wb") as fh:
            write_raw(source.preview, fh)  # in bands: no second copy of the preview
        raw.replace(base.with_suffix(".raw"))
        meta = {"format": source.format, "width": source.width, "height": source.height, "mode": source.mode,
                "source_mode": source.source_mode, "orientation": source.orientation, "frames": source.frames,
                "window": list(source.window) if source.window else None, "preview": list(source.preview.size),
                "streamed": source.streamed}
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
    they open as fast without. Large images wait for the process's one large-decode slot
    (and are read back if another thread kept their preview meanwhile).
    """
    path = Path(path)
    if cache_dir is not None and (kept := kept_preview(path, cache_dir, preview_side)) is not None:
        return kept
    plan = _plan(path, preview_side)
    with one_at_a_time(plan.pixels):
        if cache_dir is not None and (kept := kept_preview(path, cache_dir, preview_side)) is not None:
            return kept
        source = _decode(plan)
    if cache_dir is not None and source.needs_pyramid() and source._direct is None:
        _keep_preview(cache_dir, source, preview_side)
    return source


def kept_preview(path: Path, cache_dir: Path, preview_side: int = PREVIEW_SIDE) -> ImageSource | None:
    """The source of ``path`` from a preview kept in ``cache_dir`` (no decoding), or ``None``."""
    return _cached_preview(Path(cache_dir), Path(path), preview_side)


@dataclass
class Header:
    """What an image file's header says, read without decoding a pixel (:func:`probe`)."""

    path: Path
    format: str
    width: int
    """As shown, after the EXIF orientation (as ``height``)."""
    height: int
    orientation: int
    frames: int
    mode: str
    """Pillow's mode of the stored pixels."""
    cost: int
    """The memory (bytes) decoding the preview takes at most (:func:`annotator_image.limits.decode_cost`)."""

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass
class _Plan(Header):
    """A header and how its preview is decoded, with the opened file."""

    image: Image.Image | None = None
    how: str = "whole"
    """"direct" (mapped), "overview" (a reduced page), "strips", "draft" (JPEG reduced), "stream" (libvips),
    "whole"."""
    direct: np.ndarray | None = None
    strips: StripReader | None = None
    overview: int | None = None
    step: int = 1
    preview_side: int = PREVIEW_SIDE


def probe(path: Path, preview_side: int = PREVIEW_SIDE) -> Header:
    """The header of ``path``: its size, orientation and what decoding its preview costs. Raises
    :class:`ImageError` for a file that is not an image, is damaged, or is too large to show."""
    plan = _plan(Path(path), preview_side)
    plan.image.close()
    return Header(plan.path, plan.format, plan.width, plan.height, plan.orientation, plan.frames, plan.mode,
                  plan.cost)


def _plan(path: Path, preview_side: int) -> _Plan:
    """Read the header of ``path`` and decide how to decode its preview, decoding nothing."""
    image = open_file(path)
    fmt = image.format or "?"
    frames = getattr(image, "n_frames", 1) or 1
    if frames > 1:
        image.seek(0)  # multi-page TIFF: the first page
    orientation = orientation_of(image)
    raw_w, raw_h = image.size
    width, height = (raw_h, raw_w) if orientation in (5, 6, 7, 8) else (raw_w, raw_h)
    plan = _Plan(path, fmt, width, height, orientation, frames, image.mode, 0, image,
                 step=reduction(max(raw_w, raw_h), preview_side), preview_side=preview_side)
    large = max(raw_w, raw_h) > preview_side
    if fmt == "TIFF" and orientation == 1 and large:
        plan.direct = direct_map(image, path)
        if plan.direct is not None:
            plan.how = "direct"
        else:
            plan.overview = find_overview(path, raw_w, raw_h, frames, preview_side) if frames > 1 else None
            plan.strips = StripReader.of(image, path) if plan.overview is None else None
            plan.how = "overview" if plan.overview is not None else "strips" if plan.strips is not None else "whole"
    elif fmt in ("JPEG", "MPO") and large:
        plan.how = "draft"
    pixels = raw_w * raw_h
    transparency = "transparency" in image.info
    if (plan.how == "whole" or (plan.how == "strips" and plan.strips.tiled)) and large and pixels > IN_MEMORY_PIXELS \
            and streaming.eligible(fmt, image.mode, raw_w, raw_h, _size(path), orientation=orientation, frames=frames,
                                   transparency=transparency):
        plan.how, plan.strips = "stream", None
        plan.cost = streaming.cost(image.mode, raw_w, raw_h, plan.step, transparency=transparency)
        problem = too_large(path.name, width, height, plan.cost)
        if problem:
            image.close()
            raise ImageError(problem)
    elif plan.how == "whole":
        plan.cost = decode_cost(image.mode, pixels, format=fmt, oriented=orientation != 1,
                                transparency=transparency, levels=_levels(pixels) if large else 0,
                                preview_pixels=pixels // plan.step ** 2)
        problem = too_large(path.name, width, height, plan.cost)
        if problem:
            image.close()
            raise ImageError(problem)
    else:  # a reduced decode, about the preview's size (libjpeg reduces by 1/8 at most)
        reduced_pixels = pixels // min(plan.step, 8) ** 2
        plan.cost = decode_cost(image.mode, reduced_pixels, oriented=orientation != 1, levels=0,
                                preview_pixels=reduced_pixels)
    return plan


def _decode(plan: _Plan) -> ImageSource:
    """Decode the preview ``plan`` says (and, for an image decoded whole, keep the full image)."""
    path, image, plan.image = plan.path, plan.image, None
    fmt, orientation, step, side = plan.format, plan.orientation, plan.step, plan.preview_side
    full, window, preview, orientation_done = None, None, None, False
    if plan.how == "overview":
        try:
            preview = load_overview(path, plan.overview, side)
        except (ImageError, OSError, ValueError, EOFError):  # a damaged reduced page: read the rows instead
            plan.strips = StripReader.of(image, path)
            if plan.strips is None:
                raise
            plan.how = "strips"
    if plan.how == "stream":
        image.close()
        preview, window = streaming.preview(path, step, plan.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"))
    elif plan.how == "strips":
        preview = decoding(path.name, lambda: plan.strips.sample(step))
    elif plan.how == "direct":
        sample = np.ascontiguousarray(plan.direct[::step, ::step])
        pmode = {1: "L", 3: "RGB", 4: "RGBA"}[1 if sample.ndim == 2 else sample.shape[2]]
        if sample.dtype != np.uint8:
            window = window_of(sample.astype(np.float32))
            sample = apply_window(sample, window)
            pmode = "L"
        preview = Image.fromarray(sample, pmode)
    elif plan.how == "draft":
        raw_w, raw_h = image.size
        embedded = embedded_preview(image, side) if fmt == "MPO" else None
        if embedded is not None:
            preview = embedded  # a camera's own reduced copy: no decoding of the big image at all
        else:
            factor = max(raw_w, raw_h) / side
            image.draft("L" if image.mode == "L" else "RGB", (max(1, int(raw_w / factor)), max(1, int(raw_h / factor))))
            load(image, path.name)
            preview = image
    elif plan.how == "whole":
        load(image, path.name)
        if max(image.size) > side:  # turned and made 8-bit whole, then reduced (Pillow reduces no palette)
            full, image = oriented(image, orientation), None  # each step frees the one before
            full, window = _to_display(full, None)
            preview = reduced(full, step)
            orientation_done = True
        else:
            preview, image = image, None
    if not orientation_done:
        preview = oriented(preview, orientation)
    preview, window = _to_display(preview, window)
    source = ImageSource(path=path, format=fmt, width=plan.width, height=plan.height, mode=preview.mode,
                         source_mode=plan.mode, orientation=orientation, frames=plan.frames,
                         preview=preview, window=window, _full=full, _direct=plan.direct, streamed=plan.how == "stream")
    if preview.size == (plan.width, plan.height):
        source._full = None
    return source


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def image_size(path: Path) -> tuple[int, int] | None:
    """The displayed size (after EXIF orientation) from the header only, or ``None``."""
    try:
        image = open_file(Path(path))
    except ImageError:
        return None
    w, h = image.size
    return (h, w) if orientation_of(image) in (5, 6, 7, 8) else (w, h)
