"""The changes from the machine transcript, kept up to date group by group (no Qt)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator_transcription import changes as C
from annotator_transcription import segments as S
from annotator_transcription.changes import ChangeTracker, groups
from annotator_transcription.document import SegmentError, TranscriptDocument

from .test_document import edit

MACHINE = (S.Segment(0.0, 2.0, "A", "so how did it start"), S.Segment(2.0, 4.0, "B", "well it was a tuesday"),
           S.Segment(4.5, 6.0, "A", "and then"), S.Segment(7.0, 9.0, "B", "we moved in"))


def document(machine=MACHINE) -> TranscriptDocument:
    return TranscriptDocument(machine, 10.0, ["A", "B"], clock=lambda: 0.0)


def words(text: str) -> list[str]:
    return text.split()


def test_a_split_or_a_merge_without_new_words_changes_nothing():
    doc = document()
    tracker = ChangeTracker(MACHINE)
    assert tracker.update(doc.segments).total == 0
    doc.split(1.0, text_cut=len("so how "))
    snapshot = tracker.update(doc.segments)
    assert snapshot.total == 0 and not any(snapshot.changed(i) for i in range(len(doc.segments)))
    doc.go_to(2)
    doc.merge_next()  # "well it was a tuesday" + "and then": two machine segments, one group
    assert tracker.update(doc.segments).total == 0


def test_each_kind_of_change_is_counted_where_it_was_made():
    doc = document()
    tracker = ChangeTracker(MACHINE)
    doc.go_to(1)
    doc.type_text("well it was a wednesday")
    snapshot = tracker.typed(doc.segments, [1])
    assert snapshot.total == 1 and [snapshot.changed(i) for i in range(4)] == [False, True, False, False]
    assert [(c.op, c.old, c.new) for c in snapshot.group_diff(1).changes if c.op != "equal"] == [
        ("replace", "tuesday", "wednesday")]
    doc.go_to(3)
    doc.delete_current()  # "we moved in": three words gone
    assert tracker.update(doc.segments).total == 4
    doc.insert(9.2, 9.8)  # a stretch the machine left empty
    doc.type_text("the end")
    assert tracker.typed(doc.segments, [doc.current]).total == 6


def test_typing_rediffs_only_its_group_and_an_edit_only_the_groups_it_touched(monkeypatch):
    calls = []
    real = C.diff_group
    monkeypatch.setattr(C, "diff_group", lambda m, texts: calls.append(texts) or real(m, texts))
    many = tuple(S.Segment(i * 1.0, i * 1.0 + 0.8, "A", f"word{i} other{i}") for i in range(2000))
    doc = document(many)
    tracker = ChangeTracker(many)
    tracker.update(doc.segments)
    assert len(calls) == 2000
    calls.clear()
    doc.go_to(1500)
    doc.type_text("word1500 changed")
    assert tracker.typed(doc.segments, [1500]).total == 1
    assert calls == [("word1500 changed",)]
    calls.clear()
    doc.split(1500.4, text_cut=len("word1500 "))
    assert tracker.update(doc.segments).total == 1
    assert calls == [("word1500", "changed")]  # the one group, now of two segments
    calls.clear()
    doc.undo()
    assert tracker.update(doc.segments).total == 1 and calls == []  # every diff from the cache


def test_the_groups_cut_both_transcripts_into_runs_that_overlap_only_within_a_run():
    worker = (S.Segment(0.0, 2.0, None, ""), S.Segment(2.2, 3.8, None, ""), S.Segment(6.5, 6.9, None, ""))
    found = groups(MACHINE, worker)
    assert [(list(m), list(w)) for m, w in found] == [([0], [0]), ([1], [1]), ([2], []), ([], [2]),
                                                                 ([3], [])]
    straddling = (S.Segment(0.0, 1.0, None, ""), S.Segment(1.0, 3.0, None, ""), S.Segment(5.0, 6.0, None, ""))
    found = groups(MACHINE, straddling)  # the second worker segment reaches into both first machine segments
    assert [(list(m), list(w)) for m, w in found] == [([0, 1], [0, 1]), ([2], [2]), ([3], [])]


spans = st.lists(st.tuples(st.floats(0, 9.5), st.floats(0.05, 3.0)), max_size=12)


def as_segments(raw) -> S.Segments:
    out = []
    for start, length in sorted(raw):
        start = max(start, out[-1].end) if out else start
        if start + length <= 12.0:
            out.append(S.Segment(round(start, 3), round(start + length, 3), None, "w"))
    return tuple(out)


@settings(max_examples=200, deadline=None)
@given(spans, spans)
def test_groups_partition_both_in_order_and_never_overlap_across_groups(a, b):
    machine, worker = as_segments(a), as_segments(b)
    found = groups(machine, worker)
    assert [i for m, _w in found for i in m] == list(range(len(machine)))
    assert [i for _m, w in found for i in w] == list(range(len(worker)))
    for g, h in zip(found, found[1:]):
        end = max([machine[i].end for i in g[0]] + [worker[i].end for i in g[1]])
        start = min([machine[i].start for i in h[0]] + [worker[i].start for i in h[1]])
        assert end <= start + C.EPSILON


VOCABULARY = ["a", "b", "c", "d"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["type", "split", "merge", "delete", "insert", "move", "go", "undo"]),
                          st.floats(0, 10), st.floats(0, 10), st.lists(st.sampled_from(VOCABULARY), max_size=4)),
                max_size=25))
def test_kept_up_to_date_edit_by_edit_it_equals_the_changes_counted_afresh(ops):
    doc = document()
    tracker = ChangeTracker(MACHINE)
    tracker.update(doc.segments)
    for op, a, b, new_words in ops:
        try:
            typed = edit(doc, op, a, b, int(a), " ".join(new_words))
        except SegmentError:
            typed = False
        kept = tracker.typed(doc.segments, [doc.current]) if typed else tracker.update(doc.segments)
        fresh = ChangeTracker(MACHINE).update(doc.segments)
        assert kept.total == fresh.total and kept.diffs == fresh.diffs
        # the groups' diffs, side by side, are the two transcripts word for word
        assert [w for d in kept.diffs for c in d.changes for w in words(c.old)] == words(S.full_text(MACHINE))
        assert [w for d in kept.diffs for c in d.changes for w in words(c.new)] == words(S.full_text(doc.segments))
        assert kept.total == sum(d.count for d in kept.diffs)
        for i, seg in enumerate(doc.segments):
            if kept.changed(i):
                assert kept.group_diff(i).count > 0


def test_the_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(ChangeTracker, "CACHE_SPARE", 10)
    doc = document()
    tracker = ChangeTracker(MACHINE)
    for n in range(100):
        doc.type_text(f"typed {n}")
        tracker.typed(doc.segments, [0])
        tracker.update(doc.segments)
    assert len(tracker._cache) <= len(tracker.snapshot.groups) + 10


@pytest.mark.parametrize("texts, count", [(("so how did it start",), 0), (("so how did it",), 1),
                                          (("", "so how did it start"), 0), (("so", "how", "did it start"), 0)])
def test_a_group_of_segments_is_diffed_as_one_text(texts, count):
    result = C.diff_group(words("so how did it start"), texts)
    assert result.count == count and len(result.changed) == len(texts)
