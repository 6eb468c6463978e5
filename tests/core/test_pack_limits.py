"""Packs within stated limits (docs/security.md, "Packs"): each case a clear message or the right behaviour."""
from __future__ import annotations

import json
import struct
import zipfile

import pytest
import tomli_w

from annotator.cli import main
from annotator.core.errors import PackError
from annotator.core.library import import_pack
from annotator.core.packs import DEFAULT_LIMITS, Limits, validate_dir, validate_path
from tests.packs import manifest, write_pack, zip_folder


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def problems(path, registry, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    try:
        return [str(p) for p in validate_path(path, registry, limits).problems]
    except PackError as exc:
        return [str(p) for p in exc.problems]


# ----------------------------------------------------------------------------- entry counts


def test_the_stated_entry_limit_is_100000():
    assert DEFAULT_LIMITS.zip_entries == 100_000


def test_a_zip_declaring_a_million_entries_is_refused_before_its_directory_is_read(tmp_path, store, registry):
    """Only the end-of-central-directory record is read: it declares 1,000,000 entries."""
    archive = tmp_path / "million.zip"
    # a classic end record cannot say a million (16 bits): say it the ZIP64 way
    zip64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, 1_000_000, 1_000_000, 46_000_000, 0)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, 0, 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    archive.write_bytes(zip64 + locator + end)
    with pytest.raises(PackError) as info:
        import_pack(archive, store, registry)
    assert [str(p) for p in info.value.problems] == [
        "million.zip: has 1000000 entries; the limit is 100000 (docs/security.md)"]
    assert store.packs() == []


def test_a_zip_with_more_entries_than_the_limit_is_refused(tmp_path, registry):
    base = write_pack(tmp_path / "src", n=3)
    archive = zip_folder(base, tmp_path / "p.zip")
    with zipfile.ZipFile(archive, "a") as zf:
        for i in range(5):
            zf.writestr(f"extra/{i}.txt", b"x")
    assert problems(archive, registry, Limits(zip_entries=8)) == [
        "p.zip: has 11 entries; the limit is 8 (docs/security.md)"]
    assert problems(archive, registry, Limits(zip_entries=11)) == []


def test_a_folder_with_more_files_than_the_limit_is_refused(tmp_path, registry):
    base = write_pack(tmp_path / "src", n=6)
    assert problems(base, registry, Limits(zip_entries=5)) == [
        ".: has more than 5 files; the limit is 5 (docs/security.md)"]


# ----------------------------------------------------------------------------- nesting


def test_a_1000_level_dotted_header_is_refused_with_its_reason(tmp_path, store, registry):
    base = write_pack(tmp_path / "src")
    with open(base / "pack.toml", "a", encoding="utf-8") as fh:
        fh.write("\n[task." + ".".join(["a"] * 1000) + "]\nx = 1\n")
    found = problems(base, registry)
    assert found == ["pack.toml: nests tables more than 32 levels deep; the limit is 32"]
    with pytest.raises(PackError):
        import_pack(base, store, registry)
    assert store.packs() == []


def test_items_nested_300_deep_are_refused_on_their_line(tmp_path, store, registry):
    deep: object = "leaf"
    for _ in range(300):
        deep = {"x": deep}
    items = [{"id": "a", "media": "media/a.png"}, {"id": "b", "media": "media/a.png", "extra": deep}]
    base = write_pack(tmp_path / "src", items=items, media=None)
    assert problems(base, registry) == [
        "items.jsonl:2: nests objects and lists more than 64 levels deep; the limit is 64"]


def test_items_at_the_nesting_limit_import_and_export(tmp_path, store, registry, capsys):
    deep: object = "leaf"
    for _ in range(62):  # the item itself is level 1, its "extra" field level 2
        deep = [deep]
    items = [{"id": "a", "media": "media/a.png", "extra": deep}]
    base = write_pack(tmp_path / "src", items=items)
    assert problems(base, registry) == []
    data = tmp_path / "d"
    assert run(capsys, "--data-dir", data, "pack", "import", base)[0] == 0
    code, _, err = run(capsys, "--data-dir", data, "export", "test.pack", "--format", "json", "-o", tmp_path / "o.json")
    assert code == 0, err


