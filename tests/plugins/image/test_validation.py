"""Task settings and items of image packs: every problem named, hostile values refused."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from annotator.core.packs import PackError
from annotator_image import plugin
from tests.plugins.image.conftest import LABELS, image_pack, image_task


def test_a_good_task_has_no_problem():
    assert plugin.validate_task(image_task(min_iou=0.6, point_radius=8)) == []


def test_every_problem_is_named():
    task = {"tools": ["box", "lasso"],
            "labels": [{"name": "car", "hotkey": "1", "color": "red"}, {"name": "car", "hotkey": "1"},
                       {"name": "", "hotkey": "0"}],
            "tags": [{"name": "weather", "choices": []}, {"name": "weather", "choices": ["a", "a"]},
                     {"name": "x", "choices": ["a"], "multiple": "yes"}],
            "min_iou": 2}
    problems = plugin.validate_task(task)
    text = "\n".join(problems)
    for words in ("tools must be", "labels[0].color", "labels[1].name 'car' is used twice", "labels[1].hotkey",
                  "labels[2].name", "labels[2].hotkey", "tags[0].choices", "tags[1].name 'weather' is used twice",
                  "tags[1].choices has a choice twice", "tags[2].multiple", "min_iou"):
        assert words in text, words


def test_expected_shapes_of_training_items_are_checked():
    task = image_task()
    good = {"id": "t", "media": "m.png", "training": True,
            "expected": {"shapes": [{"type": "box", "label": "car", "points": [[0, 0], [5, 5]]}]}}
    assert plugin.validate_item(good, task) == []
    bad = {"id": "t", "expected": {"shapes": [{"type": "box", "label": "tree", "points": [[0, 0], [5, 5]]},
                                              {"type": "polygon", "label": "car", "points": [[0, 0], [1, 1]]},
                                              {"type": "point", "label": "car", "points": [[0, float("nan")]]}]}}
    problems = plugin.validate_item(bad, task)
    assert len(problems) == 3 and "'tree'" in problems[0] and "3 points" in problems[1] and "finite" in problems[2]
    assert plugin.validate_item({"id": "t", "expected": []}, task)


@settings(max_examples=80, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=6), c, max_size=4),
                    max_leaves=20))
def test_no_task_or_item_makes_validation_raise(value):
    task = {"labels": value} if not isinstance(value, dict) else value
    assert isinstance(plugin.validate_task(task), list)
    assert isinstance(plugin.validate_item({"id": "x", "expected": value}, image_task()), list)
    from annotator_image.model import ImageAnnotation

    ImageAnnotation.from_json(value if isinstance(value, dict) else {"shapes": value, "tags": value})


def test_pack_with_bad_expected_shapes_is_refused_on_import(tmp_path, store, registry):
    from annotator.core.library import import_pack

    items = [{"id": "t", "media": "media/t.png", "training": True,
              "expected": {"shapes": [{"type": "box", "label": "tree", "points": [[0, 0], [5, 5]]}]}}]
    with pytest.raises(PackError) as err:
        import_pack(image_pack(tmp_path / "p", items=items), store, registry)
    assert any("items.jsonl:1" in str(p) and "tree" in str(p) for p in err.value.problems)


def test_labels_fixture_matches_the_demo_pack_layout():
    assert [lb["hotkey"] for lb in LABELS] == ["1", "2", "3"]
