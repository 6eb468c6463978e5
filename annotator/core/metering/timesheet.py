"""The worker's timesheet: time per category per day, week, pack and lab; items; earnings; wages.

Computed from the chain only (intervals with their corrections, outcomes, pack
terms, payments, rejections), so it is the same on any machine holding the same
records. Currencies are never mixed or converted: every money figure is per
currency. The rules are in ``docs/metering.md`` and in :data:`RULE_TEXTS`.
"""
from __future__ import annotations

import time as _time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Iterable, Mapping

from annotator.core.metering import engine as eng
from annotator.core.metering.engine import CATEGORIES, COUNTED, OUTCOMES
from annotator.core.metering.reading import WORDS_PER_MINUTE as READING_WPM
from annotator.core.metering.repository import MeterRepository, Row
from annotator.core.store import Store
from annotator.core.units import cents, instant, span

#: 2 since the one rounding rule of core/units.py (whole seconds, cents halves up); 3 since declared time
#: (``sources``, ``withdrawals``, the declared part of each day, pack and lab, wages with declared and received)
FORMAT = "annotator-timesheet/3"
#: the formats a verifier recomputes (a format-2 file is recomputed as format 2)
FORMATS_READ = ("annotator-timesheet/2", FORMAT)

RULE_TEXTS_1 = [
    "Every second the app is open is in exactly one category: waiting (library), instructions, training, "
    "work, review (task view), admin (timesheet, settings), break (declared by the worker) or away.",
    "The view, the task phase and the break state choose the category.",
    "Activity is an input in the app (never its content), media playing, a focus change, a break toggle, "
    "an item outcome, the app starting, or, while the app is unfocused, the system's idle time "
    "(the last activity on the computer was t - seconds).",
    "When the time since the last activity passes the category's idle threshold, the time from the last "
    "activity to the next one is away, back-dated to the last activity. Declared breaks are never away.",
    "A silence of more than 3 heartbeat periods (sleep, freeze, crash) is not counted; it is listed as a gap.",
    "A clock that moves back stops the count until it has passed the latest time already counted.",
    "Corrections are new records pointing at the interval they amend; the measured interval is kept.",
    "Counted time is all time except break and away. Effective hourly wage = expected earnings / counted "
    "time; platform view = expected earnings / work time.",
    "Expected earnings: the pack's pay per item for each item submitted (training items only if the pack "
    "pays training), counted once per item; a rejected item earns what the rejection says it still pays.",
    "Real time per item: work and training time on a pack divided by the items submitted, skipped or flagged.",
    "Unpaid time: waiting, admin, review, instructions (unless the pack pays them) and training "
    "(unless the pack pays it).",
    "Currencies are never converted: every money figure is per currency. Time outside any pack is "
    "attributed to a currency only when all packs of the period pay in that one currency.",
]
RULE_TEXTS = RULE_TEXTS_1 + [
    "A view's idle threshold is at least the reading time of what it shows: its words at "
    f"{READING_WPM} words a minute, plus the duration of its media; silent reading is the work it is.",
    "Availability mode: while the worker says they are looking for work on a platform, the time counts "
    "as waiting for that platform as long as the computer shows activity, and becomes away by the idle "
    "rule; it ends when switched off or when a task view opens.",
    "Declared time is work the app could not see, added by the worker: kept and shown as declared beside "
    "measured, never merged silently; it overlaps neither measured time nor other declared time. "
    "Withdrawing or correcting an entry adds a record; the entry stays in the chain.",
    "Received hourly wage = payments received / counted time (measured and declared).",
]


def rules(thresholds: Mapping[str, float] | None = None, version: str = eng.RULES_VERSION) -> dict[str, Any]:
    """The rules printed in every export; ``version`` ``annotator-metering/1`` as exports of format 2 gave them."""
    out = {
        "version": version,
        "categories": list(CATEGORIES),
        "idle_thresholds_seconds": dict(thresholds or eng.DEFAULT_THRESHOLDS),
        "heartbeat_seconds": eng.HEARTBEAT,
        "gap_after_heartbeats": eng.GAP_PERIODS,
        "clock_back_tolerance_seconds": eng.BACKSTEP_TOLERANCE,
        "texts": list(RULE_TEXTS_1 if version == "annotator-metering/1" else RULE_TEXTS),
    }
    if version != "annotator-metering/1":
        out["reading_words_per_minute"] = READING_WPM
    return out


