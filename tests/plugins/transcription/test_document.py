"""The transcription document: the editing rules and their undo, on plain data (no Qt)."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator_transcription import segments as S
from annotator_transcription.document import SegmentError, TranscriptDocument
from annotator_transcription.timestamps import insertion, parse_timestamp, stamp, strip_timestamps, timestamp_at
from tests.plugins.qt_free import modules_outside_qt_load_no_qt

SEGS = (S.Segment(0.0, 2.0, "A", "hello world"), S.Segment(2.5, 4.0, "B", "how are you"),
        S.Segment(4.0, 6.0, "A", "fine thanks"))


def document(segments=SEGS, clock=None) -> TranscriptDocument:
    now = clock or [0.0]
    return TranscriptDocument(segments, 6.0, ["A", "B"], clock=lambda: now[0])


def test_an_item_starts_from_its_saved_annotation_else_its_machine_transcript():
    item = {"id": "x", "transcript": [{"start": 0.0, "end": 1.0, "text": "machine"}]}
    fresh = TranscriptDocument.from_annotation(None, item=item, duration=3.0, speakers=["A"])
    assert [s.text for s in fresh.segments] == ["machine"] and fresh.segments == fresh.machine
    saved = {"format": "transcription/1", "duration": 3.0,
             "segments": [{"start": 0.5, "end": 2.0, "speaker": "A", "text": "worker"}]}
    again = TranscriptDocument.from_annotation(saved, item=item, duration=3.0, speakers=["A"])
    assert [s.text for s in again.segments] == ["worker"] and [s.text for s in again.machine] == ["machine"]
    assert again.annotation() == saved
    bare = TranscriptDocument.from_annotation(None, item={"id": "y"}, duration=3.0)
    assert bare.machine is None and [(s.start, s.end, s.text) for s in bare.segments] == [(0.0, 3.0, "")]


def test_moving_is_not_an_edit_but_ends_a_run_of_typing():
    doc = document()
    doc.type_text("hello")
    assert doc.go_to(2) and not doc.go_to(2) and doc.current == 2
    assert doc.go_to(99) is False and doc.current == 2  # clamped to the last one
    doc.go_to(0)
    doc.type_text("hello there")  # typing in the same segment again: a step of its own
    assert doc.undo() and doc.segments[0].text == "hello"
    assert doc.undo() and doc.segments == SEGS
    assert len(doc.history) == 3


def test_edits_say_why_they_cannot_be_made_and_change_nothing():
    doc = document()
    with pytest.raises(SegmentError):
        doc.split(2.2)  # in the gap
    with pytest.raises(SegmentError):
        doc.split(0.01)  # at the edge
    doc.go_to(2)
    with pytest.raises(SegmentError):
        doc.merge_next()  # the last one
    one = document((S.Segment(0.0, 6.0, "A", "x"),))
    with pytest.raises(SegmentError):
        one.delete_current()
    assert doc.segments == SEGS and len(doc.history) == 1 and not doc.set_speaker(3)


def test_undo_takes_the_worker_back_to_the_segment_of_the_step():
    doc = document()
    doc.go_to(1)
    doc.set_speaker(1)
    doc.go_to(2)
    assert doc.split(5.0) == 3 and doc.current == 3
    assert doc.undo() and doc.current == 1 and len(doc.segments) == 3
    assert doc.redo() and doc.current == 3 and len(doc.segments) == 4


def test_split_cuts_the_text_at_the_cursor_only_in_the_segment_being_typed():
    doc = document()
    doc.split(1.0, text_cut=len("hello "))
    assert [s.text for s in doc.segments[:2]] == ["hello", "world"]
    doc.go_to(0)
    doc.split(5.0, text_cut=3)  # another segment: all its text stays in the first half
    assert [s.text for s in doc.segments[3:]] == ["fine thanks", ""]


def test_listeners_hear_every_change_with_its_merge_key():
    doc = document()
    heard = []
    doc.subscribe(lambda d, key: heard.append((key, d.current)))
    doc.type_text("hi")
    doc.go_to(1)
    doc.merge_next()
    doc.undo()
    assert heard == [(("text", 0), 0), (None, 1), (None, 0)]


def edit(doc: TranscriptDocument, op: str, a: float, b: float, n: int, text: str = "") -> bool:
    """One edit a worker may make, by name (the random tests' vocabulary); whether it was typing."""
    if op == "split":
        doc.split(a, n)
    elif op == "merge":
        doc.merge_next()
    elif op == "delete":
        doc.delete_current()
    elif op == "insert":
        doc.insert(a, b)
    elif op == "move":
        doc.move(n % len(doc.segments), a, b)
    elif op == "type":
        return doc.type_text(text)
    elif op == "speaker":
        doc.set_speaker(n % 3)
    elif op == "undo":
        doc.undo()
    else:
        doc.go_to(n)
    return False


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["split", "merge", "delete", "insert", "move", "type", "speaker", "go"]),
                          st.floats(0, 6), st.floats(0, 6), st.integers(0, 5)), max_size=30))
