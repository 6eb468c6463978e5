"""Reading audio files through soundfile (libsndfile): what a file is, and clear errors.

Qt-free: the command line, the exporters and the lab's merge use it without a display.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import soundfile as sf

#: longest recording we accept; a header claiming more is treated as damaged
MAX_SECONDS = 24 * 3600
MAX_RATE = 768_000
MAX_CHANNELS = 64


class AudioError(ValueError):
    """A media file that cannot be used, with a message for the worker."""


def sniff(head: bytes) -> str | None:
    """The audio container a file's first bytes announce, or ``None``."""
    if head[:4] in (b"RIFF", b"RF64") and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


@dataclass(frozen=True)
class AudioInfo:
    path: Path
    samplerate: int
    channels: int
    frames: int
    format: str
    subtype: str
    size: int
    mtime_ns: int

    @property
    def duration(self) -> float:
        return self.frames / self.samplerate

    @property
    def is_pcm(self) -> bool:
        """Integer samples (WAV/FLAC PCM): cheapest to read as int16, and never out of range."""
        return self.subtype.startswith(("PCM_", "DPCM_", "DWVW_")) or self.subtype in ("ULAW", "ALAW")

    def describe(self) -> str:
        rate = f"{self.samplerate / 1000:g} kHz"
        layout = {1: "mono", 2: "stereo"}.get(self.channels, f"{self.channels} channels")
        return f"{self.format} · {rate} {layout}"


def probe(path: Path) -> AudioInfo:
    """Read a file's header; raise :class:`AudioError` with a clear message if it is unusable."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise AudioError(f"the recording {path.name} cannot be opened: {exc.strerror or exc}") from None
    if stat.st_size == 0:
        raise AudioError(f"the recording {path.name} is an empty file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise AudioError(f"the recording {path.name} cannot be read: {exc.strerror or exc}") from None
    if sniff(head) is None:
        raise AudioError(f"{path.name} is not a WAV, FLAC, OGG or MP3 recording")
    try:
        with sf.SoundFile(str(path)) as f:
            rate, channels, frames = int(f.samplerate), int(f.channels), int(f.frames)
            fmt, subtype = str(f.format), str(f.subtype)
    except Exception as exc:  # libsndfile's errors are RuntimeError/LibsndfileError/TypeError
        reason = str(exc).split(": ", 1)[-1] if str(exc) else type(exc).__name__
        raise AudioError(f"the recording {path.name} is damaged or in an unsupported format ({reason})") from None
    if not 0 < rate <= MAX_RATE or not 0 < channels <= MAX_CHANNELS:
        raise AudioError(f"the recording {path.name} has an impossible header "
                         f"({rate} Hz, {channels} channels)")
    if frames <= 0:
        raise AudioError(f"the recording {path.name} holds no sound (0 samples)")
    if frames / rate > MAX_SECONDS:
        raise AudioError(f"the recording {path.name} claims to last {frames / rate / 3600:.0f} hours; "
                         f"recordings over {MAX_SECONDS // 3600} hours are not supported")
    return AudioInfo(path, rate, channels, frames, fmt, subtype, stat.st_size, stat.st_mtime_ns)


def duration_of(path: Path) -> float | None:
    """A recording's duration in seconds, or ``None`` if it cannot be read."""
    try:
        return probe(path).duration
    except AudioError:
        return None
