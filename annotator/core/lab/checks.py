"""What a results bundle must be before anything of it is stored (the lab's merge and report).

A bundle's signature proves who sent it, not that what it holds is sane: a worker signs
whatever their copy of the tool wrote. So every bundle is checked here against the pack the
lab holds and the pack's plugin, and refused as a whole, with its reason, when anything is
wrong (``docs/security.md``, "Results bundles"):

* the manifest: the worker's pseudonym (:func:`annotator.core.lab.bundle.pseudonym_problem`),
  the pack it names, the lengths the database keeps, what timing it shares;
* every result line: a known item id, once; a known state; text where text belongs;
  an annotation that is a JSON object and that the plugin's
  :meth:`~annotator.plugin_api.TaskPlugin.check_annotation` accepts (labels and speakers the
  pack declares, shapes inside the image, finite numbers...);
* the timing: finite seconds in range, for known items and categories only.

JSON's non-finite numbers (``NaN``, ``Infinity``, ``1e400``) are refused when a bundle is read
(:mod:`.bundle`). Qt-free; runs in the processes that verify bundles in parallel.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from annotator.core.lab import bundle as bundles
from annotator.plugin_api import ITEM_STATES, PackInfo

#: the most work seconds one item may count (a day: the meter counts active time only)
MAX_ITEM_SECONDS = 86_400.0
#: the most seconds a category total may hold (ten years of days)
MAX_TOTAL_SECONDS = 10 * 366 * 86_400.0
#: the longest skip reason or flag note
MAX_REASON = 2_000
#: problems named in a refusal (the rest are counted)
SHOWN_PROBLEMS = 3
#: problems looked for at most in one bundle
MAX_PROBLEMS = 50
SHARED_CATEGORIES = ("waiting", "instructions", "training", "work", "review")
TIMING_KEYS = {"rules", "work_seconds_per_item", "category_totals", "intervals"}
#: lengths of the manifest's fields the lab's database keeps (``schema.bundles``)
FIELD_LENGTHS = {"created": 32, "tool version": 32}


@dataclass
class PackCheck:
    """The pack the bundles of a merge (or a report) are checked against."""

    info: PackInfo
    items: dict[str, Mapping[str, Any]]
    plugin: Any = None
    #: the pack's ``[pay]`` table as the lab holds it
    pay: Mapping[str, Any] = field(default_factory=dict)
    lab: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.info.id, self.info.version, self.info.content_hash

    @property
    def positions(self) -> dict[str, int]:
        """Each item's place in the pack (results are stored in pack order)."""
        found = self.__dict__.get("_positions")
        if found is None:
            found = self.__dict__["_positions"] = {item_id: n for n, item_id in enumerate(self.items)}
        return found

    def spec(self) -> dict[str, Any]:
        """What a verifying process needs to rebuild this check (picklable, small)."""
        i = self.info
        return {"root": str(i.root), "id": i.id, "version": i.version, "title": i.title, "kind": i.kind,
                "language": i.language, "content_hash": i.content_hash, "instructions_hash": i.instructions_hash,
                "task": dict(i.task), "pay": dict(self.pay), "lab": self.lab}


_FROM_SPEC: dict[str, PackCheck] = {}


def from_spec(spec: Mapping[str, Any]) -> PackCheck:
    """A :class:`PackCheck` in a verifying process: the pack's items read once, the installed plugin."""
    from annotator.core import packs
    from annotator.core.registry import installed

    key = f"{spec['root']}\0{spec['content_hash']}"
    found = _FROM_SPEC.get(key)
    if found is None:
        info = PackInfo(id=spec["id"], version=spec["version"], title=spec["title"], kind=spec["kind"],
                        language=spec["language"], content_hash=spec["content_hash"],
                        instructions_hash=spec["instructions_hash"], task=spec["task"], root=Path(spec["root"]))
        items = {str(item["id"]): item for item in packs.iter_items(info.root)}
        found = _FROM_SPEC[key] = PackCheck(info, items, installed().plugins.get(spec["kind"]), spec["pay"],
                                            spec["lab"])
    return found


