"""The transcription editor: waveform, playback while typing, segments, and the text.

The keyboard transport uses modifier keys only, so it never steals typing, and it
keeps working while the cursor is in the text: the text box is told not to claim
those keys (Ctrl+Left/Right would otherwise move by words there). Undo and redo go
through the window's Edit menu to :meth:`TranscriptionEditor.undo`; the text box's
own undo is off so there is one history per item, segments and text together.

Every change is saved through ``host.save`` with the whole annotation: at once for
segment edits, within :data:`TYPING_SAVE_MS` for typing.
"""
from __future__ import annotations

import html
import re
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api import Shortcut
from annotator.plugin_api.qt import ItemEditor

from annotator_transcription import segments as S
from annotator_transcription.audio import AudioError, AudioInfo, probe
from annotator_transcription.player import SPEEDS, Transport
from annotator_transcription.waveform import Pyramid, format_clock, open_pyramid
from annotator_transcription.waveview import WaveformPanel, speaker_color
from annotator_transcription.wer import changed_words, word_diff

TYPING_SAVE_MS = 300
TIMESTAMP = re.compile(r"\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2}(?:[.,]\d+)?)\]")

DEFAULTS = {"rewind_on_resume": 2.0, "jump_seconds": 5.0, "speed": 1.0, "auto_advance": False}


def parse_timestamp(text: str) -> float | None:
    match = TIMESTAMP.fullmatch(text.strip())
    if not match:
        return None
    h, m, s = match.groups()
    return int(h or 0) * 3600 + int(m) * 60 + float(s.replace(",", "."))


class PlaybackSettings(QtWidgets.QWidget):
    """The playback settings, in the menu of the ⚙ button."""

    changed = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QtWidgets.QFormLayout(self)
        form.setContentsMargins(10, 8, 10, 8)
        self.rewind = QtWidgets.QDoubleSpinBox()
        self.rewind.setRange(0.0, 10.0)
        self.rewind.setSingleStep(0.5)
        self.rewind.setDecimals(1)
        self.rewind.setSuffix(self.tr(" s"))
        form.addRow(self.tr("Rewind when resuming"), self.rewind)
        self.jump = QtWidgets.QDoubleSpinBox()
        self.jump.setRange(0.5, 60.0)
        self.jump.setSingleStep(0.5)
        self.jump.setDecimals(1)
        self.jump.setSuffix(self.tr(" s"))
        form.addRow(self.tr("Jump back/forward by"), self.jump)
        for box in (self.rewind, self.jump):
            box.valueChanged.connect(self.changed)


