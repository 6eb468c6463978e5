"""Issue 12, case 11: a valid 1.4 MB PNG of 38,000 x 38,000 pixels must not take 2 GB or block the
window. Decoding is costed from the header and refused above the limit; large images decode off
the interface thread, one at a time; what is decoded stays within its estimate."""
from __future__ import annotations

import concurrent.futures
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image
from PySide6 import QtCore

from annotator_image import imageio, limits
from annotator_image._qt import loading
from tests.plugins.image.conftest import image_bytes, image_pack
from tests.plugins.image.pngs import zero_png

ROOT = Path(__file__).resolve().parents[3]


def run_driver(image: Path, cache: Path, limit: int | None = None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'plugins'}"}
    args = [sys.executable, "-m", "tests.plugins.image.limits_driver", str(image), str(cache)]
    out = subprocess.run(args + ([str(limit)] if limit else []), cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def huge_png(tmp_path_factory) -> Path:
    """The case of the issue: a valid greyscale PNG of 38,000 x 38,000 black pixels, 1.4 MB."""
    return zero_png(tmp_path_factory.mktemp("huge") / "huge.png", 38_000, 38_000)


def test_the_huge_png_is_refused_from_its_header_in_little_memory(huge_png, tmp_path):
    assert huge_png.stat().st_size < 2_000_000
    Image.MAX_IMAGE_PIXELS, bomb = None, Image.MAX_IMAGE_PIXELS
    try:
        with Image.open(huge_png) as image:  # valid: Pillow reads it as what it is
            assert image.size == (38_000, 38_000) and image.mode == "L"
    finally:
        Image.MAX_IMAGE_PIXELS = bomb
    result = run_driver(huge_png, tmp_path / "cache")
    for key in ("error", "load_error"):
        message = result[key]
        assert "huge.png is 38000 x 38000 pixels" in message and "MB of memory" in message, message
    assert result["prepared"] is False  # the prefetch hook does not decode it either
    assert result["used_mb"] < 64, result  # a full decode would take 1,400 MB
    assert result["maxrss_mb"] < 1024, result


def test_the_huge_png_shows_its_message_in_the_window_at_once(open_pack, huge_png, tmp_path):
    items = [{"id": "huge", "media": "media/huge.png", "training": False},
             {"id": "next", "media": "media/next.png", "training": False}]
    media = {"media/huge.png": huge_png.read_bytes(), "media/next.png": image_bytes()}
    o = open_pack(image_pack(tmp_path / "p", items=items, media=media))
    assert o.task.stack.currentWidget() is o.task.error_page
    assert "38000 x 38000" in o.task.error_text.text() and "more than" in o.task.error_text.text()
    assert o.task.skip_unreadable_button.isEnabled()
    o.task.next()
    assert o.task.stack.currentWidget() is o.task.editor_holder and o.editor.source.size == (320, 240)


@pytest.mark.parametrize("mode,side", [("L", 7000), ("RGBA", 3500), ("P", 4000), ("I;16", 5000)])
def test_what_a_decode_takes_stays_within_its_estimate(tmp_path, mode, side):
    """The limit bounds memory only if the estimate does: open, keep the preview, build the pyramid."""
    limit = 256 << 20
    path = zero_png(tmp_path / f"{mode.replace(';', '')}.png", side, side, mode)
    cost = imageio.probe(path).cost
    assert cost <= limit
    result = run_driver(path, tmp_path / "cache", limit)
    assert result["shown"] and result["full_resolution"] and "error" not in result, result
    assert result["used_mb"] <= cost / 2 ** 20, result
    bigger = zero_png(tmp_path / "bigger.png", side * 2, side * 2, mode)
    refused = run_driver(bigger, tmp_path / "cache2", limit)
    assert "MB of memory, more than the 256 MB" in refused["load_error"]
    assert refused["used_mb"] < 64, refused


def test_a_jpeg_too_large_to_decode_whole_keeps_its_preview(tmp_path, monkeypatch):
    path = tmp_path / "big.jpg"
    path.write_bytes(image_bytes(4000, 3000, "JPEG"))
    monkeypatch.setattr(limits, "DECODE_LIMIT", 64 << 20)  # a 12 MP photo decoded whole takes about 96 MB
    source = imageio.open_image(path)
    assert source.preview.size == (2000, 1500)  # libjpeg's reduced decoding stays under any limit
    with pytest.raises(imageio.ImageError, match="big.jpg is 4000 x 3000 pixels: decoding it would take"):
        source.build_pyramid(tmp_path / "cache")
    monkeypatch.setattr(limits, "DECODE_LIMIT", 512 << 20)
    assert source.build_pyramid(tmp_path / "cache").levels[0].width == 4000


def test_large_decodes_take_turns(tmp_path):
    """Two threads asking for large images: the second decodes once the first is done."""
    inside, overlap = [], []
    gate = threading.Lock()

    def decode(name):
        with limits.one_at_a_time(limits.INLINE_PIXELS + 1):
            with gate:
                if inside:
                    overlap.append(name)
                inside.append(name)
            threading.Event().wait(0.05)
            with gate:
                inside.remove(name)

    threads = [threading.Thread(target=decode, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlap == []
    with limits.one_at_a_time(limits.INLINE_PIXELS):  # a small one never waits: it holds no slot
        assert limits._heavy.acquire(blocking=False)
        limits._heavy.release()


def test_the_window_goes_on_while_a_large_image_decodes(window, qtbot, tmp_path, monkeypatch):
    """A large preview is decoded by a worker thread: the editor says so at once and the window
    answers; a result for an item the worker has left is dropped."""
    from annotator.core.library import import_pack
    from annotator.core.session import WorkSession

    items = [{"id": "large", "media": "media/large.png", "training": False},
             {"id": "small", "media": "media/small.png", "training": False},
             {"id": "large2", "media": "media/large2.png", "training": False}]
    media = {"media/large.png": image_bytes(3000, 2000), "media/small.png": image_bytes(320, 240),
             "media/large2.png": image_bytes(3000, 2000, seed=2)}
    gate = threading.Event()
    real_decode = imageio._decode

    def held_decode(plan):  # a large decode waits for the test, as a slow disk or a huge file would
        if plan.path.name.startswith("large"):
            gate.wait(20)
        return real_decode(plan)

    monkeypatch.setattr(imageio, "_decode", held_decode)
    monkeypatch.setattr(window.task, "_request_prefetch", lambda *args: None)  # no preview kept ahead
    ctx = window.ctx
    row = import_pack(image_pack(tmp_path / "p", items=items, media=media), ctx.store, ctx.registry).pack
    ctx.store.mark_terms_seen(row.pk)
    window.session = WorkSession(ctx.store, row, window.meter)
    window.resize(1200, 800)
    window.start_task()  # returns with the decode still held: nothing waits for it
    editor = window.task.editor
    assert not gate.is_set()
    assert editor.loader.opening and editor.source is None
    assert editor.canvas.message == "Opening the image (3000 × 2000 pixels)…"
    assert "opening the image" in editor.status.text()
    ticked = []
    QtCore.QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked))  # the event loop runs
    gate.set()
    qtbot.waitUntil(lambda: editor.image_layer is not None, timeout=30_000)
    assert editor.source.size == (3000, 2000) and editor.canvas.message == ""

    window.task.next()  # the small item: shown at once
    assert editor.source.size == (320, 240)
    gate.clear()
    window.task.next()  # large2, held...
    assert editor.loader.opening
    pending = editor.loader.open_future
    window.task.previous()  # ...left before it is decoded
    assert editor.source.size == (320, 240)
    gate.set()
    concurrent.futures.wait([pending], 30)  # decoded, or dropped before it began: either way, done
    loading._EXECUTOR.submit(lambda: None).result(30)  # its result has been handed to the window
    QtCore.QCoreApplication.processEvents()
    assert editor.source.size == (320, 240) and editor.image_layer.source.size == (320, 240)
    assert window.task.session.item.item_id == "small"


def test_the_orientation_of_a_png_is_read_without_decoding_its_pixels(tmp_path):
    """Pillow decodes a whole PNG to look for an eXIf chunk after its pixels; the header reading
    walks the chunks instead (the huge PNG above would otherwise be decoded to learn it has none)."""
    import struct
    import zlib

    exif = Image.Exif()
    exif[0x0112] = 6
    body = exif.tobytes()[6:]  # the TIFF structure, without the JPEG "Exif\0\0" marker
    path = zero_png(tmp_path / "turned.png", 300, 200)
    data = path.read_bytes()
    end = data.rindex(b"IEND") - 4
    chunk = struct.pack(">I", len(body)) + b"eXIf" + body + struct.pack(">I", zlib.crc32(b"eXIf" + body))
    path.write_bytes(data[:end] + chunk + data[end:])  # after the pixels, as the PNG spec allows
    with Image.open(path) as image:
        assert "exif" not in image.info  # Pillow has not seen it yet
    header = imageio.probe(path)
    assert (header.width, header.height, header.orientation) == (200, 300, 6)
    assert imageio.open_image(path).size == (200, 300)
