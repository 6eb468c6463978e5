"""The Qt-free model: task settings, items, display order, cleaning saved annotations."""
from __future__ import annotations

import copy
from pathlib import Path

from annotator.core import packs
from annotator_rating import model

from tests.plugins.rating.conftest import FULL_TASK, PAIR_ITEM, THREE_ITEM, WRITE_ITEM

DEMO = Path(__file__).resolve().parents[3] / "annotator" / "resources" / "demo-packs" / "assistant-answers"


def test_full_task_is_valid_and_parsed():
    task, problems = model.parse_task(FULL_TASK)
    assert problems == []
    assert task.modes == tuple(model.MODES)
    assert [c.id for c in task.criteria] == ["helpfulness", "correctness"]
    assert task.criteria[0].anchor(1) == "Useless" and task.criteria[0].values == [1, 2, 3, 4, 5]
    assert task.rubric[0].needs_why(False) and not task.rubric[0].needs_why(True)
    assert [f.id for f in task.flags] == ["hate", "self_harm", "personal_data"]
    assert [v.id for v in task.verdicts] == ["broke", "partial", "held"]


def test_placeholder_packs_still_validate():
    """Packs written for the placeholder (``modes = ["likert"]`` only) get one overall criterion."""
    task, problems = model.parse_task({"modes": ["likert"]})
    assert problems == [] and [c.id for c in task.criteria] == ["overall"]


def test_every_task_problem_is_reported_with_its_key():
    bad = copy.deepcopy(FULL_TASK)
    bad["modes"] = ["likert", "stars"]
    bad["criteria"][0]["max"] = 40
    bad["criteria"][1]["anchors"] = {"9": "beyond the scale"}
    bad["rubric"][0]["justification"] = "sometimes"
    bad["pairwise"] = {"levels": 5}
    bad["flagz"] = []
    problems = model.parse_task(bad)[1]
    text = "\n".join(problems)
    for expected in ("'stars'", "criteria[0]", "criteria[1].anchors", "rubric[0].justification",
                     "pairwise.levels", "unknown key flagz"):
        assert expected in text, (expected, problems)
    assert model.parse_task({"modes": ["rubric"]})[1] == [
        "rubric must be a non-empty list of tables ([[task.rubric]]: id, label, justification, min_length)"]


def test_item_problems():
    task = model.task_of(FULL_TASK)
    assert model.item_problems(PAIR_ITEM, task) == []
    assert model.item_problems(THREE_ITEM, task) == []
    assert model.item_problems(WRITE_ITEM, task) == []
    dup = {**PAIR_ITEM, "responses": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}
    assert any("used twice" in p for p in model.item_problems(dup, task))
    pairwise_only = model.task_of({"modes": ["pairwise"]})
    assert any("exactly two" in p for p in model.item_problems(THREE_ITEM, pairwise_only))
    assert any("none of the pack's modes" in p for p in model.item_problems(
        {**PAIR_ITEM, "responses": PAIR_ITEM["responses"][:1]}, pairwise_only))
    no_writing = model.task_of({"modes": ["likert"]})
    assert any("prompt_writing" in p for p in model.item_problems(WRITE_ITEM, no_writing))
    odd = {**PAIR_ITEM, "sensitive": "yes", "colour": 1, "conversation": [{"role": "robot", "text": 1}]}
    problems = model.item_problems(odd, task)
    assert any("'sensitive'" in p for p in problems) and any("colour" in p for p in problems)
    assert any("conversation[0]" in p for p in problems)


def test_item_modes_split_pairs_and_rankings():
    task = model.task_of(FULL_TASK)
    assert "pairwise" in model.item_modes(PAIR_ITEM, task) and "ranking" not in model.item_modes(PAIR_ITEM, task)
    assert "ranking" in model.item_modes(THREE_ITEM, task) and "pairwise" not in model.item_modes(THREE_ITEM, task)
    assert model.item_modes(WRITE_ITEM, task) == ("prompt_writing",)


def test_display_order_is_deterministic_recorded_and_balanced():
    ids = ["a", "b"]
    first = [model.display_order(ids, "p", f"item-{i}", "salt") for i in range(200)]
    assert first == [model.display_order(ids, "p", f"item-{i}", "salt") for i in range(200)]
    swapped = sum(order == ["b", "a"] for order in first)
    assert 70 < swapped < 130, swapped  # about half the pairs are shown swapped
    other_worker = [model.display_order(ids, "p", f"item-{i}", "another salt") for i in range(200)]
    assert other_worker != first
    assert model.display_order(ids, "p", "x", "salt", randomise=False) == ids


