#!/usr/bin/env python3
"""Image plugin benchmark: first paintable pixels and peak memory against labelme 6.3.1, and
paint time of 2,000 shapes while panning. Prints figures; not a timed test.

    python bench/image_bench.py                          # uses bench/.venv-labelme if present
    python bench/image_bench.py --labelme-python PATH    # another interpreter with labelme 6.3.1
    python bench/image_bench.py --quick                  # smaller images (a smoke run)
    python bench/image_bench.py --against DIR            # first paint and next item, this checkout against
                                                         # another one (say main's), runs alternating

Images are generated in bench/out/ (git-ignored): photo-like JPEGs of 24 MP and 100 MP and a
24 MP JPEG as a camera stores it (with a 1920-pixel preview in its MPF block), a
100 MP TIFF, uncompressed, LZW-compressed (strips), Deflate-compressed in 512-pixel tiles, and
the same tiled with overviews (as GDAL writes a cloud-optimised GeoTIFF). Every measurement runs in its own process so
peak memory (ru_maxrss) is that of one image only. "First paintable pixels" is the time from
"open this file" to a QPixmap the view can paint:

* labelme: ``LabelFile.load_image_file(path)`` then ``QImage.fromData`` then
  ``QPixmap.fromImage``, exactly what its window's ``_load_file`` does;
* annotator: ``open_image(path)`` (header + preview) then the preview's QPixmap, as
  ``ImageLayer`` does; "editor" adds the whole ``ImageEditor.load`` (and, for an image opened off
  the interface thread, the wait for its preview) and a first painted frame.

A third table opens the image as the next item of a pack: the app's prefetch hook
(``ImagePlugin.prefetch``) prepared it in the background while the worker was on the item
before, so the editor reads a kept preview instead of decoding. Each measurement runs
``--repeat`` times (3) and the median run is shown.

Peak memory "while showing" is measured after the image is on screen (for annotator: the real
editor painted at fit), and again after zooming to 1:1 and painting full-resolution tiles.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchhost import BenchHost

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
#: the checkout whose code the children run (``--against`` points some of them at another one)
CODE = Path(os.environ.get("IMAGE_BENCH_CODE") or ROOT)


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would carry the parent's over exec)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


# ------------------------------------------------------------------ images


def make_images(quick: bool) -> dict[str, Path]:
    import numpy as np
    from PIL import Image

    OUT.mkdir(parents=True, exist_ok=True)
    specs = {"jpeg-24mp": (6000, 4000), "jpeg-100mp": (12240, 8160), "tiff-100mp": (12240, 8160)}
    if quick:
        specs = {k: (w // 4, h // 4) for k, (w, h) in specs.items()}
    paths = {}
    rng = np.random.default_rng(7)
    for name, (w, h) in specs.items():
        suffix = "jpg" if name.startswith("jpeg") else "tif"
        path = OUT / f"{name}{'-quick' if quick else ''}.{suffix}"
        lzw = path.with_name(path.stem + "-lzw.tif")
        tiled = path.with_name(path.stem + "-tiled.tif")
        pyramidal = path.with_name(path.stem + "-pyramidal.tif")
        paths[name] = path
        if name.startswith("tiff"):
            paths[name + "-lzw"] = lzw
            paths[name + "-tiled"] = tiled
            paths[name + "-pyramidal"] = pyramidal
        if path.exists() and (not name.startswith("tiff") or (lzw.exists() and tiled.exists()
                                                              and pyramidal.exists())):
            continue
        print(f"generating {path.name} ({w} x {h})", file=sys.stderr)
        # photo-like: coarse structure, mid-scale texture and sensor noise (JPEGs of realistic size)
        coarse = Image.fromarray(rng.integers(0, 255, (h // 64 + 1, w // 64 + 1, 3), dtype=np.uint8))
        image = coarse.resize((w, h), Image.Resampling.BILINEAR)
        arr = np.asarray(image).copy()
        for y in range(0, h, 1024):
            band = arr[y:y + 1024]
            band += rng.integers(0, 24, band.shape, dtype=np.uint8)
        image = Image.fromarray(arr)
        del arr
        if suffix == "jpg":
            image.save(path, "JPEG", quality=90)
        else:
            image.save(path, "TIFF")
            image.save(lzw, "TIFF", compression="tiff_lzw")
            import tifffile  # Pillow cannot write tiles; GeoTIFFs and slide scans are tiled like this

            tifffile.imwrite(tiled, np.asarray(image), tile=(512, 512), compression="zlib", photometric="rgb")
            with tifffile.TiffWriter(pyramidal) as tiff:  # the same with overviews, as GDAL writes a COG
                level = image
                tiff.write(np.asarray(level), tile=(512, 512), compression="zlib", photometric="rgb")
                while max(level.size) > 1024:
                    level = level.reduce(2)
                    tiff.write(np.asarray(level), tile=(512, 512), compression="zlib", photometric="rgb",
                               subfiletype=1)
    camera = OUT / f"jpeg-24mp-camera{'-quick' if quick else ''}.jpg"
    paths["jpeg-24mp-camera"] = camera
    if not camera.exists():  # the 24 MP photo as cameras store it: a 1920-pixel preview in its MPF block
        with Image.open(paths["jpeg-24mp"]) as photo:
            photo.load()
            side = 1920 if not quick else 480
            preview = photo.resize((side, round(side * photo.height / photo.width)), Image.Resampling.BOX)
            photo.save(camera, "MPO", save_all=True, append_images=[preview], quality=90)
    return paths


# ------------------------------------------------------------------ children


def child_labelme(path: str) -> dict:
    from PyQt5 import QtGui, QtWidgets  # labelme 6.3.1 runs on PyQt5

    from labelme import LabelFile

    app = QtWidgets.QApplication([])  # noqa: F841 - QPixmap needs it
    base = rss_mb()
    t0 = time.perf_counter()
    data = LabelFile.load_image_file(path)
    image = QtGui.QImage.fromData(data)
    pixmap = QtGui.QPixmap.fromImage(image)
    first = time.perf_counter() - t0
    assert not pixmap.isNull(), "labelme could not load the image"
    return {"first_pixels_s": first, "peak_mb": peak_mb(), "base_mb": base, "size": [image.width(), image.height()]}


def child_labelme_window(path: str) -> dict:
    """labelme's own window: ``_load_file`` (read, QImage, QPixmap, load_pixmap) and a painted frame."""
    import tempfile

    from PyQt5 import QtWidgets

    app = QtWidgets.QApplication([])
    from labelme.app import MainWindow

    window = MainWindow(config_overrides={}, output_dir=tempfile.mkdtemp())
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    base = rss_mb()
    t0 = time.perf_counter()
    window._load_file(path)
    window.repaint()
    app.processEvents()
    first = time.perf_counter() - t0
    assert not window._canvas_widgets.canvas.pixmap.isNull(), "labelme could not load the image"
    return {"first_frame_s": first, "peak_mb": peak_mb(), "base_mb": base}


