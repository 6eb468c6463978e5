"""The image editor through the real widget in the real window: draw, edit, undo, tags, keys, views."""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QPoint, QPointF, Qt

from tests.plugins.image.conftest import image_bytes, image_pack

pytestmark = pytest.mark.usefixtures("qtbot")


def vp(editor, x: float, y: float) -> QPoint:
    """Viewport position of image pixel (x, y)."""
    return editor.canvas.mapFromScene(QPointF(x, y))


def click(qtbot, editor, x, y, button=Qt.MouseButton.LeftButton):
    qtbot.mouseClick(editor.canvas.viewport(), button, pos=vp(editor, x, y))


def drag(qtbot, editor, start, end, steps: int = 4):
    viewport = editor.canvas.viewport()
    a, b = vp(editor, *start), vp(editor, *end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    for i in range(1, steps + 1):
        p = a + (b - a) * (i / steps)
        qtbot.mouseMove(viewport, pos=p)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)


def key(qtbot, editor, k, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(editor.canvas, k, mods)


def shapes(saved):
    return [(s["type"], s["label"], s["points"]) for s in (saved or {}).get("shapes", [])]


@pytest.fixture
def opened(open_pack, tmp_path):
    o = open_pack(image_pack(tmp_path / "pack", n=3))
    o.editor.canvas.setFocus()
    return o


def test_draw_box_polygon_point_saved_in_image_pixels(opened, qtbot):
    ed = opened.editor
    ed.canvas.set_zoom(2.0)  # shapes are stored in image pixels whatever the zoom
    ed.canvas.centerOn(QPointF(160, 120))
    key(qtbot, ed, Qt.Key.Key_B)
    assert ed.canvas.crosshair
    drag(qtbot, ed, (120, 100), (180, 140))
    saved = opened.saved("img-0")
    [(kind, label, points)] = shapes(saved)
    assert (kind, label) == ("box", "car")
    assert points[0] == pytest.approx([120, 100], abs=0.6) and points[1] == pytest.approx([180, 140], abs=0.6)
    assert saved["image"] == {"width": 320, "height": 240, "orientation": 1}
    assert opened.item("img-0").state == "in_progress"

    key(qtbot, ed, Qt.Key.Key_2)  # person
    key(qtbot, ed, Qt.Key.Key_P)
    for x, y in ((130, 110), (170, 110), (150, 135)):
        click(qtbot, ed, x, y)
    assert opened.saved("img-0")["draft"]["points"][2] == pytest.approx([150, 135], abs=0.6)
    key(qtbot, ed, Qt.Key.Key_Return)
    key(qtbot, ed, Qt.Key.Key_3)
    key(qtbot, ed, Qt.Key.Key_K)
    click(qtbot, ed, 140, 125)
    saved = opened.saved("img-0")
    assert [s[:2] for s in shapes(saved)] == [("box", "car"), ("polygon", "person"), ("point", "sign")]
    assert saved["draft"] is None
    assert shapes(saved)[2][2][0] == pytest.approx([140, 125], abs=0.6)
    assert len({s["id"] for s in saved["shapes"]}) == 3
    assert opened.window.meter.kinds().count("input") >= 1


def test_polygon_closes_on_first_point_and_backspace_removes_last(opened, qtbot):
    ed = opened.editor
    key(qtbot, ed, Qt.Key.Key_P)
    for x, y in ((40, 40), (120, 40), (300, 200), (120, 120)):
        click(qtbot, ed, x, y)
    key(qtbot, ed, Qt.Key.Key_Backspace)  # drops (300, 200)
    assert len(opened.saved("img-0")["draft"]["points"]) == 3
    click(qtbot, ed, 40, 40)  # back on the first point closes it
    [(kind, _, points)] = shapes(opened.saved("img-0"))
    assert kind == "polygon" and len(points) == 3


def test_select_move_resize_vertex_edit_and_undo_redo(opened, qtbot):
    ed = opened.editor
    key(qtbot, ed, Qt.Key.Key_B)
    drag(qtbot, ed, (50, 50), (150, 100))
    key(qtbot, ed, Qt.Key.Key_V)
    assert not ed.canvas.crosshair
    drag(qtbot, ed, (100, 75), (120, 95))  # move by (20, 20)
    [(_, _, pts)] = shapes(opened.saved("img-0"))
    assert pts[0] == pytest.approx([70, 70], abs=1) and pts[1] == pytest.approx([170, 120], abs=1)
    drag(qtbot, ed, (170, 120), (200, 160))  # drag the bottom-right corner: resize
    [(_, _, pts)] = shapes(opened.saved("img-0"))
    assert pts[0] == pytest.approx([70, 70], abs=1) and pts[1] == pytest.approx([200, 160], abs=1)

    ed.undo()
    assert shapes(opened.saved("img-0"))[0][2][1] == pytest.approx([170, 120], abs=1)
    ed.undo()
    assert shapes(opened.saved("img-0"))[0][2][0] == pytest.approx([50, 50], abs=1)
    ed.undo()
    assert shapes(opened.saved("img-0")) == []
    ed.redo()
    ed.redo()
    ed.redo()
    assert shapes(opened.saved("img-0"))[0][2][1] == pytest.approx([200, 160], abs=1)
    # the app's Edit menu reaches the same undo stack
    opened.window.undo_action.trigger()
    assert shapes(opened.saved("img-0"))[0][2][1] == pytest.approx([170, 120], abs=1)


def test_polygon_vertices_insert_move_delete_by_mouse_and_keyboard(opened, qtbot):
    ed = opened.editor
    key(qtbot, ed, Qt.Key.Key_P)
    for x, y in ((40, 40), (200, 40), (200, 200)):
        click(qtbot, ed, x, y)
    key(qtbot, ed, Qt.Key.Key_Enter)
    key(qtbot, ed, Qt.Key.Key_V)
    # double-click the middle of the top edge inserts a vertex there
    qtbot.mouseDClick(ed.canvas.viewport(), Qt.MouseButton.LeftButton, pos=vp(ed, 120, 40))
    pts = shapes(opened.saved("img-0"))[0][2]
    assert len(pts) == 4 and pts[1] == pytest.approx([120, 40], abs=1)
    drag(qtbot, ed, (120, 40), (120, 10))  # move the new vertex
    assert shapes(opened.saved("img-0"))[0][2][1] == pytest.approx([120, 10], abs=1)
    key(qtbot, ed, Qt.Key.Key_Delete)  # the selected vertex goes, the polygon stays
    pts = shapes(opened.saved("img-0"))[0][2]
    assert len(pts) == 3
    key(qtbot, ed, Qt.Key.Key_BracketRight)
    key(qtbot, ed, Qt.Key.Key_I)  # keyboard insert after the selected vertex
    assert len(shapes(opened.saved("img-0"))[0][2]) == 4
    before = shapes(opened.saved("img-0"))[0][2]
    v = ed.shapes_layer.selected_vertex
    key(qtbot, ed, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    after = shapes(opened.saved("img-0"))[0][2]
    assert after[v][0] > before[v][0] and after[v][1] == before[v][1]
    ed.select(ed.ann.shapes[0].id)
    key(qtbot, ed, Qt.Key.Key_Delete)
    assert shapes(opened.saved("img-0")) == []


def test_delete_duplicate_relabel_tab_and_nudge(opened, qtbot):
    ed = opened.editor
    key(qtbot, ed, Qt.Key.Key_B)
    drag(qtbot, ed, (20, 20), (60, 60))
    key(qtbot, ed, Qt.Key.Key_V)
    key(qtbot, ed, Qt.Key.Key_Tab)
    key(qtbot, ed, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    saved = opened.saved("img-0")
    assert len(saved["shapes"]) == 2 and saved["shapes"][1]["points"][0][0] > 20
    key(qtbot, ed, Qt.Key.Key_2)  # with Select, relabels the selected copy
    assert [s["label"] for s in opened.saved("img-0")["shapes"]] == ["car", "person"]
    for _ in range(3):  # three nudges are one undo step
        key(qtbot, ed, Qt.Key.Key_Down)
    y_after = opened.saved("img-0")["shapes"][1]["points"][0][1]
    ed.undo()
    assert opened.saved("img-0")["shapes"][1]["points"][0][1] < y_after - 1
    key(qtbot, ed, Qt.Key.Key_Delete)
    assert [s["label"] for s in opened.saved("img-0")["shapes"]] == ["car"]


def test_hide_labels_and_all_shapes(opened, qtbot):
    ed = opened.editor
    key(qtbot, ed, Qt.Key.Key_B)
    drag(qtbot, ed, (20, 20), (60, 60))
    key(qtbot, ed, Qt.Key.Key_V)
    click(qtbot, ed, 40, 40)
    assert ed.selected_shape() is not None
    key(qtbot, ed, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # hide "car"
    assert not ed.label_visible["car"].isChecked()
    assert ed.selected_shape() is None
    click(qtbot, ed, 40, 40)
    assert ed.selected_shape() is None  # hidden shapes cannot be picked
    ed.label_visible["car"].setChecked(True)
    click(qtbot, ed, 40, 40)
    assert ed.selected_shape() is not None
    key(qtbot, ed, Qt.Key.Key_H)
    assert ed.shapes_layer.all_hidden and ed.selected_shape() is None
    key(qtbot, ed, Qt.Key.Key_H)
    assert len(opened.saved("img-0")["shapes"]) == 1  # hiding never deletes


def test_tags_single_and_multiple_choice_with_undo(opened, qtbot):
    ed = opened.editor
    rain = next(b for b in ed.tag_widgets["weather"] if b.text() == "rain")
    night = next(b for b in ed.tag_widgets["weather"] if b.text() == "night")
    crowd, traffic = ed.tag_widgets["contents"][:2]
    for button in (rain, night, traffic, crowd):  # a click on the box or the word
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert opened.saved("img-0")["tags"] == {"weather": "night", "contents": ["crowd", "traffic"]}
    assert night.isChecked() and not rain.isChecked()
    ed.undo()
    assert opened.saved("img-0")["tags"] == {"weather": "night", "contents": ["traffic"]}
    assert not crowd.isChecked()
    # keyboard: T focuses the tags, Space ticks, Esc returns to the image
    key(qtbot, ed, Qt.Key.Key_T)
    focused = QtWidgets.QApplication.focusWidget()
    assert focused is ed.tag_widgets["weather"][0]
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert opened.saved("img-0")["tags"]["weather"] == "sunny"
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    assert QtWidgets.QApplication.focusWidget() is ed.canvas
    assert opened.task.plugin.summary(opened.saved("img-0")) == "2 tags"


def test_single_keys_do_nothing_while_a_text_field_has_focus(opened, qtbot):
    ed = opened.editor
    field = QtWidgets.QLineEdit(ed)
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    # a key reaching the canvas while a text field is focused (e.g. forwarded) is ignored
    assert ed.tool == "select"
    from PySide6 import QtGui

    event = QtGui.QKeyEvent(QtCore.QEvent.Type.KeyPress, Qt.Key.Key_B, Qt.KeyboardModifier.NoModifier, "b")
    ed._key(event)
    assert ed.tool == "select"
    qtbot.keyClicks(field, "bpk123")
    assert ed.tool == "select" and ed.label == "car" and field.text() == "bpk123"
    field.deleteLater()


def test_copy_previous_items_shapes(opened, qtbot):
    ed = opened.editor
    key(qtbot, ed, Qt.Key.Key_B)
    drag(qtbot, ed, (20, 20), (60, 60))
    key(qtbot, ed, Qt.Key.Key_K)
    click(qtbot, ed, 100, 100)
    opened.task.next()
    ed = opened.editor
    ed.canvas.setFocus()
    assert opened.task.session.item.item_id == "img-1"
    key(qtbot, ed, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    copied = opened.saved("img-1")
    assert [s["type"] for s in copied["shapes"]] == ["box", "point"]
    assert copied["shapes"][0]["points"] == opened.saved("img-0")["shapes"][0]["points"]
    ed.undo()
    assert opened.saved("img-1")["shapes"] == []


def test_zoom_and_view_are_remembered_per_item_and_wheel_zooms_around_cursor(opened, qtbot):
    ed = opened.editor
    canvas = ed.canvas
    anchor = vp(ed, 200, 150)
    before = canvas.zoom()
    from PySide6 import QtGui

    wheel = QtGui.QWheelEvent(QPointF(anchor), QPointF(canvas.viewport().mapToGlobal(anchor)), QPoint(0, 0),
                              QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                              Qt.ScrollPhase.NoScrollPhase, False)
    QtWidgets.QApplication.sendEvent(canvas.viewport(), wheel)
    assert canvas.zoom() > before * 1.2
    under = canvas.mapToScene(anchor)
    assert (under.x(), under.y()) == pytest.approx((200, 150), abs=1.5)  # the pixel under the cursor stays
    canvas.set_zoom(4.0)
    canvas.centerOn(QPointF(80, 60))
    opened.task.next()
    assert opened.editor.canvas.fitted
    opened.task.previous()
    assert opened.editor.canvas.zoom() == pytest.approx(4.0, rel=1e-3)
    c = opened.editor.canvas.center_scene()
    assert (c.x(), c.y()) == pytest.approx((80, 60), abs=2)
    key(qtbot, opened.editor, Qt.Key.Key_F)
    assert opened.editor.canvas.fitted
    key(qtbot, opened.editor, Qt.Key.Key_0)
    assert opened.editor.canvas.zoom() == 1.0


def test_space_drag_and_middle_button_pan(opened, qtbot):
    ed = opened.editor
    canvas = ed.canvas
    canvas.set_zoom(4.0)
    canvas.centerOn(QPointF(160, 120))
    start = canvas.center_scene()
    vpw = canvas.viewport()
    c = vpw.rect().center()
    qtbot.mousePress(vpw, Qt.MouseButton.MiddleButton, pos=c)
    qtbot.mouseMove(vpw, pos=c + QPoint(80, 0))
    qtbot.mouseRelease(vpw, Qt.MouseButton.MiddleButton, pos=c + QPoint(80, 0))
    moved = canvas.center_scene()
    assert moved.x() == pytest.approx(start.x() - 20, abs=1.5)
    qtbot.keyPress(canvas, Qt.Key.Key_Space)
    qtbot.mousePress(vpw, Qt.MouseButton.LeftButton, pos=c)
    qtbot.mouseMove(vpw, pos=c + QPoint(0, 40))
    qtbot.mouseRelease(vpw, Qt.MouseButton.LeftButton, pos=c + QPoint(0, 40))
    qtbot.keyRelease(canvas, Qt.Key.Key_Space)
    assert canvas.center_scene().y() == pytest.approx(moved.y() - 10, abs=1.5)
    assert opened.saved("img-0") is None  # panning is not an edit


def test_shortcuts_are_listed_in_the_help_overlay(opened):
    keys = {s.keys for s in opened.editor.shortcuts()}
    assert {"B", "P", "K", "V", "1-9", "Ctrl+D", "Ctrl+Shift+V", "Delete", "F", "0", "H", "Alt+1-9"} <= keys
    groups = dict(opened.window.shortcut_groups())
    assert any(row[0] == "Ctrl+Shift+V" for row in groups["Image: editing"])


def test_saved_shapes_and_draft_are_shown_again_after_reopening(opened, qtbot, tmp_path):
    ed = opened.editor
    key(qtbot, ed, Qt.Key.Key_B)
    drag(qtbot, ed, (20, 20), (60, 60))
    key(qtbot, ed, Qt.Key.Key_P)
    click(qtbot, ed, 100, 100)
    click(qtbot, ed, 150, 100)
    opened.task.next()
    opened.task.previous()
    ed = opened.editor
    assert [s.type for s in ed.ann.shapes] == ["box"]
    assert ed.shapes_layer.draft_type == "polygon" and len(ed.shapes_layer.draft) == 2
    ed.canvas.setFocus()
    click(qtbot, ed, 150, 150)
    key(qtbot, ed, Qt.Key.Key_Return)
    assert [s["type"] for s in opened.saved("img-0")["shapes"]] == ["box", "polygon"]


def test_formats_modes_and_orientation_load_in_the_editor(open_pack, tmp_path, qtbot):
    from PIL import Image
    import io

    rotated = io.BytesIO()
    img = Image.open(io.BytesIO(image_bytes(200, 100, "JPEG")))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    img.save(rotated, "JPEG", exif=exif.tobytes())
    media = {
        "media/a.jpg": image_bytes(fmt="JPEG"),
        "media/b.webp": image_bytes(fmt="WEBP"),
        "media/c.bmp": image_bytes(fmt="BMP"),
        "media/d.png": image_bytes(mode="RGBA"),
        "media/e.png": image_bytes(mode="L"),
        "media/f.tif": image_bytes(fmt="TIFF"),
        "media/g.jpg": rotated.getvalue(),
    }
    items = [{"id": k.split("/")[1].split(".")[0], "media": k, "training": False} for k in media]
    o = open_pack(image_pack(tmp_path / "p", items=items, media=media))
    seen = []
    for _ in items:
        assert o.task.stack.currentWidget() is o.task.editor_holder, o.task.error_text.text()
        seen.append((o.task.session.item.item_id, o.editor.source.size, o.editor.source.mode))
        o.task.next()
    assert seen[3][2] == "RGBA" and seen[4][2] == "L"
    assert seen[-1][1] == (100, 200)  # EXIF orientation honoured: shown upright, 100 wide


def test_corrupt_image_shows_a_message_and_can_be_skipped_as_unreadable(open_pack, tmp_path, qtbot):
    good = image_bytes(fmt="JPEG")
    media = {"media/ok.jpg": good, "media/broken.jpg": good[: len(good) // 3],
             "media/after.png": image_bytes()}
    items = [{"id": "broken", "media": "media/broken.jpg", "training": False},
             {"id": "ok", "media": "media/ok.jpg", "training": False},
             {"id": "after", "media": "media/after.png", "training": False}]
    o = open_pack(image_pack(tmp_path / "p", items=items, media=media))
    assert o.task.stack.currentWidget() is o.task.error_page
    assert "broken.jpg" in o.task.error_text.text() and "truncated" in o.task.error_text.text()
    assert o.task.skip_unreadable_button.isEnabled()
    from annotator.ui.dialogs import ReasonDialog

    def press_ok():  # the real skip dialog, preset to "unreadable": the worker presses OK
        dialog = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(dialog, ReasonDialog) and dialog.choice.currentData() == "unreadable"
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QtCore.QTimer.singleShot(50, press_ok)
    qtbot.mouseClick(o.task.skip_unreadable_button, Qt.MouseButton.LeftButton)
    broken = o.item("broken")
    assert broken.state == "skipped" and broken.reason == "unreadable"
    assert o.task.stack.currentWidget() is o.task.editor_holder
    assert o.task.session.item.item_id == "ok"


def test_the_editor_speaks_french(qtbot):
    from annotator.ui import i18n
    from annotator_image import plugin
    from annotator_image._qt.editor import ImageEditor

    app = QtWidgets.QApplication.instance()
    translator = i18n.install(app, "fr", [plugin.translations_dir])
    try:
        editor = ImageEditor()
        qtbot.addWidget(editor)
        assert editor.tool_buttons["box"].text() == "Rectangle (B)"
        descriptions = {s.keys: s.description for s in editor.shortcuts()}
        assert descriptions["Ctrl+D"] == "Dupliquer la forme sélectionnée"
    finally:
        i18n.uninstall(app, translator)  # Qt's own French too


def test_the_french_catalogue_says_rectangle_and_lot():
    """One word per concept (docs/glossary.md): a box is a "rectangle", never a "boîte"; a pack a "lot"
    (the apostrophe is the typographic one, as everywhere: tests/ui/test_french.py)."""
    import xml.etree.ElementTree as ET

    from annotator_image import plugin

    texts = []
    for message in ET.parse(plugin.translations_dir / "fr.ts").getroot().iter("message"):
        node = message.find("translation")
        texts += [node.text or ""] + [f.text or "" for f in node.iter("numerusform")]
    assert texts and not [t for t in texts if "boîte" in t.lower() or " pack" in t.lower()]
    assert "Rectangle" in texts and "Ce lot n’a aucune étiquette pour dessiner." in texts
