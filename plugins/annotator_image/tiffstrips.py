"""Compressed TIFFs read a few strips at a time, without Qt.

Pillow decodes a compressed TIFF (LZW, Deflate, PackBits, ZSTD, JPEG-in-TIFF) through
libtiff, and only as a whole: a 100-megapixel LZW TIFF costs a full decode (about 0.8 s)
and about 2.7 times the image in memory before anything can be shown. But a stripped
TIFF is a list of independently compressed strips of rows. :class:`StripReader` hands
Pillow a small in-memory TIFF that holds only the strips wanted (the page's own decoding
tags, its strips copied byte for byte), so

* the preview decodes only the strips holding every ``step``-th row (1/8 of the file for
  a 100 MP image, 2 threads), and
* the full resolution is decoded band by band, so memory stays at a band, not the image.

Tiled TIFFs, planar (separate) samples and oriented pages are left to Pillow's whole
decode (:meth:`StripReader.of` returns ``None``).
"""
from __future__ import annotations

import io
import math
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator, Sequence

from PIL import Image
from PIL.TiffImagePlugin import ImageFileDirectory_v2

#: The tags libtiff needs to decode a page's strips; everything else (GeoTIFF keys, XMP,
#: ICC, offsets to other IFDs) is left out of the in-memory TIFF.
DECODE_TAGS = (256, 258, 259, 262, 266, 277, 284, 317, 320, 338, 339, 347, 530, 531, 532)
IMAGE_LENGTH, STRIP_OFFSETS, ROWS_PER_STRIP, STRIP_BYTE_COUNTS = 257, 273, 278, 279
TILE_WIDTH, TILE_OFFSETS, PLANAR_CONFIGURATION, COMPRESSION = 322, 324, 284, 259
LONG = 4

_POOL = ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1)), thread_name_prefix="tiff-strips")


