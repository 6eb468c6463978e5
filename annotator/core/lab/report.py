"""``annotator results report``: what a pack really pays per hour, from workers' bundles.

Per pack version: the median and spread of work seconds per item against the lab's
estimate, the hourly rate the piece rate implies at the median, the unpaid overhead
workers shared (instructions, training, waiting), and the bonus per item that brings
the median worker to a minimum wage — the Fair Work formula (Whiting, Hugh and
Bernstein, HCOMP 2019): ``bonus = max(0, wage × median_seconds / 3600 − piece_rate)``.
Every formula is printed in the report. Qt-free; the chart and the PDF are drawn by
:mod:`annotator.ui.lab_report`.

A bundle is its worker's word: the pay terms come from the pack the lab holds when it is
given (``--pack``) or imported; otherwise from the bundles only when every bundle of that pack
content says the same, and bundles that disagree are refused (never the first one's word). Every
figure is checked to be finite and in range before it is printed; bundle strings are escaped
(:mod:`annotator.core.safetext`). See ``docs/security.md``, "Results bundles".
"""
from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from annotator.core import safetext
from annotator.core.lab import checks
from annotator.core.lab.bundle import Bundle

OVERHEAD = ("instructions", "training", "waiting")

FORMULAS = [
    "Work seconds per item: the time the worker's meter counted as 'work' on the item (never break or away "
    "time), from the submitted, non-training items of every bundle.",
    "Implied hourly rate = pay per item × 3600 / median work seconds per item.",
    "Unpaid overhead: instructions (unless the pack pays them), training (unless the pack pays it) and "
    "waiting on the pack, as the workers shared them.",
    "Fair Work bonus per item = max(0, minimum wage × median work seconds / 3600 − pay per item) "
    "(Whiting, Hugh and Bernstein, HCOMP 2019).",
    "Currencies are never converted: a minimum wage in another currency is not compared.",
    "Prelabels (with the pack the lab holds): for each submitted item that started from a machine's work, "
    "what the worker kept of it, as the pack's plugin measures it (images: the mean IoU of same-label shapes "
    "matched one to one between the prelabel and the final annotation, a shape without a match counting 0); "
    "untouched = kept exactly, nothing added.",
]


#: the largest pay per item the report believes (in the pack's currency); above, it is left out
MAX_PAY = 1_000_000.0
#: the largest hourly figure the report prints
MAX_RATE = 1_000_000_000.0
CURRENCY_RE = re.compile(r"[A-Z]{3}")
PAY_KEYS = ("currency", "per_item", "estimated_seconds_per_item", "instructions_paid", "training_paid",
            "rejection_policy")


def sane(value: Any, low: float, high: float) -> float | None:
    """``value`` as a float when it is a finite number from ``low`` to ``high``, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        value = float(value)
    except OverflowError:
        return None
    return value if math.isfinite(value) and low <= value <= high else None


def clean_pay(raw: Any) -> tuple[dict[str, Any], list[str]]:
    """The ``[pay]`` terms the report uses, and a note for each value it could not believe."""
    pay: dict[str, Any] = {}
    notes: list[str] = []
    raw = raw if isinstance(raw, Mapping) else {}
    currency = raw.get("currency")
    if isinstance(currency, str) and CURRENCY_RE.fullmatch(currency):
        pay["currency"] = currency
    elif currency is not None:
        notes.append(f"the currency {checks.shown(currency)} is not a three-letter code: left out")
    for key, low, high in (("per_item", 0.0, MAX_PAY), ("estimated_seconds_per_item", 1e-3, checks.MAX_ITEM_SECONDS)):
        value = raw.get(key)
        if value is None:
            continue
        number = sane(value, low, high)
        if number is None:
            notes.append(f"{key} {checks.shown(value)} is not a number from {low:g} to {high:,.0f}: left out")
        else:
            pay[key] = number
    for key in ("instructions_paid", "training_paid"):
        if isinstance(raw.get(key), bool):
            pay[key] = raw[key]
    if isinstance(raw.get("rejection_policy"), str):
        pay["rejection_policy"] = raw["rejection_policy"][:500]
    return pay, notes


def quantile(values: list[float], q: float) -> float:
    """Linear-interpolated quantile (the 'inclusive' method), ``values`` sorted."""
    if len(values) == 1:
        return values[0]
    pos = q * (len(values) - 1)
    low = int(pos)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (pos - low)


@dataclass
class PrelabelChange:
    """How much workers changed the machine's work they started from (``TaskPlugin.prelabel_change``)."""

    #: submitted results of items with machine work, measured by the plugin
    items: int = 0
    #: what each kept of the machine's work: 1.0 kept as it was, 0.0 nothing kept
    values: list[float] = field(default_factory=list)
    #: the plugin's failure, in words (measuring stopped there)
    failed: str | None = None

    @property
    def untouched(self) -> int:
        return sum(1 for v in self.values if v >= 1.0 - 1e-9)

    @property
    def changed(self) -> int:
        return len(self.values) - self.untouched

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.values) if self.values else None

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "mean_kept": self.mean, "untouched": self.untouched, "changed": self.changed,
                "failed": self.failed}


