"""Packs are hostile data: every refusal the foundation promises, with its message."""
from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import pytest

from annotator.core import packs
from annotator.core.errors import PackError, UserError
from annotator.core.library import import_pack
from annotator.core.packs import Limits, validate_dir, validate_path
from tests.packs import manifest, png_bytes, write_pack, zip_folder


def problems_of(path: Path, registry, limits: Limits = packs.DEFAULT_LIMITS) -> list[str]:
    try:
        validation = validate_path(path, registry, limits)
    except PackError as exc:
        return [str(p) for p in exc.problems]
    return [str(p) for p in validation.problems]


def assert_nothing_imported(store) -> None:
    assert store.packs() == []
    assert not store.packs_dir.exists() or not any(store.packs_dir.rglob("*"))
    tmp = store.data_dir / "tmp"
    assert not tmp.exists() or not any(tmp.iterdir())


def refused_import(path, store, registry) -> list[str]:
    with pytest.raises(PackError) as info:
        import_pack(path, store, registry)
    assert_nothing_imported(store)
    return [str(p) for p in info.value.problems]


# ----------------------------------------------------------------------------- zip archives


def _zip_with(tmp_path: Path, entries: dict[str, bytes], base: Path | None = None) -> Path:
    archive = tmp_path / "hostile.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        if base is not None:
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(base).as_posix())
        for name, data in entries.items():
            zf.writestr(name, data)
    return archive


@pytest.mark.parametrize("name, expected", [
    ("/etc/evil.txt", "absolute path"),
    ("../evil.txt", "'..'"),
    ("media/../../evil.txt", "'..'"),
    ("C:/Windows/evil.txt", "absolute path"),
    ("..\\evil.txt", "backslash"),
])
def test_zip_entries_that_leave_the_pack_are_refused(tmp_path, store, registry, name, expected):
    base = write_pack(tmp_path / "src")
    archive = _zip_with(tmp_path, {name: b"x"}, base)
    lines = refused_import(archive, store, registry)
    assert any(expected in line and repr(name) in line for line in lines), lines
    assert not (tmp_path / "evil.txt").exists()
    assert not Path("/etc/evil.txt").exists()


def test_zip_symlink_entries_are_refused(tmp_path, store, registry):
    base = write_pack(tmp_path / "src")
    archive = tmp_path / "links.zip"
    zip_folder(base, archive)
    with zipfile.ZipFile(archive, "a") as zf:
        info = zipfile.ZipInfo("media/link.png")
        info.external_attr = (0o120777 << 16)  # a symbolic link to /etc/passwd
        zf.writestr(info, "/etc/passwd")
    lines = refused_import(archive, store, registry)
    assert any("media/link.png" in line and "link" in line for line in lines)


def test_zip_bomb_by_ratio_is_refused_before_inflating(tmp_path, store, registry):
    base = write_pack(tmp_path / "src")
    archive = _zip_with(tmp_path, {"media/bomb.bin": b"\0" * (64 * 1024 * 1024)}, base)
    assert archive.stat().st_size < 1024 * 1024
    lines = refused_import(archive, store, registry)
    assert any("zip bomb" in line for line in lines), lines


def test_zip_total_size_is_capped(tmp_path, registry):
    base = write_pack(tmp_path / "src", n=3)
    archive = zip_folder(base, tmp_path / "p.zip")
    lines = problems_of(archive, registry, Limits(zip_total_bytes=1000))
    assert any("limit is 1000" in line for line in lines), lines


def test_zip_entry_count_is_capped(tmp_path, registry):
    base = write_pack(tmp_path / "src", n=3)
    archive = zip_folder(base, tmp_path / "p.zip")
    lines = problems_of(archive, registry, Limits(zip_entries=3))
    assert any("entries; the limit is 3" in line for line in lines), lines


def test_zip_entry_lying_about_its_size_is_refused(tmp_path, store, registry):
    base = write_pack(tmp_path / "src")
    archive = _zip_with(tmp_path, {"media/big.bin": os.urandom(200_000)}, base)
    data = bytearray(archive.read_bytes())
    # rewrite the declared uncompressed size of media/big.bin to 100 bytes, in both headers
    name = b"media/big.bin"
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_len = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            if data[start + name_offset:start + name_offset + name_len] == name:
                struct.pack_into("<I", data, start + size_offset, 100)
            start += 4
    archive.write_bytes(bytes(data))
    lines = refused_import(archive, store, registry)
    assert any("media/big.bin" in line for line in lines), lines


