"""What the worker changed from the machine transcript, kept up to date segment by segment. Qt-free.

The words changed are counted over the whole transcript, but a long transcript is never diffed
whole: it is cut into **groups**, each a run of the worker's segments and the machine's segments
that overlap one another in time (connected runs on the time line). A segment the worker only
corrected is a group of its own with the machine segment it came from; a segment the worker
split stays one group with its two halves; a machine segment the worker deleted is a group with
no worker segment (all its words deleted); a new segment in a stretch the machine left empty is
a group with no machine words (all its words inserted). Words never move between groups, so the
diff of the whole transcript is the groups' diffs side by side, and an edit re-diffs only the
groups it touched:

* typing in one segment re-diffs that segment's group only (:meth:`ChangeTracker.typed`);
* any other edit recomputes the groups from the segments' times (a linear sweep) and re-diffs
  only the groups whose words changed; every other group's diff comes from a cache.

Each group is diffed word by word with :func:`annotator_transcription.wer.word_diff`, as the
whole transcript was before. A machine transcript given as one text has no times: it is one
segment over the whole recording, so it stays one group (fine for the short clips such texts
come with; a long text is diffed whole, off the interface thread, as before).

:class:`ChangeTracker` is not thread-safe: one thread owns it (the editor's differ thread);
the :class:`Snapshot` it returns is immutable and may be read from any thread.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from annotator_transcription.segments import Segments
from annotator_transcription.wer import Change, changed_words, word_diff

#: overlaps shorter than this (seconds) do not join two segments into one group (touching edges)
EPSILON = 1e-6


#: A run of machine segments and worker segments that overlap in time: ``(machine, worker)``, two
#: ranges of indexes. A plain tuple, not a class: every edit that moves an edge recomputes the
#: thousands of groups of a long transcript, and Python's cycle collector stops following a plain
#: tuple of ranges at once, where it keeps following a dataclass or a named tuple. Survivors by the
#: ten thousand made it scan the whole heap every few edits (170-200 ms stalls at 5,000 segments).
Group = tuple[range, range]


@dataclass(frozen=True)
class GroupDiff:
    """One group's words, diffed: the changes, the words changed, and which of its worker segments changed."""

    changes: tuple[Change, ...]
    count: int
    changed: tuple[bool, ...]


def groups(machine: Sequence, worker: Sequence) -> list[Group]:
    """The groups of two sorted, non-overlapping sequences of segments (anything with start and end).

    A segment joins the group being built when it starts before the group's end: it then overlaps
    the group's segment that ends last, which is one of the other sequence (neither sequence
    overlaps itself).
    """
    out: list[Group] = []
    i = j = 0
    m, w = len(machine), len(worker)
    while i < m or j < w:
        i0, j0 = i, j
        if j >= w or (i < m and machine[i].start < worker[j].start):
            end = machine[i].end
            i += 1
        else:
            end = worker[j].end
            j += 1
        while True:
            if i < m and machine[i].start < end - EPSILON:
                end = max(end, machine[i].end)
                i += 1
            elif j < w and worker[j].start < end - EPSILON:
                end = max(end, worker[j].end)
                j += 1
            else:
                break
        out.append((range(i0, i), range(j0, j)))
    return out


def diff_group(machine_words: Sequence[str], texts: Sequence[str]) -> GroupDiff:
    """Diff a group: the machine's words against its worker segments' ``texts``, word by word."""
    parts = [text.split() for text in texts]
    words = [word for part in parts for word in part]
    machine_words = list(machine_words)
    if words == machine_words:
        same = " ".join(words)
        return GroupDiff((Change("equal", same, same),) if words else (), 0, (False,) * len(parts))
    changes = word_diff(" ".join(machine_words), " ".join(words))
    # which segments a change touches: its span of worker words, or the place of a deletion
    starts, at = [], 0
    for part in parts:
        starts.append(at)
        at += len(part)
    changed = [False] * len(parts)
    position = 0
    for change in changes:
        length = len(change.new.split())
        if change.op != "equal" and parts:
            first = _segment_at(starts, position)
            last = _segment_at(starts, position + length - 1) if length else first
            for k in range(first, last + 1):
                changed[k] = True
        position += length
    return GroupDiff(tuple(changes), changed_words(changes), tuple(changed))


