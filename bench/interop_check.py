#!/usr/bin/env python3
"""The exports loaded by the consumers too heavy for the test suite: ultralytics and NeMo.

    python bench/interop_check.py [--consumer-python PYTHON] [--train]

Makes a real image pack (shapes saved through the worker's session, items in every state) and a
transcription pack, exports them with ``annotator export`` (YOLO, YOLO-seg, NeMo manifest per
recording and per segment), then, in ``PYTHON`` (an interpreter with ultralytics and/or
nemo_toolkit installed; default: this one):

* ultralytics' ``check_det_dataset(data.yaml)`` must accept the YOLO folder, find its train and
  val images, and its label cache must hold the boxes written (checked on content: the class and
  normalised box of every line); with ``--train``, one epoch of ``yolo train`` on it (CPU);
* NeMo's manifest reader (``nemo.collections.common.parts.preprocessing.manifest.item_iter``)
  must read the manifests, resolve each ``audio_filepath`` to the copied file from another working
  directory, and give the text, offset and duration written.

A consumer that is not installed is reported as skipped; the last line is JSON. The output of a
run is recorded in ``docs/interop.md``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

ULTRALYTICS = r'''
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
from ultralytics import __version__
from ultralytics.data.utils import check_det_dataset
from ultralytics.data.dataset import YOLODataset
data = check_det_dataset(str(out / "data.yaml"))
found = {}
for split in ("train", "val"):
    ds = YOLODataset(img_path=data[split], data=data, task="detect", augment=False)
    for label in ds.labels:
        name = Path(label["im_file"]).name
        found[name] = [[int(c)] + [round(float(v), 5) for v in box]
                       for c, box in zip(label["cls"].reshape(-1), label["bboxes"])]
print(json.dumps({"version": __version__, "nc": data["nc"], "names": data["names"], "train": str(data["train"]),
                  "val": str(data["val"]), "labels": found}))
'''

TRAIN = r'''
import csv, json, sys
from pathlib import Path
try:
    import torchvision  # noqa: F401
except Exception as exc:
    # PyPI's torchvision is a CUDA build: beside torch+cpu its C ops cannot load and the import
    # fails. The trainer imports it for its NMS only: it is given ultralytics' own (TorchNMS, "the
    # same results as torchvision's"). The export is read as written either way.
    import types

    for name in [n for n in sys.modules if n == "torchvision" or n.startswith("torchvision.")]:
        del sys.modules[name]
    from ultralytics.utils.nms import TorchNMS

    stub, ops = types.ModuleType("torchvision"), types.ModuleType("torchvision.ops")
    ops.nms, stub.ops, stub.__version__ = TorchNMS.nms, ops, "0+stub"
    sys.modules.update({"torchvision": stub, "torchvision.ops": ops})
    print(f"NOTE torchvision unusable ({type(exc).__name__}: {str(exc)[:80]}): its nms is ultralytics' TorchNMS")
from ultralytics import YOLO
model = YOLO("yolov8n.yaml")  # built from its yaml: no weights downloaded
model.train(data=sys.argv[1], epochs=1, imgsz=64, batch=2, device="cpu", workers=0, plots=False, val=True,
            project=sys.argv[2], name="run", exist_ok=True, verbose=False, pretrained=False, amp=False)
rows = list(csv.DictReader(open(Path(sys.argv[2]) / "run" / "results.csv")))
print("EPOCH " + json.dumps({k.strip(): v.strip() for k, v in rows[-1].items()}))
print("trained")
'''

NEMO = r'''
import json, os, sys
os.chdir(sys.argv[2])  # another working directory: paths must resolve from the manifest's folder
from nemo import __version__
try:
    from nemo.collections.common.parts.preprocessing import manifest
except ImportError:  # the collection's __init__ needs lightning; the reader itself does not: NeMo's own file
    import importlib.util, nemo
    spec = importlib.util.spec_from_file_location("nemo_manifest", os.path.join(
        os.path.dirname(nemo.__file__), "collections", "common", "parts", "preprocessing", "manifest.py"))
    manifest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(manifest)
rows = [{"audio_file": item["audio_file"], "exists": os.path.isfile(item["audio_file"]), "text": item["text"],
         "offset": item["offset"], "duration": item["duration"]}
        for item in manifest.item_iter([sys.argv[1]])]
print(json.dumps({"version": __version__, "rows": rows}))
'''


def make_exports(work: Path) -> dict:
    """An image pack and a transcription pack worked through the session, exported."""
    import soundfile as sf

    from annotator.cli import main
    from annotator.core.library import import_pack
    from annotator.core.registry import installed
    from annotator.core.session import WorkSession
    from annotator.core.store import Store
    from annotator_transcription import segments as S
    from tests.packs import manifest, write_pack
    from tests.plugins.image.conftest import LABELS, image_bytes, image_task

    data = work / "data"
    store = Store(data)
    registry = installed()
    items = [{"id": f"img-{i}", "media": f"media/img-{i}.png", "training": False} for i in range(12)]
    media = {it["media"]: image_bytes(160, 120, seed=i) for i, it in enumerate(items)}
    pack = write_pack(work / "image-pack", kind="image", items=items, media=media,
                      manifest_doc=manifest("check.images", "image", task=image_task()))
    row = import_pack(pack, store, registry).pack
    session = WorkSession(store, row)
    expected = {}
    for i in range(12):
        session.go_to(i)
        x = 5 + 7 * i
        shapes = [{"id": "s1", "type": "box", "label": LABELS[i % 3]["name"], "points": [[x, 10], [x + 40, 60]]}]
        if i % 4 == 1:
            shapes.append({"id": "s2", "type": "polygon", "label": "person",
                           "points": [[100, 20], [150, 30], [120, 100]]})
        session.save(session.item, {"format": "annotator-image/1", "image": {"width": 160, "height": 120}, "shapes": shapes,
                      "tags": {}})
        if i == 10:
            session.skip("unreadable")
        elif i != 11:  # img-11 stays in progress: neither is exported
            session.submit()
            expected[f"img-{i}.png"] = [[i % 3, round((x + 20) / 160, 5), round(35 / 120, 5), round(40 / 160, 5),
                                         round(50 / 120, 5)]]
            if i % 4 == 1:
                expected[f"img-{i}.png"].append([1, round(125 / 160, 5), round(60 / 120, 5), round(50 / 160, 5),
                                                 round(80 / 120, 5)])
    rec_items = [{"id": "talk", "media": "media/talk.wav", "training": False}]
    rec = write_pack(work / "audio-pack", kind="transcription", items=rec_items,
                     media={"media/talk.wav": b""}, task={"speakers": ["A", "B"]}, pack_id="check.audio")
    import numpy as np

    sf.write(rec / "media" / "talk.wav", (np.sin(np.arange(16000 * 4) / 7) * 0.2).astype("float32"), 16000)
    rec_row = import_pack(rec, store, registry).pack
    audio = WorkSession(store, rec_row)
    audio.start()
    audio.save(audio.item, S.to_annotation((S.Segment(0.5, 1.75, "A", "[0:00.5] bonjour à tous"),
                                S.Segment(2.0, 3.5, "B", "merci")), 4.0))
    audio.submit()
    base = ["--data-dir", str(data)]
    for args in (["export", "check.images", "-f", "yolo", "-o", str(work / "yolo"), "--val", "0.25"],
                 ["export", "check.images", "-f", "yolo-seg", "-o", str(work / "yolo-seg")],
                 ["export", "check.audio", "-f", "jsonl", "-o", str(work / "nemo" / "recordings.jsonl")],
                 ["export", "check.audio", "-f", "jsonl", "-o", str(work / "nemo" / "segments.jsonl"),
                  "--per-segment"]):
        assert main(args + base) == 0, args
    # what NeMo must read back (text without the worker's timestamp; offset and duration in seconds; no
    # offset: the whole recording)
    nemo_expected = {"recordings.jsonl": [{"text": "bonjour à tous merci", "offset": None, "duration": 4.0}],
                     "segments.jsonl": [{"text": "bonjour à tous", "offset": 0.5, "duration": 1.25},
                                        {"text": "merci", "offset": 2.0, "duration": 1.5}]}
    return {"yolo_expected": expected, "nemo_expected": nemo_expected}


def run(python: str, code: str, *args: str) -> tuple[dict | None, str]:
    done = subprocess.run([python, "-c", code, *args], capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        return None, (done.stderr or done.stdout)[-1500:]
    return json.loads(done.stdout.strip().splitlines()[-1]), ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consumer-python", default=sys.executable,
                        help="an interpreter with ultralytics and/or nemo_toolkit (default: this one)")
    parser.add_argument("--train", action="store_true", help="also train one epoch of YOLOv8n on the export (CPU)")
    args = parser.parse_args()
    report: dict = {}
    with tempfile.TemporaryDirectory(prefix="interop-") as tmp:
        work = Path(tmp)
        made = make_exports(work)
        for folder in ("yolo", "yolo-seg"):
            got, error = run(args.consumer_python, ULTRALYTICS, str(work / folder))
            if got is None:
                report[folder] = {"ok": False, "error": error}
                continue
            labels = got["labels"]
            same = folder != "yolo" or labels == made["yolo_expected"]
            report[folder] = {"ok": same, "ultralytics": got["version"], "nc": got["nc"], "images": len(labels),
                              "train": os.path.relpath(got["train"], work), "val": os.path.relpath(got["val"], work)}
            if not same:
                report[folder]["differs"] = {"written": made["yolo_expected"], "read": labels}
        if args.train:
            done = subprocess.run([args.consumer_python, "-c", TRAIN, str(work / "yolo" / "data.yaml"),
                                   str(work / "runs")], capture_output=True, text=True, timeout=3600)
            epoch = [line[6:] for line in done.stdout.splitlines() if line.startswith("EPOCH ")]
            print("\n".join(line for line in done.stdout.splitlines() if line.startswith("NOTE ")))
            report["yolo train"] = {"ok": done.returncode == 0 and "trained" in done.stdout,
                                    "epoch": json.loads(epoch[0]) if epoch else None,
                                    "tail": (done.stdout + done.stderr)[-600:]}
        elsewhere = work / "elsewhere"
        elsewhere.mkdir()
        for manifest in ("recordings.jsonl", "segments.jsonl"):
            got, error = run(args.consumer_python, NEMO, str(work / "nemo" / manifest), str(elsewhere))
            if got is None:
                report[f"nemo {manifest}"] = {"ok": False, "error": error}
                continue
            rows = got["rows"]
            read = [{k: r[k] for k in ("text", "offset", "duration")} for r in rows]
            report[f"nemo {manifest}"] = {"ok": all(r["exists"] for r in rows) and read == made["nemo_expected"][manifest],
                                          "nemo": got["version"], "audio_found": all(r["exists"] for r in rows),
                                          "rows": read}
    for name, result in report.items():
        print(f"{name}: {'ok' if result.get('ok') else 'FAILED'} {json.dumps(result, ensure_ascii=False)[:900]}")
    print(json.dumps(report, ensure_ascii=False))
    return 0 if all(r.get("ok") for r in report.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