class StripReader:
    """The strips of one TIFF page, decoded on demand."""

    def __init__(self, path: Path, tags, width: int, height: int):
        self.path = Path(path)
        self.tags = tags
        self.width, self.height = width, height
        self.offsets: Sequence[int] = tags[STRIP_OFFSETS]
        self.counts: Sequence[int] = tags[STRIP_BYTE_COUNTS]
        self.rows_per_strip = max(1, min(int(tags.get(ROWS_PER_STRIP, height)), height))

    @classmethod
    def of(cls, image: Image.Image, path: Path) -> "StripReader | None":
        """A reader for ``image`` (an opened Pillow TIFF on its first page), or ``None``."""
        try:
            tags = image.tag_v2
            if image.format != "TIFF" or TILE_WIDTH in tags or TILE_OFFSETS in tags:
                return None
            if int(tags.get(PLANAR_CONFIGURATION, 1)) != 1 or int(tags.get(COMPRESSION, 1)) == 1:
                return None
            width, height = image.size
            offsets, counts = tags.get(STRIP_OFFSETS), tags.get(STRIP_BYTE_COUNTS)
            if not isinstance(offsets, tuple) or not isinstance(counts, tuple) or len(offsets) != len(counts):
                return None
            reader = cls(path, tags, width, height)
            if len(offsets) != math.ceil(height / reader.rows_per_strip):
                return None
            size = Path(path).stat().st_size
            # strips lie inside the file and cannot add up to more than it (a hostile file whose
            # strips all point at the same bytes would otherwise make every read the whole file)
            if sum(counts) > size or any(o < 0 or c <= 0 or o + c > size for o, c in zip(offsets, counts)):
                return None
            return reader
        except (AttributeError, KeyError, TypeError, ValueError, OSError):
            return None

    @property
    def strips(self) -> int:
        return len(self.offsets)

    def rows(self, strip: int) -> range:
        y0 = strip * self.rows_per_strip
        return range(y0, min(self.height, y0 + self.rows_per_strip))

    # ---------------------------------------------------------------- decoding

    def _tiff_of(self, strips: Sequence[int]) -> bytes:
        """A complete little TIFF whose only page is ``strips`` of this one, stacked."""
        src = self.tags
        ifd = ImageFileDirectory_v2(prefix=src.prefix)
        for tag in DECODE_TAGS:
            if tag in src:
                ifd[tag] = src[tag]
                ifd.tagtype[tag] = src.tagtype[tag]
        ifd[IMAGE_LENGTH] = sum(len(self.rows(s)) for s in strips)
        ifd.tagtype[IMAGE_LENGTH] = LONG
        ifd[ROWS_PER_STRIP] = self.rows_per_strip
        ifd.tagtype[ROWS_PER_STRIP] = LONG
        ifd[STRIP_BYTE_COUNTS] = tuple(self.counts[s] for s in strips)
        ifd.tagtype[STRIP_BYTE_COUNTS] = LONG
        relative, pos = [], 0  # Pillow writes strip offsets relative to the end of the IFD
        for s in strips:
            relative.append(pos)
            pos += self.counts[s]
        ifd[STRIP_OFFSETS] = tuple(relative)
        ifd.tagtype[STRIP_OFFSETS] = LONG
        order = "little" if src.prefix == b"II" else "big"
        out = bytearray(src.prefix + (42).to_bytes(2, order) + (8).to_bytes(4, order))
        out += ifd.tobytes(8)
        with open(self.path, "rb") as fh:
            run_start = None
            for i, s in enumerate(strips):  # contiguous strips are read in one go
                if run_start is None:
                    run_start, run_end = self.offsets[s], self.offsets[s] + self.counts[s]
                elif self.offsets[s] == run_end:
                    run_end += self.counts[s]
                else:
                    fh.seek(run_start)
                    out += fh.read(run_end - run_start)
                    run_start, run_end = self.offsets[s], self.offsets[s] + self.counts[s]
            if run_start is not None:
                fh.seek(run_start)
                out += fh.read(run_end - run_start)
        return bytes(out)

    def decode(self, strips: Sequence[int]) -> Image.Image:
        """The rows of ``strips`` (ascending), decoded, as one Pillow image."""
        image = Image.open(io.BytesIO(self._tiff_of(strips)))
        image.load()
        return image

    def sample(self, step: int) -> Image.Image:
        """Every ``step``-th row, each reduced by ``step`` along x (box): a 1/step preview.

        Only the strips that hold those rows are decoded, in two halves at once.
        """
        strips = sorted({y // self.rows_per_strip for y in range(0, self.height, step)})
        half = (len(strips) + 1) // 2
        parts = [p for p in (strips[:half], strips[half:]) if p]
        images = list(_POOL.map(lambda part: self._sampled(part, step), parts))
        if len(images) == 1:
            return images[0]
        out = Image.new(images[0].mode, (images[0].width, sum(i.height for i in images)))
        if out.mode == "P":
            out.putpalette(images[0].getpalette())
        row = 0
        for image in images:
            out.paste(image, (0, row))
            row += image.height
        return out

    def _sampled(self, strips: Sequence[int], step: int) -> Image.Image:
        """The rows of ``strips`` that are multiples of ``step``, reduced by ``step`` along x."""
        image = self.decode(strips)
        ys = [y for s in strips for y in self.rows(s)]
        kept = [local for local, y in enumerate(ys) if y % step == 0]
        if len(kept) < len(ys):
            rows = Image.new(image.mode, (self.width, len(kept)))
            if image.mode == "P":
                rows.putpalette(image.getpalette())
            start, row = 0, 0
            for i in range(1, len(kept) + 1):  # paste runs of consecutive kept rows
                if i == len(kept) or kept[i] != kept[i - 1] + 1:
                    top, bottom = kept[start], kept[i - 1] + 1
                    rows.paste(image.crop((0, top, self.width, bottom)), (0, row))
                    row += bottom - top
                    start = i
            image = rows
        if step == 1:
            return image
        try:
            return image.reduce((step, 1))
        except ValueError:  # modes reduce() does not take (palette, 1-bit)
            return image.resize((math.ceil(self.width / step), image.height), Image.Resampling.NEAREST)

    def bands(self, rows: int) -> Iterator[Image.Image]:
        """The page from top to bottom in bands of ``rows`` rows (a multiple of the strip
        height, rounded up; the last band is what is left)."""
        per_band = max(1, math.ceil(rows / self.rows_per_strip))
        firsts = range(0, self.strips, per_band)
        ahead = None  # the next band decodes on the other core while this one is used
        for i, first in enumerate(firsts):
            band = ahead.result() if ahead is not None else self.decode(range(first, min(self.strips, first + per_band)))
            ahead = None
            if i + 1 < len(firsts):
                nxt = firsts[i + 1]
                ahead = _POOL.submit(self.decode, range(nxt, min(self.strips, nxt + per_band)))
            yield band

    def band_rows(self, align: int, at_least: int = 512) -> int:
        """A band height that is a whole number of strips and of ``align`` rows, at least ``at_least``."""
        unit = math.lcm(self.rows_per_strip, max(1, align))
        return unit * max(1, math.ceil(at_least / unit))
