#!/usr/bin/env python3
"""Benchmark: what the packs' limits cost and save (docs/security.md, "Packs").

    python bench/pack_limits.py                  # 200,000-entry zip, instructions throughput
    python bench/pack_limits.py --entries 1000000

1. A zip with more entries than the limit (100,000): the time to refuse it (its end record is
   read before its directory), beside the time Python's ``zipfile`` takes to read the directory
   and the memory that holds it, which the limit avoids.
2. Instructions: CPU seconds per KiB to parse and render Markdown with markdown-it-py (what the
   window does on the interface thread), dense (lists, tables) and prose, against the 512 KiB limit.

CPU time (``time.process_time``) is reported beside wall time: the machine is shared.
The generated zip goes to bench/out/ (git-ignored) and is reused when present.
"""
from __future__ import annotations

import argparse
import sys
import time
import resource
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]


def many_entries(n: int) -> Path:
    path = OUT / f"entries-{n}.zip"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
            for i in range(n):
                zf.writestr(f"media/img-{i:07d}.png", b"x")
    return path


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    args = parser.parse_args()
    from annotator.core.errors import PackError
    from annotator.core.packs import validate_path
    from annotator.core.packs.instructions import parse, render
    from annotator.core.registry import installed

    registry = installed()
    archive = many_entries(args.entries)

    def refuse():
        try:
            validate_path(archive, registry)
        except PackError as exc:
            return str(exc.problems[0])

    message, wall, cpu = timed(refuse)
    print(f"refuse a {args.entries:,}-entry zip: {wall:.3f} s wall, {cpu:.3f} s CPU  ({message})")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (infos, wall, cpu) = timed(lambda: zipfile.ZipFile(archive).infolist())
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    print(f"read its directory (what the limit avoids): {wall:.1f} s wall, {cpu:.1f} s CPU, "
          f"peak memory +{grown / 1e6:.0f} MB ({grown / len(infos):.0f} B/entry)")

    dense = (ROOT / "annotator/resources/demo-packs/street-scenes/instructions.md").read_text() * 200
    prose = ("Draw a box around every car you can see, even partly hidden. " * 12 + "\n\n") * 600
    for name, text in (("dense", dense), ("prose", prose)):
        _, wall, cpu = timed(lambda: render(parse(text, {"media/example.jpg": 1})))
        kib = len(text.encode()) / 1024
        print(f"instructions, {name}: {kib:.0f} KiB in {cpu:.2f} s CPU ({kib / cpu:.0f} KiB/s); "
              f"512 KiB would take {512 / (kib / cpu):.2f} s")


if __name__ == "__main__":
    main()
