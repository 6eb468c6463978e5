"""Exports read back by their consumers (webvtt-py, srt, praatio), pack validation and `pack new`."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
import soundfile as sf
import srt
import tomllib
import webvtt
from praatio import textgrid

from annotator.cli import main as cli
from annotator.core.exports import export_pack
from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from annotator.plugin_api import ExportContext, ExportRecord, PackInfo
from annotator_transcription import segments as S
from annotator_transcription.exporters import exporters

from .conftest import audio_bytes, write_audio

INTERVIEW = (S.Segment(0.25, 1.5, "A", "Hello, <and> welcome & thanks."), S.Segment(1.5, 2.75, "B", "Thank you."),
             S.Segment(3.0, 3.5, "A", ""), S.Segment(3.5, 5.25, "B", 'She said "no" --> then left.\n\nTwo lines'))


@pytest.fixture
def worked_pack(tmp_path, store, registry, make_pack):
    """A pack of four recordings worked through a real store: two done, one skipped, one untouched."""
    items = [{"id": f"rec/{i}", "media": f"media/r{i}.wav", "training": False} for i in range(3)]
    items.append({"id": "rec 3", "media": "media/r3.flac", "training": False, "transcript": "machine words"})
    media = {it["media"]: audio_bytes(6.0, fmt="FLAC" if it["media"].endswith("flac") else "WAV") for it in items}
    pack = import_pack(make_pack(items, media), store, registry).pack
    session = WorkSession(store, pack)
    session.start()
    session.save(session.item, S.to_annotation(INTERVIEW, 6.0))
    session.submit()
    session.save(session.item, S.to_annotation((S.Segment(0.0, 6.0, "A", "only one"),), 6.0))
    session.skip("unreadable")
    session.save(session.item, S.to_annotation((S.Segment(1.0, 2.0, "B", "second item"),), 6.0))
    return pack


def export(store, registry, pack, fmt: str, out: Path) -> Path:
    export_pack(store, registry, pack, fmt, out)
    return out


def test_the_plugin_offers_every_format_of_the_issue(registry):
    names = {e.name for e in registry.get("transcription").exporters()}
    assert names == {"webvtt", "srt", "textgrid", "text", "jsonl", "json"}


def test_webvtt_round_trip(tmp_path, store, registry, worked_pack):
    out = export(store, registry, worked_pack, "webvtt", tmp_path / "vtt")
    files = sorted(p.name for p in out.iterdir())
    assert files == ["rec_0.vtt", "rec_2.vtt"]  # the skipped item is left out, ids made safe
    captions = webvtt.read(str(out / "rec_0.vtt")).captions
    spoken = [s for s in INTERVIEW if s.text]
    assert [(c.start, c.end) for c in captions] == [("00:00:00.250", "00:00:01.500"), ("00:00:01.500", "00:00:02.750"),
                                                    ("00:00:03.500", "00:00:05.250")]
    assert [c.voice for c in captions] == [s.speaker for s in spoken]
    # WebVTT escapes <, > and & in cue text; a player shows them unescaped
    assert html.unescape(captions[0].text) == "Hello, <and> welcome & thanks."
    assert html.unescape(captions[2].text) == 'She said "no" --> then left.\nTwo lines'


def test_srt_round_trip(tmp_path, store, registry, worked_pack):
    out = export(store, registry, worked_pack, "srt", tmp_path / "srt")
    subs = list(srt.parse((out / "rec_0.srt").read_text(encoding="utf-8")))
    spoken = [s for s in INTERVIEW if s.text]
    assert [(sub.start.total_seconds(), sub.end.total_seconds()) for sub in subs] == [(s.start, s.end) for s in spoken]
    assert subs[0].content == "A: Hello, <and> welcome & thanks."  # two speakers in the pack: names shown
    assert [sub.index for sub in subs] == [1, 2, 3]


def test_textgrid_round_trip(tmp_path, store, registry, worked_pack):
    out = export(store, registry, worked_pack, "textgrid", tmp_path / "tg")
    grid = textgrid.openTextgrid(str(out / "rec_0.TextGrid"), includeEmptyIntervals=False)
    assert list(grid.tierNames) == ["A", "B"] and grid.maxTimestamp == pytest.approx(6.0)
    a = [(e.start, e.end, e.label) for e in grid.getTier("A").entries]
    b = [(e.start, e.end, e.label) for e in grid.getTier("B").entries]
    assert a == [(0.25, 1.5, "Hello, <and> welcome & thanks.")]
    assert b == [(1.5, 2.75, "Thank you."), (3.5, 5.25, 'She said "no" --> then left. Two lines')]


def test_text_and_jsonl_manifest(tmp_path, store, registry, worked_pack):
    text = export(store, registry, worked_pack, "text", tmp_path / "t.txt").read_text(encoding="utf-8")
    assert "## rec/0\n[00:00:00.250 - 00:00:01.500] A: Hello, <and> welcome & thanks.\n" in text
    assert "[00:00:03.500 - 00:00:05.250] B: She said \"no\" --> then left. Two lines" in text
    assert "only one" not in text  # skipped
    lines = export(store, registry, worked_pack, "jsonl", tmp_path / "m.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["item_id"] for r in rows] == ["rec/0", "rec/2"]
    first = rows[0]
    assert first["text"] == 'Hello, <and> welcome & thanks. Thank you. She said "no" --> then left. Two lines'
    audio = worked_pack and Path(store.packs_dir) / worked_pack.pack_id
    assert first["audio_filepath"] == "media/r0.wav"  # relative to the pack, as NeMo resolves it
    info = sf.info(str(next(audio.rglob("media/r0.wav"))))
    assert first["duration"] == pytest.approx(info.duration)


def test_own_json_and_the_command_line(tmp_path, store, registry, worked_pack, capsys):
    data_dir = str(store.data_dir)
    assert cli(["export", worked_pack.pack_id, "--format", "list", "--data-dir", data_dir]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in ("webvtt", "srt", "textgrid", "text", "jsonl", "json"))
    out = tmp_path / "r.json"
    assert cli(["export", worked_pack.pack_id, "--format", "json", "-o", str(out), "--data-dir", data_dir]) == 0
    doc = json.loads(out.read_text())
    assert doc["items"][0]["annotation"]["segments"][1] == {"start": 1.5, "end": 2.75, "speaker": "B",
                                                           "text": "Thank you."}
    assert cli(["export", worked_pack.pack_id, "--format", "webvtt", "-o", str(tmp_path / "v"),
                "--data-dir", data_dir]) == 0
    assert (tmp_path / "v" / "rec_0.vtt").exists()


def test_merged_results_of_several_workers_get_one_file_each(tmp_path):
    """The lab's merge hands records with worker pseudonyms to the same exporters."""
    info = PackInfo(id="p", version="1", title="T", kind="transcription", language="en", content_hash="h",
                    instructions_hash="i", task={"speakers": ["A"]}, root=tmp_path)
    annotation = S.to_annotation((S.Segment(0.0, 1.0, "A", "hi"),), 1.0)
    records = [ExportRecord({"id": "x", "media": "m.wav"}, annotation, "submitted", worker=w) for w in ("ana", "bo/b")]
    context = ExportContext(info, lambda: iter(records), "0")
    by_name = {e.name: e for e in exporters()}
    by_name["webvtt"].write(context, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["x.ana.vtt", "x.bo_b.vtt"]
    by_name["jsonl"].write(context, tmp_path / "m.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert [r["worker"] for r in rows] == ["ana", "bo/b"] and rows[0]["duration"] == 1.0
    by_name["srt"].write(context, tmp_path / "srt")
    assert (tmp_path / "srt" / "x.ana.srt").read_text().splitlines()[2] == "hi"  # one speaker: no name


# ---------------------------------------------------------------------- packs


def test_pack_new_with_speakers_from_the_command_line(tmp_path, capsys):
    source = tmp_path / "interviews"
    write_audio(source / "one.wav", 1.0)
    write_audio(source / "sub" / "two.flac", 1.0)
    (source / "notes.txt").write_text("not audio")
    out = tmp_path / "pack"
    assert cli(["pack", "new", "transcription", str(source), "-o", str(out), "--speakers", "Interviewer, Guest"]) == 0
    manifest = tomllib.loads((out / "pack.toml").read_text())
    assert manifest["pack"]["kind"] == "transcription"
    assert manifest["task"]["speakers"] == ["Interviewer", "Guest"]
    items = [json.loads(line) for line in (out / "items.jsonl").read_text().splitlines()]
    assert [i["media"] for i in items] == ["media/one.wav", "media/sub/two.flac"]
    assert "Ctrl+Space" in (out / "instructions.md").read_text()
    assert cli(["pack", "validate", str(out)]) == 0
    assert cli(["pack", "new", "transcription", str(source), "-o", str(tmp_path / "p2"), "--speakers", "A,A"]) == 2
    assert "listed twice" in capsys.readouterr().err


def test_pack_validation_of_transcripts_and_media(tmp_path, registry, make_pack, capsys):
    items = [{"id": "a", "media": "media/a.wav", "training": False,
              "transcript": [{"start": 0, "end": 1, "text": "ok", "speaker": "Nobody"}]},
             {"id": "b", "media": "media/b.wav", "training": False, "transcript": 12}]
    media = {"media/a.wav": audio_bytes(1.0), "media/b.wav": b"just some text, not a recording"}
    pack = make_pack(items, media)
    assert cli(["pack", "validate", str(pack)]) == 2
    err = capsys.readouterr().err
    assert "items.jsonl:1" in err and "speaker must be one of" in err
    assert "items.jsonl:2" in err and "'transcript' must be a text or a list" in err
    assert "b.wav" in err and "not a WAV, FLAC, OGG or MP3" in err


def test_empty_and_summary(registry):
    plugin = registry.get("transcription")
    assert plugin.is_empty(None) and plugin.is_empty(S.to_annotation((S.Segment(0, 1, None, "  "),), 1.0))
    done = S.to_annotation((S.Segment(0, 1, None, "two words"), S.Segment(1, 2, None, "")), 2.0)
    assert not plugin.is_empty(done) and plugin.summary(done) == "2 segments, 2 words"
