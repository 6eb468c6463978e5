"""Every key the rating editor binds is in its shortcut list, and every listed key does something.

The key maps are the help list (``RatingEditor.shortcuts()``); here the keyboard is swept in
every kind of field of the real editor to find the keys that change anything a worker would
notice (the annotation, the focus, the scroll position, a blurred response), and that set
must be exactly the keys the maps bind.
"""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from tests.plugins.rating.conftest import FULL_TASK, PAIR_ITEM, THREE_ITEM, WRITE_ITEM

Key = QtCore.Qt.Key
LONG = "\n\n".join(f"Paragraph {i} of a long answer." for i in range(200))
TASK = {**FULL_TASK, "criteria": [{"id": "q", "label": "Quality", "min": 0, "max": 10}]}
PAIR = {**PAIR_ITEM, "sensitive": True,
        "responses": [{"id": "good", "text": LONG}, {"id": "bad", "text": LONG + " (b)"}]}
#: a value in every field, away from the ends, so that clearing and moving show
FILLED = {
    "pair": {"scores": {"good": {"q": 5}, "bad": {"q": 5}}, "rubric": {"good": {"cites": {"pass": True, "why": ""}}},
             "flags": {"bad": ["hate"]}, "pairwise": {"preferred": None, "strength": 0}},
    "three": {"ranking": {"r1": 2, "r2": 1, "r3": 3}},
    "write": {"attempts": [{"prompt": "p", "response": "r", "verdict": "partial"}]},
}
#: where the worker may have the focus: the item, and the field (``None``: the editor itself)
CONTEXTS = [("pair", "likert:good:q"), ("pair", "rubric:good:cites"), ("pair", "flags:bad"), ("pair", "pairwise"),
            ("pair", None), ("three", "rank:r1"), ("write", "verdict")]
SWEEP = ([getattr(Key, f"Key_{c}") for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"]
         + [Key.Key_Equal, Key.Key_Minus, Key.Key_Plus, Key.Key_Comma, Key.Key_Period, Key.Key_Slash, Key.Key_Space,
            Key.Key_Left, Key.Key_Right, Key.Key_Up, Key.Key_Down, Key.Key_Home, Key.Key_End, Key.Key_PageUp,
            Key.Key_PageDown, Key.Key_Backspace, Key.Key_Delete, Key.Key_Return, Key.Key_Escape, Key.Key_Insert])


def portable(key: Key) -> str:
    return QtGui.QKeySequence(key).toString(QtGui.QKeySequence.SequenceFormat.PortableText)


def show(window, app_ctx, item_id: str):
    """Open the item with a value in every field, nothing revealed, the responses scrolled half-way."""
    editor = window.task.editor
    editor._revealed.clear()
    item = app_ctx.store.item_by_id(window.session.pack.pk, item_id)
    window.session.go_to_id(item_id)
    app_ctx.store.save_annotation(item.pk, dict(FILLED[item_id]), None)
    window.task.show_current()
    editor = window.task.editor
    for column in editor.columns:
        bar = column.view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
    return editor


def look(editor) -> tuple:
    """What the worker would notice."""
    bars = [c.view.verticalScrollBar().value() for c in editor.columns]
    veils = [c.veiled.is_veiled for c in editor.columns] + [editor.context_veil.is_veiled]
    return editor.document.annotation(), QtWidgets.QApplication.focusWidget(), bars, veils


def test_every_bound_key_is_listed_and_does_something_and_no_other_key_does(open_pack, rating_pack, window, app_ctx,
                                                                           qtbot):
    editor = open_pack(rating_pack(items=[PAIR, dict(THREE_ITEM), {**WRITE_ITEM, "id": "write"}], task=TASK),
                       "pair")
    qtbot.waitUntil(lambda: all(c.view.verticalScrollBar().maximum() > 0 for c in editor.columns))
    bound = editor.bound_keys()
    # the help list is the binding table: each row's keys are bound, each binding has its row
    rows = editor.shortcuts()
    tables = editor.field_keys.bindings + editor.keys.bindings
    for row in rows:
        assert any((b.shown_keys(), b.description) == (row.keys, row.description) for b in tables), row
    for binding in tables:
        assert any((binding.shown_keys(), binding.description) == (row.keys, row.description) for row in rows)
    assert [b.shown_keys() for b in tables if b.gesture] == ["Tab / Shift+Tab"]  # Qt moves the focus itself

    acting: dict[str, list[str]] = {}
    for item_id, name in CONTEXTS:
        fresh = False
        for key in SWEEP:
            if not fresh:  # the last key changed something: start again from the same screen
                editor = show(window, app_ctx, item_id)
            if name is None:
                target = editor
            elif name == "verdict":
                target = editor.attempt_widgets[0]["verdict"]
            else:
                target = editor.fields[name]
            if QtWidgets.QApplication.focusWidget() is not target:
                target.setFocus()
                qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is target, timeout=2000)
            before = look(editor)
            qtbot.keyClick(target, key)
            fresh = look(editor) == before
            if not fresh:
                acting.setdefault(portable(key), []).append(f"{item_id}/{name}")
    assert set(acting) == bound, (sorted(set(acting) - bound), sorted(bound - set(acting)), acting)
