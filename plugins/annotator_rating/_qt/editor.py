"""The rating editor: a thin Qt view over :class:`~annotator_rating.document.RatingDocument`.

It shows the item (prompt, responses side by side, in the worker's display order) in a
:class:`~annotator_rating._qt.form.RatingForm` built once per kind of item, turns the
fields' keys and clicks into document edits, and shows the document's state after every
change, undo and redo. The editing kit does the rest (ADR 0006): the document's history
is the undo (one step per choice, one per run of typing in a box), ``DebouncedSave`` saves
choices at once and typing within ``TEXT_SAVE_MS`` without waiting for a pause, and two
key maps bind every key and are the help list.
"""
from __future__ import annotations

import logging
import time
from typing import Any, Callable, Mapping

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api.qt import DebouncedSave, DocumentEditor, KeyMap, theme

from annotator_rating.document import RatingDocument
from annotator_rating.items import is_writing_item, item_modes, response_by_id
from annotator_rating.submit_notes import Note, identical_scores, missing_notes, much_faster, record_time
from annotator_rating._qt.form import RatingForm, ResponseColumn
from annotator_rating._qt.widgets import (MARKDOWN_FEATURES, DocumentCache, Field, Throttle, fill_document,
                                          set_direction, style_sheet)

log = logging.getLogger("annotator.rating")

#: typing is saved at most this long after a keystroke (well under the store's one-second promise)
TEXT_SAVE_MS = DebouncedSave.DELAY_MS


#: the characters of an item's texts parsed ahead in one idle moment (about 5 ms at most; the rest waits)
PREPARE_CHARS = 12_000


def laid_out(doc: QtGui.QTextDocument, view: QtWidgets.QTextEdit | None) -> None:
    """Lay ``doc`` out at the width ``view`` shows it: the view then takes it in a quarter of the time."""
    if view is not None:
        doc.setTextWidth(view.viewport().width())
        doc.size()


class _Prefetched(QtCore.QObject):
    """Carries the plugin's prefetch calls (another thread) to the editor, on the interface thread."""

    item = QtCore.Signal(object, object)


