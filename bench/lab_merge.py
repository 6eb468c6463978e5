#!/usr/bin/env python3
"""Benchmark: merging 50 results bundles of 10,000 image items each, into every format.

    python bench/lab_merge.py [--bundles 50] [--items 10000] [--format coco] [--consensus] [--db URL]
    python bench/lab_merge.py --case coco          # one case alone: coco, json, yolo, yolo-seg, voc, consensus
    python bench/lab_merge.py --case all           # every case, each in a fresh process, one table

Targets (issue 17, "Lab"): 50 x 10,000 into COCO in < 15 s, every format under 1 GB peak.
Bundles are real (signed with one Ed25519 key per worker, image annotations of two or three
boxes per item, per-item work seconds; one image per item, so that the folder formats write one
file per item and worker as a lab's merge does); they are made once in bench/out/ and reused. The figure
is the wall time of ``merge()``: read, verify and check every bundle against the pack and its
plugin, insert every record into the lab's database (a fresh SQLite file unless --db is given),
write the chosen format and compute the agreement. Beside the wall time: the CPU seconds of this
process and of its children (the verifying processes, the agreement process), the peak memory
of this process (``ru_maxrss``) and of the largest child, and the load average before and after:
the machine is shared, and a loaded machine stretches wall times, not CPU seconds. The last line
is machine-readable JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "lab"
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
CASES = ("coco", "json", "yolo", "yolo-seg", "voc", "consensus", "consensus-yolo")


def make_pack(n: int) -> Path:
    from tests.packs import write_pack

    # one image per item, as in a real pack: the folder formats write one file per item and worker
    root = OUT / f"pack-{n}-images"
    if not (root / "items.jsonl").exists():
        shutil.rmtree(root, ignore_errors=True)
        items = [{"id": f"img-{i:06d}", "media": f"media/img-{i:06d}.png", "training": False} for i in range(n)]
        write_pack(root, kind="image", items=items, pack_id="bench.lab")
    return root


def make_bundles(pack: Path, workers: int, n: int) -> list[Path]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from annotator.core import packs
    from annotator.core.keys import InstallationKey
    from annotator.core.lab import bundle
    from annotator.core.registry import installed

    folder = OUT / f"bundles-{workers}x{n}-images"
    paths = [folder / f"worker-{w:03d}.zip" for w in range(workers)]
    if all(p.exists() for p in paths):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    validation = packs.validate_path(pack, installed())
    m = validation.manifest
    pack_doc = {"id": m.id, "version": m.version, "kind": m.kind, "title": m.title, "lab": m.lab,
                "content_hash": validation.content_hash, "instructions_hash": validation.instructions_hash,
                "items": n, "pay": dict(m.pay)}
    for w, path in enumerate(paths):
        rnd = random.Random(w)
        key = InstallationKey(Ed25519PrivateKey.generate(), path)
        records, seconds = [], {}
        for i in range(n):
            shapes = []
            for s in range(rnd.randint(2, 3)):
                x, y = rnd.uniform(0, 40), rnd.uniform(0, 30)
                shapes.append({"id": f"s{s}", "type": "box", "label": "car",
                               "points": [[x, y], [x + rnd.uniform(5, 20), y + rnd.uniform(5, 15)]]})
            item_id = f"img-{i:06d}"
            records.append({"id": item_id, "training": False, "state": "submitted", "reason": None,
                            "instructions_hash": pack_doc["instructions_hash"],
                            "annotation": {"format": "annotator-image/1", "image": {"width": 64, "height": 48},
                                           "shapes": shapes, "tags": {}}})
            seconds[item_id] = round(rnd.lognormvariate(3.5, 0.4), 1)
        files = bundle.build(pack=pack_doc, records=records, timing={"work_seconds_per_item": seconds},
                             pseudonym=f"worker-{w:03d}", shared=["work_seconds_per_item"], key=key)
        bundle.write(files, path)
    return paths


def _fresh_db(url: str | None, name: str) -> str:
    db_file = OUT / f"lab-{name}.sqlite3"  # one per case: cases may run side by side
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    if url:  # start from an empty lab database, as the SQLite figure does
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as conn:
            for table in ("lab_records", "lab_bundles", "lab_alembic_version"):
                conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        engine.dispose()
    return url or f"sqlite:///{db_file}"


def run_one(args) -> dict:
    """One merge in this process; returns its figures."""
    from annotator.core.lab.db import LabDB
    from annotator.core.lab.merge import merge
    from annotator.core.registry import installed

    t = time.perf_counter()
    pack = make_pack(args.items)
    paths = make_bundles(pack, args.bundles, args.items)
    print(f"{len(paths)} bundles of {args.items:,} items ready ({time.perf_counter() - t:.1f} s to make or find); "
          f"{sum(p.stat().st_size for p in paths) / 1e6:.0f} MB")
    out = OUT / f"merged.{args.format}{'.consensus' if args.consensus else ''}"
    url = _fresh_db(args.db, out.name)
    shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)
    load_before = os.getloadavg()
    cpu0, children0 = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with LabDB(url) as db:
        result = merge(paths, db, installed(), args.format, out, pack_path=pack, consensus=args.consensus)
    seconds = time.perf_counter() - t
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        "case": (f"consensus-{args.format}" if args.format != "coco" else "consensus") if args.consensus
        else args.format, "format": args.format, "db": url.split(":")[0],
        "records": result.records, "workers": result.workers, "refused": len(result.refused),
        "seconds": round(seconds, 2), "cpu_main": round(time.process_time() - cpu0, 2),
        "cpu_children": round(children.ru_utime + children.ru_stime - children0.ru_utime - children0.ru_stime, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_child_mb": round(children.ru_maxrss / 1024),
        "timings": {k: round(v, 2) for k, v in result.timings.items()},
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()],
        "output_mb": round(sum(f.stat().st_size for f in ([out] if out.is_file() else out.rglob("*"))
                               if f.is_file()) / 1e6) if out.exists() else 0,
        "write_error": result.write_error,
    }
    t = result.timings
    print(f"merge into {figures['db']} ({figures['case']}): {seconds:.2f} s for {result.records:,} records of "
          f"{result.workers} workers ({result.records / seconds:,.0f} records/s); refused {len(result.refused)}")
    print(f"  verify, check and store {t.get('verify_and_store', 0):.2f} s, write {t.get('write', 0):.2f} s, "
          f"agreement (on a second core while writing) then waited for {t.get('agreement', 0):.2f} s")
    print(f"  CPU of this process: verify, check and store {t.get('cpu_verify_and_store', 0):.2f} s, write "
          f"{t.get('cpu_write', 0):.2f} s")
    print(f"  CPU: this process {figures['cpu_main']} s, children {figures['cpu_children']} s; peak RSS "
          f"{figures['peak_mb']} MB (largest child {figures['peak_child_mb']} MB); output {figures['output_mb']} MB; "
          f"load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after")
    for figure in result.agreement:
        print(f"  {figure.name}: {figure.value if figure.value is None else round(figure.value, 3)} over "
              f"{figure.items:,} items")
    if result.consensus is not None:
        for line in result.consensus.lines():
            print(f"  consensus: {line}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=50)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--format", default="coco")
    parser.add_argument("--consensus", action="store_true", help="merge with --consensus (one record per item)")
    parser.add_argument("--case", choices=CASES + ("all",), help="a named case (each alone), or all of them, "
                                                                  "each in a fresh process")
    parser.add_argument("--db", help="SQLAlchemy URL (default: a fresh SQLite file); its lab tables are emptied first")
    args = parser.parse_args()
    if args.case == "all":
        rows = []
        for case in CASES:
            cmd = [sys.executable, __file__, "--case", case, "--bundles", str(args.bundles), "--items", str(args.items)]
            if args.db:
                cmd += ["--db", args.db]
            done = subprocess.run(cmd, capture_output=True, text=True)
            print(done.stdout, end="")
            lines = done.stdout.strip().splitlines()
            rows.append(json.loads(lines[-1]) if done.returncode == 0 and lines else {"case": case, "error":
                                                                                        done.stderr[-500:]})
        print(f"\n{'case':<10} {'wall s':>8} {'CPU main':>9} {'CPU children':>13} {'peak MB':>8} {'child MB':>9} "
              f"{'load':>6}")
        for r in rows:
            if "error" in r:
                print(f"{r['case']:<10} failed: {r['error']}")
                continue
            print(f"{r['case']:<10} {r['seconds']:>8.2f} {r['cpu_main']:>9.2f} {r['cpu_children']:>13.2f} "
                  f"{r['peak_mb']:>8} {r['peak_child_mb']:>9} {r['load_before'][0]:>6.2f}")
        print(json.dumps(rows))
        return 0 if all("error" not in r for r in rows) else 1
    if args.case:
        args.consensus = args.case.startswith("consensus")
        args.format = ("yolo" if args.case == "consensus-yolo" else "coco") if args.consensus else args.case
    figures = run_one(args)
    print(json.dumps(figures))
    return 0 if not figures["refused"] and not figures["write_error"] else 1


if __name__ == "__main__":
    sys.exit(main())
