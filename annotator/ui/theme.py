"""The window's look: one palette (light and dark, following the system), a type scale, a spacing grid, icons.

``docs/design.md`` writes the design down; plugins read it through
:func:`annotator.plugin_api.qt.theme`. :func:`apply` sets Qt's palette and the
application's style sheet, and runs again when the system switches between light and dark.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, fields

from PySide6 import QtCore, QtGui, QtWidgets

log = logging.getLogger("annotator.ui")

APPEARANCE_ENV = "ANNOTATOR_APPEARANCE"
#: the worker's choice in Settings (``system``, ``light``, ``dark``), kept in the store under this key
APPEARANCE_KEY = "appearance"
APPEARANCES = ("system", "light", "dark")
"""``light``, ``dark`` or ``system`` (the default): overrides what the system says."""

UNIT = 4
"""The spacing grid, in pixels: every margin and gap is a multiple of it (:func:`space`)."""


def space(steps: int = 1) -> int:
    """``steps`` grid units in pixels: 1 = 4 px (tight), 2 = 8 (between controls), 3 = 12, 4 = 16 (sections), 6 = 24."""
    return UNIT * steps


#: the type scale: sizes relative to the system's body font (1.0), rounded to whole points
TYPE_SCALE = {"caption": 0.9, "body": 1.0, "heading": 1.2, "title": 1.5}


@dataclass(frozen=True)
class Palette:
    """Colour roles (``#rrggbb``); one instance for light, one for dark."""

    window: str          # behind everything
    surface: str         # cards, fields, lists
    surface_alt: str     # alternate rows, shaded blocks, tracks
    text: str
    text_muted: str      # secondary text, hints
    border: str
    accent: str          # the one action colour: primary buttons, focus, selection
    accent_hover: str
    on_accent: str       # text on the accent
    accent_soft: str     # a selected or focused field's background
    info_bg: str         # training badge, neutral notices
    info_text: str
    warning_bg: str
    warning_border: str
    warning_text: str
    error_bg: str
    error_border: str
    error_text: str
    error_strong: str    # a failed state, a rate below the reference
    success: str
    veil: str            # overlays (shortcut list, sensitive content), with alpha: ``#rrggbbaa``

    def color(self, role: str) -> QtGui.QColor:
        value = getattr(self, role)
        if len(value) == 9:  # #rrggbbaa
            color = QtGui.QColor(value[:7])
            color.setAlpha(int(value[7:], 16))
            return color
        return QtGui.QColor(value)

    def roles(self) -> list[str]:
        return [f.name for f in fields(self)]


LIGHT = Palette(
    window="#f6f7f9", surface="#ffffff", surface_alt="#eef0f3", text="#1f2328", text_muted="#5b6169",
    border="#d5d9de", accent="#1a63d6", accent_hover="#1554b8", on_accent="#ffffff", accent_soft="#e6effc",
    info_bg="#dbe7fb", info_text="#153f86", warning_bg="#fff3d6", warning_border="#e3c067",
    warning_text="#6b4500", error_bg="#fde4e2", error_border="#e29a94", error_text="#8c1d18",
    error_strong="#b3261e", success="#1a7f37", veil="#1f2328a0",
)
DARK = Palette(
    window="#1c1e21", surface="#25282c", surface_alt="#2e3236", text="#e6e8eb", text_muted="#a0a6ad",
    border="#3d4248", accent="#6ea1f2", accent_hover="#8bb5f5", on_accent="#0d1726", accent_soft="#223652",
    info_bg="#1f3354", info_text="#b7cff7", warning_bg="#3a3019", warning_border="#85692a",
    warning_text="#f3d27a", error_bg="#3d2120", error_border="#8e3d37", error_text="#f4b9b3",
    error_strong="#f2857b", success="#6cc58a", veil="#000000b0",
)


@dataclass(frozen=True)
class Theme:
    """What plugins need of the look: the palette in use, the grid and the type scale."""

    palette: Palette
    dark: bool
    body_pt: float

    def color(self, role: str) -> QtGui.QColor:
        """A colour role of :class:`Palette` as a ``QColor`` (``theme.color("accent")``)."""
        return self.palette.color(role)

    def hex(self, role: str) -> str:
        """A colour role as ``#rrggbb`` (or ``#rrggbbaa``) for a style sheet."""
        return getattr(self.palette, role)

    def space(self, steps: int = 1) -> int:
        return space(steps)

    def font_pt(self, step: str = "body") -> float:
        """A step of the type scale (``caption``, ``body``, ``heading``, ``title``) in points."""
        return round(self.body_pt * TYPE_SCALE[step])

    def font(self, step: str = "body", bold: bool = False) -> QtGui.QFont:
        font = QtGui.QFont(QtWidgets.QApplication.font())
        font.setPointSizeF(self.font_pt(step))
        font.setBold(bold)
        return font

    def icon(self, name: str, role: str = "text") -> QtGui.QIcon:
        """An icon of the set (:data:`ICONS` names, e.g. ``"help"``) drawn in a colour role."""
        return icon(name, role)


def _system_dark() -> bool:
    app = QtGui.QGuiApplication.instance()
    if app is None:
        return False
    hints = app.styleHints()
    scheme = getattr(hints, "colorScheme", None)  # Qt 6.5+
    if scheme is not None:
        value = scheme()
        if value == QtCore.Qt.ColorScheme.Dark:
            return True
        if value == QtCore.Qt.ColorScheme.Light:
            return False
    # unknown (offscreen, an old desktop): a dark window colour in the desktop's own palette means dark
    global _desktop_dark
    if _desktop_dark is None:
        _desktop_dark = app.palette().color(QtGui.QPalette.ColorRole.Window).lightness() < 110
    return _desktop_dark


_desktop_dark: bool | None = None


_setting: str | None = None  # the worker's choice, kept for when the system switches


def wants_dark(setting: str | None = None) -> bool:
    """Whether to draw dark: the environment override, then ``setting``, then the system."""
    choice = (os.environ.get(APPEARANCE_ENV) or setting or "system").lower()
    if choice in ("dark", "light"):
        return choice == "dark"
    return _system_dark()


_applied: Theme | None = None


def current() -> Theme:
    """The theme in use (light before :func:`apply` ran)."""
    if _applied is not None:
        return _applied
    app = QtWidgets.QApplication.instance()
    size = app.font().pointSizeF() if app is not None else 10.0
    return Theme(LIGHT, False, size if size > 0 else 10.0)


def qpalette(p: Palette) -> QtGui.QPalette:
    """Qt's palette from ours, so Fusion's own drawing (buttons, scroll bars, menus) matches."""
    roles = QtGui.QPalette.ColorRole
    q = QtGui.QPalette()
    pairs = {
        roles.Window: p.window, roles.WindowText: p.text, roles.Base: p.surface, roles.AlternateBase: p.surface_alt,
        roles.ToolTipBase: p.surface, roles.ToolTipText: p.text, roles.PlaceholderText: p.text_muted,
        roles.Text: p.text, roles.Button: p.surface_alt, roles.ButtonText: p.text, roles.BrightText: p.error_strong,
        roles.Highlight: p.accent, roles.HighlightedText: p.on_accent, roles.Link: p.accent,
        roles.LinkVisited: p.accent_hover, roles.Light: p.surface, roles.Midlight: p.surface_alt,
        roles.Mid: p.border, roles.Dark: p.border, roles.Shadow: "#000000",
    }
    for role, value in pairs.items():
        q.setColor(role, QtGui.QColor(value))
    muted = QtGui.QColor(p.text_muted)
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        q.setColor(QtGui.QPalette.ColorGroup.Disabled, role, muted)
    q.setColor(QtGui.QPalette.ColorGroup.Disabled, roles.Highlight, QtGui.QColor(p.border))
    return q


STYLE = """
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QToolTip {{ color: {text}; background: {surface}; border: 1px solid {border}; padding: 4px; }}
QWidget#Banner {{ background: {warning_bg}; border: 1px solid {warning_border}; border-radius: 4px; }}
QWidget#Banner QLabel {{ color: {warning_text}; }}
QWidget#ErrorBanner {{ background: {error_bg}; border: 1px solid {error_border}; border-radius: 4px; }}
QWidget#ErrorBanner QLabel {{ color: {error_text}; }}
QWidget#ErrorBanner[strong="true"] {{ border: 2px solid {error_strong}; }}
QLabel[notice="warning"] {{ background: {warning_bg}; color: {warning_text}; border: 1px solid {warning_border};
                             border-radius: 4px; padding: 8px; }}
QLabel[notice="error"] {{ background: {error_bg}; color: {error_text}; border: 1px solid {error_border};
                           border-radius: 4px; padding: 8px; }}
QLabel#ViewTitle {{ font-size: {title}pt; font-weight: 600; }}
QLabel#Heading {{ font-size: {heading}pt; font-weight: 600; }}
QLabel#Muted, QLabel#Caption {{ color: {text_muted}; }}
QLabel#Caption {{ font-size: {caption}pt; }}
QLabel#Badge {{ background: {surface_alt}; color: {text}; border-radius: 8px; padding: 1px 8px; }}
QLabel#TrainingBadge {{ background: {info_bg}; color: {info_text}; border-radius: 8px; padding: 1px 8px; }}
QLabel#WarningBadge {{ background: {warning_bg}; color: {warning_text}; border-radius: 8px; padding: 1px 8px; }}
QLabel#ErrorBadge, QLabel#Badge[unsaved="true"] {{ background: {error_strong}; color: {surface}; border-radius: 8px;
                                                    padding: 1px 8px; font-weight: 600; }}
QPushButton#Primary {{ background: {accent}; color: {on_accent}; border: none; border-radius: 4px; padding: 6px 16px; }}
QPushButton#Primary:hover {{ background: {accent_hover}; }}
QPushButton#Primary:focus {{ border: 2px solid {text}; padding: 4px 14px; }}
QPushButton#Primary:disabled {{ background: {border}; color: {text_muted}; }}
QFrame#ActionBar {{ border-top: 1px solid {border}; }}
QFrame#Card {{ background: {surface}; border: 1px solid {border}; border-radius: 6px; }}
"""


def stylesheet(theme: Theme) -> str:
    p = theme.palette
    values = {role: getattr(p, role) for role in p.roles()}
    values.update({step: theme.font_pt(step) for step in TYPE_SCALE})
    return STYLE.format(**values)


class _Style(QtWidgets.QProxyStyle):
    """Fusion with message-box icons from the icon set (dialog buttons lose theirs in the style sheet).

    Only ``standardIcon`` is overridden: it is rarely asked. ``styleHint`` is asked on every paint,
    and a Python override of it cost 10 % more CPU per item opened (docs/performance.md).
    """

    _BOX = {
        QtWidgets.QStyle.StandardPixmap.SP_MessageBoxQuestion: ("question", "accent"),
        QtWidgets.QStyle.StandardPixmap.SP_MessageBoxInformation: ("info", "accent"),
        QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning: ("warning", "warning_border"),
        QtWidgets.QStyle.StandardPixmap.SP_MessageBoxCritical: ("error", "error_strong"),
    }

    def standardIcon(self, which, option=None, widget=None):  # noqa: N802 - Qt API
        if which in self._BOX:
            return icon(*self._BOX[which])
        return super().standardIcon(which, option, widget)


TITLE_ROOM = 200
"""Pixels a window manager takes from a dialog's title bar (icon, close/maximise buttons, padding), generously."""


def title_width(dialog: QtWidgets.QWidget) -> int:
    """The width a dialog needs for its whole title to show in the title bar."""
    font = QtGui.QFont(QtWidgets.QApplication.font())
    font.setBold(True)  # most title bars draw it bold, and a little larger than the body text
    font.setPointSizeF(font.pointSizeF() * 1.2 if font.pointSizeF() > 0 else 11)
    return QtGui.QFontMetrics(font).horizontalAdvance(dialog.windowTitle()) + TITLE_ROOM


def _title_room(window: QtGui.QWindow | None) -> None:
    """Widens a dialog as it comes to the front, so its title is never cut ("Passer cet élé…nt" in French).

    Run on ``focusWindowChanged`` (rare), not from an application-wide event filter: a Python filter
    sees every event of every widget and cost about 0.5 ms of CPU per key typed (docs/performance.md).
    """
    if window is None:
        return
    for widget in QtWidgets.QApplication.topLevelWidgets():
        if (widget.windowHandle() is window and isinstance(widget, QtWidgets.QDialog)
                and not isinstance(widget, QtWidgets.QMessageBox) and widget.windowTitle()):
            need = min(title_width(widget), widget.maximumWidth())
            if widget.width() < need:
                widget.setMinimumWidth(need)
            return


def apply(app: QtWidgets.QApplication | None = None, setting: str | None = "") -> Theme:
    """Set the palette, the style and the style sheet on the application; follow the system's light/dark.

    ``setting`` is the worker's choice (``system``, ``light``, ``dark``; ``None`` is ``system``),
    kept until the next choice: left out, the last one holds. The environment's
    ``ANNOTATOR_APPEARANCE`` wins over it. Applied live: every widget gets its palette change,
    and the icons set with :func:`use_icon` are drawn again in the new colours.
    """
    global _applied, _setting
    app = app or QtWidgets.QApplication.instance()
    if setting != "":
        _setting = setting
    setting = _setting
    if not isinstance(app.style(), _Style):
        app.setStyle(_Style(QtWidgets.QStyleFactory.create("Fusion")))
    dark = wants_dark(setting)
    size = app.font().pointSizeF()
    theme = Theme(DARK if dark else LIGHT, dark, size if size > 0 else 10.0)
    if _applied == theme:
        return theme
    _applied = theme
    _ICON_CACHE.clear()
    app.setPalette(qpalette(theme.palette))
    app.setStyleSheet(stylesheet(theme))
    _refresh_icons(app)
    if not app.property("annotatorTitleRoom"):
        app.setProperty("annotatorTitleRoom", True)
        app.focusWindowChanged.connect(_title_room)
    hints = app.styleHints()
    if hasattr(hints, "colorSchemeChanged") and not app.property("annotatorFollowsScheme"):
        app.setProperty("annotatorFollowsScheme", True)
        hints.colorSchemeChanged.connect(lambda *_: apply(app))
    return theme


# ------------------------------------------------------------------ icons

#: the icons the window uses: our name -> the Phosphor icon (qtawesome's "ph" set, MIT licensed)
ICONS = {
    "help": "ph.question", "question": "ph.question", "info": "ph.info", "warning": "ph.warning",
    "error": "ph.x-circle", "done": "ph.check-circle", "library": "ph.books", "timesheet": "ph.clock",
    "settings": "ph.gear-six", "import": "ph.download-simple", "export": "ph.upload-simple",
    "instructions": "ph.book-open", "skip": "ph.skip-forward", "submit": "ph.paper-plane-tilt",
    "previous": "ph.caret-left", "next": "ph.caret-right", "undo": "ph.arrow-counter-clockwise",
    "redo": "ph.arrow-clockwise", "play": "ph.play", "pause": "ph.pause", "zoom-in": "ph.magnifying-glass-plus",
    "zoom-out": "ph.magnifying-glass-minus", "fit": "ph.arrows-out", "flag": "ph.flag", "eye": "ph.eye",
    "eye-off": "ph.eye-slash", "keyboard": "ph.keyboard", "folder": "ph.folder-open", "close": "ph.x",
    "bundle": "ph.package", "quit": "ph.sign-out", "demo": "ph.sparkle", "open": "ph.arrow-right",
    "back": "ph.arrow-left", "review": "ph.checks", "retry": "ph.arrow-clockwise", "clear": "ph.x",
}
_ICON_CACHE: dict[tuple[str, str], QtGui.QIcon] = {}


def icon(name: str, role: str = "text") -> QtGui.QIcon:
    """An icon of :data:`ICONS` in a palette colour; an empty icon (never an error) if the set is missing."""
    key = (name, role)
    if key not in _ICON_CACHE:
        try:
            import qtawesome

            _ICON_CACHE[key] = qtawesome.icon(ICONS.get(name, name), color=current().hex(role)[:7],
                                              color_disabled=current().hex("text_muted")[:7])
        except Exception as exc:  # an icon is never worth a crash
            log.warning("icon %s unavailable: %s", name, exc)
            _ICON_CACHE[key] = QtGui.QIcon()
    return _ICON_CACHE[key]


_ICON_PROPERTY = "annotatorIcon"


def use_icon(target: QtGui.QAction | QtWidgets.QAbstractButton, name: str, role: str = "text") -> None:
    """Give a menu entry or a button an icon of the set, drawn again when light and dark switch."""
    target.setProperty(_ICON_PROPERTY, f"{name}|{role}")
    target.setIcon(icon(name, role))


def _refresh_icons(app: QtWidgets.QApplication) -> None:
    for top in app.topLevelWidgets():
        for obj in [top, *top.findChildren(QtCore.QObject)]:
            mark = obj.property(_ICON_PROPERTY)
            if mark:
                name, _, role = str(mark).partition("|")
                obj.setIcon(icon(name, role or "text"))
