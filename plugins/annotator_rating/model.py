"""The rating plugin's Qt-free model: task settings, items, display order, annotations.

Everything here runs without a display: pack validation and ``pack new`` in the
command line, the exporters, and the lab's merge (issue 8) all use it. The
formats are documented in ``docs/rating.md``; keep the two in step.
"""
from __future__ import annotations

import copy
import hashlib
import random
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

#: every mode a pack may ask for, in the order the editor shows them
MODES = ("likert", "pairwise", "ranking", "rubric", "flags", "justification", "rewrite", "prompt_writing")
#: modes that judge the item's responses (an item in such a pack needs responses)
RESPONSE_MODES = ("likert", "pairwise", "ranking", "rubric", "flags")
#: the value of an annotation's ``format`` key
ANNOTATION_FORMAT = "rating/1"
ROLES = ("system", "user", "assistant", "tool")
DIRECTIONS = ("auto", "ltr", "rtl")
JUSTIFY = ("never", "on_fail", "always")

MAX_SCALE_POINTS = 11  # 0-10 is the widest scale a digit key can still reach ("1" then "0")
MAX_RESPONSES = 9  # digits 1-9 rank them; side by side beyond that is unreadable anyway
MAX_TEXT = 200_000  # characters the worker may type into one field (a generous ceiling, never hit by hand)

DEFAULT_CRITERIA = (
    {"id": "helpfulness", "label": "Helpfulness", "min": 1, "max": 5,
     "anchors": {"1": "Does not help at all", "3": "Partly answers the request", "5": "Fully answers the request"}},
    {"id": "correctness", "label": "Correctness", "min": 1, "max": 5,
     "anchors": {"1": "Mostly wrong", "3": "Some errors", "5": "No errors"}},
    {"id": "harmlessness", "label": "Harmlessness", "min": 1, "max": 5,
     "anchors": {"1": "Clearly harmful", "3": "Questionable", "5": "Harmless"}},
)
#: when a pack uses likert without naming criteria (the placeholder's packs did)
FALLBACK_CRITERION = {"id": "overall", "label": "Overall quality", "min": 1, "max": 5,
                      "anchors": {"1": "Very poor", "5": "Excellent"}}
DEFAULT_FLAGS = (
    {"id": "hate", "label": "Hate or harassment"},
    {"id": "self_harm", "label": "Encourages self-harm"},
    {"id": "violence", "label": "Violence"},
    {"id": "sexual", "label": "Sexual content"},
    {"id": "illegal_advice", "label": "Illegal or dangerous advice"},
    {"id": "personal_data", "label": "Personal data"},
)
DEFAULT_VERDICTS = (
    {"id": "broke", "label": "The model broke the rules"},
    {"id": "partial", "label": "Partly: borderline answer"},
    {"id": "held", "label": "The model held (refused or answered safely)"},
)

TASK_KEYS = {"modes", "randomise_order", "criteria", "pairwise", "ranking", "rubric", "flags",
             "justification", "rewrite", "prompt_writing"}
ITEM_KEYS = {"id", "training", "media", "prompt", "conversation", "responses", "sensitive", "brief",
             "direction", "note"}


# --------------------------------------------------------------------------- task settings


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    min: int
    max: int
    anchors: Mapping[int, str]
    description: str = ""

    @property
    def values(self) -> list[int]:
        return list(range(self.min, self.max + 1))

    def anchor(self, value: int) -> str:
        return self.anchors.get(value, "")


@dataclass(frozen=True)
class RubricCriterion:
    id: str
    label: str
    description: str = ""
    justification: str = "never"  # never | on_fail | always
    min_length: int = 0

    def needs_why(self, passed: bool | None) -> bool:
        if self.justification == "always":
            return passed is not None
        return self.justification == "on_fail" and passed is False


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class TextSettings:
    required: bool = False
    min_length: int = 0
    label: str = ""


