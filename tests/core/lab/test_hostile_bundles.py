"""A merge that refuses, not crashes: hostile bundles, each signed, against the pack and its plugin.

Every bundle here is validly signed by its own key; what it holds is what a worker who edits
their tool's output could send. Each is refused with its reason, the good ones are merged, on
SQLite and on a real PostgreSQL server, and nothing a hostile bundle holds reaches the outputs.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.lab import bundle as bundles
from annotator.core.lab.db import LabDB
from annotator.core.lab.merge import merge
from tests.core.lab.forge import forge, pack_doc, record
from tests.packs import write_pack


def box(x0, y0, x1, y1, label="car", sid="s1"):
    return {"id": sid, "type": "box", "label": label, "points": [[x0, y0], [x1, y1]]}


def image(*shapes, tags=None):
    return {"format": "annotator-image/1", "image": {"width": 64, "height": 48}, "shapes": list(shapes),
            "tags": tags or {}}


GOOD = [record("item-0", image(box(0, 0, 10, 10))), record("item-1", image(box(5, 5, 20, 20))),
        record("item-2", image()), record("item-3", None, state="skipped", reason="unreadable")]


@pytest.fixture
def image_pack(tmp_path):
    return write_pack(tmp_path / "pack", kind="image", n=4, pack_id="lab.cars")


def _with(item_id: str, annotation) -> list[dict]:
    return [record(item_id, annotation) if r["id"] == item_id else r for r in GOOD]


def hostile_bundles(folder: Path, doc: dict) -> dict[str, tuple[Path, str]]:
    """name -> (bundle, what its refusal says)."""
    seconds = {"work_seconds_per_item": {"item-0": 12.5}}
    cases = {
        "dup-ids": (dict(records=GOOD + [record("item-1", image())]),
                    "results.jsonl:5 (item 'item-1'): the item appears twice"),
        "unknown-id": (dict(records=GOOD + [record("item-99", image())]),
                       "results.jsonl:5 (item 'item-99'): not an item of the pack"),
        "nan-timing": (dict(records=GOOD, raw_timing=b'{"work_seconds_per_item": {"item-0": NaN}}'),
                       "timing.json is not valid JSON (NaN is not a JSON number)"),
        "infinity-timing": (dict(records=GOOD, raw_timing=b'{"work_seconds_per_item": {"item-0": Infinity}}'),
                            "timing.json is not valid JSON (Infinity is not a JSON number)"),
        "overflow-timing": (dict(records=GOOD, raw_timing=b'{"work_seconds_per_item": {"item-0": 1e400}}'),
                            "timing.json is not valid JSON (1e400 is too large a number)"),
        "list-timing": (dict(records=GOOD, timing={"work_seconds_per_item": [12.5, 3]}),
                        "timing.json: work_seconds_per_item must be an object of item id -> seconds"),
        "negative-seconds": (dict(records=GOOD, timing={"work_seconds_per_item": {"item-0": -5}}),
                             "work_seconds_per_item['item-0']: -5 seconds is outside 0 to 86,400"),
        "huge-box": (dict(records=_with("item-1", image(box(0, 0, 1e308, 1e308))), timing=seconds),
                     "shapes[0]: point (1e+308, 1e+308) is outside the 64 x 48 image (refused, not clipped)"),
        "outside-box": (dict(records=_with("item-1", image(box(-30, 5, 20, 20)))),
                        "point (-30, 5) is outside the 64 x 48 image"),
        "wrong-size": (dict(records=_with("item-1", {**image(box(0, 0, 900, 900)),
                                                     "image": {"width": 1000, "height": 1000}})),
                       "the image is 64 x 48 pixels, the annotation says 1000 x 1000"),
        "undeclared-label": (dict(records=_with("item-1", image(box(0, 0, 10, 10, label="tank")))),
                             "shapes[0]: label 'tank' is not one of the pack's labels"),
        "list-annotation": (dict(records=_with("item-1", [box(0, 0, 10, 10)])),
                            "the annotation must be a JSON object, not list"),
        "wrong-state": (dict(records=[dict(GOOD[0], state="done")] + GOOD[1:]),
                        "state 'done' is not one of new, in_progress, submitted, skipped, flagged"),
        "wrong-types": (dict(records=[dict(GOOD[0], training="yes", reason=["x"])] + GOOD[1:]),
                        "reason must be a text of at most 2000 characters"),
        "dotdot": (dict(records=GOOD, pseudonym=".."), "the pseudonym '..': must be 1 to 64 letters"),
        "dotdot-inside": (dict(records=GOOD, pseudonym="a..b"), "the pseudonym 'a..b': must not hold '..'"),
        "newline-html": (dict(records=GOOD, pseudonym="ann\n<img src=x onerror=alert(1)>"),
                         "the pseudonym 'ann\\n<img src=x onerror=alert(1)>': must be"),
        "rtl-override": (dict(records=GOOD, pseudonym="ann\u202egpj.exe"), "the pseudonym 'ann\u202egpj.exe': must be"),
        "formula": (dict(records=GOOD, pseudonym='=HYPERLINK("http://x.example/","click")'),
                    "the pseudonym '=HYPERLINK("),
        "long-name": (dict(records=GOOD, pseudonym="a" * 300), "must be 1 to 64 letters"),
        "trailing-newline": (dict(records=GOOD, pseudonym="ann\n"), "the pseudonym 'ann\\n': must be"),
        "long-version": (dict(records=GOOD, manifest=lambda m: m["tool"].update(version="9" * 300)),
                         "bundle.json: tool version must be a text of at most 32 characters"),
    }
    made = {}
    for name, (kwargs, message) in cases.items():
        made[name] = (forge(folder / f"{name}.zip", doc, **kwargs), message)
    return made


def test_bad_bundles_are_refused_with_their_reason_and_the_others_go_on(lab_url, tmp_path, image_pack, registry,
                                                                       capsys):
    doc = pack_doc(image_pack, registry)
    folder = tmp_path / "bundles"
    alice = forge(folder / "alice.zip", doc, GOOD, pseudonym="alice", timing={"work_seconds_per_item": {"item-0": 9}})
    bob = forge(folder / "bob.zip", doc, _with("item-1", image(box(6, 6, 20, 20))), pseudonym="bob")
    hostile = hostile_bundles(folder, doc)
    paths = [alice] + [p for p, _ in hostile.values()] + [bob]
    code = main(["--data-dir", str(tmp_path / "lab"), "results", "merge", *map(str, paths), "--format", "coco",
                 "-o", str(tmp_path / "coco.json"), "--pack", str(image_pack), "--db", lab_url])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err
    assert "merged alice.zip" in out and "merged bob.zip" in out and out.count("merged ") == 2
    assert "8 records from 2 workers" in out
    lines = err.splitlines()
    assert len(lines) == len(hostile)  # one line per refused bundle, nothing else
    for name, (_, message) in hostile.items():
        line = next((ln for ln in lines if ln.startswith(f"{name}.zip: refused: ")), None)
        assert line is not None, name
        expected = message.replace("\n", "\\x0a").replace("\u202e", "\\u202e")  # shown, not obeyed
        assert expected in line.replace("\\\\", "\\"), (name, line)
    coco = json.loads((tmp_path / "coco.json").read_text())
    assert [c["name"] for c in coco["categories"]] == ["car", "person"]
    assert {w["worker"] for i in coco["images"] for w in i["workers"]} == {"alice", "bob"}
    assert {a["worker"] for a in coco["annotations"]} == {"alice", "bob"}
    for ann in coco["annotations"]:
        x, y, w, h = ann["bbox"]
        assert all(isinstance(v, float | int) and math.isfinite(v) for v in ann["bbox"])
        assert 0 <= x and 0 <= y and x + w <= 64 and y + h <= 48
    with LabDB(lab_url) as db:  # nothing of a refused bundle was stored
        assert sorted(b["pseudonym"] for b in db.bundles()) == ["alice", "bob"]
        assert db.count("lab.cars", "1.0.0") == 8


def test_pseudonyms_that_would_share_file_names_are_refused(lab_url, tmp_path, image_pack, registry):
    doc = pack_doc(image_pack, registry)
    first = forge(tmp_path / "a.zip", doc, GOOD, pseudonym="Ann Lee")
    second = forge(tmp_path / "b.zip", doc, _with("item-1", image(box(1, 1, 9, 9))), pseudonym="Ann_Lee")
    third = forge(tmp_path / "c.zip", doc, GOOD, pseudonym="ann lee")  # a case-insensitive file system
    fourth = forge(tmp_path / "d.zip", doc, _with("item-2", image(box(1, 1, 9, 9))), pseudonym="Ann-Lee")
    with LabDB(lab_url) as db:
        result = merge([first, second, third, fourth], db, registry, "yolo", tmp_path / "yolo", pack_path=image_pack)
    assert result.merged == ["a.zip", "d.zip"]
    assert len(result.refused) == 2
    assert result.refused[0].startswith('b.zip: refused: the pseudonym "Ann_Lee" would share file names with '
                                        '"Ann Lee"')
    assert result.refused[1].startswith('c.zip: refused: the pseudonym "ann lee" would share file names with')
    labels = {p.name: p for p in (tmp_path / "yolo" / "labels").rglob("*.txt")}
    # one image and label file per worker and item: Ann Lee's boxes never mixed with another's
    assert {name.split("__")[0] for name in labels} == {"Ann-Lee", "Ann_Lee"}
    # Ann Lee's box (5, 5, 20, 20), never the refused Ann_Lee's (1, 1, 9, 9)
    assert labels["Ann_Lee__img-1.txt"].read_text() == "0 0.195312 0.260417 0.234375 0.312500\n"


def test_the_same_bundle_given_again_is_already_in_and_a_failed_write_can_be_run_again(tmp_path, image_pack,
                                                                                      registry, capsys):
    doc = pack_doc(image_pack, registry)
    alice = forge(tmp_path / "alice.zip", doc, GOOD, pseudonym="alice")
    bob = forge(tmp_path / "bob.zip", doc, GOOD, pseudonym="bob")
    blocked = tmp_path / "blocked.json"
    blocked.mkdir()  # the output cannot be written: a folder is in the way
    args = ["--data-dir", str(tmp_path / "lab"), "results", "merge", str(alice), str(bob), "--format", "coco",
            "--pack", str(image_pack)]
    assert main(args + ["-o", str(blocked)]) == 2
    out, err = capsys.readouterr()
    assert "merged alice.zip" in out and "merged bob.zip" in out
    assert err.startswith(f"error: cannot write {blocked}") and "run the merge again to write the output" in err
    assert main(args + ["-o", str(tmp_path / "coco.json")]) == 0  # run again: nothing refused, all written
    out, err = capsys.readouterr()
    assert "alice.zip: already in (merged on " in out and "bob.zip: already in" in out and err == ""
    assert "8 records from 2 workers" in out
    images = json.loads((tmp_path / "coco.json").read_text())["images"]
    # one image entry per item (item-3 was skipped), each worker's result under it
    assert [[w["worker"] for w in i["workers"]] for i in images] == [["alice", "bob"]] * 3


def test_a_list_typed_annotation_does_not_disable_agreement_for_the_whole_merge(tmp_path, image_pack, registry):
    doc = pack_doc(image_pack, registry)
    odd = forge(tmp_path / "odd.zip", doc, _with("item-1", [box(0, 0, 10, 10)]), pseudonym="odd")
    alice = forge(tmp_path / "alice.zip", doc, GOOD, pseudonym="alice")
    bob = forge(tmp_path / "bob.zip", doc, GOOD, pseudonym="bob")
    with LabDB(f"sqlite:///{tmp_path / 'lab.sqlite3'}") as db:
        db.add(bundles.read(odd))  # in a database merged before bundles were checked
        result = merge([alice, bob], db, registry, "json", tmp_path / "out.json", pack_path=image_pack)
    figures = {f.name: f for f in result.agreement}
    iou = figures["mean IoU of boxes between workers"]
    # item-0: three workers agree (1.0); item-1: alice and bob agree, the odd one counts as no shapes (1/3)
    assert iou.value == pytest.approx((1.0 + 1 / 3) / 2) and iou.items == 2
    assert not any("failed" in name for name in figures)


def test_transcripts_name_only_the_speakers_the_pack_declares(lab_url, tmp_path, registry):
    pack = write_pack(tmp_path / "pack", kind="transcription", n=2, pack_id="lab.voice")
    doc = pack_doc(pack, registry)

    def transcript(speaker, start=0.0, end=0.4, duration=0.5):
        return {"format": "transcription/1", "duration": duration,
                "segments": [{"start": start, "end": end, "speaker": speaker, "text": "hello"}]}

    good = forge(tmp_path / "ann.zip", doc, [record("rec-0", transcript("A")), record("rec-1", transcript("B"))],
                 pseudonym="ann")
    cases = {
        "stranger": (transcript("Mallory"), "segments[0].speaker must be one of the pack's speakers (A, B)"),
        "overflow": (transcript("A", end=1e308), "segments[0] ends at 1e+308 s, after the recording"),
        "backwards": (transcript("A", start=0.3, end=0.1), "segments[0]: needs 0 <= start < end"),
        "long": (transcript("A", duration=3600.0), "the recording lasts 0.500 s, the transcript says 3600.000 s"),
    }
    paths = [forge(tmp_path / f"{name}.zip", doc, [record("rec-0", ann)], pseudonym=name)
             for name, (ann, _) in cases.items()]
    with LabDB(lab_url) as db:
        result = merge([good, *paths], db, registry, "textgrid", tmp_path / "tg", pack_path=pack)
    assert result.merged == ["ann.zip"]
    for line, (name, (_, message)) in zip(result.refused, cases.items()):
        assert line.startswith(f"{name}.zip: refused: ") and message in line, line
    grids = "".join(p.read_text() for p in (tmp_path / "tg").iterdir())
    assert "Mallory" not in grids and 'name = "A"' in grids


def test_ratings_outside_the_pack_are_refused(tmp_path, registry):
    pack = write_pack(tmp_path / "pack", kind="rating", n=2, pack_id="lab.rate")
    doc = pack_doc(pack, registry)
    good = {"format": "rating/1", "order": ["a"], "scores": {"a": {"overall": 4}}}
    ok = forge(tmp_path / "ok.zip", doc, [record("q-0", good)], pseudonym="ok")
    cases = {
        "scale": ({"scores": {"a": {"overall": 9}}}, "scores: overall must be a whole number from 1 to 5"),
        "criterion": ({"scores": {"a": {"made_up": 3}}}, "scores: 'made_up' is not one of the pack's criteria"),
        "response": ({"scores": {"zz": {"overall": 3}}}, "scores: 'zz' is not one of the item's responses"),
        "mode": ({"pairwise": {"strength": 1, "preferred": "a"}}, "pairwise: the pack does not ask for pairwise"),
    }
    paths = [forge(tmp_path / f"{n}.zip", doc, [record("q-0", a)], pseudonym=n) for n, (a, _) in cases.items()]
    with LabDB(f"sqlite:///{tmp_path / 'lab.sqlite3'}") as db:
        result = merge([ok, *paths], db, registry, "jsonl", tmp_path / "r.jsonl", pack_path=pack)
    assert result.merged == ["ok.zip"]
    for line, (name, (_, message)) in zip(result.refused, cases.items()):
        assert line.startswith(f"{name}.zip: refused: ") and message in line, line


# ----------------------------------------------------------------------------- plugins that raise


def test_a_plugin_that_raises_never_takes_the_merge_down(tmp_path, image_pack, registry, monkeypatch, capsys):
    doc = pack_doc(image_pack, registry)
    alice = forge(tmp_path / "alice.zip", doc, GOOD, pseudonym="alice")
    bob = forge(tmp_path / "bob.zip", doc, GOOD, pseudonym="bob")
    plugin = registry.plugins["image"]

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    base = ["--data-dir", str(tmp_path / "lab"), "results", "merge", "--format", "coco", "--pack", str(image_pack)]
    monkeypatch.setattr(plugin, "check_annotation", boom)
    assert main(base + [str(alice), "-o", str(tmp_path / "a.json")]) == 2
    out, err = capsys.readouterr()
    assert "alice.zip: refused: results.jsonl:1 (item 'item-0'): the image plugin could not check the annotation " \
           "(RuntimeError: boom)" in err and "Traceback" not in err
    monkeypatch.undo()

    monkeypatch.setattr(plugin, "exporters", boom)
    assert main(base + [str(alice), "-o", str(tmp_path / "a.json")]) == 2
    out, err = capsys.readouterr()
    assert "merged alice.zip" in out  # checked and kept: the next run writes it
    assert "error: the image plugin cannot list its exporters: RuntimeError: boom" in err and "Traceback" not in err
    monkeypatch.undo()

    coco = next(e for e in plugin.exporters() if e.name == "coco")
    monkeypatch.setattr(plugin, "exporters", lambda: [type(coco)("coco", "", ".json", boom)])
    monkeypatch.setattr(plugin, "agreement", boom)
    assert main(base + [str(bob), "-o", str(tmp_path / "a.json")]) == 2
    out, err = capsys.readouterr()
    assert "merged bob.zip" in out and "error: the image plugin failed to export coco: RuntimeError: boom" in err
    monkeypatch.setattr(plugin, "exporters", lambda: [coco])
    assert main(base + [str(alice), str(bob), "-o", str(tmp_path / "a.json")]) == 0
    out, err = capsys.readouterr()
    assert "agreement: the image plugin failed to measure agreement: RuntimeError: boom" in out
    assert "8 records from 2 workers" in out and err == ""


def test_a_bundle_that_inflates_far_beyond_its_size_is_refused_unread(tmp_path, image_pack, registry):
    import zipfile

    doc = pack_doc(image_pack, registry)
    good = forge(tmp_path / "good.zip", doc, GOOD, pseudonym="good")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "results.jsonl":
                data += b" " * 30_000_000  # 30 MB of spaces deflate to about 30 KB
            dst.writestr(name, data)
    with LabDB(f"sqlite:///{tmp_path / 'lab.sqlite3'}") as db:
        result = merge([bomb, good], db, registry, "json", tmp_path / "o.json", pack_path=image_pack)
    assert result.merged == ["good.zip"]
    (line,) = result.refused
    assert line.startswith("bomb.zip: refused: results.jsonl inflates 30") and line.endswith("bytes (zip bomb)")
