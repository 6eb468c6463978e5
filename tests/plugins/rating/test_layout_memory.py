"""The worker's splitter positions in the rating editor are kept: next item, next start (window mechanism)."""
from __future__ import annotations

from annotator.ui.layout_memory import LAYOUT_KEY

from tests.plugins.rating.conftest import PAIR_ITEM, THREE_ITEM


def test_a_dragged_splitter_stays_where_the_worker_left_it(open_pack, rating_pack, window, app_ctx, qtbot):
    second = dict(PAIR_ITEM, id="pair2")
    editor = open_pack(rating_pack(items=[dict(PAIR_ITEM), second, dict(THREE_ITEM)]))
    split = editor.form.split
    qtbot.waitUntil(lambda: sum(split.sizes()) > 200)
    before = split.sizes()
    split.moveSplitter(before[0] + 40, 1)  # the worker drags the prompt's lower edge 40 px down
    moved = split.sizes()
    assert moved[0] >= before[0] + 30, (before, moved, split.height())
    qtbot.waitUntil(lambda: "rating" in (app_ctx.store.get(LAYOUT_KEY) or {}), timeout=3000)

    window.task.next()  # the next item builds a new form: it opens with the worker's sizes
    qtbot.waitUntil(lambda: window.session.item.item_id == "pair2")
    split = window.task.editor.form.split
    qtbot.waitUntil(lambda: abs(split.sizes()[0] - moved[0]) <= 2, timeout=3000)

    # the next start: a new task view reads the store
    window.task.layouts.flush()
    saved = app_ctx.store.get(LAYOUT_KEY)["rating"]
    assert any(key.startswith("v") for key in saved)
