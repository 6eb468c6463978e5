#!/usr/bin/env python3
"""Backing up and restoring a store of the size a worker reaches, side by side with SQLite's other ways.

    .venv/bin/python bench/store_backup.py [--items 100000] [--signals 3500000] [--out bench/out/store-backup]

Builds a store with a 100,000-item pack, each item annotated (about 600 bytes of JSON), and a
year of metering (3.5 M signals, 100,000 chain records), then times:

* ``annotator.core.backup.create`` (the online backup API in one step, switch to a rollback
  journal, ``PRAGMA quick_check``) while the store is open;
* the same copy without the check; ``VACUUM INTO`` (SQLite's other online copy); a plain
  file copy (not consistent while the window writes: for scale only);
* ``PRAGMA integrity_check`` on the copy (what ``annotator restore`` runs before replacing);
* how long one save waits while a backup runs in another thread (the window's hourly check
  runs it off the interface thread).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core import backup  # noqa: E402
from annotator.core.store import Store  # noqa: E402


def build(out: Path, n_items: int, n_signals: int) -> Store:
    shutil.rmtree(out, ignore_errors=True)
    store = Store(out)
    now = time.time()
    with store.engine.begin() as conn:
        raw = conn.connection.driver_connection
        raw.execute("INSERT INTO packs (pk, pack_id, version, content_hash, instructions_hash, kind, title, lab, "
                    "manifest, folder, item_count, training_count, imported_at) VALUES "
                    "(1, 'bench.pack', '1.0.0', 'sha256:x', 'sha256:y', 'image', 'Bench', 'Lab', '{}', "
                    "'packs/bench', ?, 0, ?)", (n_items, now))
        raw.executemany("INSERT INTO items (pk, pack_pk, item_id, position, training, data, state) "
                        "VALUES (?, 1, ?, ?, 0, ?, 'submitted')",
                        ((i + 1, f"item-{i}", i, json.dumps({"id": f"item-{i}", "media": f"media/{i}.jpg"}))
                         for i in range(n_items)))
        box = {"shapes": [{"type": "box", "label": "car", "x": 10.5 * k, "y": 20.25, "w": 30.0, "h": 40.0}
                          for k in range(6)]}
        raw.executemany("INSERT INTO annotations (item_pk, data, instructions_hash, updated_at, revision) "
                        "VALUES (?, ?, 'sha256:y', ?, 3)", ((i + 1, json.dumps(box), now) for i in range(n_items)))
        raw.executemany("INSERT INTO meter_signals (seq, t, kind, fields) VALUES (?, ?, ?, NULL)",
                        ((i + 1, now - n_signals + i, "input" if i % 3 else "heartbeat") for i in range(n_signals)))
        raw.executemany('INSERT INTO meter_records (seq, kind, start, "end", category, pack, version, item, run, '
                        'data, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                        ((i + 1, "interval", now - 1e6 + 10 * i, now - 1e6 + 10 * i + 9, "work", "bench.pack",
                          "1.0.0", f"item-{i}", 1, '{"rule":"view task, phase work"}', f"{i:064x}", f"{i + 1:064x}")
                         for i in range(n_items)))
    return store


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--signals", type=int, default=3_500_000)
    parser.add_argument("--out", default="bench/out/store-backup")
    args = parser.parse_args()
    out = Path(args.out)
    t0 = time.perf_counter()
    store = build(out, args.items, args.signals)
    size = sum(p.stat().st_size for p in out.glob("annotator.sqlite3*"))
    print(f"built a store of {size / 1e6:.0f} MB ({args.items:,} annotated items, {args.signals:,} signals) "
          f"in {time.perf_counter() - t0:.0f} s")
    scratch = out / "scratch"
    scratch.mkdir()

    t_backup = timed(lambda: backup.create(out, "manual"))
    made = backup.list_backups(out)[0]
    print(f"annotator backup (online backup API + rollback journal + quick_check): {t_backup:.2f} s, "
          f"{made.size / 1e6:.0f} MB")

    def api_only():
        target = scratch / "api.sqlite3"
        target.unlink(missing_ok=True)
        src, dst = sqlite3.connect(store.path), sqlite3.connect(target)
        src.backup(dst)
        dst.close()
        src.close()

    def vacuum_into():
        target = scratch / "vacuum.sqlite3"
        target.unlink(missing_ok=True)
        src = sqlite3.connect(store.path)
        src.execute("VACUUM INTO ?", (str(target),))
        src.close()

    def file_copy():
        shutil.copyfile(store.path, scratch / "copy.sqlite3")

    print(f"online backup API alone: {timed(api_only):.2f} s")
    print(f"VACUUM INTO: {timed(vacuum_into):.2f} s")
    print(f"plain file copy (not consistent while writing): {timed(file_copy):.2f} s")
    print(f"PRAGMA integrity_check of the copy (restore's check): "
          f"{timed(lambda: backup.check(made.path, '9999'), 1):.2f} s")
    print(f"PRAGMA quick_check of the copy: "
          f"{timed(lambda: sqlite3.connect(made.path).execute('PRAGMA quick_check').fetchall(), 1):.2f} s")

    # one save every 10 ms while a backup runs in another thread: how long does a save wait?
    for old in backup.list_backups(out):  # so that the day's backup is due
        old.path.unlink()
    store._daily_checked = True  # as the window's store: no backup inside a save
    worker = store.daily_backup_in_background()
    waits = []
    while worker.is_alive():
        t0 = time.perf_counter()
        store.set("bench.save", {"n": len(waits)})
        waits.append(time.perf_counter() - t0)
        time.sleep(0.01)
    worker.join()
    print(f"saves while the day's backup runs in the background (as in the window): {len(waits)} saves, median "
          f"{statistics.median(waits) * 1000:.2f} ms, max {max(waits) * 1000:.1f} ms")
    store.close()

    # a command's first write of the day makes the day's backup first (in the foreground)
    for old in backup.list_backups(out):
        if old.kind == "daily":
            old.path.unlink()
    with Store(out) as command:
        t0 = time.perf_counter()
        command.set("bench.save", {"n": -1})
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        command.set("bench.save", {"n": -2})
        second = time.perf_counter() - t0
    print(f"a command's first write of the day (with the day's backup): {first:.2f} s; the next write "
          f"{second * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
