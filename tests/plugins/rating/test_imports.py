"""`pack new rating` from the shapes labs have: chosen/rejected, chat messages, completions, CSV, Label Studio.

Each shape makes a pack that validates with the items as written; each hostile variant is refused
with every problem as FILE:LINE: message, exit 2, and nothing written.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from annotator.cli import main as cli


def new(tmp_path: Path, source: Path, *extra: str, name: str = "made") -> tuple[int, Path]:
    out = tmp_path / name
    code = cli(["pack", "new", "rating", str(source), "-o", str(out), "--mode", "likert,pairwise,ranking", *extra,
                "--data-dir", str(tmp_path / "d")])
    return code, out


def items_of(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "items.jsonl").read_text(encoding="utf-8").splitlines()]


def jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_every_jsonl_shape_makes_a_pack(tmp_path, capsys):
    rows = [
        {"prompt": "Capital of France?", "chosen": "Paris.", "rejected": "Lyon."},
        {"prompt": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "2+2?"}],
         "chosen": [{"role": "assistant", "content": "4"}], "rejected": [{"role": "assistant", "content": "5"}]},
        {"chosen": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}],
         "rejected": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Go away."}]},
        {"messages": [{"role": "user", "content": "Write a haiku"}, {"role": "assistant", "content": "old pond"},
                      {"role": "user", "content": "Another"}, {"role": "assistant", "content": "frog jumps"}]},
        {"id": "c-1", "prompt": "Name a colour", "completions": ["red", {"text": "blue", "model": "m2"}]},
        {"prompt": "Résumé « ✓ »", "responses": ["α", "β", "γ"]},
    ]
    code, out = new(tmp_path, jsonl(tmp_path / "mixed.jsonl", rows))
    assert code == 0, capsys.readouterr().err
    assert cli(["pack", "validate", str(out)]) == 0
    items = items_of(out)
    assert items[0]["prompt"] == "Capital of France?" and [r["text"] for r in items[0]["responses"]] == [
        "Paris.", "Lyon."]
    assert items[0]["source"] == {"chosen": "a", "rejected": "b"}
    assert items[1]["conversation"] == [{"role": "system", "text": "Be brief."}] and items[1]["prompt"] == "2+2?"
    assert items[2]["prompt"] == "Hi" and [r["text"] for r in items[2]["responses"]] == ["Hello!", "Go away."]
    assert items[3]["prompt"] == "Another" and items[3]["responses"] == [{"id": "a", "text": "frog jumps"}]
    assert items[3]["conversation"] == [{"role": "user", "text": "Write a haiku"},
                                        {"role": "assistant", "text": "old pond"}]
    assert items[4]["id"] == "c-1" and items[4]["responses"][1] == {"id": "b", "text": "blue", "model": "m2"}
    assert items[5]["prompt"] == "Résumé « ✓ »" and len(items[5]["responses"]) == 3


def test_csv_with_a_header(tmp_path, capsys):
    source = tmp_path / "prompts.csv"
    with open(source, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "prompt", "response_a", "response_b", "notes"])
        writer.writerow(["q1", "Two lines,\nwith a comma", "yes", "no", "ignored"])
        writer.writerow(["q2", "=1+1", "2", "", ""])
    code, out = new(tmp_path, source)
    assert code == 0, capsys.readouterr().err
    items = items_of(out)
    assert [i["id"] for i in items] == ["q1", "q2"]
    assert items[0]["prompt"] == "Two lines,\nwith a comma" and [r["text"] for r in items[0]["responses"]] == [
        "yes", "no"]
    assert items[1]["prompt"] == "=1+1" and [r["text"] for r in items[1]["responses"]] == ["2"]  # data, kept as is
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("prompt,chosen,rejected\nWhich?,this,that\n", encoding="utf-8")
    code, out = new(tmp_path, pairs, name="pairs")
    assert code == 0 and items_of(out)[0]["source"] == {"chosen": "a", "rejected": "b"}


def test_the_preference_exports_come_back_in_as_packs(tmp_path, capsys):
    """A round trip: TRL's standard and conversational preference files, as the export writes them."""
    standard = [{"prompt": "User: Hello\n\nAssistant: Hi!\n\nUser: Q?", "chosen": "A", "rejected": "B",
                 "margin": 2, "item_id": "p1", "worker": None}]
    chat = [{"prompt": [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi!"},
                        {"role": "user", "content": "Q?"}],
             "chosen": [{"role": "assistant", "content": "A"}], "rejected": [{"role": "assistant", "content": "B"}]}]
    code, out = new(tmp_path, jsonl(tmp_path / "standard.jsonl", standard), name="s")
    assert code == 0, capsys.readouterr().err
    assert items_of(out)[0]["prompt"] == "User: Hello\n\nAssistant: Hi!\n\nUser: Q?"
    code, out = new(tmp_path, jsonl(tmp_path / "chat.jsonl", chat), name="c")
    assert code == 0, capsys.readouterr().err
    (item,) = items_of(out)
    assert item["conversation"] == [{"role": "user", "text": "Hello"}, {"role": "assistant", "text": "Hi!"}]
    assert item["prompt"] == "Q?" and [r["text"] for r in item["responses"]] == ["A", "B"]


