"""Result formats of the transcription plugin. Qt-free.

``annotator export PACK --format NAME`` and the app's export menu offer them all:

============  ======  =============================================================
name          writes  what
============  ======  =============================================================
``webvtt``    folder  one WebVTT file per recording, speakers as ``<v Name>`` tags
``srt``       folder  one SubRip file per recording
``textgrid``  folder  one Praat TextGrid per recording, one interval tier per speaker
``text``      file    plain text, every segment with its start and end time
``jsonl``     file    a NeMo manifest: ``audio_filepath``, ``duration``, ``text`` per
                      recording, or per segment with ``offset`` (``--per-segment``); the
                      audio copied beside it (``audio/``) or named by absolute path
``json``      file    annotator's own JSON: every item, state and annotation
============  ======  =============================================================

Folder formats name each file after the item id (made safe for file systems) and,
when a lab merges several workers' results, the worker pseudonym:
``rec-00001.vtt``, ``rec-00001.ana.vtt``. The core gives the exporters the items in
the states chosen (``--states``, default submitted); items without any text are left
out of every format but ``json`` and counted. The worker's ``[m:ss.s]`` timestamps are
notes for the worker: they are taken out of every text written. The formats are
documented in ``docs/transcription.md`` and ``docs/interop.md``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator, Mapping

from annotator.plugin_api import (ExportContext, Exporter, ExportOption, ExportRecord, own_json_exporter,
                                  translatable, write_text_atomic)
from annotator.plugin_api.layout import MediaPlacer, flat_name

from annotator_transcription.audio import duration_of
from annotator_transcription.segments import Segment, annotation_segments, full_text
from annotator_transcription.timestamps import strip_timestamps

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def without_timestamps(text: str) -> str:
    """The text without the worker's time marks (``[0:03.1]``: notes, never words), trimmed."""
    return strip_timestamps(text).strip() if "[" in text else text


# ---------------------------------------------------------------------- times


