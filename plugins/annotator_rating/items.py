"""Rating items: what one line of ``items.jsonl`` holds, its modes and its display order.

:func:`item_problems` checks an item's plugin fields (``pack validate``);
:func:`item_modes` says which of the pack's modes apply to it; :func:`display_order` is
the per-worker shuffle of its responses (ADR 0301). Qt-free; the format is in
``docs/rating.md``.
"""
from __future__ import annotations

import hashlib
import random
from typing import Any, Mapping, Sequence

from annotator.plugin_api import msg

from annotator_rating.task import RESPONSE_MODES, Task, is_id, is_text

ROLES = ("system", "user", "assistant", "tool")
DIRECTIONS = ("auto", "ltr", "rtl")
MAX_RESPONSES = 9  # digits 1-9 rank them; side by side beyond that is unreadable anyway
MAX_TEXT = 200_000  # characters the worker may type into one field (a generous ceiling, never hit by hand)
ITEM_KEYS = {"id", "training", "media", "prompt", "conversation", "responses", "sensitive", "brief",
             "direction", "note", "source"}  # source: where an imported item came from (never shown)


def is_writing_item(item: Mapping[str, Any]) -> bool:
    """A prompt-writing item carries a ``brief`` and no responses to judge."""
    return "brief" in item and not item.get("responses")


def item_problems(item: Mapping[str, Any], task: Task) -> list[str]:
    """Problems with one item's plugin fields, each naming its field."""
    problems: list[str] = []
    unknown = set(item) - ITEM_KEYS
    if unknown:
        problems.append(msg("unknown field {fields} (rating items have {known})",
                            fields=", ".join(sorted(map(repr, unknown))), known=", ".join(sorted(ITEM_KEYS))))
    if "sensitive" in item and not isinstance(item["sensitive"], bool):
        problems.append(msg("'sensitive' must be true or false"))
    if "direction" in item and item["direction"] not in DIRECTIONS:
        problems.append(msg("'direction' must be one of {choices}", choices=", ".join(DIRECTIONS)))
    if "note" in item and not isinstance(item["note"], str):
        problems.append(msg("'note' must be a text"))

    if is_writing_item(item):
        if "prompt_writing" not in task.modes:
            problems.append(msg("this item has a 'brief' but no 'responses', and the pack's modes do not include "
                                "prompt_writing"))
        if not is_text(item.get("brief"), MAX_TEXT):
            problems.append(msg("'brief' must be a non-empty text"))
        return problems

    prompt = item.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        problems.append(msg("'prompt' must be a non-empty text"))
    if "brief" in item and not isinstance(item["brief"], str):
        problems.append(msg("'brief' must be a text"))
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
            problems.append(msg("'responses' must be a non-empty list (the pack's modes {modes} judge them)",
                                modes=", ".join(judged)))
        return problems
    if len(responses) > MAX_RESPONSES:
        problems.append(msg("'responses' has {count} entries; at most {limit}", count=len(responses), limit=MAX_RESPONSES))
    ids: set[str] = set()
    for i, response in enumerate(responses):
        where = f"responses[{i}]"
        if not isinstance(response, dict):
            problems.append(f"{where} must be {{\"id\": ..., \"text\": ...}}")
            continue
        unknown = set(response) - {"id", "text", "model", "sensitive", "direction"}
        if unknown:
            problems.append(msg("{where}: unknown field {fields}", where=where, fields=", ".join(sorted(unknown))))
        rid = response.get("id")
        if not is_id(rid):
            problems.append(msg("{where}.id must be a short identifier (letters, digits, '.', '_', '-')", where=where))
        elif rid in ids:
            problems.append(msg("{where}.id {id!r} is used twice", where=where, id=rid))
        else:
            ids.add(rid)
        if not isinstance(response.get("text"), str):
            problems.append(msg("{where}.text must be a text", where=where))
        if "model" in response and not isinstance(response["model"], str):
            problems.append(msg("{where}.model must be a text", where=where))
        if "sensitive" in response and not isinstance(response["sensitive"], bool):
            problems.append(msg("{where}.sensitive must be true or false", where=where))
        if "direction" in response and response["direction"] not in DIRECTIONS:
            problems.append(msg("{where}.direction must be one of {choices}", where=where, choices=", ".join(DIRECTIONS)))
    n = len(responses)
    if "pairwise" in task.modes and "ranking" not in task.modes and n > 2:
        problems.append(msg("pairwise compares exactly two responses; this item has {count} (add the ranking mode "
                            "for items with more)", count=n))
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
