"""The transcription editor: a thin Qt view over :class:`~annotator_transcription.document.TranscriptDocument`.

It shows the recording (waveform, playhead, segments), plays it, and turns keys, clicks and
typing into document edits; the document holds every rule and the undo history (one per
item, segments and text together; the text box's own undo is off). The editing kit does the
rest (ADR 0006): ``DebouncedSave`` saves segment edits at once and typing within 250 ms, and
one :class:`~annotator.plugin_api.qt.KeyMap` binds every key and is the shortcut list.

The keys all have a modifier (or are function keys), so they never take typing, and they work
with the cursor in the text: the text box is told not to claim them (it would take Ctrl+K,
Ctrl+Z...).
"""
from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api.qt import DocumentEditor, number

from annotator_transcription import segments as S
from annotator_transcription.audio import AudioError, AudioInfo, probe
from annotator_transcription.document import TranscriptDocument
from annotator_transcription import listening
from annotator_transcription.timestamps import insertion, parse_timestamp, timestamp_at
from annotator_transcription.waveform import Pyramid, format_clock, open_pyramid
from annotator_transcription._qt.controls import Header, TransportBar
from annotator_transcription._qt.differ import Differ, Result
from annotator_transcription._qt.playback import PlaybackControls
from annotator_transcription._qt.player import Transport
from annotator_transcription._qt.playback_rules import PlaybackRules
from annotator_transcription._qt.segment_actions import SegmentActions
from annotator_transcription._qt.segment_panel import SegmentPanel
from annotator_transcription._qt.waveview import WaveformPanel

