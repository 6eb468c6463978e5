"""IoU and agreement, without Qt (the lab's merge uses the same functions)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from annotator_image.geometry import (compare_annotations, iou, match_shapes, mean_iou, polygon_area,
                                      polygon_iou, shape_area)


def box(x0, y0, x1, y1, label="car"):
    return {"type": "box", "label": label, "points": [[x0, y0], [x1, y1]]}


def poly(points, label="car"):
    return {"type": "polygon", "label": label, "points": [list(p) for p in points]}


def point(x, y, label="sign"):
    return {"type": "point", "label": label, "points": [[x, y]]}


L_SHAPE = [(0, 0), (10, 0), (10, 5), (5, 5), (5, 10), (0, 10)]


def test_box_iou_by_hand():
    assert iou(box(0, 0, 10, 10), box(5, 0, 15, 10)) == pytest.approx(50 / 150)
    assert iou(box(0, 0, 10, 10), box(0, 0, 10, 10)) == 1.0
    assert iou(box(0, 0, 10, 10), box(10, 0, 20, 10)) == 0.0
    # corners given in any order are the same box
    assert iou(box(10, 10, 0, 0), box(0, 0, 10, 10)) == 1.0


def test_polygon_iou_exact_when_one_is_convex_and_close_otherwise():
    assert polygon_area(L_SHAPE) == 75
    # concave L against the box around it: 75 / 100, exact
    assert iou(poly(L_SHAPE), box(0, 0, 10, 10)) == pytest.approx(0.75, abs=1e-9)
    # triangle against its box
    assert iou(poly([(0, 0), (10, 0), (0, 10)]), box(0, 0, 10, 10)) == pytest.approx(0.5, abs=1e-9)
    # two concave polygons: intersection 25, union 125 (raster, within 0.01)
    shifted = [(x + 5, y) for x, y in L_SHAPE]
    assert polygon_iou(L_SHAPE, shifted) == pytest.approx(0.2, abs=0.01)


def test_points_agree_by_distance_and_never_with_areas():
    assert iou(point(10, 10), point(10, 10)) == 1.0
    assert iou(point(10, 10), point(15, 10)) == pytest.approx(0.5)
    assert iou(point(10, 10), point(30, 10)) == 0.0
    assert iou(point(5, 5, "car"), box(0, 0, 10, 10)) == 0.0
    assert shape_area(point(1, 1)) == 0


def test_training_agreement_names_missed_extra_and_weak_shapes():
    expected = {"shapes": [box(0, 0, 100, 100), box(200, 200, 300, 300, "person"), point(50, 50)],
                "tags": {"weather": "rain"}}
    actual = {"shapes": [box(0, 0, 100, 90), box(250, 250, 350, 350, "person"), box(500, 500, 510, 510)],
              "tags": {"weather": "sunny"}}
    result = compare_annotations(expected, actual, threshold=0.5)
    assert [(m.expected, m.actual) for m in result.matches] == [(0, 0), (1, 1)]
    assert result.matches[0].iou == pytest.approx(0.9)
    assert result.matches[1].iou == pytest.approx(2500 / 17500)
    assert [m.expected for m in result.weak] == [1]
    assert result.missed == [2] and result.extra == [2]
    assert result.tag_mismatches == ["weather"]
    assert not result.passed
    assert result.mean_iou == pytest.approx((0.9 + 2500 / 17500) / 4)
    good = compare_annotations(expected, {"shapes": expected["shapes"], "tags": {"weather": "rain"}})
    assert good.passed and good.mean_iou == 1.0


def test_labels_must_match_and_greedy_pairs_best_first():
    a = [box(0, 0, 10, 10), box(1, 0, 11, 10)]
    b = [box(1, 0, 11, 10, "person"), box(0, 0, 10, 10)]
    result = match_shapes(a, b)
    assert [(m.expected, m.actual) for m in result.matches] == [(0, 1)]
    assert result.missed == [1] and result.extra == [0]


boxes = st.tuples(st.floats(0, 500), st.floats(0, 500), st.floats(1, 300), st.floats(1, 300)).map(
    lambda t: box(t[0], t[1], t[0] + t[2], t[1] + t[3]))


@settings(max_examples=60, deadline=None)
@given(st.lists(boxes, max_size=6), st.lists(boxes, max_size=6))
def test_mean_iou_is_symmetric_and_bounded(a, b):
    forward, backward = mean_iou(a, b), mean_iou(b, a)
    assert 0.0 <= forward <= 1.0
    assert forward == pytest.approx(backward)
    if a:
        assert mean_iou(a, a) == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(boxes, boxes)
def test_polygon_path_agrees_with_box_formula(a, b):
    (x0, y0), (x1, y1) = a["points"]
    as_polygon = poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    assert iou(as_polygon, b) == pytest.approx(iou(a, b), abs=1e-6)
