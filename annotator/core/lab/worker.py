"""The worker's side: "Send results to the lab" — plan a results bundle, show it, write it.

What a bundle holds is decided here and shown to the worker before it is written
(:meth:`BundlePlan.describe`): every item's state and annotation, the pack's
identity, the tool version, a pseudonym the worker chose, and only the timing the
worker agrees to share — by default the work seconds per item and the pack's
totals in five categories; wall-clock intervals only if the worker opts in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from annotator.core.errors import UserError
from annotator.core.lab import bundle
from annotator.core.library import manifest_of
from annotator.core.store import PackRow, Store

#: the categories a bundle may share: never break, away or admin (the worker's own business)
SHARED_CATEGORIES = ("waiting", "instructions", "training", "work", "review")
PSEUDONYM_SETTING = "worker_pseudonym"


@dataclass
class BundlePlan:
    pack: PackRow
    pseudonym: str
    shared: list[str]
    pack_doc: dict[str, Any]
    records: list[dict[str, Any]]
    timing: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> list[str]:
        """What the bundle will contain, in plain words (shown before it is written)."""
        states: dict[str, int] = {}
        for r in self.records:
            states[r["state"]] = states.get(r["state"], 0) + 1
        lines = [
            f"Pack: {self.pack.title} ({self.pack.pack_id} {self.pack.version}), "
            f"content {self.pack.content_hash[:19]}…, instructions {self.pack.instructions_hash[:19]}…",
            f"Your pseudonym: {self.pseudonym}",
            f"Items: {len(self.records)} ({', '.join(f'{n} {s}' for s, n in sorted(states.items()))}), "
            "each with its state, skip reason or flag note, and your annotation",
        ]
        if "work_seconds_per_item" in self.shared:
            items = self.timing.get("work_seconds_per_item", {})
            lines.append(f"Work seconds per item: {len(items)} items, {sum(items.values()) / 60:.1f} min in all")
        if "category_totals" in self.shared:
            totals = self.timing.get("category_totals", {})
            lines.append("Time on this pack: " + ", ".join(f"{c} {totals.get(c, 0) / 60:.1f} min"
                                                            for c in SHARED_CATEGORIES))
        if "intervals" in self.shared:
            lines.append(f"Wall-clock intervals (dates and times): {len(self.timing.get('intervals', []))}")
        else:
            lines.append("No dates or times of day are included.")
        if not self.shared:
            lines.append("No timing is included.")
        lines.append("Never included: breaks, away time, other packs, anything you typed outside the annotations.")
        lines.append("Signed with this computer's key, so the lab can check nothing was changed.")
        return lines


def plan(store: Store, pack: PackRow, pseudonym: str, shared=bundle.SHARE_DEFAULT) -> BundlePlan:
    from annotator.core.metering.engine import check_thresholds
    from annotator.core.metering.repository import MeterRepository
    from annotator.core.metering.service import THRESHOLDS_KEY
    from annotator.core.metering.timesheet import (category_totals, effective_intervals, rules,
                                                   work_seconds_per_item)

    shared = [s for s in bundle.SHARE_CHOICES if s in set(shared)]
    unknown = set(shared) - set(bundle.SHARE_CHOICES)
    if unknown:
        raise UserError(f"cannot share {sorted(unknown)[0]!r}; choose from {', '.join(bundle.SHARE_CHOICES)}")
    manifest = manifest_of(pack)
    pack_doc = {
        "id": pack.pack_id, "version": pack.version, "kind": pack.kind, "title": pack.title, "lab": pack.lab,
        "content_hash": pack.content_hash, "instructions_hash": pack.instructions_hash,
        "items": pack.item_count, "pay": dict(manifest.pay),
    }
    records = []
    for record in store.iter_records(pack.pk):
        records.append({"id": record.item_id, "training": bool(record.item.get("training", False)),
                        "state": record.state, "reason": record.reason,
                        "instructions_hash": record.instructions_hash, "annotation": record.annotation})
    timing: dict[str, Any] = {}
    if shared:
        try:
            thresholds = check_thresholds(store.get(THRESHOLDS_KEY) or {})
        except ValueError:
            thresholds = check_thresholds({})
        timing["rules"] = {k: v for k, v in rules(thresholds).items() if k != "texts"}
    if "work_seconds_per_item" in shared:
        timing["work_seconds_per_item"] = work_seconds_per_item(store, pack.pk)
    if "category_totals" in shared:
        totals = category_totals(store, pack.pk)
        timing["category_totals"] = {c: totals.get(c, 0.0) for c in SHARED_CATEGORIES}
    if "intervals" in shared:
        rows = MeterRepository(store).rows(kinds=("interval", "correction"))
        timing["intervals"] = [
            {"start": _iso(e.start), "end": _iso(e.end), "seconds": round(e.end - e.start, 3),
             "category": e.category, "item": e.item}
            for e in effective_intervals(rows)
            if e.pack == pack.pack_id and e.version in (pack.version, None) and e.category in SHARED_CATEGORIES
        ]
    return BundlePlan(pack, bundle.check_pseudonym(pseudonym), shared, pack_doc, records, timing)


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def write(store: Store, bundle_plan: BundlePlan, out: Path) -> Path:
    """Sign and write the planned bundle; remember the pseudonym for next time."""
    from annotator.core.keys import load_or_create

    files = bundle.build(pack=bundle_plan.pack_doc, records=bundle_plan.records, timing=bundle_plan.timing,
                         pseudonym=bundle_plan.pseudonym, shared=bundle_plan.shared,
                         key=load_or_create(store.data_dir))
    bundle.write(files, out)
    store.set(PSEUDONYM_SETTING, bundle_plan.pseudonym)
    return Path(out)