def shown(value: Any, limit: int = 60) -> str:
    """A bundle's string as a message may quote it: repr, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        value = float(value)
    except OverflowError:  # an integer too large for a float
        return None
    return value if math.isfinite(value) else None


def _seconds_problem(value: Any, top: float) -> str | None:
    number = _number(value)
    if number is None:
        return f"{shown(value)} is not a number of seconds"
    if not 0.0 <= number <= top:
        return f"{number:g} seconds is outside 0 to {top:,.0f}"
    return None


class _Found:
    """Problems of one bundle; stops looking after :data:`MAX_PROBLEMS`."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, problem: str) -> bool:
        self.problems.append(problem)
        return len(self.problems) < MAX_PROBLEMS

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS


def manifest_problems(b: bundles.Bundle, pack: PackCheck | None, found: _Found) -> None:
    m = b.manifest
    problem = bundles.pseudonym_problem(b.pseudonym)
    if problem:
        found.add(f"the pseudonym {shown(b.pseudonym)}: {problem}")
    if pack is not None and b.pack.get("kind") != pack.info.kind:
        found.add(f"it says the pack is of kind {shown(b.pack.get('kind'))}, the pack is {pack.info.kind!r}")
    for name, value in (("created", m.get("created", "")),
                        ("tool version", (m.get("tool") or {}).get("version", "") if isinstance(m.get("tool"), dict)
                         else None)):
        if not isinstance(value, str) or len(value) > FIELD_LENGTHS[name]:
            found.add(f"{MANIFEST_NAME}: {name} must be a text of at most {FIELD_LENGTHS[name]} characters")
    shared = m.get("shared", [])
    if not isinstance(shared, list) or any(s not in bundles.SHARE_CHOICES for s in shared):
        found.add(f"{MANIFEST_NAME}: shared must list some of {', '.join(bundles.SHARE_CHOICES)}")


MANIFEST_NAME = bundles.MANIFEST


def timing_problems(b: bundles.Bundle, pack: PackCheck | None, found: _Found) -> None:
    timing = b.timing
    where = bundles.TIMING
    unknown = sorted(set(timing) - TIMING_KEYS)
    if unknown:
        found.add(f"{where}: unknown entry {shown(unknown[0])}")
    if "rules" in timing and not isinstance(timing["rules"], dict):
        found.add(f"{where}: rules must be an object")
    per_item = timing.get("work_seconds_per_item")
    if per_item is not None:
        if not isinstance(per_item, dict):
            found.add(f"{where}: work_seconds_per_item must be an object of item id -> seconds")
        else:
            for item_id, seconds in per_item.items():
                problem = _seconds_problem(seconds, MAX_ITEM_SECONDS)
                if problem is None and pack is not None and item_id not in pack.items:
                    problem = "not an item of the pack"
                if problem and not found.add(f"{where}: work_seconds_per_item[{shown(item_id)}]: {problem}"):
                    return
    totals = timing.get("category_totals")
    if totals is not None:
        if not isinstance(totals, dict):
            found.add(f"{where}: category_totals must be an object of category -> seconds")
        else:
            for category, seconds in totals.items():
                problem = ("not a category a bundle may share" if category not in SHARED_CATEGORIES
                           else _seconds_problem(seconds, MAX_TOTAL_SECONDS))
                if problem:
                    found.add(f"{where}: category_totals[{shown(category)}]: {problem}")
    intervals = timing.get("intervals")
    if intervals is not None:
        if not isinstance(intervals, list):
            found.add(f"{where}: intervals must be a list")
            return
        for n, entry in enumerate(intervals):
            problem = None
            if not isinstance(entry, dict) or not isinstance(entry.get("start"), str) \
                    or not isinstance(entry.get("end"), str) or len(entry["start"]) > 40 or len(entry["end"]) > 40:
                problem = "must have a start and an end (UTC times)"
            elif entry.get("category") not in SHARED_CATEGORIES:
                problem = f"category {shown(entry.get('category'))} is not one a bundle may share"
            else:
                problem = _seconds_problem(entry.get("seconds"), MAX_ITEM_SECONDS)
                item = entry.get("item")
                if problem is None and item is not None and (not isinstance(item, str)
                                                              or (pack is not None and item not in pack.items)):
                    problem = f"item {shown(item)} is not an item of the pack"
            if problem and not found.add(f"{where}: intervals[{n}]: {problem}"):
                return


