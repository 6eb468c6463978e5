"""The worker's playback settings and the controls that change them: speed, rewind, jump, auto-advance.

The settings are the worker's (``host.setting``), kept from one item and one session to the next.
"""
from __future__ import annotations

from PySide6 import QtCore

from annotator_transcription._qt.controls import PlaybackSettings, TransportBar
from annotator_transcription._qt.player import SPEEDS, Transport

DEFAULTS = {"rewind_on_resume": 2.0, "jump_seconds": 5.0, "speed": 1.0, "auto_advance": False}


class PlaybackControls(QtCore.QObject):
    """Reads the settings when an item opens, shows them, and keeps every change the worker makes."""

    def __init__(self, transport: Transport, bar: TransportBar, form: PlaybackSettings,
                 parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.transport, self.bar, self.form = transport, bar, form
        self.host = None
        self.values = dict(DEFAULTS)
        self._loading = False
        bar.speed_combo.currentIndexChanged.connect(self._speed_chosen)
        bar.advance_check.toggled.connect(self._advance_toggled)
        form.changed.connect(self._edited)

    def load(self, host) -> None:
        """The settings of the worker who opens ``host``'s item, shown and given to the player."""
        values = {key: host.setting(key, default) for key, default in DEFAULTS.items()}
        try:
            speed = float(values["speed"])
        except (TypeError, ValueError):
            speed = 1.0
        values["speed"] = min(SPEEDS, key=lambda s: abs(s - speed))
        for key in ("rewind_on_resume", "jump_seconds"):
            try:
                values[key] = float(values[key])
            except (TypeError, ValueError):
                values[key] = DEFAULTS[key]
        self.values = values
        self._loading = True
        try:
            self.bar.speed_combo.setCurrentIndex(SPEEDS.index(values["speed"]))
            self.bar.advance_check.setChecked(bool(values["auto_advance"]))
            self.form.blockSignals(True)
            self.form.rewind.setValue(values["rewind_on_resume"])
            self.form.jump.setValue(values["jump_seconds"])
            self.form.blockSignals(False)
        finally:
            self._loading = False
        self.transport.rewind_on_resume = values["rewind_on_resume"]
        self.transport.set_rate(values["speed"])
        self.host = host

    def unload(self) -> None:
        self.host = None

    @property
    def jump_seconds(self) -> float:
        return float(self.values["jump_seconds"])

    @property
    def auto_advance(self) -> bool:
        return self.bar.advance_check.isChecked()

    # ------------------------------------------------------------------ the worker's changes

    def slower(self) -> None:
        self.bar.speed_combo.setCurrentIndex(max(0, self.bar.speed_combo.currentIndex() - 1))

    def faster(self) -> None:
        combo = self.bar.speed_combo
        combo.setCurrentIndex(min(combo.count() - 1, combo.currentIndex() + 1))

    def normal_speed(self) -> None:
        self.bar.speed_combo.setCurrentIndex(SPEEDS.index(1.0))

    def _keep(self, key: str, value) -> None:
        self.values[key] = value
        if self.host is not None and not self._loading:
            self.host.set_setting(key, value)

    def _speed_chosen(self, index: int) -> None:
        speed = self.bar.speed_combo.itemData(index)
        if speed is None:
            return
        self.transport.set_rate(float(speed))
        self._keep("speed", float(speed))

    def _advance_toggled(self, on: bool) -> None:
        self._keep("auto_advance", bool(on))

    def _edited(self) -> None:
        self.transport.rewind_on_resume = self.form.rewind.value()
        self._keep("rewind_on_resume", self.form.rewind.value())
        self._keep("jump_seconds", self.form.jump.value())
