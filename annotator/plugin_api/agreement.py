"""Agreement between workers who did the same items (for the lab's merge and report).

A plugin's :meth:`~annotator.plugin_api.TaskPlugin.agreement` receives the items that
several workers did and returns :class:`AgreementFigure` s, computed with the helpers
here (Krippendorff's alpha through the ``krippendorff`` package, Cohen's kappa) or its
own (mean IoU of boxes, word error rate).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Hashable, Iterable, Mapping

LEVELS = ("nominal", "ordinal", "interval", "ratio")


@dataclass(frozen=True)
class AgreementFigure:
    """One agreement measure over the items several workers did."""

    name: str
    """What is measured, e.g. ``"Krippendorff's alpha, helpfulness (ordinal)"``."""
    value: float | None
    """The figure, or ``None`` when there is not enough data to compute it."""
    items: int
    """How many items (with two or more workers) the figure is computed on."""
    method: str = ""
    """How, in one sentence (printed in reports)."""


@dataclass(frozen=True)
class ItemGroup:
    """One item and what each worker made of it."""

    item: Mapping[str, Any]
    annotations: Mapping[str, Mapping[str, Any] | None]
    """worker pseudonym -> annotation"""


#: pairs of workers compared per item at most (sampled, seeded by the item id, when there are more)
MAX_PAIRS_PER_ITEM = 10
#: workers per item a lab's merge hands to ``agreement()`` at most (a fixed sample, seeded by the item
#: id): with five, every pair of them is compared; with fifty, alpha and IoU would cost 100 times more
#: for the same figure within its noise
MAX_WORKERS_PER_ITEM = 5


def sample_workers(item_id: str, workers: list[str], limit: int = MAX_WORKERS_PER_ITEM) -> list[str]:
    """``workers`` (sorted), or a fixed sample of ``limit`` of them, the same every run."""
    import random

    workers = sorted(workers)
    if len(workers) <= limit:
        return workers
    return sorted(random.Random(f"workers:{item_id}").sample(workers, limit))


def worker_pairs(group: ItemGroup, ordered: bool = False) -> list[tuple[str, str]]:
    """Pairs of the group's workers to compare: all of them, or a fixed sample of
    :data:`MAX_PAIRS_PER_ITEM` (the same every run) when many workers did the item."""
    import random
    from itertools import combinations, permutations

    workers = sorted(group.annotations)
    pairs = list(permutations(workers, 2) if ordered else combinations(workers, 2))
    limit = MAX_PAIRS_PER_ITEM * (2 if ordered else 1)
    if len(pairs) > limit:
        pairs = random.Random(f"{group.item.get('id')}").sample(pairs, limit)
    return pairs


def krippendorff_alpha(units: Mapping[Hashable, Mapping[str, Any]], level: str = "nominal") -> float | None:
    """Krippendorff's alpha over ``{unit: {worker: value}}`` (missing values allowed).

    ``None`` when fewer than two units have two values, or every value is the same
    (alpha is undefined without variation).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    import numpy as np
    import krippendorff

    paired = {u: {w: v for w, v in values.items() if v is not None} for u, values in units.items()}
    paired = {u: v for u, v in paired.items() if len(v) >= 2}
    if not paired:
        return None
    workers = sorted({w for values in paired.values() for w in values})
    all_values = [v for values in paired.values() for v in values.values()]
    if len(set(map(repr, all_values))) < 2:
        return None
    if level == "nominal":
        codes = {key: i for i, key in enumerate(sorted({repr(v) for v in all_values}))}
        encode = lambda v: codes[repr(v)]  # noqa: E731
    else:
        encode = float
    data = np.full((len(workers), len(paired)), np.nan)
    for col, values in enumerate(paired.values()):
        for worker, value in values.items():
            data[workers.index(worker), col] = encode(value)
    value = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    return None if math.isnan(value) else value


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two raters over ``(rating_a, rating_b)`` pairs; ``None`` if undefined."""
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    left = Counter(a for a, _ in pairs)
    right = Counter(b for _, b in pairs)
    expected = sum(left[k] * right.get(k, 0) for k in left) / (n * n)
    if expected == 1.0:
        return None
    return (observed - expected) / (1.0 - expected)
