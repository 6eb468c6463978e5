"""The live meter in a real process that gets killed, and the command line."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from annotator.core.clock import ManualClock
from annotator.core.metering import exports
from annotator.core.metering.repository import MeterRepository
from annotator.core.metering.service import MeterService
from annotator.core.store import Store
from tests.core.metering.traces import Trace

ROOT = Path(__file__).resolve().parents[3]

CHILD = textwrap.dedent("""
    import sys, time
    from annotator.core.clock import ManualClock
    from annotator.core.metering.service import MeterService
    from annotator.core.store import Store
    clock = ManualClock(1_764_000_000.0)
    store = Store(sys.argv[1], clock=clock)
    meter = MeterService(store, clock=clock)
    meter.signal("app_start")
    meter.signal("view", view="library")
    n = 0
    while True:          # an app working fast: an input every second, a heartbeat every 5
        clock.advance(1.0)
        meter.signal("input")
        n += 1
        if n % 5 == 0:
            meter.signal("heartbeat")
        if n == 40:
            print("ready", flush=True)
        if n % 37 == 0:
            meter.signal("view", view="settings" if n % 2 else "library")
        time.sleep(0.0005)
""")


def test_killing_the_process_loses_at_most_a_heartbeat_and_never_breaks_the_chain(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data)], stdout=subprocess.PIPE, env=env)
    assert child.stdout.readline().strip() == b"ready"
    time.sleep(0.3)
    child.send_signal(signal.SIGKILL)
    child.wait()
    with Store(data) as store:
        last = MeterRepository(store).last_signal()
        assert exports.verify_store(store).ok
        clock = ManualClock(last["t"] + 3600)
        meter = MeterService(store, clock=clock)  # the next start finds the unfinished run
        meter.signal("app_start")
        meter.signal("app_quit")
        repo = MeterRepository(store)
        gaps = [r for r in repo.rows(kinds=("gap",))]
        assert [g.data["reason"] for g in gaps] == ["crash"] and gaps[0].start == last["t"]
        counted = sum(r.end - r.start for r in repo.rows(kinds=("interval",)))
        # every second up to the last written signal is counted: nothing lost but the unwritten period
        assert counted == last["t"] - 1_764_000_000.0
        assert exports.verify_store(store).ok


def test_the_input_hook_writes_nothing_until_the_next_signal(store):
    clock = ManualClock()
    meter = MeterService(store, clock=clock)
    meter.signal("app_start")
    n = MeterRepository(store).signal_count()
    for _ in range(50):
        clock.advance(0.05)
        meter.signal("input")
    assert MeterRepository(store).signal_count() == n
    meter.signal("heartbeat")
    assert MeterRepository(store).signal_count() == n + 3  # first input, last input, heartbeat


def cli(*args, data=None):
    cmd = [sys.executable, "-m", "annotator", *args] + (["--data-dir", str(data)] if data else [])
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_cli_replay_show_verify_head_and_tamper(tmp_path):
    data = tmp_path / "d"
    tr = Trace().view("library").wait(60, 3).view("instructions", pack="x").wait(100, 10).quit()
    trace = tmp_path / "trace.jsonl"
    trace.write_text("\n".join(json.dumps(s) for s in tr.signals) + "\n")
    r = cli("meter", "replay", str(trace), data=data)
    assert r.returncode == 0, r.stderr
    r = cli("timesheet", "show", "--format", "json", data=data)
    doc = json.loads(r.stdout)
    assert doc["totals"]["waiting"] == 60 and doc["totals"]["instructions"] == 100
    head = cli("timesheet", "head", data=data).stdout.strip()
    assert head.startswith("#")
    assert cli("timesheet", "verify", "--head", head, data=data).returncode == 0
    out = tmp_path / "ts.json"
    assert cli("timesheet", "export", "-o", str(out), data=data).returncode == 0
    assert cli("timesheet", "verify", str(out), data=data).returncode == 0
    doc = json.loads(out.read_text())
    doc["integrity"]["records"][1]["end"] += 600
    out.write_text(json.dumps(doc))
    r = cli("timesheet", "verify", str(out), data=data)
    assert r.returncode == 1 and "record 2:" in r.stderr


def test_cli_user_errors_are_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"t": 1, "kind": "heartbeat"}\n{"t": "soon", "kind": "input"}\nnot json\n')
    for args in (("meter", "replay", str(bad)),
                 ("payments", "add", "12", "euros"),
                 ("payments", "add", "-3", "EUR"),
                 ("items", "reject", "nope", "x"),
                 ("timesheet", "show", "--from", "24/11/2026"),
                 ("meter", "thresholds", "--set", "work=2"),
                 ("timesheet", "verify", str(bad))):
        r = cli(*args, data=tmp_path / "d")
        assert r.returncode == 2, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    r = cli("meter", "replay", str(bad), data=tmp_path / "d")
    assert "bad.jsonl:2:" in r.stderr and "nothing was replayed" in r.stderr
    with Store(tmp_path / "d") as store:
        assert MeterRepository(store).signal_count() == 0  # bad input loses nothing and writes nothing


def test_cli_payments_and_rejections(tmp_path):
    data = tmp_path / "d"
    assert cli("payments", "add", "12.50", "EUR", "--date", "2026-11-20", "--note", "November", data=data).returncode == 0
    r = cli("payments", "list", data=data)
    assert "12.50 EUR" in r.stdout and "total 12.50 EUR" in r.stdout