def test_label_studio_text_pairs(tmp_path, capsys):
    tasks = [{"id": 7, "data": {"prompt": "Which is kinder?", "answer1": "Please.", "answer2": "Now!"},
              "annotations": [], "predictions": []},
             {"id": 8, "data": {"text": "Pick one", "answers": ["x", "y", "z"]}}]
    source = tmp_path / "export.json"
    source.write_text(json.dumps(tasks, indent=2), encoding="utf-8")
    code, out = new(tmp_path, source, "--from", "label-studio")
    assert code == 0, capsys.readouterr().err
    items = items_of(out)
    assert [i["id"] for i in items] == ["ls-7", "ls-8"]
    assert items[0]["prompt"] == "Which is kinder?" and [r["text"] for r in items[0]["responses"]] == [
        "Please.", "Now!"]


@pytest.mark.parametrize("body, expected", [
    ('{"prompt": "ok", "chosen": "a"}\n{not json\n[1, 2]\n{"prompt": 3, "responses": []}\n',
     ["bad.jsonl:1: 'chosen' and 'rejected' go together", "bad.jsonl:2: not valid JSON",
      "bad.jsonl:3: must be a JSON object", "bad.jsonl:4: 'prompt' must be a text"]),
    ('{"id": "x", "prompt": "a", "responses": ["1"]}\n{"id": "x", "prompt": "b", "responses": ["2"]}\n',
     ["bad.jsonl:2: the id 'x' is used twice (first on line 1)"]),
    ('{"messages": [{"role": "user", "content": "hi"}]}\n'
     '{"messages": [{"role": "user", "content": ["image", "parts"]}, {"role": "assistant", "content": "x"}]}\n',
     ["bad.jsonl:1: 'messages' must end with the assistant's answer to rate",
      "bad.jsonl:2: messages[0] must be {\"role\", \"content\"} with a text content"]),
    ('{"prompt": "x", "responses": ["1","2","3","4","5","6","7","8","9","10"]}\n',
     ["bad.jsonl:1: "]),
])
def test_hostile_jsonl_is_refused_with_every_problem_and_nothing_written(tmp_path, capsys, body, expected):
    source = tmp_path / "bad.jsonl"
    source.write_text(body, encoding="utf-8")
    code, out = new(tmp_path, source)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    for line in expected:
        assert line in err, err
    assert len(err.splitlines()) >= len(expected)
    assert not out.exists() and not any(p.name.startswith(".pack-new") for p in tmp_path.iterdir())


def test_hostile_csv_and_label_studio_are_refused(tmp_path, capsys):
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("question,answer\nwhat?,this\n", encoding="utf-8")
    code, out = new(tmp_path, bad_csv)
    assert code == 2 and "bad.csv:1: the header needs a prompt column" in capsys.readouterr().err
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("prompt,response_a\nok,fine\ntoo,many,cells\n", encoding="utf-8")
    code, out = new(tmp_path, ragged, name="r")
    assert code == 2 and "ragged.csv:3: more cells than the header has columns" in capsys.readouterr().err
    ls = tmp_path / "ls.json"
    ls.write_text('[\n {"data": {"prompt": "ok", "answer1": "a"}},\n {"nodata": 1},\n {"data": {"prompt": ]\n]',
                  encoding="utf-8")
    code, out = new(tmp_path, ls, "--from", "label-studio", name="l")
    err = capsys.readouterr().err
    assert code == 2 and "ls.json:3: a Label Studio task must be an object with 'data'" in err
    assert "ls.json:4: not valid JSON" in err
    assert not out.exists()
