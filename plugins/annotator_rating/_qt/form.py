"""The rating form: the fields for one kind of item, built once and reused item after item.

Layout, top to bottom: the conversation and prompt (or the brief); the responses side
by side, each with its own fields below it (scores, rubric, rank, flags); then the
item-wide fields (pairwise choice, justification, ideal answer) or, for a prompt-writing
item, the prompts written so far.

A field is built for a *position* on screen (``#0``, ``#1``...); :meth:`RatingForm.bind`
names it by the response shown there for the item on screen, and :meth:`RatingForm.show`
makes every field show a :class:`~annotator_rating.document.RatingDocument`'s state. The
fields' signals go to the editor, which turns them into document edits.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets

from annotator_rating.document import RatingDocument
from annotator_rating.items import letter
from annotator_rating.task import RubricCriterion, Task, TextSettings
from annotator_rating._qt.widgets import (ChoiceField, Field, FlagsField, LineBox, MarkdownView, Option, TextBox,
                                          Veiled, hint_label)

if TYPE_CHECKING:
    from annotator_rating._qt.editor import RatingEditor

TITLE_WIDTH = 118
#: a response keeps this much height for its text; its fields scroll below it when they do not fit
RESPONSE_MIN_HEIGHT = 240
FIELDS_MIN_HEIGHT = 96


class ResponseColumn(QtWidgets.QWidget):
    """One response: its letter, its text (blurred if sensitive), and the fields about it."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        head = QtWidgets.QHBoxLayout()
        self.title = QtWidgets.QLabel(title)
        self.title.setObjectName("ColumnTitle")
        head.addWidget(self.title)
        self.size_label = hint_label()
        head.addWidget(self.size_label, 1)
        layout.addLayout(head)
        self.view = MarkdownView()
        self.view.setMinimumHeight(RESPONSE_MIN_HEIGHT)
        self.veiled = Veiled(self.view)
        layout.addWidget(self.veiled, 1)
        # the fields scroll when they do not fit under a readable response (three responses at 1280x800)
        box = QtWidgets.QWidget()
        self.fields = QtWidgets.QVBoxLayout(box)
        self.fields.setContentsMargins(0, 0, 0, 0)
        self.fields.setSpacing(0)
        self.fields_scroll = FieldsScroll(box)
        layout.addWidget(self.fields_scroll)


class FieldsScroll(QtWidgets.QScrollArea):
    """A response's fields: as tall as they need, shrinking (and scrolling) before the response does."""

    def __init__(self, content: QtWidgets.QWidget):
        super().__init__()
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(FIELDS_MIN_HEIGHT)
        QtWidgets.QApplication.instance().focusChanged.connect(self._follow_focus)

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt API
        hint = self.widget().sizeHint()
        return QtCore.QSize(hint.width(), hint.height() + 2)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt API
        event.ignore()  # Page Up/Down from a field go on to the editor: they scroll the responses

    def _follow_focus(self, _old, new) -> None:
        """A field that gets the focus (Tab, or the form moving on after an answer) is scrolled into view."""
        if new is not None and self.widget() is not None and self.widget().isAncestorOf(new):
            self.ensureWidgetVisible(new, 0, 8)