def prelabel_change(plugin, kind: str, task: Mapping[str, Any], pairs: Iterable[tuple[Mapping, Any]]) -> PrelabelChange:
    """The plugin's :meth:`~annotator.plugin_api.TaskPlugin.prelabel_change` over ``(item, annotation)``
    pairs; a plugin that raises or returns anything but a number from 0 to 1 (or ``None``) is
    named in :attr:`PrelabelChange.failed` and asked no more: the report goes on without it."""
    found = PrelabelChange()
    measure = getattr(plugin, "prelabel_change", None)
    if measure is None:
        return found
    for item, annotation in pairs:
        try:
            value = measure(item, annotation, task)
            if value is None:
                continue
            number = sane(value, 0.0, 1.0)
            if number is None:
                raise ValueError(f"it returned {checks.shown(value)}, not a number from 0 to 1")
        except Exception as exc:  # a plugin's failure is reported, never fatal
            found.failed = (f"the {kind} plugin failed to measure how much workers changed the prelabels: "
                            f"{type(exc).__name__}: {exc}")[:300]
            return found
        found.items += 1
        found.values.append(number)
    return found


@dataclass
class PackFigures:
    pack: dict[str, Any]
    workers: list[str]
    seconds: list[float] = field(default_factory=list)
    overhead: dict[str, float] = field(default_factory=dict)
    overhead_workers: int = 0
    work_total: float = 0.0
    items_done: int = 0
    minimum_wage: float | None = None
    wage_currency: str | None = None
    #: where the pay terms come from: "pack" (the pack the lab holds) or "bundles" (all agreeing)
    terms_from: str = "bundles"
    #: what the report could not believe and left out, in words
    notes: list[str] = field(default_factory=list)
    #: how much workers changed the items' prelabels (measured only with the pack the lab holds)
    prelabels: PrelabelChange | None = None

    def __post_init__(self) -> None:
        self._pay, notes = clean_pay(self.pack.get("pay"))
        self.notes += notes

    # ---------------------------------------------------------------- derived
    @property
    def pay(self) -> dict[str, Any]:
        return self._pay

    @property
    def currency(self) -> str | None:
        return self.pay.get("currency")

    @property
    def per_item(self) -> float | None:
        return self.pay.get("per_item")

    @property
    def estimate(self) -> float | None:
        return self.pay.get("estimated_seconds_per_item")

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    def spread(self) -> dict[str, float] | None:
        if not self.seconds:
            return None
        s = sorted(self.seconds)
        return {"p10": quantile(s, 0.10), "p25": quantile(s, 0.25), "p75": quantile(s, 0.75),
                "p90": quantile(s, 0.90), "min": s[0], "max": s[-1], "mean": statistics.fmean(s)}

    @property
    def implied_rate(self) -> float | None:
        if self.per_item is None or not self.median:
            return None
        return sane(self.per_item * 3600.0 / self.median, 0.0, MAX_RATE)

    @property
    def rate_at_estimate(self) -> float | None:
        if self.per_item is None or not self.estimate:
            return None
        return sane(self.per_item * 3600.0 / self.estimate, 0.0, MAX_RATE)

    def unpaid_overhead(self) -> dict[str, float]:
        paid = {"instructions": bool(self.pay.get("instructions_paid")), "training": bool(self.pay.get("training_paid")),
                "waiting": False}
        return {c: s for c, s in self.overhead.items() if not paid.get(c, False)}

    @property
    def unpaid_share(self) -> float | None:
        unpaid = sum(self.unpaid_overhead().values())
        total = unpaid + self.work_total
        return sane(unpaid / total, 0.0, 1.0) if total > 0 else None

    @property
    def wage_comparable(self) -> bool:
        return self.minimum_wage is not None and self.wage_currency == self.currency

    @property
    def bonus_per_item(self) -> float | None:
        if not self.wage_comparable or self.per_item is None or self.median is None:
            return None
        return sane(max(0.0, self.minimum_wage * self.median / 3600.0 - self.per_item), 0.0, MAX_RATE)

    @property
    def median_over_estimate(self) -> float | None:
        if not self.median or not self.estimate:
            return None
        return sane(self.median / self.estimate, 0.0, MAX_RATE)

    def as_dict(self) -> dict[str, Any]:
        return {
            "pack": {k: self.pack.get(k) if isinstance(self.pack.get(k), str) else None
                     for k in ("id", "version", "title", "lab", "kind", "content_hash")},
            "pay": self.pay, "pay_terms_from": self.terms_from, "workers": len(self.workers),
            "items_done": self.items_done,
            "work_seconds_per_item": {"n": len(self.seconds), "median": self.median, **(self.spread() or {})},
            "estimate_seconds": self.estimate,
            "median_over_estimate": self.median_over_estimate,
            "implied_hourly_rate": self.implied_rate, "hourly_rate_at_estimate": self.rate_at_estimate,
            "overhead_seconds": self.overhead, "unpaid_overhead_seconds": self.unpaid_overhead(),
            "overhead_shared_by": self.overhead_workers, "unpaid_share": self.unpaid_share,
            "minimum_wage": self.minimum_wage, "minimum_wage_currency": self.wage_currency,
            "fair_work_bonus_per_item": self.bonus_per_item, "notes": list(self.notes),
            "prelabels": self.prelabels.as_dict() if self.prelabels is not None else None,
        }


