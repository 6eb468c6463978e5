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


# ---------------------------------------------------------------------- payouts from a platform's CSV

def import_payments(store: Store, path, *, amount: str, date_column: str, currency: str | None = None,
                    currency_code: str | None = None, lab: str | None = None, lab_name: str | None = None,
                    note: str | None = None, ident: str | None = None, date_format: str | None = None,
                    delimiter: str | None = None, decimal: str = ".") -> dict[str, Any]:
    """Payments from a CSV of payouts, the columns named by their headers (``amount``, ``date_column``, ...).

    Every row is checked before anything is written (a bad row names its line and nothing is
    imported). A row imported before (the same ``ident`` value for the same lab, or without
    ``ident`` the same row of the same file) is skipped, so importing a statement twice counts
    it once. Returns ``{"added": [rows], "skipped": n}``."""
    import csv
    import hashlib
    from pathlib import Path

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path.name} is not UTF-8 text") from None
    if (currency is None) == (currency_code is None):
        raise UserError("give the currency column (--currency COLUMN) or one code for every row (--currency-code EUR)")
    if decimal not in (".", ","):
        raise UserError("--decimal is . or ,")
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(text.splitlines(), delimiter={"tab": "\t"}.get(delimiter, delimiter))
    headers = reader.fieldnames or []
    for what, col in (("--amount", amount), ("--date", date_column), ("--currency", currency), ("--lab", lab),
                      ("--note", note), ("--id", ident)):
        if col is not None and col not in headers:
            raise UserError(f"{path.name} has no column {col!r} ({what}); its columns: "
                            f"{', '.join(repr(h) for h in headers) or 'none'}")
    file_hash = hashlib.sha256(raw).hexdigest()
    repo = MeterRepository(store)
    seen_ids, seen_rows = set(), set()
    for r in repo.rows(kinds=("payment",)):
        imp = r.data.get("import") or {}
        if imp.get("id") is not None:
            seen_ids.add((r.data.get("lab"), str(imp["id"])))
        if imp.get("file"):
            seen_rows.add((imp["file"], imp.get("row")))
    records, skipped, problems = [], 0, []
    for n, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        try:
            value = _amount(_number(row.get(amount), decimal), f"the amount {row.get(amount)!r}")
            code = (currency_code or row.get(currency) or "").strip().upper()
            if not CURRENCY_RE.match(code):
                raise UserError(f"not a currency code: {code!r}")
            when = _payout_date(row.get(date_column), date_format)
        except UserError as exc:
            problems.append(f"{path.name}:{n}: {exc}")
            continue
        who = (row.get(lab) if lab else lab_name) or None
        who = " ".join(who.split()) if who else None
        key_id = (row.get(ident) or "").strip() if ident else None
        if (key_id and (who, key_id) in seen_ids) or (not key_id and (file_hash, n) in seen_rows):
            skipped += 1
            continue
        if key_id:
            seen_ids.add((who, key_id))
        imp = {"file": file_hash, "row": n}
        if key_id:
            imp["id"] = key_id
        records.append({"kind": "payment", "start": when, "end": when, "data": {
            "amount": value, "currency": code, "lab": who, "note": (row.get(note) or "").strip() if note else "",
            "import": imp}})
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UserError(f"{problems[0]}{more}; nothing was imported")
    added = repo.append_records(records) if records else []
    return {"added": added, "skipped": skipped}


def _number(text: Any, decimal: str) -> str:
    value = str(text or "").strip().replace("\u00a0", "").replace(" ", "")
    value = re.sub(r"^[^\d\-+.,]+|[^\d.,]+$", "", value)  # a currency sign before or after
    if decimal == ",":
        value = value.replace(".", "").replace(",", ".")
    else:
        if re.fullmatch(r"[-+]?\d+,\d{1,2}", value):
            raise UserError(f"{text!r} looks like an amount with a decimal comma: give --decimal ,")
        value = value.replace(",", "")
    return value


def _payout_date(text: Any, fmt: str | None) -> float:
    value = str(text or "").strip()
    if not value:
        raise UserError("the date is empty")
    try:
        if fmt:
            parsed = datetime.strptime(value, fmt)
        else:
            try:
                parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                parsed = datetime.combine(date.fromisoformat(value[:10]), dtime(12, 0))
    except ValueError:
        raise UserError(f"not a date: {value!r}" + ("" if fmt else " (ISO 8601; give --date-format for others, "
                                                              "like %d/%m/%Y)")) from None
    if parsed.hour == 0 and parsed.minute == 0 and parsed.second == 0 and parsed.tzinfo is None:
        parsed = parsed.replace(hour=12)  # a date alone: noon, so no zone moves it to another day
    return round(parsed.timestamp(), 3)


def chain_head(store: Store) -> tuple[int, str]:
    """``(number of records, hash of the last)``: what the window shows as the chain head."""
    return MeterRepository(store).head()


def recorded_pack_ids(store: Store) -> set[str]:
    """The pack ids the chain has records of (packs removed from the library included)."""
    return {pack for pack, _version in MeterRepository(store).known_packs()}
