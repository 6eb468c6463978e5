"""Segment edits, the annotation JSON, undo history and word error rate (no Qt)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator_transcription import segments as S
from annotator_transcription.document import TranscriptDocument
from annotator_transcription.wer import align_counts, normalize, word_diff, word_error_rate

SEGS = (S.Segment(0.0, 2.0, "A", "hello world"), S.Segment(2.5, 4.0, "B", "how are you"),
        S.Segment(4.0, 6.0, "A", "fine thanks"))


def check_invariants(segments: S.Segments, duration: float) -> None:
    for seg in segments:
        assert 0.0 <= seg.start < seg.end <= duration + 1e-9
    for a, b in zip(segments, segments[1:]):
        assert a.end <= b.start + 1e-9


def test_split_moves_text_after_the_cursor_to_the_new_segment():
    out = S.split(SEGS, 0, 1.2, text_cut=len("hello "))
    assert [(s.start, s.end, s.text) for s in out[:2]] == [(0.0, 1.2, "hello"), (1.2, 2.0, "world")]
    assert out[1].speaker == "A"
    assert out[2:] == SEGS[1:]


def test_split_refuses_the_edge_of_a_segment():
    with pytest.raises(S.SegmentError):
        S.split(SEGS, 0, 1.99)
    with pytest.raises(S.SegmentError):
        S.split(SEGS, 0, 0.0)


def test_merge_joins_text_and_the_gap():
    out = S.merge(SEGS, 0)
    assert out[0] == S.Segment(0.0, 4.0, "A", "hello world how are you")
    assert len(out) == 2
    with pytest.raises(S.SegmentError):
        S.merge(SEGS, 2)


def test_insert_fills_only_the_free_gap():
    out, index = S.insert(SEGS, 1.5, 3.0, 6.0)  # starts inside segment 0: trimmed to the gap 2.0-2.5
    assert index == 1 and (out[1].start, out[1].end) == (2.0, 2.5)
    assert out[1].speaker == "A"  # the speaker of the segment before
    with pytest.raises(S.SegmentError):
        S.insert(SEGS, 4.5, 5.5, 6.0)  # inside a segment with no gap after it
    out, index = S.insert((), 1.0, 3.0, 6.0, speaker="B")
    assert out == (S.Segment(1.0, 3.0, "B", ""),) and index == 0


def test_set_bounds_stays_between_neighbours_and_keeps_a_minimum_length():
    out = S.set_bounds(SEGS, 1, 1.0, 5.0, 6.0)
    assert (out[1].start, out[1].end) == (2.0, 4.0)
    out = S.set_bounds(SEGS, 1, 2.5, 2.51, 6.0)
    assert out[1].end - out[1].start == pytest.approx(S.MIN_LENGTH)


def test_index_and_gap_lookup():
    assert S.index_at(SEGS, 0.0) == 0 and S.index_at(SEGS, 2.2) is None and S.index_at(SEGS, 4.0) == 2
    assert S.gap_around(SEGS, 2.2, 6.0) == (2.0, 2.5)
    assert S.gap_around(SEGS, 1.0, 6.0) is None


OPS = st.lists(st.tuples(st.sampled_from(["split", "merge", "delete", "insert", "bounds", "text", "speaker"]),
                         st.integers(0, 20), st.floats(-5, 70, allow_nan=False),
                         st.floats(-5, 70, allow_nan=False)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(OPS)
def test_any_sequence_of_edits_keeps_segments_ordered_and_inside_the_recording(ops):
    duration = 60.0
    segments = (S.Segment(0.0, duration, "A", "one two three"),)
    for op, index, a, b in ops:
        index = index % max(len(segments), 1)
        try:
            if op == "split":
                segments = S.split(segments, index, a, int(b))
            elif op == "merge":
                segments = S.merge(segments, index)
            elif op == "delete":
                segments = S.delete(segments, index)
            elif op == "insert":
                segments, _ = S.insert(segments, a, b, duration)
            elif op == "bounds":
                segments = S.set_bounds(segments, index, a, b, duration)
            elif op == "text":
                segments = S.set_text(segments, index, f"t{a:.1f}")
            else:
                segments = S.set_speaker(segments, index, "B")
        except S.SegmentError:
            pass
        check_invariants(segments, duration)
        for seg in segments:
            assert seg.end - seg.start >= S.MIN_LENGTH - 1e-6 or op == "insert"


def test_initial_segments_from_the_machine_transcript():
    assert S.initial({"transcript": "set a timer"}, 3.0, ["User"]) == (S.Segment(0.0, 3.0, "User", "set a timer"),)
    listed = S.initial({"transcript": [{"start": 1.0, "end": 2.0, "text": "b", "speaker": "B"},
                                       {"start": 0.0, "end": 1.5, "text": "a"}]}, 3.0, ["A", "B"])
    assert listed == (S.Segment(0.0, 1.5, "A", "a"), S.Segment(1.5, 2.0, "B", "b"))
    assert S.initial({}, 3.0, []) == (S.Segment(0.0, 3.0, None, ""),)


def test_annotation_round_trip_and_hostile_annotations():
    doc = S.to_annotation(SEGS, 6.0)
    assert doc == {"format": "transcription/1", "duration": 6.0, "segments": [
        {"start": 0.0, "end": 2.0, "speaker": "A", "text": "hello world"},
        {"start": 2.5, "end": 4.0, "speaker": "B", "text": "how are you"},
        {"start": 4.0, "end": 6.0, "speaker": "A", "text": "fine thanks"}]}
    assert S.from_annotation(doc, 6.0, ["A", "B"]) == SEGS
    assert S.annotation_segments(doc) == SEGS
    hostile = {"segments": [None, {"start": "x"}, {"start": float("nan"), "end": 1}, {"start": 5, "end": 99,
               "text": 3, "speaker": ["A"]}, {"start": -1, "end": 0.5, "text": "ok"}]}
    assert S.from_annotation(hostile, 6.0, ["A"]) == (S.Segment(0.0, 0.5, "A", "ok"), S.Segment(5.0, 6.0, "A", ""))
    assert S.from_annotation({"text": "old placeholder"}, 2.0, []) == (S.Segment(0.0, 2.0, None, "old placeholder"),)
    assert S.from_annotation(None, 2.0) is None


def test_transcript_validation_names_every_problem():
    problems = S.problems_in_transcript([{"start": 2, "end": 1, "text": "x"}, "no", {"start": 0, "end": 1,
                                         "text": 5, "speaker": "Z"}], ["A", "B"])
    assert len(problems) == 4
    assert any("transcript[0]" in p and "start < end" in p for p in problems)
    assert S.problems_in_transcript(7) == ["'transcript' must be a text or a list of segments"]


def test_history_undo_redo_and_typing_bursts():
    now = [0.0]
    doc = TranscriptDocument(SEGS, 6.0, ["A", "B"], clock=lambda: now[0])
    doc.type_text("h")
    s1 = doc.segments
    now[0] = 0.5
    doc.type_text("he")  # merged with the keystroke before
    s2 = doc.segments
    now[0] = 3.0
    doc.type_text("hey")  # a pause: a new step
    s3 = doc.segments
    assert doc.split(1.0) == 1 and doc.current == 1
    assert [s.text for s in doc.segments[:2]] == ["hey", ""]
    assert doc.undo() and doc.segments == s3 and doc.current == 0
    assert doc.undo() and doc.segments == s2
    assert doc.undo() and doc.segments == SEGS
    assert not doc.undo()
    assert doc.redo() and doc.segments == s2 and s1 != s2
    doc.set_speaker(2)  # a new edit drops the redo branch
    assert not doc.history.can_redo()


# ---------------------------------------------------------------------- WER


def brute_force(ref: list[str], hyp: list[str]) -> int:
    d = [[i + j if i * j == 0 else 0 for j in range(len(hyp) + 1)] for i in range(len(ref) + 1)]
    for i in range(1, len(ref) + 1):
        for j in range(1, len(hyp) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]))
    return d[-1][-1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcd"), max_size=12), st.lists(st.sampled_from("abcd"), max_size=12))
def test_alignment_is_a_minimal_edit_with_consistent_counts(ref, hyp):
    r = align_counts(ref, hyp)
    assert r.errors == brute_force(ref, hyp)
    assert r.hits + r.substitutions + r.deletions == len(ref)
    assert r.hits + r.substitutions + r.insertions == len(hyp)
    assert min(r.hits, r.substitutions, r.deletions, r.insertions) >= 0


def test_word_error_rate_examples():
    r = word_error_rate("Set a timer for twelve minutes, please.", "set the timer for 12 minutes please")
    assert (r.substitutions, r.deletions, r.insertions, r.reference_words) == (2, 0, 0, 7)
    assert r.wer == pytest.approx(2 / 7)
    r = word_error_rate("call mum on her mobile", "call mum")
    assert (r.deletions, r.wer) == (3, pytest.approx(0.6))
    assert word_error_rate("", "").wer == 0.0 and word_error_rate("", "extra words").wer == 1.0
    assert normalize("[0:01.5] Don't STOP — twenty-one!") == ["don't", "stop", "twenty-one"]


def test_wer_of_long_transcripts_is_exact():
    # its speed at these sizes is measured by bench/wer_bench.py, not here
    words = [f"w{i % 997}" for i in range(3000)]
    other = list(words)
    other[100:110] = ["x"] * 5
    r = align_counts(words, other)
    assert r.errors == 10 and r.deletions == 5 and r.substitutions == 5


def test_word_diff_shows_what_changed():
    changes = word_diff("set a timer for 12 minutes please", "set a timer for twelve minutes, please")
    ops = [(c.op, c.old, c.new) for c in changes if c.op != "equal"]
    assert ops == [("replace", "12 minutes", "twelve minutes,")]
