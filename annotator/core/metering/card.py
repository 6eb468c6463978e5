"""The lab report card: what a worker's own record says about each lab, signed, to share by choice.

What Turkopticon and FairCrowdWork ask workers to write by hand, measured here, per lab:
the effective hourly wage, the unpaid share by category, the real time per item against the
lab's estimate, the rejection rate and the pay it cost, and the time from submission to
payment. The worker chooses what to share (``share``) and whether the chain records go with
it (``evidence``): with them, whoever merges the cards recomputes every figure; without
them, the figures are only signed.

A card (``annotator-lab-card/1``) is JSON signed with the installation's Ed25519 key (the
canonical JSON without ``signature``), or Markdown for people, signed over its text.
``merge`` verifies each card, refuses tampered ones and duplicates (the same key twice),
and gives per lab the median and the spread over workers.
"""
from __future__ import annotations

import statistics
from typing import Any, Iterable, Mapping

from annotator.core import keys
from annotator.core.errors import UserError
from annotator.core.metering import chain
from annotator.core.metering.engine import COUNTED
from annotator.core.metering.repository import MeterRepository, Row, _row
from annotator.core.metering.timesheet import compute
from annotator.core.safetext import markdown
from annotator.core.store import Store
from annotator.core.units import cents, duration, money

FORMAT = "annotator-lab-card/1"
SHARES = ("wage", "unpaid", "time_per_item", "rejections", "payment_delay")
_MD_SIG = "<!-- annotator-lab-card signature: "


# ---------------------------------------------------------------------- the figures

