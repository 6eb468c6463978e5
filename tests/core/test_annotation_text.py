"""The store's fast serialisation of annotations (orjson) stores and refuses exactly what ``json`` does."""
from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from annotator.core.store import _annotation_text, _dumps


@pytest.mark.parametrize("value", [
    {"speaker": None, "start": 1.5, "text": "été 😀 \u2028 \x07 \"quoted\""},
    {"segments": [{"start": 0.1, "end": 1e16, "speaker": None}], "n": 2 ** 63 - 1},
    {"big": 2 ** 70, "keys": {1: "one", None: "none"}},          # orjson refuses both: json writes them
    {"tuple": (1, 2), "nested": [[[None]]]},
])
def test_the_stored_text_reads_back_as_what_json_would_store(value):
    assert json.loads(_annotation_text(value)) == json.loads(_dumps(value))


@pytest.mark.parametrize("bad", [
    {"x": float("nan")},
    {"speaker": None, "end": math.inf},                           # a null beside the infinity
    {"segments": [{"speaker": None, "start": -math.inf}]},
    {"x": object()},
    {"when": dt.datetime(2026, 1, 1)},                            # orjson would write a date: json refuses it
])
def test_what_json_refuses_is_refused(bad):
    with pytest.raises((ValueError, TypeError)):
        _annotation_text(bad)
