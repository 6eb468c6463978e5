"""Realistic signal traces for the metering benchmarks and screenshots (seeded, so always the same).

A day: the app starts in the morning, the worker looks for work in the library,
reads a pack's instructions, does training then work items with inputs every few
seconds (media playing on audio items), takes a break, checks a fact in the
browser (unfocused, system idle reports), walks away now and then, and quits.
"""
from __future__ import annotations

import random
from typing import Iterator

from tests.core.metering.traces import Trace  # the same trace builder as the metering tests

DAY = 86400.0
PACKS = [("demo.street-scenes", 40), ("demo.voice-commands", 30), ("demo.assistant-answers", 150)]


def day(start: float, rng: random.Random, hours: float = 8.0) -> list[dict]:
    """One working day of about ``hours`` hours from ``start``."""
    g = Trace(start)  # starts with app_start; heartbeats every 5 s
    end = start + hours * 3600
    took_break = False
    while g.t < end:
        g.add("view", view="library")
        g.wait(rng.uniform(60, 900), input_every=rng.choice([4, 8, 15]))
        pack, estimate = rng.choice(PACKS)
        g.add("view", view="instructions", pack=pack)
        g.wait(rng.uniform(60, 420), input_every=rng.choice([10, 25, 40]))
        n_items = rng.randint(15, 60)
        for i in range(n_items):
            if g.t >= end:
                break
            item = f"item-{rng.randint(0, 10_000)}"
            phase = "training" if i < 2 else "work"
            g.add("view", view="task", pack=pack, item=item, phase=phase)
            seconds = max(5.0, rng.gauss(estimate * 1.4, estimate * 0.4))
            if pack == "demo.voice-commands":
                g.add("media", playing=True)
                g.wait(min(seconds, 12))
                g.add("media", playing=False)
                g.wait(max(seconds - 12, 1), input_every=2.5)
            else:
                g.wait(seconds, input_every=rng.choice([1.5, 3, 6]))
            r = rng.random()
            if r < 0.03:
                g.add("focus", focused=False)  # checks a fact in the browser
                g.wait(rng.uniform(30, 240), system_idle=True, idle_seconds=1.5)
                g.add("focus", focused=True)
            elif r < 0.05:
                g.wait(rng.uniform(150, 900))  # walked away
                g.add("input")
            outcome = "submitted" if rng.random() > 0.05 else rng.choice(["skipped", "flagged"])
            g.add("item", outcome=outcome, pack=pack, item=item)
        if not took_break and g.t > start + hours * 1800:
            took_break = True
            g.add("break", on=True)
            g.wait(rng.uniform(1800, 3600))
            g.add("break", on=False)
            g.add("input")
        if rng.random() < 0.3:
            g.add("view", view="timesheet")
            g.wait(rng.uniform(20, 90), input_every=5)
    g.add("app_quit")
    return g.signals


def days(first_day_start: float, n: int, seed: int = 4, hours: float = 8.0) -> Iterator[list[dict]]:
    """``n`` working days (weekends skipped), one list of signals per day."""
    rng = random.Random(seed)
    t = first_day_start
    made = 0
    while made < n:
        weekday = int((t // DAY + 3) % 7)  # 1970-01-01 was a Thursday
        if weekday < 5:
            yield day(t + rng.uniform(-1800, 1800), rng, hours)
            made += 1
        t += DAY
