#!/usr/bin/env python3
"""Benchmark: merging 50 results bundles of 10,000 items each (target: under 10 s).

    python bench/lab_merge.py [--bundles 50] [--items 10000] [--format coco] [--db URL]

Bundles are real (signed with one Ed25519 key per worker, image annotations of two or
three boxes per item, per-item work seconds); they are made once in bench/out/ and reused.
The figure is the wall time of ``merge()``: read and verify every bundle, insert every
record into the lab's database (a fresh SQLite file unless --db is given), write the
chosen format and compute the agreement.
"""
from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "lab"
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]


def make_pack(n: int) -> Path:
    from tests.packs import write_pack

    root = OUT / f"pack-{n}"
    if not (root / "items.jsonl").exists():
        shutil.rmtree(root, ignore_errors=True)
        items = [{"id": f"img-{i:06d}", "media": "media/shared.png", "training": False} for i in range(n)]
        write_pack(root, kind="image", items=items, pack_id="bench.lab")
    return root


def make_bundles(pack: Path, workers: int, n: int) -> list[Path]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from annotator.core import packs
    from annotator.core.keys import InstallationKey
    from annotator.core.lab import bundle
    from annotator.core.registry import installed

    folder = OUT / f"bundles-{workers}x{n}"
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=50)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--format", default="coco")
    parser.add_argument("--db", help="SQLAlchemy URL (default: a fresh SQLite file); its lab tables are emptied first")
    args = parser.parse_args()
    from annotator.core.lab.db import LabDB
    from annotator.core.lab.merge import merge
    from annotator.core.registry import installed

    t = time.perf_counter()
    pack = make_pack(args.items)
    paths = make_bundles(pack, args.bundles, args.items)
    print(f"{len(paths)} bundles of {args.items:,} items ready ({time.perf_counter() - t:.1f} s to make or find); "
          f"{sum(p.stat().st_size for p in paths) / 1e6:.0f} MB")
    db_file = OUT / "lab.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    url = args.db or f"sqlite:///{db_file}"
    if args.db:  # start from an empty lab database, as the SQLite figure does
        from sqlalchemy import create_engine, text

        engine = create_engine(args.db)
        with engine.begin() as conn:
            for table in ("lab_records", "lab_bundles", "lab_alembic_version"):
                conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        engine.dispose()
    out = OUT / f"merged.{args.format}"
    shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)
    t = time.perf_counter()
    with LabDB(url) as db:
        result = merge(paths, db, installed(), args.format, out, pack_path=pack)
    seconds = time.perf_counter() - t
    print(f"merge into {url.split(':')[0]}: {seconds:.2f} s for {result.records:,} records of {result.workers} "
          f"workers ({result.records / seconds:,.0f} records/s); refused {len(result.refused)}")
    t = result.timings
    print(f"  verify and store {t['verify_and_store']:.2f} s, write {t['write']:.2f} s, agreement "
          f"(on a second core while writing) then waited for {t['agreement']:.2f} s")
    for figure in result.agreement:
        print(f"  {figure.name}: {figure.value:.3f} over {figure.items:,} items")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; output "
          f"{out.stat().st_size / 1e6:.0f} MB" if out.is_file() else "")
    return 0 if not result.refused else 1


if __name__ == "__main__":
    sys.exit(main())
