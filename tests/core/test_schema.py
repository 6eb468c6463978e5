"""The published JSON Schema of pack.toml agrees with the validator."""
from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from annotator.core.packs import Problems, check_manifest
from tests.packs import manifest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "annotator" / "resources" / "schemas" / "pack.schema.json").read_text())
INSTALLED = ["image", "transcription", "rating"]


def schema_ok(doc) -> bool:
    return not list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc))


def validator_ok(doc) -> bool:
    problems = Problems()
    return check_manifest(doc, problems, INSTALLED) and not problems


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("pack", sorted((ROOT / "annotator" / "resources" / "demo-packs").iterdir()), ids=lambda p: p.name)
def test_every_demo_pack_manifest_matches_the_schema(pack):
    doc = tomllib.loads((pack / "pack.toml").read_text())
    assert schema_ok(doc) and validator_ok(doc)


def _mutations():
    yield "missing format", lambda d: d.pop("format")
    yield "format 2", lambda d: d.update(format=2)
    yield "unknown top key", lambda d: d.update(extra=1)
    yield "bad id", lambda d: d["pack"].update(id="Has Space")
    yield "missing lab", lambda d: d["pack"].pop("lab")
    yield "empty title", lambda d: d["pack"].update(title="  ")
    yield "unknown pack key", lambda d: d["pack"].update(colour="red")
    yield "bad language", lambda d: d["pack"].update(language="english!")
    yield "negative pay", lambda d: d["pay"].update(per_item=-1)
    yield "pay as text", lambda d: d["pay"].update(per_item="0.1")
    yield "zero estimate", lambda d: d["pay"].update(estimated_seconds_per_item=0)
    yield "lower-case currency", lambda d: d["pay"].update(currency="eur")
    yield "pay without currency", lambda d: d["pay"].pop("currency")
    yield "training_paid as text", lambda d: d["pay"].update(training_paid="yes")
    yield "unknown pay key", lambda d: d["pay"].update(per_hour=10)
    yield "warnings not a list", lambda d: d["content"].update(warnings="violence")
    yield "empty warning", lambda d: d["content"].update(warnings=[""])
    yield "task not a table", lambda d: d.update(task=[1, 2])


@pytest.mark.parametrize("name, mutate", list(_mutations()), ids=[n for n, _ in _mutations()])
def test_schema_and_validator_refuse_the_same_manifests(name, mutate):
    doc = copy.deepcopy(manifest())
    assert schema_ok(doc) and validator_ok(doc)
    mutate(doc)
    assert not schema_ok(doc), f"the schema accepts {name}"
    assert not validator_ok(doc), f"the validator accepts {name}"


JSONSCHEMA_WORDING = ("is not of type", "does not match", "is too long", "is too short", "is less than",
                      "is not valid under", "was expected", "is a required property", "should be non-empty",
                      "Additional properties", "is a dependency of")


@pytest.mark.parametrize("name, mutate", list(_mutations()), ids=[n for n, _ in _mutations()])
def test_every_refusal_is_worded_the_projects_way(name, mutate):
    """The schema is the source of truth at run time (ADR 0621), but the worker reads our sentences."""
    doc = copy.deepcopy(manifest())
    mutate(doc)
    problems = Problems()
    check_manifest(doc, problems, INSTALLED)
    messages = [p.message for p in problems.result()]
    assert messages, name
    for message in messages:
        assert not any(phrase in message for phrase in JSONSCHEMA_WORDING), message


def _keywords(node, found: set) -> set:
    if isinstance(node, dict):
        found.update(node)
        for value in node.values():
            _keywords(value, found)
    elif isinstance(node, list):
        for value in node:
            _keywords(value, found)
    return found


def test_every_constraint_keyword_of_the_schema_has_project_wording():
    """A keyword that can fail a value must be worded by the code or by an ``x-message`` beside it."""
    worded_by_code = {"required", "additionalProperties", "dependentRequired", "type"}
    annotations = {"$schema", "$id", "title", "description", "properties", "items", "x-message"}
    constraints = _keywords(SCHEMA, set()) - annotations - worded_by_code - set(_all_property_names(SCHEMA))

    def check(node):
        if isinstance(node, dict):
            if set(node) & constraints and "x-message" not in node:
                raise AssertionError(f"no x-message beside {sorted(set(node) & constraints)} in {node}")
            for key, value in node.items():
                if key == "properties":
                    for sub in value.values():
                        check(sub)
                elif isinstance(value, dict):
                    check(value)

    check(SCHEMA)


def _all_property_names(node) -> list[str]:
    names = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                names += list(value)
            names += _all_property_names(value)
    return names
