"""Working through a pack: which item is shown, what submit, skip and flag do, and the
host an editor saves through.

This is the business logic behind the task view, kept free of Qt so it is tested
on plain data. The window only calls these methods and shows their results.
The worker's rules live here once: which states are "done" (:data:`DONE_STATES`,
:func:`done_count`), what a ``view`` signal says (:func:`report_view`), and that
an editor's save lands on the editor's own item or nowhere (:class:`ItemHost`).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Mapping, Protocol

from sqlalchemy.exc import SQLAlchemyError

from annotator.core import errors
from annotator.core.errors import UserError, msg
from annotator.core.library import info_of
from annotator.core.metering.meter import Meter, NullMeter, RecordingMeter
from annotator.core.store import DONE_STATES, ItemRow, PackRow, Store
from annotator.plugin_api import PackInfo

log = logging.getLogger("annotator.session")

SESSION_KEY = "session"

__all__ = ["DONE_STATES", "SESSION_KEY", "ItemHost", "HostEvents", "Meter", "NullMeter", "RecordingMeter",
           "WorkSession", "cache_dir_of", "done_count", "is_done", "report_view", "storage_errors"]


def is_done(state: str) -> bool:
    """Whether an item in ``state`` is done (submitted, skipped or flagged)."""
    return state in DONE_STATES


def done_count(progress: Mapping[str, int]) -> int:
    """How many items of a pack are done, from :meth:`Store.progress`'s counts per state."""
    return sum(int(progress.get(state, 0)) for state in DONE_STATES)


def report_view(meter: Meter, view: str, pack: PackRow | None = None,
                session: "WorkSession | None" = None, plugin: Any = None) -> None:
    """Tell the meter which view the worker is on: the one place a ``view`` signal is made.

    ``docs/metering.md``: ``view`` is library, instructions, task, timesheet or
    settings; ``pack`` names the pack; the task view adds the ``item`` shown (``None``
    on the "all done" page) and its ``phase`` (``review`` on that page).
    """
    fields: dict[str, Any] = {"view": view}
    if session is not None:
        pack = session.pack
    if pack is not None:
        fields["pack"] = pack.pack_id
    if view == "task" and session is not None:
        fields["item"] = session.item.item_id if session.item is not None else None
        fields["phase"] = session.phase if session.item is not None else "review"
    reading = _reading_seconds(view, pack, session, plugin)
    if reading:
        fields["reading_seconds"] = reading
    meter.signal("view", **fields)


def _reading_seconds(view: str, pack: PackRow | None, session: "WorkSession | None", plugin: Any) -> float:
    """The reading time of what the view shows (rules 2): the instructions' words, or what the plugin
    says the item shows (:meth:`annotator.plugin_api.TaskPlugin.shows`). A failing plugin gives none."""
    from annotator.core.metering.reading import count_words, reading_seconds

    try:
        if view == "instructions" and pack is not None:
            path = Path(pack.folder) / "instructions.md"
            return reading_seconds(count_words([path.read_text(encoding="utf-8", errors="replace")]))
        if view == "task" and session is not None and session.item is not None and plugin is not None:
            shown = plugin.shows(session.item.data, session.info)
            return reading_seconds(int(shown.get("words") or 0), float(shown.get("media_seconds") or 0.0))
    except Exception:  # noqa: BLE001 - a plugin's error or an unreadable file never stops the meter
        log.warning("no reading time for the %s view", view, exc_info=True)
    return 0.0


