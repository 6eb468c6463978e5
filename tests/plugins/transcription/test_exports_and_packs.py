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
    assert files == ["rec_0.vtt"]  # submitted only by default (rec/2 is in progress, rec/1 skipped); ids made safe
    assert "NOTE item rec/0, state submitted" in (out / "rec_0.vtt").read_text()
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


def test_text_and_jsonl_manifest(tmp_path, store, registry, worked_pack, monkeypatch):
    text = export(store, registry, worked_pack, "text", tmp_path / "t.txt").read_text(encoding="utf-8")
    assert "## rec/0 (submitted)\n[00:00:00.250 - 00:00:01.500] A: Hello, <and> welcome & thanks.\n" in text
    assert "[00:00:03.500 - 00:00:05.250] B: She said \"no\" --> then left. Two lines" in text
    assert "only one" not in text and "second item" not in text  # skipped, in progress
    export_pack(store, registry, worked_pack, "jsonl", tmp_path / "nemo" / "m.jsonl",
                states=("submitted", "in_progress"))
    monkeypatch.chdir(tmp_path)  # NeMo resolves a relative audio_filepath from the manifest's folder
    rows = nemo_manifest(tmp_path / "nemo" / "m.jsonl")
    assert [(r["item_id"], r["state"]) for r in rows] == [("rec/0", "submitted"), ("rec/2", "in_progress")]
    first = rows[0]
    assert first["text"] == 'Hello, <and> welcome & thanks. Thank you. She said "no" --> then left. Two lines'
    assert first["audio_filepath_as_written"] == "audio/r0.wav"
    info = sf.info(first["audio_file"])
    assert first["duration"] == pytest.approx(info.duration) and first["offset"] == 0


def nemo_manifest(path: Path) -> list[dict]:
    """A NeMo manifest read as NeMo's ``manifest.item_iter`` and ``get_full_path`` do (documented semantics):
    one JSON object a line; ``audio_filepath`` absolute, or relative to the working directory, else to
    the manifest's folder; ``duration`` required; ``offset`` optional (0); ``text`` the transcript."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        audio = row["audio_filepath"]
        full = audio if Path(audio).is_absolute() or Path(audio).is_file() else str(path.parent / audio)
        assert Path(full).is_file(), f"{audio} does not resolve from {path}"
        assert isinstance(row["duration"], float | int) and row["duration"] > 0
        row.update(audio_file=full, audio_filepath_as_written=audio, offset=row.get("offset", 0))
        rows.append(row)
    return rows


def test_nemo_per_segment_lines_cut_the_recording_and_drop_the_workers_timestamps(tmp_path, store, registry,
                                                                                   make_pack):
    items = [{"id": "talk", "media": "media/talk.wav", "training": False}]
    pack = import_pack(make_pack(items, {"media/talk.wav": audio_bytes(6.0)}), store, registry).pack
    session = WorkSession(store, pack)
    session.start()
    awkward = (S.Segment(0.5, 2.0, "A", "[0:00.5] Bonjour,  l'équipe [0:01.9]"),
               S.Segment(2.0, 2.5, "B", ""),
               S.Segment(2.5, 4.25, "B", "Ça va ? [0:03.1] 日本語も [1:02:03] OK\nnext line"))
    session.save(session.item, S.to_annotation(awkward, 6.0))
    session.submit()
    out = tmp_path / "seg" / "manifest.jsonl"
    written = export_pack(store, registry, pack, "jsonl", out, options={"per-segment": True, "link-media": True})
    assert written.counts == {"lines": 2, "recordings": 1, "files of audio in audio/": 1}
    rows = nemo_manifest(out)
    assert [(r["offset"], r["duration"], r["text"], r["speaker_name"]) for r in rows] == [
        (0.5, 1.5, "Bonjour, l'équipe", "A"), (2.5, 1.75, "Ça va ? 日本語も OK next line", "B")]
    for row in rows:  # each line's stretch lies inside the recording and reads as that many samples
        info = sf.info(row["audio_file"])
        assert row["offset"] + row["duration"] <= info.duration + 1e-9
        data, rate = sf.read(row["audio_file"], start=round(row["offset"] * info.samplerate),
                             frames=round(row["duration"] * info.samplerate))
        assert len(data) == round(row["duration"] * rate)
    vtt = export(store, registry, pack, "webvtt", tmp_path / "vtt")
    assert [c.text for c in webvtt.read(str(vtt / "talk.vtt")).captions] == [
        "Bonjour,  l'équipe", "Ça va ? 日本語も OK\nnext line"]
    absolute = tmp_path / "abs.jsonl"
    export_pack(store, registry, pack, "jsonl", absolute, options={"absolute": True})
    (row,) = nemo_manifest(absolute)
    assert Path(row["audio_filepath"]).is_absolute() and not (tmp_path / "audio").exists()


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
    context = ExportContext(info, lambda: iter(records), "0", options={"absolute": True})
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