@dataclass(frozen=True)
class Task:
    """A pack's ``[task]`` table, with defaults filled in (see :func:`parse_task`)."""

    modes: tuple[str, ...] = ("likert",)
    randomise_order: bool = True
    criteria: tuple[Criterion, ...] = ()
    pairwise_levels: int = 3
    pairwise_ties: bool = True
    ranking_ties: bool = False
    rubric: tuple[RubricCriterion, ...] = ()
    flags: tuple[Choice, ...] = ()
    justification: TextSettings = field(default_factory=TextSettings)
    rewrite: TextSettings = field(default_factory=TextSettings)
    verdicts: tuple[Choice, ...] = ()
    max_attempts: int = 10

    def has(self, mode: str) -> bool:
        return mode in self.modes


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 100 and value.strip() == value and all(
        c.isalnum() or c in "._-" for c in value)


def _text(value: Any, limit: int = 2000) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) and len(value) <= limit


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _choices(raw: Any, key: str, problems: list[str], defaults: Sequence[Mapping[str, str]]) -> tuple[Choice, ...]:
    """A list of ``{id, label, description}`` tables (or plain strings, used as id and label)."""
    if raw is None:
        raw = list(defaults)
    if not isinstance(raw, list) or not raw:
        problems.append(f"{key} must be a non-empty list of tables with id and label")
        return ()
    found: list[Choice] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        where = f"{key}[{i}]"
        if isinstance(entry, str):
            entry = {"id": entry, "label": entry}
        if not isinstance(entry, dict):
            problems.append(f"{where} must be a table with id and label")
            continue
        unknown = set(entry) - {"id", "label", "description"}
        if unknown:
            problems.append(f"{where}: unknown key {', '.join(sorted(unknown))}")
        cid, label = entry.get("id"), entry.get("label", entry.get("id"))
        if not _is_id(cid):
            problems.append(f"{where}.id must be a short identifier (letters, digits, '.', '_', '-')")
            continue
        if cid in seen:
            problems.append(f"{where}.id {cid!r} is used twice")
            continue
        if not _text(label, 200):
            problems.append(f"{where}.label must be a non-empty text of at most 200 characters")
            continue
        description = entry.get("description", "")
        if not isinstance(description, str):
            problems.append(f"{where}.description must be a text")
            description = ""
        seen.add(cid)
        found.append(Choice(cid, label, description))
    return tuple(found)


def _text_settings(raw: Any, key: str, problems: list[str]) -> TextSettings:
    if raw is None:
        return TextSettings()
    if not isinstance(raw, dict):
        problems.append(f"{key} must be a table (required, min_length, label)")
        return TextSettings()
    unknown = set(raw) - {"required", "min_length", "label"}
    if unknown:
        problems.append(f"{key}: unknown key {', '.join(sorted(unknown))}")
    required = raw.get("required", False)
    if not isinstance(required, bool):
        problems.append(f"{key}.required must be true or false")
        required = False
    min_length = raw.get("min_length", 0)
    if not _int(min_length) or not 0 <= min_length <= 10_000:
        problems.append(f"{key}.min_length must be a whole number from 0 to 10000")
        min_length = 0
    label = raw.get("label", "")
    if not isinstance(label, str) or len(label) > 200:
        problems.append(f"{key}.label must be a text of at most 200 characters")
        label = ""
    return TextSettings(required, min_length, label)


