"""The editing kit's Qt-free half: a document with unlimited, snapshot-based undo.

Every editor in annotator follows one pattern (``docs/plugins.md``, ADR 0006):

* a **document** holds the editing rules for one item: an immutable state, the pure
  functions that turn one state into the next (add a box, merge two segments, swap two
  ranks), and the annotation the state is saved as. It imports no Qt, so its rules are
  tested on plain data;
* a thin Qt **view** (:class:`annotator.plugin_api.qt.DocumentEditor`) turns keys and
  clicks into document edits, redraws when the document changes, and saves through the
  one save policy (:class:`annotator.plugin_api.qt.DebouncedSave`).

:class:`History` keeps every state the worker went through (no step limit). States are
snapshots, never deltas: undo is "show the previous snapshot", so an edit can never be
undone wrongly. Keep states immutable (tuples, frozen dataclasses) so that a snapshot
costs only what changed.

Consecutive edits with the same **merge key** within ``merge_seconds`` of each other
form one step (a burst of typing in one field is undone at once, not letter by letter).
"""
from __future__ import annotations

import time
from typing import Any, Callable, Generic, Mapping, TypeVar

S = TypeVar("S")

#: How long consecutive edits with the same merge key keep forming one undo step.
MERGE_SECONDS = 1.5


class History(Generic[S]):
    """Unlimited undo/redo over snapshots of a document's state."""

    def __init__(self, state: S, *, clock: Callable[[], float] = time.monotonic,
                 merge_seconds: float = MERGE_SECONDS):
        self._clock = clock
        self.merge_seconds = merge_seconds
        self.reset(state)

    def reset(self, state: S) -> None:
        """Forget every step: ``state`` is the only one (a newly loaded item)."""
        self._states: list[S] = [state]
        self._labels: list[str] = [""]
        self._keys: list[Any] = [None]
        self._times: list[float] = [0.0]
        self._index = 0

    @property
    def state(self) -> S:
        return self._states[self._index]

    def push(self, state: S, label: str = "", merge_key: Any = None) -> None:
        """Make ``state`` current. It replaces the current step instead of adding one when
        ``merge_key`` equals the current step's key and the last push was recent."""
        now = self._clock()
        del self._states[self._index + 1:], self._labels[self._index + 1:]
        del self._keys[self._index + 1:], self._times[self._index + 1:]
        if (merge_key is not None and self._index > 0 and self._keys[self._index] == merge_key
                and now - self._times[self._index] <= self.merge_seconds):
            self._states[self._index] = state
            self._times[self._index] = now
            return
        self._states.append(state)
        self._labels.append(label)
        self._keys.append(merge_key)
        self._times.append(now)
        self._index += 1

    def break_merge(self) -> None:
        """The next push starts a new step even if it could merge (the worker moved away)."""
        self._keys[self._index] = None

    def can_undo(self) -> bool:
        return self._index > 0

    def can_redo(self) -> bool:
        return self._index + 1 < len(self._states)

    def undo(self) -> S | None:
        """Step back; the state now current, or ``None`` when there is nothing to undo."""
        if not self.can_undo():
            return None
        self._index -= 1
        self._keys[self._index] = None
        return self.state

    def redo(self) -> S | None:
        if not self.can_redo():
            return None
        self._index += 1
        self._keys[self._index] = None
        return self.state

    def undo_label(self) -> str:
        """What :meth:`undo` would take back (``"Move box"``), or ``""``."""
        return self._labels[self._index] if self.can_undo() else ""

    def redo_label(self) -> str:
        return self._labels[self._index + 1] if self.can_redo() else ""

    def __len__(self) -> int:
        """The number of states kept, the current one included."""
        return len(self._states)


#: What :meth:`Document.subscribe` callbacks receive: the document and the edit's merge key
#: (``None`` for a discrete edit, an undo or a redo; the view saves those at once).
Listener = Callable[["Document[Any]", Any], None]


class Document(Generic[S]):
    """The editing rules of one item, over an immutable state with unlimited undo.

    Subclass it with the plugin's rules, each a method that computes the next state and
    calls :meth:`apply`::

        class Answer(Document[tuple[str, str]]):       # (answer, note)
            @classmethod
            def from_annotation(cls, annotation):
                a = annotation or {}
                return cls((a.get("answer", ""), a.get("note", "")))

            def annotation(self):
                answer, note = self.state
                return {"answer": answer, "note": note}

            def answer(self, value):
                self.apply((value, self.state[1]), "Answer")

            def write_note(self, text):
                self.apply((self.state[0], text), "Note", merge_key="note")

    Listeners (the view) are told after every change, undo and redo.
    """

    def __init__(self, state: S, *, clock: Callable[[], float] = time.monotonic,
                 merge_seconds: float = MERGE_SECONDS):
        self.history: History[S] = History(state, clock=clock, merge_seconds=merge_seconds)
        self._listeners: list[Listener] = []

    # -- to override -----------------------------------------------------------

    @classmethod
    def from_annotation(cls, annotation: Mapping[str, Any] | None, **context: Any) -> "Document[S]":
        """The document for a saved annotation (``None``: a fresh item)."""
        raise NotImplementedError

    def annotation(self) -> dict[str, Any]:
        """The current state as the JSON-serialisable annotation the host saves."""
        raise NotImplementedError

    # -- editing ----------------------------------------------------------------

    @property
    def state(self) -> S:
        return self.history.state

    def apply(self, state: S, label: str = "", merge_key: Any = None) -> bool:
        """Make ``state`` the current state as one undo step (or part of the current one,
        see :class:`History`). Returns ``False``, recording nothing, when nothing changed."""
        if state == self.history.state:
            return False
        self.history.push(state, label, merge_key)
        self._changed(merge_key)
        return True

    def undo(self) -> bool:
        if self.history.undo() is None:
            return False
        self._changed(None)
        return True

    def redo(self) -> bool:
        if self.history.redo() is None:
            return False
        self._changed(None)
        return True

    def break_merge(self) -> None:
        self.history.break_merge()

    # -- listeners --------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(document, merge_key)`` after every change; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _changed(self, merge_key: Any) -> None:
        for listener in list(self._listeners):
            listener(self, merge_key)
