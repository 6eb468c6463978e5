"""The transcription editor's playback rules: play, seek and jump, loop, auto-advance, and the listening
kept per item (a part of :class:`~annotator_transcription._qt.editor.TranscriptionEditor`).

The player itself is :class:`~annotator_transcription._qt.player.Transport`; these rules decide
what it does as the playhead moves: go round a loop (also at the recording's end), move to the next
segment when auto-advance is on, and keep how long the worker listened (ADR 0213).
"""
from __future__ import annotations

from PySide6 import QtCore

from annotator_transcription import listening
from annotator_transcription.waveform import format_clock


class PlaybackRules:
    """The playback rules of the transcription editor (mixed into it: they use its transport and widgets)."""

    # ================================================================== playback

    def toggle_play(self) -> None:
        self.transport.toggle()

    def seek(self, seconds: float) -> None:
        self.transport.seek(seconds)

    def jump(self, direction: int) -> None:
        self.transport.jump(direction * self.playback.jump_seconds)
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
        if self.playback.auto_advance:
            seg = self.segments[self.current]
            if seg.start <= before < seg.end <= t and self.current + 1 < len(self.segments):
                self.set_current(self.current + 1)

    def _on_ended(self) -> None:
        """The recording's end stops the player, maybe before the playhead saw the loop's end: go round."""
        rng = self._loop_range() if self.loop_check.isChecked() else None
        if rng is not None and rng[1] >= self.transport.duration - 0.05:
            QtCore.QTimer.singleShot(0, lambda start=rng[0]: self._play_from(start))  # after the player's signal

    def _play_from(self, seconds: float) -> None:
        if self.document is not None and self.loop_check.isChecked():
            self.transport.seek(seconds)
            self.transport.play()

    def _on_playing(self, playing: bool) -> None:
        self.bar.show_playing(playing)
        if self.host is not None:
            self.host.media_playing(playing)
        if not playing:
            self._keep_listening()

    def _item_id(self) -> str:
        return str(self.host.item.get("id", "")) if self.host is not None else ""

    def _keep_listening(self) -> None:
        """How long the worker has played this item's recording, kept in their settings when it grew (on
        every pause and on leaving): coming back to the item, the "not played" note stays away."""
        host, played = self.host, self.transport.played_seconds
        if host is None or played < self._listened_kept + 0.05:
            return
        key = listening.setting_key(host.pack.id)
        host.set_setting(key, listening.with_listened(host.setting(key), self._item_id(), played))
        self._listened_kept = played

    def _on_playback_failed(self, message: str) -> None:
        self.status_label.setText(self.tr("Playback is not available: %1. The waveform and the text still work.")
                                  .replace("%1", message))

    def toggle_loop(self) -> None:
        self.loop_check.toggle()

    @property
    def settings(self) -> dict:
        """The worker's playback settings."""
        return self.playback.values
