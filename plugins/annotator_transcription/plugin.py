"""Transcription plugin: the Qt-free part (task settings, items, media checks, pack new, exporters)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from annotator.plugin_api import NewPack, PackNewOption, TaskPlugin, msg, translatable

from annotator_transcription.audio import sniff
from annotator_transcription.segments import annotation_segments, problems_in_transcript

AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3")

__all__ = ["TranscriptionPlugin", "AUDIO_SUFFIXES", "sniff"]

INSTRUCTIONS = """# {title}

Listen to each recording and write down exactly what is said.

- Play and pause with `Ctrl+Space` while you type; `Alt+,` and `Alt+.` jump back and forward.
- Split a segment at the playhead with `Ctrl+K` (the text after the cursor moves to the new segment),
  merge it with the next one with `Ctrl+J`.
- Choose who speaks in each segment with `Ctrl+1`, `Ctrl+2`, ...
"""


class TranscriptionPlugin(TaskPlugin):
    id = "transcription"
    name = translatable("Audio transcription")
    version = "0.2"
    needs_media = True
    media_suffixes = AUDIO_SUFFIXES
    translations_dir = Path(__file__).parent / "translations"
    pack_new_options = (PackNewOption("speakers", "comma-separated speaker names, e.g. \"A,B\"", "list"),)

    def validate_task(self, task: Mapping[str, Any]) -> list[str]:
        problems = []
        speakers = task.get("speakers", [])
        if not isinstance(speakers, list) or not all(isinstance(s, str) and s.strip() for s in speakers):
            problems.append(msg("speakers must be a list of names"))
        elif len(set(speakers)) != len(speakers):
            problems.append(msg("speakers: a name is listed twice"))
        elif len(speakers) > 50:
            problems.append(msg("speakers: at most 50 names"))
        elif any(len(s) > 100 for s in speakers):
            problems.append(msg("speakers: a name is longer than 100 characters"))
        return problems

    def validate_item(self, item: Mapping[str, Any], task: Mapping[str, Any]) -> list[str]:
        speakers = task.get("speakers") if isinstance(task.get("speakers"), list) else []
        return problems_in_transcript(item.get("transcript"), [s for s in speakers if isinstance(s, str)])

    def validate_media(self, path: Path, head: bytes) -> str | None:
        if sniff(head) is None:
            return msg("is not a WAV, FLAC, OGG or MP3 file")
        return None

    def new_pack(self, source: Path, options: Mapping[str, Any]) -> NewPack:
        """A folder of recordings (each with its ``.vtt`` or ``.srt`` sidecar, if any, as the machine
        transcript), or a Label Studio export (``--from label-studio``); see ``importers.py``."""
        from annotator.plugin_api.sources import SourceProblems

        from annotator_transcription import importers

        given = [s.strip() for s in (options.get("speakers") or []) if s and s.strip()]
        problems = self.validate_task({"speakers": given})
        if problems:
            raise ValueError("--speakers: " + problems[0].removeprefix("speakers: "))
        found = SourceProblems()
        files, items = {}, []
        if options.get("from") == "label-studio":
            for n, task_id, audio, segments in importers.label_studio_tasks(source, found, None):
                rel = f"media/{len(items) + 1:05d}-{audio.name}"
                files[rel] = audio
                item = {"id": f"ls-{task_id}" if task_id is not None else f"rec-{len(items) + 1:05d}",
                        "media": rel, "training": False}
                self._transcript(item, segments, "label-studio", source.name, n)
                items.append(item)
        elif options.get("from") not in (None, "folder"):
            raise ValueError(f"--from {options.get('from')}: transcription packs are made from a folder or "
                             f"label-studio")
        elif not source.is_dir():
            raise ValueError("the source must be a folder of audio files (or --from label-studio EXPORT.json)")
        else:
            for i, path in enumerate(sorted(p for p in source.rglob("*")
                                            if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES)):
                rel = "media/" + path.relative_to(source).as_posix()
                files[rel] = path
                item = {"id": f"rec-{i + 1:05d}", "media": rel, "training": False}
                cues, name = importers.sidecar(path, given, found)
                self._transcript(item, cues, "webvtt" if name and name.lower().endswith(".vtt") else "srt", name)
                items.append(item)
        speakers = list(given)
        for item in items:  # without --speakers, the voices found, in order
            for seg in item.get("transcript") if isinstance(item.get("transcript"), list) else []:
                if seg["speaker"] and seg["speaker"] not in speakers:
                    if given:
                        found.add(item["transcript_source"]["file"], None,
                                  f"the voice {seg['speaker']!r} is not one of --speakers ({', '.join(given)})")
                    else:
                        speakers.append(seg["speaker"])
        found.raise_if_any()
        return NewPack(task={"speakers": speakers}, items=items, files=files,
                       instructions=INSTRUCTIONS.format(title=source.stem or "Transcription"))

    @staticmethod
    def _transcript(item: dict, segments, fmt: str, name: str | None, line: int | None = None) -> None:
        if not segments:
            return
        if len(segments) == 1 and "start" not in segments[0]:
            item["transcript"] = segments[0]["text"]
        else:
            item["transcript"] = segments
        item["transcript_source"] = {"format": fmt, "file": name, **({"line": line} if line else {})}

    def agreement(self, groups, task):
        """Agreement between workers who did the same items (the lab's merge and report)."""
        from annotator_transcription.agreement import agreement

        return agreement(groups, task)

    def check_annotation(self, annotation, item, pack):
        """The lab's merge: a worker's annotation checked against the pack (``checks.py``)."""
        from annotator_transcription.checks import check_annotation

        return check_annotation(annotation, item, pack)

    def consensus(self, group, task):
        """The lab's ``merge --consensus``: one annotation from several workers' (``consensus.py``)."""
        from annotator_transcription.consensus import consensus

        return consensus(group, task)

    def exporters(self):
        from annotator_transcription.exporters import exporters

        return exporters()

    def is_empty(self, annotation) -> bool:
        return not any(s.text.strip() for s in annotation_segments(annotation))

    def summary(self, annotation) -> str:
        segments = annotation_segments(annotation)
        if not segments:
            return ""
        words = sum(len(s.text.split()) for s in segments)
        return f"{len(segments)} segment{'s' if len(segments) != 1 else ''}, {words} word{'s' if words != 1 else ''}"

    def create_editor(self, parent=None):
        from annotator_transcription._qt.editor import TranscriptionEditor

        return TranscriptionEditor(parent)
