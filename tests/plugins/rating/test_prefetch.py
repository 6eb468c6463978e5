"""The next items' texts are parsed before the worker opens them (the plugin's prefetch hook)."""
from __future__ import annotations

import gc

from tests.plugins.rating.conftest import PAIR_ITEM, THREE_ITEM, WRITE_ITEM


def shown_texts(editor) -> list[str]:
    return [editor.context_view.document().toPlainText()] + [c.view.document().toPlainText() for c in editor.columns]


def test_the_next_item_opens_from_texts_parsed_while_the_worker_was_on_this_one(open_pack, rating_pack, window,
                                                                               qtbot):
    editor = open_pack(rating_pack(items=[dict(PAIR_ITEM), dict(THREE_ITEM), dict(WRITE_ITEM)]), "pair")
    task = window.task
    qtbot.waitUntil(lambda: task.prefetched is not None and task.prefetched.done(), timeout=10_000)
    assert task.prefetched.result() == 1  # "three": what submit and next would both show
    key = ("test.rating", editor.host.pack.version, "three")
    qtbot.waitUntil(lambda: (*key, "response:r3") in editor.documents, timeout=5_000)
    misses = editor.documents.misses
    task.next()
    assert editor.documents.misses == misses  # nothing parsed while the worker waits
    texts = shown_texts(editor)
    assert "Pick a colour." in texts[0]
    assert sorted(texts[1:]) == ["Blue", "Green", "Red"]  # this item's own responses, in the shown order
    assert texts[1:] == [{"r1": "Red", "r2": "Green", "r3": "Blue"}[rid] for rid in editor.order]


def test_a_closed_editor_no_longer_listens_to_prefetches(open_pack, rating_pack, window, qtbot):
    editor = open_pack(rating_pack(items=[dict(PAIR_ITEM), dict(THREE_ITEM)]), "pair")
    plugin = editor.plugin
    pack = editor.host.pack
    assert len(plugin.prefetch_listeners) == 1
    assert window.task.close_session()
    qtbot.waitUntil(lambda: not plugin.prefetch_listeners, timeout=5_000)
    gc.collect()
    plugin.prefetch(pack, dict(THREE_ITEM), None)  # nobody left to tell: nothing happens, nothing raises
