"""Shared fixtures: a real data folder, a real store, the installed plugins, the window."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: the least time a test waits for a state to come (qtbot.waitUntil); the per-test timeout names real hangs
PATIENCE_MS = 60_000


def _patient_waits() -> None:
    """``qtbot.waitUntil`` waits for a state, never for a time: on a loaded machine a state comes late,
    not never, so every wait may last :data:`PATIENCE_MS` (it returns as soon as the state is there)."""
    from pytestqt.qtbot import QtBot

    wait_until = QtBot.waitUntil
    if getattr(wait_until, "patient", False):
        return

    def patient(self, callback, *, timeout: int = 5000) -> None:
        return wait_until(self, callback, timeout=max(timeout, PATIENCE_MS))

    patient.patient = True
    QtBot.waitUntil = patient


_patient_waits()

TESTS = Path(__file__).resolve().parent
THIRDPARTY = TESTS / "fixtures" / "thirdparty" / "annotator_yesno_plugin"


def require_service(name: str, available: bool, why: str) -> None:
    """Skip a test that needs a service when it is missing, except in CI where it fails."""
    if available:
        return
    if os.environ.get("ANNOTATOR_REQUIRE_SERVICES"):
        pytest.fail(f"{name} is required in CI but unavailable: {why}")
    pytest.skip(f"{name} unavailable: {why}")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def registry():
    from annotator.core.registry import installed

    return installed()


@pytest.fixture
def yesno_plugin():
    """The small third-party plugin of the tests, imported from its source folder."""
    if str(THIRDPARTY) not in sys.path:
        sys.path.insert(0, str(THIRDPARTY))
    from annotator_yesno import plugin

    return plugin


@pytest.fixture
def registry_with_yesno(yesno_plugin):
    from annotator.core.registry import discover

    return discover(extra=[yesno_plugin])


@pytest.fixture
def store(data_dir):
    from annotator.core.store import Store

    with Store(data_dir) as s:
        yield s


@pytest.fixture
def app_ctx(store, registry_with_yesno):
    from annotator.core.context import AppContext
    from annotator.core.session import RecordingMeter

    return AppContext(store=store, registry=registry_with_yesno, meter=RecordingMeter())


@pytest.fixture
def window(qtbot, app_ctx):
    from annotator.ui.main_window import MainWindow

    win = MainWindow(app_ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()  # window shortcuts need the active window, as on a desktop
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    yield win
    win.close()
