"""Every key the transcription editor binds is in its shortcut list, and the other way round.

The key map is the help list (``TranscriptionEditor.shortcuts()``). Here the keyboard is swept
with the cursor in the text box, as a worker types, to find the keys that reach one of the
editor's actions: that must be exactly the keys the map binds, each reaching its own action.
"""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.plugin_api import Shortcut

from .test_editor import focus

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier
PORTABLE = QtGui.QKeySequence.SequenceFormat.PortableText
SWEEP = ([getattr(Key, f"Key_{c}") for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"]
         + [Key.Key_Equal, Key.Key_Minus, Key.Key_Plus, Key.Key_Comma, Key.Key_Period, Key.Key_Slash,
            Key.Key_BracketLeft, Key.Key_BracketRight, Key.Key_Semicolon, Key.Key_Apostrophe, Key.Key_Space,
            Key.Key_Left, Key.Key_Right, Key.Key_Up, Key.Key_Down, Key.Key_Home, Key.Key_End, Key.Key_PageUp,
            Key.Key_PageDown, Key.Key_Backspace, Key.Key_Delete, Key.Key_Return, Key.Key_Tab, Key.Key_Insert])
FUNCTION_KEYS = [getattr(Key, f"Key_F{n}") for n in range(1, 13)]
MODIFIERS = [Mod.ControlModifier, Mod.ControlModifier | Mod.ShiftModifier, Mod.AltModifier,
             Mod.AltModifier | Mod.ShiftModifier]


def portable(key: Key, modifiers=Mod.NoModifier) -> str:
    return QtGui.QKeySequence(QtCore.QKeyCombination(modifiers, key)).toString(PORTABLE)


def window_keys(window, editor) -> set[str]:
    """The keys the window itself takes (its menus and its own shortcuts): not the editor's to sweep."""
    taken = set()
    for action in window.findChildren(QtGui.QAction):
        taken |= {k.toString(PORTABLE) for k in action.shortcuts()}
    for shortcut in window.findChildren(QtGui.QShortcut):
        if shortcut.parent() is not editor:
            taken |= {k.toString(PORTABLE) for k in shortcut.keys()}
    return taken


def test_the_shortcut_list_is_the_key_map(open_editor):
    editor = open_editor(item={"transcript": "one two three"})
    rows = editor.shortcuts()
    bindings = editor.keys.bindings
    listed = {Shortcut(b.shown_keys(), b.description, b.group) for b in bindings}
    assert set(rows) == listed and len(rows) == len(set(rows))
    # every QShortcut on the editor comes from the map, and every key of the map has its QShortcut
    on_editor = {key.toString(PORTABLE) for s in editor.findChildren(QtGui.QShortcut) if s.parent() is editor
                 for key in s.keys()}
    assert on_editor == editor.keys.bound_keys()
    assert [b.shown_keys() for b in bindings if b.gesture] == ["Ctrl+Click"]


def test_every_bound_key_fires_its_action_while_typing_and_no_other_key_does(open_editor, qtbot, window):
    editor = open_editor(item={"transcript": "one two three"})
    fired: list[object] = []
    for binding in editor.keys.bindings:
        if binding.action is not None:
            binding.action = lambda b=binding: fired.append(b)
    by_key = {key: b for b in editor.keys.bindings for key in b.keys}
    skip = window_keys(window, editor)
    assert not skip & set(by_key), "the editor takes a key of the window's"
    combos = [(key, mods) for mods in MODIFIERS for key in SWEEP] + [(key, Mod.NoModifier) for key in FUNCTION_KEYS]
    combos += [(key, Mod.ControlModifier) for key in FUNCTION_KEYS]
    reached: dict[str, object] = {}
    for key, mods in combos:
        name = portable(key, mods)
        if name in skip:
            continue
        focus(editor)
        fired.clear()
        qtbot.keyClick(editor.text, key, mods)
        assert len(fired) <= 1, name
        if fired:
            reached[name] = fired[0]
    missing = set(by_key) - set(reached)
    assert not missing, f"bound but never reached from the text box: {sorted(missing)}"
    assert reached == by_key, {k: v.description for k, v in reached.items() if by_key.get(k) is not v}
    assert QtWidgets.QApplication.focusWidget() is editor.text
