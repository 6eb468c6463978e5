"""Timesheet exports (CSV, JSON; the PDF is drawn by the UI from the same data) and their verification.

* JSON: the whole timesheet (``totals``, ``intervals``, ``days``, ``earnings``,
  ``wages``, ``rules``, ``integrity``, ...). ``integrity`` carries the chain head,
  the chain records the export is based on, the public key, and an Ed25519
  signature over the canonical JSON of the document without the signature.
* CSV: one row per interval in the columns time trackers use; its integrity is in
  a sidecar ``FILE.sig`` (JSON: SHA-256 of the file, signature, public key, chain
  head, rules, gaps).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, Mapping

from annotator.core import keys
from annotator.core.errors import UserError
from annotator.core.metering import chain
from annotator.core.metering.repository import MeterRepository
from annotator.core.metering.timesheet import FORMAT, compute, interval_dicts
from annotator.core.store import Store
from annotator.plugin_api import write_bytes_atomic

SIG_FORMAT = "annotator-timesheet-signature/1"
CSV_COLUMNS = ["Start date", "Start time", "End date", "End time", "Duration", "Duration (seconds)", "Category",
               "Lab", "Pack", "Item", "Note", "Measured category", "Record", "Correction"]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str
    records: int = 0

    def __str__(self) -> str:
        return self.message


def _iso(t: float | None, tz: tzinfo | None) -> str | None:
    if t is None:
        return None
    return datetime.fromtimestamp(t, tz).astimezone(tz).isoformat(timespec="seconds")


def _hms(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def integrity_block(store: Store, sheet: Mapping[str, Any], complete: bool) -> dict[str, Any]:
    """The chain head, the records behind the export, and the public key (the signature is added last)."""
    repo = MeterRepository(store)
    seq, digest = repo.head()
    key = keys.load_or_create(store.data_dir)
    period = sheet["period"]
    lo, hi, pack = period["from"], period["to"], period["pack"]
    records = []
    for row in repo.raw_rows():
        if not complete:
            if pack is not None and row["pack"] not in (pack, None):
                continue
            if row["kind"] != "pack" and row["start"] is not None:
                if (hi is not None and row["start"] >= hi) or (lo is not None and row["end"] < lo):
                    continue
        records.append(row)
    return {
        "scheme": "each record's hash is SHA-256 of the canonical JSON of [seq, kind, start, end, category, pack, "
                  "version, item, run, data, prev]; prev is the hash of the record before; the document is "
                  "signed with Ed25519 over its canonical JSON without integrity.signature",
        "head": {"seq": seq, "hash": digest, "code": chain.head_code(seq, digest)},
        "complete": complete,
        "records": records,
        "public_key": key.public_b64,
        "fingerprint": key.fingerprint,
        "algorithm": keys.ALGORITHM,
    }


def build_document(store: Store, *, start=None, end=None, pack=None, tz=None, reference=None,
                   thresholds=None, complete: bool | None = None) -> dict[str, Any]:
    """The signed JSON document of a timesheet."""
    sheet = compute(store, start=start, end=end, pack=pack, tz=tz, reference=reference, thresholds=thresholds)
    if complete is None:
        complete = start is None and end is None and pack is None
    doc = {k: v for k, v in sheet.items() if not k.startswith("_")}
    doc["intervals"] = interval_dicts(sheet)
    for entry in doc["intervals"]:
        entry["start_local"], entry["end_local"] = _iso(entry["start"], tz), _iso(entry["end"], tz)
    doc["period"] = {**doc["period"], "from_local": _iso(start, tz), "to_local": _iso(end, tz)}
    doc["integrity"] = integrity_block(store, sheet, complete)
    key = keys.load_or_create(store.data_dir)
    doc["integrity"]["signature"] = key.sign(chain.canonical(_unsigned(doc)).encode("utf-8"))
    return doc


def _unsigned(doc: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(doc)
    out["integrity"] = {k: v for k, v in doc["integrity"].items() if k != "signature"}
    return out


def csv_text(sheet: Mapping[str, Any], tz: tzinfo | None = None) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in interval_dicts(sheet):
        a = datetime.fromtimestamp(e["start"], tz)
        b = datetime.fromtimestamp(e["end"], tz)
        writer.writerow([a.date().isoformat(), a.strftime("%H:%M:%S"), b.date().isoformat(), b.strftime("%H:%M:%S"),
                         _hms(e["seconds"]), f"{e['seconds']:.3f}", e["category"], e["lab"] or "", e["pack"] or "",
                         e["item"] or "", e["note"], e["measured_category"], e["record"], e["correction"] or ""])
    return buf.getvalue()


def sidecar(store: Store, data: bytes, sheet: Mapping[str, Any], fmt: str, tz_name: str | None) -> dict[str, Any]:
    """The ``FILE.sig`` of a CSV or PDF export."""
    repo = MeterRepository(store)
    seq, digest = repo.head()
    key = keys.load_or_create(store.data_dir)
    doc = {
        "format": SIG_FORMAT, "file_format": fmt, "sha256": hashlib.sha256(data).hexdigest(),
        "head": {"seq": seq, "hash": digest, "code": chain.head_code(seq, digest)},
        "period": dict(sheet["period"]), "timezone": tz_name, "rules": sheet["rules"], "gaps": sheet["gaps"],
        "public_key": key.public_b64, "fingerprint": key.fingerprint, "algorithm": keys.ALGORITHM,
    }
    doc["signature"] = key.sign(chain.canonical(doc).encode("utf-8"))
    return doc


def write_export(store: Store, path: Path, fmt: str, *, start=None, end=None, pack=None, tz=None,
                 tz_name: str | None = None, reference=None, thresholds=None, pdf_writer=None) -> list[Path]:
    """Write an export; returns the files written (the export and, for CSV/PDF, its ``.sig``)."""
    path = Path(path)
    if fmt == "json":
        doc = build_document(store, start=start, end=end, pack=pack, tz=tz, reference=reference,
                             thresholds=thresholds)
        _atomic(path, (json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8"))
        return [path]
    sheet = compute(store, start=start, end=end, pack=pack, tz=tz, reference=reference, thresholds=thresholds)
    if fmt == "csv":
        data = csv_text(sheet, tz).encode("utf-8")
    elif fmt == "pdf":
        if pdf_writer is None:
            raise UserError("PDF export needs the Qt part of the app")
        seq, digest = MeterRepository(store).head()
        key = keys.load_or_create(store.data_dir)
        data = pdf_writer(sheet, {"code": chain.head_code(seq, digest), "hash": digest,
                                  "fingerprint": key.fingerprint, "public_key": key.public_b64}, tz)
    else:
        raise UserError(f"unknown export format {fmt!r} (csv, json or pdf)")
    _atomic(path, data)
    sig_path = path.with_name(path.name + ".sig")
    sig = sidecar(store, data, sheet, fmt, tz_name)
    _atomic(sig_path, (json.dumps(sig, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return [path, sig_path]


def _atomic(path: Path, data: bytes) -> None:
    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None


# ---------------------------------------------------------------------- verification

def verify_store(store: Store, head_code: str | None = None) -> Verdict:
    """Check the store's whole chain (and that it still contains a head code given earlier)."""
    repo = MeterRepository(store)
    problem, n, last_hash, last_seq = chain.verify_rows(repo.raw_rows(), complete=True)
    if problem is not None:
        return Verdict(False, f"the timesheet was tampered with: {problem}", n)
    if head_code:
        try:
            seq, prefix = chain.parse_head_code(head_code)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        row = repo.record(seq)
        if row is None or not row.hash.startswith(prefix):
            return Verdict(False, f"record {seq}: the chain no longer has the head {head_code.strip()} "
                                  "(older records were changed or removed since that code was noted)", n)
    seq, digest = (last_seq or 0), (last_hash or chain.GENESIS)
    return Verdict(True, f"ok: {n} records, chain head {chain.head_code(seq, digest)}", n)


