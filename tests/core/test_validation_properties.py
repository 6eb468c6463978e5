"""Property tests: no input makes validation raise anything but its own errors."""
from __future__ import annotations

import io
import json
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import PackError, UserError
from annotator.core.packs import validate_dir, validate_path
from annotator.core.registry import installed
from tests.packs import manifest, png_bytes

REGISTRY = installed()
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                         st.text(max_size=20))
json_values = st.recursive(json_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)), max_leaves=12)
toml_scalars = st.one_of(st.booleans(), st.integers(min_value=-2**63, max_value=2**63 - 1),
                         st.floats(allow_nan=False), st.text(max_size=20))
toml_values = st.recursive(toml_scalars, lambda children: st.one_of(
    st.lists(children, max_size=3), st.dictionaries(st.text(min_size=1, max_size=8), children, max_size=3)),
    max_leaves=10)


def _validate_files(files: dict[str, bytes]) -> list:
    root = Path(tempfile.mkdtemp(prefix="prop-"))
    try:
        for rel, data in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        validation = validate_dir(root, REGISTRY)
        assert isinstance(validation.problems, list)
        for problem in validation.problems:
            assert str(problem)  # every problem renders as FILE[:LINE]: message
        return validation.problems
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _valid_files() -> dict[str, bytes]:
    return {
        "pack.toml": tomli_w.dumps(manifest()).encode(),
        "instructions.md": b"# Task\n",
        "items.jsonl": b'{"id": "a", "media": "media/a.png"}\n',
        "media/a.png": png_bytes(8, 8),
    }


@SETTINGS
@given(st.binary(max_size=2000), st.binary(max_size=2000), st.binary(max_size=500))
def test_arbitrary_bytes_in_every_file(manifest_bytes, items_bytes, instructions_bytes):
    files = _valid_files()
    files.update({"pack.toml": manifest_bytes, "items.jsonl": items_bytes, "instructions.md": instructions_bytes})
    _validate_files(files)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["format", "pack", "pay", "content", "task", "other"]), toml_values))
def test_arbitrary_manifest_structure(doc):
    files = _valid_files()
    files["pack.toml"] = tomli_w.dumps(doc).encode()
    assert _validate_files(files)  # an arbitrary manifest is never silently accepted


@SETTINGS
@given(st.sampled_from(["pack", "pay", "content", "task"]), st.dictionaries(st.text(min_size=1, max_size=12), toml_values, max_size=5))
def test_arbitrary_tables_in_a_valid_manifest(section, table):
    doc = manifest()
    doc[section] = {**doc.get(section, {}), **table}
    files = _valid_files()
    files["pack.toml"] = tomli_w.dumps(doc).encode()
    _validate_files(files)


@SETTINGS
@given(st.lists(json_values, min_size=1, max_size=6))
def test_arbitrary_item_lines(values):
    files = _valid_files()
    lines = []
    for value in values:
        try:
            lines.append(json.dumps(value))
        except ValueError:
            lines.append("NaN")
    files["items.jsonl"] = ("\n".join(lines) + "\n").encode()
    _validate_files(files)


@SETTINGS
@given(st.lists(st.fixed_dictionaries({"id": json_values, "media": json_values, "training": json_values}),
                min_size=1, max_size=5))
def test_arbitrary_item_fields(items):
    files = _valid_files()
    files["items.jsonl"] = ("\n".join(json.dumps(i) for i in items) + "\n").encode()
    _validate_files(files)


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_as_a_zip(data):
    path = Path(tempfile.mkdtemp(prefix="prop-")) / "pack.zip"
    path.write_bytes(b"PK\x03\x04" + data)
    try:
        validate_path(path, REGISTRY)
    except (PackError, UserError):
        pass
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)


@SETTINGS
@given(st.lists(st.tuples(st.text(min_size=1, max_size=30), st.binary(max_size=200)), min_size=1, max_size=6))
def test_arbitrary_zip_entries(entries):
    path = Path(tempfile.mkdtemp(prefix="prop-")) / "pack.zip"
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as zf:
        warnings.simplefilter("ignore")
        for name, data in entries:
            try:
                zf.writestr(name, data)
            except (ValueError, UnicodeEncodeError, IndexError):  # names zipfile itself cannot write
                pass
    path.write_bytes(buffer.getvalue())
    try:
        validate_path(path, REGISTRY)
    except (PackError, UserError):
        pass
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
