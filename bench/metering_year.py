#!/usr/bin/env python3
"""A year of realistic activity (250 days x 8 h) replayed into a fresh store, then the yearly timesheet.

    .venv/bin/python bench/metering_year.py [--days 250] [--hours 8] [--out bench/out/metering-year]

Prints: signals generated, replay time (engine + SQLite + hash chain), records,
store size, then the time to compute the yearly timesheet (target < 1 s), to
verify the whole chain, and to write and verify (every figure recomputed) the
year's JSON and CSV exports beside the third-party recipe's plain check.
Figures go in docs/performance.md.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.library import import_demo_packs  # noqa: E402
from annotator.core.metering import exports  # noqa: E402
from annotator.core.metering.service import replay_into  # noqa: E402
from annotator.core.metering.timesheet import compute  # noqa: E402
from annotator.core.registry import installed  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from bench.metering_traces import days  # noqa: E402


def _exports(store: Store, out: Path) -> None:
    """The yearly exports: writing them, and verifying them (every figure recomputed), beside the plain
    signature-and-chain check of the third-party recipe in docs/metering.md."""
    import re
    import subprocess
    from datetime import timezone

    from annotator.core import keys
    from annotator.core.metering import verify

    keys.load_or_create(store.data_dir)
    pin = keys.Pin.installation(store.data_dir)
    for fmt, name in (("json", "year.json"), ("csv", "year.csv")):
        t0, c0 = time.perf_counter(), time.process_time()
        exports.write_export(store, out / name, fmt, tz=timezone.utc, tz_name="UTC")
        t_write, c_write = time.perf_counter() - t0, time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        verdict = verify.verify_file(out / name, pin=pin)
        t_verify, c_verify = time.perf_counter() - t0, time.process_time() - c0
        size = sum(p.stat().st_size for p in (out / name, out / (name + ".sig")) if p.exists())
        print(f"{fmt} export written in {t_write:.1f} s (CPU {c_write:.1f} s; {size / 1e6:.0f} MB with its .sig), "
              f"verified in {t_verify:.1f} s (CPU {c_verify:.1f} s): {'ok' if verdict.ok else verdict.message}")
    doc = (Path(__file__).resolve().parents[1] / "docs" / "metering.md").read_text(encoding="utf-8")
    recipe = re.search(r"```python\n(.*?)```", doc[doc.index("without the app"):], re.S).group(1)
    (out / "check.py").write_text(recipe)
    (out / "worker.pub.pem").write_text(keys.public_pem(keys.load_public(store.data_dir)))
    t0 = time.perf_counter()
    run = subprocess.run(["bash", "-c", f"TIMEFORMAT=%U; time {sys.executable} {out / 'check.py'} {out / 'year.json'} "
                                        f"{out / 'worker.pub.pem'} >/dev/null"], check=True, capture_output=True,
                         text=True)
    print(f"the third-party recipe (signature and chain, no figures) on the JSON: {time.perf_counter() - t0:.1f} s "
          f"(CPU {float(run.stderr.strip().splitlines()[-1]):.1f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--out", default="bench/out/metering-year")
    parser.add_argument("--exports-only", action="store_true", help="reuse the store already in --out")
    args = parser.parse_args()
    out = Path(args.out)
    if args.exports_only:
        store = Store(out)
        _exports(store, out)
        store.close()
        return 0
    shutil.rmtree(out, ignore_errors=True)
    store = Store(out)
    import_demo_packs(store, installed())
    first = datetime(2025, 1, 6, 8, 30).timestamp()

    t0 = time.perf_counter()
    signals = [s for day in days(first, args.days, hours=args.hours) for s in day]
    t_gen = time.perf_counter() - t0
    print(f"generated {len(signals):,} signals for {args.days} days x {args.hours:g} h in {t_gen:.1f} s")

    t0 = time.perf_counter()
    result = replay_into(store, signals)
    t_replay = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in out.glob("annotator.sqlite3*"))
    print(f"replayed into the store in {t_replay:.1f} s ({len(signals) / t_replay:,.0f} signals/s): "
          f"{result['records']:,} records, store {size / 1e6:.0f} MB")

    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        sheet = compute(store)
        best = min(best, time.perf_counter() - t0)
    print(f"yearly timesheet computed in {best:.2f} s (best of 3; target < 1 s): "
          f"{len(sheet['days'])} days, {len(sheet['_intervals']):,} intervals, "
          f"{sheet['counted_seconds'] / 3600:,.0f} counted hours")

    t0 = time.perf_counter()
    verdict = exports.verify_store(store)
    print(f"whole chain verified in {time.perf_counter() - t0:.2f} s: {verdict.message}")
    _exports(store, out)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
