"""The lab's side, end to end: workers' real stores -> signed bundles -> merge -> formats -> report."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.lab import bundle as bundles
from annotator.core.lab import report
from annotator.core.lab.db import LabDB
from annotator.plugin_api import ITEM_STATES
from annotator.core.lab.merge import merge
from tests.core.lab.helpers import bundle_of, make_worker, work_trace
from tests.core.metering.traces import T0
from tests.packs import write_pack


def box(x0, y0, x1, y1, label="car", sid="s1"):
    return {"id": sid, "type": "box", "label": label, "points": [[x0, y0], [x1, y1]]}


@pytest.fixture
def image_pack(tmp_path):
    return write_pack(tmp_path / "pack", kind="image", n=4, pack_id="lab.cars")


@pytest.fixture
def two_workers(tmp_path, image_pack, registry):
    """alice and bob did the same image pack; their stores, traces and bundles are real."""
    alice = make_worker(tmp_path, "alice", image_pack, registry, {
        "item-0": {"shapes": [box(0, 0, 10, 10)]},
        "item-1": {"shapes": [box(0, 0, 20, 20)]},
        "item-2": {"shapes": [box(0, 0, 10, 10), box(30, 30, 40, 40, "person", "s2")]},
        "item-3": None,
    }, work_trace("lab.cars", {"item-1": 40, "item-2": 50, "item-3": 20}, training={"item-0": 30}),
        states={"item-3": "skipped"})
    bob = make_worker(tmp_path, "bob", image_pack, registry, {
        "item-0": {"shapes": [box(0, 0, 10, 10)]},
        "item-1": {"shapes": [box(0, 0, 20, 10)]},           # IoU with alice: 200 / 400 = 0.5
        "item-2": {"shapes": [box(0, 0, 10, 10)]},           # alice's person box has no match: (1 + 0) / 2
        "item-3": {"shapes": [box(5, 5, 15, 15)]},
    }, work_trace("lab.cars", {"item-1": 60, "item-2": 80, "item-3": 70}, training={"item-0": 45},
                  instructions=300, start=T0 + 86_400))
    out = tmp_path / "bundles"
    return {"alice": bundle_of(alice, "lab.cars", out / "alice.zip", "alice"),
            "bob": bundle_of(bob, "lab.cars", out / "bob.zip", "bob"),
            "stores": {"alice": alice, "bob": bob}}


def test_a_bundle_holds_what_the_worker_agreed_to_share(two_workers):
    b = bundles.read(two_workers["alice"])
    assert b.pseudonym == "alice" and b.pack["id"] == "lab.cars" and b.pack["kind"] == "image"
    assert b.manifest["shared"] == ["work_seconds_per_item", "category_totals"]
    assert b.timing["work_seconds_per_item"] == {"item-1": 40.0, "item-2": 50.0, "item-3": 20.0}
    assert b.timing["category_totals"] == {"waiting": 0.0, "instructions": 120.0, "training": 30.0,
                                           "work": 110.0, "review": 0.0}
    assert "intervals" not in b.timing  # no wall-clock time unless the worker opts in
    records = {r["id"]: r for r in b.results()}
    assert records["item-3"]["state"] == "skipped" and records["item-3"]["reason"] == "unreadable"
    assert records["item-1"]["annotation"]["shapes"][0]["points"] == [[0, 0], [20, 20]]
    assert all(r["instructions_hash"] == b.pack["instructions_hash"] for r in records.values() if r["annotation"])
    with zipfile.ZipFile(two_workers["alice"]) as zf:
        assert "alice" not in zf.read("timing.json").decode()  # the pseudonym only where it is declared
        everything = b"".join(zf.read(n) for n in zf.namelist()).decode()
    assert str(two_workers["stores"]["alice"].data_dir) not in everything  # no local paths or account names


def test_intervals_only_when_the_worker_opts_in(two_workers, tmp_path):
    store = two_workers["stores"]["alice"]
    path = bundle_of(store, "lab.cars", tmp_path / "with-times.zip", "alice",
                     shared=("work_seconds_per_item", "category_totals", "intervals"))
    intervals = bundles.read(path).timing["intervals"]
    assert {i["category"] for i in intervals} == {"instructions", "training", "work"}
    assert intervals[0]["start"].endswith("Z") and sum(i["seconds"] for i in intervals) == pytest.approx(260.0)
    nothing = bundles.read(bundle_of(store, "lab.cars", tmp_path / "no-times.zip", "alice", shared=()))
    assert nothing.timing == {} and nothing.manifest["shared"] == []


def test_merge_writes_coco_that_pycocotools_reads_with_one_record_per_item_and_worker(two_workers, tmp_path,
                                                                                     image_pack, registry):
    from pycocotools.coco import COCO

    with LabDB(f"sqlite:///{tmp_path / 'lab.sqlite3'}") as db:
        result = merge([two_workers["alice"], two_workers["bob"]], db, registry, "coco", tmp_path / "coco.json",
                       pack_path=image_pack)
    assert result.merged == ["alice.zip", "bob.zip"] and result.refused == []
    assert result.records == 8 and result.workers == 2
    coco = COCO(str(tmp_path / "coco.json"))
    images = coco.loadImgs(coco.getImgIds())
    # one image entry per item, each worker's submitted result attributed (alice skipped item-3)
    assert [(i["item_id"], [w["worker"] for w in i["workers"]]) for i in images] == [
        ("item-0", ["alice", "bob"]), ("item-1", ["alice", "bob"]), ("item-2", ["alice", "bob"]),
        ("item-3", ["bob"])]
    item_1 = next(i for i in images if i["item_id"] == "item-1")
    anns = [a for a in coco.loadAnns(coco.getAnnIds(imgIds=[item_1["id"]])) if a["worker"] == "alice"]
    assert [a["bbox"] for a in anns] == [[0, 0, 20, 20]] and anns[0]["area"] == 400
    assert len(coco.getAnnIds()) == 8  # 1+1+2 from alice (item-3 skipped), 1+1+1+1 from bob
    figures = {f.name: f for f in result.agreement}
    iou = figures["mean IoU of boxes between workers"]
    # item-0: 1.0, item-1: 0.5, item-2: (1.0 + 0) / 2; item-3 was skipped by alice
    assert iou.items == 3 and iou.value == pytest.approx((1.0 + 0.5 + 0.5) / 3)


def test_the_report_matches_figures_computed_by_hand(two_workers):
    read = [bundles.read(two_workers["alice"]), bundles.read(two_workers["bob"])]
    (fig,) = report.figures(read, minimum_wage=11.88, currency="EUR")
    # submitted, non-training items: alice 40, 50 (item-3 skipped); bob 60, 80, 70
    seconds = [40.0, 50.0, 60.0, 80.0, 70.0]
    assert sorted(fig.seconds) == sorted(seconds)
    assert fig.median == 60.0
    assert fig.spread()["p25"] == 50.0 and fig.spread()["p75"] == 70.0
    assert fig.implied_rate == pytest.approx(0.1 * 3600 / 60)               # 6.00 EUR/h
    assert fig.rate_at_estimate == pytest.approx(0.1 * 3600 / 30)           # 12.00 EUR/h
    assert fig.overhead == {"instructions": 420.0, "training": 75.0, "waiting": 0.0}
    assert fig.unpaid_share == pytest.approx(495.0 / (495.0 + sum(seconds)))
    assert fig.bonus_per_item == pytest.approx(11.88 * 60 / 3600 - 0.1)     # 0.098 EUR
    doc = fig.as_dict()
    assert doc["work_seconds_per_item"]["n"] == 5 and doc["median_over_estimate"] == pytest.approx(2.0)
    other = report.figures(read, minimum_wage=15, currency="USD")[0]
    assert other.bonus_per_item is None  # never converted
    text = report.markdown([fig])
    assert "| Fair Work bonus per item | 0.10 EUR |" in text and "| Hourly rate implied at the median | 6.00 EUR |" in text


def test_report_command_writes_md_html_and_pdf(two_workers, tmp_path, capsys):
    paths = [str(two_workers["alice"]), str(two_workers["bob"])]
    assert main(["results", "report", *paths, "--minimum-wage", "11.88", "--currency", "EUR", "--format", "json",
                 "-o", str(tmp_path / "r.json")]) == 0
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["packs"][0]["fair_work_bonus_per_item"] == pytest.approx(0.098)
    assert main(["results", "report", *paths, "--format", "md", "-o", str(tmp_path / "r.md")]) == 0
    md = (tmp_path / "r.md").read_text()
    chart = tmp_path / "r-lab.cars-1.0.0.png"
    assert f"![Work seconds per item]({chart.name})" in md and chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["results", "report", *paths, "--format", "html", "-o", str(tmp_path / "r.html")]) == 0
    assert "data:image/png;base64," in (tmp_path / "r.html").read_text()
    assert main(["results", "report", *paths, "--format", "pdf", "-o", str(tmp_path / "r.pdf")]) == 0
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    capsys.readouterr()
    assert main(["results", "report", *paths, "--format", "pdf"]) == 2
    assert "needs -o OUT" in capsys.readouterr().err


# ----------------------------------------------------------------------------- refusals


def _rewrite(src: Path, dst: Path, change) -> Path:
    with zipfile.ZipFile(src) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    change(files)
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return dst


def test_tampered_bundles_are_refused_and_say_why(two_workers, tmp_path):
    src = two_workers["alice"]

    def edit_annotation(files):
        files["results.jsonl"] = files["results.jsonl"].replace(b'[20,20]', b'[25,25]')

    def edit_manifest(files):
        files["bundle.json"] = files["bundle.json"].replace(b'"alice"', b'"mallory"')

    def fake_seconds(files):
        files["timing.json"] = files["timing.json"].replace(b"40.0", b"4.0")

    cases = {
        edit_annotation: "results.jsonl does not match the hash the worker signed (tampered)",
        edit_manifest: "the signature does not match bundle.json",
        fake_seconds: "timing.json does not match the hash the worker signed (tampered)",
        (lambda files: files.pop("bundle.sig")): "not a complete results bundle (bundle.sig is missing)",
        (lambda files: files.update({"../evil": b"x"})): "unexpected entry '../evil'",
    }
    for n, (change, message) in enumerate(cases.items()):
        path = _rewrite(src, tmp_path / f"t{n}.zip", change)
        with pytest.raises(bundles.BundleError) as info:
            bundles.read(path)
        assert message in str(info.value) and str(info.value).startswith(f"t{n}.zip: ")


def test_foreign_and_duplicate_bundles_are_refused_and_nothing_merged_is_lost(two_workers, tmp_path, registry,
                                                                            image_pack):
    other_pack = write_pack(tmp_path / "other", kind="image", n=2, pack_id="lab.other")
    carol = make_worker(tmp_path, "carol", other_pack, registry, {"item-1": {"shapes": [box(0, 0, 5, 5)]}},
                        work_trace("lab.other", {"item-1": 30}))
    foreign = bundle_of(carol, "lab.other", tmp_path / "carol.zip", "carol")
    db_url = f"sqlite:///{tmp_path / 'lab.sqlite3'}"
    with LabDB(db_url) as db:
        first = merge([two_workers["alice"], foreign], db, registry, "json", tmp_path / "one.json", pack_path=image_pack)
    assert first.merged == ["alice.zip"]
    assert first.refused == ["carol.zip: refused: it is for lab.other 1.0.0 (" + bundles.read(foreign).pack["content_hash"][:19]
                             + "…), another pack or version than lab.cars 1.0.0 (" +
                             bundles.read(two_workers["alice"]).pack["content_hash"][:19] + "…)"]
    # alice works a little more and sends a second bundle; bob's arrives; alice's first is sent again
    alice_again = bundle_of(two_workers["stores"]["alice"], "lab.cars", tmp_path / "alice-2.zip", "alice",
                            mutate=lambda plan: plan.records[3].update(state="submitted"))
    with LabDB(db_url) as db:
        second = merge([two_workers["alice"], alice_again, two_workers["bob"]], db, registry, "json",
                       tmp_path / "two.json", pack_path=image_pack, states=ITEM_STATES)
    assert second.merged == ["bob.zip"]
    assert second.already[0].startswith("alice.zip: already in (merged on ")  # given again: not an error
    assert second.refused[0].startswith('alice-2.zip: refused: a duplicate: this worker (key ')
    assert "one bundle per worker and pack version" in second.refused[0] and len(second.refused) == 1
    items = json.loads((tmp_path / "two.json").read_text())["items"]
    assert sorted({i["worker"] for i in items}) == ["alice", "bob"] and len(items) == 8  # alice's kept


def test_merge_command_exit_codes_and_output(two_workers, tmp_path, image_pack, capsys):
    data = tmp_path / "lab-data"
    code = main(["--data-dir", str(data), "results", "merge", str(two_workers["alice"]), str(two_workers["bob"]),
                 "--format", "voc", "-o", str(tmp_path / "voc"), "--pack", str(image_pack)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "wrote " in out and "8 records from 2 workers of lab.cars 1.0.0" in out
    assert "agreement: mean IoU of boxes between workers: 0.667 over 3 items" in out
    assert (data / "lab.sqlite3").exists()
    code = main(["--data-dir", str(data), "results", "merge", str(two_workers["alice"]), "--format", "coco",
                 "-o", str(tmp_path / "c.json"), "--pack", str(image_pack)])
    out, err = capsys.readouterr()
    assert code == 0 and "alice.zip: already in (merged on" in out and not err  # given again: not an error
    assert "8 records from 2 workers" in out  # the output still holds everything merged so far
    # without the pack, the lab is told how to give it, and nothing is merged (it is needed to check them)
    code = main(["--data-dir", str(tmp_path / "fresh"), "results", "merge", str(two_workers["bob"]),
                 "--format", "coco", "-o", str(tmp_path / "x.json")])
    err = capsys.readouterr().err
    assert code == 2 and "give --pack PATH, or import it with 'annotator pack import PATH' (nothing was merged)" in err
    code = main(["--data-dir", str(tmp_path / "fresh"), "pack", "import", str(image_pack)])
    assert code == 0
    capsys.readouterr()
    code = main(["--data-dir", str(tmp_path / "fresh"), "results", "merge", str(two_workers["alice"]),
                 str(two_workers["bob"]), "--format", "coco", "-o", str(tmp_path / "x.json")])
    assert code == 0 and "8 records from 2 workers" in capsys.readouterr().out


def test_bundle_command_shows_what_it_will_contain(two_workers, tmp_path, capsys):
    data = two_workers["stores"]["alice"].data_dir
    code = main(["--data-dir", str(data), "results", "bundle", "lab.cars", "-o", str(tmp_path / "b.zip"), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0 and not (tmp_path / "b.zip").exists()
    assert "Your pseudonym: alice" in out  # remembered from the first bundle
    assert "Work seconds per item: 3 items, 1.8 min in all" in out
    assert "No dates or times of day are included." in out
    code = main(["--data-dir", str(tmp_path / "nobody"), "pack", "import", str(two_workers["alice"])])
    assert code == 2
    capsys.readouterr()
    code = main(["--data-dir", str(data), "results", "bundle", "lab.cars", "-o", str(tmp_path / "b.zip"),
                 "--pseudonym", "bad/name"])
    assert code == 2 and "pseudonym" in capsys.readouterr().err


# ----------------------------------------------------------------------------- transcription


def test_transcription_bundles_merge_into_webvtt_that_webvtt_py_reads(tmp_path, registry):
    import webvtt

    pack = write_pack(tmp_path / "pack", kind="transcription", n=2, pack_id="lab.voice")
    seg = lambda text: {"format": "transcription/1", "duration": 0.5,  # noqa: E731
                        "segments": [{"start": 0.0, "end": 0.5, "speaker": "A", "text": text}]}
    paths = []
    for name, texts in (("ann", ["turn the lights on", "call mum"]), ("ben", ["turn the light on", "call mum"])):
        store = make_worker(tmp_path, name, pack, registry, {"rec-0": seg(texts[0]), "rec-1": seg(texts[1])},
                            work_trace("lab.voice", {"rec-0": 20, "rec-1": 25}))
        paths.append(bundle_of(store, "lab.voice", tmp_path / f"{name}.zip", name))
    with LabDB(f"sqlite:///{tmp_path / 'lab.sqlite3'}") as db:
        result = merge(paths, db, registry, "webvtt", tmp_path / "vtt", pack_path=pack)
    files = sorted(p.name for p in (tmp_path / "vtt").iterdir() if p.suffix == ".vtt")
    assert files == ["rec-0.ann.vtt", "rec-0.ben.vtt", "rec-1.ann.vtt", "rec-1.ben.vtt"]
    captions = webvtt.read(str(tmp_path / "vtt" / "rec-0.ben.vtt"))
    assert [c.text for c in captions] == ["turn the light on"]
    assert [c.raw_text for c in captions] == ["<v A>turn the light on</v>"]  # the speaker as a WebVTT voice
    (wer,) = result.agreement
    # rec-0: 1 substitution in 4 words, both ways; rec-1: none -> 2 errors over 12 reference words
    assert wer.items == 2 and wer.value == pytest.approx(2 / 12)


# ----------------------------------------------------------------------------- PostgreSQL


def test_merge_into_sqlite_and_a_real_postgresql_server(lab_url, two_workers, tmp_path, registry, image_pack):
    with LabDB(lab_url) as db:
        assert db.engine.dialect.name == lab_url.split(":")[0].split("+")[0]
        first = merge([two_workers["alice"]], db, registry, "coco", tmp_path / "a.json", pack_path=image_pack)
        second = merge([two_workers["alice"], two_workers["bob"]], db, registry, "coco", tmp_path / "b.json",
                       pack_path=image_pack)
        rows = db.bundles("lab.cars", "1.0.0")
    assert first.records == 4 and second.records == 8
    assert second.already[0].startswith("alice.zip: already in (merged on") and second.refused == []
    assert [r["pseudonym"] for r in rows] == ["alice", "bob"]
    assert len(json.loads((tmp_path / "b.json").read_text())["annotations"]) == 8
