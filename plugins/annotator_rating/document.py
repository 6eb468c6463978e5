"""The worker's edits of one rating item: a Qt-free document with unlimited undo.

Every rule the editor applies when the worker scores, passes or fails, ranks, ticks a flag,
chooses between two responses, types or writes prompts lives here, as a method of
:class:`RatingDocument` that computes the next annotation and records it as one undo step
(:class:`annotator.plugin_api.editing.Document`, ADR 0006). Typing in one box forms one step
(its merge key names the box). The Qt editor (``_qt/editor.py``) only turns keys and clicks
into these calls and shows the state.

The state is the annotation (format ``rating/1``, ``docs/rating.md``), frozen: mappings are
:class:`Frozen` and lists are tuples, so an undo step can never change after it was taken.
A rule is written as plain changes to a thawed draft (:meth:`RatingDocument._change`), the
draft is frozen again and becomes the next state; :meth:`RatingDocument.annotation` gives the
state back as plain JSON data for ``host.save``.
"""
from __future__ import annotations

import secrets
import time
from contextlib import contextmanager
from collections.abc import Mapping
from typing import Any, Callable, Iterator, Sequence

from annotator.plugin_api.editing import MERGE_SECONDS, Document

from annotator_rating.annotation import clean_annotation
from annotator_rating.items import display_order, item_modes, response_ids
from annotator_rating.task import RubricCriterion, Task

#: the parts of an attempt at prompt writing the worker types
ATTEMPT_TEXTS = ("prompt", "response")
#: the item-wide texts
TEXTS = ("justification", "rewrite")


class Frozen(Mapping[str, Any]):
    """An immutable JSON object (its lists are tuples); equal to a frozen object with the same items."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] = ()):
        self._items = dict(items)

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: str, default: Any = None) -> Any:
        return self._items.get(key, default)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Frozen):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Frozen({self._items!r})"


def freeze(value: Any, like: Any = None) -> Any:
    """JSON data made immutable: objects become :class:`Frozen`, lists tuples.

    Parts equal to the same part of ``like`` (the previous state) are ``like``'s own, so a
    new state shares everything that did not change with the one before.
    """
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return like if (like is value or (type(like) is kind and like == value)) else value
    if isinstance(value, dict):
        if type(like) is not Frozen:
            return Frozen({key: freeze(item) for key, item in value.items()})
        old = like._items
        items = {key: freeze(item, old.get(key)) for key, item in value.items()}
        if len(items) == len(old) and all(old.get(key, _MISSING) is item for key, item in items.items()):
            return like
        return Frozen(items)
    if isinstance(value, (list, tuple)):
        if type(like) is not tuple:
            return tuple(freeze(item) for item in value)
        items = tuple(freeze(item, like[i] if i < len(like) else None) for i, item in enumerate(value))
        return like if len(items) == len(like) and all(a is b for a, b in zip(items, like)) else items
    if type(value) is Frozen:
        return value
    if isinstance(value, Mapping):
        return freeze(dict(value), like)
    return like if (like is value or (type(like) is type(value) and like == value)) else value


def thaw(value: Any) -> Any:
    """The plain JSON data (dicts and lists, all new) of a frozen value."""
    if type(value) is Frozen:
        return {key: thaw(item) for key, item in value._items.items()}
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value


_MISSING = object()
_NEW_ENTRY = Frozen({"pass": None, "why": ""})
_NEW_ATTEMPT = Frozen({"prompt": "", "response": "", "verdict": None})


def _with(node: Any, key: Any, value: Any) -> Any:
    """A frozen object (``None``: an empty one) or tuple with one part set; the rest is shared."""
    if type(node) is tuple:
        items = list(node)
        items[key] = value
        return tuple(items)
    items = dict(node._items) if type(node) is Frozen else {}
    items[key] = value
    return Frozen(items)


def order_salt(host: Any) -> str:
    """The worker's random salt for display orders (ADR 0301), created on first use."""
    salt = host.setting("order_salt")
    if not isinstance(salt, str) or not salt:
        salt = secrets.token_hex(8)
        host.set_setting("order_salt", salt)
    return salt


