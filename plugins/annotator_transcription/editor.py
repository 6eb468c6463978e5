"""Transcription editor (placeholder: a text field; waveform and playback come with their issue)."""
from __future__ import annotations

from PySide6 import QtWidgets

from annotator.plugin_api.qt import ItemEditor


class TranscriptionEditor(ItemEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        self.media = QtWidgets.QLabel()
        layout.addWidget(self.media)
        self.text = QtWidgets.QPlainTextEdit()
        layout.addWidget(self.text, 1)
        self.text.textChanged.connect(self._changed)
        self.host = None

    def load(self, host) -> None:
        self.host = None
        self.media.setText(str(host.item.get("media")))
        saved = (host.annotation or {}).get("text")
        self.text.setPlainText(saved if saved is not None else str(host.item.get("transcript") or ""))
        self.host = host

    def _changed(self) -> None:
        if self.host is not None:
            self.host.save({"text": self.text.toPlainText()})

    def focus_editor(self) -> None:
        self.text.setFocus()