class TranscriptionEditor(ItemEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.host = None
        self.info: AudioInfo | None = None
        self.pyramid: Pyramid | None = None
        self.duration = 0.0
        self.segments: S.Segments = ()
        self.current = 0
        self.history: S.History | None = None
        self.speakers: list[str] = []
        self.machine_text: str | None = None
        self.settings = dict(DEFAULTS)
        self._loading = False
        self._last_pos = 0.0
        self.transport = Transport(self)
        self.transport.position_changed.connect(self._on_position)
        self.transport.playing_changed.connect(self._on_playing)
        self.transport.failed.connect(self._on_playback_failed)
        self._build_ui()
        self._save_timer = QtCore.QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(TYPING_SAVE_MS)
        self._save_timer.timeout.connect(self._save_now)
        self._diff_timer = QtCore.QTimer(self)
        self._diff_timer.setSingleShot(True)
        self._diff_timer.setInterval(250)
        self._diff_timer.timeout.connect(self._update_changes)
        self._build_timer = QtCore.QTimer(self)
        self._build_timer.setInterval(100)
        self._build_timer.timeout.connect(self._poll_build)
        self._bind_keys()

    # ================================================================== the widgets

    def _build_ui(self) -> None:
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        header = QtWidgets.QHBoxLayout()
        self.file_label = QtWidgets.QLabel()
        self.file_label.setStyleSheet("font-weight: 600;")
        header.addWidget(self.file_label)
        self.info_label = QtWidgets.QLabel()
        self.info_label.setStyleSheet("color: #666;")
        header.addWidget(self.info_label)
        header.addStretch(1)
        self.status_label = QtWidgets.QLabel()
        self.status_label.setObjectName("TranscriptionStatus")
        self.status_label.setStyleSheet("color: #b35900;")
        self.status_label.setWordWrap(True)
        header.addWidget(self.status_label, 2)
        self.settings_button = QtWidgets.QToolButton()
        self.settings_button.setText(self.tr("Playback ⚙"))
        self.settings_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        self.settings_button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        menu = QtWidgets.QMenu(self.settings_button)
        self.playback_settings = PlaybackSettings()
        action = QtWidgets.QWidgetAction(menu)
        action.setDefaultWidget(self.playback_settings)
        menu.addAction(action)
        self.settings_button.setMenu(menu)
        self.playback_settings.changed.connect(self._settings_edited)
        header.addWidget(self.settings_button)
        layout.addLayout(header)

        self.waves = WaveformPanel()
        self.waves.seek_requested.connect(self.seek)
        self.waves.segment_clicked.connect(self._segment_clicked)
        self.waves.bounds_changed.connect(self.move_segment)
        self.waves.selection_changed.connect(self._selection_changed)
        layout.addWidget(self.waves, 3)

        bar = QtWidgets.QHBoxLayout()
        self.back_button = self._tool("«", self.tr("Jump back"), lambda: self.jump(-1))
        self.play_button = self._tool(self.tr("▶ Play"), self.tr("Play or pause"), self.toggle_play)
        self.play_button.setMinimumWidth(90)
        self.forward_button = self._tool("»", self.tr("Jump forward"), lambda: self.jump(+1))
        for button in (self.back_button, self.play_button, self.forward_button):
            bar.addWidget(button)
        self.time_label = QtWidgets.QLabel("0:00.0 / 0:00.0")
        self.time_label.setStyleSheet("font-family: monospace; padding: 0 8px;")
        bar.addWidget(self.time_label)
        bar.addWidget(QtWidgets.QLabel(self.tr("Speed")))
        self.speed_combo = QtWidgets.QComboBox()
        self.speed_combo.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        for speed in SPEEDS:
            self.speed_combo.addItem(f"{speed:g}×", speed)
        self.speed_combo.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_combo.currentIndexChanged.connect(self._speed_chosen)
        bar.addWidget(self.speed_combo)
        self.loop_check = QtWidgets.QCheckBox(self.tr("Loop"))
        self.loop_check.setToolTip(self.tr("Loop the selection, or the current segment"))
        self.loop_check.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        bar.addWidget(self.loop_check)
        self.advance_check = QtWidgets.QCheckBox(self.tr("Auto-advance"))
        self.advance_check.setToolTip(self.tr("Go on to the next segment when playback passes the end of this one"))
        self.advance_check.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.advance_check.toggled.connect(self._advance_toggled)
        bar.addWidget(self.advance_check)
        bar.addStretch(1)
        self.split_button = self._tool(self.tr("Split"), self.tr("Split the segment at the playhead"),
                                       self.split_at_playhead)
        self.merge_button = self._tool(self.tr("Merge"), self.tr("Merge the segment with the next one"),
                                       self.merge_with_next)
        self.new_button = self._tool(self.tr("New segment"), self.tr("New segment from the selection"),
                                     self.new_from_selection)
        self.delete_button = self._tool(self.tr("Delete"), self.tr("Delete the segment"), self.delete_segment)
        for button in (self.split_button, self.merge_button, self.new_button, self.delete_button):
            bar.addWidget(button)
        layout.addLayout(bar)

        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        self.table = QtWidgets.QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("#"), self.tr("Start"), self.tr("End"), self.tr("Speaker"),
                                              self.tr("Text")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        head = self.table.horizontalHeader()
        for col in range(4):
            head.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(4, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.table.cellClicked.connect(self._row_clicked)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.text.setFocus())
        splitter.addWidget(self.table)

        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        row = QtWidgets.QHBoxLayout()
        self.segment_label = QtWidgets.QLabel()
        self.segment_label.setStyleSheet("font-weight: 600;")
        row.addWidget(self.segment_label)
        row.addStretch(1)
        self.speaker_label = QtWidgets.QLabel(self.tr("Speaker"))
        row.addWidget(self.speaker_label)
        self.speaker_combo = QtWidgets.QComboBox()
        self.speaker_combo.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.speaker_combo.activated.connect(self._speaker_chosen)
        row.addWidget(self.speaker_combo)
        right_layout.addLayout(row)
        self.text = QtWidgets.QPlainTextEdit()
        self.text.setUndoRedoEnabled(False)
        self.text.setPlaceholderText(self.tr("Type what you hear…"))
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.text.setFont(font)
        self.text.textChanged.connect(self._on_text_changed)
        right_layout.addWidget(self.text, 1)
        self.changes_label = QtWidgets.QLabel()
        self.changes_label.setStyleSheet("color: #555;")
        right_layout.addWidget(self.changes_label)
        self.changes = QtWidgets.QTextBrowser()
        self.changes.setMaximumHeight(84)
        self.changes.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        right_layout.addWidget(self.changes)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 4)

        self.text.installEventFilter(self)
        self.text.viewport().installEventFilter(self)
        self.table.installEventFilter(self)

    def _tool(self, text: str, tip: str, slot) -> QtWidgets.QToolButton:
        button = QtWidgets.QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(slot)
        return button

    # ================================================================== keys

    def _bind_keys(self) -> None:
        self._bindings: list[tuple[str, Any, str]] = [
            ("Ctrl+Space", self.toggle_play, self.tr("Play or pause (rewinds a little on resume)")),
            ("Ctrl+Left", lambda: self.jump(-1), self.tr("Jump back")),
            ("Ctrl+Right", lambda: self.jump(+1), self.tr("Jump forward")),
            ("Ctrl+Up", self.previous_segment, self.tr("Previous segment")),
            ("Ctrl+Down", self.next_segment, self.tr("Next segment")),
            ("Ctrl+-", self.slower, self.tr("Slower")),
            ("Ctrl+=", self.faster, self.tr("Faster")),
            ("Ctrl++", self.faster, self.tr("Faster")),
            ("Ctrl+0", self.normal_speed, self.tr("Normal speed")),
            ("Ctrl+R", self.toggle_loop, self.tr("Loop the selection, or the current segment")),
            ("Ctrl+T", self.insert_timestamp, self.tr("Insert the playhead's time into the text")),
            ("Ctrl+K", self.split_at_playhead,
             self.tr("Split the segment at the playhead (the text after the cursor goes to the new segment)")),
            ("Ctrl+J", self.merge_with_next, self.tr("Merge the segment with the next one")),
            ("Ctrl+[", self.mark_start, self.tr("Start a selection at the playhead")),
            ("Ctrl+]", self.mark_end, self.tr("End the selection at the playhead")),
            ("Ctrl+N", self.new_from_selection, self.tr("New segment from the selection")),
            ("Ctrl+Shift+Del", self.delete_segment, self.tr("Delete the segment")),
        ]
        for n in range(1, 10):
            self._bindings.append((f"Ctrl+{n}", lambda n=n: self.choose_speaker(n), ""))
        self._sequences: list[QtGui.QKeySequence] = []
        context = QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot, _description in self._bindings:
            sequence = QtGui.QKeySequence(keys)
            self._sequences.append(sequence)
            shortcut = QtGui.QShortcut(sequence, self, context=context)
            shortcut.activated.connect(lambda slot=slot: self._run(slot))

    def _run(self, slot) -> None:
        if self.host is not None:
            slot()

    def shortcuts(self) -> list[Shortcut]:
        group = self.tr("Transcription")
        rows = [Shortcut(keys, description, group) for keys, _slot, description in self._bindings
                if description and keys != "Ctrl++"]
        rows.append(Shortcut("Ctrl+1-9", self.tr("Speaker of the segment (in the pack's order)"), group))
        rows.append(Shortcut("Ctrl+Click", self.tr("On a [0:12.3] time in the text: play from there"), group))
        return rows

    def _claims(self, event: QtGui.QKeyEvent) -> bool:
        if event.matches(QtGui.QKeySequence.StandardKey.Undo) or event.matches(QtGui.QKeySequence.StandardKey.Redo):
            return True  # one history per item: the window's Undo reaches self.undo()
        combo = QtGui.QKeySequence(event.keyCombination())
        return any(seq.matches(combo) == QtGui.QKeySequence.SequenceMatch.ExactMatch for seq in self._sequences)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QtCore.QEvent.Type.ShortcutOverride and self._claims(event):
            return True  # not accepted by the text box: the shortcut fires
        if (kind == QtCore.QEvent.Type.MouseButtonPress and obj is self.text.viewport()
                and event.modifiers() & QtCore.Qt.KeyboardModifier.ControlModifier
                and event.button() == QtCore.Qt.MouseButton.LeftButton):
            if self._timestamp_clicked(event.position().toPoint()):
                return True
        return super().eventFilter(obj, event)

    # ================================================================== loading

    def load(self, host) -> None:
        self._reset()
        path = host.media_path()
        info = probe(path)  # AudioError: the task view shows it and offers to skip
        self.info = info
        self.duration = info.duration
        task = host.pack.task if isinstance(host.pack.task, dict) else dict(host.pack.task or {})
        speakers = task.get("speakers") if isinstance(task.get("speakers"), list) else []
        self.speakers = [s for s in speakers if isinstance(s, str)]
        self.settings = {key: host.setting(key, default) for key, default in DEFAULTS.items()}
        saved = S.from_annotation(host.annotation, self.duration, self.speakers)
        self.segments = saved if saved else S.initial(host.item, self.duration, self.speakers)
        self.current = 0
        self.history = S.History(S.State(self.segments, 0))
        transcript = host.item.get("transcript")
        if isinstance(transcript, str):
            self.machine_text = transcript
        elif isinstance(transcript, list):
            self.machine_text = S.full_text(S.initial(host.item, self.duration, self.speakers))
        else:
            self.machine_text = None

        self._loading = True
        try:
            self.file_label.setText(path.name)
            self.info_label.setText(f"{info.describe()} · {format_clock(self.duration)}")
            self._apply_settings_to_widgets()
            self.pyramid = open_pyramid(info, host.cache_dir)
            self.waves.set_audio(self.pyramid, self.duration)
            self.transport.rewind_on_resume = float(self.settings["rewind_on_resume"])
            self.transport.open(path, self.duration)
            self.transport.set_rate(float(self.settings["speed"]))
            self._refresh(text_box=True)
            self._on_position(0.0)
        finally:
            self._loading = False
        self.host = host
        if not self.pyramid.complete:
            self.pyramid.start(cache_dir=host.cache_dir)
            self._build_timer.start(40)  # the first blocks show at once, then every 100 ms
            self.status_label.setText(self.tr("Drawing the waveform…"))
        self._update_changes()

    def _reset(self) -> None:
        self._build_timer.stop()
        if self.pyramid is not None:
            self.pyramid.cancel()
        self.pyramid = None
        self.transport.close()
        self.status_label.setText("")
        self.waves.set_selection(None)
        self.loop_check.setChecked(False)

    def unload(self) -> None:
        if self.host is not None:
            self._flush()
            self.transport.close()  # tells the host playback stopped
        self._reset()
        self.host = None

    def focus_editor(self) -> None:
        self.text.setFocus()
        self.text.moveCursor(QtGui.QTextCursor.MoveOperation.End)

    # ================================================================== state and saving

    def annotation(self) -> dict:
        return S.to_annotation(self.segments, self.duration)

    def _save_now(self) -> None:
        self._save_timer.stop()
        if self.host is not None:
            self.host.save(self.annotation())

    def _flush(self) -> None:
        if self._save_timer.isActive():
            self._save_now()

    def _commit(self, segments: S.Segments, current: int, label: str, cursor_at_start: bool = False) -> None:
        """A segment edit: into the history, saved at once, shown."""
        self.segments = segments
        self.current = max(0, min(current, len(segments) - 1))
        self.history.push(S.State(segments, self.current), label)
        self._save_now()
        self._refresh(text_box=True, old_text="" if cursor_at_start else None)

    def _apply(self, state: S.State | None) -> None:
        if state is None:
            return
        old_text = self.text.toPlainText()
        self.segments = state.segments
        self.current = max(0, min(state.current, len(self.segments) - 1))
        self._save_now()
        self._refresh(text_box=True, old_text=old_text)

    def undo(self) -> None:
        if self.history is not None:
            self._flush()
            self._apply(self.history.undo())

    def redo(self) -> None:
        if self.history is not None:
            self._apply(self.history.redo())

    def _fail(self, message: str) -> None:
        if self.host is not None:
            self.host.notify(message)
        self.status_label.setText(message)

    # ================================================================== showing

    def _refresh(self, text_box: bool = False, old_text: str | None = None) -> None:
        self._fill_table()
        self.waves.set_segments(self.segments, self.current, self.speakers)
        self._show_current(text_box, old_text)
        has = bool(self.segments)
        self.merge_button.setEnabled(has and self.current + 1 < len(self.segments))
        self.delete_button.setEnabled(len(self.segments) > 1)
        self._diff_timer.start()

    def _fill_table(self) -> None:
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(self.segments))
        for row, seg in enumerate(self.segments):
            values = (str(row + 1), format_clock(seg.start), format_clock(seg.end), seg.speaker or "",
                      " ".join(seg.text.split()))
            for col, value in enumerate(values):
                item = table.item(row, col)
                if item is None:
                    item = QtWidgets.QTableWidgetItem()
                    table.setItem(row, col, item)
                if item.text() != value:
                    item.setText(value)
            if seg.speaker:
                table.item(row, 3).setForeground(speaker_color(seg.speaker, self.speakers).darker(120))
        if self.segments:
            table.selectRow(self.current)
        table.blockSignals(False)

    def _show_current(self, text_box: bool, old_text: str | None = None) -> None:
        if not self.segments:
            self.segment_label.setText(self.tr("No segment"))
            return
        seg = self.segments[self.current]
        self.segment_label.setText(self.tr("Segment %1 of %2 · %3 – %4")
                                   .replace("%1", str(self.current + 1)).replace("%2", str(len(self.segments)))
                                   .replace("%3", format_clock(seg.start)).replace("%4", format_clock(seg.end)))
        self.speaker_combo.blockSignals(True)
        self.speaker_combo.clear()
        for name in self.speakers:
            self.speaker_combo.addItem(name)
        if seg.speaker in self.speakers:
            self.speaker_combo.setCurrentIndex(self.speakers.index(seg.speaker))
        self.speaker_combo.blockSignals(False)
        self.speaker_combo.setVisible(bool(self.speakers))
        self.speaker_label.setVisible(bool(self.speakers))
        if text_box and self.text.toPlainText() != seg.text:
            had_focus = self.text.hasFocus()
            self._loading = True
            try:
                self.text.setPlainText(seg.text)
            finally:
                self._loading = False
            cursor = self.text.textCursor()
            if old_text is not None:
                cursor.setPosition(_first_difference(old_text, seg.text, len(seg.text)))
            else:
                cursor.movePosition(QtGui.QTextCursor.MoveOperation.End)
            self.text.setTextCursor(cursor)
            if had_focus:
                self.text.setFocus()
        self.table.scrollToItem(self.table.item(self.current, 0)) if self.table.item(self.current, 0) else None

    def _update_changes(self) -> None:
        if self.machine_text is None:
            self.changes_label.setText("")
            self.changes.hide()
            self.changes_label.hide()
            return
        self.changes_label.show()
        self.changes.show()
        changes = word_diff(self.machine_text, S.full_text(self.segments))
        count = changed_words(changes)
        if count == 0:
            self.changes_label.setText(self.tr("Machine transcript: not changed yet."))
        else:
            self.changes_label.setText(self.tr("Words changed from the machine transcript: %1")
                                       .replace("%1", str(count)))
        parts = []
        for change in changes:
            if change.op == "equal":
                parts.append(html.escape(change.old))
                continue
            if change.old:
                parts.append(f'<span style="color:#b00020; text-decoration: line-through;">'
                             f'{html.escape(change.old)}</span>')
            if change.new:
                parts.append(f'<span style="color:#1b7f3b; text-decoration: underline; font-weight:600;">'
                             f'{html.escape(change.new)}</span>')
        self.changes.setHtml(" ".join(parts))

    # ================================================================== text

    def _on_text_changed(self) -> None:
        if self._loading or self.host is None or not self.segments:
            return
        text = self.text.toPlainText()
        if text == self.segments[self.current].text:
            return
        self.segments = S.set_text(self.segments, self.current, text)
        self.history.push(S.State(self.segments, self.current), self.tr("Typing"), ("text", self.current))
        self._save_timer.start()
        item = self.table.item(self.current, 4)
        if item is not None:
            item.setText(" ".join(text.split()))
        self._diff_timer.start()

    def insert_timestamp(self) -> None:
        self.text.insertPlainText(f"[{format_clock(self.transport.position())}] ")
        self.text.setFocus()

    def _timestamp_clicked(self, point: QtCore.QPoint) -> bool:
        cursor = self.text.cursorForPosition(point)
        block = cursor.block()
        offset = cursor.position() - block.position()
        for match in TIMESTAMP.finditer(block.text()):
            if match.start() <= offset <= match.end():
                seconds = parse_timestamp(match.group(0))
                if seconds is not None:
                    self.seek(seconds)
                    return True
        return False

    # ================================================================== segments

    def set_current(self, index: int, seek: bool = False) -> None:
        if not self.segments:
            return
        index = max(0, min(index, len(self.segments) - 1))
        if index != self.current:
            self._flush()
            self.history.break_merge()
            self.current = index
            self._fill_table()
            self.waves.set_current(index)
            self._show_current(text_box=True)
            self.merge_button.setEnabled(self.current + 1 < len(self.segments))
        if seek:
            self.seek(self.segments[index].start)
            self.waves.show_time(self.segments[index].start)

    def previous_segment(self) -> None:
        self.set_current(self.current - 1, seek=True)

    def next_segment(self) -> None:
        self.set_current(self.current + 1, seek=True)

    def _row_clicked(self, row: int, _col: int) -> None:
        self.set_current(row, seek=True)

    def _segment_clicked(self, index: int, at: float) -> None:
        self.set_current(index)
        self.seek(at)

    def split_at_playhead(self) -> None:
        at = self.transport.position()
        index = S.index_at(self.segments, at)
        if index is None:
            self._fail(self.tr("The playhead is not inside a segment: nothing to split."))
            return
        cut = self.text.textCursor().position() if index == self.current else None
        try:
            segments = S.split(self.segments, index, at, cut)
        except S.SegmentError:
            self._fail(self.tr("Move the playhead away from the segment's edge to split it."))
            return
        # the cursor stays where the worker was typing: at the start of the new segment's text
        self._commit(segments, index + 1, self.tr("Split segment"), cursor_at_start=True)

    def merge_with_next(self) -> None:
        try:
            segments = S.merge(self.segments, self.current)
        except S.SegmentError:
            self._fail(self.tr("This is the last segment: there is nothing after it to merge with."))
            return
        self._commit(segments, self.current, self.tr("Merge segments"))

    def delete_segment(self) -> None:
        if len(self.segments) <= 1:
            self._fail(self.tr("The only segment cannot be deleted; clear its text instead."))
            return
        self._commit(S.delete(self.segments, self.current), self.current, self.tr("Delete segment"))

    def new_from_selection(self) -> None:
        rng = self.waves.selection_range
        if rng is None:
            self._fail(self.tr("Drag across the waveform to select a stretch first."))
            return
        try:
            segments, index = S.insert(self.segments, rng[0], rng[1], self.duration)
        except S.SegmentError:
            self._fail(self.tr("The selection has no free stretch: it lies inside existing segments."))
            return
        self.waves.set_selection(None)
        self._commit(segments, index, self.tr("New segment"))
        self.text.setFocus()

    def move_segment(self, index: int, start: float, end: float) -> None:
        if self.host is None or not 0 <= index < len(self.segments):
            return
        try:
            segments = S.set_bounds(self.segments, index, start, end, self.duration)
        except S.SegmentError:
            self._refresh()
            return
        if segments == self.segments:
            return
        self._commit(segments, index, self.tr("Move segment edge"))

    def choose_speaker(self, number: int) -> None:
        if not 1 <= number <= len(self.speakers) or not self.segments:
            return
        name = self.speakers[number - 1]
        if self.segments[self.current].speaker != name:
            self._commit(S.set_speaker(self.segments, self.current, name), self.current, self.tr("Set speaker"))

    def _speaker_chosen(self, row: int) -> None:
        if self.host is not None:
            self.choose_speaker(row + 1)

    # ================================================================== selection

    def _selection_changed(self, rng) -> None:
        self.new_button.setEnabled(rng is not None)

    def mark_start(self) -> None:
        t = self.transport.position()
        rng = self.waves.selection_range
        end = rng[1] if rng and rng[1] > t else min(self.duration, t + 2.0)
        self.waves.set_selection((t, end))

    def mark_end(self) -> None:
        t = self.transport.position()
        rng = self.waves.selection_range
        start = rng[0] if rng and rng[0] < t else max(0.0, t - 2.0)
        self.waves.set_selection((start, t))

    # ================================================================== playback

    def toggle_play(self) -> None:
        self.transport.toggle()

    def seek(self, seconds: float) -> None:
        self.transport.seek(seconds)

    def jump(self, direction: int) -> None:
        self.transport.jump(direction * float(self.settings["jump_seconds"]))
        self.waves.show_time(self.transport.position())

    def _loop_range(self) -> tuple[float, float] | None:
        rng = self.waves.selection_range
        if rng is not None:
            return rng
        if self.segments:
            seg = self.segments[self.current]
            return seg.start, seg.end
        return None

    def _on_position(self, t: float) -> None:
        before, self._last_pos = self._last_pos, t
        playing = self.transport.playing
        self.waves.set_playhead(t, follow=playing)
        self.time_label.setText(f"{format_clock(t)} / {format_clock(self.duration)}")
        if not playing or not self.segments:
            return
        if self.loop_check.isChecked():
            rng = self._loop_range()
            if rng is not None and rng[0] - 0.05 <= before < rng[1] <= t:
                self.transport.seek(rng[0])
            return
        if self.advance_check.isChecked():
            seg = self.segments[self.current]
            if seg.start <= before < seg.end <= t and self.current + 1 < len(self.segments):
                self.set_current(self.current + 1)

    def _on_playing(self, playing: bool) -> None:
        self.play_button.setText(self.tr("⏸ Pause") if playing else self.tr("▶ Play"))
        if self.host is not None:
            self.host.media_playing(playing)

    def _on_playback_failed(self, message: str) -> None:
        self.status_label.setText(self.tr("Playback is not available: %1. The waveform and the text still work.")
                                  .replace("%1", message))

    def toggle_loop(self) -> None:
        self.loop_check.toggle()

    def _speed_chosen(self, index: int) -> None:
        speed = self.speed_combo.itemData(index)
        if speed is None:
            return
        self.transport.set_rate(float(speed))
        if self.host is not None and not self._loading:
            self.settings["speed"] = float(speed)
            self.host.set_setting("speed", float(speed))

    def slower(self) -> None:
        self.speed_combo.setCurrentIndex(max(0, self.speed_combo.currentIndex() - 1))

    def faster(self) -> None:
        self.speed_combo.setCurrentIndex(min(self.speed_combo.count() - 1, self.speed_combo.currentIndex() + 1))

    def normal_speed(self) -> None:
        self.speed_combo.setCurrentIndex(SPEEDS.index(1.0))

    def _advance_toggled(self, on: bool) -> None:
        if self.host is not None and not self._loading:
            self.settings["auto_advance"] = bool(on)
            self.host.set_setting("auto_advance", bool(on))

    # ================================================================== settings

    def _apply_settings_to_widgets(self) -> None:
        try:
            speed = float(self.settings["speed"])
        except (TypeError, ValueError):
            speed = 1.0
        self.settings["speed"] = min(SPEEDS, key=lambda s: abs(s - speed))
        for key in ("rewind_on_resume", "jump_seconds"):
            try:
                self.settings[key] = float(self.settings[key])
            except (TypeError, ValueError):
                self.settings[key] = DEFAULTS[key]
        self.speed_combo.setCurrentIndex(SPEEDS.index(self.settings["speed"]))
        self.advance_check.setChecked(bool(self.settings["auto_advance"]))
        self.playback_settings.blockSignals(True)
        self.playback_settings.rewind.setValue(self.settings["rewind_on_resume"])
        self.playback_settings.jump.setValue(self.settings["jump_seconds"])
        self.playback_settings.blockSignals(False)

    def _settings_edited(self) -> None:
        self.settings["rewind_on_resume"] = self.playback_settings.rewind.value()
        self.settings["jump_seconds"] = self.playback_settings.jump.value()
        self.transport.rewind_on_resume = self.settings["rewind_on_resume"]
        if self.host is not None:
            self.host.set_setting("rewind_on_resume", self.settings["rewind_on_resume"])
            self.host.set_setting("jump_seconds", self.settings["jump_seconds"])

    # ================================================================== waveform build

    def _poll_build(self) -> None:
        pyramid = self.pyramid
        if pyramid is None:
            self._build_timer.stop()
            return
        self._build_timer.setInterval(100)
        self.waves.refresh_waveform()
        if pyramid.complete:
            self._build_timer.stop()
            if pyramid.error:
                self.status_label.setText(self.tr("The recording is damaged: the waveform stops at %1.")
                                          .replace("%1", format_clock((pyramid.end_frame or 0)
                                                                      / pyramid.info.samplerate)))
            else:
                self.status_label.setText("")
        else:
            self.status_label.setText(self.tr("Drawing the waveform… %1%")
                                      .replace("%1", str(int(pyramid.progress() * 100))))

    # ================================================================== submit

    def submit_warnings(self) -> list[str]:
        warnings = []
        if self.host is None:
            return warnings
        # an accepted machine transcript is a result too: make sure it is saved
        if self.host.annotation is None or self._save_timer.isActive():
            self._save_now()
        empty = sum(1 for s in self.segments if not s.text.strip())
        if 0 < empty < len(self.segments):
            warnings.append(self.tr("%1 segments have no text.").replace("%1", str(empty)))
        if self.machine_text is not None and self.transport.played_seconds <= 0 and not self.transport.playing:
            warnings.append(self.tr("You have not played the recording: the machine transcript is unchecked."))
        return warnings


def _first_difference(a: str, b: str, default: int) -> int:
    """Where an undo changed the text (the cursor goes there); ``a`` empty means the start."""
    if not a:
        return 0
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b)) if len(a) != len(b) else default


__all__ = ["TranscriptionEditor", "AudioError", "parse_timestamp"]
