"""Valid PNGs of any size for the price of their compressed bytes: every pixel is 0.

A PNG's pixels are one zlib stream of rows (a filter byte, then the row). When every byte is 0,
the stream is one compressed 4 MB block of zeros repeated: each block is flushed with
``Z_FULL_FLUSH``, which makes the next one independent of it, so the block is compressed once
and written as many times as needed, and the Adler-32 checksum of N zero bytes is known in
closed form. A 38,000 x 38,000 greyscale PNG (1.44 GB of pixels) is 1.4 MB and takes well
under a second to write; nothing of its size is ever allocated.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

#: PNG colour type and channels for the modes the tests use (Pillow's mode once decoded)
_TYPES = {"L": (0, 1, 8), "I;16": (0, 1, 16), "RGB": (2, 3, 8), "P": (3, 1, 8), "LA": (4, 2, 8),
          "RGBA": (6, 4, 8)}
_BLOCK = 1 << 22


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _deflated_zeros(n: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(bytes(n)) + compressor.flush(zlib.Z_FULL_FLUSH)


def zero_png(path: Path, width: int, height: int, mode: str = "L") -> Path:
    """Write a valid PNG of ``width`` x ``height`` pixels of value 0 (black; transparent with alpha)."""
    color_type, channels, depth = _TYPES[mode]
    total = height * (1 + width * channels * depth // 8)
    whole, rest = divmod(total, _BLOCK)
    block = _deflated_zeros(_BLOCK) if whole else b""
    stream = b"".join([b"\x78\xda", block * whole, _deflated_zeros(rest) if rest else b"",
                       zlib.compressobj(9, zlib.DEFLATED, -15).flush(),
                       struct.pack(">I", ((total % 65521) << 16) | 1)])  # Adler-32 of ``total`` zeros
    with open(path, "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.write(_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0)))
        if mode == "P":
            fh.write(_chunk(b"PLTE", bytes([20, 30, 40, 200, 210, 220])))
        for i in range(0, len(stream), 1 << 20):
            fh.write(_chunk(b"IDAT", stream[i:i + (1 << 20)]))
        fh.write(_chunk(b"IEND", b""))
    return Path(path)