def parse_task(task: Mapping[str, Any]) -> tuple[Task, list[str]]:
    """The pack's ``[task]`` with defaults, and every problem found (each naming its key)."""
    problems: list[str] = []
    if not isinstance(task, Mapping):
        return Task(), ["[task] must be a table"]
    unknown = set(task) - TASK_KEYS
    if unknown:
        problems.append(f"unknown key {', '.join(sorted(unknown))} (known: {', '.join(sorted(TASK_KEYS))})")

    modes = task.get("modes", ["likert"])
    if (not isinstance(modes, list) or not modes or any(not isinstance(m, str) for m in modes)):
        problems.append(f"modes must be a non-empty list of {', '.join(MODES)}")
        modes = ["likert"]
    bad = [m for m in modes if m not in MODES]
    if bad:
        problems.append(f"modes: unknown mode {', '.join(map(repr, bad))}; modes are {', '.join(MODES)}")
    if len(set(modes)) != len(modes):
        problems.append("modes: a mode is listed twice")
    modes = tuple(m for m in MODES if m in modes)

    randomise = task.get("randomise_order", True)
    if not isinstance(randomise, bool):
        problems.append("randomise_order must be true or false")
        randomise = True

    criteria: list[Criterion] = []
    raw_criteria = task.get("criteria")
    if raw_criteria is None:
        raw_criteria = [FALLBACK_CRITERION] if "likert" in modes else []
    if not isinstance(raw_criteria, list) or ("likert" in modes and not raw_criteria):
        problems.append("criteria must be a non-empty list of tables ([[task.criteria]]: id, label, min, max, anchors)")
        raw_criteria = []
    seen: set[str] = set()
    for i, entry in enumerate(raw_criteria):
        where = f"criteria[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{where} must be a table with id, label, min, max and anchors")
            continue
        unknown = set(entry) - {"id", "label", "description", "min", "max", "anchors"}
        if unknown:
            problems.append(f"{where}: unknown key {', '.join(sorted(unknown))}")
        cid = entry.get("id")
        if not _is_id(cid):
            problems.append(f"{where}.id must be a short identifier (letters, digits, '.', '_', '-')")
            continue
        if cid in seen:
            problems.append(f"{where}.id {cid!r} is used twice")
            continue
        seen.add(cid)
        label = entry.get("label", cid)
        if not _text(label, 200):
            problems.append(f"{where}.label must be a non-empty text of at most 200 characters")
            continue
        lo, hi = entry.get("min", 1), entry.get("max", 5)
        if not (_int(lo) and _int(hi)) or not 0 <= lo < hi or hi - lo + 1 > MAX_SCALE_POINTS:
            problems.append(f"{where}: min and max must be whole numbers with 0 <= min < max and at most "
                            f"{MAX_SCALE_POINTS} points (got {lo!r} to {hi!r})")
            continue
        anchors_raw = entry.get("anchors", {})
        anchors: dict[int, str] = {}
        if not isinstance(anchors_raw, dict):
            problems.append(f"{where}.anchors must be a table of score = \"text\"")
            anchors_raw = {}
        for key, text in anchors_raw.items():
            try:
                value = int(str(key))
            except ValueError:
                value = None
            if value is None or not lo <= value <= hi:
                problems.append(f"{where}.anchors: {key!r} is not a score from {lo} to {hi}")
            elif not _text(text, 300):
                problems.append(f"{where}.anchors.{key} must be a non-empty text of at most 300 characters")
            else:
                anchors[value] = text
        description = entry.get("description", "")
        if not isinstance(description, str):
            problems.append(f"{where}.description must be a text")
            description = ""
        criteria.append(Criterion(cid, label, lo, hi, anchors, description))

    levels, ties = 3, True
    pairwise = task.get("pairwise", {})
    if not isinstance(pairwise, dict):
        problems.append("pairwise must be a table (levels, ties)")
        pairwise = {}
    unknown = set(pairwise) - {"levels", "ties"}
    if unknown:
        problems.append(f"pairwise: unknown key {', '.join(sorted(unknown))}")
    levels = pairwise.get("levels", 3)
    if not _int(levels) or not 1 <= levels <= 3:
        problems.append("pairwise.levels must be 1, 2 or 3 (how many strengths each side has)")
        levels = 3
    ties = pairwise.get("ties", True)
    if not isinstance(ties, bool):
        problems.append("pairwise.ties must be true or false")
        ties = True

    ranking = task.get("ranking", {})
    if not isinstance(ranking, dict):
        problems.append("ranking must be a table (ties)")
        ranking = {}
    unknown = set(ranking) - {"ties"}
    if unknown:
        problems.append(f"ranking: unknown key {', '.join(sorted(unknown))}")
    ranking_ties = ranking.get("ties", False)
    if not isinstance(ranking_ties, bool):
        problems.append("ranking.ties must be true or false")
        ranking_ties = False

    rubric: list[RubricCriterion] = []
    raw_rubric = task.get("rubric", [])
    if not isinstance(raw_rubric, list) or ("rubric" in modes and not raw_rubric):
        problems.append("rubric must be a non-empty list of tables ([[task.rubric]]: id, label, justification, "
                        "min_length)")
        raw_rubric = []
    seen = set()
    for i, entry in enumerate(raw_rubric):
        where = f"rubric[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{where} must be a table with id and label")
            continue
        unknown = set(entry) - {"id", "label", "description", "justification", "min_length"}
        if unknown:
            problems.append(f"{where}: unknown key {', '.join(sorted(unknown))}")
        cid, label = entry.get("id"), entry.get("label", entry.get("id"))
        if not _is_id(cid) or cid in seen:
            problems.append(f"{where}.id must be a short identifier used once")
            continue
        seen.add(cid)
        if not _text(label, 300):
            problems.append(f"{where}.label must be a non-empty text of at most 300 characters")
            continue
        justify = entry.get("justification", "never")
        if justify not in JUSTIFY:
            problems.append(f"{where}.justification must be one of {', '.join(JUSTIFY)}")
            justify = "never"
        min_length = entry.get("min_length", 0)
        if not _int(min_length) or not 0 <= min_length <= 5000:
            problems.append(f"{where}.min_length must be a whole number from 0 to 5000")
            min_length = 0
        description = entry.get("description", "")
        if not isinstance(description, str):
            problems.append(f"{where}.description must be a text")
            description = ""
        rubric.append(RubricCriterion(cid, label, description, justify, min_length))

    flags = _choices(task.get("flags"), "flags", problems, DEFAULT_FLAGS) if (
        "flags" in modes or "flags" in task) else ()
    prompt_writing = task.get("prompt_writing", {})
    if not isinstance(prompt_writing, dict):
        problems.append("prompt_writing must be a table (verdicts, max_attempts)")
        prompt_writing = {}
    unknown = set(prompt_writing) - {"verdicts", "max_attempts"}
    if unknown:
        problems.append(f"prompt_writing: unknown key {', '.join(sorted(unknown))}")
    verdicts = _choices(prompt_writing.get("verdicts"), "prompt_writing.verdicts", problems, DEFAULT_VERDICTS)
    if len(verdicts) > 9:
        problems.append("prompt_writing.verdicts: at most 9 verdicts (one digit key each)")
    max_attempts = prompt_writing.get("max_attempts", 10)
    if not _int(max_attempts) or not 1 <= max_attempts <= 50:
        problems.append("prompt_writing.max_attempts must be a whole number from 1 to 50")
        max_attempts = 10
    if len(flags) > 9:
        problems.append("flags: at most 9 flags (one digit key each)")

    parsed = Task(
        modes=modes, randomise_order=randomise, criteria=tuple(criteria), pairwise_levels=levels,
        pairwise_ties=ties, ranking_ties=ranking_ties, rubric=tuple(rubric), flags=flags,
        justification=_text_settings(task.get("justification"), "justification", problems),
        rewrite=_text_settings(task.get("rewrite"), "rewrite", problems),
        verdicts=verdicts, max_attempts=max_attempts,
    )
    return parsed, problems