def storage_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "the store could not write" (a full disk, a read-only or lost folder).

    The core raises ``StorageError`` for them where it knows; an ``OSError`` or a
    database error from below means the same.
    """
    found: list[type[BaseException]] = [OSError, SQLAlchemyError]
    storage_error = getattr(errors, "StorageError", None)
    if isinstance(storage_error, type):
        found.insert(0, storage_error)
    return tuple(found)


def cache_dir_of(session: "WorkSession") -> Path:
    """The cache folder a pack's plugin gets (its editor's host and its prefetch hook)."""
    folder = session.store.cache_dir / session.pack.kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class WorkSession:
    """One pack being worked on. Saves every change at once; remembers where the worker is."""

    def __init__(self, store: Store, pack: PackRow, meter: Meter | None = None):
        self.store = store
        self.pack = pack
        self.info: PackInfo = info_of(pack)
        self.meter: Meter = meter if meter is not None else NullMeter()
        self.item: ItemRow | None = None

    # ------------------------------------------------------------------ where

    @property
    def phase(self) -> str:
        """``review`` on an item already done, else ``training`` or ``work`` (the meter's task phase)."""
        if self.item is None:
            return "work"
        if is_done(self.item.state):
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
            raise UserError(msg("no item at position {position} of {count}", position=position + 1,
                                 count=self.pack.item_count))
        return self._show(item)

    def go_to_id(self, item_id: str) -> ItemRow | None:
        item = self.store.item_by_id(self.pack.pk, item_id)
        if item is None:
            raise UserError(msg("no item {item!r} in {pack}", item=item_id, pack=self.pack.label))
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

    def save(self, item: ItemRow, annotation: Mapping[str, Any]) -> None:
        """Store ``item``'s annotation now (under the instructions in force).

        The item is named by the caller, never taken from where the session is: a save
        made for one item can never land on another (an editor's late save, a slow timer).
        """
        if not isinstance(item, ItemRow):
            raise TypeError(f"save() takes the item the annotation belongs to, not {type(item).__name__}")
        if item.pack_pk != self.pack.pk:
            raise UserError(msg("item {item!r} is not in {pack}", item=item.item_id, pack=self.pack.label))
        self.store.save_annotation(item.pk, annotation, self.pack.instructions_hash)

    def host(self, events: "HostEvents | None" = None) -> "ItemHost":
        """The host an editor gets for the current item (see :class:`ItemHost`)."""
        if self.item is None:
            raise UserError(msg("no item is open"))
        return ItemHost(self, self.item, self.annotation(), events)

    def _outcome(self, state: str, outcome: str, reason: str | None) -> ItemRow | None:
        if self.item is None:
            raise UserError(msg("no item is open"))
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
            raise UserError(msg("a skipped item needs a reason"))
        return self._outcome("skipped", "skipped", reason)

    def flag(self, note: str) -> ItemRow | None:
        note = (note or "").strip()
        if not note:
            raise UserError(msg("a flagged item needs a note saying what is wrong"))
        return self._outcome("flagged", "flagged", note)

    def progress(self) -> dict[str, int]:
        return self.store.progress(self.pack.pk)


# --------------------------------------------------------------------------- the editor's host


class HostEvents(Protocol):
    """What an :class:`ItemHost` tells the window (all optional to act on)."""

    def saved(self, host: "ItemHost") -> None:
        """The host's item was saved (after a failure: it is saved again)."""

    def save_failed(self, host: "ItemHost", message: str) -> None:
        """The store could not write the item; the edit is kept and retried (:meth:`ItemHost.retry`)."""

    def bad_annotation(self, host: "ItemHost", message: str) -> None:
        """The editor gave something that is not an annotation (not JSON): a plugin bug."""

    def notify(self, message: str) -> None:
        """A short message the plugin wants the worker to see."""


class _NoEvents:
    def saved(self, host: "ItemHost") -> None:
        pass

    def save_failed(self, host: "ItemHost", message: str) -> None:
        pass

    def bad_annotation(self, host: "ItemHost", message: str) -> None:
        pass

    def notify(self, message: str) -> None:
        pass


class ItemHost:
    """The :class:`annotator.plugin_api.EditorHost` the app gives an editor for one item.

    It saves by its own item, whatever the session shows now: a save that arrives after
    the session moved on goes to the item the editor was given, and a save after
    :meth:`close` is refused (logged), so a late save can never land on another item.

    A save the store cannot write (a full disk) is not lost: the annotation is kept as
    :attr:`unsaved`, the window is told (``save_failed``), and :meth:`retry` writes it
    once the store can; until then :attr:`unsaved` is set and the window refuses to move
    on from the item. Saving never raises into the editor for that.
    """

    def __init__(self, session: WorkSession, item: ItemRow, annotation: Mapping[str, Any] | None,
                 events: HostEvents | None = None):
        self._session = session
        self._item = item
        self._events: HostEvents = events if events is not None else _NoEvents()
        self.pack: PackInfo = session.info
        self.item: Mapping[str, Any] = item.data
        self.annotation = annotation
        self.cache_dir: Path = cache_dir_of(session)
        self.closed = False
        #: the last annotation the store could not write, kept until a save succeeds
        self.unsaved: Mapping[str, Any] | None = None
        #: why the last save failed (``""`` once saved)
        self.error = ""

    @property
    def item_row(self) -> ItemRow:
        """The item this host saves to."""
        return self._item

    @property
    def _item_pk(self) -> int:  # the name the window's host had; tests of other branches still read it
        return self._item.pk

    def close(self) -> None:
        """The editor left the item: later saves are refused."""
        self.closed = True

    def media_path(self, relative: str | None = None) -> Path:
        rel = relative if relative is not None else self.item.get("media")
        if not rel:
            raise ValueError("this item has no media file")
        return self.pack.media_path(rel)

    def save(self, annotation: Mapping[str, Any]) -> None:
        if self.closed:
            log.warning("an editor saved after its item %s was closed; ignored", self._item.item_id)
            return
        try:
            self._session.save(self._item, annotation)
        except (TypeError, ValueError) as exc:
            self._events.bad_annotation(self, f"the editor gave an annotation that cannot be saved: {exc}")
            return
        except storage_errors() as exc:
            self.annotation = annotation  # what the worker sees, and what the next try writes
            self.unsaved = annotation
            self.error = _storage_message(exc)
            log.warning("item %s could not be saved: %s", self._item.item_id, self.error)
            self._events.save_failed(self, self.error)
            return
        self.annotation = annotation
        self.unsaved = None
        self.error = ""
        self._events.saved(self)

    def retry(self) -> bool:
        """Try to write the unsaved annotation again; whether nothing is left unsaved."""
        if self.unsaved is not None and not self.closed:
            self.save(self.unsaved)
        return self.unsaved is None

    def previous_annotation(self) -> Mapping[str, Any] | None:
        store = self._session.store
        before = store.neighbour(self._item.pack_pk, self._item.position, -1)
        if before is None:
            return None
        row = store.annotation(before.pk)
        return None if row is None else row.data

    def activity(self) -> None:
        self._session.meter.signal("input")

    def media_playing(self, playing: bool) -> None:
        self._session.meter.signal("media", playing=bool(playing))

    def setting(self, key: str, default: Any = None) -> Any:
        return self._session.store.get(f"plugin.{self.pack.kind}.{key}", default)

    def set_setting(self, key: str, value: Any) -> None:
        self._session.store.set(f"plugin.{self.pack.kind}.{key}", value)

    def notify(self, message: str) -> None:
        self._events.notify(str(message))


def _storage_message(exc: BaseException) -> str:
    """One line saying why the store could not write (the ``StorageError``'s own words when it is one)."""
    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    original = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    return str(original or exc).splitlines()[0]
