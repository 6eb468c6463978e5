"""Exports read back: the preference pairs follow what the worker chose on screen, whatever side it was on."""
from __future__ import annotations

import csv
import json

from PySide6 import QtCore

from annotator.cli import main as cli
from annotator.core.exports import export_pack, exporters_for
from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from annotator.plugin_api import ITEM_STATES, ExportContext, ExportRecord
from annotator_rating import exporters, model

from tests.plugins.rating.conftest import FULL_TASK, THREE_ITEM

PAIRS = [{"id": f"p{i}", "prompt": f"Question {i}?", "training": i == 0,
          "conversation": [{"role": "user", "text": "Hello"}, {"role": "assistant", "text": "Hi!"}] if i == 1 else [],
          "responses": [{"id": "x", "text": f"X answer {i}", "model": "mx"},
                        {"id": "y", "text": f"Y answer {i}", "model": "my"}]} for i in range(6)]
WORKER_SALT = "worker-1"  # shows p0, p2, p5 as x|y and p1, p3, p4 as y|x
TASK = {**FULL_TASK, "modes": ["likert", "pairwise", "ranking", "rubric", "flags", "justification"]}


def rate_everything(window, open_pack, path, qtbot):
    """A worker rates the pairs with the keyboard: always "A better" on screen, so the winner follows the order."""
    editor = open_pack(path, "p0", salt=WORKER_SALT)
    shown = {}
    for item_id in [f"p{i}" for i in range(6)] + ["three"]:
        editor = window.task.editor
        assert window.session.item.item_id == item_id
        shown[item_id] = list(editor.order)
        first = editor.order[0]
        editor.fields[f"likert:{first}:helpfulness"].setFocus()
        qtbot.keyClicks(editor.fields[f"likert:{first}:helpfulness"], "5")
        if item_id == "three":
            for rank, rid in enumerate(editor.order, 1):
                editor.fields[f"rank:{rid}"].choose(rank)
        elif item_id == "p3":
            editor.fields["pairwise"].setFocus()
            qtbot.keyClicks(editor.fields["pairwise"], "=")  # a tie gives no preference pair
        else:
            editor.fields["pairwise"].setFocus()
            qtbot.keyClicks(editor.fields["pairwise"], "aa")  # A better (strength 2)
        if item_id == "p4":
            editor.fields[f"flags:{first}"].setFocus()
            qtbot.keyClicks(editor.fields[f"flags:{first}"], "1")
        if item_id != "p5":  # p5 stays in progress: rated, not submitted
            window.task.submit_button.click() if not editor.submit_warnings() else _submit_anyway(window, qtbot)
        else:
            window.task.next()
    return shown


def _submit_anyway(window, qtbot):
    from PySide6 import QtWidgets

    def yes():
        box = QtWidgets.QApplication.activeModalWidget()
        box.button(QtWidgets.QMessageBox.StandardButton.Yes).click()

    QtCore.QTimer.singleShot(30, yes)
    window.task.submit()


