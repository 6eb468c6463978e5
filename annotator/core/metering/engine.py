"""The metering engine: timestamped signals in, categorised intervals out.

Plain data and no clock of its own: the same signals always give the same
records. Every rule is written down in ``docs/metering.md``; the short version:

* the view, the task phase and the break state choose the category;
* activity is an in-app input, media playing, a focus change, a break toggle, an
  item outcome, the app starting, or (while unfocused) a ``system_idle`` report
  saying the last activity on the machine was ``t - seconds``;
* when the time since the last activity passes the category's idle threshold,
  the whole span from the last activity to the next one is ``away`` (back-dated
  to the last activity, as ActivityWatch does); declared breaks are never away;
* a gap between signals longer than ``GAP_PERIODS`` heartbeat periods (sleep,
  freeze) is not counted and becomes a :class:`Gap`, after which the count resumes
  as if the app had just started; an ``app_start`` without an
  ``app_quit`` before it closes the previous run at its last signal (a crash);
* a clock that steps back more than ``BACKSTEP_TOLERANCE`` seconds stops the
  count until it is past the latest time already counted again, so time is never
  negative or counted twice;
* (rules 2) a view that states the reading time of what it shows (``reading_seconds``)
  has an idle threshold of at least that time; availability mode (``availability``
  signals) counts the time as ``waiting`` for the platform named, until it is switched
  off or a task view opens.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

#: 2: reading time raises a view's idle threshold; availability mode; declared time (docs/metering.md)
RULES_VERSION = "annotator-metering/2"

CATEGORIES = ("waiting", "instructions", "training", "work", "review", "admin", "break", "away")
#: categories whose time counts as the worker's working time (everything but break and away)
COUNTED = ("waiting", "instructions", "training", "work", "review", "admin")
DEFAULT_THRESHOLDS: dict[str, float] = {
    "work": 120.0, "training": 120.0, "review": 120.0, "admin": 120.0,
    "instructions": 300.0, "waiting": 900.0,
}
#: seconds between two heartbeats of the running app
HEARTBEAT = 5.0
#: a silence longer than this many heartbeat periods is a gap, not counted
GAP_PERIODS = 3
#: a clock stepping back by at most this many seconds is clamped, not treated as a jump
BACKSTEP_TOLERANCE = 1.0
#: idle thresholds are never shorter than this (the signal log keeps inputs per heartbeat period)
MIN_THRESHOLD = 10.0

SIGNAL_KINDS = ("app_start", "app_quit", "heartbeat", "view", "input", "focus", "system_idle",
                "media", "break", "item", "availability")
#: the longest platform name kept from an ``availability`` signal
MAX_PLATFORM = 120
VIEWS = ("library", "instructions", "task", "timesheet", "settings")
PHASES = ("work", "training", "review")
OUTCOMES = ("submitted", "skipped", "flagged")


@dataclass(frozen=True)
class Interval:
    """A span of counted time in one category, with the pack and item shown and the rule that decided it."""

    start: float
    end: float
    category: str
    pack: str | None = None
    version: str | None = None
    item: str | None = None
    rule: str = ""
    run: int | None = None
    lab: str | None = None  # availability mode: the platform the worker was looking for work on

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Gap:
    """A span that is not counted: the app was asleep, frozen, crashed, or the clock moved back."""

    start: float
    end: float
    reason: str  # sleep | crash | clock_back
    run: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    """An item submitted, skipped or flagged."""

    t: float
    pack: str | None
    version: str | None
    item: str | None
    outcome: str
    run: int | None = None
    phase: str | None = None  # work | training | review: the phase of the item shown, if it was this item


Record = Interval | Gap | Outcome


def check_thresholds(values: Mapping[str, Any]) -> dict[str, float]:
    """Defaults overridden by ``values``; raises ``ValueError`` on a bad one."""
    out = dict(DEFAULT_THRESHOLDS)
    for key, value in (values or {}).items():
        if key not in DEFAULT_THRESHOLDS:
            raise ValueError(f"no idle threshold for {key!r} (known: {', '.join(DEFAULT_THRESHOLDS)})")
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"idle threshold for {key} is not a number: {value!r}") from None
        if not seconds >= MIN_THRESHOLD or seconds == float("inf"):
            raise ValueError(f"idle threshold for {key} must be at least {MIN_THRESHOLD:g} s, not {value!r}")
        out[key] = seconds
    return out


@dataclass
class _Seg:
    start: float
    end: float
    key: tuple  # (category, pack, version, item, rule, lab, reading seconds)


@dataclass
class _State:
    view: str | None = None
    pack: str | None = None
    version: str | None = None
    item: str | None = None
    phase: str | None = None
    brk: bool = False
    focused: bool = True
    media: bool = False
    reading: float | None = None  # the reading time the view states for what it shows
    avail: str | None = None  # availability mode: the platform named


class Engine:
    """Feed signals in time order with :meth:`feed`; collect records from :attr:`out` (or the return values).

    ``floor`` is the latest time already counted by earlier runs (from the store):
    nothing before it is counted again.
    """

    def __init__(self, thresholds: Mapping[str, Any] | None = None, heartbeat: float = HEARTBEAT,
                 floor: float | None = None):
        self.base_thresholds = check_thresholds(thresholds or {})
        self.base_heartbeat = float(heartbeat)
        self.thresholds = dict(self.base_thresholds)
        self.heartbeat = self.base_heartbeat
        self.running = False
        self.run: int | None = None
        self.runs = 0
        self.state = _State()
        self.last_t: float | None = None  # last counted instant
        self.high = float("-inf") if floor is None else float(floor)  # latest instant ever counted
        self.suspended = False  # the clock moved back: wait until it passes ``high``
        self.back_from: float | None = None
        self.la = 0.0  # last activity
        self.pend_start = 0.0  # start of the time not yet resolved (>= la)
        self.pend: list[_Seg] = []
        self.open: _Seg | None = None
        self.out: list[Record] = []

    # ------------------------------------------------------------------ public

    def feed(self, signal: Mapping[str, Any]) -> list[Record]:
        """Process one signal (``{"t": seconds, "kind": ..., ...}``); return the records it finalised."""
        before = len(self.out)
        t = float(signal["t"])
        kind = signal["kind"]
        if kind == "app_start":
            if self.running:
                self._close("crash", gap_to=t)
            self._start(t, signal)
            return self.out[before:]
        if not self.running:
            # a signal outside a run (a trace that starts in the middle): start one implicitly
            self._start(t, {"kind": "app_start", "t": t}, activity=False)
        t = self._time(t)
        if t is None:  # the clock is behind what was already counted: update state, count nothing
            self._apply(kind, signal, None)
            return self.out[before:]
        self._advance(t)
        if kind == "app_quit":
            self._close("quit")
        else:
            self._apply(kind, signal, t)
        return self.out[before:]

    def feed_all(self, signals: Iterable[Mapping[str, Any]]) -> list[Record]:
        for s in signals:
            self.feed(s)
        return self.out

    def finish(self) -> list[Record]:
        """End of the signals (a trace without ``app_quit``): count up to the last signal."""
        before = len(self.out)
        if self.running:
            self._close("end")
        return self.out[before:]

    def category(self) -> str:
        """The category the current state chooses (before the idle rule)."""
        return self._key()[0]

    def tentative(self, now: float, activity: float | None = None) -> tuple[list[Interval], str]:
        """What is not final yet, as if the signals stopped at ``now``: ``(intervals, current category)``.

        ``activity`` is a later activity not fed yet (an input still being coalesced).
        Does not change the engine. Used by the live meter.
        """
        if not self.running or self.last_t is None or self.suspended:
            return [], ("away" if self.running else "")
        eng = copy.copy(self)
        eng.state = copy.copy(self.state)
        eng.pend = [_Seg(s.start, s.end, s.key) for s in self.pend]
        eng.open = None if self.open is None else _Seg(self.open.start, self.open.end, self.open.key)
        eng.out = []
        now = max(now, self.last_t)
        if now - self.last_t > self.heartbeat * GAP_PERIODS:
            now = self.last_t
        eng._advance(now)
        if activity is not None:
            eng._activity(min(activity, now))
        eng._resolve_all(now)
        eng._flush_open()
        result = [r for r in eng.out if isinstance(r, Interval)]
        current = result[-1].category if result and result[-1].end >= now else self.category()
        return result, current

    # ------------------------------------------------------------------ runs

    def _start(self, t: float, signal: Mapping[str, Any], activity: bool = True) -> None:
        self.runs += 1
        self.run = run_id(t)
        self.running = True
        self.state = _State()
        self.thresholds = dict(self.base_thresholds)
        if isinstance(signal.get("thresholds"), Mapping):
            try:
                self.thresholds = check_thresholds({**self.base_thresholds, **signal["thresholds"]})
            except ValueError:
                pass  # a bad value in a trace: keep the defaults (the rules say so)
        hb = signal.get("heartbeat")
        self.heartbeat = float(hb) if isinstance(hb, (int, float)) and 1 <= hb <= 60 else self.base_heartbeat
        self.open = None
        self.pend = []
        if t < self.high - BACKSTEP_TOLERANCE:
            self.suspended = True
            self.back_from = t
            self.last_t = None
        else:
            t = max(t, self.high)
            self.suspended = False
            self.last_t = t
            self.high = t
        self.la = t if activity else float("-inf")
        self.pend_start = t

    def _close(self, reason: str, gap_to: float | None = None) -> None:
        """End the run at the last counted instant; resolve what is pending."""
        end = self.last_t
        if end is not None and not self.suspended:
            self._resolve_all(end)
            self._flush_open()
            if reason == "crash" and gap_to is not None and gap_to > end:
                self.out.append(Gap(end, gap_to, "crash", self.run,
                                    "the app stopped without quitting; counted up to its last signal"))
        self.running = False
        self.suspended = False
        self.last_t = None

    # ------------------------------------------------------------------ time

    def _time(self, t: float) -> float | None:
        """The instant to count this signal at, or ``None`` while the clock is behind."""
        if self.suspended:
            if t <= self.high:
                return None
            # the clock is past what was counted: resume here; the time in between is a gap
            self.out.append(Gap(self.high, t, "clock_back", self.run,
                                "the clock moved back; time was not counted until it caught up"))
            self.suspended = False
            self.last_t = self.high = t
            self.la = self.pend_start = t
            self.pend = []
            return t
        last = self.last_t
        if t < last:
            if last - t <= BACKSTEP_TOLERANCE:
                return last
            # a jump back: count up to here, then nothing until the clock passes ``high``
            self._resolve_all(last)
            self._flush_open()
            self.suspended = True
            self.back_from = t
            return None
        if t - last > self.heartbeat * GAP_PERIODS:
            self._resolve_all(last)
            self._flush_open()
            self.out.append(Gap(last, t, "sleep", self.run, "no heartbeat: the computer slept or the app froze"))
            self.last_t = self.high = t
            self.la = self.pend_start = t  # the count resumes as if the app had just started
            self.pend = []
            return t
        return t

    def _advance(self, t: float) -> None:
        """Extend the current state up to ``t``."""
        last = self.last_t
        if t > last:
            key = self._key()
            tail = self.pend[-1] if self.pend else None
            if tail is not None and tail.key == key and tail.end == last:
                tail.end = t
            else:
                self.pend.append(_Seg(last, t, key))
            self.last_t = t
            self.high = max(self.high, t)
        if self.state.media:
            self._activity(t)

    # ------------------------------------------------------------------ state

    def _apply(self, kind: str, s: Mapping[str, Any], t: float | None) -> None:
        st = self.state
        act: float | None = None
        if kind == "view":
            st.view = s.get("view")
            st.pack = s.get("pack")
            st.version = s.get("version")
            st.item = s.get("item")
            st.phase = s.get("phase")
            st.reading = reading_seconds(s.get("reading_seconds"))
            if st.view == "task":  # availability mode ends when a task view opens
                st.avail = None
        elif kind == "availability":
            st.avail = platform_name(s.get("platform")) if s.get("on") else None
            act = t
        elif kind == "input":
            act = t
        elif kind == "focus":
            st.focused = bool(s.get("focused"))
            act = t
        elif kind == "media":
            st.media = bool(s.get("playing"))
            act = t
        elif kind == "break":
            st.brk = bool(s.get("on"))
            act = t
        elif kind == "system_idle":
            try:
                seconds = float(s.get("seconds"))
            except (TypeError, ValueError):
                seconds = -1.0
            if t is not None and 0 <= seconds < float("inf"):
                act = t - seconds
        elif kind == "item":
            act = t
            if s.get("outcome") in OUTCOMES:  # counted even while the clock is behind
                at = t if t is not None else self.high
                phase = st.phase if st.view == "task" and st.item == s.get("item") else None
                self.out.append(Outcome(at, s.get("pack"), s.get("version"), s.get("item"), s["outcome"],
                                        self.run, phase))
        if act is not None and t is not None:
            self._activity(act)

    def _key(self) -> tuple:
        st = self.state
        r = st.reading
        if st.brk:
            return ("break", st.pack, st.version, st.item, "break declared", None, None)
        if st.avail is not None:
            return ("waiting", None, None, None, f"availability: looking for work on {st.avail}", st.avail, None)
        view = st.view
        if view == "task":
            phase = st.phase if st.phase in PHASES else "work"
            return (phase, st.pack, st.version, st.item, f"view task, phase {phase}", None, r)
        if view == "instructions":
            return ("instructions", st.pack, st.version, None, "view instructions", None, r)
        if view in ("timesheet", "settings"):
            return ("admin", None, None, None, f"view {view}", None, r)
        if view == "library":
            return ("waiting", None, None, None, "view library", None, r)
        return ("waiting", st.pack, st.version, None, "app open, no view yet", None, r)

    def idle_passed(self, t: float) -> bool:
        """Whether activity at ``t`` would end an away span (the idle rule passed since the last activity).

        The live meter writes such an input at once, so the away prompt shows on the first input back."""
        if not self.running or self.suspended or self.last_t is None or self.state.brk:
            return False
        until = max(t, self.last_t)
        segs = self.pend + [_Seg(self.last_t, until, self._key())]
        return self._idle_in(segs, self.pend_start, until, self.la) is not None

    # ------------------------------------------------------------------ idle rule

    def _idle_in(self, segs: list[_Seg], start: float, until: float, la: float) -> tuple | None:
        """The first segment (key, threshold) in ``[start, until]`` where the idle threshold is passed."""
        for seg in segs:
            if seg.start >= until:
                break
            cat = seg.key[0]
            if cat == "break":
                continue
            threshold = self.thresholds.get(cat, DEFAULT_THRESHOLDS["work"])
            reading = seg.key[6]
            if reading is not None and reading > threshold:  # silent reading is the work it is
                threshold = reading
            if min(seg.end, until) - la > threshold:
                return seg.key, threshold
        return None

    def _resolved(self, segs: list[_Seg], start: float, until: float, idle: tuple | None) -> list[_Seg]:
        """The final pieces of ``[start, until]``: as shown, or ``away`` (breaks stay breaks)."""
        pieces: list[_Seg] = []
        for seg in segs:
            a, b = max(seg.start, start), min(seg.end, until)
            if b <= a:
                continue
            key = seg.key
            if idle is not None and key[0] != "break":
                first_key, threshold = idle
                why = first_key[0] if threshold != first_key[6] else f"{first_key[0]}, the reading time of what it shows"
                key = ("away", first_key[1], first_key[2], first_key[3],
                       f"no activity for more than {threshold:g} s ({why})", first_key[5], None)
            if pieces and pieces[-1].key == key and pieces[-1].end == a:
                pieces[-1].end = b
            else:
                pieces.append(_Seg(a, b, key))
        return pieces

    def _activity(self, a: float) -> None:
        if a <= self.la:
            return
        if a <= self.pend_start:
            self.la = a
            return
        a = min(a, self.last_t)
        idle = self._idle_in(self.pend, self.pend_start, a, self.la)
        for piece in self._resolved(self.pend, self.pend_start, a, idle):
            self._commit(piece)
        rest = []
        for seg in self.pend:
            if seg.end > a:
                rest.append(_Seg(max(seg.start, a), seg.end, seg.key))
        self.pend = rest
        self.la = self.pend_start = a
        if idle is not None and self.open is not None and self.open.key[0] == "away" and self.open.end >= a:
            # activity ends an away span: nothing after it can extend it (the idle rule needs a threshold of
            # activity-free time first), so it is final now and the away prompt can show on this first input
            self._flush_open()

    def _resolve_all(self, end: float) -> None:
        idle = self._idle_in(self.pend, self.pend_start, end, self.la)
        for piece in self._resolved(self.pend, self.pend_start, end, idle):
            self._commit(piece)
        self.pend = []
        self.pend_start = end

    def _commit(self, piece: _Seg) -> None:
        o = self.open
        if o is not None and o.key == piece.key and o.end == piece.start:
            o.end = piece.end
            return
        self._flush_open()
        self.open = _Seg(piece.start, piece.end, piece.key)

    def _flush_open(self) -> None:
        if self.open is not None and self.open.end > self.open.start:
            self.out.append(self._interval(self.open))
        self.open = None

    def _interval(self, seg: _Seg) -> Interval:
        cat, pack, version, item, rule, lab, _reading = seg.key
        return Interval(seg.start, seg.end, cat, pack, version, item, rule, self.run, lab)


def reading_seconds(value: Any) -> float | None:
    """The ``reading_seconds`` of a view signal, or ``None`` (absent, not a number, negative, not finite)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return round(value, 1) if 0 < value < 86400 else None


