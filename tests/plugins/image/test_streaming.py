"""Issue 17: huge PNGs, WebPs and tiled TIFFs read as a stream by libvips (ADR 0112): the preview
shrunk as the file is read, the pyramid written in bands, memory bounded by a band, not the image;
decompression bombs still refused from their header; damaged files and a full disk explained."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotator_image import imageio, limits, streaming
from annotator_image.decoding import open_file
from annotator_image.imageio import ImageError, open_image, probe
from tests.plugins.image.pngs import zero_png
from tests.plugins.image.test_limits import run_driver

pytestmark = pytest.mark.skipif(not streaming.available(), reason="pyvips is a dependency (ADR 0112)")

#: with partial boxes on both edges at every level; above imageio.IN_MEMORY_PIXELS as the tests set it
W, H = 3003, 1501


@pytest.fixture(autouse=True)
def large_from_4_mp(monkeypatch):
    """Images above 4 MP count as large (16 MP in the app), so the tests' images stay small."""
    monkeypatch.setattr(imageio, "IN_MEMORY_PIXELS", 4_000_000)


def noise(mode: str, seed: int = 3, shape: tuple[int, int] = (H, W)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    H, W = shape
    if mode == "I;16":
        return rng.integers(1000, 5000, (H, W), dtype=np.uint16)
    shape = {"L": (H, W), "RGB": (H, W, 3), "RGBA": (H, W, 4)}[mode]
    return rng.integers(0, 256, shape, dtype=np.uint8)


def png(tmp_path: Path, mode: str, shape: tuple[int, int] = (H, W)) -> tuple[Path, np.ndarray]:
    pixels = noise(mode, shape=shape)
    path = tmp_path / f"{mode.replace(';', '')}.png"
    (Image.fromarray(pixels) if mode == "I;16" else Image.fromarray(pixels, mode)).save(path, compress_level=1)
    return path, pixels


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA"])
def test_a_huge_png_is_shrunk_as_it_is_read_and_its_full_resolution_written_in_bands(tmp_path, mode, monkeypatch):
    path, pixels = png(tmp_path, mode)
    monkeypatch.setattr(streaming, "BAND_BYTES", 4 << 20)  # several bands, not one
    source = open_image(path, preview_side=700)
    assert source.streamed and source.mode == mode and source.size == (W, H)
    assert source.preview.size == (751, 376)  # 1/4, the partial boxes at the edges kept (as Image.reduce)
    pillow = np.asarray(Image.fromarray(pixels, mode).reduce(4)).astype(int)
    inside = np.abs(source.preview_array().astype(int) - pillow)[:-1, :-1]
    # the same box filter; with alpha, both average premultiplied colours (rounding apart)
    assert inside.max() <= (1 if mode != "RGBA" else 4) and inside.mean() < 0.6
    levels = source.build_pyramid(tmp_path / "cache").levels
    assert [(lv.width, lv.height) for lv in levels] == [(W, H), (1502, 751)]
    assert np.array_equal(levels[0].region(0, 0, W, H), pixels)  # every pixel, band after band
    halved = np.asarray(Image.fromarray(pixels, mode).reduce(2))
    assert np.array_equal(levels[1].region(0, 0, 1502, 751), halved)


def test_a_16_bit_png_is_shown_through_one_window(tmp_path):
    path, pixels = png(tmp_path, "I;16")
    source = open_image(path)
    assert source.streamed and source.mode == "L" and source.window is not None
    lo, hi = source.window
    assert 1000 <= lo < 1100 and 4900 < hi <= 5000  # the 0.5th to 99.5th percentiles of the noise
    level0 = source.build_pyramid(tmp_path / "cache").levels[0].region(0, 0, W, H)
    expected = np.clip((pixels.astype(np.float32) - lo) * (255.0 / (hi - lo)), 0, 255)
    assert np.abs(level0.astype(int) - expected.astype(int)).max() <= 1


def test_the_limit_bounds_what_is_held_not_the_decoded_size(tmp_path, monkeypatch):
    """Decoded whole by Pillow, this PNG would take more than the limit; read as a stream it takes a band."""
    pyvips = streaming.pyvips
    path, _ = png(tmp_path, "RGB", shape=(3001, 6003))
    monkeypatch.setattr(streaming, "BAND_BYTES", 2 << 20)  # bands of 2 MB: what a band holds is small beside
    # the decoded image at this test's size, as 16 MB bands are beside a 900 MP image's 2.7 GB
    monkeypatch.setattr(streaming, "pyvips", None)
    whole = probe(path).cost
    monkeypatch.setattr(streaming, "pyvips", pyvips)
    streamed = probe(path).cost
    assert streamed < whole
    limit = (streamed + whole) // 2
    monkeypatch.setattr(limits, "DECODE_LIMIT", limit)
    assert open_image(path).streamed
    monkeypatch.setattr(streaming, "pyvips", None)
    with pytest.raises(ImageError, match="MB of memory, more than the"):
        open_image(path)


def test_what_a_streamed_png_takes_stays_within_its_estimate(tmp_path):
    """In a fresh process (the app's own 16 MP threshold): the preview shown, then the full resolution."""
    path, _ = png(tmp_path, "RGB", shape=(3001, 6003))
    cost = probe(path).cost
    result = run_driver(path, tmp_path / "cache", cost + (1 << 20))
    assert result["shown"] and result["full_resolution"] and "error" not in result, result
    assert result["used_mb"] <= cost / 2 ** 20, result


def test_a_decompression_bomb_stays_on_the_costed_path_and_is_refused(tmp_path):
    bomb = zero_png(tmp_path / "bomb.png", 30_000, 30_000, "RGB")  # 2.7 GB of pixels in 2.6 MB
    with open_file(bomb) as image:  # valid, and read as what it is
        assert image.mode == "RGB" and not streaming.eligible("PNG", image.mode, 30_000, 30_000, bomb.stat().st_size)
    with pytest.raises(ImageError, match="bomb.png is 30000 x 30000 pixels: decoding it would take"):
        probe(bomb)


def test_a_truncated_png_is_explained_not_shown_half(tmp_path):
    path, _ = png(tmp_path, "RGB")
    data = path.read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(data[: len(data) // 2])
    assert probe(cut).width == W  # the header is whole
    with pytest.raises(ImageError, match="cut.png is damaged or cannot be read"):
        open_image(cut)


def test_a_full_disk_keeps_the_preview_and_says_why(tmp_path, monkeypatch):
    path, _ = png(tmp_path, "L")
    source = open_image(path)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10 << 30, 10 << 30, 100 << 20))
    with pytest.raises(ImageError, match=r"L.png at full resolution needs 0.0 GB of disk .* 0.1 GB free"):
        source.build_pyramid(tmp_path / "cache")
    assert source.preview.size == (1502, 751)


def test_a_kept_preview_remembers_the_stream(tmp_path):
    path, pixels = png(tmp_path, "L")
    assert open_image(path, cache_dir=tmp_path / "cache").streamed
    kept = imageio.kept_preview(path, tmp_path / "cache")
    assert kept is not None and kept.streamed  # the next open's pyramid is read as a stream too
    level0 = kept.build_pyramid(tmp_path / "cache").levels[0]
    assert np.array_equal(level0.region(0, 0, W, H), pixels)


def test_a_deflate_tiled_tiff_without_overviews_is_read_as_a_stream(tmp_path):
    import tifffile

    pixels = noise("RGB")
    path = tmp_path / "tiled.tif"
    tifffile.imwrite(path, pixels, tile=(256, 512), compression="zlib", photometric="rgb")
    source = open_image(path)
    assert source.streamed and source.preview.size == (1502, 751)
    box = np.asarray(Image.fromarray(pixels).reduce(2)).astype(int)  # a box filter now, not sampled rows
    assert np.abs(source.preview_array().astype(int) - box)[:-1, :-1].max() <= 1
    level0 = source.build_pyramid(tmp_path / "cache").levels[0]
    assert np.array_equal(level0.region(0, 0, W, H), pixels)


def test_small_images_and_photos_stay_with_pillow(tmp_path):
    small = tmp_path / "small.png"
    Image.fromarray(np.random.default_rng(1).integers(0, 256, (1500, 2000, 3), dtype=np.uint8)).save(small)
    assert not open_image(small).streamed  # 3 MP: decoded whole, as before
    jpeg = tmp_path / "big.jpg"
    Image.fromarray(noise("RGB")).save(jpeg, quality=80)
    assert not open_image(jpeg).streamed  # libjpeg's reduced decoding is faster still
