"""``annotator results report``: what a pack really pays per hour, from workers' bundles.

Per pack version: the median and spread of work seconds per item against the lab's
estimate, the hourly rate the piece rate implies at the median, the unpaid overhead
workers shared (instructions, training, waiting), and the bonus per item that brings
the median worker to a minimum wage — the Fair Work formula (Whiting, Hugh and
Bernstein, HCOMP 2019): ``bonus = max(0, wage × median_seconds / 3600 − piece_rate)``.
Every formula is printed in the report. Qt-free; the chart and the PDF are drawn by
:mod:`annotator.ui.lab_report`.
"""
from __future__ import annotations

import html
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable

from annotator.core.lab.bundle import Bundle
from annotator.core.packs import PayTerms

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
]


def quantile(values: list[float], q: float) -> float:
    """Linear-interpolated quantile (the 'inclusive' method), ``values`` sorted."""
    if len(values) == 1:
        return values[0]
    pos = q * (len(values) - 1)
    low = int(pos)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (pos - low)


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

    # ---------------------------------------------------------------- derived
    @property
    def pay(self) -> dict[str, Any]:
        return self.pack.get("pay") or {}

    @property
    def currency(self) -> str | None:
        return PayTerms(self.pay).currency

    @property
    def per_item(self) -> float | None:
        return PayTerms(self.pay).per_item

    @property
    def estimate(self) -> float | None:
        return PayTerms(self.pay).estimated_seconds

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
        return self.per_item * 3600.0 / self.median

    @property
    def rate_at_estimate(self) -> float | None:
        return PayTerms(self.pay).implied_hourly_rate

    def unpaid_overhead(self) -> dict[str, float]:
        paid = {"instructions": bool(self.pay.get("instructions_paid")), "training": bool(self.pay.get("training_paid")),
                "waiting": False}
        return {c: s for c, s in self.overhead.items() if not paid.get(c, False)}

    @property
    def unpaid_share(self) -> float | None:
        unpaid = sum(self.unpaid_overhead().values())
        total = unpaid + self.work_total
        return unpaid / total if total else None

    @property
    def wage_comparable(self) -> bool:
        return self.minimum_wage is not None and self.wage_currency == self.currency

    @property
    def bonus_per_item(self) -> float | None:
        if not self.wage_comparable or self.per_item is None or self.median is None:
            return None
        return max(0.0, self.minimum_wage * self.median / 3600.0 - self.per_item)

    def as_dict(self) -> dict[str, Any]:
        return {
            "pack": {k: self.pack.get(k) for k in ("id", "version", "title", "lab", "kind", "content_hash")},
            "pay": self.pay, "workers": len(self.workers), "items_done": self.items_done,
            "work_seconds_per_item": {"n": len(self.seconds), "median": self.median, **(self.spread() or {})},
            "estimate_seconds": self.estimate,
            "median_over_estimate": (self.median / self.estimate) if self.median and self.estimate else None,
            "implied_hourly_rate": self.implied_rate, "hourly_rate_at_estimate": self.rate_at_estimate,
            "overhead_seconds": self.overhead, "unpaid_overhead_seconds": self.unpaid_overhead(),
            "overhead_shared_by": self.overhead_workers, "unpaid_share": self.unpaid_share,
            "minimum_wage": self.minimum_wage, "minimum_wage_currency": self.wage_currency,
            "fair_work_bonus_per_item": self.bonus_per_item,
        }


def figures(bundles: Iterable[Bundle], minimum_wage: float | None = None,
            currency: str | None = None) -> list[PackFigures]:
    """One :class:`PackFigures` per pack version, in the order first seen."""
    out: dict[tuple[str, str, str], PackFigures] = {}
    for b in bundles:
        key = b.pack_key
        fig = out.get(key)
        if fig is None:
            fig = out[key] = PackFigures(dict(b.pack), [], overhead=dict.fromkeys(OVERHEAD, 0.0),
                                         minimum_wage=minimum_wage, wage_currency=currency)
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
    return list(out.values())


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
        ("Workers (bundles)", str(len(fig.workers))),
        ("Items submitted", str(fig.items_done)),
        ("Work seconds per item, median", _secs(fig.median)),
        ("— middle half (p25–p75)", f"{_secs(spread['p25'])} – {_secs(spread['p75'])}" if spread else "—"),
        ("— p10–p90", f"{_secs(spread['p10'])} – {_secs(spread['p90'])}" if spread else "—"),
        ("Lab's estimate per item", _secs(fig.estimate)),
        ("Median / estimate", f"{fig.median / fig.estimate:.2f} ×" if fig.median and fig.estimate else "—"),
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
    return out


def markdown(figs: list[PackFigures], charts: dict[str, str] | None = None) -> str:
    lines = ["# What the packs really pay", ""]
    for fig in figs:
        p = fig.pack
        lines += [f"## {p.get('title', p['id'])} — {p['id']} {p['version']}", "",
                  f"Lab: {p.get('lab', '')}. Pack content {p.get('content_hash', '')}.", "",
                  "| | |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in rows(fig)]
        chart = (charts or {}).get(f"{p['id']}@{p['version']}")
        if chart:
            lines += ["", f"![Work seconds per item]({chart})"]
        lines.append("")
    lines += ["## How these figures are computed", ""] + [f"- {f}" for f in FORMULAS] + [""]
    return "\n".join(lines)


def html_page(figs: list[PackFigures], charts: dict[str, str] | None = None, image_width: int = 760) -> str:
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>What the packs really pay</title>",
             "<style>body{font-family:sans-serif;max-width:860px;margin:2em auto;color:#202124}"
             "table{border-collapse:collapse}td{border-bottom:1px solid #ddd;padding:4px 12px}"
             "td:first-child{color:#5f6368}</style></head><body>",
             "<h1>What the packs really pay</h1>"]
    for fig in figs:
        p = fig.pack
        parts.append(f"<h2>{html.escape(str(p.get('title', p['id'])))} — {html.escape(p['id'])} "
                     f"{html.escape(p['version'])}</h2>")
        parts.append(f"<p>Lab: {html.escape(str(p.get('lab', '')))}. Pack content "
                     f"<code>{html.escape(str(p.get('content_hash', '')))}</code>.</p><table>")
        parts += [f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in rows(fig)]
        parts.append("</table>")
        chart = (charts or {}).get(f"{p['id']}@{p['version']}")
        if chart:
            parts.append(f"<p><img src='{chart}' alt='Work seconds per item' width='{image_width}'></p>")
    parts.append("<h2>How these figures are computed</h2><ul>")
    parts += [f"<li>{html.escape(f)}</li>" for f in FORMULAS]
    parts.append("</ul></body></html>")
    return "\n".join(parts)
