"""Working through a pack: which item is shown, and what submit, skip and flag do.

This is the business logic behind the task view, kept free of Qt so it is tested
on plain data. The window only calls these methods and shows their results.
"""
from __future__ import annotations

from typing import Any, Mapping

from annotator.core.errors import UserError
from annotator.core.library import info_of
from annotator.core.store import ItemRow, PackRow, Store
from annotator.plugin_api import PackInfo

SESSION_KEY = "session"


class Meter:
    """Where the UI sends metering signals (``docs/metering.md`` names them).

    The default does nothing; the metering engine replaces it. Signals never
    carry what the worker typed.
    """

    def signal(self, kind: str, **fields: Any) -> None:
        pass


class RecordingMeter(Meter):
    """A meter that keeps the signals it receives (tests, diagnostics)."""

    def __init__(self) -> None:
        self.signals: list[dict[str, Any]] = []

    def signal(self, kind: str, **fields: Any) -> None:
        self.signals.append({"kind": kind, **fields})

    def kinds(self) -> list[str]:
        return [s["kind"] for s in self.signals]


class WorkSession:
    """One pack being worked on. Saves every change at once; remembers where the worker is."""

    def __init__(self, store: Store, pack: PackRow, meter: Meter | None = None):
        self.store = store
        self.pack = pack
        self.info: PackInfo = info_of(pack)
        self.meter = meter or Meter()
        self.item: ItemRow | None = None

    # ------------------------------------------------------------------ where

    @property
    def phase(self) -> str:
        """``review`` on an item already done, else ``training`` or ``work`` (the meter's task phase)."""
        if self.item is None:
            return "work"
        if self.item.state in ("submitted", "skipped", "flagged"):
            return "review"
        return "training" if self.item.training else "work"

    def start(self) -> ItemRow | None:
        """Resume where the worker was in this pack, else the first item still to do."""
        return self._show(self.resume_item())

    def resume_item(self) -> ItemRow | None:
        """The item :meth:`start` would show, without showing it (for prefetching)."""
        saved = self.store.get(SESSION_KEY) or {}
        item = None
        if saved.get("pack_pk") == self.pack.pk and saved.get("item_id") is not None:
            item = self.store.item_by_id(self.pack.pk, saved["item_id"])
        if item is None:
            item = self.store.next_open(self.pack.pk) or self.store.item_at(self.pack.pk, 0)
        return item

    def _show(self, item: ItemRow | None) -> ItemRow | None:
        self.item = item
        if item is not None:
            self.store.set(SESSION_KEY, {"pack_pk": self.pack.pk, "item_id": item.item_id, "view": "task"})
        return item

    def go_to(self, position: int) -> ItemRow | None:
        item = self.store.item_at(self.pack.pk, position)
        if item is None:
            raise UserError(f"no item at position {position + 1} of {self.pack.item_count}")
        return self._show(item)

    def go_to_id(self, item_id: str) -> ItemRow | None:
        item = self.store.item_by_id(self.pack.pk, item_id)
        if item is None:
            raise UserError(f"no item {item_id!r} in {self.pack.label}")
        return self._show(item)

    def next(self) -> ItemRow | None:
        """The following item (stays on the last one)."""
        if self.item is None:
            return self.start()
        found = self.store.neighbour(self.pack.pk, self.item.position, +1)
        return self._show(found) if found is not None else self.item

    def previous(self) -> ItemRow | None:
        if self.item is None:
            return self.start()
        found = self.store.neighbour(self.pack.pk, self.item.position, -1)
        return self._show(found) if found is not None else self.item

    def upcoming(self, count: int = 2) -> list[ItemRow]:
        """The items the worker will most likely open next, most likely first: the one
        :meth:`submit` would show, then the one :meth:`next` would show (for prefetching)."""
        if self.item is None:
            return []
        found: list[ItemRow] = []
        for item in (self.store.next_open(self.pack.pk, self.item.position),
                     self.store.neighbour(self.pack.pk, self.item.position, +1)):
            if item is not None and item.pk != self.item.pk and all(item.pk != f.pk for f in found):
                found.append(item)
        return found[:count]

    def refresh(self) -> ItemRow | None:
        if self.item is not None:
            self.item = self.store.item(self.item.pk)
        return self.item

    # ------------------------------------------------------------------ what

    def annotation(self) -> Mapping[str, Any] | None:
        if self.item is None:
            return None
        row = self.store.annotation(self.item.pk)
        return None if row is None else row.data

    def save(self, annotation: Mapping[str, Any]) -> None:
        """Store the current item's annotation now (under the instructions in force)."""
        if self.item is None:
            raise UserError("no item is open")
        self.store.save_annotation(self.item.pk, annotation, self.pack.instructions_hash)

    def _outcome(self, state: str, outcome: str, reason: str | None) -> ItemRow | None:
        if self.item is None:
            raise UserError("no item is open")
        done = self.item
        self.store.set_state(done.pk, state, reason)
        self.meter.signal("item", outcome=outcome, pack=self.pack.pack_id, item=done.item_id)
        following = self.store.next_open(self.pack.pk, done.position)
        if following is None:  # every item is done
            self.item = None
            return None
        return self._show(following)

    def submit(self) -> ItemRow | None:
        """Submit the current item; return the next item still to do (``None`` when all are done)."""
        return self._outcome("submitted", "submitted", None)

    def skip(self, reason: str) -> ItemRow | None:
        reason = (reason or "").strip()
        if not reason:
            raise UserError("a skipped item needs a reason")
        return self._outcome("skipped", "skipped", reason)

    def flag(self, note: str) -> ItemRow | None:
        note = (note or "").strip()
        if not note:
            raise UserError("a flagged item needs a note saying what is wrong")
        return self._outcome("flagged", "flagged", note)

    def progress(self) -> dict[str, int]:
        return self.store.progress(self.pack.pk)
