"""The prefetcher runs a plugin's prefetch hook off the caller's thread, drops stale requests
and never lets a plugin's exception out."""
from __future__ import annotations

import threading

from annotator.core.prefetch import Prefetcher


class Plugin:
    def __init__(self, fail: str | None = None, gate: threading.Event | None = None):
        self.seen: list[tuple[str, str, str]] = []
        self.fail = fail
        self.gate = gate
        self.threads: set[str] = set()

    def prefetch(self, pack, item, cache_dir):
        self.threads.add(threading.current_thread().name)
        if self.gate is not None:
            self.gate.wait(5)
        if item["id"] == self.fail:
            raise RuntimeError("cannot decode")
        self.seen.append((pack, item["id"], cache_dir.name))


def test_items_are_prefetched_in_order_on_a_background_thread(tmp_path):
    plugin, prefetcher = Plugin(), Prefetcher(delay=0)
    assert prefetcher.request(plugin, "pack", [{"id": "a"}, {"id": "b"}], tmp_path / "cache").result(5) == 2
    assert plugin.seen == [("pack", "a", "cache"), ("pack", "b", "cache")]
    assert threading.current_thread().name not in plugin.threads
    prefetcher.shutdown()


def test_a_failing_plugin_costs_only_that_item(tmp_path):
    plugin, prefetcher = Plugin(fail="a"), Prefetcher(delay=0)
    assert prefetcher.request(plugin, "p", [{"id": "a"}, {"id": "b"}], tmp_path).result(5) == 2
    assert [s[1] for s in plugin.seen] == ["b"]
    prefetcher.shutdown()


def test_a_newer_request_makes_older_ones_stale(tmp_path):
    gate = threading.Event()
    plugin, prefetcher = Plugin(gate=gate), Prefetcher(delay=0)
    first = prefetcher.request(plugin, "p", [{"id": "a"}, {"id": "b"}, {"id": "c"}], tmp_path)
    waiting = prefetcher.request(plugin, "p", [{"id": "x"}], tmp_path)  # the worker moved on
    gate.set()
    assert first.result(5) == 1  # "a" was already running; "b" and "c" are dropped
    assert waiting.result(5) == 1
    assert [s[1] for s in plugin.seen] == ["a", "x"]
    prefetcher.shutdown()


def test_the_delay_lets_a_newer_request_or_a_closed_pack_win_before_any_work(tmp_path):
    plugin, prefetcher = Plugin(), Prefetcher(delay=0.3)
    old = prefetcher.request(plugin, "p", [{"id": "old"}], tmp_path)
    new = prefetcher.request(plugin, "p", [{"id": "new"}], tmp_path)
    assert old.result(5) == 0 and new.result(5) == 1
    closed = prefetcher.request(plugin, "p", [{"id": "closed"}], tmp_path)
    prefetcher.cancel()  # the pack was closed during the delay
    assert closed.result(5) == 0
    assert [s[1] for s in plugin.seen] == ["new"]
    prefetcher.shutdown()