def test_undo_gives_back_every_state_in_turn_and_redo_replays_them(ops):
    doc = document()
    states = [(doc.segments, doc.current)]
    for op, a, b, n in ops:
        steps = len(doc.history)
        try:
            edit(doc, op, a, b, n, doc.segment.text + "x")
            doc.break_merge()
        except SegmentError:
            assert len(doc.history) == steps  # a refused edit records nothing
        assert 0 <= doc.current < len(doc.segments)
        for x, y in zip(doc.segments, doc.segments[1:]):
            assert x.end <= y.start
        if len(doc.history) > steps:
            states.append((doc.segments, doc.current))
    assert len(doc.history) == len(states)
    for segments, current in reversed(states[:-1]):
        assert doc.undo() and (doc.segments, doc.current) == (segments, current)
    assert not doc.undo()
    for segments, current in states[1:]:
        assert doc.redo() and (doc.segments, doc.current) == (segments, current)


def test_timestamps_stand_apart_from_the_words_and_leave_no_trace_when_stripped():
    assert stamp(3.25) == "[0:03.2]" and stamp(3723.0) == "[1:02:03.0]"
    assert parse_timestamp("[0:03.2]") == pytest.approx(3.2) and parse_timestamp("[1:02:03,5]") == 3723.5
    assert parse_timestamp("[3.2]") is None
    text = "please"
    inserted, cursor = insertion(text, len(text), 1.3)
    assert text + inserted == "please [0:01.3] " and cursor == len("please [0:01.3] ")
    inserted, cursor = insertion("please come", 6, 1.3)
    assert "please" + inserted + " come" == "please [0:01.3] come" and cursor == len("please [0:01.3] ")
    assert insertion("", 0, 1.3) == ("[0:01.3] ", 9)
    assert insertion("a\n", 2, 1.3)[0] == "[0:01.3] "
    for glued in ("please [0:01.3] come", "please[0:01.3]come", "please  [0:01.3]\tcome"):
        assert strip_timestamps(glued) == "please come"
    assert strip_timestamps("[0:00.5] hello\n[0:01.0] again [0:02.0]") == "hello\nagain"


def test_every_module_outside_qt_loads_no_qt():
    count, qt = modules_outside_qt_load_no_qt("annotator_transcription")
    assert count >= 9 and qt == []


def test_the_annotation_made_from_the_last_one_is_the_annotation_made_afresh():
    """Each save reuses the previous annotation's unchanged segments: after any edit, undo or redo
    it must be exactly what the segments give."""


    rng = random.Random(3)
    segments = tuple(S.Segment(i * 2.0, i * 2.0 + 1.5, "A", f"words {i}") for i in range(40))
    document = TranscriptDocument(segments, 80.0, ["A", "B"])
    for step in range(200):
        document.go_to(rng.randrange(len(document.segments)))
        action = rng.choice(["type", "split", "merge", "delete", "undo", "redo", "speaker", "none"])
        try:
            if action == "type":
                document.type_text(document.segment.text + "x")
            elif action == "split":
                seg = document.segment
                document.split((seg.start + seg.end) / 2, 3)
            elif action == "merge" and document.current + 1 < len(document.segments):
                document.merge_next()
            elif action == "delete" and len(document.segments) > 1:
                document.delete_current()
            elif action == "undo":
                document.undo()
            elif action == "redo":
                document.redo()
            elif action == "speaker":
                document.set_speaker(rng.choice([1, 2]))
        except SegmentError:
            pass
        if step % 3:
            assert document.annotation() == S.to_annotation(document.segments, 80.0)


def test_one_pattern_of_a_time_mark_for_clicking_scoring_and_exporting():
    from annotator_transcription.wer import normalize

    text = "so [0:01.3] we [1:02:03,5] went"
    assert timestamp_at(text, 5) == 1.3 and timestamp_at(text, 11) == 1.3 and timestamp_at(text, 13) is None
    assert timestamp_at(text, 20) == 3723.5
    assert normalize(text) == ["so", "we", "went"] == strip_timestamps(text).split()
