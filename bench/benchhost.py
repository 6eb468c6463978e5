"""The EditorHost the benchmarks give an editor: one media file, outside any store.

Shared by bench/image_bench.py and bench/transcription.py (they run from this folder,
so ``from benchhost import BenchHost`` finds it, in their child processes too).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Mapping


class BenchHost:
    """An :class:`annotator.plugin_api.EditorHost` for one file: saves are counted and kept in memory."""

    def __init__(self, path: Path, cache: Path, kind: str, task: Mapping[str, Any],
                 annotation: Mapping[str, Any] | None = None):
        from annotator.plugin_api import PackInfo

        path = Path(path)
        self.pack = PackInfo(id="bench", version="1", title="bench", kind=kind, language="en", content_hash="",
                             instructions_hash="", task=dict(task), root=path.parent)
        self.item = {"id": path.stem, "media": path.name, "training": False}
        self.annotation = annotation
        self.cache_dir = Path(cache)
        self.settings: dict[str, Any] = {}
        self.saves = 0

    def media_path(self, relative=None):
        return self.pack.media_path(relative or self.item["media"])

    def save(self, annotation):
        self.annotation = annotation
        self.saves += 1

    def previous_annotation(self):
        return None

    def activity(self):
        pass

    def media_playing(self, playing):
        pass

    def setting(self, key, default=None):
        return self.settings.get(key, default)

    def set_setting(self, key, value):
        self.settings[key] = value

    def notify(self, message):
        print(message, file=sys.stderr)
