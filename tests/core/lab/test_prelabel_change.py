"""The lab's report says how much workers changed the machine's work they started from (issue 14).

Annotations are made through the image editor's document (what the window saves), bundled,
and reported on with the pack the lab holds (the prelabels are in the pack, ADR 0662). A plugin
that raises in ``prelabel_change`` is named in the report, which goes on.
"""
from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.core.lab import bundle
from annotator.core.lab import report as lab_report
from annotator_image.document import ImageDocument
from annotator_image.model import task_config
from tests.core.lab.forge import forge, pack_doc, record
from tests.packs import manifest, write_pack

PRELABELS = {
    "item-0": [{"id": "p1", "type": "box", "label": "car", "points": [[4, 4], [24, 20]], "score": 0.9},
               {"id": "p2", "type": "box", "label": "car", "points": [[30, 10], [50, 30]]}],
    "item-1": [{"id": "p1", "type": "box", "label": "car", "points": [[10, 10], [30, 30]]}],
    "item-2": [{"id": "p1", "type": "box", "label": "car", "points": [[0, 0], [20, 20]]}],
}


@pytest.fixture
def pack(tmp_path):
    items = [{"id": f"item-{i}", "media": f"media/img-{i}.png", "training": False} for i in range(4)]
    for item in items:
        if item["id"] in PRELABELS:
            item["prelabel"] = {"format": "annotator-image/1", "source": {"format": "coco", "file": "pred.json"},
                                "shapes": PRELABELS[item["id"]], "tags": {}}
    return write_pack(tmp_path / "pack", kind="image", items=items, pack_id="lab.prelabels")


def _annotations(pack_path) -> dict[str, dict]:
    """What a worker saves in the editor, item by item."""
    import tomllib

    config = task_config(tomllib.loads((pack_path / "pack.toml").read_text())["task"])
    items = {i["id"]: i for i in map(json.loads, (pack_path / "items.jsonl").read_text().splitlines())}

    def start(item_id):
        return ImageDocument.from_annotation(None, items[item_id].get("prelabel"), width=64, height=48, config=config)

    untouched = start("item-0")
    untouched.confirm_all()  # accepted as the machine drew them
    moved = start("item-1")
    moved.select("p1")
    moved.nudge(10, 0)  # half of the box moved off: IoU 10x20 / 30x20 = 1/3
    replaced = start("item-2")
    replaced.select("p1")
    replaced.delete_selected()
    replaced.add_box((40, 20), (60, 40), "car")  # the machine's box gone, another drawn
    fresh = ImageDocument.from_annotation(None, None, width=64, height=48, config=config)
    fresh.add_box((1, 1), (9, 9), "car")
    return {"item-0": untouched.annotation(), "item-1": moved.annotation(), "item-2": replaced.annotation(),
            "item-3": fresh.annotation()}


def _bundle(tmp_path, pack, registry, name="ana"):
    annotations = _annotations(pack)
    records = [record(item_id, annotation) for item_id, annotation in annotations.items()]
    return forge(tmp_path / f"{name}.zip", pack_doc(pack, registry), records, pseudonym=name,
                 timing={"work_seconds_per_item": {k: 30.0 for k in annotations}})


def _report(tmp_path, capsys, paths, *extra, fmt="json"):
    code = main(["--data-dir", str(tmp_path / "lab"), "results", "report", *map(str, paths), "--format", fmt, *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_the_report_says_how_much_workers_changed_the_prelabels(tmp_path, pack, registry, capsys):
    paths = [_bundle(tmp_path, pack, registry, "ana"), _bundle(tmp_path, pack, registry, "bo")]
    code, out, err = _report(tmp_path, capsys, paths, "--pack", str(pack))
    assert code == 0, err
    change = json.loads(out)["packs"][0]["prelabels"]
    # per worker: item-0 kept (1.0), item-1 moved (1/3), item-2 replaced (0.0); item-3 had no prelabel
    assert change["items"] == 6 and change["untouched"] == 2 and change["changed"] == 4
    assert change["mean_kept"] == pytest.approx((1.0 + 1 / 3 + 0.0) / 3)
    assert change["failed"] is None
    code, md, err = _report(tmp_path, capsys, paths, "--pack", str(pack), fmt="md")
    assert "| Items submitted from prelabels | 6 |" in md and "| — untouched / changed | 2 / 4 |" in md
    assert "| — share of the prelabel kept, mean (1 = untouched) | 0.444 |" in md
    # without the pack, the report cannot know the prelabels: it says nothing of them
    code, out, err = _report(tmp_path, capsys, paths)
    assert json.loads(out)["packs"][0]["prelabels"] is None


def test_a_plugin_failing_to_measure_does_not_take_the_report_down(tmp_path, pack, registry, capsys, monkeypatch):
    plugin = registry.get("image")

    def broken(item, annotation, task):
        raise RuntimeError("<b>boom</b> | pipe")

    monkeypatch.setattr(plugin, "prelabel_change", broken, raising=False)
    paths = [_bundle(tmp_path, pack, registry)]
    figs = lab_report.assemble([bundle.read(p) for p in paths], held=_held(pack, registry)).figures
    assert figs and figs[0].items_done == 4  # the rest of the report is there
    assert "RuntimeError: <b>boom</b> | pipe" in figs[0].prelabels.failed
    html = lab_report.html_page(figs)
    assert "&lt;b&gt;boom&lt;/b&gt;" in html and "<b>boom" not in html  # the plugin's words are data
    md = lab_report.markdown(figs)
    assert "\\| pipe" in md  # escaped in the Markdown table


@pytest.mark.parametrize("value", [float("nan"), 1.5, -0.1, "1", True])
def test_a_plugin_returning_nonsense_is_named_not_believed(pack, registry, value):
    plugin = registry.get("image")

    class Odd:
        def prelabel_change(self, item, annotation, task):
            return value

    change = lab_report.prelabel_change(Odd(), "image", {}, [({"id": "x", "prelabel": {}}, {})])
    assert change.items == 0 and change.values == [] and "not a number from 0 to 1" in change.failed
    assert plugin.prelabel_change({"id": "x"}, {}, {}) is None  # the real one: no prelabel, no figure


def _held(pack, registry):
    from contextlib import ExitStack

    from annotator.core.lab.merge import pack_at

    stack = ExitStack()
    found = pack_at(stack, registry, pack)
    return {found.key: found}