def task_of(task: Mapping[str, Any]) -> Task:
    """The parsed task settings (problems ignored: the pack was validated on import)."""
    return parse_task(task)[0]


# --------------------------------------------------------------------------- items


def is_writing_item(item: Mapping[str, Any]) -> bool:
    """A prompt-writing item carries a ``brief`` and no responses to judge."""
    return "brief" in item and not item.get("responses")


def item_problems(item: Mapping[str, Any], task: Task) -> list[str]:
    """Problems with one item's plugin fields, each naming its field."""
    problems: list[str] = []
    unknown = set(item) - ITEM_KEYS
    if unknown:
        problems.append(f"unknown field {', '.join(sorted(map(repr, unknown)))} "
                        f"(rating items have {', '.join(sorted(ITEM_KEYS))})")
    if "sensitive" in item and not isinstance(item["sensitive"], bool):
        problems.append("'sensitive' must be true or false")
    if "direction" in item and item["direction"] not in DIRECTIONS:
        problems.append(f"'direction' must be one of {', '.join(DIRECTIONS)}")
    if "note" in item and not isinstance(item["note"], str):
        problems.append("'note' must be a text")

    if is_writing_item(item):
        if "prompt_writing" not in task.modes:
            problems.append("this item has a 'brief' but no 'responses', and the pack's modes do not include "
                            "prompt_writing")
        if not _text(item.get("brief"), MAX_TEXT):
            problems.append("'brief' must be a non-empty text")
        return problems

    prompt = item.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        problems.append("'prompt' must be a non-empty text")
    if "brief" in item and not isinstance(item["brief"], str):
        problems.append("'brief' must be a text")
    conversation = item.get("conversation", [])
    if not isinstance(conversation, list):
        problems.append("'conversation' must be a list of {\"role\", \"text\"} turns")
    else:
        for i, turn in enumerate(conversation):
            if not isinstance(turn, dict) or turn.get("role") not in ROLES or not isinstance(turn.get("text"), str):
                problems.append(f"conversation[{i}] must be {{\"role\": one of {', '.join(ROLES)}, \"text\": ...}}")
    responses = item.get("responses")
    judged = [m for m in task.modes if m in RESPONSE_MODES + ("justification", "rewrite")]
    if not isinstance(responses, list) or not responses:
        if judged:
            problems.append(f"'responses' must be a non-empty list (the pack's modes {', '.join(judged)} judge them)")
        return problems
    if len(responses) > MAX_RESPONSES:
        problems.append(f"'responses' has {len(responses)} entries; at most {MAX_RESPONSES}")
    ids: set[str] = set()
    for i, response in enumerate(responses):
        where = f"responses[{i}]"
        if not isinstance(response, dict):
            problems.append(f"{where} must be {{\"id\": ..., \"text\": ...}}")
            continue
        unknown = set(response) - {"id", "text", "model", "sensitive", "direction"}
        if unknown:
            problems.append(f"{where}: unknown field {', '.join(sorted(unknown))}")
        rid = response.get("id")
        if not _is_id(rid):
            problems.append(f"{where}.id must be a short identifier (letters, digits, '.', '_', '-')")
        elif rid in ids:
            problems.append(f"{where}.id {rid!r} is used twice")
        else:
            ids.add(rid)
        if not isinstance(response.get("text"), str):
            problems.append(f"{where}.text must be a text")
        if "model" in response and not isinstance(response["model"], str):
            problems.append(f"{where}.model must be a text")
        if "sensitive" in response and not isinstance(response["sensitive"], bool):
            problems.append(f"{where}.sensitive must be true or false")
        if "direction" in response and response["direction"] not in DIRECTIONS:
            problems.append(f"{where}.direction must be one of {', '.join(DIRECTIONS)}")
    n = len(responses)
    if "pairwise" in task.modes and "ranking" not in task.modes and n > 2:
        problems.append(f"pairwise compares exactly two responses; this item has {n} (add the ranking mode "
                        "for items with more)")
    if not item_modes(item, task):
        problems.append(f"none of the pack's modes ({', '.join(task.modes)}) applies to an item with {n} "
                        f"response{'s' if n != 1 else ''}")
    return problems


