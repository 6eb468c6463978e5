"""``results merge --consensus``: one record per item, made by the plugin from every worker's result.

For each item that at least one worker submitted, in pack order, the pack's plugin is given
every submitted annotation (:meth:`~annotator.plugin_api.TaskPlugin.consensus`) and returns
one fused annotation in its own format, so that every exporter writes it as if one worker
had made it. What the plugin dropped (ties, contradictions, shapes without a majority) is
counted and printed; the rules are in ``docs/lab.md``. A plugin that fails on an item never
takes the merge down: the item is left out and counted.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

import orjson

from annotator.core.errors import UserError
from annotator.plugin_api import ExportRecord, TaskPlugin
from annotator.plugin_api.agreement import ItemGroup


@dataclass
class Summary:
    """What a consensus merge wrote, left out and dropped."""

    items: int = 0
    #: items where the workers agreed on nothing (the plugin returned no annotation)
    no_agreement: int = 0
    #: items the plugin failed on, and the first failure
    failed: int = 0
    first_failure: str | None = None
    #: items by how many workers submitted them
    workers_per_item: Counter = field(default_factory=Counter)
    #: what the plugin dropped or decided by rule, summed over the items
    counts: Counter = field(default_factory=Counter)

    def reset(self) -> None:
        """Forget a previous pass (an exporter may read the records twice)."""
        self.__init__()

    def lines(self) -> list[str]:
        """The summary in plain words, one line each."""
        spread = ", ".join(f"{n} by {w}" for w, n in sorted(self.workers_per_item.items()))
        out = [f"{self.items} items written, one consensus record each ({spread or 'none'} workers)"]
        if self.no_agreement:
            out.append(f"{self.no_agreement} items left out: the workers agreed on nothing")
        if self.failed:
            out.append(f"{self.failed} items left out: the plugin failed ({self.first_failure})")
        out += [f"{n} {name}" for name, n in sorted(self.counts.items())]
        return out


def require(plugin, kind: str) -> None:
    """Refuse ``--consensus`` before anything is merged when the plugin offers none."""
    try:
        method = getattr(type(plugin), "consensus", None)
        offered = callable(getattr(plugin, "consensus", None)) and method is not TaskPlugin.consensus
    except Exception:
        offered = False
    if not offered:
        raise UserError(f"the {kind} plugin offers no consensus; merge without --consensus (nothing was merged)")


def _decoded(line: str) -> tuple[dict | None, str | None]:
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None, None
    annotation = record.get("annotation")
    ihash = record.get("instructions_hash")
    return (annotation if isinstance(annotation, dict) else None), (ihash if isinstance(ihash, str) else None)


def _counts(value: Any) -> Counter:
    found: Counter = Counter()
    for name, n in dict(value or {}).items():
        if isinstance(name, str) and isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 2**53:
            found[name[:200]] += n
    return found


def _fused(plugin, kind: str, task, item, lines: dict[str, str], summary: Summary) -> ExportRecord | None:
    annotations, hashes = {}, Counter()
    for worker, line in lines.items():
        annotations[worker], ihash = _decoded(line)
        if ihash:
            hashes[ihash] += 1
    summary.workers_per_item[len(annotations)] += 1
    try:
        made = plugin.consensus(ItemGroup(item, annotations), task)
        annotation = made.annotation
        counts = _counts(getattr(made, "counts", None))
        if annotation is not None and not isinstance(annotation, dict):
            raise TypeError(f"the consensus annotation is a {type(annotation).__name__}, not an object")
    except Exception as exc:  # a plugin never takes the merge down: the item is left out and counted
        summary.failed += 1
        if summary.first_failure is None:
            summary.first_failure = f"item {item.get('id')!r}: {type(exc).__name__}: {exc}"[:300]
        return None
    summary.counts.update(counts)
    if annotation is None:
        summary.no_agreement += 1
        return None
    summary.items += 1
    fused = dict(annotation)
    fused["consensus"] = {"workers": sorted(annotations), "counts": dict(counts)}
    return ExportRecord(item=item, annotation=fused, state="submitted",
                        instructions_hash=hashes.most_common(1)[0][0] if hashes else None, worker=None)


def records(db, pack, summary: Summary) -> Iterator[tuple[ExportRecord, list[str]]]:
    """One consensus record per submitted item, in pack order, with the workers it was made from."""
    info, plugin, items = pack.info, pack.plugin, pack.items
    current: str | None = None
    lines: dict[str, str] = {}

    def flush():
        item = items.get(current)
        if item is None or not lines:
            return None
        record = _fused(plugin, info.kind, info.task, item, lines, summary)
        return None if record is None else (record, sorted(lines))

    for item_id, worker, line in db.lines(*pack.key):
        if item_id != current:
            if current is not None and (made := flush()) is not None:
                yield made
            current, lines = item_id, {}
        lines[worker] = line
    if current is not None and (made := flush()) is not None:
        yield made
