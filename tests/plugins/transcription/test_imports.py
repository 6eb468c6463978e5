"""`pack new transcription`: WebVTT and SubRip sidecars, Label Studio exports, as machine transcripts.

Round trips: what the exports write (and what webvtt-py and srt write) comes back as the same
segments; hostile variants are refused with every problem as FILE:LINE, exit 2, nothing written.
"""
from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import srt
import webvtt

from annotator.cli import main as cli
from annotator.core.exports import export_pack
from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from annotator_transcription import segments as S

from .conftest import audio_bytes, write_audio

TALK = (S.Segment(0.25, 1.5, "Ana", "Bonjour & <bienvenue>."), S.Segment(1.5, 2.75, "Bo", "Merci."),
        S.Segment(3.5, 5.25, "Ana", "Deux lignes\net « guillemets »"))


def new(tmp_path: Path, source: Path, *extra: str, name: str = "made") -> tuple[int, Path]:
    out = tmp_path / name
    return cli(["pack", "new", "transcription", str(source), "-o", str(out), *extra]), out


def items_of(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "items.jsonl").read_text(encoding="utf-8").splitlines()]


def expected(segments=TALK, named=True) -> list[dict]:
    return [{"start": s.start, "end": s.end, "speaker": s.speaker if named else None, "text": s.text}
            for s in segments if s.text]


def test_the_webvtt_and_srt_exports_come_back_as_the_machine_transcript(tmp_path, store, registry, make_pack,
                                                                        capsys):
    items = [{"id": "talk", "media": "media/talk.wav", "training": False}]
    pack = import_pack(make_pack(items, {"media/talk.wav": audio_bytes(6.0)}, speakers=("Ana", "Bo")),
                       store, registry).pack
    session = WorkSession(store, pack)
    session.start()
    session.save(session.item, S.to_annotation(TALK, 6.0))
    session.submit()
    export_pack(store, registry, pack, "webvtt", tmp_path / "vtt")
    export_pack(store, registry, pack, "srt", tmp_path / "srt")
    for fmt, extra in (("vtt", ()), ("srt", ("--speakers", "Ana,Bo"))):
        folder = tmp_path / f"source-{fmt}"
        folder.mkdir()
        write_audio(folder / "talk.wav", 6.0)
        shutil.copy(tmp_path / fmt / f"talk.{fmt}", folder / f"talk.{fmt}")
        code, out = new(tmp_path, folder, *extra, name=f"pack-{fmt}")
        assert code == 0, capsys.readouterr().err
        (item,) = items_of(out)
        assert item["transcript"] == expected(), fmt
        assert item["transcript_source"] == {"format": "webvtt" if fmt == "vtt" else "srt", "file": f"talk.{fmt}"}
        manifest = (out / "pack.toml").read_text(encoding="utf-8")
        assert 'speakers = [\n    "Ana",\n    "Bo",\n]' in manifest or "speakers = [" in manifest
        assert cli(["pack", "validate", str(out)]) == 0


def test_sidecars_written_by_the_subtitle_libraries(tmp_path, capsys):
    folder = tmp_path / "src"
    write_audio(folder / "a.wav", 4.0)
    write_audio(folder / "sub" / "b.flac", 4.0)
    vtt = webvtt.WebVTT()
    vtt.captions.append(webvtt.Caption("00:00:00.500", "00:00:01.250", "<v Sam>Hi <i>there</i></v>"))
    vtt.captions.append(webvtt.Caption("00:00:02.000", "00:00:03.000", "second &amp; last"))
    vtt.save(str(folder / "a.vtt"))
    subs = [srt.Subtitle(1, timedelta(seconds=1), timedelta(seconds=2.5), "un\ndeux")]
    (folder / "sub" / "b.srt").write_text(srt.compose(subs), encoding="utf-8")
    code, out = new(tmp_path, folder)
    assert code == 0, capsys.readouterr().err
    a, b = items_of(out)
    assert a["transcript"] == [{"start": 0.5, "end": 1.25, "speaker": "Sam", "text": "Hi there"},
                               {"start": 2.0, "end": 3.0, "speaker": None, "text": "second & last"}]
    assert b["transcript"] == [{"start": 1.0, "end": 2.5, "speaker": None, "text": "un\ndeux"}]
    assert "Sam" in (out / "pack.toml").read_text()  # the voices found become the pack's speakers


