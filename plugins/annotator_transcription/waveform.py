"""The waveform of a recording as a min/max pyramid, built by streaming and cached on disk.

Qt-free. A recording is read block by block through soundfile (never the whole file
as floats in memory) and reduced to level 0: the minimum and maximum sample, over all
channels, of every bin of ``bin_frames`` frames (about 5 ms). Each higher level
reduces the one below by :data:`FACTOR`. A two-hour 48 kHz recording gives
1.35 million level-0 bins (5.4 MB as int16 pairs) and about 7 MB in all.

Long PCM files (WAV, FLAC) are read by several threads, each a contiguous range of
the file (soundfile and numpy release the GIL), so the build is no slower than a
plain decode. Compressed formats whose seeking is approximate (Ogg, MP3) are read
by one thread. Complete pyramids of recordings over :data:`CACHE_MIN_SECONDS` are
saved in the plugin's cache folder, keyed by the file's path, size and mtime, and
come back in milliseconds on reopening.

See ``docs/adr/0201-waveform-pyramid.md``.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from annotator_transcription.audio import AudioInfo

VERSION = 1
FACTOR = 4
BLOCK_FRAMES = 1 << 16
#: recordings shorter than this build in milliseconds and are not cached
CACHE_MIN_SECONDS = 30.0
#: ranges read in parallel only for files at least this long
PARALLEL_MIN_SECONDS = 60.0
#: formats whose seeking is sample-exact in libsndfile
SEEK_EXACT = {"WAV", "WAVEX", "RF64", "W64", "AIFF", "FLAC", "CAF"}
#: the most raw frames :func:`read_envelope` reads for one view
RAW_MAX_FRAMES = 1 << 22


def bin_frames_for(samplerate: int) -> int:
    """Frames per level-0 bin: a power of two near 5 ms, so every rate gives similar sizes."""
    return max(16, 1 << round(math.log2(max(samplerate, 1) / 200)))


@dataclass
class Envelope:
    """What a view draws: bin start times with min and max in [-1, 1].

    ``mode`` is ``"pairs"`` (a vertical stroke from min to max per bin) or
    ``"line"`` (few enough samples to draw them one by one; ``hi`` is ``lo``).
    """

    x: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    mode: str = "pairs"


class Pyramid:
    """The min/max pyramid of one recording, complete or being built."""

    def __init__(self, info: AudioInfo, levels: list[np.ndarray] | None = None):
        self.info = info
        self.bin_frames = bin_frames_for(info.samplerate)
        self.n_bins = -(-info.frames // self.bin_frames)
        if levels is None:
            levels = [np.zeros((self.n_bins, 2), dtype=np.int16)]
            self.complete = False
        else:
            self.complete = True
        self.levels = levels
        self.error: str | None = None
        self.end_frame = info.frames if self.complete else None
        """Frames actually readable; less than ``info.frames`` for a truncated file."""
        self.from_cache = False
        self.build_seconds: float | None = None
        self._ranges: list[tuple[int, int]] = [(0, self.n_bins)]
        self._done: list[int] = [self.n_bins if self.complete else 0]
        self._short: list[int | None] = [None]
        self._cancel = threading.Event()
        self._threads: list[threading.Thread] = []
        self._finished = threading.Event()
        if self.complete:
            self._finished.set()

    # ------------------------------------------------------------------ state

    @property
    def seconds_per_bin(self) -> float:
        return self.bin_frames / self.info.samplerate

    def progress(self) -> float:
        return 1.0 if self.complete else sum(self._done) / max(self.n_bins, 1)

    def filled_until(self) -> float:
        """Seconds from the start that are drawn without a gap (for progress messages)."""
        if self.complete:
            return self.info.duration
        return min(self._done[0] * self.seconds_per_bin, self.info.duration)

    @property
    def building(self) -> bool:
        return bool(self._threads) and not self._finished.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._finished.wait(timeout)

    def cancel(self) -> None:
        self._cancel.set()

    # ------------------------------------------------------------------ building

    def start(self, workers: int | None = None, cache_dir: Path | None = None, nice: bool = True) -> None:
        """Build in background threads; poll :meth:`progress`, or :meth:`wait`."""
        if self.complete or self._threads:
            return
        info = self.info
        if workers is None:
            workers = min(os.cpu_count() or 1, 4)
        if info.format not in SEEK_EXACT or info.duration < PARALLEL_MIN_SECONDS:
            workers = 1
        workers = max(1, min(workers, self.n_bins))
        edges = [self.n_bins * k // workers for k in range(workers + 1)]
        self._ranges = [(edges[k], edges[k + 1]) for k in range(workers)]
        self._done = [0] * workers
        self._short = [None] * workers
        self._errors: list[str | None] = [None] * workers
        self._remaining = workers
        self._lock = threading.Lock()
        self._t0 = time.perf_counter()
        for k in range(workers):
            thread = threading.Thread(target=self._work, args=(k, cache_dir, nice), daemon=True,
                                      name=f"waveform-{info.path.name}-{k}")
            self._threads.append(thread)
        for thread in self._threads:
            thread.start()

    def build(self, workers: int | None = None, cache_dir: Path | None = None) -> "Pyramid":
        """Build now, in this thread's time (the threads are joined)."""
        self.start(workers, cache_dir, nice=False)
        self.wait()
        return self

    def _work(self, k: int, cache_dir: Path | None, nice: bool) -> None:
        if nice and hasattr(os, "setpriority"):
            try:  # a lower priority for this thread only (Linux), so playback and typing come first
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
            except (OSError, AttributeError):
                pass
        b0, b1 = self._ranges[k]
        try:
            self._read_range(k, b0, b1)
        except Exception as exc:  # a damaged file: keep what was read, say where it stopped
            self._errors[k] = str(exc) or type(exc).__name__
            # the failing block is lost; read it again in small steps to keep what precedes the damage
            try:
                self._read_range(k, b0 + self._done[k], b1, step_bins=8)
            except Exception:
                pass
        with self._lock:
            self._remaining -= 1
            last = self._remaining == 0
        if last:
            self._finish(cache_dir)

    def _read_range(self, k: int, b0: int, b1: int, step_bins: int | None = None) -> None:
        info, bf = self.info, self.bin_frames
        level0 = self.levels[0]
        first = self._ranges[k][0]
        start, stop = b0 * bf, min(b1 * bf, info.frames)
        dtype = "int16" if info.is_pcm else "float32"
        block = step_bins * bf if step_bins else ((BLOCK_FRAMES // bf) * bf or bf)
        buf = np.empty((block, info.channels), dtype=dtype)
        with sf.SoundFile(str(info.path)) as f:
            if start:
                f.seek(start)
            pos, b = start, b0
            while pos < stop and not self._cancel.is_set():
                want = min(block, stop - pos)
                got = f.read(want, dtype=dtype, always_2d=True, out=buf[:want])
                n = len(got)
                if n == 0:
                    self._short[k] = pos
                    return
                flat = got.reshape(-1)
                nb_full = n // bf
                width = bf * info.channels
                if nb_full:
                    grid = flat[: nb_full * width].reshape(nb_full, width)
                    lo, hi = grid.min(axis=1), grid.max(axis=1)
                    self._store(level0, b, lo, hi)
                if n % bf:
                    rest = flat[nb_full * width:]
                    self._store(level0, b + nb_full, rest.min(keepdims=True), rest.max(keepdims=True))
                    nb_full += 1
                b += nb_full
                pos += n
                self._done[k] = b - first
                if n < want:
                    self._short[k] = pos
                    return

    @staticmethod
    def _store(level0: np.ndarray, b: int, lo: np.ndarray, hi: np.ndarray) -> None:
        if lo.dtype != np.int16:
            lo = np.clip(np.nan_to_num(lo) * 32767.0, -32768, 32767).astype(np.int16)
            hi = np.clip(np.nan_to_num(hi) * 32767.0, -32768, 32767).astype(np.int16)
        level0[b:b + len(lo), 0] = lo
        level0[b:b + len(hi), 1] = hi

    def _finish(self, cache_dir: Path | None) -> None:
        try:
            info = self.info
            if self._cancel.is_set():
                return
            # the first range that stopped early (or failed) marks the readable end of the file
            end = info.frames
            problem = None
            for k, (b0, _b1) in enumerate(self._ranges):
                if self._errors[k] is not None:
                    end = min(end, b0 * self.bin_frames + self._done[k] * self.bin_frames)
                    problem = self._errors[k]
                    break
                if self._short[k] is not None:
                    end = min(end, self._short[k])
                    break
            self.end_frame = end
            if end < info.frames:
                cut = -(-end // self.bin_frames)
                self.levels[0][cut:] = 0
                when = format_clock(end / info.samplerate)
                self.error = (f"the recording is damaged or cut short after {when}"
                              + (f" ({problem})" if problem else "")
                              + "; the waveform stops there")
            self.levels = build_levels(self.levels[0])
            self.build_seconds = time.perf_counter() - self._t0
            if self.error is None and cache_dir is not None and info.duration >= CACHE_MIN_SECONDS:
                try:  # saved before it is marked complete, so a reopening right after finds it
                    save(self, cache_dir)
                except OSError:
                    pass  # a cache is a cache
            self.complete = True
        finally:
            self._finished.set()

    # ------------------------------------------------------------------ drawing

    def envelope(self, t0: float, t1: float, bins: int) -> Envelope | None:
        """Min/max over about ``bins`` bins between ``t0`` and ``t1`` seconds.

        ``None`` when the pyramid is too coarse for that zoom (fewer than one bin per
        two pixels): the caller reads the samples with :func:`read_envelope`.
        """
        bins = max(int(bins), 1)
        spb = self.seconds_per_bin
        i0 = max(0, int(math.floor(t0 / spb)))
        i1 = min(self.n_bins, int(math.ceil(t1 / spb)))
        if i1 <= i0:
            return Envelope(np.zeros(0), np.zeros(0), np.zeros(0))
        count = i1 - i0
        if count < bins // 2:
            return None
        level = 0
        if self.complete:
            while level + 1 < len(self.levels) and count // (FACTOR ** (level + 1)) >= bins:
                level += 1
        scale = FACTOR ** level
        j0, j1 = i0 // scale, -(-i1 // scale)
        data = self.levels[level][j0:j1]
        group = max(1, len(data) // bins)
        lo, hi = reduce_pairs(data, group)
        x = (j0 + np.arange(len(lo)) * group) * scale * spb
        return Envelope(x, lo.astype(np.float32) / 32768.0, hi.astype(np.float32) / 32768.0)


def reduce_pairs(data: np.ndarray, group: int) -> tuple[np.ndarray, np.ndarray]:
    """Reduce an ``(n, 2)`` min/max array by ``group`` (the last group may be shorter)."""
    if group <= 1:
        return data[:, 0], data[:, 1]
    n = len(data)
    full = n // group * group
    lo = data[:full, 0].reshape(-1, group).min(axis=1)
    hi = data[:full, 1].reshape(-1, group).max(axis=1)
    if full < n:
        lo = np.append(lo, data[full:, 0].min())
        hi = np.append(hi, data[full:, 1].max())
    return lo, hi


def build_levels(level0: np.ndarray) -> list[np.ndarray]:
    levels = [level0]
    while len(levels[-1]) > 2048:
        lo, hi = reduce_pairs(levels[-1], FACTOR)
        levels.append(np.stack([lo, hi], axis=1))
    return levels


def read_envelope(info: AudioInfo, t0: float, t1: float, bins: int) -> Envelope:
    """The envelope of a short stretch read straight from the file (deep zoom)."""
    rate = info.samplerate
    f0 = max(0, int(t0 * rate))
    f1 = min(info.frames, int(math.ceil(t1 * rate)), f0 + RAW_MAX_FRAMES)
    if f1 <= f0:
        return Envelope(np.zeros(0), np.zeros(0), np.zeros(0))
    with sf.SoundFile(str(info.path)) as f:
        f.seek(f0)
        data = f.read(f1 - f0, dtype="float32", always_2d=True)
    n = len(data)
    if n == 0:
        return Envelope(np.zeros(0), np.zeros(0), np.zeros(0))
    bins = max(int(bins), 1)
    if n <= 2 * bins:
        y = data.mean(axis=1)
        x = (f0 + np.arange(n)) / rate
        return Envelope(x, y, y, "line")
    group = n // bins
    full = n // group * group
    grid = data[:full].reshape(-1, group * info.channels)
    lo, hi = grid.min(axis=1), grid.max(axis=1)
    x = (f0 + np.arange(len(lo)) * group) / rate
    return Envelope(x, lo, hi)


# ---------------------------------------------------------------------- cache


def cache_key(info: AudioInfo) -> str:
    ident = f"{info.path.resolve()}|{info.size}|{info.mtime_ns}|{info.frames}|{info.samplerate}|v{VERSION}"
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def cache_path(cache_dir: Path, info: AudioInfo) -> Path:
    return Path(cache_dir) / "waveforms" / f"{cache_key(info)}.npz"


def save(pyramid: Pyramid, cache_dir: Path) -> Path:
    path = cache_path(cache_dir, pyramid.info)
    path.parent.mkdir(parents=True, exist_ok=True)
    info = pyramid.info
    meta = {"version": VERSION, "frames": info.frames, "samplerate": info.samplerate,
            "channels": info.channels, "bin_frames": pyramid.bin_frames, "levels": len(pyramid.levels)}
    arrays = {f"level{k}": level for k, level in enumerate(pyramid.levels)}
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npz")
    with open(tmp, "wb") as fh:
        np.savez(fh, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), **arrays)
    tmp.replace(path)
    return path


def load(info: AudioInfo, cache_dir: Path) -> Pyramid | None:
    """The cached pyramid of ``info``'s file, or ``None`` (a damaged cache file is removed)."""
    path = cache_path(cache_dir, info)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as doc:
            meta = json.loads(bytes(doc["meta"]).decode())
            expected = {"version": VERSION, "frames": info.frames, "samplerate": info.samplerate,
                        "channels": info.channels, "bin_frames": bin_frames_for(info.samplerate)}
            if any(meta.get(k) != v for k, v in expected.items()):
                raise ValueError("stale cache")
            levels = [doc[f"level{k}"] for k in range(int(meta["levels"]))]
        n = -(-info.frames // expected["bin_frames"])
        if not levels or levels[0].shape != (n, 2) or any(lv.dtype != np.int16 or lv.ndim != 2 for lv in levels):
            raise ValueError("bad shape")
        for below, above in zip(levels, levels[1:]):
            if len(above) != -(-len(below) // FACTOR):
                raise ValueError("bad level")
    except Exception:
        try:
            path.unlink()
        except OSError:
            pass
        return None
    pyramid = Pyramid(info, levels)
    pyramid.from_cache = True
    return pyramid


def open_pyramid(info: AudioInfo, cache_dir: Path | None) -> Pyramid:
    """The cached pyramid, else a new one to :meth:`Pyramid.start`."""
    if cache_dir is not None:
        cached = load(info, cache_dir)
        if cached is not None:
            return cached
    return Pyramid(info)


def format_clock(seconds: float, decimals: int = 1, hours: bool = False) -> str:
    """``m:ss.s``, or ``h:mm:ss.s`` past an hour or with ``hours``, for the worker's eyes."""
    seconds = max(0.0, float(seconds))
    scale = 10 ** decimals
    total = int(round(seconds * scale))
    whole, frac = divmod(total, scale)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    tail = f".{frac:0{decimals}d}" if decimals else ""
    return f"{h}:{m:02d}:{s:02d}{tail}" if h or hours else f"{m}:{s:02d}{tail}"
