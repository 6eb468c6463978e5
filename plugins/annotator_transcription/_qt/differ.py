"""The changes from the machine transcript, kept up to date off the interface thread.

A :class:`Differ` owns a :class:`~annotator_transcription.changes.ChangeTracker` in one worker
thread. The editor tells it about every change (:meth:`Differ.request`, with the segments typed
in when only text was typed); requests that arrive while the thread is busy are merged into one,
so the thread is never more than one diff behind, and each result comes back to the interface
thread as :attr:`Differ.ready`. Results for an item the worker has left are dropped.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Mapping, Sequence

from PySide6 import QtCore

from annotator_transcription.changes import ChangeTracker, Snapshot
from annotator_transcription.document import machine_segments
from annotator_transcription.segments import Segments

log = logging.getLogger("annotator.plugin")


class Differ(QtCore.QObject):
    """Diffs the worker's segments against the machine transcript in a thread of its own."""

    ready = QtCore.Signal(object)
    """A new :class:`Result` for the item being edited."""
    _finished = QtCore.Signal(object)

    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="transcript-diff")
        self._finished.connect(self._on_finished, QtCore.Qt.ConnectionType.QueuedConnection)
        self._generation = 0
        self._busy = False
        self._pending: dict[str, Any] | None = None
        self._tracker: ChangeTracker | None = None  # used by the worker thread only

    # ------------------------------------------------------------------ the interface thread

    def start(self, item: Mapping[str, Any], duration: float, speakers: Sequence[str], segments: Segments,
              version: int, machine: Segments | None = None) -> None:
        """A new item: its machine transcript is read (unless given) and diffed in the thread."""
        self._generation += 1
        self._pending = {"start": (dict(item), float(duration), list(speakers), machine), "segments": segments,
                         "typed": None, "version": version}
        self._kick()

    def request(self, segments: Segments, version: int, typed: int | None = None) -> None:
        """The segments changed: ``typed`` is the one segment whose text alone changed, if that is all."""
        pending = self._pending
        if pending is None:
            pending = self._pending = {"start": None, "typed": set()}
        if typed is None or pending["typed"] is None:
            pending["typed"] = None
        else:
            pending["typed"].add(typed)
        pending["segments"], pending["version"] = segments, version
        self._kick()

    def stop(self) -> None:
        """The item is left: drop what is pending and every result still to come."""
        self._generation += 1
        self._pending = None

    def shutdown(self) -> None:
        self.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _kick(self) -> None:
        if self._busy or self._pending is None:
            return
        job, self._pending = self._pending, None
        self._busy = True
        self._pool.submit(self._run, job, self._generation)

    def _on_finished(self, payload: tuple[int, "Result | None"]) -> None:
        generation, result = payload
        self._busy = False
        if generation == self._generation and result is not None:
            self.ready.emit(result)
        self._kick()

    # ------------------------------------------------------------------ the worker thread

    def _run(self, job: dict[str, Any], generation: int) -> None:
        result = None
        try:
            if job["start"] is not None:
                item, duration, speakers, machine = job["start"]
                if machine is None:
                    machine = machine_segments(item, duration, speakers)
                self._tracker = ChangeTracker(machine) if machine is not None else None
            tracker = self._tracker
            if tracker is not None:
                segments = job["segments"]
                if job["typed"]:
                    snapshot = tracker.typed(segments, sorted(job["typed"]))
                else:
                    snapshot = tracker.update(segments)
                result = Result(snapshot, job["version"])
        except Exception:  # a bug here must not take the editor down: the changes just stop updating
            log.exception("diffing against the machine transcript failed")
        try:
            self._finished.emit((generation, result))
        except RuntimeError:  # the editor is gone
            pass


class Result:
    """A snapshot of the changes and the editor's structure version it was computed for."""

    __slots__ = ("snapshot", "version")

    def __init__(self, snapshot: Snapshot, version: int):
        self.snapshot = snapshot
        self.version = version
