"""Scale case "merge": a lab merging 50 workers' bundles of 10,000 image items (issue 17, "Lab").

    .venv/bin/python bench/scale.py merge [--merge-bundles 50] [--merge-items 10000] [--merge-format coco]

The merge of ``bench/lab_merge.py`` (its bundles, made once in ``bench/out/lab/``, are shared),
run in a process of its own so that its peak memory is its own: read, verify and check every
bundle, store every record in a fresh SQLite lab database, write the format, measure agreement.
Figures: the CPU seconds of the merging process and of its children (the verifying processes,
the agreement process) beside the wall clock, and the peak memory of each. Targets: under 1 GB
for every process; the 15 s of the issue is a wall-clock target on a free machine, judged here on
the merging process's CPU time (its critical path: the children run beside it).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scale import case

HERE = Path(__file__).resolve().parent


@case("merge", "a lab merges 50 x 10,000 image results into one format (COCO by default)", options=[
    ("--merge-bundles", {"type": int, "default": 50, "help": "merge: how many workers' bundles"}),
    ("--merge-items", {"type": int, "default": 10_000, "help": "merge: items per bundle"}),
    ("--merge-format", {"default": "coco", "help": "merge: coco, json, yolo, yolo-seg, voc, consensus or consensus-FORMAT"}),
])
def merge_case(args, report) -> None:
    fmt = args.merge_format
    cmd = [sys.executable, str(HERE / "lab_merge.py"), "--bundles", str(args.merge_bundles),
           "--items", str(args.merge_items)]
    if fmt == "consensus" or fmt.startswith("consensus-"):  # consensus-yolo: written in another format
        cmd += ["--consensus", "--format", fmt.partition("-")[2] or "coco"]
    else:
        cmd += ["--format", fmt]
    done = subprocess.run(cmd, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    if not lines or not lines[-1].startswith("{"):
        raise RuntimeError(f"bench/lab_merge.py failed (exit {done.returncode}): {done.stderr[-2000:]}")
    r = json.loads(lines[-1])
    what = f"{r['records']:,} records, {fmt}"
    report.figure("cpu_main_s", f"merge ({what}): CPU of the merging process", r["cpu_main"], "s",
                  target=("<", 15.0), wall=r["seconds"], anchor="61 s wall before issue 17 (free machine)")
    report.figure("cpu_children_s", "merge: CPU of its children (verifying, agreement)", r["cpu_children"], "s")
    report.figure("peak_mb", "merge: peak memory, merging process", r["peak_mb"], "MB", target=("<", 1024.0),
                  anchor="4,487 MB before (COCO held whole)")
    report.figure("peak_child_mb", "merge: peak memory, largest child", r["peak_child_mb"], "MB",
                  target=("<", 1024.0))
    report.figure("output_mb", f"merge: {fmt} written", r["output_mb"], "MB")
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in r["timings"].items())
    report.note(f"wall clock by stage: {stages}; load average before / after the merge alone: "
                f"{r['load_before'][0]:.2f} / {r['load_after'][0]:.2f}")
    if r["refused"] or r["write_error"]:
        report.note(f"refused {r['refused']}, write error: {r['write_error']}")