class RatingForm(QtWidgets.QWidget):
    """The fields for items of one shape: writing or rating, the same modes, as many responses."""

    def __init__(self, editor: "RatingEditor", task: Task, modes: tuple[str, ...], responses: int, writing: bool,
                 sync_scroll: bool, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.task = task
        self.modes = modes
        self.writing = writing
        self.order: list[str] = []
        self.slots: dict[str, Any] = {}  # fields by kind and position on screen (#0, #1...)
        self.fields: dict[str, Any] = {}  # the same, by response id for the item on screen
        self.columns: list[ResponseColumn] = []
        self.attempt_widgets: list[dict[str, Any]] = []
        self.sync_box: QtWidgets.QCheckBox | None = None
        self.add_button: QtWidgets.QPushButton | None = None
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if writing:
            self._build_writing(layout)
        else:
            self._build_rating(layout, responses, sync_scroll)

    # ------------------------------------------------------------------ building

    def _field(self, field: Field) -> Field:
        field.on_key = self.editor.field_key
        return field

    def _build_rating(self, layout: QtWidgets.QVBoxLayout, responses: int, sync_scroll: bool) -> None:
        task, editor = self.task, self.editor
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.split = split
        # the prompt
        self.context_view = MarkdownView()
        self.context_veil = Veiled(self.context_view)
        self.context_veil.revealed.connect(lambda: editor.revealed_part("@context"))
        self.context_view.verticalScrollBar().valueChanged.connect(editor.activity)
        split.addWidget(self.context_veil)

        # the responses side by side
        holder = QtWidgets.QWidget()
        holder_layout = QtWidgets.QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.setSpacing(2)
        columns = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        columns.setChildrenCollapsible(False)
        for position in range(responses):
            column = ResponseColumn(self.tr("Response %1").replace("%1", letter(position)))
            column.veiled.revealed.connect(lambda p=position: editor.revealed_part(self.order[p]))
            column.view.verticalScrollBar().valueChanged.connect(
                lambda value, c=column: editor.scrolled(c, value))
            self._build_response_fields(column, position, responses)
            columns.addWidget(column)
            self.columns.append(column)
        holder_layout.addWidget(columns, 1)
        if len(self.columns) > 1:
            row = QtWidgets.QHBoxLayout()
            self.sync_box = QtWidgets.QCheckBox(self.tr("Scroll the responses together"))
            self.sync_box.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            self.sync_box.setChecked(sync_scroll)
            self.sync_box.toggled.connect(lambda on: editor.host and editor.host.set_setting("sync_scroll", on))
            row.addWidget(self.sync_box)
            row.addStretch(1)
            keys_hint = hint_label(self.tr("PgUp/PgDn scroll the responses while a field has the focus"))
            keys_hint.setWordWrap(False)
            row.addWidget(keys_hint)
            holder_layout.addLayout(row)
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
        split.setSizes([90, 640, 100][: split.count()])  # the responses and their fields first
        layout.addWidget(split, 1)

    def _build_response_fields(self, column: ResponseColumn, pos: int, responses: int) -> None:
        """The fields about the response shown at ``pos``; they find its id in ``self.order`` when used."""
        task, edit = self.task, self.editor.edit
        rid = f"#{pos}"
        # with three or more responses side by side, titles go above the options to save width
        width = TITLE_WIDTH if responses < 3 else -1

        def at(p=pos) -> str:
            return self.order[p]
        if "likert" in self.modes:
            for criterion in task.criteria:
                options = [Option(v, str(v), (str(v),), criterion.anchor(v)) for v in criterion.values]
                ends = [f"{v}: {criterion.anchor(v)}" for v in (criterion.min, criterion.max) if criterion.anchor(v)]
                field = self._field(ChoiceField(
                    criterion.label, options, " · ".join(ends),
                    describe=lambda v, c=criterion: (f"{v}: {c.anchor(v)}" if c.anchor(v) else ""),
                    title_width=width))
                field.setToolTip(criterion.description)
                field.chosen.connect(lambda v, c=criterion.id: edit(lambda d: d.set_score(at(), c, v)))
                column.fields.addWidget(field)
                self.slots[f"likert:{rid}:{criterion.id}"] = field
        if "rubric" in self.modes:
            for criterion in task.rubric:
                field = self._field(ChoiceField(criterion.label, [
                    Option(True, self.tr("Pass"), ("p", "y")), Option(False, self.tr("Fail"), ("f", "n"))],
                    title_width=width))
                field.setToolTip(criterion.description)
                field.chosen.connect(lambda v, c=criterion.id: edit(lambda d: d.set_pass(at(), c, v)))
                column.fields.addWidget(field)
                self.slots[f"rubric:{rid}:{criterion.id}"] = field
                if criterion.justification != "never":
                    why = LineBox()
                    why.setPlaceholderText(self.tr("Why? (at least %1 characters)").replace(
                        "%1", str(max(1, criterion.min_length))) if criterion.min_length else self.tr("Why?"))
                    why.textEdited.connect(
                        lambda text, c=criterion.id: edit(lambda d: d.write_reason(at(), c, text)))
                    wrap = QtWidgets.QWidget()
                    wrap_layout = QtWidgets.QHBoxLayout(wrap)
                    wrap_layout.setContentsMargins(TITLE_WIDTH + 14 if width > 0 else 6, 0, 6, 2)
                    wrap_layout.addWidget(why)
                    count = hint_label()
                    wrap_layout.addWidget(count)
                    column.fields.addWidget(wrap)
                    self.slots[f"why:{rid}:{criterion.id}"] = (why, wrap, count, criterion)
        if "ranking" in self.modes:
            names = {1: self.tr("best")}
            names[responses] = self.tr("worst")
            field = self._field(ChoiceField(
                self.tr("Rank"), [Option(r, str(r), (str(r),), names.get(r, "")) for r in range(1, responses + 1)],
                self.tr("1 = best") + (self.tr(" · ties allowed") if task.ranking_ties else ""), title_width=width))
            field.chosen.connect(lambda v: edit(lambda d: d.set_rank(at(), v)))
            column.fields.addWidget(field)
            self.slots[f"rank:{rid}"] = field
        if "flags" in self.modes:
            field = self._field(FlagsField(self.tr("Safety flags (keys 1-%1)").replace("%1", str(len(task.flags))),
                                           [(f.id, f.label, f.description) for f in task.flags],
                                           columns=2 if width > 0 else 1))
            field.changed.connect(lambda values: edit(lambda d: d.set_flags(at(), values)))
            column.fields.addWidget(field)
            self.slots[f"flags:{rid}"] = field

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
        field = self._field(ChoiceField(
            self.tr("Which is better?"), options,
            self.tr("A/B move the choice towards A or B · digits choose · Backspace clears"), title_width=TITLE_WIDTH))
        field.chosen.connect(lambda position: self.editor.edit(lambda d: d.choose_pairwise(position)))
        self.slots["pairwise"] = field
        return field

    def _text_field(self, key: str, title: str, placeholder: str, settings: TextSettings) -> QtWidgets.QWidget:
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
        edit.textChanged.connect(lambda: self.editor.edit(lambda d: d.write(key, edit.toPlainText())))
        layout.addWidget(edit, 1)
        self.slots[f"text:{key}"] = (edit, count, settings)
        return box

    def _build_writing(self, layout: QtWidgets.QVBoxLayout) -> None:
        editor = self.editor
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.split = split
        self.context_view = MarkdownView()
        self.context_view.verticalScrollBar().valueChanged.connect(editor.activity)
        self.context_veil = Veiled(self.context_view)
        self.context_veil.revealed.connect(lambda: editor.revealed_part("@context"))
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
        scroll.verticalScrollBar().valueChanged.connect(editor.activity)
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
        self.add_button.clicked.connect(editor.add_attempt)
        row.addWidget(self.add_button)
        row.addWidget(hint_label(self.tr("Write a prompt, run it on the model you were given, paste the answer, "
                                         "then give your verdict (digit keys).")), 1)
        holder_layout.addLayout(row)
        split.addWidget(holder)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([140, 560])
        layout.addWidget(split, 1)

    def ensure_attempts(self, n: int) -> None:
        """Show ``n`` prompt boxes (a writing item)."""
        edit = self.editor.edit
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
            remove.clicked.connect(lambda _=False, index=i: edit(lambda d: d.remove_attempt(index)))
            grid.addWidget(remove, 0, 1, QtCore.Qt.AlignmentFlag.AlignRight)
            prompt = TextBox(self.tr("The prompt you wrote"))
            prompt.setMinimumHeight(70)
            prompt.textChanged.connect(
                lambda index=i, box=prompt: edit(lambda d: d.write_attempt(index, "prompt", box.toPlainText())))
            response = TextBox(self.tr("Paste or type the answer you obtained"))
            response.setMinimumHeight(90)
            response.textChanged.connect(
                lambda index=i, box=response: edit(lambda d: d.write_attempt(index, "response", box.toPlainText())))
            grid.addWidget(prompt, 1, 0, 1, 2)
            grid.addWidget(response, 2, 0, 1, 2)
            verdict = self._field(ChoiceField(self.tr("Verdict"), [
                Option(v.id, v.label, (str(k + 1),), v.description) for k, v in enumerate(self.task.verdicts)],
                title_width=TITLE_WIDTH))
            verdict.chosen.connect(lambda value, index=i: edit(lambda d: d.set_verdict(index, value)))
            grid.addWidget(verdict, 3, 0, 1, 2)
            self.attempts_layout.insertWidget(self.attempts_layout.count() - 1, frame)
            frame.show()
            self.attempt_widgets.append({"frame": frame, "prompt": prompt, "response": response, "verdict": verdict})
        self.add_button.setEnabled(n < self.task.max_attempts)
        self.chain()

    # ------------------------------------------------------------------ the item on screen

    def bind(self, order: list[str]) -> None:
        """Name the fields by the responses of the item on screen, shown in ``order``."""
        self.order = order
        self.fields = {}
        for key, value in self.slots.items():
            parts = key.split(":")
            if len(parts) > 1 and parts[1].startswith("#"):
                parts[1] = order[int(parts[1][1:])]
            self.fields[":".join(parts)] = value
        self.chain()

    def tab_stops(self) -> list[QtWidgets.QWidget]:
        stops: list[QtWidgets.QWidget] = []
        if self.writing:
            for widgets in self.attempt_widgets:
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

    def chain(self) -> None:
        stops = self.tab_stops()
        for first, second in zip(stops, stops[1:]):
            QtWidgets.QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ showing the state

    def show_state(self, document: RatingDocument) -> None:
        """Make every field show the document's state (after loading, an edit, undo or redo)."""
        for key, field in self.fields.items():
            kind, _, rest = key.partition(":")
            if kind == "likert":
                rid, cid = rest.split(":", 1)
                field.set_value(document.score(rid, cid))
            elif kind == "rubric":
                rid, cid = rest.split(":", 1)
                field.set_value(document.rubric_entry(rid, cid).get("pass"))
            elif kind == "why":
                rid, cid = rest.split(":", 1)
                field[0].set_text(document.rubric_entry(rid, cid).get("why", ""))
                self.show_reason(document, rid, field[3])
            elif kind == "rank":
                field.set_value(document.ranks().get(rest))
            elif kind == "flags":
                field.set_values(document.flags(rest))
            elif kind == "pairwise":
                field.set_value(document.pairwise_position())
            elif kind == "text":
                field[0].set_text(document.text(rest))
                self.show_count(document, rest)
        if self.writing:
            attempts = document.attempts()
            self.ensure_attempts(document.attempt_slots())
            for i, widgets in enumerate(self.attempt_widgets):
                entry = attempts[i] if i < len(attempts) else {}
                widgets["prompt"].set_text(entry.get("prompt") or "")
                widgets["response"].set_text(entry.get("response") or "")
                widgets["verdict"].set_value(entry.get("verdict"))

    def show_count(self, document: RatingDocument, key: str) -> None:
        """The length of the justification (or ideal answer), against the pack's minimum."""
        edit, count, settings = self.fields[f"text:{key}"]
        n = len(document.text(key).strip())
        if settings.min_length:
            count.setText(self.tr("%1 characters, at least %2").replace("%1", str(n)).replace(
                "%2", str(settings.min_length)))
            _set_style_name(count, "Hint" if n >= settings.min_length else "Warn")
        else:
            count.setText(self.tr("%Ln character(s)", "", n) if n else "")

    def _reason_shown(self, document: RatingDocument, rid: str, criterion: RubricCriterion) -> bool:
        return document.reason_needed(rid, criterion) or bool(document.rubric_entry(rid, criterion.id).get("why"))

    def show_reason(self, document: RatingDocument, rid: str, criterion: RubricCriterion) -> None:
        """A rubric answer's reason box: shown when a reason is asked for or written, with its length."""
        edit, wrap, count, _ = self.fields[f"why:{rid}:{criterion.id}"]
        why = document.rubric_entry(rid, criterion.id).get("why") or ""
        needed = document.reason_needed(rid, criterion)
        # the box stays reachable whenever a reason is possible, and says when it is asked for;
        # the row keeps its height in every column while one shows it, so the responses' rows line up
        row_shown = any(self._reason_shown(document, other, criterion) for other in self.order)
        for column_rid in self.order:
            self.fields[f"why:{column_rid}:{criterion.id}"][1].setVisible(row_shown)
        for part in (edit, count):
            policy = part.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            part.setSizePolicy(policy)
            part.setVisible(needed or bool(why))
        n = len(why.strip())
        if needed and criterion.min_length:
            count.setText(f"{n}/{criterion.min_length}")
            _set_style_name(count, "Hint" if n >= criterion.min_length else "Warn")
        else:
            count.setText("")


def _set_style_name(label: QtWidgets.QLabel, name: str) -> None:
    label.setObjectName(name)
    label.style().unpolish(label)
    label.style().polish(label)
