"""The image editor's keys and its help list are one table: every key it handles is listed, and
every listed key is handled (each key of the keyboard pressed on the canvas, with every modifier)."""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui
from PySide6.QtCore import Qt

from tests.plugins.image.conftest import image_pack

Mod = Qt.KeyboardModifier
K = Qt.Key

#: every key a worker could press on the canvas
UNIVERSE = ([getattr(K, f"Key_{c}") for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"]
            + [getattr(K, f"Key_F{i}") for i in range(1, 13)]
            + [K.Key_Plus, K.Key_Minus, K.Key_Equal, K.Key_Underscore, K.Key_BracketLeft, K.Key_BracketRight,
               K.Key_Semicolon, K.Key_Apostrophe, K.Key_Comma, K.Key_Period, K.Key_Slash, K.Key_Backslash,
               K.Key_QuoteLeft, K.Key_Question, K.Key_Asterisk, K.Key_Space, K.Key_Escape, K.Key_Return,
               K.Key_Enter, K.Key_Backspace, K.Key_Delete, K.Key_Tab, K.Key_Backtab, K.Key_Insert, K.Key_Home,
               K.Key_End, K.Key_PageUp, K.Key_PageDown, K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down])
MODIFIERS = [Mod.NoModifier, Mod.ShiftModifier, Mod.ControlModifier, Mod.AltModifier,
             Mod.ControlModifier | Mod.ShiftModifier, Mod.AltModifier | Mod.ShiftModifier]

#: the help rows whose keys are written as a range or in words, and the keys they stand for
WRITTEN = {"1-9": [f"{d}" for d in range(1, 10)], "Alt+1-9": [f"Alt+{d}" for d in range(1, 10)],
           "Tab / Shift+Tab": ["Tab", "Backtab"], "Arrows": ["Left", "Right", "Up", "Down"],
           "[ / ]": ["[", "]"], "+ / -": ["+", "=", "-", "_"], "Enter": ["Return", "Enter"], "Delete": ["Del"]}


@pytest.fixture
def opened(open_pack, tmp_path):
    o = open_pack(image_pack(tmp_path / "pack", n=2))
    o.editor.canvas.setFocus()
    return o


def combination(text: str) -> tuple[int, int]:
    c = QtGui.QKeySequence(text)[0]
    return int(c.keyboardModifiers().value), int(c.key().value)


def test_every_key_the_editor_binds_is_in_its_help_list_and_the_other_way_round(opened):
    editor = opened.editor
    rows = editor.shortcuts()
    bound = {k for b in editor.keys.bindings for k in b.keys}
    listed = set()
    for row in rows:
        if row.keys in WRITTEN:
            listed.update(WRITTEN[row.keys])
        elif row.description in ("Pan", "Zoom around the cursor"):  # gestures: Space+drag, the wheel
            continue
        else:
            listed.update(k.strip() for k in row.keys.split(" / "))
    assert {QtGui.QKeySequence(k).toString() for k in listed} == {QtGui.QKeySequence(k).toString() for k in bound}
    assert len({(r.keys, r.description) for r in rows}) == len(rows)
    pan = next(r for r in rows if r.description == "Pan")
    assert pan.keys == "Space+drag, middle button" and pan.group == "Image: view"  # its real keys
    assert any(r.keys == "Wheel" for r in rows)

    handled_by_map = {combination(k) for k in bound}
    shift = int(Mod.ShiftModifier.value)
    wrong = []
    for key in UNIVERSE:
        for mods in MODIFIERS:
            event = QtGui.QKeyEvent(QtCore.QEvent.Type.KeyPress, key, mods)
            editor.canvas.keyPressEvent(event)  # what the canvas takes (not the window's shortcuts)
            m, k = int(mods.value), int(key.value)
            expected = ((m, k) in handled_by_map or (m & shift and (m & ~shift, k) in handled_by_map)
                        or key == K.Key_Space)  # Space+drag pans (the canvas takes Space itself)
            if event.isAccepted() != bool(expected):
                wrong.append((QtGui.QKeySequence(QtCore.QKeyCombination(mods, key)).toString(), event.isAccepted()))
            if key == K.Key_Space:
                editor.canvas.keyReleaseEvent(QtGui.QKeyEvent(QtCore.QEvent.Type.KeyRelease, key, mods))
    assert wrong == [], wrong