#: what bundles of one pack content must agree on when no pack is at hand (what the report prints)
AGREED = ("title", "lab", "kind", "pay")


@dataclass
class Report:
    figures: list[PackFigures]
    #: bundles left out, one line each, naming the bundle and why
    refused: list[str] = field(default_factory=list)


def _disagreement(group: list[Bundle]) -> str | None:
    """What the bundles of one pack content do not agree on, or ``None``."""
    for key in AGREED:
        values = {checks.shown(b.pack.get(key), 200) for b in group}
        if len(values) > 1:
            return key
    return None


def assemble(bundles: Iterable[Bundle], minimum_wage: float | None = None, currency: str | None = None,
             held: Mapping[tuple[str, str, str], Any] | None = None) -> Report:
    """The figures per pack version, with the bundles left out and why.

    ``held`` maps a pack's ``(id, version, content hash)`` to the
    :class:`~annotator.core.lab.checks.PackCheck` of the pack the lab holds: its bundles are
    checked against it and its pay terms, title and lab are used. For a pack not held, the
    bundles' terms are used only when they all agree.
    """
    held = held or {}
    report = Report([])
    groups: dict[tuple[str, str, str], list[Bundle]] = {}
    seen: dict[tuple, str] = {}
    for b in bundles:
        pack = held.get(b.pack_key)
        found = checks.problems(b, pack)
        if found:
            report.refused.append(str(checks.refusal(b, found)))
            continue
        group = groups.setdefault(b.pack_key, [])
        first = seen.get((b.pack_key, b.public_key)) or next((o.path.name for o in group if o.pseudonym == b.pseudonym),
                                                             None)
        if first is not None:
            report.refused.append(f"{b.path.name}: refused: a second bundle of the same worker for "
                                  f"{b.pack['id']} {b.pack['version']} (the first: {first}); one bundle per worker")
            continue
        seen[(b.pack_key, b.public_key)] = b.path.name
        group.append(b)
    for key, group in groups.items():
        pack = held.get(key)
        if pack is not None:
            doc = dict(group[0].pack, title=pack.info.title, lab=pack.lab, kind=pack.info.kind, pay=dict(pack.pay))
            differ = [b for b in group if any(checks.shown(b.pack.get(k), 200) != checks.shown(doc.get(k), 200)
                                              for k in AGREED)]
            for b in differ:
                report.refused.append(f"{b.path.name}: refused: its pack terms differ from the pack the lab holds "
                                      f"({', '.join(k for k in AGREED if b.pack.get(k) != doc.get(k))})")
            group = [b for b in group if b not in differ]
            source = "pack"
        else:
            field_ = _disagreement(group)
            if field_ is not None:
                names = ", ".join(b.path.name for b in group)
                report.refused += [f"{b.path.name}: refused: the bundles for {checks.shown(key[0])} {checks.shown(key[1])} "
                                   f"disagree on the pack's {field_} ({names}); give the pack with --pack PATH"
                                   for b in group]
                continue
            doc, source = dict(group[0].pack), "bundles"
        if group:
            report.figures.append(_figures(group, doc, source, minimum_wage, currency, pack))
    return report