def verify_file(path: Path, store: Store | None = None) -> Verdict:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    sig_path = path.with_name(path.name + ".sig")
    if data[:1] == b"{":
        return _verify_json(path, data)
    if sig_path.exists():
        return _verify_with_sidecar(path, data, sig_path, store)
    raise UserError(f"{path} is neither a JSON timesheet export nor a file with a {sig_path.name} beside it")


def _verify_json(path: Path, data: bytes) -> Verdict:
    try:
        doc = json.loads(data.decode("utf-8"))
        integrity = doc["integrity"]
        records = integrity["records"]
        if doc.get("format") != FORMAT or not isinstance(records, list):
            raise KeyError("format")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise UserError(f"{path} is not a timesheet JSON export") from None
    problem, n, last_hash, _ = chain.verify_rows(records, complete=bool(integrity.get("complete")))
    if problem is not None:
        return Verdict(False, f"{path.name}: {problem}", n)
    if integrity.get("complete") and (last_hash or chain.GENESIS) != integrity.get("head", {}).get("hash"):
        return Verdict(False, f"{path.name}: the last record is not the chain head the file names "
                              "(records at the end were removed)", n)
    by_seq = {r["seq"]: r for r in records}
    for i, entry in enumerate(doc.get("intervals", [])):
        rec = by_seq.get(entry.get("record"))
        corr = by_seq.get(entry.get("correction")) if entry.get("correction") is not None else None
        expected = corr["category"] if corr is not None else (rec or {}).get("category")
        if rec is None or rec.get("kind") != "interval" or entry.get("measured_category") != rec["category"] \
                or entry.get("category") != expected or not (rec["start"] - 0.001 <= entry["start"]
                                                             and entry["end"] <= rec["end"] + 0.001):
            return Verdict(False, f"{path.name}: interval {i + 1} (record {entry.get('record')}) does not match "
                                  "the record it names (the interval was changed)", n)
    try:
        good = keys.verify(integrity["public_key"], chain.canonical(_unsigned(doc)).encode("utf-8"),
                           integrity.get("signature", ""))
    except (KeyError, TypeError, ValueError):
        good = False
    if not good:
        return Verdict(False, f"{path.name}: the signature does not match: the file was changed after export "
                              "(in a part outside the records)", n)
    return Verdict(True, f"ok: {path.name}: {n} records, signed by {integrity.get('fingerprint')}, chain head "
                         f"{integrity.get('head', {}).get('code')}", n)


