"""An injectable clock, so the core runs on plain data in tests."""
from __future__ import annotations

import time
from typing import Callable

Clock = Callable[[], float]
"""A function returning seconds since the epoch, like :func:`time.time`."""

system_clock: Clock = time.time


class ManualClock:
    """A clock that only moves when told to (tests, trace replay)."""

    def __init__(self, t: float = 1_700_000_000.0):
        self.t = float(t)

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> float:
        self.t += seconds
        return self.t
