"""The rating editor: prompt, responses side by side, and the pack's modes as keyboard fields.

Layout, top to bottom: the conversation and prompt (or the brief); the responses
side by side, each with its own fields below it (scores, rubric, rank, flags);
then the item-wide fields (pairwise choice, justification, ideal answer) or, for
a prompt-writing item, the prompts written so far.

Every change goes into one annotation dict (``self.state``, format in
``docs/rating.md``) and is saved at once; typing is saved within
``TEXT_SAVE_MS`` without waiting for a pause. Undo/redo keep whole snapshots,
one step per choice and one per run of typing in a box.
"""
from __future__ import annotations

import copy
import secrets
import time
from typing import Any, Callable, Mapping

from PySide6 import QtCore, QtWidgets

from annotator.plugin_api import Shortcut
from annotator.plugin_api.qt import ItemEditor, text_input_has_focus

from annotator_rating import model
from annotator_rating.widgets import (STYLE, ChoiceField, DocumentCache, FlagsField, LineBox, MarkdownView,
                                      Option, TextBox, Throttle, Veiled, fill_document, hint_label, set_direction)

#: typing is saved at most this long after a keystroke (well under the store's one-second promise)
TEXT_SAVE_MS = 250
TITLE_WIDTH = 118


class ResponseColumn(QtWidgets.QWidget):
    """One response: its letter, its text (blurred if sensitive), and the fields about it."""

    def __init__(self, letter: str, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        head = QtWidgets.QHBoxLayout()
        self.title = QtWidgets.QLabel(letter)
        self.title.setObjectName("ColumnTitle")
        head.addWidget(self.title)
        self.size_label = hint_label()
        head.addWidget(self.size_label, 1)
        layout.addLayout(head)
        self.view = MarkdownView()
        self.view.setMinimumHeight(150)
        self.veiled = Veiled(self.view)
        layout.addWidget(self.veiled, 1)
        self.fields = QtWidgets.QVBoxLayout()
        self.fields.setSpacing(0)
        layout.addLayout(self.fields)


class RatingEditor(ItemEditor):
    def __init__(self, plugin, parent=None):
        super().__init__(parent)
        self.plugin = plugin
        self.setStyleSheet(STYLE)
        self.host = None
        self.item: Mapping[str, Any] = {}
        self.task = model.Task()
        self.modes: tuple[str, ...] = ()
        self.order: list[str] = []
        self.state: dict[str, Any] = {}
        self.undo_stack: list[dict[str, Any]] = []
        self.redo_stack: list[dict[str, Any]] = []
        self._typing: str | None = None
        self._pending = False
        self._opened_at = 0.0
        self._seconds: dict[str, float] = {}
        self._revealed: set[tuple[str, str]] = set()
        self._syncing = False
        self.documents = DocumentCache(parent=self)
        self.slots: dict[str, Any] = {}  # fields by kind and position on screen (#0, #1...)
        self.fields: dict[str, Any] = {}  # the same, by response id for the item on screen
        self.columns: list[ResponseColumn] = []
        self.attempt_widgets: list[dict[str, Any]] = []
        self.body: QtWidgets.QWidget | None = None
        self._built_shape: tuple | None = None

        self.save_timer = QtCore.QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(TEXT_SAVE_MS)
        self.save_timer.timeout.connect(self._flush)
        self._activity = Throttle(self._report_activity, 0.5)

        self.outer = QtWidgets.QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)

    # ------------------------------------------------------------------ loading

    def load(self, host) -> None:
        self.host = None
        self.save_timer.stop()
        self._pending = False
        item = host.item
        task = self.plugin.task(host.pack.task)
        self.item, self.task = item, task
        self.modes = model.item_modes(item, task)
        ids = model.response_ids(item)
        salt = host.setting("order_salt")
        if not isinstance(salt, str) or not salt:
            salt = secrets.token_hex(8)
            host.set_setting("order_salt", salt)
        fallback = model.display_order(ids, host.pack.id, str(item.get("id")), salt, task.randomise_order)
        self.state = model.clean_annotation(host.annotation, item, task, fallback)
        self.order = list(self.state["order"])
        self.undo_stack, self.redo_stack = [], []
        self._typing = None
        self._build(host)
        self._show_state()
        self._opened_at = time.monotonic()
        self.host = host

    def unload(self) -> None:
        self._flush()
        if self.host is not None:
            key = str(self.item.get("id"))
            self._seconds[key] = self._seconds.get(key, 0.0) + time.monotonic() - self._opened_at
        self.host = None

    def _item_key(self) -> str:
        return str(self.item.get("id"))

    # ------------------------------------------------------------------ building

    def _shape(self) -> tuple:
        return (model.is_writing_item(self.item), self.modes, len(self.order), id(self.task))

    def _build(self, host) -> None:
        """Build the form for this kind of item, or reuse the one on screen (same modes, as many responses)."""
        shape = self._shape()
        if self.body is None or shape != self._built_shape:
            if self.body is not None:
                self.body.hide()
                self.body.setParent(None)
                self.body.deleteLater()
            self.slots = {}
            self.columns = []
            self.attempt_widgets = []
            body = QtWidgets.QWidget(self)
            self.body = body
            layout = QtWidgets.QVBoxLayout(body)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(4)
            if shape[0]:
                self._build_writing(host, layout)
            else:
                self._build_rating(host, layout)
            self.outer.addWidget(body)
            body.show()  # now, not on the next turn of the event loop: the focus goes to a field at once
            self._built_shape = shape
        self._bind(host)
        self._chain()

    def _bind(self, host) -> None:
        """Show this item's texts in the form (documents come from the cache when seen before)."""
        item = self.item
        # the fields by response id, for this item's display order
        self.fields = {}
        for key, value in self.slots.items():
            parts = key.split(":")
            if len(parts) > 1 and parts[1].startswith("#"):
                parts[1] = self.order[int(parts[1][1:])]
            self.fields[":".join(parts)] = value
        sensitive = bool(item.get("sensitive"))
        if model.is_writing_item(item):
            direction = str(item.get("direction", "auto"))
            self.context_view.show_document(self._doc(host, "@brief", str(item.get("brief", "")), direction))
        else:
            self.context_view.show_document(self._context_doc(host))
            responses = model.response_by_id(item)
            for column, rid in zip(self.columns, self.order):
                response = responses[rid]
                text = str(response.get("text", ""))
                column.size_label.setText(self.tr("%1 characters").replace("%1", f"{len(text):,}"))
                direction = str(response.get("direction", item.get("direction", "auto")))
                column.view.show_document(self._doc(host, f"response:{rid}", text, direction))
                column.veiled.set_veiled(bool(sensitive or response.get("sensitive"))
                                         and (self._item_key(), rid) not in self._revealed)
        self.context_veil.set_veiled(sensitive and (self._item_key(), "@context") not in self._revealed)

    def _doc(self, host, key: str, text: str, direction: str):
        cache_key = (host.pack.id, host.pack.version, str(self.item.get("id")), key)

        def build(doc):
            fill_document(doc, text, direction)

        return self.documents.get(cache_key, build)

    def _context_doc(self, host):
        """The conversation before the prompt, then the prompt, as one document."""
        item = self.item
        turns = [t for t in item.get("conversation") or [] if isinstance(t, Mapping)]
        role_names = {"system": self.tr("System"), "user": self.tr("User"), "assistant": self.tr("Assistant"),
                      "tool": self.tr("Tool")}
        direction = str(item.get("direction", "auto"))
        cache_key = (host.pack.id, host.pack.version, str(item.get("id")), "@context", self.tr("Prompt"))

        def build(doc):
            from PySide6 import QtGui

            from annotator_rating.widgets import MARKDOWN_FEATURES

            cursor = QtGui.QTextCursor(doc)
            heading = QtGui.QTextCharFormat()
            heading.setFontWeight(QtGui.QFont.Weight.Bold)
            heading.setForeground(QtGui.QColor("#5f6368"))
            plain = QtGui.QTextCharFormat()
            parts = [(role_names.get(str(t.get("role")), str(t.get("role"))), str(t.get("text", ""))) for t in turns]
            if "brief" in item and not model.is_writing_item(item):
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

    def _build_rating(self, host, layout) -> None:
        task = self.task
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.split = split
        # the prompt
        self.context_view = MarkdownView()
        self.context_veil = Veiled(self.context_view)
        self.context_veil.revealed.connect(lambda: self._revealed_part("@context"))
        self.context_view.verticalScrollBar().valueChanged.connect(self._activity)
        split.addWidget(self.context_veil)

        # the responses side by side
        holder = QtWidgets.QWidget()
        holder_layout = QtWidgets.QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.setSpacing(2)
        columns = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        columns.setChildrenCollapsible(False)
        for position in range(len(self.order)):
            column = ResponseColumn(self.tr("Response %1").replace("%1", model.letter(position)))
            column.veiled.revealed.connect(lambda p=position: self._revealed_part(self.order[p]))
            column.view.verticalScrollBar().valueChanged.connect(
                lambda value, c=column: self._scrolled(c, value))
            self._build_response_fields(column, position)
            columns.addWidget(column)
            self.columns.append(column)
        holder_layout.addWidget(columns, 1)
        if len(self.columns) > 1:
            row = QtWidgets.QHBoxLayout()
            self.sync_box = QtWidgets.QCheckBox(self.tr("Scroll the responses together"))
            self.sync_box.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            self.sync_box.setChecked(bool(host.setting("sync_scroll", True)))
            self.sync_box.toggled.connect(lambda on: self.host and self.host.set_setting("sync_scroll", on))
            row.addWidget(self.sync_box)
            row.addStretch(1)
            keys_hint = hint_label(self.tr("PgUp/PgDn scroll the responses while a field has the focus"))
            keys_hint.setWordWrap(False)
            row.addWidget(keys_hint)
            holder_layout.addLayout(row)
        else:
            self.sync_box = None
        split.addWidget(holder)

        # the item-wide fields
        bottom = QtWidgets.QWidget()
        bottom_layout = QtWidgets.QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.setSpacing(2)
        if "pairwise" in self.modes:
            bottom_layout.addWidget(self._pairwise_field())
        texts = QtWidgets.QHBoxLayout()
        for key, title, placeholder in (
                ("justification", task.justification.label or self.tr("Justification"),
                 self.tr("Why did you judge the responses this way?")),
                ("rewrite", task.rewrite.label or self.tr("Ideal answer"),
                 self.tr("Write the answer the assistant should have given."))):
            if key in self.modes:
                texts.addWidget(self._text_field(key, title, placeholder, getattr(task, key)), 1)
        bottom_layout.addLayout(texts)
        if bottom_layout.count() > 1 or texts.count():
            split.addWidget(bottom)
        else:
            bottom.deleteLater()
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        if split.count() > 2:
            split.setStretchFactor(2, 1)
        split.setSizes([130, 520, 150][: split.count()])
        layout.addWidget(split, 1)

    def _build_response_fields(self, column: ResponseColumn, pos: int) -> None:
        """The fields about the response shown at ``pos``; they find its id in ``self.order`` when used."""
        task = self.task
        rid = f"#{pos}"
        # with three or more responses side by side, titles go above the options to save width
        width = TITLE_WIDTH if len(self.order) < 3 else -1

        def at(p=pos) -> str:
            return self.order[p]
        if "likert" in self.modes:
            for criterion in task.criteria:
                options = [Option(v, str(v), self._keys_for(v, criterion), criterion.anchor(v)) for v in criterion.values]
                ends = [f"{v}: {criterion.anchor(v)}" for v in (criterion.min, criterion.max) if criterion.anchor(v)]
                field = ChoiceField(criterion.label, options, " · ".join(ends),
                                    describe=lambda v, c=criterion: (f"{v}: {c.anchor(v)}" if c.anchor(v) else ""),
                                    title_width=width)
                field.setToolTip(criterion.description)
                field.chosen.connect(lambda v, c=criterion.id: self._set_score(at(), c, v))
                column.fields.addWidget(field)
                self.slots[f"likert:{rid}:{criterion.id}"] = field
        if "rubric" in self.modes:
            for criterion in task.rubric:
                field = ChoiceField(criterion.label, [
                    Option(True, self.tr("Pass"), ("p", "y")), Option(False, self.tr("Fail"), ("f", "n"))],
                    title_width=width)
                field.setToolTip(criterion.description)
                field.chosen.connect(lambda v, c=criterion: self._set_rubric(at(), c, v))
                column.fields.addWidget(field)
                self.slots[f"rubric:{rid}:{criterion.id}"] = field
                if criterion.justification != "never":
                    why = LineBox()
                    why.setPlaceholderText(self.tr("Why? (at least %1 characters)").replace(
                        "%1", str(max(1, criterion.min_length))) if criterion.min_length else self.tr("Why?"))
                    why.textEdited.connect(lambda text, c=criterion: self._set_rubric_why(at(), c, text))
                    wrap = QtWidgets.QWidget()
                    wrap_layout = QtWidgets.QHBoxLayout(wrap)
                    wrap_layout.setContentsMargins(TITLE_WIDTH + 14 if width > 0 else 6, 0, 6, 2)
                    wrap_layout.addWidget(why)
                    count = hint_label()
                    wrap_layout.addWidget(count)
                    column.fields.addWidget(wrap)
                    self.slots[f"why:{rid}:{criterion.id}"] = (why, wrap, count, criterion)
        if "ranking" in self.modes:
            n = len(self.order)
            names = {1: self.tr("best")}
            names[n] = self.tr("worst")
            field = ChoiceField(self.tr("Rank"), [Option(r, str(r), (str(r),), names.get(r, "")) for r in range(1, n + 1)],
                                self.tr("1 = best") + (self.tr(" · ties allowed") if self.task.ranking_ties else ""),
                                title_width=width)
            field.chosen.connect(lambda v: self._set_rank(at(), v))
            column.fields.addWidget(field)
            self.slots[f"rank:{rid}"] = field
        if "flags" in self.modes:
            field = FlagsField(self.tr("Safety flags (keys 1-%1)").replace("%1", str(len(task.flags))),
                               [(f.id, f.label, f.description) for f in task.flags], columns=2 if width > 0 else 1)
            field.changed.connect(lambda values: self._set_flags(at(), values))
            column.fields.addWidget(field)
            self.slots[f"flags:{rid}"] = field

    @staticmethod
    def _keys_for(value: int, criterion: model.Criterion) -> tuple[str, ...]:
        return (str(value),)

    def _pairwise_labels(self) -> dict[int, str]:
        levels = self.task.pairwise_levels
        words = {1: {1: self.tr("better")},
                 2: {1: self.tr("better"), 2: self.tr("much better")},
                 3: {1: self.tr("slightly better"), 2: self.tr("better"), 3: self.tr("much better")}}[levels]
        labels = {}
        for s in range(levels, 0, -1):
            labels[-s] = self.tr("A %1").replace("%1", words[s])
        if self.task.pairwise_ties:
            labels[0] = self.tr("About the same")
        for s in range(1, levels + 1):
            labels[s] = self.tr("B %1").replace("%1", words[s])
        return labels

    def _pairwise_field(self) -> ChoiceField:
        labels = self._pairwise_labels()
        options = [Option(pos, text, (str(i + 1),) + (("=",) if pos == 0 else ()), tie=pos == 0)
                   for i, (pos, text) in enumerate(labels.items())]
        field = ChoiceField(self.tr("Which is better?"), options,
                            self.tr("A/B move the choice towards A or B · digits choose · Backspace clears"),
                            title_width=TITLE_WIDTH)
        field.chosen.connect(self._set_pairwise_position)
        self.slots["pairwise"] = field
        return field

    def _text_field(self, key: str, title: str, placeholder: str, settings: model.TextSettings) -> QtWidgets.QWidget:
        box = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(box)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(1)
        head = QtWidgets.QHBoxLayout()
        label = QtWidgets.QLabel(title)
        label.setObjectName("FieldTitle")
        head.addWidget(label)
        count = hint_label()
        count.setWordWrap(False)
        head.addStretch(1)
        head.addWidget(count)
        layout.addLayout(head)
        edit = TextBox(placeholder)
        edit.setMinimumHeight(56)
        edit.textChanged.connect(lambda k=key: self._set_text(k))
        layout.addWidget(edit, 1)
        self.slots[f"text:{key}"] = (edit, count, settings)
        return box

    def _build_writing(self, host, layout) -> None:
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.split = split
        self.context_view = MarkdownView()
        self.context_view.verticalScrollBar().valueChanged.connect(self._activity)
        self.context_veil = Veiled(self.context_view)
        self.context_veil.revealed.connect(lambda: self._revealed_part("@context"))
        brief = QtWidgets.QWidget()
        brief_layout = QtWidgets.QVBoxLayout(brief)
        brief_layout.setContentsMargins(0, 0, 0, 0)
        title = QtWidgets.QLabel(self.tr("Brief"))
        title.setObjectName("ColumnTitle")
        brief_layout.addWidget(title)
        brief_layout.addWidget(self.context_veil, 1)
        split.addWidget(brief)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        scroll.verticalScrollBar().valueChanged.connect(self._activity)
        self.attempts_box = QtWidgets.QWidget()
        self.attempts_layout = QtWidgets.QVBoxLayout(self.attempts_box)
        self.attempts_layout.setContentsMargins(0, 0, 0, 0)
        self.attempts_layout.addStretch(1)
        scroll.setWidget(self.attempts_box)
        holder = QtWidgets.QWidget()
        holder_layout = QtWidgets.QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(scroll, 1)
        row = QtWidgets.QHBoxLayout()
        self.add_button = QtWidgets.QPushButton(self.tr("Add another prompt"))
        self.add_button.clicked.connect(self._add_attempt)
        row.addWidget(self.add_button)
        row.addWidget(hint_label(self.tr("Write a prompt, run it on the model you were given, paste the answer, "
                                         "then give your verdict (digit keys).")), 1)
        holder_layout.addLayout(row)
        split.addWidget(holder)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([140, 560])
        layout.addWidget(split, 1)

    def _ensure_attempt_widgets(self, n: int) -> None:
        while len(self.attempt_widgets) > n:
            widgets = self.attempt_widgets.pop()
            widgets["frame"].deleteLater()
        while len(self.attempt_widgets) < n:
            i = len(self.attempt_widgets)
            frame = QtWidgets.QFrame()
            frame.setObjectName("Attempt")
            grid = QtWidgets.QGridLayout(frame)
            grid.setContentsMargins(8, 6, 8, 6)
            head = QtWidgets.QLabel(self.tr("Prompt %1").replace("%1", str(i + 1)))
            head.setObjectName("FieldTitle")
            grid.addWidget(head, 0, 0)
            remove = QtWidgets.QToolButton()
            remove.setText(self.tr("Remove"))
            remove.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            remove.clicked.connect(lambda _=False, index=i: self._remove_attempt(index))
            grid.addWidget(remove, 0, 1, QtCore.Qt.AlignmentFlag.AlignRight)
            prompt = TextBox(self.tr("The prompt you wrote"))
            prompt.setMinimumHeight(70)
            prompt.textChanged.connect(lambda index=i: self._set_attempt_text(index, "prompt"))
            response = TextBox(self.tr("Paste or type the answer you obtained"))
            response.setMinimumHeight(90)
            response.textChanged.connect(lambda index=i: self._set_attempt_text(index, "response"))
            grid.addWidget(prompt, 1, 0, 1, 2)
            grid.addWidget(response, 2, 0, 1, 2)
            verdict = ChoiceField(self.tr("Verdict"), [
                Option(v.id, v.label, (str(k + 1),), v.description) for k, v in enumerate(self.task.verdicts)],
                title_width=TITLE_WIDTH)
            verdict.chosen.connect(lambda value, index=i: self._set_verdict(index, value))
            grid.addWidget(verdict, 3, 0, 1, 2)
            self.attempts_layout.insertWidget(self.attempts_layout.count() - 1, frame)
            frame.show()
            self.attempt_widgets.append({"frame": frame, "prompt": prompt, "response": response, "verdict": verdict})
        self.add_button.setEnabled(n < self.task.max_attempts)
        self._chain()

    def _tab_stops(self) -> list[QtWidgets.QWidget]:
        stops: list[QtWidgets.QWidget] = []
        if model.is_writing_item(self.item):
            for widgets in getattr(self, "attempt_widgets", []):
                stops += [widgets["prompt"], widgets["response"], widgets["verdict"]]
            return stops + [self.add_button]
        for rid in self.order:
            for key, value in self.fields.items():
                parts = key.split(":")
                if parts[0] in ("likert", "rubric", "why", "rank", "flags") and parts[1] == rid:
                    stops.append(value[0] if isinstance(value, tuple) else value)
        if "pairwise" in self.fields:
            stops.append(self.fields["pairwise"])
        for key in ("text:justification", "text:rewrite"):
            if key in self.fields:
                stops.append(self.fields[key][0])
        return stops

    def _chain(self) -> None:
        stops = self._tab_stops()
        for first, second in zip(stops, stops[1:]):
            QtWidgets.QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ showing the state

    def _show_state(self) -> None:
        """Make every field show ``self.state`` (after loading, undo or redo)."""
        state = self.state
        scores = state.get("scores") or {}
        rubric = state.get("rubric") or {}
        ranking = state.get("ranking") or {}
        flags = state.get("flags") or {}
        for key, field in self.fields.items():
            kind, _, rest = key.partition(":")
            if kind == "likert":
                rid, cid = rest.split(":", 1)
                field.set_value((scores.get(rid) or {}).get(cid))
            elif kind == "rubric":
                rid, cid = rest.split(":", 1)
                field.set_value(((rubric.get(rid) or {}).get(cid) or {}).get("pass"))
            elif kind == "why":
                rid, cid = rest.split(":", 1)
                edit = field[0]
                edit.set_text(((rubric.get(rid) or {}).get(cid) or {}).get("why", ""))
                self._update_why(rid, field[3])
            elif kind == "rank":
                field.set_value(ranking.get(rest))
            elif kind == "flags":
                field.set_values(flags.get(rest) or [])
            elif kind == "pairwise":
                field.set_value(self._pairwise_position())
            elif kind == "text":
                edit, count, settings = field
                edit.set_text(state.get(rest) or "")
                self._update_count(rest)
        if model.is_writing_item(self.item):
            attempts = state.get("attempts") or []
            self._ensure_attempt_widgets(max(1, len(attempts)))
            for i, widgets in enumerate(self.attempt_widgets):
                entry = attempts[i] if i < len(attempts) else {}
                widgets["prompt"].set_text(entry.get("prompt") or "")
                widgets["response"].set_text(entry.get("response") or "")
                widgets["verdict"].set_value(entry.get("verdict"))

    def _pairwise_position(self) -> int | None:
        pairwise = self.state.get("pairwise")
        if not pairwise:
            return None
        if pairwise["strength"] == 0:
            return 0
        left_wins = pairwise["preferred"] == self.order[0]
        return -pairwise["strength"] if left_wins else pairwise["strength"]

    def _update_count(self, key: str) -> None:
        edit, count, settings = self.fields[f"text:{key}"]
        n = len((self.state.get(key) or "").strip())
        if settings.min_length:
            count.setText(self.tr("%1 characters, at least %2").replace("%1", str(n)).replace(
                "%2", str(settings.min_length)))
            count.setObjectName("Hint" if n >= settings.min_length else "Warn")
            count.style().unpolish(count)
            count.style().polish(count)
        else:
            count.setText(self.tr("%1 characters").replace("%1", str(n)) if n else "")

    def _update_why(self, rid: str, criterion: model.RubricCriterion) -> None:
        edit, wrap, count, _ = self.fields[f"why:{rid}:{criterion.id}"]
        entry = ((self.state.get("rubric") or {}).get(rid) or {}).get(criterion.id) or {}
        needed = criterion.needs_why(entry.get("pass"))
        # the box stays reachable whenever a reason is possible, and says when it is asked for
        wrap.setVisible(needed or bool(entry.get("why")))
        n = len((entry.get("why") or "").strip())
        if needed and criterion.min_length:
            count.setText(f"{n}/{criterion.min_length}")
            count.setObjectName("Hint" if n >= criterion.min_length else "Warn")
            count.style().unpolish(count)
            count.style().polish(count)
        else:
            count.setText("")

    # ------------------------------------------------------------------ changing the state

    def _change(self, mutate: Callable[[dict[str, Any]], None], typing: str | None = None) -> None:
        if self.host is None:
            return
        if typing is not None and typing == self._typing:
            mutate(self.state)  # the same run of typing: one undo step, saved shortly
            self._pending = True
            if not self.save_timer.isActive():
                self.save_timer.start()
            return
        before = copy.deepcopy(self.state)
        mutate(self.state)
        if self.state == before:
            return
        self.undo_stack.append(before)
        self.redo_stack.clear()
        self._typing = typing
        if typing is None:
            self._save()
        else:
            self._pending = True
            if not self.save_timer.isActive():
                self.save_timer.start()

    def _save(self) -> None:
        self.save_timer.stop()
        self._pending = False
        if self.host is not None:
            self.host.save(copy.deepcopy(self.state))

    def _flush(self) -> None:
        if self._pending:
            self._save()

    def _set_score(self, rid: str, cid: str, value: int | None) -> None:
        def mutate(state):
            per = state.setdefault("scores", {}).setdefault(rid, {})
            if value is None:
                per.pop(cid, None)
            else:
                per[cid] = value
            if not per:
                state["scores"].pop(rid, None)
        self._change(mutate)

    def _set_rubric(self, rid: str, criterion: model.RubricCriterion, value: bool | None) -> None:
        def mutate(state):
            entry = state.setdefault("rubric", {}).setdefault(rid, {}).setdefault(criterion.id, {"pass": None, "why": ""})
            entry["pass"] = value
        self._change(mutate)
        if f"why:{rid}:{criterion.id}" in self.fields:
            self._update_why(rid, criterion)

    def _set_rubric_why(self, rid: str, criterion: model.RubricCriterion, text: str) -> None:
        def mutate(state):
            entry = state.setdefault("rubric", {}).setdefault(rid, {}).setdefault(criterion.id, {"pass": None, "why": ""})
            entry["why"] = text
        self._change(mutate, typing=f"why:{rid}:{criterion.id}")
        self._update_why(rid, criterion)

    def _set_rank(self, rid: str, rank: int | None) -> None:
        ties = self.task.ranking_ties

        def mutate(state):
            ranking = state.setdefault("ranking", {})
            previous = ranking.get(rid)
            if rank is None:
                ranking.pop(rid, None)
                return
            if not ties:
                for other, r in list(ranking.items()):
                    if other != rid and r == rank:
                        # no ties: the response that had this rank takes this one's old rank
                        if previous is None:
                            ranking.pop(other)
                        else:
                            ranking[other] = previous
            ranking[rid] = rank
        self._change(mutate)
        ranking = self.state.get("ranking") or {}
        for other in self.order:
            self.fields[f"rank:{other}"].set_value(ranking.get(other))

    def _set_flags(self, rid: str, values: list[str]) -> None:
        def mutate(state):
            flags = state.setdefault("flags", {})
            if values:
                flags[rid] = list(values)
            else:
                flags.pop(rid, None)
        self._change(mutate)

    def _set_pairwise_position(self, position: int | None) -> None:
        def mutate(state):
            if position is None:
                state.pop("pairwise", None)
                return
            left, right = self.order[0], self.order[1]
            state["pairwise"] = {
                "shown": [left, right],
                "preferred": None if position == 0 else (left if position < 0 else right),
                "strength": abs(position),
                "levels": self.task.pairwise_levels,
            }
        self._change(mutate)

    def step_pairwise(self, towards_b: bool) -> None:
        """A/B: move the choice one step towards that response (from 'about the same')."""
        field = self.fields.get("pairwise")
        if field is None:
            return
        positions = [o.value for o in field.options]
        current = self._pairwise_position()
        if current is None:
            start = 1 if towards_b else -1
            target = start if start in positions else (positions[-1] if towards_b else positions[0])
        else:
            target = current + (1 if towards_b else -1)
            if target == 0 and 0 not in positions:
                target += 1 if towards_b else -1
            target = max(positions[0], min(positions[-1], target))
        field.choose(target)

    def _set_text(self, key: str) -> None:
        edit = self.fields[f"text:{key}"][0]
        text = edit.toPlainText()
        self._change(lambda state: state.__setitem__(key, text), typing=f"text:{key}")
        self._update_count(key)

    def _set_attempt_text(self, index: int, part: str) -> None:
        text = self.attempt_widgets[index][part].toPlainText()

        def mutate(state):
            attempts = state.setdefault("attempts", [])
            while len(attempts) <= index:
                attempts.append({"prompt": "", "response": "", "verdict": None})
            attempts[index][part] = text
        self._change(mutate, typing=f"attempt:{index}:{part}")

    def _set_verdict(self, index: int, value: str | None) -> None:
        def mutate(state):
            attempts = state.setdefault("attempts", [])
            while len(attempts) <= index:
                attempts.append({"prompt": "", "response": "", "verdict": None})
            attempts[index]["verdict"] = value
        self._change(mutate)

    def _add_attempt(self) -> None:
        attempts = self.state.get("attempts") or []
        n = max(len(attempts), len(self.attempt_widgets))
        if n >= self.task.max_attempts:
            return

        def mutate(state):
            current = state.setdefault("attempts", [])
            while len(current) < n + 1:
                current.append({"prompt": "", "response": "", "verdict": None})
        self._change(mutate)
        self._ensure_attempt_widgets(n + 1)
        self.attempt_widgets[n]["prompt"].setFocus()

    def _remove_attempt(self, index: int) -> None:
        def mutate(state):
            attempts = state.setdefault("attempts", [])
            if index < len(attempts):
                attempts.pop(index)
        self._change(mutate)
        self._show_state()

    # ------------------------------------------------------------------ sensitive content, scrolling

    def _revealed_part(self, part: str) -> None:
        self._revealed.add((self._item_key(), part))
        self._report_activity()

    def reveal_all(self) -> None:
        veils = [c.veiled for c in self.columns] + [getattr(self, "context_veil", None)]
        for veil in veils:
            if veil is not None and veil.is_veiled:
                veil.reveal()

    def _scrolled(self, column: ResponseColumn, value: int) -> None:
        self._activity()
        if self._syncing or self.sync_box is None or not self.sync_box.isChecked():
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
        for column in self.columns[:1] if (self.sync_box and self.sync_box.isChecked()) else self.columns:
            bar = column.view.verticalScrollBar()
            bar.setValue(bar.value() + pages * bar.pageStep())

    def _report_activity(self) -> None:
        if self.host is not None:
            self.host.activity()

    # ------------------------------------------------------------------ keyboard

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        """Keys no field took: A/B for the pairwise choice, R to reveal, PgUp/PgDn to scroll."""
        if text_input_has_focus() or event.modifiers() & (QtCore.Qt.KeyboardModifier.ControlModifier
                                                          | QtCore.Qt.KeyboardModifier.AltModifier
                                                          | QtCore.Qt.KeyboardModifier.MetaModifier):
            return super().keyPressEvent(event)
        key = event.key()
        if key == QtCore.Qt.Key.Key_A and "pairwise" in self.fields:
            self.step_pairwise(towards_b=False)
        elif key == QtCore.Qt.Key.Key_B and "pairwise" in self.fields:
            self.step_pairwise(towards_b=True)
        elif key == QtCore.Qt.Key.Key_R:
            self.reveal_all()
        elif key in (QtCore.Qt.Key.Key_PageDown, QtCore.Qt.Key.Key_PageUp) and self.columns:
            self.scroll_responses(1 if key == QtCore.Qt.Key.Key_PageDown else -1)
        else:
            return super().keyPressEvent(event)
        event.accept()

    def shortcuts(self) -> list[Shortcut]:
        group = self.tr("Rating")
        return [
            Shortcut("Tab / Shift+Tab", self.tr("Next / previous field"), group),
            Shortcut("0-9", self.tr("Choose a score, rank or verdict in the focused field"), group),
            Shortcut("← / →", self.tr("Move the choice in the focused field"), group),
            Shortcut("Backspace", self.tr("Clear the focused field"), group),
            Shortcut("A / B", self.tr("Move the pairwise choice towards response A or B"), group),
            Shortcut("P / F", self.tr("Rubric: pass or fail"), group),
            Shortcut("1-9", self.tr("Safety flags: toggle a flag in the focused list"), group),
            Shortcut("R", self.tr("Reveal blurred sensitive content"), group),
            Shortcut("PgUp / PgDn", self.tr("Scroll the responses"), group),
        ]

    def focus_editor(self) -> None:
        stops = self._tab_stops()
        if stops:
            stops[0].setFocus(QtCore.Qt.FocusReason.TabFocusReason)
        else:
            self.setFocus()

    # ------------------------------------------------------------------ undo, redo

    def undo(self) -> None:
        self._step(self.undo_stack, self.redo_stack)

    def redo(self) -> None:
        self._step(self.redo_stack, self.undo_stack)

    def _step(self, source: list, target: list) -> None:
        if not source or self.host is None:
            return
        target.append(copy.deepcopy(self.state))
        self.state = source.pop()
        self._typing = None
        self._show_state()
        self._save()

    # ------------------------------------------------------------------ before submitting

    def submit_warnings(self) -> list[str]:
        if self.host is None:
            return []
        self._flush()
        notes = [self._note_text(n) for n in model.missing_notes(self.state, self.item, self.task, self.order)]
        same = model.identical_scores(self.state)
        if same is not None:
            notes.append(self.tr("Every score on this item is %1. That can be right; a quick look to check each "
                                 "one is what you meant.").replace("%1", str(same)))
        key = self._item_key()
        seconds = self._seconds.get(key, 0.0) + time.monotonic() - self._opened_at
        times_key = f"times.{self.host.pack.id}"
        times = self.host.setting(times_key, {})
        if not isinstance(times, dict):
            times = {}
        median = model.much_faster(seconds, [v for k, v in times.items() if k != key])
        if median is not None:
            notes.append(self.tr("You spent %1 s on this item; your own usual time is about %2 s. If you read "
                                 "everything you needed, all is well.").replace("%1", str(round(seconds)))
                         .replace("%2", str(round(median))))
        times.pop(key, None)
        times[key] = round(seconds, 1)
        while len(times) > 500:
            times.pop(next(iter(times)))
        self.host.set_setting(times_key, times)
        return notes

    def _note_text(self, note: model.Note) -> str:
        args = note.args
        texts = {
            "scores_missing": self.tr("%1 scores are not given yet."),
            "pairwise_missing": self.tr("You have not said which response is better."),
            "ranking_missing": self.tr("Not every response has a rank."),
            "rubric_missing": self.tr("%1 rubric questions are not answered yet."),
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