def _segment_at(starts: list[int], word: int) -> int:
    """The segment that holds word ``word`` of a group (a deletion at the end: the last segment)."""
    k = len(starts) - 1
    while k > 0 and starts[k] > word:
        k -= 1
    # an empty segment shares its start with the next: a word belongs to the last one starting there
    return k


@dataclass(frozen=True)
class Snapshot:
    """The changes for one list of the worker's segments (``segments``), as the tracker computed them."""

    segments: Segments
    groups: tuple[Group, ...]
    group_of: tuple[int, ...]
    """The group of each worker segment."""
    diffs: tuple[GroupDiff, ...]
    total: int
    """Words changed from the machine transcript, in all."""

    def group_diff(self, index: int) -> GroupDiff | None:
        """The diff of the group that holds worker segment ``index``."""
        if not 0 <= index < len(self.group_of):
            return None
        return self.diffs[self.group_of[index]]

    def changed(self, index: int) -> bool:
        """Whether worker segment ``index`` differs from the machine's words."""
        if not 0 <= index < len(self.group_of):
            return False
        g = self.group_of[index]
        return self.diffs[g].changed[index - self.groups[g][1].start]


class ChangeTracker:
    """Keeps the changes from a machine transcript up to date as the worker's segments change."""

    #: diffs kept for groups no longer on screen (undo brings them back), beyond the current ones
    CACHE_SPARE = 2000

    def __init__(self, machine: Segments):
        self.machine = machine
        self._words = [tuple(seg.text.split()) for seg in machine]
        self._cache: dict[tuple, GroupDiff] = {}
        self._times: tuple | None = None
        self._groups: tuple[Group, ...] = ()
        self._group_of: tuple[int, ...] = ()
        self.snapshot: Snapshot | None = None

    def _machine_words(self, group: Group) -> tuple[str, ...]:
        return tuple(w for i in group[0] for w in self._words[i])

    def _diff(self, group: Group, segments: Segments) -> GroupDiff:
        machine, worker = group
        texts = tuple(segments[i].text for i in worker)
        key = (machine.start, machine.stop, texts)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = diff_group(self._machine_words(group), texts)
        return found

    def update(self, segments: Segments) -> Snapshot:
        """The changes for ``segments`` (after any edit): groups from the times, diffs from the cache."""
        times = tuple((s.start, s.end) for s in segments)
        if times != self._times:
            self._groups = tuple(groups(self.machine, segments))
            group_of = [0] * len(segments)
            for g, group in enumerate(self._groups):
                for i in group[1]:
                    group_of[i] = g
            self._group_of, self._times = tuple(group_of), times
        diffs = tuple(self._diff(group, segments) for group in self._groups)
        if len(self._cache) > len(self._groups) + self.CACHE_SPARE:
            self._cache = {(m.start, m.stop, tuple(segments[i].text for i in w)): d
                           for (m, w), d in zip(self._groups, diffs)}
        self.snapshot = Snapshot(segments, self._groups, self._group_of, diffs, sum(d.count for d in diffs))
        return self.snapshot

    def typed(self, segments: Segments, indexes: Sequence[int]) -> Snapshot:
        """The changes after typing in the segments ``indexes`` only (no edge moved, none added or removed).

        Re-diffs those segments' groups and nothing else. Falls back to :meth:`update` when the
        tracker has no snapshot of the same segments' times.
        """
        before = self.snapshot
        if before is None or len(segments) != len(before.segments):
            return self.update(segments)
        diffs = list(before.diffs)
        total = before.total
        for g in {self._group_of[i] for i in indexes if 0 <= i < len(segments)}:
            diff = self._diff(self._groups[g], segments)
            total += diff.count - diffs[g].count
            diffs[g] = diff
        self.snapshot = Snapshot(segments, self._groups, self._group_of, tuple(diffs), total)
        return self.snapshot
