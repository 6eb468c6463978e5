"""Decoding: formats, modes, orientation, damaged files, and huge images by preview and tiles."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageFile

from annotator_image.imageio import ImageError, image_size, open_image
from tests.plugins.image.conftest import image_bytes


@pytest.fixture
def decoded(monkeypatch):
    """Every decoding of an image file's pixels, as ``(format, width, height)`` (Pillow's ``ImageFile.load``).

    What is decoded, not how long it takes, shows that a preview is decoded reduced and a kept
    one is read back: timings belong to ``bench/image_bench.py``.
    """
    seen = []
    original = ImageFile.ImageFile.load

    def load(self):
        if getattr(self, "tile", None):  # pixels still to decode
            seen.append((self.format, *self.size))
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return seen


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("fmt,suffix", [("JPEG", "jpg"), ("PNG", "png"), ("TIFF", "tif"), ("WEBP", "webp"),
                                        ("BMP", "bmp")])
def test_every_format_opens_with_its_size(tmp_path, fmt, suffix):
    source = open_image(write(tmp_path, f"a.{suffix}", image_bytes(300, 200, fmt)))
    assert source.size == (300, 200) and source.mode == "RGB"
    assert source.preview.size == (300, 200)


def test_grayscale_alpha_and_palette_images(tmp_path):
    assert open_image(write(tmp_path, "g.png", image_bytes(mode="L"))).mode == "L"
    rgba = open_image(write(tmp_path, "a.png", image_bytes(mode="RGBA")))
    assert rgba.mode == "RGBA"
    buf = io.BytesIO()
    Image.new("P", (20, 10)).save(buf, "PNG", transparency=0)
    assert open_image(write(tmp_path, "p.png", buf.getvalue())).mode == "RGBA"


def test_16_bit_tiff_is_mapped_to_8_bits_over_its_range(tmp_path):
    values = np.tile(np.linspace(1000, 5000, 256).astype(np.uint16), (64, 1))
    buf = io.BytesIO()
    Image.fromarray(values).save(buf, "TIFF")
    source = open_image(write(tmp_path, "d.tif", buf.getvalue()))
    pixels = source.preview_array()
    assert source.mode == "L" and pixels.dtype == np.uint8
    assert pixels[0, 0] < 5 and pixels[0, -1] > 250  # the range fills black..white
    assert np.all(np.diff(pixels[0].astype(int)) >= 0)


def test_multi_page_tiff_shows_the_first_page(tmp_path):
    buf = io.BytesIO()
    first, second = Image.new("RGB", (40, 30), (255, 0, 0)), Image.new("RGB", (80, 60), (0, 0, 255))
    first.save(buf, "TIFF", save_all=True, append_images=[second])
    source = open_image(write(tmp_path, "m.tif", buf.getvalue()))
    assert source.frames == 2 and source.size == (40, 30)
    assert tuple(source.preview_array()[0, 0]) == (255, 0, 0)


def test_exif_orientation_is_applied_to_size_and_pixels(tmp_path):
    image = Image.new("RGB", (200, 100), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 20, 20))  # red square top-left as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated 90° clockwise: stored top-left becomes top-right
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif.tobytes(), quality=95)
    path = write(tmp_path, "r.jpg", buf.getvalue())
    source = open_image(path)
    assert source.size == (100, 200) and source.orientation == 6
    assert image_size(path) == (100, 200)
    px = source.preview_array()
    assert px[5, 95, 0] > 200 and px[5, 5, 0] < 60


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_turns_the_preview_and_the_full_image_like_a_viewer(tmp_path, orientation):
    from PIL import ImageOps

    stored = Image.fromarray(np.random.default_rng(orientation).integers(0, 255, (1000, 3200, 3), dtype=np.uint8))
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / "o.png"
    stored.save(path, exif=exif.tobytes())
    with Image.open(path) as image:
        shown = np.asarray(ImageOps.exif_transpose(image))
    source = open_image(path)
    assert source.size == (shown.shape[1], shown.shape[0])
    assert np.array_equal(source.preview_array(), np.asarray(Image.fromarray(shown).reduce(2)))
    level0 = source.build_pyramid(None).levels[0]
    assert np.array_equal(level0.region(0, 0, source.width, source.height), shown)


@pytest.mark.parametrize("data,words", [
    (b"", "not an image"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not an image"),
    (b"hello, world" * 10, "not an image"),
])
def test_not_an_image(tmp_path, data, words):
    with pytest.raises(ImageError, match=words):
        open_image(write(tmp_path, "x.png", data))


def test_truncated_files_are_reported_as_damaged(tmp_path):
    for fmt, suffix in (("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")):
        data = image_bytes(400, 300, fmt)
        with pytest.raises(ImageError, match="damaged|not an image"):
            open_image(write(tmp_path, f"t.{suffix}", data[: len(data) // 2]))
    with pytest.raises(ImageError, match="missing"):
        open_image(tmp_path / "nowhere.jpg")


def test_absurd_header_size_is_refused_without_decoding(tmp_path):
    # a 100,000 x 100,000 PNG header: refused by size, no memory taken
    import struct
    import zlib

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b"")
    with pytest.raises(ImageError, match="megapixels"):
        open_image(write(tmp_path, "bomb.png", png))


def big_jpeg(path, width, height):
    """A photo-like JPEG: smooth structure plus fine noise (so full decoding is real work)."""
    rng = np.random.default_rng(1)
    small = rng.integers(0, 255, (height // 32 + 1, width // 32 + 1, 3), dtype=np.uint8)
    image = Image.fromarray(small).resize((width, height), Image.Resampling.BILINEAR)
    image.save(path, "JPEG", quality=85)
    return path


def test_huge_jpeg_preview_is_reduced_decoding_and_tiles_match_full_decode(tmp_path, decoded):
    path = big_jpeg(tmp_path / "big.jpg", 8000, 6000)  # 48 MP
    source = open_image(path)
    assert source.size == (8000, 6000)
    assert source.preview.size == (2000, 1500)
    assert decoded == [("JPEG", 2000, 1500)]  # libjpeg's 1/4 scale: 1/16 of the pixels, never a full decode
    with Image.open(path) as full:
        full.load()
        reference = np.asarray(full)
    decoded.clear()
    pyramid = source.build_pyramid(tmp_path / "cache")
    assert decoded == [("JPEG", 8000, 6000)]  # the full resolution is decoded once, when asked for
    assert [lv.scale for lv in pyramid.levels] == [1.0, 0.5]
    assert (tmp_path / "cache" / "pyramids").is_dir()  # large levels live on disk, mapped, not in memory
    assert isinstance(pyramid.levels[0].pixels, np.memmap)
    tile = pyramid.levels[0].region(4096, 3072, 4608, 3584)
    assert np.array_equal(tile, reference[3072:3584, 4096:4608])
    # a second open reuses the cached levels: only its preview is decoded
    decoded.clear()
    again = open_image(path).build_pyramid(tmp_path / "cache")
    assert decoded == [("JPEG", 2000, 1500)]
    assert isinstance(again.levels[0].pixels, np.memmap)
    assert np.array_equal(again.levels[0].region(0, 0, 64, 64), reference[:64, :64])


def test_uncompressed_tiff_is_read_straight_from_the_file(tmp_path):
    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 255, (3000, 5000, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(tmp_path / "raw.tif")
    source = open_image(tmp_path / "raw.tif")
    assert source.preview.size == (2500, 1500)
    assert np.array_equal(source.preview_array(), pixels[::2, ::2])
    pyramid = source.build_pyramid(tmp_path / "cache")
    assert not (tmp_path / "cache").exists()  # nothing decoded, nothing written
    assert np.array_equal(pyramid.levels[0].region(100, 200, 612, 712), pixels[200:712, 100:612])


def lzw_tiff(path, pixels, rows_per_strip=None, **save):
    info = {278: rows_per_strip} if rows_per_strip else {}
    Image.fromarray(pixels).save(path, "TIFF", compression="tiff_lzw", tiffinfo=info, **save)
    return path


@pytest.mark.parametrize("rows_per_strip", [1, 5, 3000])
def test_compressed_tiff_preview_decodes_only_the_sampled_rows(tmp_path, rows_per_strip):
    rng = np.random.default_rng(4)
    pixels = rng.integers(0, 255, (3000, 5000, 3), dtype=np.uint8)
    path = lzw_tiff(tmp_path / "lzw.tif", pixels, rows_per_strip)
    source = open_image(path)
    assert source.size == (5000, 3000) and source.preview.size == (2500, 1500)
    # every 2nd row, averaged over 2 columns: a full decode reduced 2 x 2 would differ
    expected = np.asarray(Image.fromarray(np.ascontiguousarray(pixels[::2])).reduce((2, 1)))
    assert np.array_equal(source.preview_array(), expected)
    assert source._full is None  # nothing decoded in full
    pyramid = source.build_pyramid(tmp_path / "cache")
    assert [(lv.width, lv.height) for lv in pyramid.levels] == [(5000, 3000)]
    assert np.array_equal(pyramid.levels[0].region(0, 0, 5000, 3000), pixels)


def test_compressed_tiff_pyramid_is_built_band_by_band_and_matches_a_whole_decode(tmp_path):
    rng = np.random.default_rng(5)
    height, width = 4321, 6007  # odd sizes: the last band and the halved levels must still line up
    pixels = rng.integers(0, 255, (height, width), dtype=np.uint8)
    path = tmp_path / "deflate.tif"
    Image.fromarray(pixels).save(path, "TIFF", compression="tiff_adobe_deflate", tiffinfo={278: 7})
    source = open_image(path, preview_side=700)
    pyramid = source.build_pyramid(tmp_path / "cache")
    whole = Image.fromarray(pixels)
    sizes = [(lv.width, lv.height) for lv in pyramid.levels]
    assert sizes == [(6007, 4321), (3004, 2161), (1502, 1081)]
    for level in pyramid.levels:
        assert np.array_equal(level.region(0, 0, level.width, level.height), np.asarray(whole)), level.scale
        whole = whole.reduce(2)


def test_16_bit_compressed_tiff_is_windowed_from_the_sampled_rows(tmp_path):
    ramp = (np.arange(4000, dtype=np.uint16)[None, :] * 10 + 1000).repeat(1800, axis=0)
    path = tmp_path / "16.tif"
    Image.fromarray(ramp).save(path, "TIFF", compression="tiff_adobe_deflate")
    source = open_image(path)
    assert source.mode == "L" and source.preview.size == (2000, 900)
    row = source.preview_array()[0]
    assert row[0] < 5 and row[-1] > 250 and np.all(np.diff(row.astype(int)) >= 0)
    level = source.build_pyramid(tmp_path / "cache").levels[0]
    full_row = level.region(0, 0, 4000, 1)[0]
    assert full_row[0] < 5 and full_row[-1] > 250
    open_image(path, cache_dir=tmp_path / "kept")
    kept = open_image(path, cache_dir=tmp_path / "kept")  # read back: the same window, the same pixels
    assert kept.window == pytest.approx(source.window) and kept.source_mode == source.source_mode
    assert np.array_equal(kept.preview_array(), source.preview_array())
    kept_level = kept.build_pyramid(tmp_path / "cache2").levels[0]
    assert np.array_equal(kept_level.region(0, 0, 4000, 8), level.region(0, 0, 4000, 8))


def test_a_damaged_strip_is_a_clear_message(tmp_path):
    pixels = np.random.default_rng(6).integers(0, 255, (2000, 4000, 3), dtype=np.uint8)
    path = lzw_tiff(tmp_path / "bad.tif", pixels, 1)
    with Image.open(path) as image:
        offset = image.tag_v2[273][0]
    data = bytearray(path.read_bytes())
    data[offset:offset + 400] = bytes(range(256)) + bytes(144)
    path.write_bytes(bytes(data))
    with pytest.raises(ImageError, match="bad.tif is damaged"):
        open_image(path)


def test_a_prefetched_preview_is_read_back_instead_of_decoded(tmp_path, decoded):
    from annotator_image import imageio

    path = big_jpeg(tmp_path / "big.jpg", 6000, 4000)
    cache = tmp_path / "cache"
    assert imageio.prepare(path, cache)
    assert len(decoded) == 1  # the prefetch decoded the preview
    fresh = open_image(path)
    decoded.clear()
    kept = open_image(path, cache_dir=cache)
    assert decoded == []  # read back from the cache folder: nothing decoded
    assert (kept.size, kept.mode, kept.orientation, kept.format) == (fresh.size, fresh.mode, 1, "JPEG")
    assert np.array_equal(kept.preview_array(), fresh.preview_array())
    # the full resolution still comes from the file
    assert np.array_equal(kept.build_pyramid(cache).levels[0].region(0, 0, 64, 64),
                          np.asarray(Image.open(path))[:64, :64])
    # a changed file is never shown from a stale preview
    Image.new("RGB", (6000, 4000), (0, 200, 0)).save(path, "JPEG")
    assert open_image(path, cache_dir=cache).preview_array()[10, 10].tolist() == pytest.approx([0, 200, 0], abs=3)
    # a damaged cache entry is ignored, not shown
    for raw in (cache / "previews").glob("*.raw"):
        raw.write_bytes(b"\0" * 10)
    assert open_image(path, cache_dir=cache).preview_array()[10, 10][1] > 190


def test_previews_kept_are_bounded_and_unreadable_files_are_left_to_the_editor(tmp_path, monkeypatch):
    from annotator_image import imageio

    monkeypatch.setattr(imageio, "PREVIEW_KEEP", 3)
    cache = tmp_path / "cache"
    for i in range(5):
        path = tmp_path / f"{i}.png"
        path.write_bytes(image_bytes(400, 300, seed=i))
        assert imageio.prepare(path, cache, preview_side=100)
    assert len(list((cache / "previews").glob("*.json"))) == 3
    assert len(list((cache / "previews").glob("*.raw"))) == 3
    (tmp_path / "bad.jpg").write_bytes(b"\xff\xd8\xff" + b"\0" * 100)
    assert imageio.prepare(tmp_path / "bad.jpg", cache) is False
    with pytest.raises(ImageError):
        open_image(tmp_path / "bad.jpg", cache_dir=cache)


def test_a_tiff_whose_strips_overlap_is_not_read_by_strips(tmp_path):
    from PIL.TiffImagePlugin import ImageFileDirectory_v2

    from annotator_image.tiffstrips import StripReader

    pixels = np.random.default_rng(7).integers(0, 255, (2000, 3000), dtype=np.uint8)
    path = lzw_tiff(tmp_path / "ok.tif", pixels, 1)
    with Image.open(path) as image:
        assert StripReader.of(image, path) is not None
        tags = image.tag_v2
        total = sum(tags[279])
    # a new first page whose 2,000 strips all point at the same ``total`` bytes: each one inside
    # the file, but reading them by strips would read the file 2,000 times over
    data = bytearray(path.read_bytes())
    data += bytes(len(data) % 2)
    ifd = ImageFileDirectory_v2(prefix=b"II")
    for tag in (256, 257, 258, 259, 262, 278):
        ifd[tag] = tags[tag]
        ifd.tagtype[tag] = tags.tagtype[tag]
    ifd[279] = (total,) * len(tags[279])
    ifd[273] = (0,) * len(tags[273])  # relative to the end of the IFD, where the bytes follow
    ifd.tagtype[279] = ifd.tagtype[273] = 4
    data[4:8] = len(data).to_bytes(4, "little")
    data += ifd.tobytes(len(data)) + bytes(total)
    bad = tmp_path / "overlap.tif"
    bad.write_bytes(bytes(data))
    with Image.open(bad) as image:
        assert image.size == (3000, 2000)
        assert StripReader.of(image, bad) is None
    with pytest.raises(ImageError, match="overlap.tif is damaged"):  # zeros are not LZW
        open_image(bad)


def test_tiled_compressed_tiff_is_read_by_rows_of_tiles(tmp_path):
    import tifffile

    from annotator_image.tiffstrips import StripReader

    rng = np.random.default_rng(8)
    pixels = rng.integers(0, 255, (3001, 5003, 3), dtype=np.uint8)  # partial tiles on both edges
    path = tmp_path / "tiled.tif"
    tifffile.imwrite(path, pixels, tile=(256, 512), compression="zlib", photometric="rgb")
    with Image.open(path) as image:
        reader = StripReader.of(image, path)
        assert reader is not None and reader.tiled and reader.band_count == 12 and reader.across == 10
    source = open_image(path)
    assert source.size == (5003, 3001) and source.preview.size == (2502, 1501)
    expected = np.asarray(Image.fromarray(np.ascontiguousarray(pixels[::2])).reduce((2, 1)))
    assert np.array_equal(source.preview_array(), expected)
    pyramid = source.build_pyramid(tmp_path / "cache")
    assert [(lv.width, lv.height) for lv in pyramid.levels] == [(5003, 3001)]
    assert np.array_equal(pyramid.levels[0].region(0, 0, 5003, 3001), pixels)
    levels = open_image(path, preview_side=700).build_pyramid(tmp_path / "cache2").levels
    whole = Image.fromarray(pixels)
    assert [lv.width for lv in levels] == [5003, 2502]  # the preview (1251 wide) is the next
    for level in levels:  # band by band, each a row of tiles halved twice, equals the halved image
        assert np.array_equal(level.region(0, 0, level.width, level.height), np.asarray(whole)), level.scale
        whole = whole.reduce(2)


def test_a_pyramidal_tiff_previews_from_its_own_reduced_page(tmp_path):
    import tifffile

    rng = np.random.default_rng(9)
    pixels = rng.integers(0, 255, (3200, 4800, 3), dtype=np.uint8)
    path = tmp_path / "cog.tif"
    with tifffile.TiffWriter(path) as tiff:  # as GDAL writes a cloud-optimised GeoTIFF: full page, then overviews
        tiff.write(pixels, tile=(256, 256), compression="zlib", photometric="rgb")
        level = Image.fromarray(pixels)
        for _ in range(3):
            level = level.reduce(2)
            tiff.write(np.asarray(level), tile=(256, 256), compression="zlib", photometric="rgb", subfiletype=1)
    source = open_image(path)
    assert source.size == (4800, 3200) and source.frames == 4
    overview = np.asarray(Image.fromarray(pixels).reduce(2))  # the 2400-wide page, the smallest >= 1500
    assert np.array_equal(source.preview_array(), overview)
    level0 = source.build_pyramid(tmp_path / "cache").levels[0]
    assert np.array_equal(level0.region(0, 0, 4800, 3200), pixels)  # full resolution from the first page


def camera_jpeg(path, size, second, orientation=1):
    """A JPEG with a second image in its MPF block, as cameras store their large preview."""
    primary = Image.new("RGB", size, (20, 30, 40))
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    primary.save(path, "MPO", save_all=True, append_images=[Image.new("RGB", second, (220, 30, 30))],
                 exif=exif.tobytes())
    return path


def test_a_cameras_embedded_preview_is_shown_without_decoding_the_photo(tmp_path):
    path = camera_jpeg(tmp_path / "camera.jpg", (6000, 4000), (1620, 1080))
    source = open_image(path)
    assert source.size == (6000, 4000) and source.preview.size == (1620, 1080)
    assert source.preview_array()[500, 800].tolist() == pytest.approx([220, 30, 30], abs=4)
    level0 = source.build_pyramid(tmp_path / "cache").levels[0]  # full resolution: the photo itself
    assert level0.region(3000, 2000, 3001, 2001)[0, 0].tolist() == pytest.approx([20, 30, 40], abs=4)
    turned = open_image(camera_jpeg(tmp_path / "turned.jpg", (6000, 4000), (1620, 1080), orientation=6))
    assert turned.size == (4000, 6000) and turned.preview.size == (1080, 1620)  # turned like the photo


def test_a_stereo_pair_or_an_odd_shaped_second_image_is_not_taken_as_the_preview(tmp_path):
    for name, second in (("stereo.jpg", (6000, 4000)), ("odd.jpg", (1620, 1620)), ("tiny.jpg", (160, 107))):
        source = open_image(camera_jpeg(tmp_path / name, (6000, 4000), second))
        assert source.preview.size == (1500, 1000), name  # the photo's reduced decoding instead
        assert source.preview_array()[500, 750].tolist() == pytest.approx([20, 30, 40], abs=4), name