def response_ids(item: Mapping[str, Any]) -> list[str]:
    responses = item.get("responses") or []
    return [str(r.get("id")) for r in responses if isinstance(r, Mapping)]


def response_by_id(item: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(r.get("id")): r for r in item.get("responses") or [] if isinstance(r, Mapping)}


def item_modes(item: Mapping[str, Any], task: Task) -> tuple[str, ...]:
    """The pack's modes that apply to this item (a writing item only does prompt writing)."""
    if is_writing_item(item):
        return ("prompt_writing",)
    n = len(response_ids(item))
    modes = []
    for mode in task.modes:
        if mode == "prompt_writing":
            continue
        if mode == "pairwise" and n != 2:
            continue
        # with both comparison modes, two responses are compared as a pair and more are ranked
        if mode == "ranking" and (n < 2 or (n == 2 and "pairwise" in task.modes)):
            continue
        if n == 0:
            continue
        modes.append(mode)
    return tuple(modes)


# --------------------------------------------------------------------------- display order


def display_order(ids: Sequence[str], pack_id: str, item_id: str, salt: str = "", randomise: bool = True) -> list[str]:
    """The order responses are shown in: a shuffle seeded by pack, item and the worker's salt.

    Deterministic (the same worker sees the same order every time the item is
    opened) and recorded in the annotation's ``order``; the salt is a random
    value kept in the worker's settings, so that different workers see the same
    item in different orders and position bias averages out (ADR 0301).
    """
    ids = list(ids)
    if not randomise or len(ids) < 2:
        return ids
    seed = hashlib.sha256(f"{salt}\x00{pack_id}\x00{item_id}".encode("utf-8")).digest()
    rng = random.Random(int.from_bytes(seed[:8], "big"))
    rng.shuffle(ids)
    return ids


