#!/usr/bin/env python3
"""Benchmark of the transcription plugin on a two-hour 48 kHz stereo recording (WAV and FLAC).

    . ./.test-services.env   # PulseAudio null sink, for the seek latency while playing
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/transcription.py [--minutes 120] [--keep]

Generates ``bench/out/interview-120min.wav`` and ``.flac`` (git-ignored; 1.4 GB and
about 0.7 GB, kept between runs), then for each file reports:

* decode: soundfile's plain streaming decode of the whole file (best of 3), as int16 and float32;
* build: the waveform pyramid built from scratch (best of 3), with the default
  reader threads and with one, and its ratio to the decode in the same sample type;
* first waveform on screen: from ``editor.load()`` until the detail view has drawn
  waveform (first open: no cached pyramid, the build runs in the background);
* complete: until the whole pyramid is built and drawn (first open);
* reopening: from ``load()`` until the whole waveform is drawn, from the cache;
* seek latency while playing through the audio device (10 random seeks): from
  ``seek()`` until the player reports the new position, and until its reports move
  on from there (the sound plays again; this includes the audio device's latency);
* peak memory above the app's baseline (resident set size, Linux ``VmHWM`` reset
  through ``/proc/self/clear_refs``), during open, build, reopen and seeks.

The page cache is warm (the files were just written or read), so the decode is
CPU-bound; a cold disk slows the decode and the build alike.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import soundfile as sf

from benchhost import BenchHost

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RATE = 48000


def generate(path: Path, minutes: float, rate: int = RATE, channels: int = 2) -> None:
    """Speech-like sound: voiced bursts with a wobbling pitch, pauses and a little noise (16-bit WAV or FLAC)."""
    if path.exists():
        return
    rng = np.random.default_rng(7)
    tmp = path.with_name(path.name + ".part")
    fmt = "WAV" if path.suffix == ".wav" else "FLAC"
    chunk = 60 * rate
    with sf.SoundFile(str(tmp), "w", rate, channels, subtype="PCM_16", format=fmt) as out:
        for k in range(int(minutes)):
            t = (np.arange(chunk) + k * chunk) / rate
            env = np.zeros(chunk)
            at = 0
            while at < chunk:
                length = int(rng.uniform(0.2, 0.8) * rate)
                end = min(at + length, chunk)
                env[at:end] = np.sin(np.linspace(0, np.pi, end - at)) * rng.uniform(0.2, 0.8)
                at = end + int(rng.uniform(0.05, 0.5) * rate)
            phase = 2 * np.pi * np.cumsum(130 + 40 * np.sin(2 * np.pi * 0.5 * t)) / rate
            voice = env * (np.sin(phase) + 0.4 * np.sin(2 * phase)) * 0.5 + 0.002 * rng.standard_normal(chunk)
            data = np.stack([voice * (1.0 - 0.2 * c) for c in range(channels)], axis=1)
            out.write(data.astype("float32"))
    tmp.replace(path)


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def decode(path: Path, dtype: str) -> None:
    buf = np.empty((1 << 16, 2), dtype=dtype)
    with sf.SoundFile(str(path)) as f:
        while len(f.read(1 << 16, dtype=dtype, always_2d=True, out=buf)):
            pass


def rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


TRANSCRIPTION_TASK = {"speakers": ["A", "B"]}


def drawn(editor, complete: bool) -> bool:
    y = editor.waves.curve.getData()[1]
    if y is None or len(y) == 0 or float(np.abs(y).max()) < 0.05:
        return False
    return editor.pyramid.complete if complete else True


def wait_for(app, predicate, timeout: float = 600.0) -> float:
    started = time.perf_counter()
    while not predicate():
        app.processEvents()
        if time.perf_counter() - started > timeout:
            raise TimeoutError
        time.sleep(0.001)
    return time.perf_counter() - started


def editor_figures(app, editor, path: Path, cache: Path) -> dict:
    import shutil

    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    host = BenchHost(path, cache, "transcription", TRANSCRIPTION_TASK)
    started = time.perf_counter()
    editor.load(host)
    loaded = time.perf_counter() - started
    first = loaded + wait_for(app, lambda: drawn(editor, False))
    editor.grab()  # paint it
    first_painted = time.perf_counter() - started
    complete = first + wait_for(app, lambda: drawn(editor, True) and not editor._build_timer.isActive())
    editor.unload()
    host = BenchHost(path, cache, "transcription", TRANSCRIPTION_TASK)
    started = time.perf_counter()
    editor.load(host)
    assert editor.pyramid.from_cache, "the pyramid was not cached"
    wait_for(app, lambda: drawn(editor, True))
    editor.grab()
    reopen = time.perf_counter() - started
    seeks = seek_latencies(app, editor)
    editor.unload()
    return {"load": loaded, "first": first_painted, "complete": complete, "reopen": reopen, "seeks": seeks}


def seek_latencies(app, editor, count: int = 10) -> list[float]:
    if not os.environ.get("ANNOTATOR_TEST_AUDIO"):
        return []
    transport = editor.transport
    reports: list[tuple[float, float]] = []
    transport.player.positionChanged.connect(lambda ms: reports.append((time.perf_counter(), ms / 1000)))
    transport.play()
    try:
        wait_for(app, lambda: any(p > 0.3 for _, p in reports), timeout=10)
    except TimeoutError:
        return []
    rng = np.random.default_rng(1)
    latencies = []
    for target in rng.uniform(60, transport.duration - 60, count):
        reports.clear()
        started = time.perf_counter()
        transport.seek(float(target))
        try:
            wait_for(app, lambda: any(abs(p - target) < 0.05 for _, p in reports), timeout=5)
            echo = next(t for t, p in reports if abs(p - target) < 0.05) - started
            wait_for(app, lambda: any(target + 0.01 < p < target + 0.6 for _, p in reports), timeout=5)
            sound = next(t for t, p in reports if target + 0.01 < p < target + 0.6) - started
        except TimeoutError:
            echo = sound = float("inf")
        latencies.append((echo, sound))
        time.sleep(0.2)
    transport.pause()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=120.0)
    parser.add_argument("--keep", action="store_true", help="keep the generated recordings (default: keep anyway)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    minutes = int(args.minutes)
    files = [OUT / f"interview-{minutes}min.wav", OUT / f"interview-{minutes}min.flac"]
    for path in files:
        started = time.perf_counter()
        generate(path, args.minutes)
        print(f"# {path.name}: {path.stat().st_size / 1e6:.0f} MB (ready in {time.perf_counter() - started:.1f} s)")

    from annotator_transcription.audio import probe
    from annotator_transcription.waveform import Pyramid

    rows = []
    for path in files:
        info = probe(path)
        decode(path, "int16")  # warm the page cache
        dec16 = best(lambda: decode(path, "int16"))
        dec32 = best(lambda: decode(path, "float32"))
        build_n = best(lambda: Pyramid(info).build())
        workers = len(Pyramid(info).build()._ranges)
        build_1 = best(lambda: Pyramid(info).build(workers=1))
        rows.append((path, info, dec16, dec32, build_n, workers, build_1))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtWidgets

    from annotator.ui.app import make_qapp

    app = make_qapp()
    from annotator_transcription._qt.editor import TranscriptionEditor

    editor = TranscriptionEditor()
    editor.resize(1280, 700)
    editor.show()
    # warm up Qt, pyqtgraph and the media backend on a short file, so the baseline is the running app
    warm = OUT / "warmup.wav"
    sf.write(str(warm), np.zeros((RATE, 2), dtype="float32"), RATE)
    editor.load(BenchHost(warm, OUT / "cache-warmup", "transcription", TRANSCRIPTION_TASK))
    wait_for(app, lambda: editor.pyramid.complete)
    editor.grab()
    editor.unload()
    app.processEvents()
    baseline = rss_kb("VmRSS")
    peak_ok = reset_peak()
    figures = {}
    for path, *_ in rows:
        figures[path] = editor_figures(app, editor, path, OUT / "cache")
    peak = rss_kb("VmHWM") if peak_ok else 0
    QtWidgets.QApplication.processEvents()

    print()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"soundfile {sf.__version__} (libsndfile {sf.__libsndfile_version__})")
    print("| file | decode int16 | decode float32 | build (threads) | ratio | build (1 thread) | ratio |"
          " first waveform | complete | reopening | seek while playing: position reported, median / worst |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path, info, dec16, dec32, build_n, workers, build_1 in rows:
        base = dec16 if info.is_pcm else dec32
        f = figures[path]
        seeks = f["seeks"]
        if seeks:
            echo = [e for e, _ in seeks]
            sound = [s for _, s in seeks]
            seek_text = (f"{statistics.median(echo) * 1000:.0f} / {max(echo) * 1000:.0f} ms; sound moving on "
                         f"{statistics.median(sound) * 1000:.0f} / {max(sound) * 1000:.0f} ms")
        else:
            seek_text = "n/a (no audio device)"
        print(f"| {path.suffix[1:].upper()} {info.duration / 3600:.1f} h, {path.stat().st_size / 1e9:.2f} GB "
              f"| {dec16:.2f} s | {dec32:.2f} s | {build_n:.2f} s ({workers}) | {build_n / base:.2f} "
              f"| {build_1:.2f} s | {build_1 / base:.2f} | {f['first'] * 1000:.0f} ms | {f['complete']:.2f} s "
              f"| {f['reopen'] * 1000:.0f} ms | {seek_text} |")
    print()
    print("ratio: build time / soundfile's plain decode of the same file, in the sample type the build reads "
          "(int16 for PCM WAV and FLAC)")
    if peak_ok:
        print(f"memory: baseline {baseline / 1024:.0f} MB resident (the editor open on a short file), "
              f"peak {peak / 1024:.0f} MB, peak above baseline {(peak - baseline) / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
