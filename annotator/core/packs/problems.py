"""Problems found in a pack, collected and reported as ``FILE[:LINE]: message``."""
from __future__ import annotations

from typing import Any

from annotator.core.errors import Problem, msg

MAX_REPORTED_PROBLEMS = 1000


class Problems:
    """Collects problems, keeping the first ``MAX_REPORTED_PROBLEMS`` (in ``found``) and a count of the rest.

    Every check of a pack reports here: the manifest, archive safety, the instructions, the
    items; so do the lab's merge and the library's import.
    """

    def __init__(self) -> None:
        self.found: list[Problem] = []
        self.dropped = 0

    def add(self, file: str, line: int | None, message: str) -> None:
        if len(self.found) < MAX_REPORTED_PROBLEMS:
            self.found.append(Problem(file, line, message))
        else:
            self.dropped += 1

    def __bool__(self) -> bool:
        return bool(self.found)

    def result(self) -> list[Problem]:
        out = list(self.found)
        if self.dropped:
            out.append(Problem("(pack)", None, f"... and {self.dropped} more problems"))
        return out


def type_name(value: Any) -> str:
    return {bool: msg("a boolean"), int: msg("an integer"), float: msg("a number"), str: msg("a string"),
            list: msg("a list"), dict: msg("a table")}.get(type(value), type(value).__name__)


def line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1