def test_corrupt_zip_is_refused_with_a_message(tmp_path, store, registry):
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04 this is not really a zip")
    lines = refused_import(archive, store, registry)
    assert lines == ["broken.zip: is not a readable zip archive: File is not a zip file"]


def test_zip_with_a_file_and_a_folder_of_the_same_name_is_refused(tmp_path, store, registry):
    base = write_pack(tmp_path / "src")
    archive = _zip_with(tmp_path, {"notes": b"a file", "notes/inside.txt": b"under a file"}, base)
    lines = refused_import(archive, store, registry)
    assert any("notes/inside.txt" in line and "cannot be extracted" in line for line in lines), lines


def test_zip_with_a_top_folder_is_accepted(tmp_path, store, registry):
    base = write_pack(tmp_path / "src")
    archive = zip_folder(base, tmp_path / "p.zip", prefix="my-pack/")
    assert import_pack(archive, store, registry).created


# ----------------------------------------------------------------------------- folders


def test_link_leaving_the_pack_is_refused(tmp_path, store, registry):
    outside = tmp_path / "secret.png"
    outside.write_bytes(png_bytes())
    base = write_pack(tmp_path / "src", items=[{"id": "a", "media": "media/a.png"}], media={})
    (base / "media").mkdir()
    (base / "media" / "a.png").symlink_to(outside)
    lines = refused_import(base, store, registry)
    assert "media/a.png: is a link that leaves the pack" in lines


def test_link_to_a_folder_is_refused(tmp_path, registry):
    base = write_pack(tmp_path / "src")
    (base / "loop").symlink_to(base)
    assert "loop: is a link to a folder; links to folders are not allowed" in problems_of(base, registry)


def test_link_inside_the_pack_is_followed(tmp_path, store, registry):
    base = write_pack(tmp_path / "src", items=[{"id": "a", "media": "media/b.png"}])
    (base / "media" / "a.png").write_bytes(png_bytes())
    (base / "media" / "b.png").unlink()
    (base / "media" / "b.png").symlink_to(base / "media" / "a.png")
    row = import_pack(base, store, registry).pack
    copied = row.folder / "media" / "b.png"
    assert copied.is_file() and not copied.is_symlink()


def test_fifo_in_a_pack_is_refused_without_blocking(tmp_path, registry):
    base = write_pack(tmp_path / "src", items=[{"id": "a", "media": "media/pipe.png"}], media={})
    (base / "media").mkdir()
    os.mkfifo(base / "media" / "pipe.png")
    lines = problems_of(base, registry)
    assert "media/pipe.png: is not a regular file (FIFO, device or socket)" in lines
    assert "items.jsonl:1: media 'media/pipe.png' is missing from the pack" in lines


# ----------------------------------------------------------------------------- contents


def test_oversized_manifest_is_refused(tmp_path, registry):
    base = write_pack(tmp_path / "src")
    with open(base / "pack.toml", "a") as fh:
        fh.write("# " + "x" * 300_000 + "\n")
    assert any(line.startswith("pack.toml: is ") and "the limit is 262144" in line
               for line in problems_of(base, registry))


def test_oversized_line_is_reported_and_the_rest_still_checked(tmp_path, registry):
    base = write_pack(tmp_path / "src", n=2)
    lines = (base / "items.jsonl").read_text().splitlines()
    huge = '{"id": "huge", "pad": "' + "x" * (1024 * 1024 + 10) + '"}'
    (base / "items.jsonl").write_text("\n".join([lines[0], huge, lines[1], lines[0]]) + "\n")
    found = problems_of(base, registry)
    assert "items.jsonl:2: line is longer than 1048576 bytes" in found
    assert "items.jsonl:4: duplicate item id 'item-0' (first on line 1)" in found


@pytest.mark.parametrize("file", ["pack.toml", "items.jsonl", "instructions.md"])
def test_bad_utf8_is_reported_with_its_line(tmp_path, registry, file):
    base = write_pack(tmp_path / "src")
    original = (base / file).read_bytes()
    (base / file).write_bytes(original.replace(b"\n", b"\n\xff\xfe bad\n", 1)
                              if file != "items.jsonl" else original + b'{"id": "\xff"}\n')
    found = problems_of(base, registry)
    assert any(line.startswith(f"{file}:") and "not valid UTF-8" in line for line in found), found


