"""The editor's bars: the header (recording, status, playback settings) and the transport bar.

Widgets only: the editor connects them to the document and the player.
"""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api.qt import number

from annotator_transcription._qt.player import SPEEDS


def tool_button(text: str, tip: str) -> QtWidgets.QToolButton:
    """A flat button that never takes the focus from the text box."""
    button = QtWidgets.QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
    button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def media_icon(button: QtWidgets.QAbstractButton, which: QtWidgets.QStyle.StandardPixmap) -> QtGui.QIcon:
    """A transport icon drawn by the style (the desktop's icon theme where it has one), never a
    font character: the fonts a Debian desktop has may lack ▶ and ⏸ and show a box."""
    return button.style().standardIcon(which, None, button)


class InsideWindowMenu(QtWidgets.QMenu):
    """A popup menu that stays inside its button's window.

    Qt keeps a menu on the screen, not in the window: under a button at the window's right edge it
    would reach past the edge. Shown, it moves left (or up) to fit, its right edge under the button's.
    """

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        owner = self.parentWidget()
        if owner is None:
            return
        frame = owner.window().geometry()
        here = self.geometry()
        x = min(here.x(), frame.right() + 1 - here.width())
        y = min(here.y(), frame.bottom() + 1 - here.height())
        x, y = max(x, frame.left()), max(y, frame.top())
        if (x, y) != (here.x(), here.y()):
            self.move(x, y)


class PlaybackSettings(QtWidgets.QWidget):
    """The playback settings, in the menu of the Playback button."""

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


class Header(QtWidgets.QWidget):
    """The recording's name and format, what the editor is doing, and the playback settings button."""

    def __init__(self, parent=None):
        super().__init__(parent)
        header = QtWidgets.QHBoxLayout(self)
        header.setContentsMargins(0, 0, 0, 0)
        self.file_label = QtWidgets.QLabel()
        self.file_label.setStyleSheet("font-weight: 600;")
        self.file_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
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
        self.settings_button.setText(self.tr("Playback"))
        self.settings_button.setToolTip(self.tr("Playback settings: rewind when resuming, jump length"))
        self.settings_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        self.settings_button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        menu = InsideWindowMenu(self.settings_button)
        self.playback_settings = PlaybackSettings()
        action = QtWidgets.QWidgetAction(menu)
        action.setDefaultWidget(self.playback_settings)
        menu.addAction(action)
        self.settings_button.setMenu(menu)
        header.addWidget(self.settings_button)


class TransportBar(QtWidgets.QWidget):
    """Play, jump, speed, loop and auto-advance; split, merge, new and delete segment."""

    def __init__(self, parent=None):
        super().__init__(parent)
        bar = QtWidgets.QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        Pixmap = QtWidgets.QStyle.StandardPixmap
        self.back_button = tool_button("", self.tr("Jump back"))
        self.play_button = tool_button(self.tr("Play"), self.tr("Play or pause"))
        self.play_button.setMinimumWidth(90)
        self.forward_button = tool_button("", self.tr("Jump forward"))
        for button, icon in ((self.back_button, Pixmap.SP_MediaSeekBackward), (self.play_button, Pixmap.SP_MediaPlay),
                             (self.forward_button, Pixmap.SP_MediaSeekForward)):
            button.setIcon(media_icon(button, icon))
            button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonIconOnly if not button.text()
                                      else QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            bar.addWidget(button)
        self.time_label = QtWidgets.QLabel("0:00.0 / 0:00.0")
        self.time_label.setStyleSheet("font-family: monospace; padding: 0 8px;")
        bar.addWidget(self.time_label)
        bar.addWidget(QtWidgets.QLabel(self.tr("Speed")))
        self.speed_combo = QtWidgets.QComboBox()
        self.speed_combo.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        for speed in SPEEDS:
            self.speed_combo.addItem(f"{number(speed)}×", speed)
        self.speed_combo.setCurrentIndex(SPEEDS.index(1.0))
        bar.addWidget(self.speed_combo)
        self.loop_check = QtWidgets.QCheckBox(self.tr("Loop"))
        self.loop_check.setToolTip(self.tr("Loop the selection, or the current segment"))
        self.loop_check.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        bar.addWidget(self.loop_check)
        self.advance_check = QtWidgets.QCheckBox(self.tr("Auto-advance"))
        self.advance_check.setToolTip(self.tr("Go on to the next segment when playback passes the end of this one"))
        self.advance_check.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        bar.addWidget(self.advance_check)
        bar.addStretch(1)
        self.split_button = tool_button(self.tr("Split"), self.tr("Split the segment at the playhead"))
        self.merge_button = tool_button(self.tr("Merge"), self.tr("Merge the segment with the next one"))
        self.new_button = tool_button(self.tr("New segment"), self.tr("New segment from the selection"))
        self.delete_button = tool_button(self.tr("Delete"), self.tr("Delete the segment"))
        for button in (self.split_button, self.merge_button, self.new_button, self.delete_button):
            bar.addWidget(button)

    def show_playing(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        pixmap = QtWidgets.QStyle.StandardPixmap.SP_MediaPause if playing else QtWidgets.QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(media_icon(self.play_button, pixmap))
