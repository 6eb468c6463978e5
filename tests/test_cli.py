"""The command line: exit codes, one-line user errors, --data-dir anywhere, every subcommand."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from tests.packs import write_pack, zip_folder


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok_prints_one_summary_line(tmp_path, capsys):
    pack = write_pack(tmp_path / "p", n=4)
    code, out, err = run(capsys, "pack", "validate", pack)
    assert code == 0 and err == ""
    assert out.count("\n") == 1
    assert out.startswith('ok: test.pack 1.0.0 (image) "A test pack": 4 items (1 training), sha256:')


def test_validate_bad_pack_lists_problem_lines_and_exits_2(tmp_path, capsys):
    pack = write_pack(tmp_path / "p", items=[{"id": "a", "media": "media/x.png"}, {"id": "a"}], media={})
    code, out, err = run(capsys, "pack", "validate", pack)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "items.jsonl:1: media 'media/x.png' is missing from the pack",
        "items.jsonl:2: duplicate item id 'a' (first on line 1)",
        "items.jsonl:2: missing 'media': image items need a media file",
    ]


@pytest.mark.parametrize("args, message", [
    (["pack", "validate", "/nonexistent/pack"], "annotator: /nonexistent/pack: no such file or folder"),
    (["pack", "validate"], "annotator: the following arguments are required: PATH (see 'annotator pack validate --help')"),
    (["pack", "frobnicate"], "annotator: argument SUBCOMMAND: invalid choice: 'frobnicate'"),
    (["export", "nope", "--format", "json", "-o", "x.json"], "annotator: no imported pack 'nope'; no pack is imported yet"),
    (["pack", "new", "video", ".", "-o", "out"], "annotator: unknown kind 'video'; installed plugins: image, rating, transcription"),
    (["pack", "new", "image", ".", "-o", "out", "--per-item", "abc"], "annotator: 'abc' is not a number"),
    (["pack"], "annotator: 'pack' needs a subcommand (see 'annotator pack --help')"),
])
def test_user_errors_are_one_line_exit_2(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--data-dir", tmp_path / "data", *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert err.strip().startswith(message), err
    assert "Traceback" not in err


def test_data_dir_before_or_after_the_subcommand(tmp_path, capsys):
    pack = write_pack(tmp_path / "p")
    d1, d2 = tmp_path / "before", tmp_path / "after"
    assert run(capsys, "--data-dir", d1, "pack", "import", pack)[0] == 0
    assert run(capsys, "pack", "import", pack, "--data-dir", d2)[0] == 0
    assert run(capsys, "pack", "--data-dir", d2, "list")[1].startswith("test.pack@1.0.0")
    for folder in (d1, d2):
        assert (folder / "annotator.sqlite3").exists()


def test_data_dir_from_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "env"))
    assert run(capsys, "pack", "import", write_pack(tmp_path / "p"))[0] == 0
    assert (tmp_path / "env" / "annotator.sqlite3").exists()


def test_import_twice_says_already_imported(tmp_path, capsys):
    pack = write_pack(tmp_path / "p")
    code, out, _ = run(capsys, "--data-dir", tmp_path / "d", "pack", "import", pack, zip_folder(pack, tmp_path / "p.zip"))
    assert code == 0
    assert out.splitlines() == ['imported: test.pack 1.0.0 (image) "A test pack", 3 items',
                                'already imported: test.pack 1.0.0 (image) "A test pack", 3 items']


def test_info_json_has_the_manifest_fields_and_the_content_hash(tmp_path, capsys):
    pack = write_pack(tmp_path / "p", warnings=["violence"])
    code, out, _ = run(capsys, "pack", "info", pack, "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["id"] == "test.pack" and doc["version"] == "1.0.0" and doc["content_hash"].startswith("sha256:")
    assert doc["kind"] == "image" and doc["lab"] == "Test lab" and doc["items"] == 3
    assert doc["pay"]["per_item"] == 0.1 and doc["implied_hourly_rate"] == pytest.approx(12.0)
    assert doc["content"]["warnings"] == ["violence"]
    assert doc["task"]["labels"][0]["name"] == "car"
    # the same pack, zipped and imported, has the same identity
    run(capsys, "--data-dir", tmp_path / "d", "pack", "import", zip_folder(pack, tmp_path / "p.zip"))
    code, out, _ = run(capsys, "--data-dir", tmp_path / "d", "pack", "info", "test.pack", "--json")
    imported = json.loads(out)
    assert imported["content_hash"] == doc["content_hash"]
    assert imported["progress"]["new"] == 3


def test_pack_new_image_from_a_folder_makes_a_valid_pack(tmp_path, capsys):
    from PIL import Image

    source = tmp_path / "photos"
    (source / "sub").mkdir(parents=True)
    Image.new("RGB", (40, 30), "red").save(source / "a.jpg")
    Image.new("RGB", (40, 30), "blue").save(source / "sub" / "b.png")
    (source / "notes.txt").write_text("not an image")
    out_dir = tmp_path / "street-pack"
    code, out, err = run(capsys, "pack", "new", "image", source, "-o", out_dir, "--labels", "car, person,sign",
                         "--title", "Streets", "--per-item", "0.05", "--currency", "eur", "--estimate", "20")
    assert code == 0, err
    assert out.startswith("created ")
    code, out, _ = run(capsys, "pack", "info", out_dir, "--json")
    doc = json.loads(out)
    assert doc["id"] == "street-pack" and doc["title"] == "Streets" and doc["items"] == 2
    assert doc["pay"] == {"currency": "EUR", "per_item": 0.05, "estimated_seconds_per_item": 20,
                          "instructions_paid": False, "training_paid": False}
    assert [label["name"] for label in doc["task"]["labels"]] == ["car", "person", "sign"]
    assert [label["hotkey"] for label in doc["task"]["labels"]] == ["1", "2", "3"]
    # the output exists now: a second run refuses to overwrite it
    code, _, err = run(capsys, "pack", "new", "image", source, "-o", out_dir)
    assert code == 2 and "already exists" in err


def test_pack_new_refuses_options_of_another_plugin(tmp_path, capsys):
    code, _, err = run(capsys, "pack", "new", "image", tmp_path, "-o", tmp_path / "o", "--speakers", "A,B")
    assert code == 2 and err.strip() == "annotator: --speakers does not apply to image packs"


def test_pack_new_zip_output(tmp_path, capsys):
    source = tmp_path / "prompts.jsonl"
    source.write_text('{"prompt": "Hi?", "responses": ["Hello", "Hey"]}\n{"prompt": "2+2?", "responses": ["4"]}\n')
    code, _, err = run(capsys, "pack", "new", "rating", source, "-o", tmp_path / "rate.zip", "--mode", "likert,pairwise")
    assert code == 0, err
    code, out, _ = run(capsys, "pack", "validate", tmp_path / "rate.zip")
    assert code == 0 and '(rating)' in out and "2 items" in out


def test_export_lists_formats_and_writes_json(tmp_path, capsys):
    data = tmp_path / "d"
    run(capsys, "--data-dir", data, "pack", "import", write_pack(tmp_path / "p"))
    code, out, _ = run(capsys, "--data-dir", data, "export", "test.pack", "--format", "list")
    assert code == 0 and [line.split()[0] for line in out.splitlines() if not line.startswith(" ")] == [
        "coco", "json", "voc", "yolo", "yolo-seg"]
    assert "    --val FRACTION" in out and "--link-media" in out  # each format's own options under it
    code, out, _ = run(capsys, "--data-dir", data, "export", "test.pack@1.0.0", "--format", "json", "-o", tmp_path / "r.json")
    assert code == 0
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["pack"]["id"] == "test.pack" and doc["pack"]["instructions_hash"].startswith("sha256:")
    assert doc["items"] == []  # nothing submitted yet: the default --states submitted writes no item
    code, out, _ = run(capsys, "--data-dir", data, "export", "test.pack", "--format", "json", "--states", "all",
                       "-o", tmp_path / "all.json")
    doc = json.loads((tmp_path / "all.json").read_text())
    assert code == 0 and [(i["id"], i["state"]) for i in doc["items"]] == [
        ("item-0", "new"), ("item-1", "new"), ("item-2", "new")]
    code, _, err = run(capsys, "--data-dir", data, "export", "test.pack", "--format", "coco-ish", "-o", tmp_path / "x")
    assert code == 2 and "unknown format 'coco-ish' for image packs; formats: " in err


def test_plugins_lists_the_builtins(capsys):
    code, out, _ = run(capsys, "plugins", "--json")
    ids = [p["id"] for p in json.loads(out)["plugins"]]
    assert code == 0 and {"image", "transcription", "rating"} <= set(ids)


def test_console_script_and_main_py_are_the_same_program(tmp_path):
    pack = write_pack(tmp_path / "p")
    root = Path(__file__).resolve().parents[1]
    for cmd in ([sys.executable, "-m", "annotator"], [sys.executable, str(root / "main.py")]):
        proc = subprocess.run(cmd + ["pack", "validate", str(pack)], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0 and proc.stdout.startswith("ok: test.pack"), proc.stderr
        proc = subprocess.run(cmd + ["pack", "validate", str(tmp_path / "nope")], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and proc.stderr == f"annotator: {tmp_path / 'nope'}: no such file or folder\n"
    exe = Path(sys.executable).with_name("annotator")
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("annotator ")


def test_lint_shows_the_terms_a_worker_would_see(tmp_path, capsys):
    pay = {"currency": "EUR", "per_item": 0.05, "estimated_seconds_per_item": 30, "training_paid": False}
    pack = write_pack(tmp_path / "p", pay=pay)  # one training item, unpaid
    code, out, _ = run(capsys, "pack", "lint", pack, "--minimum-wage", "11.88", "--currency", "eur")
    assert code == 1
    assert out.splitlines() == [
        f"{pack}: unpaid_instructions: Reading the instructions is not paid.",
        f"{pack}: unpaid_training: Training items are not paid.",
        f"{pack}: no_rejection_policy: The pack does not say when work may be rejected or whether rejected work is paid.",
        f"{pack}: below_minimum_wage: At the lab's own estimate this pays 6.00 EUR/h, under your reference of 11.88 EUR/h.",
        "test.pack 1.0.0: 4 findings; 6.00 EUR/h at the pack's estimate",
    ]
    fair = write_pack(tmp_path / "fair", pay={"currency": "EUR", "per_item": 0.2, "estimated_seconds_per_item": 30,
                                              "instructions_paid": True, "training_paid": True,
                                              "rejection_policy": "Rejected items are paid; reasons are given."})
    code, out, _ = run(capsys, "pack", "lint", fair, "--minimum-wage", "11.88", "--currency", "EUR")
    assert code == 0 and out == "test.pack 1.0.0: 0 findings; 24.00 EUR/h at the pack's estimate\n"
    code, _, err = run(capsys, "pack", "lint", fair, "--minimum-wage", "11.88")
    assert code == 2 and "go together" in err
