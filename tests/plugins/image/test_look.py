"""What the worker sees of the shapes (issue 18): a label chip on each shape, outlines with a
contrasting halo, an obvious selection, the shapes list (mouse and keys), a minimap at high
zoom, and plural forms in English and French. Pixels are read from the real canvas."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QPointF, Qt

from tests.plugins.image.conftest import image_pack

pytestmark = pytest.mark.usefixtures("qtbot")

RED = (230, 25, 75)  # the "car" label's colour (#e6194b)


def red_scene() -> bytes:
    """A grey image with a red car (a block of the car label's own colour)."""
    pixels = np.full((240, 320, 3), 128, np.uint8)
    pixels[60:180, 60:260] = RED
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG")
    return buf.getvalue()


SHAPES = [{"id": "s1", "type": "box", "label": "car", "points": [[60, 60], [260, 180]]},
          {"id": "s2", "type": "box", "label": "sign", "points": [[10, 190], [50, 230]]}]


@pytest.fixture
def on_red(open_pack, tmp_path):
    items = [{"id": "a", "media": "media/a.png", "training": False},
             {"id": "b", "media": "media/b.png", "training": False}]
    o = open_pack(image_pack(tmp_path / "pack", items=items,
                             media={"media/a.png": red_scene(), "media/b.png": red_scene()}))
    o.editor.canvas.setFocus()
    return o


def put_shapes(editor, shapes=SHAPES):
    from annotator_image.model import shapes_from_json
    editor.document.copy_shapes(shapes_from_json(shapes))


def grab(editor) -> QtGui.QImage:
    editor.canvas.viewport().repaint()
    return editor.canvas.viewport().grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB888)


def rgb(image: QtGui.QImage, x: int, y: int) -> tuple[int, int, int]:
    c = image.pixelColor(x, y)
    return c.red(), c.green(), c.blue()


def far(a, b, d=120) -> bool:
    return sum(abs(p - q) for p, q in zip(a, b)) > d


def vp(editor, x, y) -> QtCore.QPoint:
    return editor.canvas.mapFromScene(QPointF(x, y))


def test_each_shape_carries_its_label_name_in_a_chip(on_red, qtbot):
    ed = on_red.editor
    put_shapes(ed)
    image = grab(ed)
    chips = dict(ed.shapes_layer.chips_drawn)
    assert set(chips) == {"s1", "s2"}
    rect = chips["s2"].toRect()  # the sign's chip: the label's blue behind its name, at the box's corner
    corner = vp(ed, 10, 190)
    assert abs(rect.left() - corner.x()) <= 2 and abs(rect.bottom() - corner.y()) <= 2
    inside = [rgb(image, x, y) for x in range(rect.left() + 1, rect.right()) for y in range(rect.top() + 1,
                                                                                            rect.bottom())]
    assert inside.count((0x43, 0x63, 0xd8)) > len(inside) // 3  # the chip's ground, the label colour
    assert any(c == (255, 255, 255) for c in inside)  # the name, in white on the blue (contrasting ink)
    assert ed.shapes_layer.chip_text(ed.document.shapes[1]) == "sign"


def test_a_red_box_on_a_red_car_stays_visible(on_red, qtbot):
    ed = on_red.editor
    put_shapes(ed, [{"id": "s1", "type": "box", "label": "car", "points": [[90, 90], [230, 150]]}])
    ed.select(None)
    image = grab(ed)
    top = vp(ed, 160, 90)  # the middle of the box's top edge, red on both sides
    column = [rgb(image, top.x(), y) for y in range(top.y() - 4, top.y() + 5)]
    assert any(far(c, RED) and far(c, (128, 128, 128)) for c in column), column  # a halo stands out of the red
    assert any(not far(c, RED, 40) for c in column)  # and the label's own colour is drawn too