def _figures(group: list[Bundle], doc: dict, source: str, minimum_wage, currency, pack=None) -> PackFigures:
    fig = PackFigures(doc, [], overhead=dict.fromkeys(OVERHEAD, 0.0), minimum_wage=minimum_wage,
                      wage_currency=currency, terms_from=source)
    if pack is not None and pack.plugin is not None:  # the items' prelabels are in the pack the lab holds
        submitted = ((pack.items[r["id"]], r.get("annotation")) for b in group for r in b.results()
                     if r.get("state") == "submitted" and r.get("id") in pack.items)
        fig.prelabels = prelabel_change(pack.plugin, pack.info.kind, pack.info.task, submitted)
    for b in group:  # checked: seconds are finite and in range, totals too
        fig.workers.append(b.pseudonym)
        per_item = b.timing.get("work_seconds_per_item") or {}
        for record in b.results():
            if record.get("state") != "submitted":
                continue
            fig.items_done += 1
            seconds = per_item.get(record["id"])
            if not record.get("training") and isinstance(seconds, (int, float)) and seconds > 0:
                fig.seconds.append(float(seconds))
                fig.work_total += float(seconds)
        totals = b.timing.get("category_totals")
        if isinstance(totals, dict):
            fig.overhead_workers += 1
            for category in OVERHEAD:
                value = totals.get(category)
                if isinstance(value, (int, float)):
                    fig.overhead[category] += float(value)
    return fig


def figures(bundles: Iterable[Bundle], minimum_wage: float | None = None, currency: str | None = None,
            held: Mapping[tuple[str, str, str], Any] | None = None) -> list[PackFigures]:
    """One :class:`PackFigures` per pack version, in the order first seen (see :func:`assemble`)."""
    return assemble(bundles, minimum_wage, currency, held).figures


# --------------------------------------------------------------------------- rendering


def _money(value: float | None, currency: str | None, stated: bool = False) -> str:
    from annotator.core.units import money  # the one money formatter

    return money(value, currency, group_separator=",", stated=stated)