@dataclass
class Effective:
    """An interval as the timesheet counts it: the measured one, or its latest correction."""

    start: float
    end: float
    category: str
    pack: str | None
    version: str | None
    item: str | None
    row: Row
    correction: Row | None = None
    lab: str | None = None  # the platform or lab of declared time and of availability mode

    @property
    def source(self) -> str:
        """``declared`` (the worker added it) or ``measured`` (the app counted it)."""
        return "declared" if self.row.kind == "declared" else "measured"

    @property
    def measured_category(self) -> str:
        return self.row.category

    @property
    def rule(self) -> str:
        return self.row.data.get("rule", "")

    @property
    def note(self) -> str:
        if self.correction is not None and (self.correction.data.get("note") or self.row.kind != "declared"):
            return self.correction.data.get("note", "")
        return self.row.data.get("note", "") if self.row.kind == "declared" else ""


def effective_intervals(rows: Iterable[Row]) -> list[Effective]:
    """Intervals and declared entries with the latest correction of each applied, withdrawn entries left
    out (rows in chain order)."""
    out: list[Effective] = []
    by_seq: dict[int, Effective] = {}
    late: list[Row] = []
    gone: set[int] = set()
    for r in rows:
        kind = r.kind
        if kind == "interval" or kind == "declared":
            e = Effective(r.start, r.end, r.category, r.pack, r.version, r.item, r,
                          lab=r.data.get("lab") if (kind == "declared" or '"lab"' in (r.data_text or "")) else None)
            out.append(e)
            by_seq[r.seq] = e
        elif kind == "correction":
            late.append(r)
        elif kind == "withdrawal":
            gone.add(r.data.get("withdraws"))
    for c in late:
        target = by_seq.get(c.data.get("amends"))
        if target is not None:
            target.category = c.category
            target.correction = c
    return [e for e in out if e.row.seq not in gone] if gone else out


def _zero() -> dict[str, float]:
    return dict.fromkeys(CATEGORIES, 0.0)


def _div(a: float, b: float) -> float | None:
    return None if not b else a / b


def _r(x: float | None, nd: int = 2) -> float | None:
    if x is None:
        return None
    return cents(x) if nd == 2 else round(x, nd)  # money by the one rounding rule (core/units.py)


class _Days:
    """Splits epoch seconds at local midnights (or in ``tz``), with a cache per day."""

    def __init__(self, tz: tzinfo | None):
        self.tz = tz
        self.cache: dict[date, tuple[float, float]] = {}
        self.last: tuple[float, float, date] | None = None

    def day_of(self, t: float) -> tuple[date, float]:
        """The day ``t`` is in, and the end of that day."""
        last = self.last
        if last is not None and last[0] <= t < last[1]:
            return last[2], last[1]
        d = datetime.fromtimestamp(t, self.tz).date()
        start, end = self.bounds(d)
        self.last = (start, end, d)
        return d, end

    def bounds(self, d: date) -> tuple[float, float]:
        got = self.cache.get(d)
        if got is None:
            start = datetime(d.year, d.month, d.day, tzinfo=self.tz).timestamp()
            nxt = d + timedelta(days=1)
            end = datetime(nxt.year, nxt.month, nxt.day, tzinfo=self.tz).timestamp()
            got = self.cache[d] = (start, end)
        return got


def _pack_terms(repo: MeterRepository, store: Store) -> dict[tuple[str, str | None], dict[str, Any]]:
    terms: dict[tuple[str, str | None], dict[str, Any]] = {}
    for r in repo.rows(kinds=("pack",)):
        data = dict(r.data)
        if data.get("terms_known") is False and (r.pack, r.version) in terms:
            continue
        terms[(r.pack, r.version)] = data
        terms.setdefault((r.pack, None), data)
    return terms