def _lab_of(sheet_packs: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    return {p["pack"]: p["lab"] for p in sheet_packs}


def lab_records(store: Store, start=None, end=None) -> dict[str, list[Row]]:
    """The chain records about each lab: its packs' records and terms, and payments naming it."""
    repo = MeterRepository(store)
    labs_of_pack: dict[str, str] = {}
    for r in repo.rows(kinds=("pack",)):
        lab = r.data.get("lab")
        if lab:
            labs_of_pack.setdefault(r.pack, str(lab))
    out: dict[str, list[Row]] = {}
    for r in repo.rows(start=start, end=end):
        lab = labs_of_pack.get(r.pack) if r.pack else None
        if r.kind == "payment" and r.data.get("lab"):
            lab = str(r.data["lab"])
        if lab is not None and r.kind != "gap":
            out.setdefault(lab, []).append(r)
    pack_rows = list(repo.rows(kinds=("pack",)))
    for rows in out.values():  # every pack record of the lab's packs, whatever the period
        packs, have = {r.pack for r in rows}, {r.seq for r in rows}
        rows.extend(r for r in pack_rows if r.pack in packs and r.seq not in have)
        rows.sort(key=lambda r: r.seq)
    return out


def _weighted_median(pairs: list[tuple[float, float]]) -> float | None:
    pairs = sorted(p for p in pairs if p[1] > 0)
    total = sum(w for _, w in pairs)
    if not total:
        return None
    acc = 0.0
    for value, weight in pairs:
        acc += weight
        if acc >= total / 2:
            return value
    return pairs[-1][0]


def figures(rows: list[Row], share: Iterable[str], start=None, end=None) -> dict[str, Any]:
    """The card's figures for one lab, from that lab's records alone (the same at making and merging)."""
    from annotator.core.metering.verify import Records

    share = set(share)
    sheet = compute(None, start=start, end=end, repo=Records(rows), library=False)
    packs = [p for p in sheet["packs"] if p["items"]["submitted"] or p["counted_seconds"]]
    counted = sum(p["counted_seconds"] for p in packs)
    out: dict[str, Any] = {"packs": sorted({p["title"] for p in packs}), "counted_seconds": counted,
                           "items_submitted": sum(p["items"]["submitted"] for p in packs)}
    if "wage" in share:
        wages = {}
        for cur in sorted({p["currency"] for p in packs if p["currency"]}):
            mine = [p for p in packs if p["currency"] == cur]
            secs = sum(p["counted_seconds"] for p in mine)
            earned = cents(sum(p["expected_earnings"] for p in mine))
            wages[cur] = {"expected": earned, "counted_seconds": secs,
                          "effective_hourly": cents(earned / (secs / 3600)) if secs else None}
        out["wage"] = wages
    if "unpaid" in share:
        unpaid = dict.fromkeys(COUNTED, 0.0)
        for p in packs:
            for cat in COUNTED:
                paid = (cat == "work" and p["per_item"]) or (cat == "training" and p["training_paid"]) or \
                    (cat == "instructions" and p["instructions_paid"])
                if not paid:
                    unpaid[cat] += p["totals"][cat]
        out["unpaid"] = {"share": round(sum(unpaid.values()) / counted, 4) if counted else None,
                         "by_category": {c: round(s / counted, 4) if counted else None for c, s in unpaid.items()
                                         if s}}
    if "time_per_item" in share:
        out["time_per_item"] = [{"pack": p["title"], "seconds_per_item": p["seconds_per_item"],
                                 "estimated_seconds_per_item": p["estimated_seconds_per_item"],
                                 "ratio": round(p["seconds_per_item"] / p["estimated_seconds_per_item"], 3)
                                 if p["seconds_per_item"] and p["estimated_seconds_per_item"] else None}
                                for p in packs]
    if "rejections" in share:
        per_item = {(p["pack"], p["version"]): (p["per_item"], p["currency"]) for p in sheet["packs"]}
        lost: dict[str, float] = {}
        for r in sheet["rejections"]:
            amount, cur = per_item.get((r["pack"], r["version"]), (None, None))
            if amount is not None and cur:
                lost[cur] = cents(lost.get(cur, 0.0) + max(0.0, float(amount) - float(r["paid"] or 0)))
        submitted = out["items_submitted"]
        out["rejections"] = {"rejected": len(sheet["rejections"]),
                             "rate": round(len(sheet["rejections"]) / submitted, 4) if submitted else None,
                             "pay_lost": lost}
    if "payment_delay" in share:
        out["payment_delay"] = _payment_delay(sheet)
    return out


def _payment_delay(sheet: Mapping[str, Any]) -> dict[str, Any]:
    """Days from the day an amount was earned to the payment that covered it (first earned, first paid)."""
    from datetime import date, datetime, timezone

    out: dict[str, Any] = {}
    currencies = sorted({c for d in sheet["days"] for c in d["earnings"]} | {p["currency"] for p in sheet["payments"]})
    for cur in currencies:
        queue = [[date.fromisoformat(d["date"]), d["earnings"][cur]] for d in sheet["days"]
                 if d["earnings"].get(cur)]
        delays: list[tuple[float, float]] = []
        for pay in sorted((p for p in sheet["payments"] if p["currency"] == cur), key=lambda p: p["t"]):
            left = float(pay["amount"] or 0)
            paid_on = datetime.fromtimestamp(pay["t"], timezone.utc).date()
            while left > 1e-9 and queue and queue[0][0] <= paid_on:
                take = min(left, queue[0][1])
                delays.append(((paid_on - queue[0][0]).days, take))
                queue[0][1] -= take
                left -= take
                if queue[0][1] <= 1e-9:
                    queue.pop(0)
        waiting = cents(sum(q[1] for q in queue))
        out[cur] = {"median_days": _weighted_median(delays), "paid": cents(sum(w for _, w in delays)),
                    "not_yet_paid": waiting}
    return out


# ---------------------------------------------------------------------- making and checking a card

def make(store: Store, *, lab: str | None = None, share: Iterable[str] = SHARES, evidence: bool = True,
         start=None, end=None) -> dict[str, Any]:
    share = [s for s in SHARES if s in set(share)]
    by_lab = lab_records(store, start, end)
    if lab is not None:
        if lab not in by_lab:
            raise UserError(f"no lab {lab!r} in the timesheet (labs: {', '.join(sorted(by_lab)) or 'none'})")
        by_lab = {lab: by_lab[lab]}
    if not by_lab:
        raise UserError("the timesheet has no time on any lab's pack yet")
    sections = []
    for name, rows in sorted(by_lab.items()):
        section = {"lab": name, "figures": figures(rows, share, start, end)}
        if evidence:
            section["records"] = [r.as_dict(raw_data=True) for r in rows]
        sections.append(section)
    key = keys.load_or_create(store.data_dir)
    card = {"format": FORMAT, "period": {"from": start, "to": end}, "share": share, "labs": sections,
            "public_key": key.public_b64, "fingerprint": key.fingerprint}
    card["signature"] = key.sign(chain.canonical(card).encode("utf-8"))
    return card


def check(card: Any, name: str) -> tuple[dict | None, str]:
    """``(card, "")`` when it verifies, else ``(None, why)``: signature, computed fingerprint, evidence."""
    if not isinstance(card, dict) or card.get("format") != FORMAT or not isinstance(card.get("labs"), list):
        return None, f"{name} is not a lab report card ({FORMAT})"
    public = card.get("public_key")
    body = {k: v for k, v in card.items() if k != "signature"}
    try:
        fingerprint = keys.fingerprint_of(public)
    except (ValueError, TypeError):
        return None, f"{name}: its public key is not an Ed25519 key"
    if not keys.verify(public, chain.canonical(body).encode("utf-8"), str(card.get("signature", ""))):
        return None, f"{name}: the signature does not match (the card was changed after it was signed)"
    if card.get("fingerprint") != fingerprint:
        return None, f"{name}: it names the fingerprint {card.get('fingerprint')!r} but its key's is {fingerprint}"
    share = card.get("share") if isinstance(card.get("share"), list) else []
    period = card.get("period") if isinstance(card.get("period"), dict) else {}
    for section in card["labs"]:
        if not isinstance(section, dict) or not isinstance(section.get("lab"), str) \
                or not isinstance(section.get("figures"), dict):
            return None, f"{name}: a lab section is not one"
        records = section.get("records")
        if records is None:
            continue
        from annotator.core.metering.verify import _COLUMN_TYPES, _record_problem

        if not isinstance(records, list) or any(_record_problem(r) for r in records):
            return None, f"{name}: the records of {section['lab']!r} are not chain records"
        problem, *_ = chain.verify_rows(records, complete=False)
        if problem is not None:
            return None, f"{name}: {section['lab']!r}: {problem}"
        try:
            again = figures([_row({c: r.get(c) for c in _COLUMN_TYPES}) for r in records], share,
                            period.get("from"), period.get("to"))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            return None, f"{name}: {section['lab']!r}: its figures cannot be recomputed ({exc})"
        if again != section["figures"]:
            return None, f"{name}: {section['lab']!r}: the figures do not follow from its records"
    return card, ""


# ---------------------------------------------------------------------- Markdown

def markdown_text(card: Mapping[str, Any]) -> str:
    """The card for people (lab names escaped), signed over its text on the last line."""
    lines = ["# Lab report card", "",
             f"From the measured timesheet of the worker with key `{card['fingerprint']}` "
             f"(annotator). Shared: {', '.join(card['share'])}.", ""]
    for section in card["labs"]:
        f = section["figures"]
        lines += [f"## {markdown(section['lab'])}", "",
                  f"- Packs: {', '.join(markdown(p) for p in f['packs'])}",
                  f"- Counted time: {duration(f['counted_seconds'])}, {f['items_submitted']} items submitted"]
        for cur, w in (f.get("wage") or {}).items():
            lines.append(f"- Effective hourly wage: {money(w['effective_hourly'], cur)}/h "
                         f"({money(w['expected'], cur)} for {duration(w['counted_seconds'])})")
        if "unpaid" in f and f["unpaid"]["share"] is not None:
            parts = ", ".join(f"{c} {100 * s:.0f} %" for c, s in f["unpaid"]["by_category"].items())
            lines.append(f"- Unpaid share of the time: {100 * f['unpaid']['share']:.0f} % ({parts or 'none'})")
        for t in f.get("time_per_item", []):
            if t["ratio"] is not None:
                lines.append(f"- Time per item on {markdown(t['pack'])}: {t['seconds_per_item']:.0f} s, "
                             f"{t['ratio']:.2f} × the lab's estimate of {t['estimated_seconds_per_item']:g} s")
        if "rejections" in f and f["rejections"]["rate"] is not None:
            lost = ", ".join(money(v, c) for c, v in f["rejections"]["pay_lost"].items()) or "nothing"
            lines.append(f"- Rejections: {f['rejections']['rejected']} ({100 * f['rejections']['rate']:.1f} %), "
                         f"pay lost {lost}")
        for cur, d in (f.get("payment_delay") or {}).items():
            lines.append(f"- Payment: median {d['median_days']} days from the work to the payment "
                         f"({money(d['paid'], cur)} paid, {money(d['not_yet_paid'], cur)} not yet)")
        lines.append("")
    return "\n".join(lines) + "\n"


def markdown_signed(store: Store, card: Mapping[str, Any]) -> str:
    import json

    text = markdown_text(card)
    key = keys.load_or_create(store.data_dir)
    block = json.dumps({"fingerprint": key.fingerprint, "public_key": key.public_b64,
                        "signature": key.sign(text.encode("utf-8"))})
    return f"{text}{_MD_SIG}{block} -->\n"


def check_markdown(text: str) -> str:
    """Why a Markdown card does not verify against its own key, or ``""``."""
    import json

    head, sep, tail = text.rpartition(_MD_SIG)
    try:
        block = json.loads(tail.rsplit(" -->", 1)[0]) if sep else None
        good = bool(block) and keys.verify(block["public_key"], head.encode("utf-8"), block["signature"]) and \
            keys.fingerprint_of(block["public_key"]) == block["fingerprint"]
    except (ValueError, KeyError, TypeError):
        good = False
    return "" if good else "the Markdown card does not match its signature"


# ---------------------------------------------------------------------- merging

def _spread(values: list[float]) -> dict[str, Any] | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    q = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else [values[0]] * 3
    return {"workers": len(values), "median": round(statistics.median(values), 4), "p25": round(q[0], 4),
            "p75": round(q[2], 4), "min": values[0], "max": values[-1]}


def merge(cards: list[tuple[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """``(per-lab medians and spreads, refusals)``: each card verified, a key seen twice refused."""
    refused: list[str] = []
    seen: dict[str, str] = {}
    labs: dict[str, dict[str, list]] = {}
    for name, raw in cards:
        card, why = check(raw, name)
        if card is None:
            refused.append(why)
            continue
        who = keys.sha256_of(card["public_key"])
        if who in seen:
            refused.append(f"{name}: a second card from the worker with key {card['fingerprint']} (the first was "
                           f"{seen[who]}): duplicates are refused")
            continue
        seen[who] = name
        for section in card["labs"]:
            f = section["figures"]
            acc = labs.setdefault(section["lab"].strip(), {"wage": {}, "unpaid": [], "ratio": [], "rejection": [],
                                                          "delay": {}, "cards": [], "with_records": 0})
            acc["cards"].append(name)
            acc["with_records"] += section.get("records") is not None
            for cur, w in (f.get("wage") or {}).items():
                acc["wage"].setdefault(cur, []).append(w.get("effective_hourly"))
            if "unpaid" in f:
                acc["unpaid"].append(f["unpaid"].get("share"))
            ratios = [t["ratio"] for t in f.get("time_per_item", []) if t.get("ratio") is not None]
            if ratios:
                acc["ratio"].append(statistics.median(ratios))
            if "rejections" in f:
                acc["rejection"].append(f["rejections"].get("rate"))
            for cur, d in (f.get("payment_delay") or {}).items():
                acc["delay"].setdefault(cur, []).append(d.get("median_days"))
    out = {}
    for lab, acc in sorted(labs.items()):
        out[lab] = {"cards": len(acc["cards"]), "cards_with_records": acc["with_records"],
                    "effective_hourly": {c: _spread(v) for c, v in sorted(acc["wage"].items())},
                    "unpaid_share": _spread(acc["unpaid"]), "time_per_item_ratio": _spread(acc["ratio"]),
                    "rejection_rate": _spread(acc["rejection"]),
                    "payment_delay_days": {c: _spread(v) for c, v in sorted(acc["delay"].items())}}
    return {"format": "annotator-lab-cards-merged/1", "cards": len(seen), "labs": out}, refused
