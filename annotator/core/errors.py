"""Errors the user can act on.

A :class:`UserError` is printed by the command line as one line and exit code 2,
and by the window as a message; it never shows a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a pack: ``FILE[:LINE]: message``."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class PackError(UserError):
    """A pack was refused; ``problems`` lists every reason, not only the first."""

    def __init__(self, problems: list[Problem], summary: str | None = None):
        self.problems = list(problems)
        n = len(self.problems)
        first = str(self.problems[0]) if self.problems else "invalid pack"
        super().__init__(summary or (first if n == 1 else f"{first} (and {n - 1} more problems)"))
