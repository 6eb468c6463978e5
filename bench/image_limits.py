#!/usr/bin/env python3
"""Image plugin: the worst valid images against the decoded-memory limit, and interface stalls.

    .venv/bin/python bench/image_limits.py                 # every case (a few minutes)
    .venv/bin/python bench/image_limits.py --quick         # the huge PNG and the largest greyscale PNG
    .venv/bin/python bench/image_limits.py --code DIR      # run the children on another checkout (before/after)

For each kind of image decoded whole (greyscale, RGB, RGBA, palette, 16-bit PNG; a JPEG and a WebP
zoomed to full resolution) the script makes the largest image whose estimated cost
(``limits.decode_cost``) is under ``limits.DECODE_LIMIT``: the worst valid input. A fresh process
runs the prefetch hook on it, then the real editor opens it (1600 x 1000), shows the preview and
builds the full resolution. Printed per image: the estimate, the process's peak memory above what it
held before opening (VmHWM), the whole process's peak, and the longest the interface thread went
without running a 5 ms timer from ``load()`` until the full resolution was ready (its stall).
The 38,000 x 38,000 PNG of issue 12 comes first. PNGs are written by
``tests/plugins/image/pngs.py`` (black: cheap to write, as costly to decode as any).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "limits"


def status(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(image: str, cache: str) -> dict:
    """One image in the real editor: prefetch, open, preview, full resolution; memory and stalls."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtCore, QtWidgets

    from benchhost import BenchHost

    try:
        from annotator_image._qt.editor import ImageEditor
    except ImportError:  # a checkout from before the editor moved into _qt/
        from annotator_image.editor import ImageEditor
    from annotator_image import imageio

    app = QtWidgets.QApplication([])
    editor = ImageEditor()
    editor.resize(1600, 1000)
    editor.show()
    app.processEvents()
    path, cache_dir = Path(image), Path(cache)
    base = status("VmRSS")
    result: dict = {"base_mb": base}
    t0 = time.perf_counter()
    result["prepared"] = imageio.prepare(path, cache_dir / "prefetch")
    result["prepare_s"] = time.perf_counter() - t0
    ticks: list[float] = []
    timer = QtCore.QTimer(interval=5, timeout=lambda: ticks.append(time.perf_counter()))
    timer.start()
    app.processEvents()
    host = BenchHost(path, cache_dir, "image", {"tools": ["box"], "labels": [{"name": "car", "hotkey": "1"}]})
    start = time.perf_counter()
    ticks.append(start)
    try:
        editor.load(host)
        loader = getattr(editor, "loader", None)
        while loader is not None and loader.opening:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
        result["shown_s"] = time.perf_counter() - start
        if editor.source is not None and editor.source.needs_pyramid():
            need = editor.loader.need_pyramid if loader is not None else editor._need_pyramid
            need()
            while editor.pyramid_future is not None and not editor.pyramid_future.done():
                app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
            editor.wait_for_full_resolution(600)
        result["full_s"] = time.perf_counter() - start
    except imageio.ImageError as exc:
        result["refused"] = str(exc)
        result["shown_s"] = time.perf_counter() - start
    ticks.append(time.perf_counter())
    app.processEvents()
    result["stall_ms"] = max(b - a for a, b in zip(ticks, ticks[1:])) * 1000
    result["used_mb"] = status("VmHWM") - base
    result["peak_mb"] = status("VmHWM")
    return result


def run_child(code: Path, image: Path) -> dict:
    cache = OUT / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(HERE), str(code), str(code / "plugins")])}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(image), str(cache)],
                         capture_output=True, text=True, env=env, cwd=code, timeout=3600)
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def largest_side(make) -> int:
    """The largest square side the limit accepts (the header is enough to know)."""
    from annotator_image import imageio

    lo, hi = 256, 40_000
    probe = OUT / "probe.png"
    while hi - lo > 16:
        mid = (lo + hi) // 2
        try:
            imageio.probe(make(probe, mid))
            lo = mid
        except imageio.ImageError:  # over the limit
            hi = mid
    return lo


def photo(path: Path, width: int, height: int, fmt: str) -> Path:
    import numpy as np
    from PIL import Image

    if not path.exists():
        rng = np.random.default_rng(5)
        small = Image.fromarray(rng.integers(0, 255, (height // 32 + 1, width // 32 + 1, 3), dtype=np.uint8))
        small.resize((width, height), Image.Resampling.BILINEAR).save(path, fmt, quality=85)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout the children run")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
    from annotator_image import limits
    from tests.plugins.image.pngs import zero_png

    OUT.mkdir(parents=True, exist_ok=True)
    limit = limits.DECODE_LIMIT
    cases = [("PNG 38,000 x 38,000 greyscale (issue 12)", zero_png(OUT / "huge.png", 38_000, 38_000))]
    for mode in ("L",) if args.quick else ("L", "RGB", "RGBA", "P", "I;16"):
        def make(path, side, mode=mode):
            return zero_png(path, side, side, mode)

        side = largest_side(make)
        cases.append((f"PNG {mode}, the largest under the limit", make(OUT / f"worst-{mode.replace(';', '')}.png",
                                                                        side)))
    if not args.quick:
        cases.append(("JPEG 10,500 x 10,500 (full resolution, the largest under the limit)",
                      photo(OUT / "j10500.jpg", 10_500, 10_500, "JPEG")))
        cases.append(("JPEG 11,000 x 11,000 (full resolution over the limit: the preview only)",
                      photo(OUT / "j11000.jpg", 11_000, 11_000, "JPEG")))
        cases.append(("WebP 5,400 x 5,400 (the largest under the limit)",
                      photo(OUT / "w5400.webp", 5_400, 5_400, "WEBP")))
    from annotator_image import imageio

    print(f"\nDecode limit: {limit / 2 ** 20:.0f} MB; children run {args.code}\n")
    print("| image | pixels | estimate | peak above the editor's own | whole process peak | preview on screen "
          "| full resolution | longest interface stall |")
    print("|---|---|---|---|---|---|---|---|")
    for name, path in cases:
        try:
            header = imageio.probe(path)
            cost = max(header.cost, imageio.open_image(path).full_cost())  # a JPEG's full resolution
            estimate, size = f"{cost / 2 ** 20:.0f} MB", f"{header.width} x {header.height}"
        except imageio.ImageError:
            estimate, size = "refused", ""
        r = run_child(args.code, path)
        if "error" in r:
            print(f"| {name} | {size} | {estimate} | error: {r['error']} |||||")
            continue
        shown = "refused at once" if "refused" in r else f"{r['shown_s']:.2f} s"
        full = f"{r['full_s']:.2f} s" if "full_s" in r else "-"
        print(f"| {name} | {size} | {estimate} | {r['used_mb']:.0f} MB | {r['peak_mb']:.0f} MB | {shown} | {full} "
              f"| {r['stall_ms']:.0f} ms |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