IMAGE_TASK = {"tools": ["box", "polygon", "point"],
              "labels": [{"name": "car", "color": "#e6194b", "hotkey": "1"},
                         {"name": "person", "color": "#3cb44b", "hotkey": "2"}]}


def open_and_show(path: str, cache: str, kept: bool):
    """First paintable pixels (``open_image`` + the preview's QPixmap), then the real editor's
    first painted frame. With ``kept``, ``open_image`` reads back what the prefetch hook kept."""
    sys.path[:0] = [str(CODE), str(CODE / "plugins")]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtGui, QtWidgets

    try:
        from annotator_image._qt.canvas import qimage_from_array
        from annotator_image._qt.editor import ImageEditor
    except ImportError:  # a checkout from before the editor moved into _qt/ (issue 13)
        from annotator_image.canvas import qimage_from_array
        from annotator_image.editor import ImageEditor
    from annotator_image.imageio import open_image

    app = QtWidgets.QApplication([])
    base = rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    source = open_image(Path(path), cache_dir=Path(cache) if kept else None)
    pixmap = QtGui.QPixmap.fromImage(qimage_from_array(source.preview_array()))
    first, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    assert not pixmap.isNull()
    del source, pixmap

    editor = ImageEditor()
    editor.resize(1600, 1000)
    editor.show()
    app.processEvents()
    t0, c0 = time.perf_counter(), time.process_time()
    editor.load(BenchHost(Path(path), Path(cache), "image", IMAGE_TASK))
    if hasattr(editor, "wait_until_shown"):  # a large image opens off the interface thread: wait for its preview
        editor.wait_until_shown(300)
    editor.canvas.viewport().repaint()
    editor_first, editor_cpu = time.perf_counter() - t0, time.process_time() - c0
    app.processEvents()
    return app, editor, {"first_pixels_s": first, "editor_first_frame_s": editor_first, "base_mb": base,
                         "peak_mb": peak_mb(), "first_pixels_cpu_s": first_cpu, "editor_first_frame_cpu_s": editor_cpu}