def clock(seconds: float, sep: str = ".") -> str:
    """``HH:MM:SS.mmm`` (WebVTT, text) or with ``sep=","`` (SRT)."""
    ms = int(round(max(0.0, seconds) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------------- records


class Result:
    """One exported transcript: its record, segments, duration and file stem."""

    def __init__(self, record: ExportRecord, segments: tuple[Segment, ...], duration: float, stem: str):
        self.record = record
        self.segments = segments
        self.duration = duration
        self.stem = stem

    @property
    def spoken(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.text.strip())


def _duration(context: ExportContext, record: ExportRecord, segments) -> float:
    annotation = record.annotation or {}
    value = annotation.get("duration") if isinstance(annotation, Mapping) else None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return float(value)
    media = record.item.get("media")
    if isinstance(media, str):
        try:
            found = duration_of(context.pack.media_path(media))
        except ValueError:
            found = None
        if found:
            return found
    return max((s.end for s in segments), default=0.0)


def results(context: ExportContext, left_out: list[str] | None = None) -> Iterator[Result]:
    """The records worth exporting as transcripts: those with some text (the others are counted in
    ``left_out``). The segments' text comes without the worker's timestamps."""
    used: set[str] = set()
    for record in context.records():
        segments = tuple(Segment(s.start, s.end, s.speaker, without_timestamps(s.text))
                         for s in annotation_segments(record.annotation))
        if not any(s.text.strip() for s in segments):
            if left_out is not None:
                left_out.append(record.item_id)
            continue
        stem = _SAFE.sub("_", record.item_id).strip("._") or "item"
        if record.worker:
            stem += "." + (_SAFE.sub("_", record.worker).strip("._") or "worker")
        stem = stem[:150]
        base, n = stem, 2
        while stem.lower() in used:
            stem, n = f"{base}-{n}", n + 1
        used.add(stem.lower())
        yield Result(record, segments, _duration(context, record, segments), stem)


def _speakers_named(context: ExportContext) -> bool:
    """Whether speaker names go into the text formats: only when the pack has several."""
    speakers = context.pack.task.get("speakers") if isinstance(context.pack.task, Mapping) else None
    return isinstance(speakers, list) and len(speakers) > 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------- formats


def _note(text: str) -> str:
    """A WebVTT NOTE line: no blank line and no ``-->`` inside."""
    return _one_line(text).replace("-->", "->")


def vtt_text(result: Result) -> str:
    record = result.record
    lines = ["WEBVTT", "", _note(f"NOTE item {record.item_id}, state {record.state}"
                                 + (f", worker {record.worker}" if record.worker else "")), ""]
    for n, seg in enumerate(result.spoken, 1):
        text = seg.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = "\n".join(line for line in (ln.strip() for ln in text.splitlines()) if line)
        if seg.speaker:
            speaker = _one_line(seg.speaker).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            text = f"<v {speaker}>{text}</v>"
        lines += [str(n), f"{clock(seg.start)} --> {clock(seg.end)}", text, ""]
    return "\n".join(lines)


def srt_text(result: Result, speakers_named: bool) -> str:
    lines = []
    for n, seg in enumerate(result.spoken, 1):
        text = "\n".join(line for line in (ln.strip() for ln in seg.text.splitlines()) if line)
        if speakers_named and seg.speaker:
            text = f"{_one_line(seg.speaker)}: {text}"
        lines += [str(n), f"{clock(seg.start, ',')} --> {clock(seg.end, ',')}", text, ""]
    return "\n".join(lines)


def _praat_string(text: str) -> str:
    return '"' + _one_line(text).replace('"', '""') + '"'


def textgrid_text(result: Result, task_speakers: list[str]) -> str:
    """A Praat TextGrid (long text format): one interval tier per speaker, gaps as empty intervals."""
    duration = max(result.duration, max((s.end for s in result.segments), default=0.0))
    names: list[str | None] = list(task_speakers)
    for seg in result.segments:
        if seg.speaker not in names:
            names.append(seg.speaker)
    if not names:
        names = [None]
    used = [name for name in names if any(s.speaker == name for s in result.segments)] or names[:1]
    lines = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "",
             "xmin = 0", f"xmax = {duration:.3f}", "tiers? <exists>", f"size = {len(used)}", "item []:"]
    for t, name in enumerate(used, 1):
        intervals: list[tuple[float, float, str]] = []
        cursor = 0.0
        for seg in result.segments:
            if seg.speaker != name:
                continue
            if seg.start > cursor + 1e-9:
                intervals.append((cursor, seg.start, ""))
            intervals.append((seg.start, seg.end, seg.text))
            cursor = seg.end
        if cursor < duration - 1e-9 or not intervals:
            intervals.append((cursor, duration, ""))
        lines += [f"    item [{t}]:", '        class = "IntervalTier"',
                  f"        name = {_praat_string(name or 'transcript')}", "        xmin = 0",
                  f"        xmax = {duration:.3f}", f"        intervals: size = {len(intervals)}"]
        for k, (a, b, text) in enumerate(intervals, 1):
            lines += [f"        intervals [{k}]:", f"            xmin = {a:.3f}", f"            xmax = {b:.3f}",
                      f"            text = {_praat_string(text)}"]
    return "\n".join(lines) + "\n"


def _write_folder(context: ExportContext, out: Path, suffix: str, render) -> dict[str, int]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    left_out: list[str] = []
    files = segments = 0
    for result in results(context, left_out):
        write_text_atomic(out / f"{result.stem}{suffix}", render(result))
        files += 1
        segments += len(result.spoken)
    return _said({"files": files, "segments": segments}, left_out)


def _said(counts: dict[str, int], left_out: list[str]) -> dict[str, int]:
    if left_out:
        counts["recordings left out (no text)"] = len(left_out)
    return counts


def write_webvtt(context: ExportContext, out: Path) -> dict[str, int]:
    return _write_folder(context, out, ".vtt", vtt_text)


def write_srt(context: ExportContext, out: Path) -> dict[str, int]:
    named = _speakers_named(context)
    return _write_folder(context, out, ".srt", lambda r: srt_text(r, named))


def write_textgrid(context: ExportContext, out: Path) -> dict[str, int]:
    speakers = context.pack.task.get("speakers") if isinstance(context.pack.task, Mapping) else None
    speakers = [s for s in speakers if isinstance(s, str)] if isinstance(speakers, list) else []
    return _write_folder(context, out, ".TextGrid", lambda r: textgrid_text(r, speakers))


def write_text(context: ExportContext, out: Path) -> dict[str, int]:
    named = _speakers_named(context)
    header = context.header()["pack"]
    blocks = [f"# {header['title']} ({header['id']} {header['version']})"]
    left_out: list[str] = []
    segments = 0
    for result in results(context, left_out):
        record = result.record
        title = f"## {record.item_id} ({record.state}"
        if record.worker:
            title += f", {record.worker}"
        lines = [title + ")"]
        for seg in result.spoken:
            who = f"{_one_line(seg.speaker)}: " if named and seg.speaker else ""
            lines.append(f"[{clock(seg.start)} - {clock(seg.end)}] {who}{_one_line(seg.text)}")
            segments += 1
        blocks.append("\n".join(lines))
    write_text_atomic(out, "\n\n".join(blocks) + "\n")
    return _said({"recordings": len(blocks) - 1, "segments": segments}, left_out)


def write_jsonl(context: ExportContext, out: Path) -> dict[str, int]:
    """A NeMo manifest: one line per recording (or per segment), ``audio_filepath`` true where it is written.

    By default the audio is copied (hard-linked with ``--link-media``) into ``audio/`` beside the
    manifest and named relative to it, which NeMo resolves from the manifest's folder; with
    ``--absolute`` the lines name the pack's own files by absolute path and nothing is copied.
    ``duration`` is the recording's length, or with ``--per-segment`` each segment's, from its
    ``offset``. ``text`` is the worker's text without their timestamps.
    """
    out = Path(out)
    per_segment = bool(context.option("per-segment", False))
    absolute = bool(context.option("absolute", False))
    placer = MediaPlacer(bool(context.option("link-media", False)))
    used: set[str] = set()
    placed: dict[str, str] = {}
    left_out: list[str] = []
    recordings = 0

    def audio_path(record: ExportRecord) -> str:
        media = str(record.item.get("media", ""))
        source = context.pack.media_path(media)
        if absolute:
            return str(source)
        if media not in placed:
            name = flat_name(media, item_id=record.item_id, used=used)
            placer.place(source, out.parent / "audio" / name)
            placed[media] = f"audio/{name}"
        return placed[media]

    def lines() -> Iterator[str]:
        nonlocal recordings
        for result in results(context, left_out):
            record = result.record
            base = {"audio_filepath": audio_path(record)}
            extra = {"item_id": record.item_id, "state": record.state}
            if record.worker:
                extra["worker"] = record.worker
            recordings += 1
            if not per_segment:
                entry = {**base, "duration": round(result.duration, 3), "text": full_text(result.segments), **extra}
                yield json.dumps(entry, ensure_ascii=False) + "\n"
                continue
            for seg in result.spoken:
                entry = {**base, "offset": round(seg.start, 3), "duration": round(seg.end - seg.start, 3),
                         "text": " ".join(seg.text.split()), **extra}
                if seg.speaker:
                    entry["speaker_name"] = seg.speaker
                yield json.dumps(entry, ensure_ascii=False) + "\n"

    text = "".join(lines())
    write_text_atomic(out, text)
    counts = {"lines": text.count("\n"), "recordings": recordings}
    if not absolute:
        counts["files of audio in audio/"] = placer.copied + placer.linked
    return _said(counts, left_out)


def exporters() -> list[Exporter]:
    return [
        Exporter("webvtt", translatable("WebVTT subtitles, one .vtt file per recording (speakers as voice tags)"), "",
                 write_webvtt, writes_folder=True),
        Exporter("srt", translatable("SubRip subtitles, one .srt file per recording"), "", write_srt,
                 writes_folder=True),
        Exporter("textgrid", translatable("Praat TextGrid, one file per recording, one tier per speaker"), "",
                 write_textgrid, writes_folder=True),
        Exporter("text", translatable("plain text with the start and end time of every segment"), ".txt", write_text),
        Exporter("jsonl", translatable("NeMo manifest (audio_filepath, duration, text; offset per segment), the audio "
                                       "in audio/ beside it"), ".jsonl", write_jsonl, options=(
                              ExportOption("per-segment", "one line per segment, with its offset and duration",
                                           "flag", False),
                              ExportOption("link-media", "hard-link the audio to the pack's instead of copying it",
                                           "flag", False),
                              ExportOption("absolute", "name the pack's audio files by absolute path instead of "
                                                       "copying them beside the manifest", "flag", False))),
        own_json_exporter(),
    ]
