"""Result formats of the transcription plugin. Qt-free.

``annotator export PACK --format NAME`` and the app's export menu offer them all:

============  ======  =============================================================
name          writes  what
============  ======  =============================================================
``webvtt``    folder  one WebVTT file per recording, speakers as ``<v Name>`` tags
``srt``       folder  one SubRip file per recording
``textgrid``  folder  one Praat TextGrid per recording, one interval tier per speaker
``text``      file    plain text, every segment with its start and end time
``jsonl``     file    a JSON Lines manifest: ``audio_filepath``, ``duration``, ``text``
                      per recording (the shape NeMo and other speech toolkits read)
``json``      file    annotator's own JSON: every item, state and annotation
============  ======  =============================================================

Folder formats name each file after the item id (made safe for file systems) and,
when a lab merges several workers' results, the worker pseudonym:
``rec-00001.vtt``, ``rec-00001.ana.vtt``. Skipped items and items without any
text are left out of every format but ``json``. The formats are documented in
``docs/transcription.md``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator, Mapping

from annotator.plugin_api import (ExportContext, Exporter, ExportRecord, own_json_exporter, translatable,
                                  write_text_atomic)

from annotator_transcription.audio import duration_of
from annotator_transcription.segments import Segment, annotation_segments, full_text

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


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


def results(context: ExportContext) -> Iterator[Result]:
    """The records worth exporting as transcripts: not skipped, with some text."""
    used: set[str] = set()
    for record in context.records():
        if record.state == "skipped" or not record.annotation:
            continue
        segments = annotation_segments(record.annotation)
        if not any(s.text.strip() for s in segments):
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


def vtt_text(result: Result) -> str:
    lines = ["WEBVTT", ""]
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


def _write_folder(context: ExportContext, out: Path, suffix: str, render) -> None:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for result in results(context):
        write_text_atomic(out / f"{result.stem}{suffix}", render(result))


def write_webvtt(context: ExportContext, out: Path) -> None:
    _write_folder(context, out, ".vtt", vtt_text)


def write_srt(context: ExportContext, out: Path) -> None:
    named = _speakers_named(context)
    _write_folder(context, out, ".srt", lambda r: srt_text(r, named))


def write_textgrid(context: ExportContext, out: Path) -> None:
    speakers = context.pack.task.get("speakers") if isinstance(context.pack.task, Mapping) else None
    speakers = [s for s in speakers if isinstance(s, str)] if isinstance(speakers, list) else []
    _write_folder(context, out, ".TextGrid", lambda r: textgrid_text(r, speakers))


def write_text(context: ExportContext, out: Path) -> None:
    named = _speakers_named(context)
    header = context.header()["pack"]
    blocks = [f"# {header['title']} ({header['id']} {header['version']})"]
    for result in results(context):
        record = result.record
        title = f"## {record.item_id}"
        if record.worker:
            title += f" ({record.worker})"
        lines = [title]
        for seg in result.spoken:
            who = f"{_one_line(seg.speaker)}: " if named and seg.speaker else ""
            lines.append(f"[{clock(seg.start)} - {clock(seg.end)}] {who}{_one_line(seg.text)}")
        blocks.append("\n".join(lines))
    write_text_atomic(out, "\n\n".join(blocks) + "\n")


def write_jsonl(context: ExportContext, out: Path) -> None:
    lines = []
    for result in results(context):
        record = result.record
        entry = {"audio_filepath": str(record.item.get("media", "")), "duration": round(result.duration, 3),
                 "text": full_text(result.segments), "item_id": record.item_id}
        if record.worker:
            entry["worker"] = record.worker
        lines.append(json.dumps(entry, ensure_ascii=False))
    write_text_atomic(out, "".join(line + "\n" for line in lines))


def exporters() -> list[Exporter]:
    return [
        Exporter("webvtt", translatable("WebVTT subtitles, one .vtt file per recording (speakers as voice tags)"), "",
                 write_webvtt, writes_folder=True),
        Exporter("srt", translatable("SubRip subtitles, one .srt file per recording"),
                 "", write_srt, writes_folder=True),
        Exporter("textgrid", translatable("Praat TextGrid, one file per recording, one tier per speaker"), "",
                 write_textgrid, writes_folder=True),
        Exporter("text", translatable("plain text with the start and end time of every segment"), ".txt", write_text),
        Exporter("jsonl", translatable("JSON Lines manifest (audio_filepath, duration, text), as NeMo reads it"),
                 ".jsonl",
                 write_jsonl),
        own_json_exporter(),
    ]