def test_exports_read_back(open_pack, rating_pack, window, app_ctx, qtbot, tmp_path):
    path = rating_pack(items=PAIRS + [dict(THREE_ITEM)], task=TASK)
    shown = rate_everything(window, open_pack, path, qtbot)
    # the randomisation is real and recorded: some pairs were shown swapped
    assert [shown[f"p{i}"][0] for i in range(6)] == ["x", "y", "x", "y", "y", "x"]
    for item_id, order in shown.items():
        assert order == model.display_order(model.response_ids(next(
            i for i in PAIRS + [THREE_ITEM] if i["id"] == item_id)), "test.rating", item_id, WORKER_SALT)
    pack = window.session.pack
    names = set(exporters_for(app_ctx.registry, "rating"))
    assert names == {"jsonl", "preferences", "preferences-chat", "csv", "json"}
    outs = {name: tmp_path / f"out-{name}" for name in names}
    said = {}
    for name, out in outs.items():  # every state for the line formats, the default (submitted) for the pairs
        states = ("submitted",) if name.startswith("preferences") else ITEM_STATES
        said[name] = export_pack(app_ctx.store, app_ctx.registry, pack, name, out, states=states).holds()
    assert said["preferences"] == "3 pairs, 3 items without a pair (a tie, no choice, training)"
    assert said["jsonl"] == "7 lines" and said["json"] == "7 items"

    # JSONL: one line per item with every judgement, the display order and the provenance
    lines = [json.loads(line) for line in outs["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert [line["item_id"] for line in lines] == [f"p{i}" for i in range(6)] + ["three"]
    for line in lines:
        assert line["pack_id"] == "test.rating" and line["pack_version"] == "1.0.0"
        assert line["instructions_hash"] == pack.instructions_hash and line["content_hash"] == pack.content_hash
        assert line["order"] == shown[line["item_id"]]
    by_id = {line["item_id"]: line for line in lines}
    p2 = by_id["p2"]
    assert p2["state"] == "submitted" and p2["scores"] == {shown["p2"][0]: {"helpfulness": 5}}
    assert p2["pairwise"]["shown"] == shown["p2"] and p2["pairwise"]["chosen"] == shown["p2"][0]
    assert p2["pairwise"]["value"] == (2 if shown["p2"][0] == "x" else -2)
    assert by_id["p4"]["flags"] == {shown["p4"][0]: ["hate"]}
    assert by_id["p3"]["pairwise"]["chosen"] is None and by_id["p3"]["pairwise"]["value"] == 0
    assert by_id["p5"]["state"] == "in_progress"
    assert by_id["three"]["ranking"] == {rid: r for r, rid in enumerate(shown["three"], 1)}

    # preference pairs: submitted, non-training items with a winner; the winner is what was on the left
    pairs = [json.loads(line) for line in outs["preferences"].read_text(encoding="utf-8").splitlines()]
    assert [p["item_id"] for p in pairs] == ["p1", "p2", "p4"]  # p0 training, p3 tie, p5 not submitted
    assert {p["state"] for p in pairs} == {"submitted"}
    for p in pairs:
        i = int(p["item_id"][1:])
        left, right = shown[p["item_id"]]
        assert p["shown"] == [left, right]
        assert (p["chosen_id"], p["rejected_id"]) == (left, right)
        # the standard form's prompt is what the rater saw: the earlier turns, then the question
        assert p["prompt"] == ("User: Hello\n\nAssistant: Hi!\n\nUser: Question 1?" if i == 1 else f"Question {i}?")
        assert p["chosen"] == f"{left.upper()} answer {i}" and p["rejected"] == f"{right.upper()} answer {i}"
        assert p["margin"] == 2 and p["levels"] == 3
        assert p["chosen_model"] == f"m{left}"
        assert isinstance(p["prompt"], str) and isinstance(p["chosen"], str) and isinstance(p["rejected"], str)
        assert p["pack_id"] == "test.rating" and p["instructions_hash"] == pack.instructions_hash
    assert "context" not in pairs[0]  # a column TRL ignores: the conversation is in the prompt
    chat = [json.loads(line) for line in outs["preferences-chat"].read_text(encoding="utf-8").splitlines()]
    assert chat[0]["prompt"] == [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi!"},
                                 {"role": "user", "content": "Question 1?"}]
    assert chat[0]["chosen"] == [{"role": "assistant", "content": pairs[0]["chosen"]}]
    # the Hugging Face datasets loader (what TRL's DPO and reward trainers take) reads both forms as written
    import datasets

    for form, rows in (("preferences", pairs), ("preferences-chat", chat)):
        loaded = datasets.load_dataset("json", data_files=str(outs[form]), split="train",
                                       cache_dir=str(tmp_path / f"hf-{form}"))
        assert loaded.num_rows == 3 and {"prompt", "chosen", "rejected"} <= set(loaded.column_names)
        assert loaded["prompt"] == [r["prompt"] for r in rows] and loaded["chosen"] == [r["chosen"] for r in rows]
        assert loaded["rejected"] == [r["rejected"] for r in rows] and loaded["margin"] == [2, 2, 2]

    # CSV: one row per judgement, ready for agreement statistics
    with open(outs["csv"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert set(rows[0]) == set(exporters.CSV_COLUMNS)
    assert all(r["pack_id"] == "test.rating" and r["pack_version"] == "1.0.0" for r in rows)
    likert = [r for r in rows if r["question"] == "likert:helpfulness"]
    assert len(likert) == 7 and all(r["value"] == "5" and r["position"] == "1" for r in likert)
    pairwise = {r["item_id"]: int(r["value"]) for r in rows if r["question"] == "pairwise"}
    assert pairwise == {f"p{i}": (0 if i == 3 else 2 if shown[f"p{i}"][0] == "x" else -2) for i in range(6)}
    assert [r["response_id"] for r in rows if r["question"] == "flag:hate"] == [shown["p4"][0]]

    doc = json.loads(outs["json"].read_text(encoding="utf-8"))
    assert doc["format"] == "annotator-results/1" and doc["pack"]["instructions_hash"] == pack.instructions_hash
    assert doc["items"][2]["annotation"] == saved_for(app_ctx, pack, "p2")


def saved_for(app_ctx, pack, item_id):
    return app_ctx.store.annotation(app_ctx.store.item_by_id(pack.pk, item_id).pk).data


def test_lab_merge_records_keep_each_worker(tmp_path, store, registry, rating_pack):
    """Issue 8 merges bundles through these exporters, one record per item and worker, without a display."""
    path = rating_pack(items=PAIRS[1:3], task={"modes": ["pairwise"]})
    pack = import_pack(path, store, registry).pack
    session = WorkSession(store, pack)
    session.start()
    items = list(store.iter_records(pack.pk))
    annotations = {
        "ana": {"order": ["x", "y"], "pairwise": {"shown": ["x", "y"], "preferred": "x", "strength": 1}},
        "bo": {"order": ["y", "x"], "pairwise": {"shown": ["y", "x"], "preferred": "x", "strength": 3}},
    }
    records = [ExportRecord(item=r.item, annotation=annotations[w], state="submitted", worker=w,
                            instructions_hash="sha256:old") for r in items for w in ("ana", "bo")]
    from annotator.core.library import info_of

    context = ExportContext(pack=info_of(pack), records=lambda: iter(records), tool_version="test")
    rows = list(exporters.preference_records(context))
    assert [(r["item_id"], r["worker"], r["chosen_id"], r["margin"], r["shown"]) for r in rows] == [
        ("p1", "ana", "x", 1, ["x", "y"]), ("p1", "bo", "x", 3, ["y", "x"]),
        ("p2", "ana", "x", 1, ["x", "y"]), ("p2", "bo", "x", 3, ["y", "x"])]
    assert all(r["instructions_hash"] == "sha256:old" for r in rows)  # the instructions in force, per record
    values = [(r["worker"], r["value"]) for r in exporters.csv_rows(context)]
    assert values == [("ana", 1), ("bo", 3), ("ana", 1), ("bo", 3)]  # the same sign: both preferred x


def test_pack_new_from_prompts_jsonl(tmp_path, capsys, registry):
    source = tmp_path / "prompts.jsonl"
    lines = [
        {"prompt": "Explain DNS.", "responses": ["Answer one", {"text": "Answer two", "model": "m2"}]},
        {"id": "chat-1", "messages": [{"role": "user", "content": "Hi"}], "prompt": "And then?",
         "responses": ["a", "b"], "sensitive": True},
        {"brief": "Make it swear."},
    ]
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    out = tmp_path / "made"
    code = cli(["pack", "new", "rating", str(source), "-o", str(out), "--mode", "likert,pairwise,flags,prompt_writing",
                "--data-dir", str(tmp_path / "d")])
    assert code == 0, capsys.readouterr().err
    assert cli(["pack", "validate", str(out)]) == 0
    items = [json.loads(line) for line in (out / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    assert items[0]["id"] == "p-00001" and items[0]["responses"][1] == {"id": "b", "text": "Answer two", "model": "m2"}
    assert items[1]["conversation"] == [{"role": "user", "text": "Hi"}] and items[1]["sensitive"] is True
    assert items[2]["brief"] == "Make it swear." and "responses" not in items[2]
    import tomllib

    task = tomllib.loads((out / "pack.toml").read_text(encoding="utf-8"))["task"]
    assert task["modes"] == ["likert", "pairwise", "flags", "prompt_writing"]
    assert [c["id"] for c in task["criteria"]] == ["helpfulness", "correctness", "harmlessness"]
    assert "pairwise" in (out / "instructions.md").read_text(encoding="utf-8").lower() or \
        "Compare" in (out / "instructions.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert cli(["pack", "new", "rating", str(source), "-o", str(tmp_path / "bad"), "--mode", "stars"]) == 2
    assert "unknown mode 'stars'" in capsys.readouterr().err
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"prompt": "ok", "responses": ["a"]}\n{not json\n', encoding="utf-8")
    assert cli(["pack", "new", "rating", str(broken), "-o", str(tmp_path / "bad2")]) == 2
    assert "broken.jsonl:2: not valid JSON" in capsys.readouterr().err
    assert not (tmp_path / "bad2").exists()


def test_csv_cells_from_the_pack_are_never_formulas(tmp_path, store, registry, rating_pack):
    """An item id or a worker's pseudonym starting like a formula is written as text (OWASP CSV injection)."""
    hostile = [{**PAIRS[1], "id": "=HYPERLINK(\"http://x\")"}]
    pack = import_pack(rating_pack(items=hostile, task={"modes": ["pairwise"]}), store, registry).pack
    item = next(iter(store.iter_records(pack.pk))).item
    annotation = {"order": ["x", "y"], "pairwise": {"shown": ["x", "y"], "preferred": "x", "strength": 1}}
    from annotator.core.library import info_of

    record = ExportRecord(item=item, annotation=annotation, state="submitted", worker="@worker")
    context = ExportContext(pack=info_of(pack), records=lambda: iter([record]), tool_version="test")
    out = tmp_path / "r.csv"
    assert exporters.write_csv(context, out) == {"rows": 1}
    with open(out, encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["item_id"] == "'=HYPERLINK(\"http://x\")" and row["worker"] == "'@worker" and row["value"] == "1"