def test_the_selected_shape_is_obvious(on_red, qtbot):
    ed = on_red.editor
    put_shapes(ed)
    ed.select(None)
    before = grab(ed)
    ed.select("s2")
    after = grab(ed)
    centre = vp(ed, 30, 210)
    assert far(rgb(after, centre.x(), centre.y()), rgb(before, centre.x(), centre.y()), 30)  # filled
    chip = dict(ed.shapes_layer.chips_drawn)["s2"].toRect()
    p = chip.topLeft() + QtCore.QPoint(2, chip.height() // 2)
    assert far(rgb(after, p.x(), p.y()), rgb(before, p.x(), p.y()))  # its chip is inverted


def test_the_shapes_list_selects_hides_and_relabels_from_the_keyboard(on_red, qtbot):
    ed = on_red.editor
    put_shapes(ed)
    ed.select(None)
    rows = [ed.shapes_list.item(i).text() for i in range(ed.shapes_list.count())]
    assert rows == ["1. car · box", "2. sign · box"]
    assert ed.panel.shapes_box.title().startswith("2 shape")
    qtbot.keyClick(ed.canvas, Qt.Key.Key_L)  # the list takes the keys, on its first shape
    assert ed.shapes_list.hasFocus()
    assert ed.document.selected == "s1"
    qtbot.keyClick(ed.shapes_list, Qt.Key.Key_Down)
    assert ed.document.selected == "s2"
    qtbot.keyClick(ed.shapes_list, Qt.Key.Key_2)  # relabel the sign a person, saved
    saved = on_red.saved("a")
    assert [s["label"] for s in saved["shapes"]] == ["car", "person"]
    assert ed.shapes_list.item(1).text() == "2. person · box"
    qtbot.keyClick(ed.shapes_list, Qt.Key.Key_Space)  # hide it: not drawn, not picked
    assert "s2" in ed.shapes_layer.hidden_shapes
    assert ed.shapes_list.item(1).checkState() == Qt.CheckState.Unchecked
    assert "s2" not in dict(ed.shapes_layer.chips_drawn or [])
    grab(ed)
    assert "s2" not in dict(ed.shapes_layer.chips_drawn)
    assert ed.shapes_layer.shape_at(30, 210, 2) is None
    qtbot.keyClick(ed.shapes_list, Qt.Key.Key_Escape)
    assert ed.canvas.hasFocus()
    ed.select("s1")
    qtbot.keyClick(ed.canvas, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)  # Shift+H hides the selected one
    assert ed.shapes_layer.hidden_shapes == {"s1", "s2"}
    ed.shapes_list.item(0).setCheckState(Qt.CheckState.Checked)  # the mouse shows it again
    assert ed.shapes_layer.hidden_shapes == {"s2"}
    ed.shapes_list.setCurrentRow(0)
    assert ed.document.selected == "s1"


def test_the_shapes_list_keys_are_in_the_key_map(on_red):
    rows = {r.keys: r.description for r in on_red.editor.shortcuts()}
    assert "shapes list" in rows["L"] and "selected shape" in rows["Shift+H"]
    assert "machine-made" in rows["C"] and "machine-made" in rows["Shift+C"]


def test_a_minimap_shows_where_the_view_is_at_high_zoom(on_red, qtbot):
    ed = on_red.editor
    minimap = ed.canvas.minimap
    ed.canvas.fit()
    assert not minimap.isVisible()
    ed.canvas.set_zoom(8.0)
    ed.canvas.centerOn(QPointF(40, 40))
    qtbot.waitUntil(minimap.isVisible)
    frame = minimap.frame
    assert frame.width() < minimap.width() / 2  # the part on screen, framed
    target = QtCore.QPoint(minimap.width() * 3 // 4, minimap.height() * 3 // 4)
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=target)
    centre = ed.canvas.center_scene()
    assert centre.x() == pytest.approx(240, abs=12) and centre.y() == pytest.approx(180, abs=12)
    ed.canvas.fit()
    assert not minimap.isVisible()


@pytest.mark.parametrize("language, one, two", [("en", "1 shape", "2 shapes"), ("fr", "1 forme", "2 formes")])
def test_counts_take_the_plural_of_the_language(on_red, qtbot, language, one, two):
    from annotator.ui import i18n
    from annotator_image import plugin

    app = QtWidgets.QApplication.instance()
    translator = i18n.install(app, language, [plugin.translations_dir])
    try:
        ed = on_red.editor
        put_shapes(ed, SHAPES[:1])
        assert one + " " in ed.status.text() + " " and ed.panel.shapes_box.title().startswith(one + " ")
        put_shapes(ed, SHAPES[1:])
        assert two + " " in ed.status.text() + " " and ed.panel.shapes_box.title().startswith(two + " ")
    finally:
        i18n.uninstall(app, translator)


def crowd(n: int = 2000, x0: float = 0, y0: float = 0, x1: float = 290, y1: float = 210) -> list[dict]:
    """``n`` small boxes over the image (as the paint benchmark's crowded item)."""
    rng = np.random.default_rng(5)
    out = []
    for i in range(n):
        x, y = float(rng.uniform(x0, x1)), float(rng.uniform(y0, y1))
        out.append({"id": f"c{i}", "type": "box", "label": "sign", "points": [[x, y], [x + 8, y + 8]]})
    return out


def test_a_crowded_image_keeps_its_halos_and_pans_from_the_cached_outlines(on_red, qtbot):
    """2,000 shapes at fit: outlines and halos drawn once at this zoom, then copied while panning."""
    ed = on_red.editor
    layer = ed.shapes_layer
    put_shapes(ed, [SHAPES[0]] + crowd())
    ed.select(None)
    ed.canvas.set_zoom(2.0)
    grab(ed)  # a zoom step: drawn without the cache, which is drawn once the zoom settles
    qtbot.waitUntil(lambda: layer.cache.key is not None and layer.cache.key[0] == pytest.approx(
        ed.canvas.transform().m11()), timeout=5000)
    image = grab(ed)
    renders = layer.cache.renders
    top = vp(ed, 160, 60)  # the car box's top edge: its halo is drawn with 2,001 shapes on the item
    column = [rgb(image, top.x(), y) for y in range(top.y() - 4, top.y() + 5)]
    assert any(far(c, RED) and far(c, (128, 128, 128)) for c in column), column
    for _ in range(3):
        ed.canvas.pan_by(12, 8)
        grab(ed)
        ed.select(f"c{_}")  # selecting draws the selection over the cache
        grab(ed)
    assert layer.cache.renders == renders  # nothing drawn again
    ed.canvas.set_zoom(3.0)
    grab(ed)
    qtbot.waitUntil(lambda: layer.cache.renders == renders + 1, timeout=5000)  # a new zoom: drawn again, once
    grab(ed)
    assert layer.cache.renders == renders + 1


def test_what_changes_is_never_shown_from_a_stale_cache(on_red, qtbot):
    ed = on_red.editor
    sign = {"id": "s2", "type": "box", "label": "sign", "points": [[10, 190], [50, 230]]}
    put_shapes(ed, [sign] + crowd(150, 200, 0, 300, 40))  # enough shapes for the cache, away from the sign
    ed.select(None)
    grab(ed)
    assert ed.shapes_layer.cache.pixmap is not None
    edge = vp(ed, 30, 190)  # the sign box's top edge
    blue = (0x43, 0x63, 0xd8)

    def drawn(image, at) -> bool:  # the label's blue within 2 pixels of ``at`` (lines land on half pixels)
        return any(not far(rgb(image, at.x(), y), blue, 40) for y in range(at.y() - 2, at.y() + 3))

    assert drawn(grab(ed), edge)
    ed.set_label_visible("sign", False)
    assert not drawn(grab(ed), edge)  # hidden: gone at once
    ed.set_label_visible("sign", True)
    assert drawn(grab(ed), edge)
    ed.document.select(ed.document.shapes[0].id)
    ed.document.nudge(60, 0)  # moved right: its old top edge is image again
    ed.select(None)
    after = grab(ed)
    assert not drawn(after, edge)
    assert drawn(after, vp(ed, 90, 190))
