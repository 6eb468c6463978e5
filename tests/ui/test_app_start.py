"""Starting the window: no display is one line and exit 2; the log exists before the first thing is logged."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.ui.app import display_problem, qt_fatal_line

ROOT = Path(__file__).resolve().parents[2]


def run_annotator(env_changes: dict, *args, timeout=120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update({k: v for k, v in env_changes.items() if v is not None})
    return subprocess.run([sys.executable, "-m", "annotator", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.mark.parametrize("env, says", [
    ({}, "no display to open the window on"),
    ({"DISPLAY": ":77"}, "the X display ':77' does not answer"),
    ({"WAYLAND_DISPLAY": "wayland-77", "XDG_RUNTIME_DIR": "/nonexistent"}, "the Wayland display 'wayland-77'"),
    ({"QT_QPA_PLATFORM": "nosuchplatform"}, "Qt has no platform plugin 'nosuchplatform'"),
])
def test_no_display_is_one_line_and_exit_2_never_an_abort(tmp_path, env, says):
    proc = run_annotator({"ANNOTATOR_DATA_DIR": str(tmp_path / "data"), **env})
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.returncode != -signal.SIGABRT
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("annotator: ") and says in lines[0]
    assert "the command-line tools work without one" in lines[0]
    assert proc.stdout == ""


def test_display_problem_accepts_what_qt_can_use(tmp_path):
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    socket_path = tmp_path / "wayland-0"
    socket_path.touch()
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)}) is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0",
                            "XDG_RUNTIME_DIR": str(tmp_path)}) is not None


def test_qt_fatal_line_names_the_missing_library():
    line = qt_fatal_line("This application failed to start because no Qt platform plugin could be initialized.",
                         ["From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin."])
    assert "libxcb-cursor0" in line and "\n" not in line


def _crashed_store(data: Path) -> None:
    """A data folder whose last run ended without app_quit, as after a crash or a kill."""
    from annotator.core.metering.service import MeterService
    from annotator.core.store import Store

    with Store(data) as store:
        meter = MeterService(store)
        meter.signal("app_start")
        meter.signal("view", view="library")
        meter.flush()


def test_the_crash_recovery_is_in_the_log_and_the_terminal_stays_quiet(tmp_path):
    data = tmp_path / "data"
    _crashed_store(data)
    shot = tmp_path / "shot.png"
    proc = run_annotator({"QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_SCREENSHOT": str(shot),
                          "ANNOTATOR_SCREENSHOT_DELAY_MS": "200"}, "--data-dir", str(data), "--demo")
    assert proc.returncode == 0, proc.stderr
    assert shot.exists()
    log = (data / "logs" / "annotator.log").read_text(encoding="utf-8")
    assert "resumed an unfinished run" in log
    # Qt's own messages (here the offscreen plugin's) went to the log, not the terminal
    assert "annotator.qt" in log
    assert proc.stderr == "", proc.stderr


def test_the_log_rotates(tmp_path, monkeypatch):
    import logging

    from annotator.core import applog

    monkeypatch.setattr(applog, "MAX_BYTES", 2000)
    path = applog.setup(tmp_path / "logs")
    try:
        for i in range(200):
            logging.getLogger("annotator.test").info("line %d of a long session", i)
        assert path.exists() and path.stat().st_size <= 2000
        assert (tmp_path / "logs" / "annotator.log.1").exists()
        assert not (tmp_path / "logs" / f"annotator.log.{applog.BACKUPS + 1}").exists()
    finally:
        root = logging.getLogger("annotator")
        for handler in list(root.handlers):
            if isinstance(handler, logging.FileHandler):
                root.removeHandler(handler)
                handler.close()


PLAY = """
import sys
from pathlib import Path
from annotator.ui.app import setup_logging
setup_logging(Path(sys.argv[1]), chosen=True)
from PySide6 import QtCore, QtMultimedia, QtWidgets
app = QtWidgets.QApplication([])
player = QtMultimedia.QMediaPlayer()
output = QtMultimedia.QAudioOutput()
player.setAudioOutput(output)
output.setVolume(0)
player.mediaStatusChanged.connect(lambda status: status in (QtMultimedia.QMediaPlayer.MediaStatus.LoadedMedia,
    QtMultimedia.QMediaPlayer.MediaStatus.InvalidMedia) and app.quit())
player.setSource(QtCore.QUrl.fromLocalFile(sys.argv[2]))
QtCore.QTimer.singleShot(60000, app.quit)
app.exec()
print(player.mediaStatus().name)
"""


def test_ffmpegs_stream_dump_goes_to_the_log_not_the_terminal(tmp_path):
    from annotator.core.paths import DEMO_PACKS

    media = DEMO_PACKS / "voice-commands" / "media" / "command-1.flac"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_FFMPEG_DEBUG", "PIPEWIRE_LOG")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.run([sys.executable, "-c", PLAY, str(tmp_path / "data"), str(media)], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "LoadedMedia"
    log = (tmp_path / "data" / "logs" / "annotator.log").read_text(encoding="utf-8")
    assert "Input #0, flac" in log  # FFmpeg opened the file and said so...
    assert proc.stderr == ""  # ...in the log only: no stream dump, no pipewire line, no Qt message
