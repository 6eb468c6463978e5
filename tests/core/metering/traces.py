"""Building signal traces the way the app sends them: heartbeats every 5 s, inputs, views."""
from __future__ import annotations

from typing import Any

T0 = 1_764_000_000.0  # 2025-11-24 16:00 UTC


class Trace:
    """A recorded trace, written step by step. ``t`` is the current time."""

    def __init__(self, t: float = T0, start: bool = True, **start_fields: Any):
        self.t = float(t)
        self.signals: list[dict[str, Any]] = []
        self.next_heartbeat = self.t + 5
        if start:
            self.add("app_start", **start_fields)

    def add(self, kind: str, **fields: Any) -> "Trace":
        self.signals.append({"t": round(self.t, 3), "kind": kind, **fields})
        return self

    def view(self, view: str, pack: str | None = None, item: str | None = None, phase: str | None = None,
             **extra: Any) -> "Trace":
        fields: dict[str, Any] = {"view": view}
        if pack is not None:
            fields["pack"] = pack
        if item is not None or view == "task":
            fields["item"] = item
        if phase is not None:
            fields["phase"] = phase
        fields.update(extra)
        return self.add("view", **fields)

    def wait(self, seconds: float, input_every: float | None = None, heartbeats: bool = True,
             system_idle: bool = False, idle_seconds: float = 2.0) -> "Trace":
        """Let time pass, with heartbeats, and an input every ``input_every`` seconds (none if ``None``).

        ``system_idle``: also report the system idle time at each heartbeat, as if the
        worker were active in another program (idle ``idle_seconds``)."""
        end = self.t + seconds
        next_input = self.t + input_every if input_every else float("inf")
        while True:
            nxt = min(self.next_heartbeat if heartbeats else float("inf"), next_input)
            if nxt > end:
                break
            self.t = nxt
            if nxt == next_input:
                self.add("input")
                next_input += input_every
            if heartbeats and nxt == self.next_heartbeat:
                self.add("heartbeat")
                if system_idle:
                    self.add("system_idle", seconds=idle_seconds)
                self.next_heartbeat += 5
        self.t = end
        if not heartbeats:
            self.next_heartbeat = self.t + 5
        return self

    def jump(self, seconds: float) -> "Trace":
        """The clock jumps (forward or back) with no signal in between."""
        self.t += seconds
        self.next_heartbeat = self.t + 5
        return self

    def quit(self) -> "Trace":
        return self.add("app_quit")
