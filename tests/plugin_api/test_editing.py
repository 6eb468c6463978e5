"""The editing kit's Qt-free half: snapshot history with merge keys, and documents."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from annotator.plugin_api.editing import Document, History


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_undo_and_redo_walk_the_snapshots_without_limit():
    history = History(0)
    for value in range(1, 501):
        history.push(value, f"set {value}")
    assert history.state == 500 and len(history) == 501
    for expected in range(499, -1, -1):
        assert history.undo() == expected
    assert history.undo() is None and not history.can_undo()
    assert history.redo() == 1 and history.redo_label() == "set 2"


def test_a_new_edit_after_undo_drops_the_redo_branch():
    history = History("a")
    history.push("b")
    history.push("c")
    history.undo()
    history.push("d")
    assert not history.can_redo()
    assert [history.undo(), history.undo()] == ["b", "a"]


def test_edits_with_one_merge_key_form_one_step_while_they_are_recent():
    clock = Clock()
    history = History("", clock=clock, merge_seconds=1.5)
    for text in ("h", "he", "hel", "hell", "hello"):
        clock.now += 0.2
        history.push(text, "Typing", merge_key="note")
    clock.now += 5  # a pause: the next burst is its own step
    history.push("hello w", "Typing", merge_key="note")
    history.push("hello wo", "Typing", merge_key="other field")
    assert history.undo() == "hello w"
    assert history.undo() == "hello"
    assert history.undo() == ""


def test_undo_breaks_the_merge_so_typing_after_it_is_a_new_step():
    clock = Clock()
    history = History("", clock=clock)
    history.push("a", merge_key="k")
    history.push("ab", merge_key="k")
    history.undo()
    history.push("ax", merge_key="k")
    assert history.undo() == ""  # "ab" and "ax" were one step each, undo of "ax" goes back to ""
    assert history.redo() == "ax"


class Pair(Document[tuple[str, str]]):
    @classmethod
    def from_annotation(cls, annotation, **context):
        a = annotation or {}
        return cls((a.get("answer", ""), a.get("note", "")), **context)

    def annotation(self):
        return {"answer": self.state[0], "note": self.state[1]}

    def answer(self, value):
        return self.apply((value, self.state[1]), "Answer")

    def write(self, text):
        return self.apply((self.state[0], text), "Note", merge_key="note")


def test_a_document_tells_its_listeners_and_records_nothing_when_nothing_changed():
    doc = Pair.from_annotation({"answer": "yes"})
    seen = []
    unsubscribe = doc.subscribe(lambda d, key: seen.append((d.annotation(), key)))
    assert doc.answer("yes") is False and seen == []
    assert doc.answer("no")
    doc.write("n")
    assert seen == [({"answer": "no", "note": ""}, None), ({"answer": "no", "note": "n"}, "note")]
    doc.undo()
    assert seen[-1] == ({"answer": "no", "note": ""}, None)
    unsubscribe()
    doc.redo()
    assert len(seen) == 3 and doc.state == ("no", "n")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.tuples(st.just("answer"), st.sampled_from(["yes", "no", ""])),
                          st.tuples(st.just("write"), st.text(max_size=5)),
                          st.just(("undo", None)), st.just(("redo", None))), max_size=40))
def test_undoing_everything_then_redoing_as_often_returns_to_the_same_state(ops):
    clock = Clock()
    doc = Pair.from_annotation(None, clock=clock)
    for op, arg in ops:
        clock.now += 0.5
        getattr(doc, op)(*(() if arg is None else (arg,)))
    final = doc.state
    undone = 0
    while doc.undo():
        undone += 1
    assert doc.state == ("", "")
    for _ in range(undone):
        assert doc.redo()
    assert doc.state == final