def platform_name(value: Any) -> str:
    """The platform an ``availability`` signal names, as shown (spaces folded, at most :data:`MAX_PLATFORM`)."""
    text = " ".join(str(value or "").split())[:MAX_PLATFORM]
    return text or "an unnamed platform"


def run_id(t: float) -> int:
    """A run is named by the time its ``app_start`` was sent, in milliseconds."""
    return int(round(float(t) * 1000))


def run_engine(signals: Iterable[Mapping[str, Any]], thresholds: Mapping[str, Any] | None = None,
               finish: bool = True) -> list[Record]:
    """Every record a list of signals gives (for tests and checks)."""
    engine = Engine(thresholds)
    engine.feed_all(signals)
    if finish:
        engine.finish()
    return list(engine.out)


def totals(records: Iterable[Record]) -> dict[str, float]:
    """Seconds per category over the intervals among ``records`` (every category present, 0 if none)."""
    out = dict.fromkeys(CATEGORIES, 0.0)
    for r in records:
        if isinstance(r, Interval):
            out[r.category] += r.end - r.start
    return out


__all__ = ["Engine", "Interval", "Gap", "Outcome", "Record", "CATEGORIES", "COUNTED", "DEFAULT_THRESHOLDS",
           "HEARTBEAT", "GAP_PERIODS", "RULES_VERSION", "SIGNAL_KINDS", "run_engine", "totals",
           "check_thresholds"]
