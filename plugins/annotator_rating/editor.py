"""Rating editor (placeholder: prompt, responses and a score)."""
from __future__ import annotations

from PySide6 import QtWidgets

from annotator.plugin_api.qt import ItemEditor


class RatingEditor(ItemEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        self.view = QtWidgets.QTextBrowser()
        layout.addWidget(self.view, 1)
        self.score = QtWidgets.QSpinBox()
        self.score.setRange(0, 5)
        layout.addWidget(self.score)
        self.score.valueChanged.connect(self._changed)
        self.host = None

    def load(self, host) -> None:
        self.host = None
        item = host.item
        text = f"## Prompt\n\n{item.get('prompt', '')}\n\n" + "\n\n".join(
            f"## Response {i + 1}\n\n{r.get('text', '')}" for i, r in enumerate(item.get("responses", [])))
        self.view.setMarkdown(text)
        self.score.setValue(int((host.annotation or {}).get("score", 0)))
        self.host = host

    def _changed(self, value: int) -> None:
        if self.host is not None:
            self.host.save({"score": value})
