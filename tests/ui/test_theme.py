"""The window's look (docs/design.md): one palette, light and dark, readable, shared with plugins."""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api import qt as plugin_qt
from annotator.ui import theme

READABLE_PAIRS = [("text", "surface"), ("text", "window"), ("text_muted", "surface"), ("text_muted", "window"),
                  ("text_muted", "surface_alt"), ("on_accent", "accent"), ("accent", "surface"),
                  ("warning_text", "warning_bg"), ("error_text", "error_bg"), ("info_text", "info_bg"),
                  ("error_strong", "surface")]


def contrast(a: QtGui.QColor, b: QtGui.QColor) -> float:
    def luminance(c: QtGui.QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_text_is_readable_in_both_variants(palette):
    for fg, bg in READABLE_PAIRS:
        assert contrast(palette.color(fg), palette.color(bg)) >= 4.5, (fg, bg)  # WCAG AA


@pytest.fixture
def dark(qapp, monkeypatch):
    monkeypatch.setenv(theme.APPEARANCE_ENV, "dark")
    yield theme.apply(qapp)
    monkeypatch.setenv(theme.APPEARANCE_ENV, "light")
    theme.apply(qapp)


def pixel(widget: QtWidgets.QWidget, x: int, y: int) -> str:
    return widget.grab().toImage().pixelColor(x, y).name()


def test_dark_variant_draws_banners_and_fields_dark(dark, qtbot):
    from annotator.ui.widgets import Banner

    assert dark.dark and plugin_qt.theme().dark
    host = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(host)
    banner = Banner(host)
    field = QtWidgets.QLineEdit()
    layout.addWidget(banner)
    layout.addWidget(field)
    qtbot.addWidget(host)
    banner.show_message("A new pack is in your inbox")
    host.resize(400, 120)
    host.show()
    qtbot.waitExposed(host)
    assert pixel(host, 2, 2) == theme.DARK.window
    assert pixel(banner, banner.width() // 2, 2) == theme.DARK.warning_bg or \
        pixel(banner, banner.width() - 40, banner.height() // 2) == theme.DARK.warning_bg
    assert pixel(field, field.width() // 2, field.height() // 2) == theme.DARK.surface


def test_the_theme_follows_the_system_when_it_switches(qapp, monkeypatch):
    monkeypatch.delenv(theme.APPEARANCE_ENV, raising=False)
    monkeypatch.setattr(theme, "_system_dark", lambda: False)
    theme.apply(qapp)
    assert qapp.palette().color(QtGui.QPalette.ColorRole.Window).name() == theme.LIGHT.window
    monkeypatch.setattr(theme, "_system_dark", lambda: True)
    qapp.styleHints().colorSchemeChanged.emit(QtCore.Qt.ColorScheme.Dark)  # what the desktop sends
    try:
        assert qapp.palette().color(QtGui.QPalette.ColorRole.Window).name() == theme.DARK.window
        assert theme.DARK.surface in qapp.styleSheet()
    finally:
        monkeypatch.setattr(theme, "_system_dark", lambda: False)
        theme.apply(qapp)


def test_dialog_buttons_carry_no_stock_bitmaps_and_message_boxes_use_the_icon_set(qapp):
    theme.apply(qapp)
    style = qapp.style()
    box = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok)
    assert style.styleHint(QtWidgets.QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons, None, box) == 0
    fusion = QtWidgets.QStyleFactory.create("Fusion")
    for which in (QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning,
                  QtWidgets.QStyle.StandardPixmap.SP_MessageBoxQuestion):
        ours = style.standardIcon(which).pixmap(32).toImage()
        assert not ours.isNull()
        assert ours != fusion.standardIcon(which).pixmap(32).toImage()


def test_plugins_read_colours_spacing_type_and_icons_through_the_api(qapp):
    theme.apply(qapp)
    look = plugin_qt.theme()
    assert look.color("accent") == QtGui.QColor(theme.LIGHT.accent)
    assert look.hex("text_muted") == theme.LIGHT.text_muted
    assert [look.space(n) for n in (1, 2, 4)] == [4, 8, 16]
    assert look.font_pt("caption") < look.font_pt("body") < look.font_pt("heading") < look.font_pt("title")
    assert look.font("title", bold=True).bold()
    assert not look.icon("undo").isNull()


def test_the_rating_editor_follows_the_palette(dark, qtbot):
    from annotator.core.registry import installed

    editor = installed().plugins["rating"].create_editor()
    qtbot.addWidget(editor)
    assert theme.DARK.accent in editor.styleSheet() and theme.LIGHT.accent not in editor.styleSheet()


@pytest.fixture
def system_light(qapp, monkeypatch):
    """The system says light; whatever a test chooses in Settings is undone after it."""
    monkeypatch.delenv(theme.APPEARANCE_ENV, raising=False)
    monkeypatch.setattr(theme, "_system_dark", lambda: False)
    yield
    theme.apply(qapp, setting=None)


def test_the_worker_chooses_dark_in_settings_and_it_applies_at_once_and_is_remembered(system_light, qapp, qtbot,
                                                                                     window, app_ctx):
    window.show_settings()
    box = window.settings.appearance
    assert box.currentData() == "system"
    assert qapp.palette().color(QtGui.QPalette.ColorRole.Window).name() == theme.LIGHT.window
    undo_before = window.undo_action.icon().pixmap(16, 16).toImage().pixelColor(8, 8)
    box.setCurrentIndex(box.findData("dark"))
    assert qapp.palette().color(QtGui.QPalette.ColorRole.Window).name() == theme.DARK.window
    assert app_ctx.store.get(theme.APPEARANCE_KEY) == "dark"
    # the menus' icons are drawn again in the dark text colour: not dark glyphs on a dark menu
    assert window.undo_action.icon().cacheKey() != 0
    image = window.undo_action.icon().pixmap(32, 32).toImage()
    inked = [image.pixelColor(x, y) for x in range(32) for y in range(32) if image.pixelColor(x, y).alpha() > 200]
    assert inked and all(c.lightness() > 150 for c in inked), undo_before
    # a new window (the next start) comes back dark; choosing the system's again goes back to light
    from annotator.ui.main_window import MainWindow

    theme.apply(qapp, setting=None)
    again = MainWindow(app_ctx)
    qtbot.addWidget(again)
    assert again.settings.appearance.currentData() == "dark"
    assert qapp.palette().color(QtGui.QPalette.ColorRole.Window).name() == theme.DARK.window
    again.settings.appearance.setCurrentIndex(0)
    assert app_ctx.store.get(theme.APPEARANCE_KEY) is None
    assert qapp.palette().color(QtGui.QPalette.ColorRole.Window).name() == theme.LIGHT.window


def test_menus_and_action_buttons_carry_icons_of_the_set(window):
    entries = [a for m in window.menuBar().actions() for a in m.menu().actions() if not a.isSeparator()]
    assert [a.text() for a in entries if a.icon().isNull()] == []
    task = window.task
    for button in (task.prev_button, task.skip_button, task.flag_button, task.submit_button, task.next_button,
                   window.library.import_button, window.library.open_button):
        assert not button.icon().isNull(), button.text()
