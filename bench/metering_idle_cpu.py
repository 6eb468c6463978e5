#!/usr/bin/env python3
"""CPU use of the idle app over a minute (target < 0.5 %).

    .venv/bin/python bench/metering_idle_cpu.py [--seconds 60]

Starts the real app (offscreen, real meter, demo packs) in a child process, lets
it settle for 5 s, then reads the child's user+system CPU time from /proc over
the measured window while nobody touches it (heartbeats, the status-bar meter
refreshing every second).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
        child = subprocess.Popen([sys.executable, "-m", "annotator", "--data-dir", tmp, "--demo"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(5)
            c0, t0 = cpu_seconds(child.pid), time.monotonic()
            time.sleep(args.seconds)
            c1, t1 = cpu_seconds(child.pid), time.monotonic()
        finally:
            child.terminate()
            child.wait(10)
        share = 100 * (c1 - c0) / (t1 - t0)
        print(f"idle app: {c1 - c0:.2f} s of CPU over {t1 - t0:.0f} s = {share:.2f} % (target < 0.5 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