def test_duplicate_ids_including_int_and_string(tmp_path, registry):
    items = [{"id": 1, "media": "media/a.png"}, {"id": "1", "media": "media/a.png"},
             {"id": "b", "media": "media/a.png"}, {"id": "b", "media": "media/a.png"}]
    base = write_pack(tmp_path / "src", items=items, media={"media/a.png": png_bytes()})
    found = problems_of(base, registry)
    assert "items.jsonl:2: duplicate item id '1' (first on line 1)" in found
    assert "items.jsonl:4: duplicate item id 'b' (first on line 3)" in found


def test_missing_and_unreadable_media(tmp_path, registry):
    items = [{"id": "a", "media": "media/none.png"}, {"id": "b", "media": "media/fake.png"},
             {"id": "c", "media": "/etc/passwd"}, {"id": "d", "media": "../outside.png"}, {"id": "e"}]
    base = write_pack(tmp_path / "src", items=items, media={"media/fake.png": b"<html>not an image</html>"})
    found = problems_of(base, registry)
    assert "items.jsonl:1: media 'media/none.png' is missing from the pack" in found
    assert "items.jsonl:2: media 'media/fake.png': is not a JPEG, PNG, TIFF, WebP or BMP image" in found
    assert "items.jsonl:3: media '/etc/passwd' is an absolute path; it must be relative to the pack" in found
    assert "items.jsonl:4: media '../outside.png' leaves the pack" in found
    assert "items.jsonl:5: missing 'media': image items need a media file" in found


def test_unknown_kind_names_the_installed_plugins(tmp_path, registry):
    base = write_pack(tmp_path / "src", manifest_doc=manifest(kind="video"))
    found = problems_of(base, registry)
    assert "pack.toml:7: [pack] unknown kind 'video'; installed plugins: image, rating, transcription" in found


def test_every_problem_is_reported_not_only_the_first(tmp_path, registry):
    doc = manifest()
    doc["pack"]["id"] = "Bad ID!"
    doc["pay"]["per_item"] = "ten"
    doc["extra"] = 1
    items = [{"id": "a", "media": "media/a.png"}, {"media": "media/a.png"}, ["not", "an", "object"],
             {"id": "a", "media": "media/a.png", "training": "yes"}]
    base = write_pack(tmp_path / "src", manifest_doc=doc, items=items, media={"media/a.png": png_bytes()},
                      instructions="# Hi\n\n![remote](https://example.org/x.png)\n![gone](media/gone.png)\n")
    found = problems_of(base, registry)
    expected = [
        "pack.toml:2: unknown key 'extra' (expected content, format, pack, pay, task)",
        "pack.toml:5: [pack] id 'Bad ID!' must match [a-z0-9._-]+ (at most 100 characters)",
        "pack.toml:15: [pay] 'per_item' must be a number, not a string",
        "instructions.md:3: image 'https://example.org/x.png' is not inside the pack; packs cannot load "
        "anything from the network",
        "instructions.md:4: image 'media/gone.png' is not in the pack",
        "items.jsonl:2: missing 'id'",
        "items.jsonl:3: must be a JSON object, not a list",
        "items.jsonl:4: duplicate item id 'a' (first on line 1)",
        "items.jsonl:4: 'training' must be true or false",
    ]
    for line in expected:
        assert line in found, (line, found)


def test_plugin_settings_are_validated_by_the_plugin(tmp_path, registry):
    task = {"tools": ["box", "laser"], "labels": [{"name": "car", "color": "red", "hotkey": "0"}]}
    base = write_pack(tmp_path / "src", task=task)
    found = problems_of(base, registry)
    # the plugin's messages carry the line of the [task] table
    assert "pack.toml:23: [task] tools must be a non-empty list of box, polygon, point" in found
    assert 'pack.toml:23: [task] labels[0].color must look like "#e6194b"' in found
    assert 'pack.toml:23: [task] labels[0].hotkey must be one of "1" to "9"' in found


