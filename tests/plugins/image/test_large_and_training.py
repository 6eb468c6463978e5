"""A huge image in the real editor (preview first, full-resolution tiles on zoom) and training feedback."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from tests.plugins.image.conftest import image_bytes, image_pack
from tests.plugins.image.test_editor import click, drag, key


def test_huge_image_shows_a_preview_then_full_resolution_tiles_when_zoomed(open_pack, tmp_path, qtbot, big_jpeg):
    items = [{"id": "big", "media": "media/big.jpg", "training": False}]
    o = open_pack(image_pack(tmp_path / "p", items=items, media={"media/big.jpg": big_jpeg.read_bytes()}))
    ed = o.editor
    assert o.task.stack.currentWidget() is o.task.editor_holder
    assert ed.source.size == (8000, 6000)
    assert ed.image_layer.preview.width() == 2000  # reduced JPEG decoding, 1/4 scale
    qtbot.wait(50)
    assert ed.pyramid_future is None  # at "fit" nothing more is decoded: memory stays small

    ed.canvas.set_zoom(1.0)
    ed.canvas.centerOn(QPointF(4000, 3000))
    ed.canvas.viewport().repaint()  # the zoom asks for the full resolution
    assert ed.pyramid_future is not None
    assert ed.wait_for_full_resolution(60)

    def every_tile_painted() -> bool:  # tiles are read within a time budget per frame, the rest next frame
        ed.canvas.viewport().repaint()
        return not ed.image_layer.pending

    qtbot.waitUntil(every_tile_painted, timeout=60_000)
    assert ed.image_layer.tiles_drawn > 0
    shot = ed.canvas.viewport().grab().toImage()
    c = ed.canvas.mapFromScene(QPointF(4000, 3000))
    row = [shot.pixelColor(c.x() + dx, c.y()).red() for dx in range(-20, 20)]
    # the 1-pixel stripes are there, not the grey the preview would show
    assert max(row) - min(row) > 150 and np.std(row) > 60

    key(qtbot, ed, Qt.Key.Key_B)
    drag(qtbot, ed, (3950, 2950), (4050, 3020))
    [shape] = o.saved("big")["shapes"]
    assert shape["points"][0] == pytest.approx([3950, 2950], abs=1)  # original pixel coordinates
    assert shape["points"][1] == pytest.approx([4050, 3020], abs=1)
    assert o.saved("big")["image"] == {"width": 8000, "height": 6000, "orientation": 1}


def test_training_item_reports_agreement_and_shows_the_expected_shapes(open_pack, tmp_path, qtbot):
    expected = {"shapes": [{"type": "box", "label": "car", "points": [[40, 40], [140, 120]]},
                           {"type": "point", "label": "sign", "points": [[250, 60]]}],
                "tags": {"weather": "rain"}}
    items = [{"id": "gold", "media": "media/gold.png", "training": True, "expected": expected},
             {"id": "work", "media": "media/work.png", "training": False}]
    media = {"media/gold.png": image_bytes(seed=1), "media/work.png": image_bytes(seed=2)}
    o = open_pack(image_pack(tmp_path / "p", items=items, media=media))
    ed = o.editor
    ed.canvas.setFocus()
    assert ed.check_box.isVisible()
    key(qtbot, ed, Qt.Key.Key_B)
    drag(qtbot, ed, (70, 60), (170, 140))  # overlaps the expected car poorly
    key(qtbot, ed, Qt.Key.Key_E)
    assert len(ed.shapes_layer.expected) == 2  # drawn dashed over the image
    report = ed.check_text.text()
    assert "overlaps only" in report and "Missing: a sign point" in report and "weather" in report
    warnings = ed.submit_warnings()
    assert warnings and "does not match" in warnings[0]

    ed.undo()
    drag(qtbot, ed, (41, 40), (140, 121))
    key(qtbot, ed, Qt.Key.Key_3)
    key(qtbot, ed, Qt.Key.Key_K)
    click(qtbot, ed, 251, 61)
    rain = next(b for b in ed.tag_widgets["weather"] if b.text() == "rain")
    rain.click()
    assert "Every expected shape is matched" in ed.check_text.text()
    assert ed.submit_warnings() == []
    key(qtbot, ed, Qt.Key.Key_E)
    assert ed.shapes_layer.expected == [] and ed.check_text.text() == ""
    o.task.next()
    assert not o.editor.check_box.isVisible()  # a work item has nothing to check against


def test_the_next_item_is_prepared_while_the_worker_is_on_this_one(open_pack, tmp_path, qtbot):
    from tests.plugins.image.conftest import detailed_jpeg

    media = {}
    for i in range(3):
        path = detailed_jpeg(tmp_path / f"{i}.jpg", 3200 + 8 * i, 2400)
        media[f"media/{i}.jpg"] = path.read_bytes()
    items = [{"id": f"big-{i}", "media": f"media/{i}.jpg", "training": False} for i in range(3)]
    o = open_pack(image_pack(tmp_path / "p", items=items, media=media))
    previews = o.editor.host.cache_dir / "previews"
    qtbot.waitUntil(lambda: o.task.prefetched is not None and o.task.prefetched.done(), timeout=10_000)
    assert o.task.prefetched.result() == 1  # big-1: what submit and next would both show
    kept = {p.stem for p in previews.glob("*.json")}
    assert len(kept) == 2  # the item on screen (decoded to show it) and the next one
    o.task.next()
    assert o.editor.source.size == (3208, 2400)  # big-1, shown from its prepared preview
    assert o.editor.image_layer.preview.width() == 1604
    qtbot.waitUntil(lambda: len(list(previews.glob("*.json"))) == 3, timeout=10_000)


def test_the_item_a_pack_opens_on_is_prepared_while_the_instructions_are_read(window, tmp_path, qtbot):
    from annotator.core.library import import_pack
    from annotator.core.session import WorkSession
    from tests.plugins.image.conftest import detailed_jpeg

    media = {f"media/{i}.jpg": detailed_jpeg(tmp_path / f"{i}.jpg", 3000 + 8 * i, 2000).read_bytes()
             for i in range(2)}
    items = [{"id": f"big-{i}", "media": f"media/{i}.jpg", "training": False} for i in range(2)]
    ctx = window.ctx
    row = import_pack(image_pack(tmp_path / "p", items=items, media=media), ctx.store, ctx.registry).pack
    ctx.store.mark_terms_seen(row.pk)
    previews = ctx.store.cache_dir / "image" / "previews"
    session = WorkSession(ctx.store, row, window.meter)
    window.task.prepare(session)  # what open_pack does before showing the instructions
    assert session.item is None  # nothing shown, nothing recorded as opened
    qtbot.waitUntil(lambda: window.task.prefetched is not None and window.task.prefetched.done(), timeout=10_000)
    assert window.task.prefetched.result() == 1
    [kept] = previews.glob("*.raw")
    inode = kept.stat().st_ino
    window.session = session
    window.start_task()
    qtbot.waitUntil(lambda: window.task.editor is not None and window.task.editor.source is not None)
    assert window.task.editor.source.size == (3000, 2000)  # big-0, the item the pack opens on
    assert kept.stat().st_ino == inode  # read back, not decoded and written again
