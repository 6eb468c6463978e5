"""The image editor's rules without Qt: every edit, undo and redo, drags and drafts, hit testing."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator_image import hits
from annotator_image.document import DRAG, ImageDocument
from annotator_image.model import Shape, shape_problem, task_config
from tests.plugins.image.conftest import image_task

ROOT = Path(__file__).resolve().parents[3]
CONFIG = task_config(image_task())


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def doc(annotation=None, width=320, height=240, clock=None) -> ImageDocument:
    return ImageDocument.from_annotation(annotation, width=width, height=height, config=CONFIG,
                                         clock=clock or Clock())


def points(d: ImageDocument, i: int = 0):
    return d.annotation()["shapes"][i]["points"]


def listen(d: ImageDocument) -> list:
    heard = []
    d.subscribe(lambda _doc, key: heard.append(key))
    return heard


# ------------------------------------------------------------------ the annotation


def test_a_saved_annotation_round_trips_with_the_images_size_and_the_draft():
    saved = {"shapes": [{"id": "a", "type": "box", "label": "car", "points": [[50, 40], [10, 20]]},
                        {"id": "b", "type": "point", "label": "sign", "points": [[5, 6]]},
                        {"id": "c", "type": "polygon", "label": "x", "points": [[1, 1]]}],  # invalid: dropped
             "tags": {"weather": "rain", "contents": ["crowd"]},
             "draft": {"type": "polygon", "label": "person", "points": [[1, 2], [3, 4]]}}
    d = doc(saved)
    out = d.annotation()
    assert out["format"] == "annotator-image/1"
    assert out["image"] == {"width": 320, "height": 240, "orientation": 1}
    assert [(s["id"], s["points"]) for s in out["shapes"]] == [("a", [[10, 20], [50, 40]]), ("b", [[5, 6]])]
    assert out["tags"] == {"weather": "rain", "contents": ["crowd"]}
    assert out["draft"] == {"type": "polygon", "label": "person", "points": [[1, 2], [3, 4]]}
    assert json.loads(json.dumps(out)) == out
    assert doc(out).annotation() == out
    assert not d.history.can_undo()


def test_a_fresh_item_and_a_draft_that_is_not_a_polygon():
    assert doc(None).annotation()["shapes"] == []
    d = doc({"draft": {"type": "box", "label": "car", "points": [[1, 2]]}})
    assert d.draft is None and d.annotation()["draft"] is None


# ------------------------------------------------------------------ adding


def test_a_point_is_placed_inside_the_image_selected_and_undone():
    d = doc()
    heard = listen(d)
    d.add_point((400, -5), "car")
    assert points(d) == [[320, 0]] and d.selected == "s1"
    assert heard == [None]  # a discrete edit: the view saves it at once
    assert d.undo() and d.annotation()["shapes"] == [] and d.selected is None
    assert d.redo() and d.selected == "s1"


def test_a_box_is_normalised_clipped_and_a_click_is_not_a_box():
    d = doc()
    assert d.add_box((10, 10), (11, 30), "car", min_size=3) is None  # 1 pixel wide: a click
    assert not d.history.can_undo()
    box = d.add_box((300, 200), (500, 100), "car", min_size=3)
    assert box.points == ((300.0, 100.0), (320.0, 200.0)) and d.selected == box.id


def test_shape_ids_stay_unique_after_deletes():
    d = doc()
    for x in (10, 20, 30):
        d.add_point((x, x), "car")
    d.select("s2")
    d.delete_selected()
    d.add_point((40, 40), "car")
    assert [s.id for s in d.shapes] == ["s1", "s3", "s4"]


def test_copying_the_previous_items_shapes_clips_them_and_skips_what_falls_outside():
    d = doc(width=100, height=80)
    d.add_point((5, 5), "car")
    previous = [Shape("s1", "box", "car", ((50, 40), (150, 120))),
                Shape("s2", "box", "person", ((200, 200), (300, 300))),  # entirely outside: no area left
                Shape("s3", "point", "sign", ((500, 10),)),
                Shape("s9", "polygon", "car", ((10, 10), (20, 10), (15, 30)))]
    assert d.copy_shapes(previous) == 3
    assert [(s.id, s.type, s.points) for s in d.shapes[1:]] == [
        ("s2", "box", ((50.0, 40.0), (100.0, 80.0))), ("s3", "point", ((100.0, 10.0),)),
        ("s4", "polygon", ((10.0, 10.0), (20.0, 10.0), (15.0, 30.0)))]
    assert d.selected is None
    d.undo()  # one step
    assert len(d.shapes) == 1


# ------------------------------------------------------------------ changing


def test_duplicate_moves_right_and_down_or_back_at_the_edge():
    d = doc(width=100, height=100)
    d.add_box((10, 10), (30, 30), "car")
    copy = d.duplicate_selected(5)
    assert copy.points == ((15, 15), (35, 35)) and d.selected == copy.id
    d.add_box((80, 90), (98, 99), "person")
    edge = d.duplicate_selected(5)
    assert edge.points == ((75, 85), (93, 94))
    d.select(None)
    assert d.duplicate_selected(5) is None


def test_delete_takes_the_selected_vertex_while_a_polygon_keeps_three_else_the_shape():
    d = doc()
    square = [(10, 10), (50, 10), (50, 50), (10, 50)]
    d.add_point((1, 1), "car")
    for p in square:
        d.draft_click(p, "car", 2)
    d.finish_polygon()
    d.select("s2", 1)
    d.delete_selected()
    assert d.shapes[1].points == ((10, 10), (50, 50), (10, 50)) and d.selected_vertex == 1
    d.delete_selected()  # three left: the polygon goes
    assert [s.id for s in d.shapes] == ["s1"] and d.selected is None
    d.delete_selected()  # nothing selected: nothing happens
    assert len(d.shapes) == 1
    d.undo()
    assert len(d.shapes[1].points) == 3 and d.selected == "s2"


def test_relabel_and_tags():
    d = doc()
    d.add_point((1, 1), "car")
    steps = len(d.history)
    d.relabel_selected("car")
    assert len(d.history) == steps  # the same label: no step
    d.relabel_selected("sign")
    assert d.shapes[0].label == "sign"
    d.toggle_tag("weather", "rain")
    d.toggle_tag("weather", "night")
    d.toggle_tag("contents", "traffic")
    d.toggle_tag("contents", "crowd")
    assert d.tags == {"weather": "night", "contents": ["crowd", "traffic"]}  # in the pack's order
    d.toggle_tag("weather", "night")  # a single choice can be cleared
    d.toggle_tag("contents", "crowd")
    d.toggle_tag("contents", "traffic")
    d.toggle_tag("nope", "x")  # not a tag of the pack
    assert d.tags == {}
    for _ in range(3):
        d.undo()
    assert d.tags == {"weather": "night", "contents": ["crowd", "traffic"]}


def test_insert_vertex_by_key_after_the_selected_one_or_at_a_point():
    d = doc()
    for p in ((10, 10), (50, 10), (50, 50)):
        d.draft_click(p, "car", 2)
    d.finish_polygon()
    d.insert_vertex()  # no vertex selected: after the last one, on the closing edge
    assert d.shapes[0].points[-1] == (30, 30) and d.selected_vertex == 3
    d.select("s1", 0)
    d.insert_vertex()
    assert d.shapes[0].points[1] == (30, 10) and d.selected_vertex == 1
    d.insert_vertex(2, (40, 8))
    assert d.shapes[0].points[2] == (40, 8) and d.selected_vertex == 2
    d.add_point((5, 5), "car")
    steps = len(d.history)
    d.insert_vertex()  # a point has no edges
    assert len(d.history) == steps


def test_nudges_stay_inside_merge_into_one_step_and_are_each_saved():
    clock = Clock()
    d = doc(clock=clock)
    d.add_box((10, 10), (30, 30), "car")
    heard = listen(d)
    for _ in range(3):
        d.nudge(-4, 1)
    assert d.shapes[0].points == ((0, 13), (20, 33))  # stopped at the left edge
    assert heard == [None, None, None]  # each nudge is saved at once
    d.undo()
    assert d.shapes[0].points == ((10, 10), (30, 30))  # one step
    d.redo()
    clock.now += 10  # a nudge much later is a step of its own
    d.nudge(1, 0)
    d.undo()
    assert d.shapes[0].points == ((0, 13), (20, 33))


def test_nudging_a_box_corner_across_the_other_resizes_it_and_follows_the_corner():
    d = doc()
    d.add_box((10, 10), (30, 30), "car")
    d.select(d.selected, 2)  # the bottom-right corner
    d.nudge(-25, 0)  # across the left side
    assert d.shapes[0].points == ((5, 10), (10, 30))
    assert d.selected_vertex == 3  # now the bottom-left corner


# ------------------------------------------------------------------ dragging


def test_a_drag_is_saved_as_it_goes_and_committed_as_one_step():
    d = doc()
    d.add_box((10, 10), (30, 30), "car")
    heard = listen(d)
    assert d.begin_drag("s1")
    d.drag_by(5, 5, (0, 0))
    d.drag_by(400, 7, (0, 0))  # stops at the right edge
    assert heard == [DRAG, DRAG]  # continuous: the view saves it within its save delay
    assert points(d) == [[300, 17], [320, 37]]  # what is saved while dragging
    assert d.shapes[0].points == ((10, 10), (30, 30))  # not an undo step yet
    assert d.end_drag() and heard[-1] is None
    assert d.shapes[0].points == ((300, 17), (320, 37))
    d.undo()
    assert points(d) == [[10, 10], [30, 30]]


def test_a_drag_that_never_moved_changes_nothing_and_a_vertex_drag_edits_the_vertex():
    d = doc()
    d.add_box((10, 10), (30, 30), "car")
    steps = len(d.history)
    d.begin_drag("s1")
    assert not d.end_drag() and len(d.history) == steps
    d.begin_drag("s1", 0)  # the top-left corner, dragged past the bottom-right one
    d.drag_by(0, 0, (40, 50))
    assert d.moving[1].points == ((30, 30), (40, 50)) and d.selected_vertex == 2
    d.drag_by(0, 0, (-5, 5))  # and back past the top-left, clamped to the image: (30, 30) stays
    d.end_drag()
    assert d.shapes[0].points == ((0, 5), (30, 30)) and d.selected_vertex == 0
    assert not d.begin_drag("nope")


def test_undo_during_a_drag_drops_the_drag():
    d = doc()
    d.add_box((10, 10), (30, 30), "car")
    d.begin_drag("s1")
    d.drag_by(5, 5, (0, 0))
    d.undo()
    assert d.shapes == () and not d.dragging and d.annotation()["shapes"] == []
    assert not d.end_drag()


# ------------------------------------------------------------------ drawing a polygon


def test_a_polygon_is_drawn_vertex_by_vertex_saved_as_a_draft_and_closed_on_its_first_point():
    d = doc()
    heard = listen(d)
    for p in ((10, 10), (50, 10), (50, 10), (50, 50)):  # a double click adds a vertex once
        assert d.draft_click(p, "person", close_within=3) == "added"
    assert d.annotation()["draft"]["points"] == [[10, 10], [50, 10], [50, 50]]
    assert heard == [None] * 4  # every vertex is saved at once
    assert not d.history.can_undo()  # but a draft is not an undo step
    assert d.draft_click((11, 12), "car", close_within=3) == "closed"
    [shape] = d.shapes
    assert (shape.type, shape.label, len(shape.points)) == ("polygon", "person", 3)
    assert d.draft is None and d.annotation()["draft"] is None and d.selected == shape.id


def test_a_draft_loses_vertices_is_relabelled_cancelled_or_dropped_by_undo():
    d = doc()
    d.add_point((1, 1), "car")
    d.draft_click((10, 10), "car", 3)
    d.draft_click((20, 10), "car", 3)
    d.draft_pop()
    assert d.draft.points == ((10, 10),)
    d.relabel_draft("sign")
    assert d.annotation()["draft"]["label"] == "sign"
    d.draft_pop()
    assert d.draft is None
    d.draft_click((10, 10), "car", 3)
    assert d.finish_polygon() is None and d.draft is None  # under three vertices: dropped
    d.draft_click((10, 10), "car", 3)
    assert d.cancel_draft() and not d.cancel_draft()
    d.draft_click((10, 10), "car", 3)
    assert d.undo()  # the draft goes first, with the last edit
    assert d.draft is None and d.shapes == ()
    d.draft_click((10, 10), "car", 3)
    assert d.undo() and d.draft is None  # nothing left to undo: the draft alone goes


# ------------------------------------------------------------------ selection through undo


def test_undo_selects_what_the_undone_edit_changed():
    d = doc()
    a = d.add_point((10, 10), "car")
    b = d.add_point((20, 20), "car")
    assert d.selected == b.id
    d.select(a.id)
    d.delete_selected()
    d.undo()
    assert d.selected == a.id  # the deleted shape is back, selected
    d.redo()
    assert d.selected is None


def test_undo_has_no_step_limit():
    d = doc()
    for i in range(500):
        d.add_point((i % 300, 5), "car")
    while d.undo():
        pass
    assert d.shapes == () and len(d.history) == 501


def test_agreement_with_a_training_answer():
    d = doc()
    expected = {"shapes": [{"type": "box", "label": "car", "points": [[10, 10], [50, 50]]}], "tags": {}}
    assert d.agreement(None) is None
    assert not d.agreement(expected).passed
    d.add_box((10, 10), (50, 50), "car")
    assert d.agreement(expected).passed
    assert d.label_counts() == {"car": 1} and d.label_by_hotkey("2") == "person" and d.label_by_hotkey("9") is None


# ------------------------------------------------------------------ hit testing


def test_contains_uses_the_even_odd_rule_for_small_and_large_polygons():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert hits.contains(square, 5, 5) and not hits.contains(square, 15, 5)
    concave = [(0, 0), (10, 0), (10, 10), (5, 3), (0, 10)]  # a notch from the top
    assert hits.contains(concave, 1, 8) and not hits.contains(concave, 5, 8)
    import math

    circle = [(50 + 40 * math.cos(a / 100 * 2 * math.pi), 50 + 40 * math.sin(a / 100 * 2 * math.pi))
              for a in range(100)]  # numpy path
    assert hits.contains(circle, 50, 50) and hits.contains(circle, 85, 50) and not hits.contains(circle, 95, 50)
    assert not hits.contains([(0, 0), (1, 1)], 0.5, 0.5)


def test_near_edge_finds_the_closest_edge_and_the_point_on_it():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert hits.near_edge(square, 5, 1, tol=2) == (0, (5.0, 0.0))
    assert hits.near_edge(square, -1, 5, tol=2) == (3, (0.0, 5.0))  # the closing edge
    assert hits.near_edge(square, 5, 5, tol=2) is None


def test_handles_and_picking_the_smallest_shape_under_a_click():
    big = Shape("a", "box", "car", ((0, 0), (100, 100)))
    small = Shape("b", "box", "person", ((40, 40), (60, 60)))
    point = Shape("c", "point", "sign", ((50, 50),))
    far = Shape("d", "polygon", "car", ((200, 200), (210, 200), (205, 210)))
    assert hits.handles(big) == [(0, 0), (100, 0), (100, 100), (0, 100)]
    assert hits.handle_at(big, 99, 2, tol=3) == 1 and hits.handle_at(big, 50, 50, tol=3) is None
    index = hits.ShapeIndex([big, small, point, far])
    assert index.shape_at(50, 51, tol=2) == 2  # the point, within 1.3 x the reach
    assert index.shape_at(45, 45, tol=2) == 1  # inside both boxes: the smaller
    assert index.shape_at(10, 10, tol=2) == 0
    assert index.shape_at(150, 150, tol=2) is None
    assert index.shape_at(45, 45, tol=2, hidden={"person"}) == 0  # hidden labels cannot be picked
    assert index.shape_at(45, 45, tol=2, all_hidden=True) is None
    assert index.visible((195, 195, 300, 300)).tolist() == [3]
    index.replace(3, far.moved(-200, -200))  # a drag updates the bounds without a rebuild
    assert index.visible((195, 195, 300, 300)).tolist() == []


polygons = st.lists(st.tuples(st.floats(-50, 150), st.floats(-50, 150)), min_size=3, max_size=120)


@settings(max_examples=150, deadline=None)
@given(polygons, st.floats(-60, 160), st.floats(-60, 160))
def test_the_numpy_and_loop_hit_tests_agree(points_, x, y):
    loop_threshold = hits._VECTOR_FROM
    try:
        hits._VECTOR_FROM = 10 ** 9
        slow = hits.contains(points_, x, y), hits.near_edge(points_, x, y, 3.0)
    finally:
        hits._VECTOR_FROM = loop_threshold
    hits._VECTOR_FROM = 0
    try:
        fast = hits.contains(points_, x, y), hits.near_edge(points_, x, y, 3.0)
    finally:
        hits._VECTOR_FROM = loop_threshold
    assert fast[0] == slow[0] or _on_boundary(points_, x, y)
    assert (fast[1] is None) == (slow[1] is None) or _about(points_, x, y, 3.0)
    if fast[1] is not None and slow[1] is not None:  # the same distance (a tie may pick another edge)
        assert _distance(fast[1][1], x, y) == pytest.approx(_distance(slow[1][1], x, y), abs=1e-6)


def _distance(p, x, y) -> float:
    return ((p[0] - x) ** 2 + (p[1] - y) ** 2) ** 0.5


def _on_boundary(points_, x, y) -> bool:
    return hits.near_edge(points_, x, y, 1e-6) is not None or any(abs(py - y) < 1e-9 for _, py in points_)


def _about(points_, x, y, tol) -> bool:  # a distance that equals the reach up to rounding
    return hits.near_edge(points_, x, y, tol * (1 + 1e-9)) is not None and \
        hits.near_edge(points_, x, y, tol * (1 - 1e-9)) is None


# ------------------------------------------------------------------ any sequence of edits

coords = st.tuples(st.floats(-50, 400, allow_nan=False), st.floats(-50, 300, allow_nan=False))
edits = st.lists(st.one_of(
    st.tuples(st.just("point"), coords),
    st.tuples(st.just("box"), coords, coords),
    st.tuples(st.just("draft"), coords),
    st.tuples(st.just("finish")),
    st.tuples(st.just("select"), st.integers(0, 8), st.none() | st.integers(0, 5)),
    st.tuples(st.just("delete")),
    st.tuples(st.just("duplicate")),
    st.tuples(st.just("nudge"), st.floats(-30, 30), st.floats(-30, 30)),
    st.tuples(st.just("insert")),
    st.tuples(st.just("relabel"), st.sampled_from(["car", "person", "sign"])),
    st.tuples(st.just("tag"), st.sampled_from(["weather", "contents"]), st.sampled_from(["rain", "crowd"])),
    st.tuples(st.just("drag"), st.integers(0, 8), st.none() | st.integers(0, 3), coords),
    st.tuples(st.just("undo")), st.tuples(st.just("redo"))), max_size=40)


def _play(d: ImageDocument, edit) -> None:
    kind, *args = edit
    if kind == "point":
        d.add_point(args[0], "car")
    elif kind == "box":
        d.add_box(args[0], args[1], "person", min_size=1)
    elif kind == "draft":
        d.draft_click(args[0], "sign", 2)
    elif kind == "finish":
        d.finish_polygon()
    elif kind == "select" and d.shapes:
        shape = d.shapes[args[0] % len(d.shapes)]
        vertex = None if args[1] is None else args[1] % len(hits.handles(shape))
        d.select(shape.id, vertex)
    elif kind == "delete":
        d.delete_selected()
    elif kind == "duplicate":
        d.duplicate_selected(10)
    elif kind == "nudge":
        d.nudge(*args)
    elif kind == "insert":
        d.insert_vertex()
    elif kind == "relabel":
        d.relabel_selected(args[0])
    elif kind == "tag":
        d.toggle_tag(*args)
    elif kind == "drag" and d.shapes:
        shape = d.shapes[args[0] % len(d.shapes)]
        vertex = None if args[1] is None else args[1] % len(hits.handles(shape))
        d.begin_drag(shape.id, vertex)
        d.drag_by(args[2][0] / 3, args[2][1] / 3, args[2])
        d.end_drag()
    elif kind == "undo":
        d.undo()
    elif kind == "redo":
        d.redo()


@settings(max_examples=200, deadline=None)
@given(edits)
def test_any_edits_keep_a_valid_annotation_inside_the_image_and_undo_back_to_the_start(sequence):
    start = {"shapes": [{"id": "s1", "type": "box", "label": "car", "points": [[10, 10], [60, 40]]}],
             "tags": {"weather": "sunny"}}
    d = doc(start)
    first = d.annotation()
    for edit in sequence:
        _play(d, edit)
        saved = d.annotation()
        assert json.loads(json.dumps(saved)) == saved
        ids = [s["id"] for s in saved["shapes"]]
        assert len(set(ids)) == len(ids)
        for shape in saved["shapes"]:
            assert shape_problem(shape) is None, shape
            assert all(0 <= x <= 320 and 0 <= y <= 240 for x, y in shape["points"]), shape
        assert d.selected is None or d.index(d.selected) is not None
    d.cancel_draft()
    while d.redo():
        pass
    newest = d.annotation()
    while d.undo():
        pass
    assert d.annotation() == first
    while d.redo():
        pass
    assert d.annotation() == newest


def test_the_rules_load_no_qt():
    code = ("import sys; import annotator_image.document, annotator_image.hits, annotator_image.imageio, "
            "annotator_image.limits, annotator_image.plugin, annotator_image.exporters; "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt loaded'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                   env={"PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}", "PATH": "/usr/bin:/bin"})