def test_a_plugin_crash_during_validation_is_a_problem_not_a_crash(tmp_path, registry_with_yesno):
    items = [{"id": "q1", "question": "ok?"}, {"id": "q2", "question": "boom?", "explode": "validate"}]
    base = write_pack(tmp_path / "src", manifest_doc=manifest(kind="yesno", task={}), items=items, media={})
    found = problems_of(base, registry_with_yesno)
    assert found == ["items.jsonl:2: the yesno plugin failed to check this (RuntimeError: boom in validate_item)"]


def test_nothing_from_a_pack_is_ever_executed(tmp_path, store, registry):
    marker = tmp_path / "executed"
    code = f"open({str(marker)!r}, 'w').write('pwned')\n"
    base = write_pack(tmp_path / "src")
    for name in ("__init__.py", "setup.py", "conftest.py", "media/evil.py"):
        (base / name).write_text(code)
    (base / "pack.toml").write_text((base / "pack.toml").read_text().replace('kind = "image"', 'kind = "evil"'))
    refused_import(base, store, registry)
    (base / "pack.toml").write_text((base / "pack.toml").read_text().replace('kind = "evil"', 'kind = "image"'))
    row = import_pack(base, store, registry).pack
    assert (row.folder / "setup.py").exists()
    assert not marker.exists()


# ----------------------------------------------------------------------------- import


def test_failed_import_leaves_nothing_behind(tmp_path, store, registry):
    base = write_pack(tmp_path / "src", items=[{"id": "a", "media": "media/missing.png"}], media={})
    refused_import(base, store, registry)
    refused_import(zip_folder(base, tmp_path / "p.zip"), store, registry)


def test_same_pack_twice_is_a_no_op_and_changed_content_needs_a_new_version(tmp_path, store, registry):
    base = write_pack(tmp_path / "src")
    first = import_pack(base, store, registry)
    second = import_pack(zip_folder(base, tmp_path / "same.zip"), store, registry)
    assert first.created and not second.created
    assert second.pack.content_hash == first.pack.content_hash
    (base / "instructions.md").write_text("# Changed instructions\n")
    lines = [str(p) for p in pytest.raises(PackError, import_pack, base, store, registry).value.problems]
    assert any("already imported with other content" in line and "new version" in line for line in lines)
    assert len(store.packs()) == 1
    (base / "pack.toml").write_text((base / "pack.toml").read_text().replace('version = "1.0.0"', 'version = "1.1.0"'))
    newer = import_pack(base, store, registry)
    assert newer.created and newer.pack.instructions_hash != first.pack.instructions_hash
    assert [p.version for p in store.packs()] == ["1.0.0", "1.1.0"]


def test_not_a_pack_at_all(tmp_path, registry):
    plain = tmp_path / "notes.txt"
    plain.write_text("hello")
    with pytest.raises(UserError, match="not a pack"):
        validate_path(plain, registry)
    with pytest.raises(UserError, match="no such file or folder"):
        validate_path(tmp_path / "nowhere", registry)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert validate_dir(empty, registry).problems[0] == packs.Problem(
        "pack.toml", None, "missing: this folder is not a task pack")


def test_orphans_of_an_interrupted_import_are_cleaned(tmp_path, store, registry):
    from annotator.core.library import clean_orphans

    row = import_pack(write_pack(tmp_path / "src"), store, registry).pack
    orphan = store.packs_dir / "ghost" / "1.0-abc"
    store.mark_folder(orphan, "importing")  # what an import does just before it moves the folder in
    orphan.mkdir(parents=True)
    (store.data_dir / "tmp" / "import-x").mkdir(parents=True)
    removed = clean_orphans(store)
    assert orphan in removed and not orphan.exists() and not (store.packs_dir / "ghost").exists()
    assert row.folder.exists()


def test_images_inside_code_are_not_images():
    from annotator.core.packs import instruction_images

    text = ("Show one: ![a](media/a.png)\n"
            "Quote one: `![b](media/b.png)`\n"
            "```markdown\n![c](https://example.org/c.png)\n```\n"
            "~~~~\n![d](d.png)\n~~~~\n"
            '<img src="media/e.png"> and ``![f](f.png)``\n')
    # HTML is not interpreted (shown as text), so <img> shows no image: validation refuses it
    assert instruction_images(text) == [(1, "media/a.png")]
