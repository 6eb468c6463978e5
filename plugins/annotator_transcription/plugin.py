"""Transcription plugin: the Qt-free part."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from annotator.plugin_api import NewPack, PackNewOption, TaskPlugin, own_json_exporter

AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3")


def sniff(head: bytes) -> str | None:
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


class TranscriptionPlugin(TaskPlugin):
    id = "transcription"
    name = "Audio transcription"
    version = "0.1"
    needs_media = True
    media_suffixes = AUDIO_SUFFIXES
    pack_new_options = (PackNewOption("speakers", "comma-separated speaker names, e.g. \"A,B\"", "list"),)

    def validate_task(self, task: Mapping[str, Any]) -> list[str]:
        problems = []
        speakers = task.get("speakers", [])
        if not isinstance(speakers, list) or not all(isinstance(s, str) and s.strip() for s in speakers):
            problems.append("speakers must be a list of names")
        elif len(set(speakers)) != len(speakers):
            problems.append("speakers: a name is listed twice")
        return problems

    def validate_item(self, item: Mapping[str, Any], task: Mapping[str, Any]) -> list[str]:
        transcript = item.get("transcript")
        if transcript is not None and not isinstance(transcript, (str, list)):
            return ["'transcript' must be a text or a list of segments"]
        return []

    def validate_media(self, path: Path, head: bytes) -> str | None:
        if sniff(head) is None:
            return "is not a WAV, FLAC, OGG or MP3 file"
        return None

    def new_pack(self, source: Path, options: Mapping[str, Any]) -> NewPack:
        if not source.is_dir():
            raise ValueError("the source must be a folder of audio files")
        files, items = {}, []
        for i, path in enumerate(sorted(p for p in source.rglob("*")
                                        if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES)):
            rel = "media/" + path.relative_to(source).as_posix()
            files[rel] = path
            items.append({"id": f"rec-{i + 1:05d}", "media": rel, "training": False})
        return NewPack(task={"speakers": list(options.get("speakers") or [])}, items=items, files=files)

    def exporters(self):
        return [own_json_exporter()]

    def create_editor(self, parent=None):
        from annotator_transcription.editor import TranscriptionEditor

        return TranscriptionEditor(parent)
