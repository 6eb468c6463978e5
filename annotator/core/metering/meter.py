"""The meter as the rest of the app sees it: one interface, and two meters that keep no timesheet.

:class:`Meter` lists everything the window asks of a meter (``docs/metering.md``
names the signals). :class:`annotator.core.metering.service.MeterService` is the
real one; :class:`NullMeter` meters nothing (a window or a command without a
timesheet), :class:`RecordingMeter` keeps the signals it receives (tests,
diagnostics). The window calls these methods directly, never probing for them.

Signals never carry what the worker typed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Protocol, runtime_checkable

from annotator.core.errors import UserError

if TYPE_CHECKING:  # the repository pulls in SQLAlchemy tables; a meter that records nothing needs none
    from annotator.core.metering.repository import Row

#: called with the records a signal or a correction appended (the window refreshes its views)
Listener = Callable[[list["Row"]], None]


@runtime_checkable
class Meter(Protocol):
    """Where the window sends its signals, and what it reads back for the live views."""

    #: the idle thresholds in force (``None``: the engine's defaults, nothing is metered)
    thresholds: Mapping[str, Any] | None
    #: called after records are appended; a failing listener is logged, never raised
    listeners: list[Listener]

    def signal(self, kind: str, **fields: Any) -> None:
        """Record one signal (``view``, ``input``, ``item``, ``focus``, ...) stamped with the meter's clock."""

    def flush(self) -> None:
        """Write what is held in memory (coalesced inputs) now."""

    def live(self, now: float | None = None) -> tuple[str, dict[str, float]] | None:
        """``(current category, today's seconds per category)`` including what is not final yet;
        ``None`` when nothing is metered."""

    def tentative_rows(self, now: float | None = None) -> list["Row"]:
        """The intervals not final yet, as record-like rows numbered 0."""

    def correct(self, seq: int, category: str | None, note: str = "") -> "Row":
        """Append the worker's correction of record ``seq``; raise ``UserError`` when it cannot be made."""

    def declare(self, **fields: Any) -> "Row":
        """Append declared time (:func:`annotator.core.metering.declared.declare`); raise ``UserError`` when
        it overlaps measured or declared time (the message names the interval) or is not valid."""

    @property
    def availability(self) -> str | None:
        """The platform availability mode is on for (the ``availability`` signal), or ``None``."""


class NullMeter:
    """A meter that meters nothing: signals are dropped, there is no timesheet to read or correct."""

    thresholds: Mapping[str, Any] | None = None

    def __init__(self) -> None:
        self.listeners: list[Listener] = []

    def signal(self, kind: str, **fields: Any) -> None:
        pass

    def flush(self) -> None:
        pass

    def live(self, now: float | None = None) -> tuple[str, dict[str, float]] | None:
        return None

    def tentative_rows(self, now: float | None = None) -> list["Row"]:
        return []

    def correct(self, seq: int, category: str | None, note: str = "") -> "Row":
        raise UserError("time is not metered in this window, so there is no record to correct")

    def declare(self, **fields: Any) -> "Row":
        raise UserError("time is not metered in this window, so no time can be declared here")

    @property
    def availability(self) -> str | None:
        return None


class RecordingMeter(NullMeter):
    """A meter that keeps the signals it receives (tests, diagnostics)."""

    def __init__(self) -> None:
        super().__init__()
        self.signals: list[dict[str, Any]] = []

    def signal(self, kind: str, **fields: Any) -> None:
        self.signals.append({"kind": kind, **fields})

    def kinds(self) -> list[str]:
        return [s["kind"] for s in self.signals]
