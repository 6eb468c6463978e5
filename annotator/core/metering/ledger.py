"""Records the worker adds to the chain: packs and their pay terms, payments, rejections.

Pay terms are copied into the chain the first time a pack is seen, so the
timesheet keeps its earnings even if the pack is later removed from the library.
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime, time as dtime
from typing import Any

from annotator.core.errors import UserError
from annotator.core.metering.repository import MeterRepository, Row
from annotator.core.store import PackRow, Store

CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
TERMS = ("currency", "per_item", "estimated_seconds_per_item", "instructions_paid", "training_paid",
         "rejection_policy")


def pack_record(pack_id: str, version: str | None, row: PackRow | None, t: float) -> dict[str, Any]:
    """The chain record that fixes a pack's title, lab and pay terms."""
    data: dict[str, Any] = {"title": pack_id, "lab": None, "kind": None, "terms_known": row is not None}
    if row is not None:
        pay = dict(row.manifest.get("pay", {}))
        data.update(title=row.title, lab=row.lab, kind=row.kind, content_hash=row.content_hash,
                    **{k: pay.get(k) for k in TERMS})
        contact = (row.manifest.get("pack") or {}).get("contact")
        if contact:  # the lab's contact, for the inspector's PDF (records before it have none)
            data["contact"] = str(contact)
        version = row.version
    return {"kind": "pack", "start": round(t, 3), "end": round(t, 3), "pack": pack_id, "version": version,
            "data": data}


def _terms_if_new(repo: MeterRepository, row: PackRow, t: float) -> list[dict[str, Any]]:
    if (row.pack_id, row.version) in repo.known_packs():
        return []
    return [pack_record(row.pack_id, row.version, row, t)]


def _when(value: str | float | None, store: Store) -> float:
    if value is None or value == "":
        return round(store.clock(), 3)
    if isinstance(value, (int, float)):
        return float(value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value), dtime(12, 0))
        except ValueError:
            raise UserError(f"not a date: {value!r} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    return round(parsed.timestamp(), 3)


def _amount(value: Any, what: str) -> float:
    try:
        amount = float(value)
    except (TypeError, ValueError):
        raise UserError(f"{what} is not a number: {value!r}") from None
    if not math.isfinite(amount) or amount < 0:
        raise UserError(f"{what} must be a positive number, not {value!r}")
    return round(amount, 4)


def add_payment(store: Store, amount: Any, currency: str, *, when: str | float | None = None,
                pack: str | None = None, lab: str | None = None, note: str = "") -> Row:
    """A payment the worker received (never converted: one currency per payment)."""
    currency = (currency or "").strip().upper()
    if not CURRENCY_RE.match(currency):
        raise UserError(f"not a currency code: {currency!r} (three letters, like EUR or USD)")
    value = _amount(amount, "the amount")
    pack_id = version = row = None
    if pack:
        row = store.resolve_pack(pack)
        pack_id, version = row.pack_id, row.version
        lab = lab or row.lab
    t = _when(when, store)
    repo = MeterRepository(store)
    return repo.append_records((_terms_if_new(repo, row, t) if pack else []) + [{
        "kind": "payment", "start": t, "end": t, "pack": pack_id, "version": version,
        "data": {"amount": value, "currency": currency, "lab": lab or None, "note": (note or "").strip()},
    }])[0]


def add_rejection(store: Store, pack: str, item: str, *, reason: str = "", paid: Any = 0,
                  when: str | float | None = None) -> Row:
    """An item the lab rejected; ``paid`` is what it still pays for it (0 by default)."""
    row = store.resolve_pack(pack)
    found = store.item_by_id(row.pk, item)
    if found is None:
        raise UserError(f"no item {item!r} in {row.label}")
    t = _when(when, store)
    repo = MeterRepository(store)
    return repo.append_records(_terms_if_new(repo, row, t) + [{
        "kind": "rejection", "start": t, "end": t, "pack": row.pack_id, "version": row.version, "item": str(item),
        "data": {"reason": (reason or "").strip(), "paid": _amount(paid, "the amount still paid")},
    }])[0]


def chain_head(store: Store) -> tuple[int, str]:
    """``(number of records, hash of the last)``: what the window shows as the chain head."""
    return MeterRepository(store).head()


def recorded_pack_ids(store: Store) -> set[str]:
    """The pack ids the chain has records of (packs removed from the library included)."""
    return {pack for pack, _version in MeterRepository(store).known_packs()}
