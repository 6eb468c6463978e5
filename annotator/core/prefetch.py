"""Getting the next items ready while the worker is on this one (Qt-free).

After an item is on screen, the task view asks a :class:`Prefetcher` to run the plugin's
``prefetch`` hook (``docs/plugins.md``) for the items :meth:`WorkSession.upcoming` names.
One background thread runs the requests one item at a time, after a short delay so the
item on screen paints first; a new request makes every older one stale, and a stale one
stops before its next item. A plugin's exception is logged, never raised.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Mapping, Sequence

log = logging.getLogger("annotator.prefetch")


class Prefetcher:
    def __init__(self, delay: float = 0.25):
        self.delay = delay
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prefetch")
        self._lock = threading.Lock()
        self._generation = 0

    def request(self, plugin: Any, pack: Any, items: Sequence[Mapping[str, Any]], cache_dir: Path) -> Future:
        """Prefetch ``items`` (in order) through ``plugin.prefetch``; the future gives how many ran."""
        with self._lock:
            self._generation += 1
            generation = self._generation
        return self._executor.submit(self._run, generation, plugin, pack, list(items), Path(cache_dir))

    def cancel(self) -> None:
        """Make every request stale (the pack was closed)."""
        with self._lock:
            self._generation += 1

    def _stale(self, generation: int) -> bool:
        return generation != self._generation

    def _run(self, generation: int, plugin: Any, pack: Any, items: list, cache_dir: Path) -> int:
        deadline = time.monotonic() + self.delay
        while time.monotonic() < deadline:  # let the item on screen paint first
            if self._stale(generation):
                return 0
            time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
        done = 0
        for item in items:
            if self._stale(generation):
                break
            try:
                plugin.prefetch(pack, item, cache_dir)
            except Exception:  # a plugin's failure to prefetch costs only the speed-up
                log.warning("prefetch of item %r failed", item.get("id"), exc_info=True)
            done += 1
        return done

    def shutdown(self) -> None:
        self.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)
