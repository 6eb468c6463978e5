"""Fixtures of the transcription plugin's tests: recordings made here, packs, an open editor."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.packs import write_pack


def speechlike(seconds: float, rate: int = 16000, channels: int = 1, seed: int = 0,
               bursts: tuple[tuple[float, float], ...] | None = None) -> np.ndarray:
    """Tone bursts with a wobbling pitch between pauses, so a waveform shows words and gaps."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    t = np.arange(n) / rate
    if bursts is None:
        bursts, at = [], 0.15
        while at < seconds - 0.2:
            length = float(rng.uniform(0.2, 0.7))
            bursts.append((at, min(at + length, seconds - 0.1)))
            at += length + float(rng.uniform(0.08, 0.4))
    env = np.zeros(n)
    for a, b in bursts:
        i, j = int(a * rate), int(b * rate)
        if j > i:
            env[i:j] = np.sin(np.linspace(0, np.pi, j - i)) ** 0.5 * rng.uniform(0.3, 0.9)
    pitch = 140 + 40 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    voice = np.sin(phase) + 0.5 * np.sin(2 * phase) + 0.25 * np.sin(3 * phase)
    data = (0.5 * env * voice + 0.003 * rng.standard_normal(n)).astype("float32")
    if channels > 1:
        data = np.stack([data * (1.0 - 0.3 * c / channels) for c in range(channels)], axis=1)
    return data


def audio_bytes(seconds: float = 2.0, rate: int = 16000, channels: int = 1, fmt: str = "WAV",
                subtype: str | None = None, **kw) -> bytes:
    buf = io.BytesIO()
    sf.write(buf, speechlike(seconds, rate, channels, **kw), rate, format=fmt, subtype=subtype)
    return buf.getvalue()


def write_audio(path: Path, seconds: float = 2.0, rate: int = 16000, channels: int = 1, **kw) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = {".wav": "WAV", ".flac": "FLAC", ".ogg": "OGG", ".mp3": "MP3"}[path.suffix.lower()]
    path.write_bytes(audio_bytes(seconds, rate, channels, fmt, **kw))
    return path


@pytest.fixture
def make_pack(tmp_path):
    """Write a transcription pack: ``make_pack(items, media, speakers=["A", "B"])``."""
    counter = iter(range(1000))

    def make(items: list[dict], media: dict[str, bytes], speakers=("A", "B"), name: str | None = None) -> Path:
        root = tmp_path / (name or f"pack-{next(counter)}")
        return write_pack(root, kind="transcription", items=items, media=media,
                          task={"speakers": list(speakers)}, pack_id=f"test.{root.name}")

    return make


@pytest.fixture
def open_pack(window, app_ctx, qtbot):
    """Import a pack and open its first item in the real window; return the task view."""
    from PySide6 import QtGui

    from annotator.core.library import import_pack
    from annotator.core.session import WorkSession

    def open_(pack: Path):
        result = import_pack(pack, app_ctx.store, app_ctx.registry)
        window.session = WorkSession(app_ctx.store, result.pack, app_ctx.meter)
        window.start_task()
        window.activateWindow()
        # shortcuts fire only in the window that has the keyboard
        qtbot.waitUntil(lambda: QtGui.QGuiApplication.focusWindow() is window.windowHandle(), timeout=2000)
        return window.task

    return open_


@pytest.fixture
def open_editor(open_pack, make_pack):
    """One recording (default: 6 s of 16 kHz speech-like WAV) open in the real editor."""
    from annotator_transcription._qt.editor import TranscriptionEditor

    def open_(seconds: float = 6.0, item: dict | None = None, media: bytes | None = None,
              speakers=("A", "B"), suffix: str = ".wav"):
        rel = f"media/rec{suffix}"
        entry = {"id": "rec-1", "media": rel, "training": False, **(item or {})}
        data = media if media is not None else audio_bytes(seconds, fmt=suffix[1:].upper())
        task = open_pack(make_pack([entry], {rel: data}, speakers=speakers))
        editor = task.editor
        assert isinstance(editor, TranscriptionEditor)
        assert task.stack.currentWidget() is task.editor_holder, task.error_text.text()
        return editor

    return open_