def test_label_studio_audio_export_with_predictions(tmp_path, capsys):
    export = tmp_path / "ls" / "export.json"
    write_audio(tmp_path / "ls" / "one.wav", 5.0)
    write_audio(tmp_path / "ls" / "two.wav", 5.0)
    tasks = [
        {"id": 11, "data": {"audio": "/data/upload/3/1a2b3c4d-one.wav"},
         "predictions": [{"model_version": "whisper", "result": [
             {"id": "r1", "type": "labels", "from_name": "labels", "to_name": "audio",
              "value": {"start": 0.5, "end": 2.0, "labels": ["Speaker 1"]}},
             {"id": "r1", "type": "textarea", "from_name": "transcription", "to_name": "audio",
              "value": {"start": 0.5, "end": 2.0, "text": ["hello world"]}},
             {"id": "r2", "type": "labels", "value": {"start": 2.5, "end": 4.0, "labels": ["Speaker 2"]}},
             {"id": "r2", "type": "textarea", "value": {"start": 2.5, "end": 4.0, "text": ["good bye"]}}]}]},
        {"id": 12, "data": {"audio": "/data/local-files/?d=two.wav"},
         "predictions": [{"result": [{"type": "textarea", "value": {"text": ["the whole recording"]}}]}]},
    ]
    export.write_text(json.dumps(tasks, indent=1), encoding="utf-8")
    code, out = new(tmp_path, export, "--from", "label-studio")
    assert code == 0, capsys.readouterr().err
    one, two = items_of(out)
    assert one["id"] == "ls-11" and one["transcript"] == [
        {"start": 0.5, "end": 2.0, "speaker": "Speaker 1", "text": "hello world"},
        {"start": 2.5, "end": 4.0, "speaker": "Speaker 2", "text": "good bye"}]
    assert two["transcript"] == "the whole recording" and two["transcript_source"]["line"] > 1
    assert (out / one["media"]).read_bytes() == (tmp_path / "ls" / "one.wav").read_bytes()
    assert cli(["pack", "validate", str(out)]) == 0


def test_hostile_sidecars_and_exports_are_refused_with_every_problem(tmp_path, capsys):
    folder = tmp_path / "src"
    write_audio(folder / "a.wav", 2.0)
    write_audio(folder / "b.wav", 2.0)
    write_audio(folder / "c.wav", 2.0)
    (folder / "a.vtt").write_text("00:00:00.000 --> 00:00:01.000\nno header\n", encoding="utf-8")
    (folder / "b.vtt").write_text("WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nbad arrow\n\n"
                                  "00:00:02.000 --> 00:00:01.000\nbackwards\n", encoding="utf-8")
    (folder / "c.srt").write_bytes(b"1\n00:00:00,000 --> 00:00:01,000\n\xff\xfe not utf-8\n")
    code, out = new(tmp_path, folder)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "a.vtt:1: a WebVTT file starts with the line WEBVTT" in err
    assert "b.vtt:4: not a cue timing" in err and "b.vtt:7: the cue ends before it starts" in err
    assert "c.srt:3: not UTF-8 text" in err
    assert not out.exists()
    voices = tmp_path / "voices"
    write_audio(voices / "a.wav", 2.0)
    (voices / "a.vtt").write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Eve>hi\n", encoding="utf-8")
    code, out = new(tmp_path, voices, "--speakers", "Ana,Bo", name="v")
    assert code == 2 and "a.vtt: the voice 'Eve' is not one of --speakers (Ana, Bo)" in capsys.readouterr().err
    remote = tmp_path / "remote.json"
    remote.write_text('[{"data": {"audio": "https://example.org/a.wav"}},\n{"data": 5}]', encoding="utf-8")
    code, out = new(tmp_path, remote, "--from", "label-studio", name="r")
    err = capsys.readouterr().err
    assert code == 2 and "remote.json:1: the audio 'https://example.org/a.wav' is not a file beside the export" in err
    assert "remote.json:2: a Label Studio task must be an object with 'data'" in err
    assert not out.exists()
