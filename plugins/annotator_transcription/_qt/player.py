"""Playback through Qt Multimedia: play/pause, speed, seek, rewind on resume, a smooth playhead.

Qt's FFmpeg backend reports the position only as often as it hands a buffer to the
audio device (every 85-256 ms); between two reports the playhead is interpolated
from the clock and the speed, starting only once the sound really runs (the first
report after ``play()``), so the line never runs ahead of what the worker hears.
"""
from __future__ import annotations

import time
from pathlib import Path

from PySide6 import QtCore, QtMultimedia

State = QtMultimedia.QMediaPlayer.PlaybackState
Status = QtMultimedia.QMediaPlayer.MediaStatus

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
#: how long interpolation may run without a report from the player (seconds)
MAX_EXTRAPOLATION = 0.5


class Transport(QtCore.QObject):
    """One media player for the editor; positions are in seconds."""

    position_changed = QtCore.Signal(float)
    playing_changed = QtCore.Signal(bool)
    failed = QtCore.Signal(str)
    #: the player reached the end of the recording (playback stopped there)
    ended = QtCore.Signal()

    def __init__(self, parent=None, clock=time.monotonic):
        super().__init__(parent)
        self.player = QtMultimedia.QMediaPlayer(self)
        self.output = QtMultimedia.QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        if hasattr(self.player, "setPitchCompensation"):
            # slowed-down speech keeps its pitch where the backend can (Qt 6.10+)
            self.player.setPitchCompensation(True)
        self.clock = clock
        self.duration = 0.0
        self.rewind_on_resume = 2.0
        self.loaded = False
        self.error: str | None = None
        self._pos = 0.0
        self._pending: float | None = None
        self._anchor: tuple[float, float] | None = None
        self._playing = False
        self._seeked_since_pause = True
        self._rate = 1.0
        self.played_seconds = 0.0
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(33)
        self.timer.timeout.connect(self._tick)
        self.player.positionChanged.connect(self._on_player_position)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)

    # ------------------------------------------------------------------ source

    def open(self, path: Path, duration: float) -> None:
        self.close()
        self.duration = float(duration)
        self.error = None
        self.loaded = False
        self._pos = 0.0
        self._pending = None
        self.played_seconds = 0.0
        self.player.setSource(QtCore.QUrl.fromLocalFile(str(path)))

    def close(self) -> None:
        self.timer.stop()
        if self.player.playbackState() != State.StoppedState:
            self.player.stop()
        self.player.setSource(QtCore.QUrl())
        self.loaded = False
        self._anchor = None
        self._set_playing(False)

    # ------------------------------------------------------------------ state

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def rate(self) -> float:
        return self._rate

    def position(self) -> float:
        """Where the sound is now (interpolated while playing)."""
        if self._playing and self._anchor is not None:
            base, at = self._anchor
            ahead = min(self.clock() - at, MAX_EXTRAPOLATION) * self._rate
            return min(base + max(ahead, 0.0), self.duration)
        return self._pos

    # ------------------------------------------------------------------ actions

    def play(self) -> None:
        if self.error is not None:
            self.failed.emit(self.error)
            return
        if self._playing:
            return
        if self._pos >= self.duration - 0.02:
            self.seek(0.0)
        elif not self._seeked_since_pause and self.rewind_on_resume > 0:
            self.seek(max(0.0, self._pos - self.rewind_on_resume))
        self._anchor = None
        self.player.play()
        self._set_playing(True)

    def pause(self) -> None:
        if not self._playing:
            return
        self._pos = self.position()
        self.player.pause()
        self._seeked_since_pause = False
        self._anchor = None
        self._set_playing(False)
        self.position_changed.emit(self._pos)

    def toggle(self) -> None:
        self.pause() if self._playing else self.play()

    def stop(self) -> None:
        if self._playing:
            self.pause()

    def seek(self, seconds: float) -> None:
        seconds = min(max(0.0, float(seconds)), self.duration)
        self._pos = seconds
        self._seeked_since_pause = True
        if self.loaded:
            self.player.setPosition(int(round(seconds * 1000)))
        else:
            self._pending = seconds
        if self._playing:
            self._anchor = (seconds, self.clock())
        self.position_changed.emit(seconds)

    def jump(self, delta: float) -> None:
        self.seek(self.position() + delta)

    def set_rate(self, rate: float) -> None:
        rate = min(max(float(rate), SPEEDS[0]), SPEEDS[-1])
        if self._playing and self._anchor is not None:
            self._anchor = (self.position(), self.clock())
        self._rate = rate
        self.player.setPlaybackRate(rate)

    # ------------------------------------------------------------------ player events

    def _set_playing(self, playing: bool) -> None:
        if playing == self._playing:
            return
        self._playing = playing
        if playing:
            self._last_tick = self.clock()
            self.timer.start()
        else:
            self.timer.stop()
        self.playing_changed.emit(playing)

    def _tick(self) -> None:
        now = self.clock()
        if self._anchor is not None:
            self.played_seconds += now - self._last_tick
        self._last_tick = now
        self.position_changed.emit(self.position())

    def _on_player_position(self, ms: int) -> None:
        seconds = ms / 1000.0
        if self._playing:
            if self._anchor is None and abs(seconds - self._pos) < 1e-3:
                return  # the sound has not started yet: keep the line still
            self._anchor = (seconds, self.clock())
            self._pos = seconds

    def _on_state(self, state) -> None:
        if state == State.StoppedState and self._playing:
            self._pos = self.duration if self.player.mediaStatus() == Status.EndOfMedia else self.position()
            self._anchor = None
            self._set_playing(False)
            self.position_changed.emit(self._pos)

    def _on_status(self, status) -> None:
        if status in (Status.LoadedMedia, Status.BufferedMedia, Status.BufferingMedia) and not self.loaded:
            self.loaded = True
            duration = self.player.duration() / 1000.0
            if duration > 0 and abs(duration - self.duration) > 1.0:
                # the decoder disagrees with the file header by over a second: trust the player for seeking
                self.duration = max(self.duration, duration)
            if self._pending is not None:
                target, self._pending = self._pending, None
                self.player.setPosition(int(round(target * 1000)))
        elif status == Status.EndOfMedia:
            self._pos = self.duration
            self._anchor = None
            self._set_playing(False)
            self.position_changed.emit(self._pos)
            self.ended.emit()
        elif status == Status.InvalidMedia:
            self._on_error(None, self.player.errorString() or "the recording cannot be decoded")

    def _on_error(self, _error, text: str) -> None:
        self.error = text or "playback failed"
        self._anchor = None
        self._set_playing(False)
        self.failed.emit(self.error)
