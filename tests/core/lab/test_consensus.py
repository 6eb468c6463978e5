"""``results merge --consensus``: one record per item from several workers, by the rules of docs/lab.md."""
from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.core.lab.db import LabDB
from annotator.core.lab.merge import merge
from annotator.plugin_api.agreement import ItemGroup
from tests.core.lab.forge import forge, pack_doc, record
from tests.packs import manifest, write_pack


def box(x0, y0, x1, y1, label="car", sid="s1"):
    return {"id": sid, "type": "box", "label": label, "points": [[x0, y0], [x1, y1]]}


def image(*shapes, **tags):
    return {"format": "annotator-image/1", "image": {"width": 64, "height": 48}, "shapes": list(shapes), "tags": tags}


@pytest.fixture
def tagged_pack(tmp_path):
    task = {"tools": ["box", "polygon", "point"],
            "labels": [{"name": "car", "color": "#e6194b"}, {"name": "person", "color": "#3cb44b"}],
            "tags": [{"name": "weather", "choices": ["rain", "sun"]},
                     {"name": "contents", "choices": ["crowd", "traffic"], "multiple": True}]}
    return write_pack(tmp_path / "pack", kind="image", n=3, pack_id="lab.cons",
                      manifest_doc=manifest("lab.cons", "image", task=task))


