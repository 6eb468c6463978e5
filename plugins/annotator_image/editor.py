"""Image editor (placeholder: shows the image; drawing comes with the image plugin issue)."""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api.qt import ItemEditor


class ImageEditor(ItemEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        self.view = QtWidgets.QLabel(alignment=QtCore.Qt.AlignmentFlag.AlignCenter)
        self.view.setMinimumSize(200, 200)
        layout.addWidget(self.view, 1)
        self.host = None

    def load(self, host) -> None:
        self.host = host
        image = QtGui.QImage(str(host.media_path()))
        if image.isNull():
            raise ValueError(f"cannot read the image {host.item.get('media')}")
        self.view.setPixmap(QtGui.QPixmap.fromImage(image).scaled(
            900, 600, QtCore.Qt.AspectRatioMode.KeepAspectRatio, QtCore.Qt.TransformationMode.SmoothTransformation))