def test_clean_annotation_drops_what_does_not_fit_and_keeps_unknown_keys():
    task = model.task_of(FULL_TASK)
    raw = {"order": ["bad", "good"], "scores": {"good": {"helpfulness": 9, "correctness": 4}, "ghost": {"x": 1}},
           "pairwise": {"preferred": "good", "strength": 2}, "ranking": "nonsense",
           "flags": {"good": ["hate", "unknown"]}, "justification": 42, "future": {"kept": True}}
    clean = model.clean_annotation(raw, PAIR_ITEM, task, ["good", "bad"])
    assert clean["order"] == ["bad", "good"]
    assert clean["scores"] == {"good": {"correctness": 4}}
    assert clean["pairwise"] == {"shown": ["bad", "good"], "preferred": "good", "strength": 2, "levels": 3}
    assert clean["ranking"] == {} and clean["flags"] == {"good": ["hate"]}
    assert "justification" not in clean and clean["future"] == {"kept": True}
    assert model.clean_annotation("garbage", PAIR_ITEM, task, ["good", "bad"])["order"] == ["good", "bad"]


def test_pairwise_value_does_not_depend_on_what_was_shown_left():
    left_first = {"pairwise": {"shown": ["good", "bad"], "preferred": "good", "strength": 3}}
    right_first = {"pairwise": {"shown": ["bad", "good"], "preferred": "good", "strength": 3}}
    assert model.pairwise_value(left_first, PAIR_ITEM) == model.pairwise_value(right_first, PAIR_ITEM) == 3
    assert model.pairwise_value({"pairwise": {"shown": ["bad", "good"], "preferred": "bad", "strength": 1}},
                                PAIR_ITEM) == -1
    assert model.preference(right_first) == ("good", "bad", 3)
    assert model.preference({"pairwise": {"shown": ["a", "b"], "preferred": None, "strength": 0}}) is None


def test_quality_aids():
    assert model.identical_scores({"scores": {"a": {"x": 3, "y": 3}, "b": {"x": 3}}}) == 3
    assert model.identical_scores({"scores": {"a": {"x": 3, "y": 4}, "b": {"x": 3}}}) is None
    assert model.identical_scores({"scores": {"a": {"x": 3}}}) is None  # too few to say anything
    assert model.much_faster(5, [60, 70, 80, 65, 75]) == 70
    assert model.much_faster(40, [60, 70, 80, 65, 75]) is None
    assert model.much_faster(1, [60, 70]) is None  # not enough of the worker's own history


def test_missing_notes_name_what_the_pack_asks_for():
    task = model.task_of(FULL_TASK)
    notes = {n.code for n in model.missing_notes({}, PAIR_ITEM, task, ["good", "bad"])}
    assert notes == {"scores_missing", "pairwise_missing", "rubric_missing", "justification_short"}
    short_why = {"rubric": {"good": {"cites": {"pass": False, "why": "no"}}}}
    notes = model.missing_notes(short_why, PAIR_ITEM, task, ["good", "bad"])
    assert any(n.code == "rubric_why_short" and n.args[1] == "A" for n in notes)
    assert {n.code for n in model.missing_notes({}, WRITE_ITEM, task, [])} == {"no_prompt"}


def test_is_empty():
    assert model.is_empty(None) and model.is_empty({"format": "rating/1", "order": ["a", "b"]})
    assert not model.is_empty({"flags": {"a": ["hate"]}})
    assert not model.is_empty({"attempts": [{"prompt": "hi", "response": "", "verdict": None}]})
    assert model.is_empty({"attempts": [{"prompt": " ", "response": "", "verdict": None}], "justification": " "})


def test_demo_pack_validates_and_shows_every_mode(registry):
    validation = packs.validate_path(DEMO, registry)
    assert validation.ok, validation.problems
    manifest = validation.manifest
    task = model.task_of(manifest.task)
    items = list(packs.iter_items(DEMO))
    shown = {mode for item in items for mode in model.item_modes(item, task)}
    assert shown == set(task.modes) and {"likert", "pairwise", "ranking", "prompt_writing"} <= shown
    assert any(item.get("sensitive") for item in items) and any(item.get("direction") == "rtl" for item in items)


def test_a_huge_response_is_refused_with_a_clear_message(tmp_path, registry):
    from tests.packs import write_pack

    huge = {**PAIR_ITEM, "responses": [{"id": "a", "text": "x" * (10 * 1024 * 1024)}, {"id": "b", "text": "y"}]}
    root = write_pack(tmp_path / "huge", kind="rating", items=[huge, dict(THREE_ITEM)], task=FULL_TASK)
    validation = packs.validate_path(root, registry)
    assert not validation.ok
    assert any(str(p).startswith("items.jsonl:1") for p in validation.problems), validation.problems


def test_summary_for_lists():
    from annotator_rating import plugin

    annotation = {"scores": {"a": {"x": 4, "y": 2}}, "flags": {"b": ["hate"]},
                  "pairwise": {"shown": ["b", "a"], "preferred": "a", "strength": 1, "levels": 3}}
    assert plugin.summary(annotation) == "scores: 2 · B better · flags: 1"
    assert plugin.summary(None) == "" and plugin.is_empty({"order": ["a"]})
