"""Prelabels on screen (the contract in ``docs/image.md``): an item's ``prelabel`` is its starting
annotation when nothing is saved, each shape machine-made until the worker moves, reshapes,
relabels or confirms it; what is saved says which shapes are still the machine's."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator_image.document import ImageDocument
from annotator_image.model import task_config
from tests.plugins.image.conftest import image_bytes, image_pack, image_task

CONFIG = task_config(image_task())
PRELABEL = {"format": "annotator-image/1",
            "source": {"format": "coco", "file": "instances.json", "model": "yolov8n"},
            "shapes": [{"id": "p1", "type": "box", "label": "car", "points": [[10, 20], [110, 70]], "score": 0.93},
                       {"id": "p2", "type": "point", "label": "sign", "points": [[200, 100]]}],
            "tags": {"weather": "rain"}}


def doc(annotation=None, prelabel=PRELABEL) -> ImageDocument:
    return ImageDocument.from_annotation(annotation, prelabel, width=320, height=240, config=CONFIG)


def test_a_prelabel_is_the_starting_annotation_when_nothing_is_saved():
    d = doc()
    assert [(s.id, s.machine) for s in d.shapes] == [("p1", True), ("p2", True)]
    assert d.tags == {"weather": "rain"} and d.machine_count() == 2
    saved = d.annotation()
    assert saved["shapes"][0] == {"id": "p1", "type": "box", "label": "car", "points": [[10, 20], [110, 70]],
                                  "machine": True, "score": 0.93}
    assert saved["shapes"][1]["machine"] is True and "score" not in saved["shapes"][1]
    again = doc(saved, prelabel=None)  # saved and read back: still the machine's
    assert [s.machine for s in again.shapes] == [True, True] and again.shapes[0].score == 0.93


def test_a_saved_annotation_wins_over_the_prelabel():
    d = doc({"shapes": [{"id": "s1", "type": "point", "label": "car", "points": [[5, 5]]}], "tags": {}})
    assert [(s.id, s.machine) for s in d.shapes] == [("s1", False)] and d.tags == {}


def test_touching_a_machine_shape_makes_it_the_workers():
    d = doc()
    d.select("p1")
    d.nudge(1, 0)  # moved
    d.select("p2")
    d.relabel_selected("person")  # relabelled
    assert [s.machine for s in d.shapes] == [False, False]
    assert all("machine" not in s and "score" not in s for s in d.annotation()["shapes"])
    d.undo()
    d.undo()
    assert d.machine_count() == 2  # undo gives the machine its shapes back


def test_confirming_keeps_the_shape_and_ends_its_machine_mark():
    d = doc()
    d.select("p2")
    assert d.confirm_selected()
    assert [s.machine for s in d.shapes] == [True, False] and d.shapes[1].points == ((200.0, 100.0),)
    assert not d.confirm_selected()  # already the worker's: nothing to do, no undo step
    assert d.confirm_all() == 1 and d.machine_count() == 0
    d.undo()
    assert d.machine_count() == 1
    d.select("p1")
    d.delete_selected()  # deleting a prelabel shape is an answer like any other
    assert [s.id for s in d.shapes] == ["p2"]


def test_a_bad_prelabel_shape_is_left_out():
    d = doc(prelabel={"shapes": [{"type": "box", "label": "car", "points": [[1, 2]]},
                                 {"type": "point", "label": "car", "points": [[3, 4]]}]})
    assert [(s.type, s.machine) for s in d.shapes] == [("point", True)]
    assert doc(prelabel="not a table").shapes == ()


@pytest.fixture
def prelabelled(open_pack, tmp_path):
    items = [{"id": "a", "media": "media/a.png", "training": False, "prelabel": PRELABEL},
             {"id": "b", "media": "media/b.png", "training": False}]
    o = open_pack(image_pack(tmp_path / "pack", items=items,
                             media={"media/a.png": image_bytes(seed=1), "media/b.png": image_bytes(seed=2)}))
    o.editor.canvas.setFocus()
    return o


def test_the_editor_shows_a_prelabel_as_machine_made_until_touched(prelabelled, qtbot):
    o = prelabelled
    ed = o.editor
    assert [s.id for s in ed.document.shapes] == ["p1", "p2"]
    saved = o.saved("a")  # the starting annotation is saved at once: submitted as it is, nothing lost
    assert [s.get("machine") for s in saved["shapes"]] == [True, True] and saved["tags"] == {"weather": "rain"}
    assert "2 machine-made shape" in ed.status.text()
    rows = [ed.shapes_list.item(i).text() for i in range(ed.shapes_list.count())]
    assert rows == ["1. car · box · machine-made, 0.93", "2. sign · point · machine-made"]
    ed.shapes_layer.update()
    ed.canvas.viewport().repaint()
    chips = dict(ed.shapes_layer.chips_drawn)
    assert ed.shapes_layer.chip_text(ed.document.shapes[0]) == "car 0.93" and "p1" in chips
    assert any("machine-made" in w for w in ed.submit_warnings())

    ed.select("p1")
    qtbot.keyClick(ed.canvas, Qt.Key.Key_Right)  # moved: the worker's now
    qtbot.keyClick(ed.canvas, Qt.Key.Key_Tab)
    assert ed.document.selected == "p2"
    qtbot.keyClick(ed.canvas, Qt.Key.Key_C)  # confirmed as it is
    saved = o.saved("a")
    assert [s.get("machine") for s in saved["shapes"]] == [None, None]
    assert saved["shapes"][1]["points"] == [[200, 100]]
    assert "machine-made" not in ed.status.text() and ed.submit_warnings() == []
    assert ed.shapes_list.item(0).text() == "1. car · box"


def test_confirm_all_and_an_item_without_prelabel(prelabelled, qtbot):
    o = prelabelled
    ed = o.editor
    qtbot.keyClick(ed.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert ed.document.machine_count() == 0
    assert [s.get("machine") for s in o.saved("a")["shapes"]] == [None, None]
    o.task.next()
    qtbot.waitUntil(lambda: o.task.session.item.item_id == "b" and ed.document is not None)
    assert ed.document.shapes == () and o.saved("b") is None  # nothing to start from, nothing saved