# ----------------------------------------------------------------------------- long arguments


@pytest.mark.parametrize("args", [["pack", "validate"], ["pack", "import"], ["pack", "info"], ["pack", "lint"]])
def test_a_5000_character_path_is_a_one_line_error(tmp_path, capsys, args):
    code, out, err = run(capsys, "--data-dir", tmp_path / "d", *args, "A" * 5000)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "File name too long" in err or "no such file" in err or "no imported pack" in err
    assert len(err) < 400


# ----------------------------------------------------------------------------- versions


def test_an_older_version_imported_after_a_newer_one_does_not_become_the_target(tmp_path, capsys):
    data = tmp_path / "d"
    newer = write_pack(tmp_path / "v2", version="2.0.0", title="Second")
    older = write_pack(tmp_path / "v1", version="1.10.0", title="First")
    assert run(capsys, "--data-dir", data, "pack", "import", newer)[0] == 0
    code, out, _ = run(capsys, "--data-dir", data, "pack", "import", older)
    assert code == 0
    assert out.splitlines()[1] == ("note: test.pack 2.0.0 is also imported; commands that name only "
                                   "'test.pack' use the highest version, 2.0.0")
    code, out, _ = run(capsys, "--data-dir", data, "pack", "info", "test.pack", "--json")
    assert json.loads(out)["version"] == "2.0.0"
    code, out, _ = run(capsys, "--data-dir", data, "pack", "info", "test.pack@1.10.0", "--json")
    assert json.loads(out)["version"] == "1.10.0"


def test_versions_order_by_their_numbers_not_their_text(tmp_path, store, registry):
    for version in ("1.9.0", "1.10.0", "2.0.0-rc1", "1.2.0"):
        import_pack(write_pack(tmp_path / version, version=version), store, registry)
    assert store.resolve_pack("test.pack").version == "2.0.0-rc1"
    import_pack(write_pack(tmp_path / "final", version="2.0.0"), store, registry)
    import_pack(write_pack(tmp_path / "old", version="0.1"), store, registry)
    assert store.resolve_pack("test.pack").version == "2.0.0"


# ----------------------------------------------------------------------------- manifest wording (issue 16)


def test_toml_syntax_errors_carry_their_line(tmp_path, capsys):
    base = write_pack(tmp_path / "src")
    text = (base / "pack.toml").read_text().replace('title = "A test pack"', 'title = "A test pack')
    (base / "pack.toml").write_text(text)
    code, out, err = run(capsys, "pack", "validate", base)
    assert code == 2
    assert err.splitlines()[0] == "pack.toml:6: is not valid TOML: Illegal character '\\n'"


def test_unclosed_array_at_the_end_names_the_last_line(tmp_path, capsys):
    base = write_pack(tmp_path / "src")
    with open(base / "pack.toml", "a") as fh:
        fh.write('\nzz = [1, 2\n')
    code, _, err = run(capsys, "pack", "validate", base)
    lines = (base / "pack.toml").read_text().count("\n")
    assert code == 2 and err.splitlines()[0] == f"pack.toml:{lines}: is not valid TOML: Unclosed array"


