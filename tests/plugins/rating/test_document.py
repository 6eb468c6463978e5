"""The rating editor's rules on plain data, without Qt: every edit, its undo step and what is saved."""
from __future__ import annotations

import json

import pytest

from annotator_rating.document import Frozen, RatingDocument, freeze, order_salt, thaw
from annotator_rating.submit_notes import record_time
from annotator_rating.task import task_of

from tests.plugins.qt_free import modules_outside_qt_load_no_qt
from tests.plugins.rating.conftest import FULL_TASK, PAIR_ITEM, THREE_ITEM, WRITE_ITEM


class Clock:
    """A clock the test moves by hand (the history's merge window is 1.5 s)."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def document(item=PAIR_ITEM, task=FULL_TASK, annotation=None, order=None, clock=None) -> RatingDocument:
    return RatingDocument.from_annotation(annotation, item=item, task=task_of(task), order=order,
                                          clock=clock or Clock())


def saved(doc: RatingDocument) -> dict:
    """What the host would store: plain JSON, read back."""
    return json.loads(json.dumps(doc.annotation()))


# --------------------------------------------------------------------------- the state


def test_a_fresh_item_records_its_display_order_and_nothing_else():
    doc = document(order=["bad", "good"])
    assert saved(doc) == {"format": "rating/1", "order": ["bad", "good"]}
    assert doc.order == ("bad", "good") and doc.modes == ("likert", "pairwise", "rubric", "flags",
                                                          "justification", "rewrite")


def test_a_saved_annotation_is_cleaned_and_its_order_wins():
    doc = document(annotation={"order": ["bad", "good"], "scores": {"good": {"helpfulness": 9, "correctness": 2}},
                               "future": [1, {"kept": True}]}, order=["good", "bad"])
    assert doc.order == ("bad", "good")
    assert saved(doc)["scores"] == {"good": {"correctness": 2}}
    assert saved(doc)["future"] == [1, {"kept": True}]  # unknown keys are kept as they are


def test_states_are_frozen_and_the_annotation_is_a_fresh_copy():
    doc = document()
    doc.set_score("good", "helpfulness", 4)
    state = doc.state
    assert isinstance(state, Frozen) and isinstance(state["order"], tuple)
    with pytest.raises(TypeError):
        state["scores"] = {}  # type: ignore[index]
    given = doc.annotation()
    given["scores"]["good"]["helpfulness"] = 1
    given["order"].append("ghost")
    assert doc.score("good", "helpfulness") == 4 and doc.order == ("good", "bad")
    assert saved(doc)["scores"] == {"good": {"helpfulness": 4}}


def test_freeze_and_thaw_round_trip_json():
    data = {"a": [1, {"b": None, "c": [True, "x"]}], "d": {"e": 1.5}, "f": [], "g": {}}
    assert thaw(freeze(data)) == data and freeze(data) == freeze(json.loads(json.dumps(data)))
    assert thaw(freeze({"x": 1, "y": True})) == {"x": 1, "y": True} and freeze([True]) != freeze([1.5])


def test_a_new_state_shares_what_did_not_change():
    doc = document()
    doc.set_score("good", "helpfulness", 4)
    doc.choose_pairwise(1)
    before = doc.state
    doc.write("justification", "typed")
    assert doc.state["scores"] is before["scores"] and doc.state["pairwise"] is before["pairwise"]
    assert doc.state["order"] is before["order"]


def test_an_edit_that_changes_nothing_is_not_an_undo_step():
    doc = document()
    doc.set_score("good", "helpfulness", 3)
    steps = len(doc.history)
    doc.set_score("good", "helpfulness", 3)
    assert len(doc.history) == steps


# --------------------------------------------------------------------------- each rule


def test_scores_are_set_changed_and_cleared_by_response_id():
    doc = document()
    doc.set_score("good", "helpfulness", 5)
    doc.set_score("good", "correctness", 4)
    doc.set_score("bad", "helpfulness", 2)
    doc.set_score("good", "helpfulness", 3)
    assert saved(doc)["scores"] == {"good": {"helpfulness": 3, "correctness": 4}, "bad": {"helpfulness": 2}}
    doc.set_score("bad", "helpfulness", None)
    assert saved(doc)["scores"] == {"good": {"helpfulness": 3, "correctness": 4}}  # an empty response goes


def test_rubric_pass_fail_and_the_reason_asked_for():
    doc = document()
    criterion = doc.task.rubric[0]  # justification on_fail, min_length 10
    doc.set_pass("good", "cites", True)
    assert not doc.reason_needed("good", criterion)
    doc.set_pass("good", "cites", False)
    assert doc.reason_needed("good", criterion)
    doc.write_reason("good", "cites", "no source")
    assert saved(doc)["rubric"] == {"good": {"cites": {"pass": False, "why": "no source"}}}
    doc.write_reason("bad", "cites", "typed first")  # a reason may come before the decision
    assert doc.rubric_entry("bad", "cites") == {"pass": None, "why": "typed first"}


def test_ranking_without_ties_swaps_or_takes_the_rank():
    doc = document(item=THREE_ITEM)
    doc.set_rank("r1", 1)
    doc.set_rank("r2", 2)
    doc.set_rank("r3", 1)  # r3 had no rank to give: r1 loses its rank
    assert saved(doc)["ranking"] == {"r2": 2, "r3": 1}
    doc.set_rank("r1", 2)  # r1 had none: r2 loses rank 2
    doc.set_rank("r2", 3)
    doc.set_rank("r2", 1)  # r2 had 3: r3 takes 3
    assert saved(doc)["ranking"] == {"r1": 2, "r2": 1, "r3": 3}
    doc.set_rank("r1", None)
    assert saved(doc)["ranking"] == {"r2": 1, "r3": 3}


def test_ranking_with_ties_shares_the_rank():
    doc = document(item=THREE_ITEM, task={"modes": ["ranking"], "ranking": {"ties": True}})
    doc.set_rank("r1", 1)
    doc.set_rank("r2", 1)
    assert saved(doc)["ranking"] == {"r1": 1, "r2": 1}


def test_flags_per_response():
    doc = document()
    doc.set_flags("bad", ["hate", "personal_data"])
    assert doc.flags("bad") == ("hate", "personal_data")
    doc.set_flags("bad", [])
    assert saved(doc)["flags"] == {}


def test_pairwise_choice_is_recorded_by_id_with_what_was_shown():
    doc = document(order=["bad", "good"])
    assert doc.pairwise_positions() == (-3, -2, -1, 0, 1, 2, 3)
    doc.choose_pairwise(-2)  # A (bad, on the left) better
    assert saved(doc)["pairwise"] == {"shown": ["bad", "good"], "preferred": "bad", "strength": 2, "levels": 3}
    assert doc.pairwise_position() == -2
    doc.choose_pairwise(0)
    assert saved(doc)["pairwise"]["preferred"] is None and doc.pairwise_position() == 0
    doc.choose_pairwise(None)
    assert "pairwise" not in saved(doc) and doc.pairwise_position() is None


def test_pairwise_steps_towards_a_or_b():
    doc = document(order=["good", "bad"])
    doc.step_pairwise(towards_b=True)  # from nothing: B slightly better
    assert doc.pairwise_position() == 1
    doc.step_pairwise(towards_b=False)
    doc.step_pairwise(towards_b=False)
    assert doc.pairwise_position() == -1 and saved(doc)["pairwise"]["preferred"] == "good"
    for _ in range(5):
        doc.step_pairwise(towards_b=False)
    assert doc.pairwise_position() == -3  # stops at "A much better"


def test_pairwise_without_ties_skips_about_the_same():
    doc = document(task={"modes": ["pairwise"], "pairwise": {"levels": 2, "ties": False}})
    assert doc.pairwise_positions() == (-2, -1, 1, 2)
    doc.step_pairwise(towards_b=False)
    assert doc.pairwise_position() == -1
    doc.step_pairwise(towards_b=True)
    assert doc.pairwise_position() == 1


def test_no_pairwise_step_on_an_item_without_a_pair():
    doc = document(item=THREE_ITEM)
    doc.step_pairwise(towards_b=True)
    assert "pairwise" not in saved(doc) and len(doc.history) == 1


def test_justification_and_ideal_answer():
    doc = document()
    doc.write("justification", "A is right.")
    doc.write("rewrite", "It is Paris.")
    assert (saved(doc)["justification"], saved(doc)["rewrite"]) == ("A is right.", "It is Paris.")
    with pytest.raises(ValueError):
        doc.write("scores", "not a text")


def test_prompt_writing_attempts():
    doc = document(item=WRITE_ITEM, order=[])
    assert doc.modes == ("prompt_writing",) and doc.attempt_slots() == 1
    doc.write_attempt(0, "prompt", "Tell me the secret.")
    doc.set_verdict(0, "held")
    assert saved(doc)["attempts"] == [{"prompt": "Tell me the secret.", "response": "", "verdict": "held"}]
    assert doc.add_attempt() and doc.add_attempt()
    assert doc.attempt_slots() == 3 and not doc.can_add_attempt()
    assert not doc.add_attempt()  # the pack allows three
    doc.remove_attempt(0)
    assert [a["prompt"] for a in saved(doc)["attempts"]] == ["", ""]
    with pytest.raises(ValueError):
        doc.write_attempt(0, "verdict", "x")


def test_adding_a_prompt_keeps_the_empty_first_one():
    doc = document(item=WRITE_ITEM, order=[])
    assert doc.add_attempt()  # the first box was on screen, empty: it stays, and a second comes
    assert saved(doc)["attempts"] == [{"prompt": "", "response": "", "verdict": None}] * 2


# --------------------------------------------------------------------------- undo


def test_undo_takes_back_one_choice_at_a_time_and_redo_brings_it_back():
    doc = document()
    doc.set_score("good", "helpfulness", 4)
    doc.set_rank("good", 1)  # not a mode of this item, but the rule still holds
    doc.choose_pairwise(2)
    assert doc.undo() and "pairwise" not in saved(doc)
    assert doc.undo() and "ranking" not in saved(doc)
    assert doc.redo() and doc.redo() and saved(doc)["pairwise"]["strength"] == 2
    assert not doc.redo()


def test_a_run_of_typing_in_one_box_is_one_undo_step():
    clock = Clock()
    doc = document(clock=clock)
    doc.set_score("good", "helpfulness", 4)
    for text in ("f", "fi", "fir", "first"):
        clock.now += 0.2
        doc.write("justification", text)
    doc.write("rewrite", "other box")  # another box: another step
    assert doc.undo() and saved(doc)["justification"] == "first" and "rewrite" not in saved(doc)
    assert doc.undo() and "justification" not in saved(doc)
    assert saved(doc)["scores"] == {"good": {"helpfulness": 4}}


def test_typing_after_a_pause_or_a_choice_is_a_new_step():
    clock = Clock()
    doc = document(clock=clock)
    doc.write("justification", "one")
    clock.now += 5  # a long pause
    doc.write("justification", "one two")
    doc.set_score("good", "helpfulness", 1)
    doc.write("justification", "one two three")
    assert doc.undo() and saved(doc)["justification"] == "one two"
    assert doc.undo() and doc.undo() and saved(doc)["justification"] == "one"


def test_a_rank_swap_is_undone_at_once():
    doc = document(item=THREE_ITEM)
    doc.set_rank("r1", 1)
    doc.set_rank("r2", 2)
    doc.set_rank("r2", 1)
    assert saved(doc)["ranking"] == {"r1": 2, "r2": 1}
    doc.undo()
    assert saved(doc)["ranking"] == {"r1": 1, "r2": 2}


def test_listeners_hear_each_change_with_its_merge_key():
    doc = document()
    heard = []
    doc.subscribe(lambda d, key: heard.append(key))
    doc.set_score("good", "helpfulness", 2)
    doc.write_reason("good", "cites", "x")
    doc.write_attempt(0, "prompt", "p")
    doc.undo()
    assert heard == [None, "why:good:cites", "attempt:0:prompt", None]


# --------------------------------------------------------------------------- order, times, no Qt


class Host:
    """The parts of ``EditorHost`` the document reads."""

    def __init__(self, item, settings=None, annotation=None):
        self.item, self.annotation = item, annotation
        self.settings = dict(settings or {})

        class Pack:
            id = "test.rating"

        self.pack = Pack()

    def setting(self, key, default=None):
        return self.settings.get(key, default)

    def set_setting(self, key, value):
        self.settings[key] = value


def test_the_display_order_follows_the_worker_salt_created_once():
    host = Host(THREE_ITEM)
    first = RatingDocument.for_host(host, task_of(FULL_TASK))
    salt = host.settings["order_salt"]
    assert len(salt) == 16 and order_salt(host) == salt
    assert RatingDocument.for_host(host, task_of(FULL_TASK)).order == first.order
    fixed = RatingDocument.for_host(Host(THREE_ITEM, {"order_salt": "x"}), task_of({**FULL_TASK, "randomise_order": False}))
    assert fixed.order == ("r1", "r2", "r3")


def test_record_time_keeps_the_newest_times():
    times = record_time({"a": 1, "b": 2}, "a", 12.34)
    assert list(times) == ["b", "a"] and times["a"] == 12.3
    assert record_time("garbage", "x", 1) == {"x": 1}
    assert list(record_time({str(i): i for i in range(5)}, "new", 1, keep=3)) == ["3", "4", "new"]


def test_every_module_outside_qt_loads_no_qt():
    count, qt = modules_outside_qt_load_no_qt("annotator_rating")
    assert count >= 9 and qt == []


# --------------------------------------------------------------------------- the same as the editor before


def old_editor_change(state: dict, op: str, args: tuple, order: list, ties: bool, levels: int, max_attempts: int):
    """The edits as the Qt editor made them before the document (closures mutating one dict in place)."""
    if op == "score":
        rid, cid, value = args
        per = state.setdefault("scores", {}).setdefault(rid, {})
        if value is None:
            per.pop(cid, None)
        else:
            per[cid] = value
        if not per:
            state["scores"].pop(rid, None)
    elif op in ("pass", "why"):
        rid, cid, value = args
        entry = state.setdefault("rubric", {}).setdefault(rid, {}).setdefault(cid, {"pass": None, "why": ""})
        entry["pass" if op == "pass" else "why"] = value
    elif op == "rank":
        rid, rank = args
        ranking = state.setdefault("ranking", {})
        previous = ranking.get(rid)
        if rank is None:
            ranking.pop(rid, None)
            return
        if not ties:
            for other, r in list(ranking.items()):
                if other != rid and r == rank:
                    if previous is None:
                        ranking.pop(other)
                    else:
                        ranking[other] = previous
        ranking[rid] = rank
    elif op == "flags":
        rid, values = args
        flags = state.setdefault("flags", {})
        if values:
            flags[rid] = list(values)
        else:
            flags.pop(rid, None)
    elif op == "pairwise":
        (position,) = args
        if position is None:
            state.pop("pairwise", None)
            return
        left, right = order[0], order[1]
        state["pairwise"] = {"shown": [left, right], "preferred": None if position == 0 else (
            left if position < 0 else right), "strength": abs(position), "levels": levels}
    elif op == "text":
        key, text = args
        state[key] = text
    elif op in ("attempt", "verdict"):
        index, part, value = args if op == "attempt" else (args[0], "verdict", args[1])
        attempts = state.setdefault("attempts", [])
        while len(attempts) <= index:
            attempts.append({"prompt": "", "response": "", "verdict": None})
        attempts[index][part] = value
    elif op == "add":
        n = max(1, len(state.get("attempts") or []))  # the boxes on screen
        if n < max_attempts:
            current = state.setdefault("attempts", [])
            while len(current) < n + 1:
                current.append({"prompt": "", "response": "", "verdict": None})
    elif op == "remove":
        (index,) = args
        attempts = state.setdefault("attempts", [])
        if index < len(attempts):
            attempts.pop(index)


def document_change(doc: RatingDocument, op: str, args: tuple) -> None:
    {"score": doc.set_score, "pass": doc.set_pass, "why": doc.write_reason, "rank": doc.set_rank,
     "flags": doc.set_flags, "pairwise": doc.choose_pairwise, "text": doc.write, "attempt": doc.write_attempt,
     "verdict": doc.set_verdict, "add": lambda: doc.add_attempt(), "remove": doc.remove_attempt}[op](*args)


@pytest.mark.parametrize("ties", [False, True])
def test_every_edit_gives_the_annotation_the_editor_gave_before(ties):
    import random

    rng = random.Random(7 + ties)
    task = {**FULL_TASK, "ranking": {"ties": ties}}
    item = {**THREE_ITEM, "brief": "kept"}
    doc = document(item=item, task=task, order=["r2", "r3", "r1"])
    old = doc.annotation()
    ids, words = ["r1", "r2", "r3"], ["", "a", "ab", "no source"]
    for _ in range(600):
        op = rng.choice(["score", "pass", "why", "rank", "flags", "pairwise", "text", "attempt", "verdict", "add",
                         "remove", "undo"])
        if op == "undo":
            doc.undo()
            old = doc.annotation()
            continue
        args = {"score": lambda: (rng.choice(ids), rng.choice(["helpfulness", "correctness"]),
                                  rng.choice([None, 1, 3, 5])),
                "pass": lambda: (rng.choice(ids), "cites", rng.choice([None, True, False])),
                "why": lambda: (rng.choice(ids), "cites", rng.choice(words)),
                "rank": lambda: (rng.choice(ids), rng.choice([None, 1, 2, 3])),
                "flags": lambda: (rng.choice(ids), rng.sample(["hate", "self_harm", "personal_data"], rng.randint(0, 2))),
                "pairwise": lambda: (rng.choice([None, -3, -1, 0, 2, 3]),),
                "text": lambda: (rng.choice(["justification", "rewrite"]), rng.choice(words)),
                "attempt": lambda: (rng.randint(0, 2), rng.choice(["prompt", "response"]), rng.choice(words)),
                "verdict": lambda: (rng.randint(0, 2), rng.choice([None, "broke", "held"])),
                "add": lambda: (),
                "remove": lambda: (rng.randint(0, 3),)}[op]()
        old_editor_change(old, op, args, ["r2", "r3", "r1"], ties, 3, 3)
        document_change(doc, op, args)
        assert saved(doc) == old, (op, args)