def _terms_for(terms, pack: str | None, version: str | None, store: Store | None) -> dict[str, Any]:
    if pack is None:
        return {}
    found = terms.get((pack, version)) or terms.get((pack, None))
    if found is None:
        row = None if store is None else store.find_pack(pack, version) if version else store.find_pack(pack)
        if row is not None:
            pay = dict(row.manifest.get("pay", {}))
            found = {"title": row.title, "lab": row.lab, **pay, "terms_known": True}
        else:
            found = {"title": pack, "lab": None, "terms_known": False}
        terms[(pack, version)] = found
    return found


def parse_day(text: str | None, end: bool = False, tz: tzinfo | None = None) -> float | None:
    """``YYYY-MM-DD`` as epoch seconds: the start of that day (or of the next one when ``end``)."""
    if not text:
        return None
    d = date.fromisoformat(text)
    if end:
        d = d + timedelta(days=1)
    return datetime(d.year, d.month, d.day, tzinfo=tz).timestamp()


def compute(store: Store, *, start: float | None = None, end: float | None = None, pack: str | None = None,
            tz: tzinfo | None = None, reference: tuple[float, str] | None = None,
            thresholds: Mapping[str, float] | None = None, with_intervals: bool = True,
            extra: Iterable[Row] = (), repo=None, library: bool = True,
            rules_version: str = eng.RULES_VERSION) -> dict[str, Any]:
    """The timesheet of ``[start, end)`` (epoch seconds; open ends allowed), optionally for one pack id.

    ``extra``: intervals not final yet (the live meter's), shown in the app but never exported.
    ``rules_version``: the rules printed (a verifier recomputes an older export with the rules it printed).
    ``repo``: where the records are read (default: the store's chain; a verifier passes the
    records of an export file). ``library=False``: pay terms come from the chain's ``pack``
    records only, never from the library, so that anyone holding the records gets the same
    figures (exports and their verification).
    Times follow the one rounding rule of :mod:`annotator.core.units`: instants are rounded to
    whole seconds before durations are taken, so every total is the sum of its rows.
    """
    if repo is None:
        repo = MeterRepository(store)
    if not library:
        store = None
    terms = _pack_terms(repo, store)
    days = _Days(tz)
    lo = start if start is not None else float("-inf")
    hi = end if end is not None else float("inf")

    rows = list(repo.rows(kinds=("interval", "correction", "gap", "declared", "withdrawal"), start=start,
                          end=end)) + list(extra)
    eff = effective_intervals(rows)
    gaps = [r for r in rows if r.kind == "gap"]

    totals = _zero()
    declared_tot = _zero()  # the declared part of ``totals``
    day_tot: dict[date, dict[str, float]] = {}
    day_declared: dict[date, float] = {}
    pack_tot: dict[tuple, dict[str, float]] = {}
    pack_declared: dict[tuple, float] = {}
    free_lab_tot: dict[str, dict[str, float]] = {}  # time outside any pack with a platform or lab named
    lab_declared: dict[str, float] = {}
    # (day, currency) -> counted seconds, and the time outside any pack per day
    day_cur_secs: dict[tuple[date, str], float] = {}
    day_free: dict[date, float] = {}
    cur_secs: dict[str, float] = {}
    cur_work: dict[str, float] = {}
    cur_declared: dict[str, float] = {}
    free_secs = 0.0
    free_declared = 0.0
    unpaid = 0.0
    kept: list[tuple[float, float, Effective]] = []
    for e in eff:
        if pack is not None and e.pack != pack:
            continue
        a, b = max(e.start, lo), min(e.end, hi)
        if b <= a:
            continue
        a, b = instant(a), instant(b)
        if with_intervals:
            kept.append((a, b, e))
        cat = e.category
        key = (e.pack, e.version)
        t_ = _terms_for(terms, e.pack, e.version, store) if e.pack else None
        currency = t_.get("currency") if t_ else None
        pt = pack_tot.get(key)
        if pt is None:
            pt = pack_tot[key] = _zero()
        pt[cat] += b - a
        totals[cat] += b - a
        counted = cat in COUNTED
        declared = e.row.kind == "declared"
        lab_of = (t_.get("lab") or "?") if e.pack else e.lab
        if e.pack is None and e.lab:
            ft = free_lab_tot.get(e.lab)
            if ft is None:
                ft = free_lab_tot[e.lab] = _zero()
            ft[cat] += b - a
        if declared:
            declared_tot[cat] += b - a
            if counted:
                pack_declared[key] = pack_declared.get(key, 0.0) + (b - a)
                if lab_of:
                    lab_declared[lab_of] = lab_declared.get(lab_of, 0.0) + (b - a)
                if currency:
                    cur_declared[currency] = cur_declared.get(currency, 0.0) + (b - a)
                else:
                    free_declared += b - a
        if counted:
            if cat in ("waiting", "admin", "review") or \
                    (cat == "instructions" and not (t_ and t_.get("instructions_paid"))) or \
                    (cat == "training" and not (t_ and t_.get("training_paid"))):
                unpaid += b - a
            if currency:
                cur_secs[currency] = cur_secs.get(currency, 0.0) + (b - a)
                if cat == "work":
                    cur_work[currency] = cur_work.get(currency, 0.0) + (b - a)
            else:
                free_secs += b - a
        # split at midnight
        x = a
        while x < b:
            d, day_end = days.day_of(x)
            y = min(b, day_end)
            dt = day_tot.get(d)
            if dt is None:
                dt = day_tot[d] = _zero()
            dt[cat] += y - x
            if counted and declared:
                day_declared[d] = day_declared.get(d, 0.0) + (y - x)
            if counted:
                if currency:
                    day_cur_secs[(d, currency)] = day_cur_secs.get((d, currency), 0.0) + (y - x)
                else:
                    day_free[d] = day_free.get(d, 0.0) + (y - x)
            x = y

    # ---------------------------------------------------------------- items and earnings
    first_seen: set[tuple] = set()
    day_items: dict[date, dict[str, int]] = {}
    pack_items: dict[tuple, dict[str, int]] = {}
    earned_items: dict[tuple, tuple[date, float, str]] = {}  # (pack, version, item) -> (day, amount, currency)
    if start is not None and hasattr(repo, "first_outcomes"):
        # the store's chain: only the period's outcomes, each checked for an earlier twin by an index
        outcome_rows = repo.first_outcomes(start, end, OUTCOMES, pack)
    else:
        outcome_rows = repo.rows(kinds=("outcome",), end=end)
    for r in outcome_rows:
        if pack is not None and r.pack != pack:
            continue
        # canonical JSON (sorted keys, no spaces): read the two fixed values without parsing
        text = r.data_text or ""
        outcome = next((o for o in OUTCOMES if f'"outcome":"{o}"' in text), None)
        if outcome is None:
            continue
        training = '"phase":"training"' in text
        k = (r.pack, r.version, r.item, outcome)
        if k in first_seen:
            continue
        first_seen.add(k)
        if r.start < lo:
            continue
        d, _ = days.day_of(r.start)
        di = day_items.setdefault(d, {"submitted": 0, "skipped": 0, "flagged": 0, "rejected": 0})
        di[outcome] = di.get(outcome, 0) + 1
        pi = pack_items.setdefault((r.pack, r.version), {"submitted": 0, "skipped": 0, "flagged": 0, "rejected": 0})
        pi[outcome] = pi.get(outcome, 0) + 1
        if outcome == "submitted":
            t_ = _terms_for(terms, r.pack, r.version, store)
            per_item, currency = t_.get("per_item"), t_.get("currency")
            if per_item is not None and currency and (not training or t_.get("training_paid")):
                earned_items[(r.pack, r.version, r.item)] = (d, float(per_item), currency)

    rejections = []
    for r in repo.rows(kinds=("rejection",)):
        if pack is not None and r.pack != pack:
            continue
        k = (r.pack, r.version, r.item)
        if k not in earned_items:
            k = (r.pack, None, r.item)  # outcomes from a trace that did not name the version
        paid = float(r.data.get("paid") or 0)
        rejections.append(r)
        if k in earned_items:
            d, amount, currency = earned_items[k]
            earned_items[k] = (d, paid, currency)
            day_items.setdefault(d, {"submitted": 0, "skipped": 0, "flagged": 0, "rejected": 0})["rejected"] += 1
            pack_items.setdefault((r.pack, r.version), {"submitted": 0, "skipped": 0, "flagged": 0,
                                                        "rejected": 0})["rejected"] += 1

    earn_cur: dict[str, float] = {}
    earn_day_cur: dict[tuple[date, str], float] = {}
    earn_pack: dict[tuple, float] = {}
    for (p, v, _item), (d, amount, currency) in earned_items.items():
        earn_cur[currency] = earn_cur.get(currency, 0.0) + amount
        earn_day_cur[(d, currency)] = earn_day_cur.get((d, currency), 0.0) + amount
        earn_pack[(p, v)] = earn_pack.get((p, v), 0.0) + amount

    payments = [r for r in repo.rows(kinds=("payment",), start=start, end=end)
                if pack is None or r.pack == pack]
    received: dict[str, float] = {}
    for r in payments:
        c = r.data.get("currency")
        received[c] = received.get(c, 0.0) + float(r.data.get("amount") or 0)

    currencies = sorted(set(cur_secs) | set(earn_cur) | set(received))
    single = currencies[0] if len(currencies) == 1 else None
    if single is not None and free_secs:
        cur_secs[single] = cur_secs.get(single, 0.0) + free_secs
        cur_declared[single] = cur_declared.get(single, 0.0) + free_declared
        for d, s in day_free.items():
            day_cur_secs[(d, single)] = day_cur_secs.get((d, single), 0.0) + s

    ref_amount, ref_currency = reference if reference else (None, None)
    wages: dict[str, Any] = {}
    earnings: dict[str, Any] = {}
    for c in currencies:
        expected = earn_cur.get(c, 0.0)
        hours = cur_secs.get(c, 0.0) / 3600
        work_hours = cur_work.get(c, 0.0) / 3600
        earnings[c] = {"expected": cents(expected), "received": cents(received.get(c, 0.0)),
                       "outstanding": cents(cents(expected) - cents(received.get(c, 0.0)))}
        declared_hours = cur_declared.get(c, 0.0) / 3600
        w = {"counted_hours": round(hours, 4), "work_hours": round(work_hours, 4),
             "declared_hours": round(declared_hours, 4),
             "effective_hourly": _r(_div(expected, hours)), "platform_hourly": _r(_div(expected, work_hours)),
             "measured_effective_hourly": _r(_div(expected, hours - declared_hours)),
             "received_hourly": _r(_div(received.get(c, 0.0), hours)),
             "includes_time_outside_packs": single == c and free_secs > 0}
        if ref_amount is not None and ref_currency == c:
            w["reference_hourly"] = ref_amount
            w["shortfall"] = cents(ref_amount * hours - expected)
        wages[c] = w

    counted_total = sum(totals[c] for c in COUNTED)
    ratios = {
        "unpaid_share": _r(_div(unpaid, counted_total), 4),
        "waiting_to_work": _r(_div(totals["waiting"], totals["work"]), 4),
        "instructions_to_work": _r(_div(totals["instructions"], totals["work"]), 4),
    }

    # ---------------------------------------------------------------- per day, week, pack, lab
    all_days = sorted(set(day_tot) | set(day_items))
    day_list = []
    for d in all_days:
        tot = day_tot.get(d, _zero())
        entry = {"date": d.isoformat(), "totals": {k: round(v, 3) for k, v in tot.items()},
                 "counted_seconds": round(sum(tot[c] for c in COUNTED), 3),
                 "declared_seconds": round(day_declared.get(d, 0.0), 3),
                 "items": day_items.get(d, {"submitted": 0, "skipped": 0, "flagged": 0, "rejected": 0}),
                 "earnings": {}, "wages": {}}
        for c in currencies:
            amount = earn_day_cur.get((d, c), 0.0)
            secs = day_cur_secs.get((d, c), 0.0)
            if amount or secs:
                entry["earnings"][c] = cents(amount)
                entry["wages"][c] = _r(_div(amount, secs / 3600))
        day_list.append(entry)

    weeks: dict[str, dict[str, float]] = {}
    for d in all_days:
        iso = d.isocalendar()
        w = weeks.setdefault(f"{iso[0]}-W{iso[1]:02d}", _zero())
        for k, v in day_tot.get(d, {}).items():
            w[k] += v
    week_list = [{"week": k, "totals": {c: round(s, 3) for c, s in v.items()},
                  "counted_seconds": round(sum(v[c] for c in COUNTED), 3)} for k, v in sorted(weeks.items())]

    pack_list = []
    labs: dict[str, dict[str, float]] = {}
    for key in sorted(set(pack_tot) | set(pack_items), key=lambda k: (k[0] is not None, k[0] or "", k[1] or "")):
        p, v = key
        tot = pack_tot.get(key, _zero())
        if p is None:
            continue
        t_ = _terms_for(terms, p, v, store)
        lab = t_.get("lab") or "?"
        lt = labs.setdefault(lab, _zero())
        for k, s in tot.items():
            lt[k] += s
        items = pack_items.get(key, {"submitted": 0, "skipped": 0, "flagged": 0, "rejected": 0})
        done = items["submitted"] + items["skipped"] + items["flagged"]
        counted = sum(tot[c] for c in COUNTED)
        amount = earn_pack.get(key, 0.0)
        c = t_.get("currency")
        entry = {"pack": p, "version": v, "title": t_.get("title") or p, "lab": t_.get("lab"),
                 "contact": t_.get("contact"),
                 "currency": c, "per_item": t_.get("per_item"),
                 "instructions_paid": bool(t_.get("instructions_paid")), "training_paid": bool(t_.get("training_paid")),
                 "totals": {k: round(s, 3) for k, s in tot.items()}, "counted_seconds": round(counted, 3),
                 "declared_seconds": round(pack_declared.get(key, 0.0), 3), "items": items, "expected_earnings": cents(amount),
                 "seconds_per_item": _r(_div(tot["work"] + tot["training"], done), 1),
                 "estimated_seconds_per_item": t_.get("estimated_seconds_per_item"),
                 "effective_hourly": _r(_div(amount, counted / 3600)) if c else None}
        if ref_amount is not None and c == ref_currency:
            entry["shortfall"] = cents(ref_amount * counted / 3600 - amount)
        pack_list.append(entry)
    outside = pack_tot.get((None, None))
    for lab, tot in free_lab_tot.items():  # declared time and availability mode outside any pack
        lt = labs.setdefault(lab, _zero())
        for k, v in tot.items():
            lt[k] += v
    lab_list = [{"lab": k, "totals": {c: round(s, 3) for c, s in v.items()},
                 "counted_seconds": round(sum(v[c] for c in COUNTED), 3),
                 "declared_seconds": round(lab_declared.get(k, 0.0), 3)} for k, v in sorted(labs.items())]
    measured_tot = {k: totals[k] - declared_tot[k] for k in CATEGORIES}
    withdrawals = [r for r in rows if r.kind == "withdrawal" and (pack is None or r.pack == pack)]

    result: dict[str, Any] = {
        "format": FORMAT,
        "generated_at": _time.time(),
        "period": {"from": None if start is None else start, "to": None if end is None else end, "pack": pack},
        "totals": {k: round(v, 3) for k, v in totals.items()},
        "counted_seconds": round(counted_total, 3),
        "sources": {name: {"totals": {k: round(v, 3) for k, v in tot.items()},
                           "counted_seconds": round(sum(tot[c] for c in COUNTED), 3)}
                    for name, tot in (("measured", measured_tot), ("declared", declared_tot))},
        "outside_packs": {k: round(v, 3) for k, v in (outside or _zero()).items()},
        "items": {k: sum(d["items"].get(k, 0) for d in day_list) for k in ("submitted", "skipped", "flagged",
                                                                            "rejected")},
        "earnings": earnings,
        "wages": wages,
        "ratios": ratios,
        "reference": None if reference is None else {"hourly": ref_amount, "currency": ref_currency},
        "days": day_list,
        "weeks": week_list,
        "packs": pack_list,
        "labs": lab_list,
        "gaps": [{"record": g.seq, "start": g.start, "end": g.end, "seconds": span(g.start, g.end),
                  "reason": g.data.get("reason"), "note": g.data.get("note", "")} for g in gaps],
        "payments": [{"record": r.seq, "t": r.start, "amount": r.data.get("amount"),
                      "currency": r.data.get("currency"), "pack": r.pack, "lab": r.data.get("lab"),
                      "note": r.data.get("note", "")} for r in payments],
        "rejections": [{"record": r.seq, "t": r.start, "pack": r.pack, "version": r.version, "item": r.item,
                        "reason": r.data.get("reason", ""), "paid": r.data.get("paid", 0)} for r in rejections],
        "corrections": [{"record": e.correction.seq, "amends": e.row.seq, "start": e.start, "end": e.end,
                         "from": e.measured_category, "to": e.category, "note": e.note}
                        for _a, _b, e in kept if e.correction is not None],
        "withdrawals": [{"record": r.seq, "withdraws": r.data.get("withdraws"), "start": r.start, "end": r.end,
                         "category": r.category, "note": r.data.get("note", "")} for r in withdrawals],
        "rules": rules(thresholds, rules_version),
    }
    result["_intervals"] = kept
    return result


