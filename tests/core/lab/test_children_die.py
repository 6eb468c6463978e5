"""A killed merge leaves nothing running: the processes it started die with it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

DRIVER = """
import os, sys, time
from annotator.core.lab import children

if __name__ == "__main__":
    pool = children.pool(1)
    pid = pool.submit(os.getpid).result()
    pool.submit(time.sleep, 600)  # a long job, as the agreement of a big merge
    print(pid, flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[-1][0] != "Z"  # a zombie is gone, only not yet reaped
    except FileNotFoundError:
        return False


def test_a_killed_merge_leaves_no_child_running(tmp_path):
    script = tmp_path / "driver.py"
    script.write_text(DRIVER)
    root = Path(__file__).resolve().parents[3]
    # stderr: the killed driver's resource tracker warns of its pool's semaphores, as it should
    driver = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    child = int(driver.stdout.readline())
    try:
        assert _alive(child)
        driver.send_signal(signal.SIGKILL)
        driver.wait()
        deadline = time.monotonic() + 60  # the child goes at once; a loaded machine may take a while
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child), "the merge's child process outlived it"
    finally:
        if _alive(child):
            os.kill(child, signal.SIGKILL)