class RatingDocument(Document[Frozen]):
    """The annotation of one item and the rules that change it.

    ``order`` (the display order, left to right: A, B, C...) is fixed for the item: undo
    never changes it. Positions in the pairwise choice run from ``-levels`` (A much better)
    through 0 (about the same, when the pack allows ties) to ``levels`` (B much better).
    """

    def __init__(self, state: Mapping[str, Any], *, item: Mapping[str, Any], task: Task,
                 clock: Callable[[], float] = time.monotonic, merge_seconds: float = MERGE_SECONDS):
        super().__init__(freeze(state), clock=clock, merge_seconds=merge_seconds)
        self.item = item
        self.task = task
        self.modes = item_modes(item, task)
        self.order: tuple[str, ...] = tuple(self.state["order"])

    @classmethod
    def from_annotation(cls, annotation: Mapping[str, Any] | None, *, item: Mapping[str, Any], task: Task,
                        order: Sequence[str] | None = None, **kwargs: Any) -> "RatingDocument":
        """The document for a saved annotation, cleaned to fit the item and the task
        (:func:`clean_annotation`); ``order`` is the display order when it records none."""
        fallback = response_ids(item) if order is None else order
        return cls(clean_annotation(annotation, item, task, fallback), item=item, task=task, **kwargs)

    @classmethod
    def for_host(cls, host: Any, task: Task, **kwargs: Any) -> "RatingDocument":
        """The document for the host's item: its saved annotation, or a fresh one shown in the
        worker's own shuffled order (pack, item and the worker's salt, ADR 0301)."""
        item = host.item
        order = display_order(response_ids(item), host.pack.id, str(item.get("id")), order_salt(host),
                              task.randomise_order)
        return cls.from_annotation(host.annotation, item=item, task=task, order=order, **kwargs)

    def annotation(self) -> dict[str, Any]:
        return thaw(self.state)

    @contextmanager
    def _change(self, label: str, merge_key: Any = None) -> Iterator[dict[str, Any]]:
        """Change a plain copy of the annotation; it becomes the next state (one undo step,
        or part of the current one for the same ``merge_key``) if anything changed."""
        draft = thaw(self.state)
        yield draft
        self.apply(freeze(draft, self.state), label, merge_key)

    def _part(self, key: str) -> Mapping[str, Any]:
        value = self.state.get(key)
        return value if isinstance(value, Mapping) else {}

    # -- scores (likert) ---------------------------------------------------------------

    def score(self, rid: str, criterion: str) -> int | None:
        return (self._part("scores").get(rid) or {}).get(criterion)

    def set_score(self, rid: str, criterion: str, value: int | None) -> None:
        """Score a response on a criterion (``None`` clears it)."""
        with self._change("Score") as draft:
            per = draft.setdefault("scores", {}).setdefault(rid, {})
            if value is None:
                per.pop(criterion, None)
            else:
                per[criterion] = value
            if not per:
                draft["scores"].pop(rid, None)

    # -- rubric --------------------------------------------------------------------------

    def rubric_entry(self, rid: str, criterion: str) -> Mapping[str, Any]:
        """``{"pass": True | False | None, "why": text}``, or empty when nothing was done."""
        return (self._part("rubric").get(rid) or {}).get(criterion) or {}

    def reason_needed(self, rid: str, criterion: RubricCriterion) -> bool:
        """Whether the pack asks for a reason for what the worker decided."""
        return criterion.needs_why(self.rubric_entry(rid, criterion.id).get("pass"))

    def set_pass(self, rid: str, criterion: str, passed: bool | None) -> None:
        """Pass (``True``) or fail (``False``) a response on a rubric question; ``None`` clears it."""
        with self._change("Rubric") as draft:
            entry = draft.setdefault("rubric", {}).setdefault(rid, {}).setdefault(criterion, {"pass": None, "why": ""})
            entry["pass"] = passed

    def write_reason(self, rid: str, criterion: str, text: str) -> None:
        """Type the reason for a rubric answer (a run of typing is one undo step)."""
        # typing changes one text: set it in place of thawing the whole annotation (every key counts)
        rubric = self.state.get("rubric", _MISSING)
        rubric = rubric if type(rubric) is Frozen else None
        per = rubric.get(rid) if rubric is not None else None
        entry = per.get(criterion, _NEW_ENTRY) if per is not None else _NEW_ENTRY
        state = _with(self.state, "rubric", _with(rubric, rid, _with(per, criterion, _with(entry, "why", text))))
        self.apply(state, "Reason", merge_key=f"why:{rid}:{criterion}")

    # -- ranking -------------------------------------------------------------------------

    def ranks(self) -> Mapping[str, int]:
        return self._part("ranking")

    def set_rank(self, rid: str, rank: int | None) -> None:
        """Rank a response (1 = best; ``None`` clears it).

        Without ties (the pack's ``ranking.ties = false``), giving a rank another response
        holds swaps the two: the other takes this response's old rank, or loses its rank when
        this response had none. With ties, responses share the rank.
        """
        ties = self.task.ranking_ties
        with self._change("Rank") as draft:
            ranking = draft.setdefault("ranking", {})
            previous = ranking.get(rid)
            if rank is None:
                ranking.pop(rid, None)
                return
            if not ties:
                for other, taken in list(ranking.items()):
                    if other != rid and taken == rank:
                        if previous is None:
                            ranking.pop(other)
                        else:
                            ranking[other] = previous
            ranking[rid] = rank

    # -- flags ---------------------------------------------------------------------------

    def flags(self, rid: str) -> tuple[str, ...]:
        return tuple(self._part("flags").get(rid) or ())

    def set_flags(self, rid: str, values: Sequence[str]) -> None:
        """The flags ticked for a response (none: the response's entry goes)."""
        with self._change("Flags") as draft:
            flags = draft.setdefault("flags", {})
            if values:
                flags[rid] = list(values)
            else:
                flags.pop(rid, None)

    # -- pairwise ------------------------------------------------------------------------

    def pairwise_positions(self) -> tuple[int, ...]:
        """The choices offered, left (A much better) to right (B much better)."""
        levels = self.task.pairwise_levels
        middle = (0,) if self.task.pairwise_ties else ()
        return tuple(range(-levels, 0)) + middle + tuple(range(1, levels + 1))

    def pairwise_position(self) -> int | None:
        """The choice as a position (negative: towards A on the left), ``None`` when not made."""
        pairwise = self.state.get("pairwise")
        if not pairwise:
            return None
        if pairwise["strength"] == 0:
            return 0
        left_wins = pairwise["preferred"] == self.order[0]
        return -pairwise["strength"] if left_wins else pairwise["strength"]

    def choose_pairwise(self, position: int | None) -> None:
        """Record the choice at ``position``, by response id and with the order shown (ADR 0300)."""
        with self._change("Pairwise choice") as draft:
            if position is None:
                draft.pop("pairwise", None)
                return
            left, right = self.order[0], self.order[1]
            draft["pairwise"] = {
                "shown": [left, right],
                "preferred": None if position == 0 else (left if position < 0 else right),
                "strength": abs(position),
                "levels": self.task.pairwise_levels,
            }

    def step_pairwise(self, towards_b: bool) -> None:
        """Move the choice one step towards B (or A); from no choice, start at the weakest
        preference for that side. "About the same" is skipped when the pack has no ties."""
        if "pairwise" not in self.modes:
            return
        positions = self.pairwise_positions()
        current = self.pairwise_position()
        if current is None:
            start = 1 if towards_b else -1
            target = start if start in positions else (positions[-1] if towards_b else positions[0])
        else:
            target = current + (1 if towards_b else -1)
            if target == 0 and 0 not in positions:
                target += 1 if towards_b else -1
            target = max(positions[0], min(positions[-1], target))
        self.choose_pairwise(target)

    # -- justification and ideal answer ----------------------------------------------------

    def text(self, key: str) -> str:
        value = self.state.get(key)
        return value if isinstance(value, str) else ""

    def write(self, key: str, text: str) -> None:
        """Type the justification or the ideal answer (a run of typing is one undo step)."""
        if key not in TEXTS:
            raise ValueError(f"not a text of the annotation: {key!r}")
        self.apply(_with(self.state, key, text), "Typing", merge_key=f"text:{key}")

    # -- prompt writing ----------------------------------------------------------------------

    def attempts(self) -> tuple[Mapping[str, Any], ...]:
        value = self.state.get("attempts")
        return value if isinstance(value, tuple) else ()

    def attempt_slots(self) -> int:
        """How many prompts the form shows: the ones written, and always one to start with."""
        return max(1, len(self.attempts()))

    def can_add_attempt(self) -> bool:
        return self.attempt_slots() < self.task.max_attempts

    @staticmethod
    def _attempt(draft: dict[str, Any], index: int) -> dict[str, Any]:
        attempts = draft.setdefault("attempts", [])
        while len(attempts) <= index:
            attempts.append({"prompt": "", "response": "", "verdict": None})
        return attempts[index]

    def write_attempt(self, index: int, part: str, text: str) -> None:
        """Type a prompt or the answer obtained (a run of typing is one undo step)."""
        if part not in ATTEMPT_TEXTS:
            raise ValueError(f"not a text of an attempt: {part!r}")
        attempts = self.attempts()
        if index >= len(attempts):
            attempts = attempts + (_NEW_ATTEMPT,) * (index + 1 - len(attempts))
        attempts = _with(attempts, index, _with(attempts[index], part, text))
        self.apply(_with(self.state, "attempts", attempts), "Typing", merge_key=f"attempt:{index}:{part}")

    def set_verdict(self, index: int, verdict: str | None) -> None:
        with self._change("Verdict") as draft:
            self._attempt(draft, index)["verdict"] = verdict

    def add_attempt(self) -> bool:
        """Add an empty prompt after the ones shown; ``False`` when the pack's maximum is reached."""
        slots = self.attempt_slots()
        if slots >= self.task.max_attempts:
            return False
        with self._change("Add a prompt") as draft:
            self._attempt(draft, slots)
        return True

    def remove_attempt(self, index: int) -> None:
        with self._change("Remove a prompt") as draft:
            attempts = draft.setdefault("attempts", [])
            if index < len(attempts):
                attempts.pop(index)
