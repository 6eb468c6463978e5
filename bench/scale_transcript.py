"""Scale case "transcript": a two-hour interview with a long machine transcript, in the real window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scale.py transcript [--segments 5000] [--words 25000]
        [--previous DIR]         # first the previous code (DIR/annotator_transcription), as the anchor
        [--previous-json FILE]   # or the output of an earlier run of the previous code
        [--profile FILE]         # cProfile the interface thread during merge, split and undo (pstats file)
        [--loop-paints]          # steps not repainted by the benchmark: the event loop paints what changed

Generates a two-hour 16 kHz mono WAV and a pack of two items (a short recording, then the
interview with a machine transcript of ``--segments`` segments and ``--words`` words), imports
it into a temporary store and opens it in the real main window (1280 x 820). Then, each
driven from the event loop with :class:`scale.StallProbe` running:

* open to painted: from "next item" to the window painted with the interview (first open, the
  waveform building; then reopened with a saved annotation in which a tenth of the segments
  were corrected, the waveform from the cache);
* next segment, merge with the next and undo, split at the playhead and undo: handled and the
  editor repainted, 30 or 15 times each;
* typing: 200 keys at 25 a second into a segment, each handled and the text repainted; the
  longest stall while typing (saves included) and during the 2 s pause after it;
* leaving the item: the editor's unload (a pending save flushed) and the whole move to the next item.
"""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import OUT, StallProbe, case, in_loop, rss_mb, spin, summary

RATE = 16000
MINUTES = 120
VOCABULARY = ("so how did it start well it was a tuesday and we had just moved into the flat near the "
              "station my mother came over with boxes of books nobody wanted to carry up the stairs "
              "because the lift was broken again that whole month").split()


def generate_audio(path: Path, minutes: int = MINUTES) -> None:
    """Speech-like bursts between pauses, 16 kHz mono 16-bit (the transcription benchmark's generator)."""
    from transcription import generate

    generate(path, minutes, rate=RATE, channels=1)


def machine_transcript(segments: int, words: int, seconds: float, seed: int = 5) -> list[dict]:
    """``segments`` segments over ``seconds`` with ``words`` words in all (as ASR emits them: gaps between)."""
    rng = random.Random(seed)
    counts = [1] * segments
    for _ in range(words - segments):
        counts[rng.randrange(segments)] += 1
    slot = seconds / segments
    out = []
    for i, n in enumerate(counts):
        start = i * slot + rng.uniform(0.0, 0.1) * slot
        end = start + rng.uniform(0.75, 0.88) * slot
        out.append({"start": round(start, 3), "end": round(end, 3), "speaker": rng.choice("AB"),
                    "text": " ".join(rng.choice(VOCABULARY) for _ in range(n))})
    return out


def corrected(transcript: list[dict], duration: float, share: float = 0.1, seed: int = 9) -> dict:
    """A saved annotation: the machine transcript with ``share`` of its segments corrected."""
    rng = random.Random(seed)
    segments = []
    for seg in transcript:
        seg = dict(seg)
        if rng.random() < share:
            words = seg["text"].split()
            words[rng.randrange(len(words))] = rng.choice(VOCABULARY).upper()
            if rng.random() < 0.5:
                words.insert(rng.randrange(len(words) + 1), "indeed")
            seg["text"] = " ".join(words)
        segments.append(seg)
    return {"format": "transcription/1", "duration": duration, "segments": segments}


