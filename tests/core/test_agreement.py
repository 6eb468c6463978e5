"""Agreement helpers against published values."""
from __future__ import annotations

import math

import pytest

from annotator.plugin_api.agreement import cohen_kappa, krippendorff_alpha

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with
# missing values: 4 observers, 12 units.
RELIABILITY = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def units():
    return {u: {w: values[u] for w, values in RELIABILITY.items()} for u in range(12)}


@pytest.mark.parametrize("level, expected", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_alpha_matches_krippendorffs_worked_example(level, expected):
    assert krippendorff_alpha(units(), level) == pytest.approx(expected, abs=0.001)


def test_alpha_of_labels_and_undefined_cases():
    labels = {1: {"a": "cat", "b": "cat"}, 2: {"a": "dog", "b": "dog"}, 3: {"a": "cat", "b": "dog"}}
    assert 0 < krippendorff_alpha(labels) < 1
    assert krippendorff_alpha({1: {"a": "x", "b": "x"}, 2: {"a": "x", "b": "x"}}) is None  # no variation
    assert krippendorff_alpha({1: {"a": 1}, 2: {"b": 2}}) is None  # nobody overlaps
    with pytest.raises(ValueError):
        krippendorff_alpha(labels, "cardinal")


def test_cohen_kappa():
    # Cohen (1960)-style table: 50 items, 20 yes/yes, 15 no/no, 5 yes/no, 10 no/yes -> kappa 0.4
    pairs = [("y", "y")] * 20 + [("n", "n")] * 15 + [("y", "n")] * 5 + [("n", "y")] * 10
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    assert cohen_kappa([]) is None and cohen_kappa([("a", "a")] * 3) is None
    assert not math.isnan(cohen_kappa([("a", "b"), ("b", "a")]))