def record_problems(b: bundles.Bundle, pack: PackCheck | None, found: _Found) -> None:
    """Each result line: id, state, texts; the annotation through the plugin (with ``pack``)."""
    seen: set[str] = set()
    items = pack.items if pack is not None else None
    plugin = pack.plugin if pack is not None else None
    try:
        check = getattr(plugin, "check_annotation", None) if plugin is not None else None
    except Exception:  # a plugin's attribute that raises is a plugin without the hook
        check = None
    plugin_name = pack.info.kind if pack is not None else ""
    states = set(ITEM_STATES)
    for n, (_, record) in enumerate(b.lines, 1):  # a hot loop: 10,000 results a bundle, 50 bundles a merge
        item_id = record["id"]
        if item_id in seen:
            if not found.add(f"{_where(n, item_id)}: the item appears twice"):
                return
            continue
        seen.add(item_id)
        item = None
        if items is not None:
            item = items.get(item_id)
            if item is None:
                if not found.add(f"{_where(n, item_id)}: not an item of the pack"):
                    return
                continue
        problems = None
        state, reason, ihash = record.get("state"), record.get("reason"), record.get("instructions_hash")
        annotation = record.get("annotation")
        if state not in states or (reason is not None and (type(reason) is not str or len(reason) > MAX_REASON)) \
                or (ihash is not None and (type(ihash) is not str or len(ihash) > 100)) \
                or type(record.get("training", False)) is not bool \
                or (annotation is not None and type(annotation) is not dict):
            problems = _plain_problems(record)
        elif annotation is not None and check is not None and item is not None:
            try:
                said = check(annotation, item, pack.info)
                if said:
                    problems = [str(p) for p in list(said)[:SHOWN_PROBLEMS]]
            except Exception as exc:  # a plugin never takes the merge down: the bundle cannot be checked
                problems = [f"the {plugin_name} plugin could not check the annotation ({type(exc).__name__}: {exc})"]
        for problem in problems or ():
            if not found.add(f"{_where(n, item_id)}: {problem}"):
                return


def _where(n: int, item_id: str) -> str:
    return f"{bundles.RESULTS}:{n} (item {shown(item_id)})"


def _plain_problems(record: Mapping[str, Any]) -> list[str]:
    """What is wrong with a result line's own fields (not its annotation)."""
    problems = []
    if record.get("state") not in ITEM_STATES:
        problems.append(f"state {shown(record.get('state'))} is not one of {', '.join(ITEM_STATES)}")
    reason = record.get("reason")
    if reason is not None and (not isinstance(reason, str) or len(reason) > MAX_REASON):
        problems.append(f"reason must be a text of at most {MAX_REASON} characters")
    ihash = record.get("instructions_hash")
    if ihash is not None and (not isinstance(ihash, str) or len(ihash) > 100):
        problems.append("instructions_hash must be a hash")
    if not isinstance(record.get("training", False), bool):
        problems.append("training must be true or false")
    annotation = record.get("annotation")
    if annotation is not None and not isinstance(annotation, dict):
        problems.append(f"the annotation must be a JSON object, not {type(annotation).__name__}")
    return problems


def problems(b: bundles.Bundle, pack: PackCheck | None = None) -> list[str]:
    """Everything wrong with a verified bundle (at most :data:`MAX_PROBLEMS`); ``[]`` when it may be stored.

    Without ``pack`` (a report with no pack at hand) item ids and annotations are not checked.
    """
    found = _Found()
    manifest_problems(b, pack, found)
    if not found.full:
        timing_problems(b, pack, found)
    if not found.full:
        record_problems(b, pack, found)
    return found.problems


def refusal(b: bundles.Bundle, found: list[str]) -> bundles.BundleError:
    """One line naming the bundle, its first problems, and how many more."""
    more = len(found) - SHOWN_PROBLEMS
    text = "; ".join(found[:SHOWN_PROBLEMS])
    if more > 0:
        text += f"; and {more}{'+' if len(found) >= MAX_PROBLEMS else ''} more"
    return bundles.BundleError(f"{b.path.name}: refused: {text}")


def check(b: bundles.Bundle, pack: PackCheck | None = None) -> None:
    """Raise :class:`~annotator.core.lab.bundle.BundleError` naming what is wrong with ``b``, if anything."""
    found = problems(b, pack)
    if found:
        raise refusal(b, found)
