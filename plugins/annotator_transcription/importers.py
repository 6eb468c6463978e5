"""``pack new transcription``: subtitles beside the recordings, and Label Studio exports, as machine transcripts.

Qt-free. A WebVTT (``.vtt``) or SubRip (``.srt``) file with the same stem as a recording
(``talk.wav`` and ``talk.vtt``) becomes the item's ``transcript``, the machine transcript the
worker corrects (``docs/transcription.md``): one segment per cue, its voice (``<v Name>``) as the
speaker; in SubRip, a ``Name: `` prefix when ``Name`` is one of ``--speakers``. Markup (``<i>``,
``<c.x>``, cue timestamps) is dropped, entities decoded. Without ``--speakers``, the pack's
speakers are the voices found, in order. A Label Studio tasks export (``--from label-studio``)
gives items from ``data.audio`` with the predictions' regions (``labels``: the speaker,
``textarea``: the text, per region or for the whole recording).

The parsers are small and line-exact on purpose: every problem is said as ``FILE:LINE``,
which the subtitle libraries do not give; the round trip is tested against webvtt-py and srt.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from annotator.plugin_api import sources
from annotator.plugin_api.sources import SourceProblems, read_text

_TIME = r"(?:(\d+):)?([0-5]?\d):([0-5]\d)[.,](\d{1,3})"
_VTT_TIMING = re.compile(rf"^\s*{_TIME}\s+-->\s+{_TIME}(?:\s+.*)?$")
_SRT_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}\s*(?:X1:.*)?$")
_VOICE = re.compile(r"<v(?:\.[^ >]*)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]*>")
#: the formatting SubRip players know; any other "<...>" is the text's own
_SRT_TAG = re.compile(r"</?(?:i|b|u|font)(?:\s[^>]*)?>|\{\\an?\d+\}", re.IGNORECASE)


def _seconds(h: str | None, m: str, s: str, ms: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


def _times(match: re.Match) -> tuple[float, float]:
    g = match.groups()
    return _seconds(*g[:4]), _seconds(*g[4:])


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks, each with the line number it starts on."""
    blocks, current, start = [], [], 0
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not current:
                start = n
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _clean(lines: list[str]) -> tuple[str, str | None]:
    """The cue's text without markup, and its voice if any."""
    joined = "\n".join(lines)
    voice = _VOICE.search(joined)
    text = html.unescape(_TAG.sub("", joined))
    return "\n".join(line.strip() for line in text.splitlines()).strip(), (voice.group(1).strip() if voice else None)


def parse_vtt(path: Path, problems: SourceProblems) -> list[dict[str, Any]]:
    text = read_text(path, problems)
    if text is None:
        return []
    blocks = _blocks(text)
    if not blocks or not blocks[0][1][0].startswith("WEBVTT"):
        problems.add(path, 1, "a WebVTT file starts with the line WEBVTT")
        return []
    cues = []
    for start, lines in blocks[1:]:
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = 1 if "-->" not in lines[0] and len(lines) > 1 else 0
        match = _VTT_TIMING.match(lines[timing_at])
        if match is None:
            problems.add(path, start + timing_at, f"not a cue timing ('00:00:01.000 --> 00:00:02.000'): "
                                                  f"{lines[timing_at][:60]!r}")
            continue
        begin, end = _times(match)
        if end <= begin:
            problems.add(path, start + timing_at, "the cue ends before it starts")
            continue
        body, voice = _clean(lines[timing_at + 1:])
        cues.append({"start": round(begin, 3), "end": round(end, 3), "speaker": voice, "text": body})
    return cues


def parse_srt(path: Path, problems: SourceProblems, speakers: list[str]) -> list[dict[str, Any]]:
    text = read_text(path, problems)
    if text is None:
        return []
    cues = []
    for start, lines in _blocks(text):
        timing_at = 1 if lines[0].strip().isdigit() and len(lines) > 1 else 0
        match = _SRT_TIMING.match(lines[timing_at])
        if match is None:
            problems.add(path, start + timing_at, f"not a SubRip timing ('00:00:01,000 --> 00:00:02,000'): "
                                                  f"{lines[timing_at][:60]!r}")
            continue
        begin, end = _times(match)
        if end <= begin:
            problems.add(path, start + timing_at, "the subtitle ends before it starts")
            continue
        body = "\n".join(_SRT_TAG.sub("", line).strip() for line in lines[timing_at + 1:]).strip()
        speaker = None
        name, sep, rest = body.partition(": ")
        if sep and name in speakers:
            speaker, body = name, rest
        cues.append({"start": round(begin, 3), "end": round(end, 3), "speaker": speaker, "text": body})
    return cues


def sidecar(audio: Path, speakers: list[str], problems: SourceProblems) -> tuple[list[dict] | None, str | None]:
    """The transcript of ``audio``'s sidecar (``.vtt`` first, then ``.srt``), and the sidecar's name."""
    for suffix in (".vtt", ".VTT", ".srt", ".SRT"):
        path = audio.with_suffix(suffix)
        if path.is_file():
            cues = parse_vtt(path, problems) if suffix.lower() == ".vtt" else parse_srt(path, problems, speakers)
            return cues, path.name
    return None, None


# ---------------------------------------------------------------------- Label Studio


def label_studio_regions(results: Any) -> list[dict[str, Any]]:
    """Transcript segments from a prediction's (or annotation's) result list."""
    regions: dict[str, dict[str, Any]] = {}
    whole: list[str] = []
    for entry in results if isinstance(results, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), dict):
            continue
        value, rid = entry["value"], str(entry.get("id", len(regions)))
        kind = entry.get("type")
        start, end = value.get("start"), value.get("end")
        timed = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (start, end))
        if kind == "labels" and timed:
            labels = value.get("labels") or []
            region = regions.setdefault(rid, {"text": ""})
            region.update(start=float(start), end=float(end),
                          speaker=str(labels[0]) if labels else None)
        elif kind == "textarea":
            texts = value.get("text") or []
            text = "\n".join(str(t) for t in texts) if isinstance(texts, list) else str(texts)
            if timed or rid in regions:
                region = regions.setdefault(rid, {})
                region["text"] = text
                if timed:
                    region.update(start=float(start), end=float(end))
            else:
                whole.append(text)
    segments = [{"start": round(r["start"], 3), "end": round(r["end"], 3), "speaker": r.get("speaker"),
                 "text": r.get("text", "")} for r in regions.values() if "start" in r and r["end"] > r["start"]]
    segments.sort(key=lambda s: s["start"])
    if not segments and whole:
        return [{"text": "\n".join(whole)}]
    return segments


def label_studio_tasks(path: Path, problems: SourceProblems, media_dir: Path | None):
    """``(line, task id, audio file, segments or None)`` of each task of a Label Studio export."""
    for n, task, _data, audio in sources.label_studio_media(path, problems, ("audio", "audio_url"), "audio",
                                                            media_dir):
        made = None
        for source in (task.get("predictions") or []) + list(reversed(task.get("annotations") or [])):
            if isinstance(source, dict):
                segments = label_studio_regions(source.get("result"))
                if segments:
                    made = segments
                    break
        yield n, task.get("id"), audio, made
