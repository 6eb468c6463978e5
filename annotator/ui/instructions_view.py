"""The pack's instructions as validated and hashed: rendered by the core, images from the pack only.

The core reads ``instructions.md`` and its images once, renders them (Markdown without HTML)
and hashes those very bytes (:func:`annotator.core.packs.instructions.show`); this view only
puts the result on screen. If the hash is not the one recorded at import, the worker is told.
"""
from __future__ import annotations

import html

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core.packs import instructions
from annotator.core.packs.instructions import Shown
from annotator.ui.i18n import arg
from annotator.ui.widgets import muted, title_label


class SafeBrowser(QtWidgets.QTextBrowser):
    """A text browser that shows only the images it is given and never loads anything itself."""

    #: the widest a line of text gets, for reading comfort on wide screens
    READING_WIDTH = 860
    #: the widest an image is shown, to keep huge images readable without blowing up the layout
    IMAGE_WIDTH = 1200

    def __init__(self, parent=None):
        super().__init__(parent)
        self.document().setDocumentMargin(18)
        # no line-height on paragraphs: Qt scales it with an image on the line (a gap under each image)
        self.document().setDefaultStyleSheet("li { line-height: 140%; } p { margin-bottom: 8px; } "
                                             "table { margin: 8px 0; } th, td { padding: 4px 10px; }")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor)

    def show_instructions(self, shown: Shown) -> None:
        """Show rendered instructions: their HTML and, as document resources, their own images."""
        document = self.document()
        document.clear()
        for url, _rel, data in shown.images:
            image = QtGui.QImage.fromData(data)
            if image.isNull():
                continue  # the image's description is shown under it all the same
            if image.width() > self.IMAGE_WIDTH:
                image = image.scaledToWidth(self.IMAGE_WIDTH, QtCore.Qt.TransformationMode.SmoothTransformation)
            document.addResource(QtGui.QTextDocument.ResourceType.ImageResource, QtCore.QUrl(url), image)
        self.setHtml(shown.html)

    def loadResource(self, resource_type, url):  # noqa: N802 - Qt API
        return None  # everything shown was added as a resource; nothing else is ever loaded

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
        self.title.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # pack strings are data, never markup
        self.subtitle = muted()
        self.subtitle.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        layout.addWidget(self.subtitle)
        self.changed = muted(self.tr("These instructions are not the ones imported with the pack: the file "
                                     "in the library folder was changed since. Ask the lab for the pack again."))
        self.changed.setObjectName("InstructionsChanged")
        self.changed.setWordWrap(True)
        self.changed.setProperty("notice", "error")  # the theme's error colours
        self.changed.hide()
        layout.addWidget(self.changed)
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
        self.subtitle.setText(arg(self.tr("Instructions from %1"), pack.lab))
        self.start_button.setText(self.tr("Back to the task") if resuming else self.tr("Start working"))
        try:
            shown = instructions.show(pack.folder)
        except (OSError, UnicodeDecodeError, KeyError) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            shown = Shown(html.escape(self.tr("The instructions cannot be read: %1").replace("%1", message)), [], "")
        self.changed.setVisible(bool(shown.hash) and shown.hash != pack.instructions_hash)
        self.browser.show_instructions(shown)
        self.browser.setFocus()
