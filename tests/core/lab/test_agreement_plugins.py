"""Each built-in plugin's agreement figures, against values computed by hand."""
from __future__ import annotations

import pytest

from annotator.plugin_api.agreement import MAX_PAIRS_PER_ITEM, ItemGroup, worker_pairs


def by_name(figures):
    return {f.name: f for f in figures}


def test_rating_alpha_on_scores_and_kappa_on_preferences(registry):
    plugin = registry.plugins["rating"]
    task = {"modes": ["likert", "pairwise"],
            "criteria": [{"id": "helpfulness", "label": "Helpfulness", "min": 1, "max": 5}]}
    item = lambda i: {"id": f"q{i}", "prompt": "?", "responses": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]}  # noqa: E731

    def ann(score, preferred, strength):
        return {"scores": {"a": {"helpfulness": score}},
                "pairwise": {"shown": ["b", "a"], "preferred": preferred, "strength": strength, "levels": 3}}

    groups = [ItemGroup(item(0), {"w1": ann(5, "a", 2), "w2": ann(5, "a", 1)}),
              ItemGroup(item(1), {"w1": ann(3, "b", 1), "w2": ann(3, "b", 2)}),
              ItemGroup(item(2), {"w1": ann(1, "a", 1), "w2": ann(1, "b", 1)})]
    figures = by_name(plugin.agreement(iter(groups), task))  # streamed: read once
    assert figures["Krippendorff's alpha, Helpfulness scores (ordinal)"].value == pytest.approx(1.0)
    kappa = figures["Cohen's kappa, which response is preferred"]
    # directions w1 (+, -, +), w2 (+, -, -): observed 2/3, expected 2/3*1/3 + 1/3*2/3 = 4/9 -> kappa 0.4
    assert kappa.items == 3 and kappa.value == pytest.approx(0.4)


def test_image_tags_alpha_and_iou_over_a_stream(registry):
    plugin = registry.plugins["image"]
    task = {"labels": [{"name": "car"}], "tags": [{"name": "light", "choices": ["day", "night"]}]}
    box = {"id": "s", "type": "box", "label": "car", "points": [[0, 0], [10, 10]]}
    groups = (ItemGroup({"id": f"i{n}"}, {"a": {"shapes": [box], "tags": {"light": light_a}},
                                          "b": {"shapes": [box], "tags": {"light": light_b}}})
              for n, (light_a, light_b) in enumerate([("day", "day"), ("night", "night"), ("day", "night")]))
    figures = by_name(plugin.agreement(groups, task))
    assert figures["mean IoU of boxes between workers"].value == pytest.approx(1.0)
    alpha = figures["Krippendorff's alpha, tag 'light' (nominal)"]
    # pairs (d,d), (n,n), (d,n): n = 6 values, 3 day and 3 night; off-diagonal coincidences o_dn + o_nd = 2
    # alpha = 1 - (n - 1) * sum(o_ck, c != k) / sum(n_c * n_k, c != k) = 1 - 5 * 2 / 18
    assert alpha.items == 3 and alpha.value == pytest.approx(1 - 5 * 2 / 18)


def test_many_workers_are_compared_on_a_fixed_sample_of_pairs():
    group = ItemGroup({"id": "x"}, {f"w{i:02d}": {} for i in range(50)})
    pairs = worker_pairs(group)
    assert len(pairs) == MAX_PAIRS_PER_ITEM and pairs == worker_pairs(group)  # the same every run
    assert len(worker_pairs(group, ordered=True)) == 2 * MAX_PAIRS_PER_ITEM
    few = ItemGroup({"id": "y"}, {"a": {}, "b": {}, "c": {}})
    assert worker_pairs(few) == [("a", "b"), ("a", "c"), ("b", "c")]
