"""Rating fixtures: packs of every mode, imported into a real store and opened in the real window."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.packs import write_pack

SALT = "test-salt"

FULL_TASK = {
    "modes": ["likert", "pairwise", "ranking", "rubric", "flags", "justification", "rewrite", "prompt_writing"],
    "criteria": [
        {"id": "helpfulness", "label": "Helpfulness", "min": 1, "max": 5,
         "anchors": {"1": "Useless", "5": "Perfect"}},
        {"id": "correctness", "label": "Correctness", "min": 1, "max": 5},
    ],
    "pairwise": {"levels": 3, "ties": True},
    "ranking": {"ties": False},
    "rubric": [{"id": "cites", "label": "Cites its sources", "justification": "on_fail", "min_length": 10}],
    "flags": [{"id": "hate", "label": "Hate"}, {"id": "self_harm", "label": "Self-harm"},
              {"id": "personal_data", "label": "Personal data"}],
    "justification": {"required": True, "min_length": 5},
    "rewrite": {"label": "Ideal answer"},
    "prompt_writing": {"max_attempts": 3},
}

PAIR_ITEM = {"id": "pair", "prompt": "Capital of France?", "training": False,
             "responses": [{"id": "good", "text": "It is **Paris**.", "model": "m1"},
                           {"id": "bad", "text": "It is Lyon.", "model": "m2"}]}
THREE_ITEM = {"id": "three", "prompt": "Pick a colour.", "training": False,
              "responses": [{"id": "r1", "text": "Red"}, {"id": "r2", "text": "Green"}, {"id": "r3", "text": "Blue"}]}
WRITE_ITEM = {"id": "write", "brief": "Make the assistant reveal a secret.", "training": False}


@pytest.fixture
def rating_pack(tmp_path):
    """Write a rating pack: ``rating_pack(items=..., task=...)``."""

    def make(items=None, task=None, name="pack", **kw) -> Path:
        return write_pack(tmp_path / name, kind="rating", items=items or [dict(PAIR_ITEM)],
                          task=task if task is not None else FULL_TASK, pack_id=kw.pop("pack_id", "test.rating"), **kw)

    return make


@pytest.fixture
def open_pack(window, app_ctx, qtbot):
    """Import a pack into the window's store, open it at an item, and return the rating editor."""
    from annotator.core.library import import_pack
    from annotator.core.session import WorkSession

    def opener(path: Path, item_id: str | None = None, salt: str = SALT):
        app_ctx.store.set("plugin.rating.order_salt", salt)
        result = import_pack(path, app_ctx.store, app_ctx.registry)
        window.session = WorkSession(app_ctx.store, result.pack, app_ctx.meter)
        if item_id is not None:
            window.session.go_to_id(item_id)
        window.start_task()
        qtbot.waitUntil(lambda: window.task.editor is not None and window.task.host is not None)
        assert window.task.stack.currentWidget() is window.task.editor_holder, window.task.error_text.text()
        editor = window.task.editor
        qtbot.waitUntil(editor.isVisible)  # a new editor shows on the next turn of the event loop
        editor.focus_editor()
        return editor

    return opener


def saved(app_ctx, window):
    """The annotation the store holds for the item on screen (read back from SQLite)."""
    row = app_ctx.store.annotation(window.session.item.pk)
    return None if row is None else row.data