def interval_dicts(sheet: Mapping[str, Any], terms_lab=None) -> list[dict[str, Any]]:
    """The ``intervals`` of a timesheet as plain dicts (clipped to the period)."""
    labs = {(p["pack"], p["version"]): p.get("lab") for p in sheet["packs"]}
    out = []
    for a, b, e in sheet["_intervals"]:
        out.append({"start": round(a, 3), "end": round(b, 3), "seconds": round(b - a, 3), "category": e.category,
                    "measured_category": e.measured_category, "lab": labs.get((e.pack, e.version)) or e.lab,
                    "pack": e.pack, "version": e.version, "item": e.item, "rule": e.rule, "note": e.note,
                    "record": e.row.seq, "correction": e.correction.seq if e.correction is not None else None,
                    # time the worker declares (record kind "declared") is kept apart from what the app
                    # measured, in every export
                    "source": e.source})
    return out


# ---------------------------------------------------------------------- the API for other parts (issue 8)

def work_seconds_per_item(store: Store, pack_pk: int, categories: Iterable[str] = ("work",)) -> dict[str, float]:
    """``{item_id: seconds}`` of (corrected) time in ``categories`` on each item of a pack.

    Items never worked on are absent. Qt-free; reads the chain only.
    """
    row = store.pack(pack_pk)
    wanted = set(categories)
    out: dict[str, float] = {}
    for e in effective_intervals(MeterRepository(store).rows(kinds=("interval", "correction"))):
        if e.pack == row.pack_id and e.version in (row.version, None) and e.item is not None \
                and e.category in wanted:
            out[e.item] = out.get(e.item, 0.0) + (e.end - e.start)
    return {k: round(v, 3) for k, v in out.items()}


def category_totals(store: Store, pack_pk: int) -> dict[str, float]:
    """``{category: seconds}`` spent on a pack, every category present (0 when none). Qt-free."""
    row = store.pack(pack_pk)
    out = _zero()
    for e in effective_intervals(MeterRepository(store).rows(kinds=("interval", "correction"))):
        if e.pack == row.pack_id and e.version in (row.version, None):
            out[e.category] += e.end - e.start
    return {k: round(v, 3) for k, v in out.items()}
