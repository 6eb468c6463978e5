"""Compressed TIFFs read a few strips (or rows of tiles) at a time, without Qt.

Pillow decodes a compressed TIFF (LZW, Deflate, PackBits, ZSTD, JPEG-in-TIFF) through
libtiff, and only as a whole: a 100-megapixel LZW TIFF costs a full decode (about 0.8 s)
and about 2.7 times the image in memory before anything can be shown. But a TIFF page is
a list of independently compressed segments: strips of rows, or tiles. :class:`StripReader`
hands Pillow a small in-memory TIFF that holds only the segments wanted (the page's own
decoding tags, its segments copied byte for byte), so

* the preview of a stripped TIFF decodes only the strips holding every ``step``-th row
  (1/8 of the file for a 100 MP image, 2 threads), and
* the full resolution is decoded band by band (a band is whole strips or whole rows of
  tiles), so memory stays at a band, not the image; a tiled TIFF's preview is sampled
  from those bands too.

Planar (separate) samples and oriented pages are left to Pillow's whole decode
(:meth:`StripReader.of` returns ``None``).
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

#: The tags libtiff needs to decode a page's segments; everything else (GeoTIFF keys, XMP,
#: ICC, offsets to other IFDs) is left out of the in-memory TIFF.
DECODE_TAGS = (256, 258, 259, 262, 266, 277, 284, 317, 320, 322, 323, 338, 339, 347, 530, 531, 532)
IMAGE_LENGTH, STRIP_OFFSETS, ROWS_PER_STRIP, STRIP_BYTE_COUNTS = 257, 273, 278, 279
TILE_WIDTH, TILE_LENGTH, TILE_OFFSETS, TILE_BYTE_COUNTS = 322, 323, 324, 325
PLANAR_CONFIGURATION, COMPRESSION = 284, 259
LONG = 4
#: Decoded bytes per chunk when sampling a preview (two chunks decode at once).
CHUNK_BYTES = 32 << 20
#: Above this many bytes of compressed data per row of tiles, a tiled page is not read by bands.
MAX_BAND_BYTES = 256 << 20

_POOL = ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1)), thread_name_prefix="tiff-strips")


class StripReader:
    """The segments of one TIFF page, decoded on demand, a band of rows at a time.

    A *band* is one strip, or one row of tiles; band ``i`` holds rows
    ``i * band_height`` to ``(i + 1) * band_height``.
    """

    def __init__(self, path: Path, tags, width: int, height: int):
        self.path = Path(path)
        self.tags = tags
        self.width, self.height = width, height
        self.tiled = TILE_WIDTH in tags
        if self.tiled:
            self.tile_width = int(tags[TILE_WIDTH])
            self.band_height = int(tags[TILE_LENGTH])
            self.across = math.ceil(width / self.tile_width)
            self.offsets: Sequence[int] = tags[TILE_OFFSETS]
            self.counts: Sequence[int] = tags[TILE_BYTE_COUNTS]
        else:
            self.across = 1
            self.band_height = max(1, min(int(tags.get(ROWS_PER_STRIP, height)), height))
            self.offsets = tags[STRIP_OFFSETS]
            self.counts = tags[STRIP_BYTE_COUNTS]

    @classmethod
    def of(cls, image: Image.Image, path: Path) -> "StripReader | None":
        """A reader for ``image`` (an opened Pillow TIFF on its first page), or ``None``."""
        try:
            tags = image.tag_v2
            if image.format != "TIFF" or (TILE_WIDTH in tags) != (TILE_OFFSETS in tags):
                return None
            if int(tags.get(PLANAR_CONFIGURATION, 1)) != 1 or int(tags.get(COMPRESSION, 1)) == 1:
                return None
            width, height = image.size
            reader = cls(path, tags, width, height)
            offsets, counts = reader.offsets, reader.counts
            if not isinstance(offsets, tuple) or not isinstance(counts, tuple) or len(offsets) != len(counts):
                return None
            if reader.band_height < 1 or (reader.tiled and (reader.tile_width < 1 or reader.band_height % 16
                                                           or reader.tile_width % 16)):
                return None  # tiles must be multiples of 16 pixels (TIFF 6.0)
            if len(offsets) != reader.band_count * reader.across:
                return None
            size = Path(path).stat().st_size
            # segments lie inside the file and cannot add up to more than it (a hostile file whose
            # segments all point at the same bytes would otherwise make every read the whole file)
            if sum(counts) > size or any(o < 0 or c <= 0 or o + c > size for o, c in zip(offsets, counts)):
                return None
            if reader.tiled and max(sum(counts[i:i + reader.across]) for i in range(0, len(counts), reader.across)) \
                    > MAX_BAND_BYTES:
                return None
            return reader
        except (AttributeError, KeyError, TypeError, ValueError, OSError):
            return None

    @property
    def band_count(self) -> int:
        return math.ceil(self.height / self.band_height)

    @property
    def row_bytes(self) -> int:
        """Decoded bytes per row (an estimate for bounding memory)."""
        samples = int(self.tags.get(277, 1))
        bits = self.tags.get(258, (8,))
        bits = max(bits) if isinstance(bits, tuple) and bits else int(bits or 8)
        return self.width * samples * max(1, -(-int(bits) // 8))

    def rows(self, band: int) -> range:
        y0 = band * self.band_height
        return range(y0, min(self.height, y0 + self.band_height))

    def segments(self, band: int) -> range:
        return range(band * self.across, (band + 1) * self.across)

    # ---------------------------------------------------------------- decoding

    def _tiff_of(self, bands: Sequence[int]) -> bytearray:
        """A complete little TIFF whose only page is ``bands`` of this one, stacked."""
        src = self.tags
        segments = [seg for b in bands for seg in self.segments(b)]
        ifd = ImageFileDirectory_v2(prefix=src.prefix)
        for tag in DECODE_TAGS:
            if tag in src:
                ifd[tag] = src[tag]
                ifd.tagtype[tag] = src.tagtype[tag]
        rows = sum(len(self.rows(b)) for b in bands)
        ifd[IMAGE_LENGTH] = rows
        ifd.tagtype[IMAGE_LENGTH] = LONG
        counts_tag, offsets_tag = (TILE_BYTE_COUNTS, TILE_OFFSETS) if self.tiled else \
            (STRIP_BYTE_COUNTS, STRIP_OFFSETS)
        if not self.tiled:
            ifd[ROWS_PER_STRIP] = self.band_height
            ifd.tagtype[ROWS_PER_STRIP] = LONG
        ifd[counts_tag] = tuple(self.counts[s] for s in segments)
        ifd.tagtype[counts_tag] = LONG
        relative, pos = [], 0
        for s in segments:
            relative.append(pos)
            pos += self.counts[s]
        order = "little" if src.prefix == b"II" else "big"
        head = src.prefix + (42).to_bytes(2, order) + (8).to_bytes(4, order)
        ifd[offsets_tag] = tuple(relative)  # Pillow writes strip offsets relative to the IFD's end...
        ifd.tagtype[offsets_tag] = LONG
        if self.tiled:  # ...and tile offsets as given: make them absolute
            start = len(head) + len(ifd.tobytes(8))
            ifd[offsets_tag] = tuple(start + r for r in relative)
        out = bytearray(head)
        out += ifd.tobytes(8)
        with open(self.path, "rb") as fh:
            run_start = run_end = None
            for s in segments:  # contiguous segments are read in one go
                if run_start is not None and self.offsets[s] == run_end:
                    run_end += self.counts[s]
                    continue
                if run_start is not None:
                    fh.seek(run_start)
                    out += fh.read(run_end - run_start)
                run_start, run_end = self.offsets[s], self.offsets[s] + self.counts[s]
            if run_start is not None:
                fh.seek(run_start)
                out += fh.read(run_end - run_start)
        return out

    def decode(self, bands: Sequence[int]) -> Image.Image:
        """The rows of ``bands`` (ascending), decoded, as one Pillow image."""
        image = Image.open(io.BytesIO(self._tiff_of(bands)))
        image.load()
        return image

    def sample(self, step: int) -> Image.Image:
        """Every ``step``-th row, each reduced by ``step`` along x (box): a 1/step preview.

        Only the bands that hold those rows are decoded (for strips of a few rows, 1/step of
        the file), in chunks of at most :data:`CHUNK_BYTES` decoded, two at once.
        """
        wanted = sorted({y // self.band_height for y in range(0, self.height, step)})
        decoded = len(wanted) * self.band_height * self.row_bytes
        count = min(len(wanted), max(2, math.ceil(decoded / CHUNK_BYTES)))
        size = math.ceil(len(wanted) / count)
        chunks = [wanted[i:i + size] for i in range(0, len(wanted), size)]
        return _stack(list(_POOL.map(lambda chunk: self._sampled(chunk, step), chunks)))

    def _sampled(self, bands: Sequence[int], step: int) -> Image.Image:
        """The rows of ``bands`` that are multiples of ``step``, reduced by ``step`` along x."""
        image = self.decode(bands)
        ys = [y for b in bands for y in self.rows(b)]
        kept = [local for local, y in enumerate(ys) if y % step == 0]
        if len(kept) < len(ys):
            runs, start = [], 0
            for i in range(1, len(kept) + 1):  # runs of consecutive kept rows
                if i == len(kept) or kept[i] != kept[i - 1] + 1:
                    runs.append(image.crop((0, kept[start], self.width, kept[i - 1] + 1)))
                    start = i
            image = _stack(runs)
        if step == 1:
            return image
        try:
            return image.reduce((step, 1))
        except ValueError:  # modes reduce() does not take (palette, 1-bit)
            return image.resize((math.ceil(self.width / step), image.height), Image.Resampling.NEAREST)

    def in_bands(self, rows: int) -> Iterator[Image.Image]:
        """The page from top to bottom in pieces of ``rows`` rows (whole bands, rounded up;
        the last piece is what is left)."""
        per_piece = max(1, math.ceil(rows / self.band_height))
        firsts = range(0, self.band_count, per_piece)

        def piece(first: int) -> Image.Image:
            return self.decode(range(first, min(self.band_count, first + per_piece)))

        ahead = None  # the next piece decodes on the other core while this one is used
        for i, first in enumerate(firsts):
            current = ahead.result() if ahead is not None else piece(first)
            ahead = _POOL.submit(piece, firsts[i + 1]) if i + 1 < len(firsts) else None
            yield current

    def band_rows(self, align: int, at_least: int = 512) -> int:
        """A piece height that is a whole number of bands and of ``align`` rows, at least ``at_least``."""
        unit = math.lcm(self.band_height, max(1, align))
        return unit * max(1, math.ceil(at_least / unit))


def _stack(images: list[Image.Image]) -> Image.Image:
    """Images of one width and mode, one below the other (a palette is kept)."""
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
