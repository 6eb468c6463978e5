#!/usr/bin/env python3
"""Benchmark: a 100,000-item pack — validate, import, open, next item, peak memory.

    python bench/foundation_packs.py                 # both kinds, 100,000 items each
    python bench/foundation_packs.py --items 20000 --kind rating
    python bench/foundation_packs.py --items 1000000 --kind rating --steps import   # CPU per phase

Targets (issue 3): validate < 2 s, open < 0.3 s, next item < 50 ms.
Each step runs in a fresh process so its peak memory (ru_maxrss) is its own.
The generated packs go to bench/out/ (git-ignored) and are reused when present.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]


def make_pack(kind: str, n: int) -> Path:
    import tomli_w

    from tests.packs import manifest, png_bytes

    root = OUT / f"pack-{kind}-{n}"
    if (root / "items.jsonl").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "media").mkdir(parents=True)
    doc = manifest(pack_id=f"bench.{kind}", kind=kind, title=f"{n} {kind} items")
    (root / "pack.toml").write_text(tomli_w.dumps(doc))
    (root / "instructions.md").write_text("# Benchmark\n\nDo the task.\n")
    png = png_bytes(32, 24)
    with open(root / "items.jsonl", "w") as fh:
        for i in range(n):
            if kind == "image":
                rel = f"media/{i // 1000:03d}/img-{i:06d}.png"
                (root / rel).parent.mkdir(exist_ok=True)
                (root / rel).write_bytes(png)
                item = {"id": f"img-{i:06d}", "media": rel, "training": i < 10}
            else:
                item = {"id": f"q-{i:06d}", "training": i < 10,
                        "prompt": f"Question {i}: " + "explain why the sky is blue in plain words. " * 4,
                        "responses": [{"id": "a", "text": "Because of Rayleigh scattering. " * 12},
                                      {"id": "b", "text": "Because it reflects the sea. " * 12}]}
            fh.write(json.dumps(item) + "\n")
    return root


def step(name: str, pack: Path, data: Path) -> dict:
    """Run one step in this process and return its figures (called in a child process)."""
    from annotator.core.library import import_pack
    from annotator.core.packs import validate_path
    from annotator.core.registry import installed
    from annotator.core.session import WorkSession
    from annotator.core.store import Store

    registry = installed()
    figures: dict = {}
    t0 = time.perf_counter()
    if name == "validate":
        validation = validate_path(pack, registry)
        assert validation.ok, validation.problems[:3]
        figures["seconds"] = time.perf_counter() - t0
        figures["items"] = validation.item_count
    elif name == "import":
        store = Store(data)
        phases = _time_phases(store, figures)
        cpu = time.process_time()
        result = import_pack(pack, store, registry)
        assert result.created
        figures["seconds"] = time.perf_counter() - t0
        figures["cpu"] = time.process_time() - cpu
        phases()
    elif name == "open":
        # what opening a pack does: the store, the pack row, its progress, the item to resume
        store = Store(data)
        row = store.find_pack(f"bench.{pack.name.split('-')[1]}")
        store.progress(row.pk)
        session = WorkSession(store, row)
        session.start()
        session.annotation()
        figures["seconds"] = time.perf_counter() - t0
        times = []
        for _ in range(500):
            t = time.perf_counter()
            session.next()
            session.annotation()
            times.append(time.perf_counter() - t)
        times.sort()
        figures["next_median_ms"] = 1000 * times[len(times) // 2]
        figures["next_max_ms"] = 1000 * times[-1]
        times = []
        for i in range(200):
            t = time.perf_counter()
            session.save(session.item, {"note": f"edit {i}"})
            times.append(time.perf_counter() - t)
        times.sort()
        figures["save_median_ms"] = 1000 * times[len(times) // 2]
    elif name == "open-window":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from annotator.core.context import AppContext
        from annotator.ui.app import make_qapp
        from annotator.ui.main_window import MainWindow

        app = make_qapp()
        store = Store(data)
        window = MainWindow(AppContext(store=store, registry=registry))
        window.show()
        app.processEvents()
        row = store.find_pack(f"bench.{pack.name.split('-')[1]}")
        t0 = time.perf_counter()
        window.session = WorkSession(store, row, window.meter)
        window.start_task()
        app.processEvents()
        window.task.grab()  # painted
        figures["seconds"] = time.perf_counter() - t0
        times = []
        for _ in range(100):
            t = time.perf_counter()
            window.task.next()
            app.processEvents()
            window.task.grab()
            times.append(time.perf_counter() - t)
        times.sort()
        figures["next_median_ms"] = 1000 * times[len(times) // 2]
        figures["next_max_ms"] = 1000 * times[-1]
        window.close()
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def _time_phases(store, figures: dict):
    """Time the import's phases (validation, content hash, recording the items) in CPU and wall seconds."""
    from annotator.core import packs

    saved = [(packs, "validate_dir"), (packs, "content_hash"), (store, "add_pack")]
    originals = [getattr(owner, attr) for owner, attr in saved]

    def timed(key, fn):
        def run(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                figures[f"{key}_s"] = time.perf_counter() - wall
                figures[f"{key}_cpu_s"] = time.process_time() - cpu
        return run

    for (owner, attr), fn, key in zip(saved, originals, ("validate", "hash", "record")):
        setattr(owner, attr, timed(key, fn))

    def restore():
        for (owner, attr), fn in zip(saved, originals):
            setattr(owner, attr, fn)
    return restore


def run_child(name: str, pack: Path, data: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", name, str(pack), str(data)],
                          capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--kind", choices=["image", "rating", "both"], default="both")
    parser.add_argument("--steps", default="validate,import,open,open-window",
                        help="the steps to run, comma-separated (import: its CPU per phase too)")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "PACK", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(step(args.child[0], Path(args.child[1]), Path(args.child[2]))))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    kinds = ["image", "rating"] if args.kind == "both" else [args.kind]
    print(f"{'pack':<24}{'step':<14}{'time':>10}{'next item':>22}{'peak RSS':>12}")
    for kind in kinds:
        pack = make_pack(kind, args.items)
        size = sum(f.stat().st_size for f in pack.rglob("*") if f.is_file()) / 1e6
        label = f"{kind} {args.items:,} ({size:.0f} MB)"
        data = OUT / f"data-{kind}-{args.items}"
        shutil.rmtree(data, ignore_errors=True)
        for name in args.steps.split(","):
            f = run_child(name, pack, data)
            nxt = f"{f['next_median_ms']:.2f} ms (max {f['next_max_ms']:.1f})" if "next_median_ms" in f else ""
            print(f"{label:<24}{name:<14}{f['seconds']:>9.3f}s{nxt:>22}{f['peak_mb']:>10.0f}MB", flush=True)
            if "record_cpu_s" in f:
                print(f"{'':<24}{'  CPU':<14}{f['cpu']:>9.2f}s  validate {f['validate_cpu_s']:.2f} s, hash "
                      f"{f['hash_cpu_s']:.2f} s, record {f['record_cpu_s']:.2f} s", flush=True)
            if "save_median_ms" in f:
                print(f"{'':<24}{'save edit':<14}{f['save_median_ms']:>8.2f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