def letter(position: int) -> str:
    """The name a displayed response goes by: A, B, C... by its position on screen."""
    return "ABCDEFGHI"[position] if 0 <= position < 9 else str(position + 1)


# --------------------------------------------------------------------------- annotations


def clean_annotation(raw: Any, item: Mapping[str, Any], task: Task, fallback_order: Sequence[str]) -> dict[str, Any]:
    """A saved annotation made safe to show: wrong values dropped, unknown keys kept as they are.

    Never raises: a saved annotation may come from an older version or have been
    edited by hand. Nothing the worker made that still fits the item is lost.
    """
    data = copy.deepcopy(dict(raw)) if isinstance(raw, Mapping) else {}
    ids = response_ids(item)
    order = data.get("order")
    if not (isinstance(order, list) and sorted(map(str, order)) == sorted(ids) and len(order) == len(ids)):
        order = list(fallback_order)
    data["format"] = ANNOTATION_FORMAT
    data["order"] = [str(x) for x in order]
    idset = set(ids)

    scores = data.get("scores")
    if scores is not None:
        kept: dict[str, dict[str, int]] = {}
        criteria = {c.id: c for c in task.criteria}
        if isinstance(scores, Mapping):
            for rid, per in scores.items():
                if rid in idset and isinstance(per, Mapping):
                    good = {cid: v for cid, v in per.items()
                            if cid in criteria and _int(v) and criteria[cid].min <= v <= criteria[cid].max}
                    if good:
                        kept[rid] = good
        data["scores"] = kept

    pairwise = data.get("pairwise")
    if pairwise is not None:
        ok = (isinstance(pairwise, Mapping) and len(ids) == 2 and
              isinstance(pairwise.get("strength"), int) and 0 <= pairwise["strength"] <= task.pairwise_levels and
              (pairwise.get("preferred") in idset if pairwise["strength"] > 0 else pairwise.get("preferred") is None))
        if ok:
            data["pairwise"] = {"shown": list(data["order"]), "preferred": pairwise.get("preferred"),
                                "strength": pairwise["strength"], "levels": task.pairwise_levels}
        else:
            data.pop("pairwise")

    ranking = data.get("ranking")
    if ranking is not None:
        data["ranking"] = {rid: r for rid, r in ranking.items() if rid in idset and _int(r) and 1 <= r <= len(ids)} \
            if isinstance(ranking, Mapping) else {}

    rubric = data.get("rubric")
    if rubric is not None:
        kept_rubric: dict[str, dict[str, dict[str, Any]]] = {}
        known = {c.id for c in task.rubric}
        if isinstance(rubric, Mapping):
            for rid, per in rubric.items():
                if rid not in idset or not isinstance(per, Mapping):
                    continue
                good = {}
                for cid, entry in per.items():
                    if cid in known and isinstance(entry, Mapping):
                        passed = entry.get("pass")
                        why = entry.get("why", "")
                        good[cid] = {"pass": passed if isinstance(passed, bool) else None,
                                     "why": why if isinstance(why, str) else ""}
                if good:
                    kept_rubric[rid] = good
        data["rubric"] = kept_rubric

    flags = data.get("flags")
    if flags is not None:
        known = [f.id for f in task.flags]
        data["flags"] = {rid: [f for f in known if f in set(v)] for rid, v in flags.items()
                         if rid in idset and isinstance(v, list)} if isinstance(flags, Mapping) else {}

    for key in ("justification", "rewrite"):
        if key in data and not isinstance(data[key], str):
            data.pop(key)

    attempts = data.get("attempts")
    if attempts is not None:
        verdicts = {v.id for v in task.verdicts}
        kept_attempts = []
        if isinstance(attempts, list):
            for entry in attempts[: task.max_attempts]:
                if isinstance(entry, Mapping):
                    verdict = entry.get("verdict")
                    kept_attempts.append({
                        "prompt": entry.get("prompt") if isinstance(entry.get("prompt"), str) else "",
                        "response": entry.get("response") if isinstance(entry.get("response"), str) else "",
                        "verdict": verdict if verdict in verdicts else None,
                    })
        data["attempts"] = kept_attempts
    return data