def test_validate_warns_on_the_placeholders_pack_new_writes(tmp_path, capsys):
    from PIL import Image

    source = tmp_path / "photos"
    source.mkdir()
    Image.new("RGB", (20, 20), "red").save(source / "a.png")
    assert run(capsys, "pack", "new", "image", source, "-o", tmp_path / "new")[0] == 0
    code, out, err = run(capsys, "pack", "validate", tmp_path / "new")
    assert code == 0 and out.startswith("ok: ")
    lines = err.splitlines()
    lab_line = next(n for n, line in enumerate((tmp_path / "new" / "pack.toml").read_text().splitlines(), 1)
                    if line.startswith("lab = "))
    assert f"pack.toml:{lab_line}: warning: [pack] lab is still the placeholder '(lab name)' that 'pack new' writes" \
        in lines
    assert any(line.startswith("instructions.md:") and "still has the text that 'pack new' writes" in line
               for line in lines), lines
    # once the lab writes its own, the warnings go
    doc = (tmp_path / "new" / "pack.toml").read_text().replace('"(lab name)"', '"Street lab"')
    (tmp_path / "new" / "pack.toml").write_text(doc)
    (tmp_path / "new" / "instructions.md").write_text("# Boxes\n\nDraw a box around every object.\n")
    code, _, err = run(capsys, "pack", "validate", tmp_path / "new")
    assert code == 0 and err == ""


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_non_finite_pay_is_refused_though_json_schema_cannot_say_it(tmp_path, registry, value):
    doc = manifest()
    doc["pay"]["per_item"] = value
    base = write_pack(tmp_path / "src", manifest_doc=doc)
    line = next(n for n, text in enumerate((base / "pack.toml").read_text().splitlines(), 1)
                if text.startswith("per_item"))
    assert problems(base, registry) == [f"pack.toml:{line}: [pay] 'per_item' must be a finite number"]


def test_manifest_problems_carry_the_line_of_their_key(tmp_path, registry):
    doc = manifest()
    doc["pay"]["currency"] = "eur"
    doc["pack"]["colour"] = "red"
    del doc["pack"]["lab"]
    base = write_pack(tmp_path / "src", manifest_doc=doc)
    text = (base / "pack.toml").read_text().splitlines()

    def line_of(prefix: str) -> int:
        return next(n for n, line in enumerate(text, 1) if line.startswith(prefix))

    assert problems(base, registry) == [
        f"pack.toml:{line_of('[pack]')}: [pack] missing 'lab'",
        f"pack.toml:{line_of('colour')}: [pack] unknown key 'colour'",
        f"pack.toml:{line_of('currency')}: [pay] currency 'eur' must be a three-letter ISO 4217 code such as 'EUR'",
    ]


def test_dotted_keys_are_located(tmp_path, registry):
    base = write_pack(tmp_path / "src")
    text = (base / "pack.toml").read_text().replace("[content]\nwarnings = []\n", "")
    (base / "pack.toml").write_text(text.replace("format = 1\n", "format = 1\ncontent.warnings = [1]\n"))
    assert problems(base, registry) == ["pack.toml:2: [content] 'warnings[0]' must be a string, not an integer"]


def test_validation_problems_from_validate_dir_match_validate_path(tmp_path, registry):
    base = write_pack(tmp_path / "src", manifest_doc={**manifest(), "format": 2})
    assert [str(p) for p in validate_dir(base, registry).problems] == [
        "pack.toml:1: format 2 is not supported (this tool reads format = 1)"]


def test_format_true_is_not_format_1(tmp_path, registry):
    base = write_pack(tmp_path / "src")
    (base / "pack.toml").write_text((base / "pack.toml").read_text().replace("format = 1", "format = true"))
    assert problems(base, registry) == ["pack.toml:1: format True is not supported (this tool reads format = 1)"]


def test_tomli_w_round_trip_of_a_placeholder_manifest():
    from annotator.core.packnew import build_manifest
    from annotator.core.packs.manifest import PLACEHOLDERS

    doc = build_manifest(pack_id="x", title="t", kind="image", lab=PLACEHOLDERS[("pack", "lab")], contact="",
                         language="en", version="1", per_item=None, currency=None, estimate=None, task={})
    assert '"(lab name)"' in tomli_w.dumps(doc)


def test_instructions_over_512_kib_are_refused(tmp_path, registry):
    text = "# Task\n\n" + ("Draw a box around every car you can see. " * 20 + "\n\n") * 700
    assert len(text.encode()) > 512 * 1024
    base = write_pack(tmp_path / "src", instructions=text)
    assert problems(base, registry) == ["instructions.md: is larger than 524288 bytes"]