class TranscriptionEditor(SegmentActions, PlaybackRules, DocumentEditor):
    document: TranscriptDocument | None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.info: AudioInfo | None = None
        self.pyramid: Pyramid | None = None
        self.duration = 0.0
        self.speakers: list[str] = []
        self._version = 0  # counts the edits that are not typing (the differ's results carry it back)
        self._result: Result | None = None
        self._loading = False
        self._last_pos = 0.0
        self._listened_kept = 0.0  # the listening time of the item the settings hold
        self._cursor_hint: str | None = None
        self.transport = Transport(self)
        self.transport.position_changed.connect(self._on_position)
        self.transport.playing_changed.connect(self._on_playing)
        self.transport.failed.connect(self._on_playback_failed)
        self.transport.ended.connect(self._on_ended)
        self._build_ui()
        self.differ = Differ(self)
        self.differ.ready.connect(self._on_diff)
        self._build_timer = QtCore.QTimer(self)
        self._build_timer.setInterval(100)
        self._build_timer.timeout.connect(self._poll_build)
        self._bind_keys()
        self.keys.set_enabled(False)

    # ================================================================== the widgets

    def _build_ui(self) -> None:
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.header = Header()
        self.file_label, self.info_label = self.header.file_label, self.header.info_label
        self.status_label, self.settings_button = self.header.status_label, self.header.settings_button
        self.playback_settings = self.header.playback_settings
        layout.addWidget(self.header)

        self.waves = WaveformPanel()
        self.waves.seek_requested.connect(self.seek)
        self.waves.segment_clicked.connect(self._segment_clicked)
        self.waves.bounds_changed.connect(self.move_segment)
        self.waves.selection_changed.connect(self._selection_changed)
        layout.addWidget(self.waves, 3)

        bar = self.bar = TransportBar()
        self.play_button, self.time_label, self.speed_combo = bar.play_button, bar.time_label, bar.speed_combo
        self.loop_check, self.advance_check = bar.loop_check, bar.advance_check
        self.merge_button, self.new_button, self.delete_button = bar.merge_button, bar.new_button, bar.delete_button
        bar.back_button.clicked.connect(lambda: self.jump(-1))
        bar.play_button.clicked.connect(self.toggle_play)
        bar.forward_button.clicked.connect(lambda: self.jump(+1))
        self.playback = PlaybackControls(self.transport, bar, self.playback_settings, self)
        bar.split_button.clicked.connect(self.split_at_playhead)
        bar.merge_button.clicked.connect(self.merge_with_next)
        bar.new_button.clicked.connect(self.new_from_selection)
        bar.delete_button.clicked.connect(self.delete_segment)
        layout.addWidget(bar)

        panel = self.panel = SegmentPanel()
        self.table, self.text = panel.table, panel.text
        self.segment_label, self.speaker_combo = panel.segment_label, panel.speaker_combo
        self.changes_label, self.changes = panel.changes_label, panel.changes
        self.table.row_activated.connect(lambda row: self.set_current(row, seek=True))
        self.table.text_wanted.connect(self.text.setFocus)
        self.speaker_combo.activated.connect(lambda row: self.choose_speaker(row + 1))
        self.text.textChanged.connect(self._on_text_changed)
        layout.addWidget(panel, 4)

        self.text.installEventFilter(self)
        self.text.viewport().installEventFilter(self)
        self.table.installEventFilter(self)

    # ================================================================== keys

    def _bind_keys(self) -> None:
        keys, group = self.keys, self.tr("Transcription")
        keys.add("Ctrl+Space", self.toggle_play, self.tr("Play or pause (rewinds a little on resume)"), group)
        # Ctrl+Left and Ctrl+Right stay the text's: they move the cursor word by word
        keys.add("Alt+,", lambda: self.jump(-1), self.tr("Jump back"), group)
        keys.add("Alt+.", lambda: self.jump(+1), self.tr("Jump forward"), group)
        keys.add("Ctrl+Up", self.previous_segment, self.tr("Previous segment"), group)
        keys.add("Ctrl+Down", self.next_segment, self.tr("Next segment"), group)
        keys.add("Ctrl+-", self.playback.slower, self.tr("Slower"), group)
        keys.add(["Ctrl+=", "Ctrl++"], self.playback.faster, self.tr("Faster"), group)
        keys.add("Ctrl+0", self.playback.normal_speed, self.tr("Normal speed"), group)
        keys.add("Ctrl+R", self.toggle_loop, self.tr("Loop the selection, or the current segment"), group)
        keys.add("Ctrl+T", self.insert_timestamp, self.tr("Insert the playhead's time into the text"), group)
        keys.add("Ctrl+K", self.split_at_playhead,
                 self.tr("Split the segment at the playhead (the text after the cursor goes to the new segment)"),
                 group)
        keys.add("Ctrl+J", self.merge_with_next, self.tr("Merge the segment with the next one"), group)
        keys.add("Ctrl+[", self.mark_start, self.tr("Start a selection at the playhead"), group)
        keys.add("Ctrl+]", self.mark_end, self.tr("End the selection at the playhead"), group)
        keys.add("Ctrl+N", self.new_from_selection, self.tr("New segment from the selection"), group)
        keys.add("Ctrl+Shift+Del", self.delete_segment, self.tr("Delete the segment"), group)
        speaker = self.tr("Speaker of the segment (in the pack's order)")
        for n in range(1, 10):
            keys.add(f"Ctrl+{n}", lambda n=n: self.choose_speaker(n), speaker, group, label="Ctrl+1-9")
        keys.gesture(self.tr("Ctrl+Click"), self.tr("On a [0:12.3] time in the text: play from there"), group)
        self._claimed = {QtGui.QKeySequence(k)[0] for k in keys.bound_keys()}

    def shortcuts(self):
        return list(dict.fromkeys(self.keys.shortcuts()))  # Ctrl+1 ... Ctrl+9 share one row

    def _claims(self, event: QtGui.QKeyEvent) -> bool:
        if event.matches(QtGui.QKeySequence.StandardKey.Undo) or event.matches(QtGui.QKeySequence.StandardKey.Redo):
            return True  # one history per item: the window's Undo reaches self.undo()
        combination = event.keyCombination()
        modifiers = combination.keyboardModifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier
        return QtCore.QKeyCombination(modifiers, combination.key()) in self._claimed

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

    def create_document(self, host) -> TranscriptDocument:
        info = probe(host.media_path())  # AudioError: the task view shows it and offers to skip
        task = host.pack.task if isinstance(host.pack.task, dict) else dict(host.pack.task or {})
        speakers = task.get("speakers") if isinstance(task.get("speakers"), list) else []
        self.speakers = [s for s in speakers if isinstance(s, str)]
        document = TranscriptDocument.from_annotation(host.annotation, item=host.item, duration=info.duration,
                                                      speakers=self.speakers)
        self.info, self.duration = info, info.duration
        return document

    def load(self, host) -> None:
        self._reset()
        self._loading = True
        try:
            super().load(host)  # the document, then render()
            info = self.info
            self.file_label.setText(info.path.name)
            self.info_label.setText(f"{self._describe(info)} · {format_clock(self.duration)}")
            self.pyramid = open_pyramid(info, host.cache_dir)
            self.waves.set_audio(self.pyramid, self.duration)
            self.waves.set_segments(self.document.segments, self.document.current, self.speakers)
            self.transport.open(info.path, self.duration)
            self.transport.played_seconds = self._listened_kept = listening.listened(
                host.setting(listening.setting_key(host.pack.id)), self._item_id())
            self.playback.load(host)
            self._on_position(0.0)
        finally:
            self._loading = False
        self.keys.set_enabled(True)
        if not self.pyramid.complete:
            self.pyramid.start(cache_dir=host.cache_dir)
            self._build_timer.start(40)  # the first blocks show at once, then every 100 ms
            self.status_label.setText(self.tr("Drawing the waveform…"))
        document = self.document
        self._result = None
        if document.has_machine:
            # an item that starts from its machine transcript has changed nothing yet: no need to wait
            self.differ.start(document.item, self.duration, self.speakers, document.segments, self._version,
                              machine=document.segments if document.unchanged else None)
        self._show_changes()

    def _reset(self) -> None:
        self._build_timer.stop()
        self.differ.stop()
        if self.pyramid is not None:
            self.pyramid.cancel()
        self.pyramid = None
        self.transport.close()
        self.status_label.setText("")
        self.waves.set_selection(None)
        self.loop_check.setChecked(False)

    def _describe(self, info: AudioInfo) -> str:
        """``WAV · 22,05 kHz mono`` in the worker's language and number format."""
        rate = self.tr("%1 kHz").replace("%1", number(info.samplerate / 1000))
        layout = {1: self.tr("mono"), 2: self.tr("stereo")}.get(info.channels) \
            or self.tr("%n channel(s)", "", info.channels)
        return f"{info.format} · {rate} {layout}"

    def unload(self) -> None:
        if self.host is not None:
            self.transport.close()  # tells the host playback stopped
        try:
            super().unload()  # saves what is pending
        finally:
            self.keys.set_enabled(False)
            self.playback.unload()
            self._reset()

    def focus_editor(self) -> None:
        self.text.setFocus()
        self.text.moveCursor(QtGui.QTextCursor.MoveOperation.End)

    # ================================================================== showing the document

    @property
    def segments(self) -> S.Segments:
        return self.document.segments if self.document is not None else ()

    @property
    def current(self) -> int:
        return self.document.current if self.document is not None else 0

    def annotation(self) -> dict:
        return self.document.annotation()

    def render(self) -> None:
        """Show the state after an edit, an undo or a load: only the rows and segments that changed are redrawn."""
        hint, self._cursor_hint = self._cursor_hint, None
        document = self.document
        self._version += 1
        if self._loading:
            self.table.load(document.segments, self.speakers, document.current)
        else:
            self.table.segment_model.show(document.segments)
            self.table.select(document.current)
            self.waves.set_segments(document.segments, document.current, self.speakers)
            if document.has_machine:
                self.differ.request(document.segments, self._version)
        self._show_current(text_box=True, hint=hint)
        self.delete_button.setEnabled(len(document.segments) > 1)

    def changed(self, merge_key: Any) -> None:
        """Typing shows itself in the text box: only its cell of the table follows. Anything else redraws."""
        if merge_key is not None and merge_key[0] == "text":
            document, row = self.document, merge_key[1]
            self.table.segment_model.show_text(row, document.segments)
            if document.has_machine:
                self.differ.request(document.segments, self._version, typed=row)
            return
        self.render()

    def _show_current(self, text_box: bool, hint: str | None = None) -> None:
        document = self.document
        if not document.segments:
            self.panel.show_no_segment()
            return
        seg = document.segment
        self.panel.show_segment(document.current, len(document.segments), seg, self.speakers)
        if text_box and self.text.toPlainText() != seg.text:
            old_text = self.text.toPlainText()
            if hint == "start":
                cursor_at = 0
            elif hint == "diff":
                cursor_at = _first_difference(old_text, seg.text, len(seg.text))
            else:
                cursor_at = None
            self.panel.set_text(seg.text, cursor_at)
        self.merge_button.setEnabled(document.current + 1 < len(document.segments))
        self._show_changes()

    def _on_diff(self, result: Result) -> None:
        """The differ's latest: used while no edge moved and no segment came or went since it started."""
        if self.document is None or result.version != self._version:
            return
        self._result = result
        self.table.segment_model.changed = result.snapshot.changed
        self.table.segment_model.show_changed()
        self._show_changes()

    def _show_changes(self) -> None:
        """The words changed in all, and the changes in the segment being edited (its group's)."""
        document = self.document
        if document is None or not document.has_machine:
            self.panel.show_changes(False, None, None)
            return
        result = self._result
        if result is None or result.version != self._version:
            if document.unchanged:  # nothing changed yet: no need to wait for the differ
                self.panel.show_changes(True, 0, None)
            else:
                self.panel.show_changes(True, None if result is None else result.snapshot.total, None)
            return
        snapshot = result.snapshot
        self.panel.show_changes(True, snapshot.total, snapshot.group_diff(document.current))

    # ================================================================== undo

    def undo(self) -> None:
        self._cursor_hint = "diff"
        super().undo()

    def redo(self) -> None:
        self._cursor_hint = "diff"
        super().redo()

    # ================================================================== text

    def _on_text_changed(self) -> None:
        if self._loading or self.document is None or not self.document.segments:
            return
        self.document.type_text(self.text.toPlainText())

    def insert_timestamp(self) -> None:
        """The playhead's time at the cursor, a space on each side where the text has none."""
        cursor = self.text.textCursor()
        cursor.removeSelectedText()  # as typing would: the time takes the selection's place
        inserted, after = insertion(self.text.toPlainText(), cursor.position(), self.transport.position())
        cursor.insertText(inserted)
        cursor.setPosition(after)
        self.text.setTextCursor(cursor)
        self.text.setFocus()

    def _timestamp_clicked(self, point: QtCore.QPoint) -> bool:
        cursor = self.text.cursorForPosition(point)
        block = cursor.block()
        seconds = timestamp_at(block.text(), cursor.position() - block.position())
        if seconds is None:
            return False
        self.seek(seconds)
        return True

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
        if self.host is None or self.document is None:
            return warnings
        # an accepted machine transcript is a result too: make sure it is saved
        if self.host.annotation is None or self.saver.pending:
            self.saver.now()
        segments = self.document.segments
        empty = sum(1 for s in segments if not s.text.strip())
        if 0 < empty < len(segments):
            warnings.append(self.tr("%n segment(s) have no text.", "", empty))
        if self.document.has_machine and self.transport.played_seconds <= 0 and not self.transport.playing:
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