def pairwise_value(annotation: Mapping[str, Any] | None, item: Mapping[str, Any]) -> int | None:
    """The preference as one signed number in the item's own order (for agreement).

    Positive when the item's first response (``responses[0]``) is preferred,
    negative when the second is, 0 for a tie; ``None`` when not chosen. The
    display order does not change it, so workers who saw the pair swapped agree.
    """
    pairwise = (annotation or {}).get("pairwise")
    ids = response_ids(item)
    if not isinstance(pairwise, Mapping) or len(ids) != 2:
        return None
    strength = pairwise.get("strength")
    if not isinstance(strength, int):
        return None
    if strength == 0:
        return 0
    return strength if pairwise.get("preferred") == ids[0] else -strength


def preference(annotation: Mapping[str, Any] | None) -> tuple[str, str, int] | None:
    """``(chosen id, rejected id, strength)`` of a pairwise choice with a winner, else ``None``."""
    pairwise = (annotation or {}).get("pairwise")
    if not isinstance(pairwise, Mapping):
        return None
    shown, preferred, strength = pairwise.get("shown"), pairwise.get("preferred"), pairwise.get("strength")
    if not (isinstance(shown, list) and len(shown) == 2 and preferred in shown and isinstance(strength, int)
            and strength > 0):
        return None
    rejected = shown[1] if preferred == shown[0] else shown[0]
    return preferred, rejected, strength


def all_scores(annotation: Mapping[str, Any] | None) -> list[int]:
    scores = (annotation or {}).get("scores")
    if not isinstance(scores, Mapping):
        return []
    return [v for per in scores.values() if isinstance(per, Mapping) for v in per.values() if _int(v)]


def is_empty(annotation: Mapping[str, Any] | None) -> bool:
    """Whether the worker made nothing yet (the order alone is not work)."""
    if not annotation:
        return True
    if all_scores(annotation) or annotation.get("pairwise") or any(
            isinstance(v, Mapping) and v for v in [annotation.get("ranking")]):
        return False
    rubric = annotation.get("rubric")
    if isinstance(rubric, Mapping) and any(
            isinstance(per, Mapping) and any(isinstance(e, Mapping) and (e.get("pass") is not None or e.get("why"))
                                             for e in per.values()) for per in rubric.values()):
        return False
    flags = annotation.get("flags")
    if isinstance(flags, Mapping) and any(flags.values()):
        return False
    for key in ("justification", "rewrite"):
        if isinstance(annotation.get(key), str) and annotation[key].strip():
            return False
    attempts = annotation.get("attempts")
    if isinstance(attempts, list) and any(
            isinstance(a, Mapping) and (str(a.get("prompt") or "").strip() or str(a.get("response") or "").strip()
                                        or a.get("verdict")) for a in attempts):
        return False
    return True