class RatingEditor(DocumentEditor):
    save_delay_ms = TEXT_SAVE_MS

    document: RatingDocument | None

    def __init__(self, plugin, parent=None):
        super().__init__(parent)
        self.plugin = plugin
        self.setStyleSheet(style_sheet())  # rebuilt when the system turns light or dark (changeEvent)
        self.item: Mapping[str, Any] = {}
        self.task = None
        self.modes: tuple[str, ...] = ()
        self.order: list[str] = []
        self.form: RatingForm | None = None
        self._built_shape: tuple | None = None
        self._rendering = False
        self._opened_at = 0.0
        self._seconds: dict[str, float] = {}
        self._revealed: set[tuple[str, str]] = set()
        self._syncing = False
        self._key_field: tuple[Field, str] | None = None
        self.documents = DocumentCache(parent=self)
        # the items the worker is likely to open next get their documents parsed in an idle moment
        self._prefetched = _Prefetched(self)
        self._prefetched.item.connect(self.prepare, QtCore.Qt.ConnectionType.QueuedConnection)
        listener = self._prefetched.item.emit
        listeners = getattr(plugin, "prefetch_listeners", None)
        if isinstance(listeners, list):
            listeners.append(listener)
            self.destroyed.connect(lambda *_: listener in listeners and listeners.remove(listener))
        self._activity = Throttle(self._report_activity, 0.5)
        self.outer = QtWidgets.QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self._bind_keys()

    # ------------------------------------------------------------------ the form's widgets

    @property
    def body(self) -> RatingForm | None:
        return self.form

    @property
    def fields(self) -> dict[str, Any]:
        """The form's fields by kind and response id (``likert:<id>:<criterion>``, ``pairwise``...)."""
        return self.form.fields if self.form is not None else {}

    @property
    def columns(self) -> list[ResponseColumn]:
        return self.form.columns if self.form is not None else []

    @property
    def attempt_widgets(self) -> list[dict[str, Any]]:
        return self.form.attempt_widgets if self.form is not None else []

    @property
    def context_view(self):
        return self.form.context_view

    @property
    def context_veil(self):
        return self.form.context_veil

    @property
    def sync_box(self) -> QtWidgets.QCheckBox | None:
        return self.form.sync_box

    @property
    def add_button(self) -> QtWidgets.QPushButton | None:
        return self.form.add_button

    # ------------------------------------------------------------------ loading

    def create_document(self, host) -> RatingDocument:
        item = host.item
        task = self.plugin.task(host.pack.task)
        document = RatingDocument.for_host(host, task)
        self.item, self.task = item, task
        self.modes = item_modes(item, task)
        self.order = list(document.order)
        self._build(host)
        return document

    def load(self, host) -> None:
        super().load(host)
        self._opened_at = time.monotonic()

    def unload(self) -> None:
        if self.host is not None:
            key = self._item_key()
            self._seconds[key] = self._seconds.get(key, 0.0) + time.monotonic() - self._opened_at
        super().unload()

    def _item_key(self) -> str:
        return str(self.item.get("id"))

    def _build(self, host) -> None:
        """Build the form for this kind of item, or reuse the one on screen (same modes, as many responses)."""
        shape = (is_writing_item(self.item), self.modes, len(self.order), id(self.task))
        if self.form is None or shape != self._built_shape:
            if self.form is not None:
                self.form.hide()
                self.form.setParent(None)
                self.form.deleteLater()
            self.form = RatingForm(self, self.task, self.modes, len(self.order), shape[0],
                                   bool(host.setting("sync_scroll", True)), self)
            self.outer.addWidget(self.form)
            self.form.show()  # now, not on the next turn of the event loop: the focus goes to a field at once
            self._built_shape = shape
        self.form.bind(self.order)
        self._show_texts(host)

    def _show_texts(self, host) -> None:
        """Show this item's texts in the form (documents come from the cache when seen or prepared before)."""
        item, form, pack = self.item, self.form, host.pack
        sensitive = bool(item.get("sensitive"))
        if is_writing_item(item):
            form.context_view.show_document(self._doc(pack, item, "@brief"))
        else:
            form.context_view.show_document(self._context_doc(pack, item))
            responses = response_by_id(item)
            for column, rid in zip(form.columns, self.order):
                text = str(responses[rid].get("text", ""))
                column.size_label.setText(self.tr("%Ln character(s)", "", len(text)))
                column.view.show_document(self._doc(pack, item, f"response:{rid}"))
                column.veiled.set_veiled(bool(sensitive or responses[rid].get("sensitive"))
                                         and (self._item_key(), rid) not in self._revealed)
        form.context_veil.set_veiled(sensitive and (self._item_key(), "@context") not in self._revealed)

    def prepare(self, pack, item: Mapping[str, Any]) -> None:
        """Parse the documents of an item the worker is likely to open next (the plugin's prefetch).

        Runs on the interface thread between two events: the texts are parsed and laid out at
        the width the form shows them, about 0.5 ms a short text, up to :data:`PREPARE_CHARS`
        characters an item (long ones are parsed when the item opens, as before, never while
        the worker types); a failure costs only the speed-up.
        """
        host = self.host
        if host is None or (pack.id, pack.version) != (host.pack.id, host.pack.version):
            return
        form = self.form
        context = form.context_view if form is not None else None
        column = form.columns[0].view if form is not None and form.columns else None
        try:
            if is_writing_item(item):
                texts = [(len(str(item.get("brief", ""))), lambda: self._doc(pack, item, "@brief"), context)]
            else:
                turns = [t for t in item.get("conversation") or [] if isinstance(t, Mapping)]
                size = sum(len(str(t.get("text", ""))) for t in turns) + len(str(item.get("prompt", "")))
                texts = [(size + len(str(item.get("brief", ""))), lambda: self._context_doc(pack, item), context)]
                for rid, response in response_by_id(item).items():
                    texts.append((len(str(response.get("text", ""))),
                                  lambda rid=rid: self._doc(pack, item, f"response:{rid}"), column))
            budget = PREPARE_CHARS  # long texts wait for the item to open: parsing them here would stall typing
            for size, doc, view in texts:
                if size <= budget:
                    budget -= size
                    laid_out(doc(), view)
        except Exception:  # noqa: BLE001 - the item opens later and shows its own error then
            log.warning("the texts of item %r could not be prepared", item.get("id"), exc_info=True)

    def _doc(self, pack, item: Mapping[str, Any], key: str):
        """A text of the item (``@brief`` or ``response:<id>``), parsed once."""
        if key == "@brief":
            text, direction = str(item.get("brief", "")), str(item.get("direction", "auto"))
        else:
            response = response_by_id(item)[key.partition(":")[2]]
            text = str(response.get("text", ""))
            direction = str(response.get("direction", item.get("direction", "auto")))

        def build(doc):
            fill_document(doc, text, direction)

        return self.documents.get((pack.id, pack.version, str(item.get("id")), key), build)

    def _context_doc(self, pack, item: Mapping[str, Any]):
        """The conversation before the prompt, then the prompt, as one document."""
        turns = [t for t in item.get("conversation") or [] if isinstance(t, Mapping)]
        role_names = {"system": self.tr("System"), "user": self.tr("User"), "assistant": self.tr("Assistant"),
                      "tool": self.tr("Tool")}
        direction = str(item.get("direction", "auto"))
        cache_key = (pack.id, pack.version, str(item.get("id")), "@context", self.tr("Prompt"))

        def build(doc):
            cursor = QtGui.QTextCursor(doc)
            heading = QtGui.QTextCharFormat()
            heading.setFontWeight(QtGui.QFont.Weight.Bold)
            heading.setForeground(theme().color("text_muted"))
            plain = QtGui.QTextCharFormat()
            parts = [(role_names.get(str(t.get("role")), str(t.get("role"))), str(t.get("text", ""))) for t in turns]
            if "brief" in item and not is_writing_item(item):
                parts.insert(0, (self.tr("Brief"), str(item["brief"])))
            parts.append((self.tr("Prompt") if turns else "", str(item.get("prompt", ""))))
            for i, (who, text) in enumerate(parts):
                if i:
                    cursor.insertBlock()
                if who:
                    cursor.insertText(who, heading)
                    cursor.insertBlock()
                    cursor.setCharFormat(plain)
                cursor.insertMarkdown(text, MARKDOWN_FEATURES)
            set_direction(doc, direction)

        return self.documents.get(cache_key, build)

    # ------------------------------------------------------------------ edits and showing them

    def edit(self, change: Callable[[RatingDocument], Any]) -> None:
        """Apply a field's change to the document (nothing while no item is loaded or while rendering)."""
        if self.document is None or self._rendering:
            return
        change(self.document)

    def render(self) -> None:
        self._rendering = True
        try:
            self.form.show_state(self.document)
        finally:
            self._rendering = False

    def changed(self, merge_key: Any) -> None:
        """Typing shows itself: only its counter changes. Anything else redraws the fields."""
        if merge_key is None:  # a choice, an undo or a redo
            self.render()
            return
        kind, _, rest = merge_key.partition(":")
        if kind == "text":
            self.form.show_count(self.document, rest)
        elif kind == "why":
            rid, cid = rest.split(":", 1)
            self.form.show_reason(self.document, rid, self.form.fields[f"why:{rid}:{cid}"][3])
        elif kind != "attempt":
            self.render()

    def add_attempt(self) -> None:
        if self.document is not None and self.document.add_attempt():
            self.form.attempt_widgets[-1]["prompt"].setFocus()

    # ------------------------------------------------------------------ keys

    def _bind_keys(self) -> None:
        """Two tables, one help list: keys a focused field takes, then keys for the whole editor."""
        group = self.tr("Rating")
        fields = self.field_keys = KeyMap(self)  # dispatched by the field that has the key (Field.on_key)
        fields.gesture("Tab / Shift+Tab", self.tr("Next / previous field"), group)
        field_key = {"routed": True, "while_typing": True}  # the field got the key: it is not being typed
        fields.add(list("0123456789"), self._type_in_field,
                   self.tr("Choose a score, rank or verdict, or toggle a safety flag, in the focused field"), group,
                   label="0-9", **field_key)
        fields.add("Left", lambda: self._key_field[0].move(right=False),
                   self.tr("Move the choice in the focused field"), group, label="← / →", **field_key)
        fields.add("Right", lambda: self._key_field[0].move(right=True),
                   self.tr("Move the choice in the focused field"), group, label="← / →", **field_key)
        fields.add(["Backspace", "Delete"], lambda: self._key_field[0].clear(),
                   self.tr("Clear the focused field"), group, **field_key)
        fields.add(["P", "Y", "F", "N"], self._type_in_field, self.tr("Rubric: pass or fail"), group,
                   label="P / Y, F / N", **field_key)
        fields.add("=", self._type_in_field, self.tr("Pairwise: about the same"), group, **field_key)
        # the editor's own: keys no field took come to keyPressEvent
        keys = self.keys
        towards = self.tr("Move the pairwise choice towards response A or B")
        keys.add("A", lambda: self._step_pairwise(False), towards, group, label="A / B", routed=True)
        keys.add("B", lambda: self._step_pairwise(True), towards, group, label="A / B", routed=True)
        keys.add("R", self.reveal_all, self.tr("Reveal blurred sensitive content"), group, routed=True)
        scroll = self.tr("Scroll the responses")
        keys.add("PgUp", lambda: self.scroll_responses(-1), scroll, group, label="PgUp / PgDn", routed=True)
        keys.add("PgDown", lambda: self.scroll_responses(1), scroll, group, label="PgUp / PgDn", routed=True)

    def field_key(self, field: Field, event: QtGui.QKeyEvent) -> bool:
        """A key a field received: run its binding in :attr:`field_keys` on that field."""
        self._key_field = (field, event.text().lower())
        try:
            return self.field_keys.dispatch(event)
        finally:
            self._key_field = None

    def _type_in_field(self) -> None:
        field, text = self._key_field
        field.type_key(text)

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        """Keys no field took: A/B for the pairwise choice, R to reveal, PgUp/PgDn to scroll."""
        if not self.keys.dispatch(event):
            super().keyPressEvent(event)

    def shortcuts(self):
        rows = self.field_keys.shortcuts() + self.keys.shortcuts()
        return list(dict.fromkeys(rows))  # the two arrows (A and B...) share one row

    def bound_keys(self) -> set[str]:
        """Every key the editor binds, in Qt's portable text."""
        return self.field_keys.bound_keys() | self.keys.bound_keys()

    def _step_pairwise(self, towards_b: bool) -> None:
        if self.document is not None:
            self.document.step_pairwise(towards_b)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QtCore.QEvent.Type.ApplicationPaletteChange:  # the system turned light or dark
            self.setStyleSheet(style_sheet())
        super().changeEvent(event)

    def focus_editor(self) -> None:
        stops = self.form.tab_stops() if self.form is not None else []
        if stops:
            stops[0].setFocus(QtCore.Qt.FocusReason.TabFocusReason)
        else:
            self.setFocus()

    # ------------------------------------------------------------------ sensitive content, scrolling

    def revealed_part(self, part: str) -> None:
        self._revealed.add((self._item_key(), part))
        self._report_activity()

    def reveal_all(self) -> None:
        veils = [c.veiled for c in self.columns] + ([self.form.context_veil] if self.form is not None else [])
        for veil in veils:
            if veil.is_veiled:
                veil.reveal()

    def activity(self, *_args) -> None:
        """Scrolling and reading count as activity (at most one signal per half second)."""
        self._activity()

    def scrolled(self, column: ResponseColumn, value: int) -> None:
        self._activity()
        sync_box = self.form.sync_box
        if self._syncing or sync_box is None or not sync_box.isChecked():
            return
        source = column.view.verticalScrollBar()
        fraction = value / source.maximum() if source.maximum() else 0.0
        self._syncing = True
        try:
            for other in self.columns:
                if other is not column:
                    bar = other.view.verticalScrollBar()
                    bar.setValue(round(fraction * bar.maximum()))
        finally:
            self._syncing = False

    def scroll_responses(self, pages: int) -> None:
        sync_box = self.form.sync_box if self.form is not None else None
        for column in self.columns[:1] if (sync_box and sync_box.isChecked()) else self.columns:
            bar = column.view.verticalScrollBar()
            bar.setValue(bar.value() + pages * bar.pageStep())

    def _report_activity(self) -> None:
        if self.host is not None:
            self.host.activity()

    # ------------------------------------------------------------------ before submitting

    def submit_warnings(self) -> list[str]:
        if self.host is None or self.document is None:
            return []
        self.saver.flush()
        annotation = self.document.annotation()
        notes = [self._note_text(n) for n in missing_notes(annotation, self.item, self.task, self.order)]
        same = identical_scores(annotation)
        if same is not None:
            notes.append(self.tr("Every score on this item is %1. That can be right; a quick look to check each "
                                 "one is what you meant.").replace("%1", str(same)))
        key = self._item_key()
        seconds = self._seconds.get(key, 0.0) + time.monotonic() - self._opened_at
        times_key = f"times.{self.host.pack.id}"
        times = self.host.setting(times_key, {})
        if not isinstance(times, dict):
            times = {}
        median = much_faster(seconds, [v for k, v in times.items() if k != key])
        if median is not None:
            notes.append(self.tr("You spent %1 s on this item; your own usual time is about %2 s. If you read "
                                 "everything you needed, all is well.").replace("%1", str(round(seconds)))
                         .replace("%2", str(round(median))))
        self.host.set_setting(times_key, record_time(times, key, seconds))
        return notes

    def _note_text(self, note: Note) -> str:
        args = note.args
        count = int(args[0]) if args and str(args[0]).isdigit() else -1
        texts = {
            "scores_missing": self.tr("%n score(s) not given yet.", "", count),
            "pairwise_missing": self.tr("You have not said which response is better."),
            "ranking_missing": self.tr("Not every response has a rank."),
            "rubric_missing": self.tr("%n rubric question(s) not answered yet.", "", count),
            "rubric_why_short": self.tr("The reason for \"%1\" on response %2 needs at least %3 characters "
                                        "(it has %4)."),
            "justification_short": self.tr("The justification needs at least %1 characters (it has %2)."),
            "rewrite_short": self.tr("The ideal answer needs at least %1 characters (it has %2)."),
            "no_prompt": self.tr("You have not written a prompt yet."),
            "verdict_missing": self.tr("A prompt has no verdict yet."),
            "response_missing": self.tr("A prompt has no answer pasted yet."),
        }
        text = texts.get(note.code, note.code)
        for i, arg in reversed(list(enumerate(args, 1))):
            text = text.replace(f"%{i}", arg)
        return text