def write_pack(root: Path, audio: Path, transcript: list[dict]) -> Path:
    import tomli_w

    (root / "media").mkdir(parents=True)
    manifest = {
        "format": 1,
        "pack": {"id": "bench.scale.transcript", "version": "1.0.0", "title": "A two-hour interview",
                 "kind": "transcription", "lab": "bench", "contact": "bench@example.org", "language": "en"},
        "pay": {"currency": "EUR", "per_item": 5.0, "estimated_seconds_per_item": 36000,
                "instructions_paid": True, "training_paid": True},
        "content": {"warnings": []},
        "task": {"speakers": ["A", "B"]},
    }
    (root / "pack.toml").write_text(tomli_w.dumps(manifest), encoding="utf-8")
    (root / "instructions.md").write_text("# Transcribe the interview\n", encoding="utf-8")
    import numpy as np
    import soundfile as sf

    sf.write(str(root / "media" / "short.wav"), np.zeros(RATE * 2, dtype="float32"), RATE)
    shutil.copyfile(audio, root / "media" / "interview.wav")
    items = [{"id": "short", "media": "media/short.wav", "training": False},
             {"id": "interview", "media": "media/interview.wav", "training": False, "transcript": transcript}]
    (root / "items.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return root


OPTIONS = [
    ("--segments", {"type": int, "default": 5000, "help": "transcript: machine transcript segments"}),
    ("--words", {"type": int, "default": 25000, "help": "transcript: machine transcript words"}),
    ("--plugin-path", {"default": None,
                       "help": "transcript: a folder holding another annotator_transcription to measure"}),
    ("--previous", {"default": None,
                    "help": "transcript: a folder holding the previous annotator_transcription, measured first in "
                            "a process of its own and shown as the anchor"}),
    ("--loop-paints", {"action": "store_true",
                       "help": "transcript: do not force a repaint of the whole editor after each step; the event loop "
                               "paints what changed (the step's figure is then without painting, its stall with it)"}),
    ("--profile", {"default": None,
                   "help": "transcript: write a cProfile of the interface thread during merge, split and undo to "
                           "this file (read it with python -m pstats)"}),
    ("--previous-json", {"default": None,
                         "help": "transcript: the output of an earlier run on the previous code (its last line is "
                                 "read), shown as the anchor instead of measuring it again"}),
]


@case("transcript", "a 2-hour interview, 5,000 segments / 25,000 words, in the real window", OPTIONS)
def transcript(args, report) -> None:
    previous = run_previous(args) if args.previous else {}
    if args.previous_json:
        previous = json.loads(Path(args.previous_json).read_text().strip().splitlines()[-1])["cases"]["transcript"]
    if args.plugin_path:
        sys.path.insert(0, str(Path(args.plugin_path).resolve()))
    OUT.mkdir(parents=True, exist_ok=True)
    audio = OUT / f"scale-interview-{MINUTES}min-16k.wav"
    started = time.perf_counter()
    generate_audio(audio)
    seconds = MINUTES * 60.0
    machine = machine_transcript(args.segments, args.words, seconds)
    print(f"# {audio.name} ready in {time.perf_counter() - started:.1f} s; {len(machine)} segments, "
          f"{sum(len(s['text'].split()) for s in machine)} words")

    from PySide6 import QtCore
    from PySide6.QtTest import QTest

    from annotator.core.context import AppContext
    from annotator.core.library import import_pack
    from annotator.core.registry import installed
    from annotator.core.session import RecordingMeter, WorkSession
    from annotator.core.store import Store
    from annotator.ui.app import make_qapp
    from annotator.ui.main_window import MainWindow

    import annotator_transcription

    print(f"# plugin: {Path(annotator_transcription.__file__).parent}")
    app = make_qapp()
    tmp = Path(tempfile.mkdtemp(prefix="scale-transcript-"))
    figure = Figures(report, previous, painted=not args.loop_paints)
    try:
        pack_dir = write_pack(tmp / "pack", audio, machine)
        store = Store(tmp / "data")
        registry = installed()
        pack = import_pack(pack_dir, store, registry).pack
        ctx = AppContext(store=store, registry=registry, meter=RecordingMeter())
        window = MainWindow(ctx)
        window.resize(1280, 820)
        window.show()
        app.processEvents()
        window.session = WorkSession(store, pack, ctx.meter)
        window.start_task()  # the short recording: the editor is built and warm
        spin(app, 0.5)
        task = window.task
        probe = StallProbe()

        def painted(step):
            def run():
                step()
                app.processEvents()  # what the step queued for at once
                window.repaint()
            return run

        # -- open: first time (the waveform builds in the background), then reopened with corrections
        first = in_loop(app, probe, painted(task.next), settle=2.0)
        editor = task.editor
        assert len(editor.segments) == len(machine), (len(editor.segments), len(machine))
        spin(app, 3.0)  # the waveform finishes, the cache is written
        in_loop(app, probe, painted(task.previous), settle=0.5)
        item = store.item_by_id(pack.pk, "interview")
        store.save_annotation(item.pk, corrected(machine, seconds), None)
        reopen = in_loop(app, probe, painted(task.next), settle=2.0)
        editor = task.editor
        figure("open_painted_ms", "open to painted (saved corrections, waveform cached)", reopen.cpu, reopen.wall,
               target=300)
        figure("open_stall_ms", "longest stall, open and the 2 s after", reopen.stall_cpu, reopen.stall_wall)
        figure("first_open_painted_ms", "first open to painted (waveform building)", first.cpu, first.wall,
               target=300)

        # -- moving, merging, splitting, undoing: each handled and the editor repainted
        def repainted(action):
            def run():
                action()
                if not args.loop_paints:
                    editor.repaint()
            return run

        editor.set_current(len(editor.segments) // 2, seek=True)
        spin(app, 0.3)
        moves = [in_loop(app, probe, repainted(editor.next_segment)) for _ in range(30)]
        figure.steps("next_segment", "next segment", moves)
        merges, splits, undos = [], [], []
        collections = CycleCollections()
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile(time.thread_time)
            profiler.enable()
        for _ in range(15):
            merges.append(in_loop(app, probe, repainted(editor.merge_with_next)))
            undos.append(in_loop(app, probe, repainted(task.undo)))
            seg = editor.segments[editor.current]
            editor.transport.seek((seg.start + seg.end) / 2)
            splits.append(in_loop(app, probe, repainted(editor.split_at_playhead)))
            undos.append(in_loop(app, probe, repainted(task.undo)))
            in_loop(app, probe, editor.next_segment, settle=0.05)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
        collections.stop()
        figure("edits_gc_ms", "merge, split, undo: Python's longest cycle collection", collections.longest_cpu,
               collections.longest_wall)
        report.note(f"cycle collections during merge, split and undo: {collections.count} "
                    f"({collections.full} of the whole heap)")
        figure.steps("merge", "merge with the next", merges)
        figure.steps("split", "split at the playhead", splits)
        figure.steps("undo", "undo", undos)

        # -- typing at 25 keys a second, then a pause
        editor.text.setFocus()
        editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
        spin(app, 0.3)
        sentence = " and then we went up the stairs again"
        keys: list[tuple[float, float]] = []

        def key(i=[0]):
            start, cpu = time.perf_counter(), time.thread_time()
            QTest.keyClick(editor.text, sentence[i[0] % len(sentence)])
            editor.text.viewport().repaint()
            keys.append(((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000))
            i[0] += 1

        timer = QtCore.QTimer()
        timer.setInterval(40)
        timer.timeout.connect(key)
        probe.start()
        timer.start()
        while len(keys) < 200:
            spin(app, 0.1)
        timer.stop()
        typing_wall, typing_cpu = probe.stop()
        probe.start()
        spin(app, 2.0)
        pause_wall, pause_cpu = probe.stop()
        figure("typing_key_ms", "typing: one key handled and painted, median",
               summary([c for _, c in keys])[0], summary([w for w, _ in keys])[0], target=16)
        figure("typing_key_max_ms", "typing: slowest key", max(c for _, c in keys), max(w for w, _ in keys))
        figure("typing_stall_ms", "longest stall while typing (saves included)", typing_cpu, typing_wall,
               target=16)
        figure("pause_stall_ms", "longest stall in the 2 s after typing stops", pause_cpu, pause_wall, target=16)

        # -- leaving the item with typing not saved yet
        for char in "ok":
            QTest.keyClick(editor.text, char)
        unloads: list[tuple[float, float]] = []
        real_unload = editor.unload

        def timed_unload():
            start, cpu = time.perf_counter(), time.thread_time()
            real_unload()
            unloads.append(((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000))

        editor.unload = timed_unload  # instrumentation only: the same unload, timed
        leave = in_loop(app, probe, painted(task.previous), settle=0.3)
        editor.unload = real_unload
        saved = store.annotation(item.pk).data
        assert saved["segments"] and any(s["text"].endswith("ok") for s in saved["segments"]), "typing was lost"
        figure("leave_ms", "leaving the item (unload, the pending save flushed)", unloads[0][1], unloads[0][0],
               target=50)
        figure("next_item_ms", "the whole move to the next item, painted", leave.cpu, leave.wall)
        figure("peak_rss_mb", "peak memory of the window's process", rss_mb("VmHWM"), None, unit="MB")
        window.close()
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class CycleCollections:
    """Python's cycle collections while it runs: how many, how many of the whole heap, the longest (ms)."""

    def __init__(self):
        import gc

        self.count = self.full = 0
        self.longest_wall = self.longest_cpu = 0.0
        self._started = (0.0, 0.0)
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = (time.perf_counter(), time.thread_time())
            return
        self.count += 1
        self.full += info.get("generation") == 2
        self.longest_wall = max(self.longest_wall, (time.perf_counter() - self._started[0]) * 1000)
        self.longest_cpu = max(self.longest_cpu, (time.thread_time() - self._started[1]) * 1000)

    def stop(self) -> None:
        import gc

        gc.callbacks.remove(self._callback)


class Figures:
    """Records figures with their target and the previous code's figure as the anchor."""

    def __init__(self, report, previous: dict[str, float], painted: bool = True):
        self.report, self.previous = report, previous
        self.handled = "handled and repainted" if painted else "handled (not painted: the loop paints after)"

    def __call__(self, key: str, label: str, cpu: float, wall: float | None, *, target: float | None = None,
                 unit: str = "ms") -> None:
        before = self.previous.get(key)
        anchor = ""
        if before is not None:
            anchor = f"previous code: {before:.1f} {unit}"
            wall_before = self.previous.get(key + "_wall")
            if wall_before is not None:
                anchor += f" (wall {wall_before:.0f} {unit})"
        self.report.figure(key, label, cpu, unit, target=("<", target) if target else None, anchor=anchor,
                           wall=wall)

    def steps(self, key: str, label: str, steps: list) -> None:
        self(f"{key}_ms", f"{label}: {self.handled}, median", summary([s.cpu for s in steps])[0],
             summary([s.wall for s in steps])[0], target=16)
        self(f"{key}_max_ms", f"{label}: slowest of {len(steps)}", max(s.cpu for s in steps),
             max(s.wall for s in steps))
        self(f"{key}_stall_ms", f"{label}: longest stall", max(s.stall_cpu for s in steps),
             max(s.stall_wall for s in steps), target=16)


def run_previous(args) -> dict[str, float]:
    """The same case on the previous code, in a process of its own: its figures by key."""
    command = [sys.executable, str(Path(__file__).with_name("scale.py")), "transcript", "--plugin-path",
               args.previous, "--segments", str(args.segments), "--words", str(args.words)]
    print("# the previous code first:", " ".join(command[1:]), flush=True)
    proc = subprocess.run(command, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        print(proc.stdout[-3000:], proc.stderr[-3000:], file=sys.stderr)
        return {}
    print("\n".join(line for line in lines if line.startswith("|")), flush=True)
    return json.loads(lines[-1])["cases"]["transcript"]