def test_image_consensus_fuses_boxes_by_majority_and_counts_what_it_drops(tmp_path, tagged_pack, registry, capsys):
    from pycocotools.coco import COCO

    doc = pack_doc(tagged_pack, registry)
    made = {
        "ann": {"item-1": image(box(0, 0, 10, 10), box(30, 30, 40, 40, sid="s2"), weather="rain",
                                contents=["crowd"]),
                "item-2": image(box(5, 5, 25, 25), weather="rain")},
        "ben": {"item-1": image(box(1, 1, 11, 11), weather="rain", contents=["crowd", "traffic"]),
                "item-2": image(weather="sun")},
        "cat": {"item-1": image(box(2, 2, 12, 12), box(50, 20, 60, 30, label="person", sid="s3"), weather="sun",
                                contents=["crowd"])},
    }
    paths = [forge(tmp_path / f"{w}.zip", doc, [record(i, a) for i, a in items.items()], pseudonym=w)
             for w, items in made.items()]
    code = main(["--data-dir", str(tmp_path / "lab"), "results", "merge", *map(str, paths), "--format", "coco",
                 "-o", str(tmp_path / "coco.json"), "--pack", str(tagged_pack), "--consensus"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "wrote " in out and "2 consensus records from 3 workers" in out
    assert "consensus: 2 items written, one consensus record each (1 by 2, 1 by 3 workers)" in out
    assert "consensus: 3 boxes without a majority" in out  # ann's s2, cat's person box, item-2's lone box
    assert "consensus: 1 tag ties" in out  # item-2: rain against sun
    assert "consensus: 1 tag choices without a majority" in out  # traffic: 1 of 3
    assert "agreement: mean IoU of boxes between workers" in out  # agreement figures stay as they are
    coco = COCO(str(tmp_path / "coco.json"))
    images = {i["item_id"]: i for i in coco.loadImgs(coco.getImgIds())}
    assert sorted(images) == ["item-1", "item-2"] and all("worker" not in i for i in images.values())
    assert images["item-1"]["tags"] == {"weather": "rain", "contents": ["crowd"]}
    assert images["item-2"]["tags"] == {}
    (fused,) = coco.loadAnns(coco.getAnnIds(imgIds=[images["item-1"]["id"]]))
    assert fused["bbox"] == [1.0, 1.0, 10.0, 10.0] and fused["category_id"] == 1  # the mean of three boxes
    assert coco.getAnnIds(imgIds=[images["item-2"]["id"]]) == []
    # given again with --consensus: already in, and the same output written from everything merged
    code = main(["--data-dir", str(tmp_path / "lab"), "results", "merge", *map(str, paths), "--format", "json",
                 "-o", str(tmp_path / "c.json"), "--pack", str(tagged_pack), "--consensus"])
    out, err = capsys.readouterr()
    assert code == 0 and out.count("already in") == 3 and err == ""
    items = json.loads((tmp_path / "c.json").read_text())["items"]
    assert [i["annotation"]["consensus"]["workers"] for i in items] == [["ann", "ben", "cat"], ["ann", "ben"]]


def test_rating_consensus_majority_and_mean_scores_and_one_preference_pair_per_item(tmp_path, registry):
    task = {"modes": ["likert", "pairwise"], "criteria": [{"id": "helpful", "label": "Helpful", "min": 1, "max": 5}],
            "pairwise": {"levels": 3, "ties": True}}
    items = [{"id": f"q-{i}", "prompt": f"Question {i}?", "training": False,
              "responses": [{"id": "a", "text": f"A{i}"}, {"id": "b", "text": f"B{i}"}]} for i in range(2)]
    pack = write_pack(tmp_path / "pack", kind="rating", items=items, pack_id="lab.rate",
                      manifest_doc=manifest("lab.rate", "rating", task=task))
    doc = pack_doc(pack, registry)

    def rating(score, preferred, strength, shown=("a", "b")):
        return {"format": "rating/1", "order": list(shown), "scores": {"a": {"helpful": score}},
                "pairwise": {"shown": list(shown), "preferred": preferred, "strength": strength, "levels": 3}}

    made = {"w1": {"q-0": rating(4, "a", 2), "q-1": rating(2, "a", 1)},
            "w2": {"q-0": rating(4, "a", 3, shown=("b", "a")), "q-1": rating(3, "b", 2)},
            "w3": {"q-0": rating(2, "b", 1)}}
    paths = [forge(tmp_path / f"{w}.zip", doc, [record(i, a) for i, a in its.items()], pseudonym=w)
             for w, its in made.items()]
    with LabDB(f"sqlite:///{tmp_path / 'lab.sqlite3'}") as db:
        result = merge(paths, db, registry, "preferences", tmp_path / "p.jsonl", pack_path=pack, consensus=True)
        merge([], db, registry, "jsonl", tmp_path / "r.jsonl", pack_path=pack, consensus=True)
    rows = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    # q-0: a preferred by two of three (strengths 2 and 3 -> 2 after rounding the mean 2.5 to even); q-1: 1 against 1
    assert [(r["item_id"], r["chosen_id"], r["rejected_id"], r["strength"]) for r in rows] == [("q-0", "a", "b", 2)]
    assert result.consensus.counts == {"preference ties": 1, "score ties": 1}
    lines = {json.loads(line)["item_id"]: json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()}
    assert lines["q-0"]["worker"] is None and lines["q-0"]["scores"] == {"a": {"helpful": 4}}
    assert lines["q-0"]["other"]["mean_scores"] == {"a": {"helpful": pytest.approx(3.333)}}
    assert lines["q-1"]["scores"] == {} and lines["q-1"]["other"]["mean_scores"] == {"a": {"helpful": 2.5}}
    assert lines["q-0"]["other"]["consensus"]["workers"] == ["w1", "w2", "w3"]


def test_transcription_consensus_takes_the_transcript_closest_to_the_others(registry):
    plugin = registry.plugins["transcription"]

    def said(text):
        return {"format": "transcription/1", "duration": 2.0,
                "segments": [{"start": 0.0, "end": 1.5, "speaker": "A", "text": text}]}

    group = ItemGroup({"id": "rec-0"}, {"ann": said("turn the lights on please"), "ben": said("turn the light on please"),
                                        "cat": said("turn lights off")})
    made = plugin.consensus(group, {"speakers": ["A", "B"]})
    assert made.annotation["segments"][0]["text"] == "turn the lights on please" and made.counts == {}
    two = plugin.consensus(ItemGroup({"id": "rec-0"}, {"ann": said("a b"), "ben": said("a c")}), {})
    assert two.annotation["segments"][0]["text"] == "a b"
    assert two.counts == {"transcripts of two workers (no majority)": 1}


def test_a_plugin_without_consensus_is_refused_before_anything_is_merged(tmp_path, registry_with_yesno, capsys):
    pack = write_pack(tmp_path / "pack", kind="yesno", items=[{"id": "item-0", "question": "Is it?"}],
                      pack_id="lab.yes")
    doc = pack_doc(pack, registry_with_yesno)
    path = forge(tmp_path / "a.zip", doc, [record("item-0", {"answer": "yes"})], pseudonym="ann")
    with LabDB(f"sqlite:///{tmp_path / 'lab.sqlite3'}") as db:
        with pytest.raises(Exception, match="the yesno plugin offers no consensus; merge without --consensus "
                                            r"\(nothing was merged\)"):
            merge([path], db, registry_with_yesno, "json", tmp_path / "o.json", pack_path=pack, consensus=True)
        assert db.bundles() == []


def test_a_consensus_that_raises_on_an_item_leaves_it_out_and_says_so(tmp_path, tagged_pack, registry, monkeypatch):
    doc = pack_doc(tagged_pack, registry)
    paths = [forge(tmp_path / f"{w}.zip", doc, [record("item-1", image(box(0, 0, 10, 10))),
                                                record("item-2", image(box(0, 0, 10, 10)))], pseudonym=w)
             for w in ("ann", "ben")]
    plugin = registry.plugins["image"]
    real = plugin.consensus

    def flaky(group, task):
        if group.item["id"] == "item-2":
            raise ZeroDivisionError("oops")
        return real(group, task)

    monkeypatch.setattr(plugin, "consensus", flaky)
    with LabDB(f"sqlite:///{tmp_path / 'lab.sqlite3'}") as db:
        result = merge(paths, db, registry, "json", tmp_path / "o.json", pack_path=tagged_pack, consensus=True)
    assert result.write_error is None and result.records == 1
    assert result.consensus.lines()[1] == "1 items left out: the plugin failed (item 'item-2': ZeroDivisionError: oops)"
