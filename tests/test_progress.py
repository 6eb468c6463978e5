"""Progress bars on stderr for long commands: drawn on a terminal, absent when piped or with --quiet."""
from __future__ import annotations

import fcntl
import os
import pty
import subprocess
import struct
import sys
import termios
import threading
from pathlib import Path

import pytest

from annotator.core.progress import counted, silent
from tests.packs import write_pack

ROOT = Path(__file__).resolve().parents[1]


def run_with_stderr(args, data: Path, on_terminal: bool) -> tuple[int, str, str]:
    """Run the command line with stderr on a pseudo-terminal (or a pipe); stdout is always a pipe."""
    env = {**os.environ, "ANNOTATOR_DATA_DIR": str(data), "COLUMNS": "100", "TERM": "xterm"}
    cmd = [sys.executable, "-m", "annotator", *map(str, args)]
    if not on_terminal:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT, timeout=300)
        return proc.returncode, proc.stdout, proc.stderr
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # a terminal 100 columns wide
    chunks: list[bytes] = []

    def read_terminal():  # while the child runs: once it is gone, Linux drops what was left unread
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=slave, text=True, cwd=ROOT)
    os.close(slave)
    out = proc.stdout.read()
    code = proc.wait(timeout=300)
    reader.join(timeout=30)
    os.close(master)
    return code, out, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def big_pack(tmp_path_factory):
    return write_pack(tmp_path_factory.mktemp("big") / "pack", kind="rating", n=20_000)


@pytest.mark.parametrize("command, stages", [
    (["pack", "validate"], ["checking items"]),
    (["pack", "import"], ["checking items", "storing items"]),
])
def test_a_terminal_gets_progress_bars_and_a_pipe_gets_none(tmp_path, big_pack, command, stages):
    code, out, err = run_with_stderr([*command, big_pack], tmp_path / "tty", on_terminal=True)
    assert code == 0, err
    for stage in stages:
        assert stage in err, err
    assert "%|" in err or "it/s" in err or "/s]" in err
    assert "\x1b" in err or "\r" in err  # redrawn in place, not a scroll of lines
    summary = out.strip().splitlines()
    assert len(summary) == 1 and "20000 items" in summary[0]  # stdout is exactly what it was

    code, out_piped, err_piped = run_with_stderr([*command, big_pack], tmp_path / "pipe", on_terminal=False)
    assert code == 0 and err_piped == ""
    assert out_piped.strip().splitlines()[0].split(":")[0] == summary[0].split(":")[0]


def test_quiet_silences_the_bars_on_a_terminal(tmp_path, big_pack):
    code, out, err = run_with_stderr(["pack", "validate", "--quiet", big_pack], tmp_path / "q", on_terminal=True)
    assert code == 0 and out.startswith("ok: ")
    assert err == ""


def test_counted_tells_each_step_and_the_total():
    seen = []
    items = list(counted([10, 20, 30], lambda done, total, what: seen.append((done, total, what)), "adding"))
    assert items == [10, 20, 30]
    assert seen == [(0, 3, "adding"), (1, 3, "adding"), (2, 3, "adding"), (3, 3, "adding")]
    assert list(counted(iter([1, 2]), silent)) == [1, 2]
