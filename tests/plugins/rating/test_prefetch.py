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


def test_long_texts_are_left_for_the_item_to_open_so_typing_never_waits_for_them(open_pack, rating_pack, window,
                                                                                  qtbot):
    long_item = {"id": "long", "prompt": "Summarise.", "training": False,
                 "responses": [{"id": "short", "text": "Fine."}, {"id": "huge", "text": "word " * 5000}]}
    editor = open_pack(rating_pack(items=[dict(PAIR_ITEM), long_item]), "pair")
    key = ("test.rating", editor.host.pack.version, "long")
    qtbot.waitUntil(lambda: (*key, "response:short") in editor.documents, timeout=10_000)
    assert (*key, "response:huge") not in editor.documents  # 25,000 characters: parsed when the item opens
    window.task.next()
    assert sorted(len(c.view.document().toPlainText()) for c in editor.columns) == [5, len(("word " * 5000).strip())]