def child_ours(path: str, cache: str) -> dict:
    from PySide6 import QtCore

    app, editor, result = open_and_show(path, cache, kept=False)  # noqa: F841 - the editor needs the app
    # zoom to 1:1 in the middle: full-resolution tiles
    t0 = time.perf_counter()
    editor.canvas.set_zoom(1.0)
    editor.canvas.centerOn(QtCore.QPointF(editor.source.width / 2, editor.source.height / 2))
    editor.canvas.viewport().repaint()
    editor.wait_for_full_resolution(300)
    editor.canvas.viewport().repaint()
    full_s = time.perf_counter() - t0
    for _ in range(20):  # pan across: more tiles come and go through the bounded cache
        editor.canvas.pan_by(400, 0)
        editor.canvas.viewport().repaint()
    return {**result, "full_resolution_s": full_s, "peak_after_zoom_mb": peak_mb(),
            "size": [editor.source.width, editor.source.height], "tiles_drawn": editor.image_layer.tiles_drawn}


def child_prepare(path: str, cache: str) -> dict:
    """What the app's prefetch hook does for the next item while the worker is on this one."""
    sys.path[:0] = [str(CODE), str(CODE / "plugins")]
    from annotator_image.plugin import ImagePlugin

    host = BenchHost(Path(path), Path(cache), "image", IMAGE_TASK)
    t0 = time.perf_counter()
    ImagePlugin().prefetch(host.pack, host.item, Path(cache))
    return {"prepare_s": time.perf_counter() - t0, "peak_mb": peak_mb()}


def child_first(path: str, cache: str) -> dict:
    """A file never opened before: first pixels and the editor's first frame, nothing more."""
    _app, _editor, result = open_and_show(path, cache, kept=False)
    return result


def child_ours_prepared(path: str, cache: str) -> dict:
    """Opening an item the prefetch hook prepared: first pixels, and the editor's first frame."""
    _app, _editor, result = open_and_show(path, cache, kept=True)
    return result