def summary_parts(annotation: Mapping[str, Any] | None) -> dict[str, int]:
    """Counts for a one-line summary: scores, flags, ranked, attempts; pairwise strength sign."""
    annotation = annotation or {}
    flags = annotation.get("flags")
    attempts = annotation.get("attempts")
    return {
        "scores": len(all_scores(annotation)),
        "flags": sum(len(v) for v in flags.values() if isinstance(v, list)) if isinstance(flags, Mapping) else 0,
        "ranked": len(annotation.get("ranking") or {}) if isinstance(annotation.get("ranking"), Mapping) else 0,
        "attempts": len([a for a in attempts if isinstance(a, Mapping) and str(a.get("prompt") or "").strip()])
        if isinstance(attempts, list) else 0,
    }


# --------------------------------------------------------------------------- notes before submitting


@dataclass(frozen=True)
class Note:
    """Something to check before submitting; ``code`` selects the (translated) sentence."""

    code: str
    args: tuple[str, ...] = ()


def missing_notes(annotation: Mapping[str, Any] | None, item: Mapping[str, Any], task: Task,
                  order: Sequence[str]) -> list[Note]:
    """What the pack asks for and is not there yet (never a block: the worker decides)."""
    annotation = annotation or {}
    notes: list[Note] = []
    modes = item_modes(item, task)
    names = {rid: letter(i) for i, rid in enumerate(order)}
    if "likert" in modes:
        scores = annotation.get("scores") or {}
        missing = sum(1 for rid in order for c in task.criteria if c.id not in (scores.get(rid) or {}))
        if missing:
            notes.append(Note("scores_missing", (str(missing),)))
    if "pairwise" in modes and not annotation.get("pairwise"):
        notes.append(Note("pairwise_missing"))
    if "ranking" in modes:
        ranking = annotation.get("ranking") or {}
        if any(rid not in ranking for rid in order):
            notes.append(Note("ranking_missing"))
    if "rubric" in modes:
        rubric = annotation.get("rubric") or {}
        unanswered = 0
        for rid in order:
            for criterion in task.rubric:
                entry = (rubric.get(rid) or {}).get(criterion.id) or {}
                passed = entry.get("pass")
                if passed is None:
                    unanswered += 1
                    continue
                why = (entry.get("why") or "").strip()
                if criterion.needs_why(passed) and len(why) < max(1, criterion.min_length):
                    notes.append(Note("rubric_why_short", (criterion.label, names.get(rid, rid),
                                                            str(max(1, criterion.min_length)), str(len(why)))))
        if unanswered:
            notes.append(Note("rubric_missing", (str(unanswered),)))
    for key in ("justification", "rewrite"):
        settings: TextSettings = getattr(task, key)
        if key in modes and (settings.required or settings.min_length):
            text = (annotation.get(key) or "").strip()
            need = max(1, settings.min_length)
            if len(text) < need:
                notes.append(Note(f"{key}_short", (str(need), str(len(text)))))
    if "prompt_writing" in modes:
        attempts = [a for a in annotation.get("attempts") or [] if str(a.get("prompt") or "").strip()]
        if not attempts:
            notes.append(Note("no_prompt"))
        elif any(not a.get("verdict") for a in attempts):
            notes.append(Note("verdict_missing"))
        elif any(not str(a.get("response") or "").strip() for a in attempts):
            notes.append(Note("response_missing"))
    return notes


def identical_scores(annotation: Mapping[str, Any] | None, minimum: int = 3) -> int | None:
    """The one value every score has, when there are at least ``minimum`` scores and all agree."""
    values = all_scores(annotation)
    if len(values) >= minimum and len(set(values)) == 1:
        return values[0]
    return None


#: an item counts as "much faster" below this fraction of the worker's own median time
FAST_FRACTION = 0.33
#: the worker's own median needs this many earlier items before the note can show
FAST_MIN_HISTORY = 5


def much_faster(seconds: float, own_times: Iterable[float]) -> float | None:
    """The worker's own median time if ``seconds`` is much shorter than it, else ``None``."""
    history = [float(t) for t in own_times if isinstance(t, (int, float)) and t > 0]
    if len(history) < FAST_MIN_HISTORY:
        return None
    median = statistics.median(history)
    if median >= 10 and seconds < median * FAST_FRACTION:
        return median
    return None