def _secs(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f} s"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def rows(fig: PackFigures) -> list[tuple[str, str]]:
    spread = fig.spread()
    cur = fig.currency
    out = [
        ("Pay terms from", "the pack the lab holds" if fig.terms_from == "pack" else
         f"the bundles ({len(fig.workers)} agree; not checked against the pack: give --pack PATH)"),
        ("Workers (bundles)", str(len(fig.workers))),
        ("Items submitted", str(fig.items_done)),
        ("Work seconds per item, median", _secs(fig.median)),
        ("— middle half (p25–p75)", f"{_secs(spread['p25'])} – {_secs(spread['p75'])}" if spread else "—"),
        ("— p10–p90", f"{_secs(spread['p10'])} – {_secs(spread['p90'])}" if spread else "—"),
        ("Lab's estimate per item", _secs(fig.estimate)),
        ("Median / estimate", "—" if fig.median_over_estimate is None else f"{fig.median_over_estimate:.2f} ×"),
        ("Pay per item", _money(fig.per_item, cur, stated=True)),
        ("Hourly rate at the lab's estimate", _money(fig.rate_at_estimate, cur)),
        ("Hourly rate implied at the median", _money(fig.implied_rate, cur)),
    ]
    for category in OVERHEAD:
        paid = {"instructions": fig.pay.get("instructions_paid"), "training": fig.pay.get("training_paid")}.get(category)
        label = f"{category.capitalize()} shared ({'paid' if paid else 'unpaid'})"
        out.append((label, f"{fig.overhead.get(category, 0.0) / 60:,.1f} min"))
    out.append(("Unpaid overhead / (overhead + work)", _pct(fig.unpaid_share)))
    if fig.minimum_wage is not None:
        out.append(("Minimum wage", _money(fig.minimum_wage, fig.wage_currency) + " / h"))
        if fig.wage_comparable:
            out.append(("Fair Work bonus per item", _money(fig.bonus_per_item, cur)))
        else:
            out.append(("Fair Work bonus per item", f"not computed: pay is in {cur}, the wage in {fig.wage_currency}"))
    change = fig.prelabels
    if change is not None and (change.items or change.failed):
        out.append(("Items submitted from prelabels", str(change.items)))
        if change.items:
            out.append(("— share of the prelabel kept, mean (1 = untouched)", f"{change.mean:.3f}"))
            out.append(("— untouched / changed", f"{change.untouched} / {change.changed}"))
        if change.failed:
            out.append(("Left out", change.failed))
    out += [("Left out", note) for note in fig.notes]
    return out


def _title(p: Mapping[str, Any], escape) -> str:
    title = p.get("title") if isinstance(p.get("title"), str) else p.get("id")
    return f"{escape(title)} — {escape(p.get('id'))} {escape(p.get('version'))}"


def markdown(figs: list[PackFigures], charts: dict[str, str] | None = None) -> str:
    """The report in Markdown; every string from a pack or a bundle is escaped (never markup)."""
    md = safetext.markdown
    lines = ["# What the packs really pay", ""]
    for fig in figs:
        p = fig.pack
        lines += [f"## {_title(p, md)}", "",
                  f"Lab: {md(p.get('lab', ''))}. Pack content {md(p.get('content_hash', ''))}.", "",
                  "| | |", "|---|---|"]
        # the rows are this module's words and checked numbers; only the notes quote a bundle's values
        lines += [f"| {k} | {md(v) if k == 'Left out' else v} |" for k, v in rows(fig)]
        chart = (charts or {}).get(f"{p['id']}@{p['version']}")
        if chart:
            lines += ["", f"![Work seconds per item]({chart})"]
        lines.append("")
    lines += ["## How these figures are computed", ""] + [f"- {md(f)}" for f in FORMULAS] + [""]
    return "\n".join(lines)


def html_page(figs: list[PackFigures], charts: dict[str, str] | None = None, image_width: int = 760) -> str:
    """The report as one HTML page; every string from a pack or a bundle is escaped (never markup)."""
    h = safetext.html
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>What the packs really pay</title>",
             "<style>body{font-family:sans-serif;max-width:860px;margin:2em auto;color:#202124}"
             "table{border-collapse:collapse}td{border-bottom:1px solid #ddd;padding:4px 12px}"
             "td:first-child{color:#5f6368}</style></head><body>",
             "<h1>What the packs really pay</h1>"]
    for fig in figs:
        p = fig.pack
        parts.append(f"<h2>{_title(p, h)}</h2>")
        parts.append(f"<p>Lab: {h(p.get('lab', ''))}. Pack content <code>{h(p.get('content_hash', ''))}</code>.</p>"
                     "<table>")
        parts += [f"<tr><td>{h(k)}</td><td>{h(v)}</td></tr>" for k, v in rows(fig)]
        parts.append("</table>")
        chart = (charts or {}).get(f"{p['id']}@{p['version']}")
        if chart:
            parts.append(f"<p><img src='{h(chart)}' alt='Work seconds per item' width='{int(image_width)}'></p>")
    parts.append("<h2>How these figures are computed</h2><ul>")
    parts += [f"<li>{h(f)}</li>" for f in FORMULAS]
    parts.append("</ul></body></html>")
    return "\n".join(parts)
