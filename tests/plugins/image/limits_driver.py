"""Run by test_limits.py in a fresh process, so its peak memory is one image's: the prefetch hook
and the real image editor open one file; prints what it cost as one JSON line.

    python -m tests.plugins.image.limits_driver IMAGE CACHE [DECODE_LIMIT_BYTES]
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def status(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(image: str, cache: str, limit: str | None = None) -> None:
    from PySide6 import QtWidgets

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    from benchhost import BenchHost  # the EditorHost of one file outside any store

    from annotator_image import imageio, limits
    from annotator_image._qt.editor import ImageEditor

    if limit:
        limits.DECODE_LIMIT = int(limit)
    app = QtWidgets.QApplication([])
    editor = ImageEditor()
    editor.resize(1000, 700)
    editor.show()
    app.processEvents()
    path, cache_dir = Path(image), Path(cache)
    base = status("VmRSS")
    result: dict = {"base_mb": base}
    try:
        result["cost_mb"] = imageio.probe(path).cost / 2 ** 20
    except imageio.ImageError as exc:
        result["error"] = str(exc)
    result["prepared"] = imageio.prepare(path, cache_dir / "prefetch")  # the prefetch hook's path
    host = BenchHost(path, cache_dir, "image", {"tools": ["box"], "labels": [{"name": "car", "hotkey": "1"}]})
    try:
        editor.load(host)
        result["shown"] = editor.wait_until_shown(600)
        if editor.source is not None:
            result["full_cost_mb"] = editor.source.full_cost() / 2 ** 20
        if editor.source is not None and editor.source.needs_pyramid():
            editor.loader.need_pyramid()  # the worker zooms in: the full resolution, once
            result["full_resolution"] = editor.wait_for_full_resolution(600)
    except imageio.ImageError as exc:
        result["load_error"] = str(exc)
    result["used_mb"] = status("VmHWM") - base
    # this process's own peak: ru_maxrss on Linux keeps the parent's peak across fork and exec (exec folds the
    # old memory's high-water mark into it), so under a large pytest process it read the suite's size
    result["maxrss_mb"] = status("VmHWM")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
