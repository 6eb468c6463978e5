"""The pack's instructions, rendered from Markdown, with images from inside the pack only."""
from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api import resolve_media
from annotator.ui.widgets import muted, title_label


class SafeBrowser(QtWidgets.QTextBrowser):
    """A text browser that loads resources from one folder and never from the network."""

    #: the widest a line of text gets, for reading comfort on wide screens
    READING_WIDTH = 860

    def __init__(self, parent=None):
        super().__init__(parent)
        self.root: Path | None = None
        self.document().setDocumentMargin(18)
        self.document().setDefaultStyleSheet("p, li { line-height: 140%; } table { margin: 8px 0; } "
                                             "th, td { padding: 4px 10px; }")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor)

    def loadResource(self, kind, url):  # noqa: N802 - Qt API
        if self.root is None or url.scheme() not in ("", "file"):
            return None
        try:
            path = resolve_media(self.root, url.path().lstrip("/") if url.scheme() == "file" else url.toString())
        except ValueError:
            return None
        if not path.is_file():
            return None
        if kind == QtGui.QTextDocument.ResourceType.ImageResource:
            image = QtGui.QImage(str(path))
            if image.isNull():
                return None
            # keep huge images readable without blowing up the layout
            if image.width() > 1200:
                image = image.scaledToWidth(1200, QtCore.Qt.TransformationMode.SmoothTransformation)
            return image
        return None

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        side = max(0, (self.width() - self.READING_WIDTH) // 2)
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)

    def _anchor(self, url: QtCore.QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            # Only when the worker clicks: the app itself never fetches anything.
            QtGui.QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.scrollToAnchor(url.fragment())


class InstructionsView(QtWidgets.QWidget):
    start_requested = QtCore.Signal()
    back_requested = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QtWidgets.QHBoxLayout()
        self.title = title_label("")
        top.addWidget(self.title, 1)
        self.back_button = QtWidgets.QPushButton(self.tr("Library"))
        self.back_button.clicked.connect(self.back_requested)
        top.addWidget(self.back_button)
        self.start_button = QtWidgets.QPushButton(self.tr("Start working"))
        self.start_button.setObjectName("Primary")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_requested)
        top.addWidget(self.start_button)
        layout.addLayout(top)
        self.subtitle = muted()
        layout.addWidget(self.subtitle)
        self.browser = SafeBrowser(self)
        self.browser.setObjectName("Instructions")
        layout.addWidget(self.browser, 1)
        hint = muted(self.tr("Press F1 at any time to come back to these instructions; Enter or the "
                             "button above to start."))
        layout.addWidget(hint)
        self.browser.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        # Enter starts the work, unless a link in the instructions has the keyboard focus.
        if obj is self.browser and event.type() in (QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.ShortcutOverride):
            if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) \
                    and not self.browser.textCursor().charFormat().isAnchor():
                if event.type() == QtCore.QEvent.Type.KeyPress:
                    self.start_requested.emit()
                event.accept()
                return True
        return super().eventFilter(obj, event)

    def show_pack(self, pack, resuming: bool) -> None:
        self.title.setText(pack.title)
        self.subtitle.setText(self.tr("Instructions from %1").replace("%1", pack.lab))
        self.start_button.setText(self.tr("Back to the task") if resuming else self.tr("Start working"))
        self.browser.root = pack.folder
        self.browser.document().setBaseUrl(QtCore.QUrl.fromLocalFile(str(pack.folder) + "/"))
        try:
            text = (pack.folder / "instructions.md").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            text = self.tr("The instructions cannot be read: %1").replace("%1", str(exc))
        self.browser.setMarkdown(text)
        self.browser.setFocus()