def _verify_with_sidecar(path: Path, data: bytes, sig_path: Path, store: Store | None) -> Verdict:
    try:
        sig = json.loads(sig_path.read_text(encoding="utf-8"))
        signature = sig["signature"]
        unsigned = {k: v for k, v in sig.items() if k != "signature"}
        public = sig["public_key"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise UserError(f"{sig_path} is not a timesheet signature file") from None
    if not keys.verify(public, chain.canonical(unsigned).encode("utf-8"), signature):
        return Verdict(False, f"{sig_path.name}: its own signature does not match (the .sig file was changed)")
    if hashlib.sha256(data).hexdigest() != sig.get("sha256"):
        where = _first_changed_csv_row(data) if sig.get("file_format") == "csv" else ""
        return Verdict(False, f"{path.name}: {where}the file was changed after export (its SHA-256 is not the "
                              "signed one)")
    return Verdict(True, f"ok: {path.name}: signed by {sig.get('fingerprint')}, chain head "
                         f"{sig.get('head', {}).get('code')}")


def _first_changed_csv_row(data: bytes) -> str:
    """Name the first row whose fields are not consistent (duration vs. times); best effort."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    except (UnicodeDecodeError, csv.Error):
        return ""
    last = None
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != len(CSV_COLUMNS):
            return f"line {i}: "
        try:
            a = datetime.fromisoformat(f"{row[0]}T{row[1]}")
            b = datetime.fromisoformat(f"{row[2]}T{row[3]}")
            secs = float(row[5])
            rec = int(row[12])
        except ValueError:
            return f"line {i} (record {row[12]}): "
        if abs((b - a).total_seconds() - secs) > 1.5 or row[4] != _hms(secs) or (last is not None and rec <= last):
            return f"line {i} (record {rec}): "
        last = rec
    return ""