def child_paint(path: str, cache: str, n: int) -> dict:
    sys.path[:0] = [str(CODE), str(CODE / "plugins")]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import random

    from PySide6 import QtCore, QtWidgets

    try:
        from annotator_image._qt.editor import ImageEditor
    except ImportError:
        from annotator_image.editor import ImageEditor
    from annotator_image.imageio import image_size

    app = QtWidgets.QApplication([])
    w, h = image_size(Path(path))
    rnd = random.Random(3)
    shapes = []
    for i in range(n):
        x, y = rnd.uniform(0, w - 300), rnd.uniform(0, h - 300)
        if i % 2:
            shapes.append({"id": f"s{i + 1}", "type": "box", "label": "car",
                           "points": [[x, y], [x + rnd.uniform(20, 300), y + rnd.uniform(20, 300)]]})
        else:
            r = rnd.uniform(15, 140)
            pts = [[x + r + r * __import__("math").cos(a / 8 * 6.283), y + r + r * __import__("math").sin(a / 8 * 6.283)]
                   for a in range(8)]
            shapes.append({"id": f"s{i + 1}", "type": "polygon", "label": "person", "points": pts})
    editor = ImageEditor()
    editor.resize(1600, 1000)
    editor.show()
    app.processEvents()
    editor.load(BenchHost(Path(path), Path(cache), "image", IMAGE_TASK, {"shapes": shapes}))
    if hasattr(editor, "wait_until_shown"):
        editor.wait_until_shown(300)
    editor.select(shapes[10]["id"])
    app.processEvents()
    results = {}
    for name, zoom in (("fit", None), ("zoom 25%", 0.25), ("zoom 100%", 1.0)):
        if zoom is None:
            editor.canvas.fit()
        else:
            editor.canvas.set_zoom(zoom)
            editor.canvas.centerOn(QtCore.QPointF(w / 2, h / 2))
        editor.canvas.viewport().repaint()
        editor.wait_for_full_resolution(300) if zoom and zoom > editor.source.preview_scale else None
        for _ in range(5):
            editor.canvas.viewport().repaint()
        times, cpu = [], []
        for i in range(60):
            editor.canvas.pan_by(25 if (i // 15) % 2 == 0 else -25, 12 if (i // 30) == 0 else -12)
            t0, c0 = time.perf_counter(), time.thread_time()
            editor.canvas.viewport().repaint()
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)  # the interface thread's own work: steady on a loaded machine
        zoom_cpu = []  # a zoom step draws every outline again (the cached outlines are for one zoom)
        base = editor.canvas.zoom()
        for i in range(10):
            editor.canvas.set_zoom(base * (1.1 if i % 2 == 0 else 1.0))
            c0 = time.thread_time()
            editor.canvas.viewport().repaint()
            zoom_cpu.append((time.thread_time() - c0) * 1000)
        visible = len(editor.shapes_layer.visible_indices(
            editor.canvas.mapToScene(editor.canvas.viewport().rect()).boundingRect()))
        results[name] = {"median_ms": statistics.median(times), "p95_ms": sorted(times)[int(len(times) * 0.95) - 1],
                         "max_ms": max(times), "shapes_in_view": visible, "cpu_median_ms": statistics.median(cpu),
                         "cpu_max_ms": max(cpu), "zoom_cpu_median_ms": statistics.median(zoom_cpu),
                         "zoom_cpu_max_ms": max(zoom_cpu)}
    return {"shapes": n, "frames": results}


# ------------------------------------------------------------------ driver


def run_child(python: str, *args: str, code: Path = ROOT) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IMAGE_BENCH_CODE": str(code)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), str(code / "plugins"), env.get("PYTHONPATH", "")]))
    out = subprocess.run([python, str(Path(__file__).resolve()), *args], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=1800)
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_run(run, repeat: int, key: str = "first_pixels_s") -> dict:
    """Run a measurement ``repeat`` times (each in fresh processes); keep the run with the median ``key``."""
    runs = [run() for _ in range(max(1, repeat))]
    good = sorted((r for r in runs if key in r), key=lambda r: r[key])
    if not good:
        return runs[0]
    chosen = dict(good[len(good) // 2])
    chosen["runs_ms"] = [round(r[key] * 1000, 1) for r in good]
    return chosen


def compare(images: dict[str, Path], other: Path, rounds: int) -> int:
    """First paint (a file never opened) and the next item (prepared by the prefetch hook), for
    this checkout and ``other``, in alternating runs so that both meet the same machine load. The
    process's CPU time (every thread) is printed too: on a loaded machine it varies far less."""
    trees = {"before": other, "after": ROOT}
    keys = {f"{label}{unit}": (which, field + suffix)
            for label, which, field in (("first pixels", "first", "first_pixels"),
                                        ("editor first frame", "first", "editor_first_frame"),
                                        ("next item: first pixels", "next", "first_pixels"),
                                        ("next item: editor first frame", "next", "editor_first_frame"))
            for unit, suffix in (("", "_s"), (" (CPU)", "_cpu_s"))}
    print(f"\n## First paint and next item: {other} (before) against {ROOT} (after), {rounds} alternating "
          "rounds, medians\n")
    print("| image | figure | before | after | after / before |")
    print("|---|---|---|---|---|")
    for name, path in images.items():
        runs: dict[str, dict[str, list[float]]] = {t: {k: [] for k in keys} for t in trees}
        for _ in range(rounds):
            for tree, code in trees.items():
                cache = OUT / "cache" / f"compare-{tree}"
                shutil.rmtree(cache, ignore_errors=True)
                got = {"first": run_child(sys.executable, "--child", "first", str(path), str(cache), code=code)}
                shutil.rmtree(cache, ignore_errors=True)
                run_child(sys.executable, "--child", "prepare", str(path), str(cache), code=code)
                got["next"] = run_child(sys.executable, "--child", "ours-prepared", str(path), str(cache), code=code)
                for key, (which, field) in keys.items():
                    if field in got[which]:
                        runs[tree][key].append(got[which][field] * 1000)
        for key in keys:
            before, after = (statistics.median(runs[t][key]) if runs[t][key] else float("nan") for t in trees)
            print(f"| {name} | {key} | {before:.1f} ms | {after:.1f} ms | {after / before:.2f} |", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labelme-python", default=str(HERE / ".venv-labelme" / "bin" / "python"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--shapes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown")
    parser.add_argument("--against", type=Path, help="another checkout to compare first paint and next item with")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = {"labelme": lambda: child_labelme(rest[0]),
                  "labelme-window": lambda: child_labelme_window(rest[0]),
                  "ours": lambda: child_ours(rest[0], rest[1]),
                  "prepare": lambda: child_prepare(rest[0], rest[1]),
                  "ours-prepared": lambda: child_ours_prepared(rest[0], rest[1]),
                  "first": lambda: child_first(rest[0], rest[1]),
                  "paint": lambda: child_paint(rest[0], rest[1], int(rest[2]))}[kind]()
        print(json.dumps(result))
        return 0

    images = make_images(args.quick)
    if args.against:
        return compare(images, args.against.resolve(), args.repeat)
    labelme_ok = Path(args.labelme_python).exists()
    if not labelme_ok:
        print(f"labelme interpreter {args.labelme_python} not found: annotator figures only", file=sys.stderr)
    rows = []
    for name, path in images.items():
        cache = OUT / "cache" / name
        prepared_cache = OUT / "cache" / f"{name}-prepared"

        def cold() -> dict:
            shutil.rmtree(cache, ignore_errors=True)  # a cold cache: the pyramid is built in the run
            return run_child(sys.executable, "--child", "ours", str(path), str(cache))

        def prepared_open() -> dict:
            shutil.rmtree(prepared_cache, ignore_errors=True)
            done = run_child(sys.executable, "--child", "prepare", str(path), str(prepared_cache))
            done.update(run_child(sys.executable, "--child", "ours-prepared", str(path), str(prepared_cache)))
            return done

        ours = median_run(cold, args.repeat)
        theirs = median_run(lambda: run_child(args.labelme_python, "--child", "labelme", str(path)),
                            args.repeat) if labelme_ok else {}
        window = median_run(lambda: run_child(args.labelme_python, "--child", "labelme-window", str(path)),
                            args.repeat, "first_frame_s") if labelme_ok else {}
        ours["prepared"] = median_run(prepared_open, args.repeat)
        rows.append((name, path, ours, theirs, window))
    paint = run_child(sys.executable, "--child", "paint", str(images["jpeg-24mp"]), str(OUT / "cache" / "paint"),
                      str(args.shapes))

    print(f"\n## Image loading: annotator vs labelme 6.3.1 ({'quick' if args.quick else 'full'} run)\n")
    print("First paintable pixels: labelme `LabelFile.load_image_file` + `QImage.fromData` + `QPixmap.fromImage`; "
          "annotator `open_image` + preview QPixmap. Peak memory: whole process (VmHWM), each image in its own "
          "process.\n")
    print("| image | size | file | labelme first pixels | annotator first pixels | ratio | labelme peak | "
          "annotator peak (shown, fit) | annotator peak after 1:1 zoom | full resolution ready |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, path, ours, theirs, window in rows:
        size = ours.get("size") or theirs.get("size") or ["?", "?"]
        mb = path.stat().st_size / 2 ** 20
        if "error" in ours:
            print(f"| {name} | | | | error: {ours['error']} | | | | | |")
            continue
        lt = theirs.get("first_pixels_s")
        lt_text = f"{lt * 1000:.0f} ms" if lt else theirs.get("error", "-")
        ratio = f"1/{lt / ours['first_pixels_s']:.1f}" if lt else "-"
        lm = f"{theirs['peak_mb']:.0f} MB" if lt else "-"
        print(f"| {name} | {size[0]} x {size[1]} | {mb:.0f} MB | {lt_text} | {ours['first_pixels_s'] * 1000:.0f} ms "
              f"| {ratio} | {lm} | {ours['peak_mb']:.0f} MB | {ours['peak_after_zoom_mb']:.0f} MB | "
              f"{ours['full_resolution_s']:.2f} s |")
    print("\nWhole windows, open to first painted frame: labelme `MainWindow._load_file` + repaint; annotator "
          "`ImageEditor.load` + repaint (1600 x 1000).\n")
    print("| image | labelme window | annotator editor | ratio | labelme window peak | annotator peak |")
    print("|---|---|---|---|---|---|")
    for name, path, ours, theirs, window in rows:
        if "error" in ours:
            continue
        wt = window.get("first_frame_s")
        ef = ours["editor_first_frame_s"]
        w_text = f"{wt * 1000:.0f} ms" if wt else window.get("error", "-")
        w_ratio = f"1/{wt / ef:.1f}" if wt else "-"
        w_peak = f"{window['peak_mb']:.0f} MB" if wt else "-"
        print(f"| {name} | {w_text} | {ef * 1000:.0f} ms | {w_ratio} | {w_peak} | {ours['peak_mb']:.0f} MB |")
    print("\nThe next item, prepared by the prefetch hook while the worker was on the item before "
          "(`ImagePlugin.prefetch` in one process, then a fresh process opens it: `open_image` + QPixmap, and "
          "`ImageEditor.load` + repaint). labelme has no such step: its figures are the same as above.\n")
    print("| image | labelme first pixels | annotator first pixels | ratio | labelme window | annotator editor "
          "| ratio | prepared in the background in | annotator peak |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, path, ours, theirs, window in rows:
        prep = ours.get("prepared") or {}
        if "error" in ours or "error" in prep or "first_pixels_s" not in prep:
            print(f"| {name} | error: {prep.get('error', ours.get('error'))} |||||||")
            continue
        lt, wt = theirs.get("first_pixels_s"), window.get("first_frame_s")
        fp, ef = prep["first_pixels_s"], prep["editor_first_frame_s"]
        print(f"| {name} | {lt * 1000 if lt else 0:.0f} ms | {fp * 1000:.1f} ms | "
              f"{f'1/{lt / fp:.0f}' if lt else '-'} | {wt * 1000 if wt else 0:.0f} ms | {ef * 1000:.1f} ms | "
              f"{f'1/{wt / ef:.0f}' if wt else '-'} | {prep['prepare_s'] * 1000:.0f} ms | {prep['peak_mb']:.0f} MB |")
    base_l = next((t["base_mb"] for *_, t, _w in rows if t.get("base_mb")), None)
    base_o = next((o["base_mb"] for _n, _p, o, _t, _w in rows if o.get("base_mb")), None)
    if base_l or base_o:
        print(f"\nProcess RSS before loading (imports and QApplication): labelme {base_l or 0:.0f} MB, "
              f"annotator {base_o or 0:.0f} MB.")
    print(f"\n## Paint time, {paint.get('shapes')} boxes and polygons, panning (60 frames each)\n")
    if "error" in paint:
        print("error:", paint["error"])
    else:
        print("| view | shapes in view | median | p95 | max | CPU median | CPU max | zoom step CPU median | max |")
        print("|---|---|---|---|---|---|---|---|---|")
        for view, f in paint["frames"].items():
            print(f"| {view} | {f['shapes_in_view']} | {f['median_ms']:.1f} ms | {f['p95_ms']:.1f} ms | "
                  f"{f['max_ms']:.1f} ms | {f['cpu_median_ms']:.1f} ms | {f['cpu_max_ms']:.1f} ms | "
                  f"{f.get('zoom_cpu_median_ms', 0):.1f} ms | {f.get('zoom_cpu_max_ms', 0):.1f} ms |")
    (OUT / "image_bench.json").write_text(json.dumps({"rows": [[n, str(p), o, t, w] for n, p, o, t, w in rows],
                                                      "paint": paint}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
