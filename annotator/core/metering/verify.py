"""Checking a timesheet export without trusting anything in it.

``verify_file`` takes a file and a **pinned key** (``--key`` with the worker's fingerprint,
or this installation's own key); nothing read from the file decides whom it trusts. It
checks, and names every failure in one line:

1. the records: each matches its hash, in chain order, none missing (a complete export), the
   last one is the head the file names;
2. the figures: every figure of the document (totals, days, weeks, packs, labs, earnings,
   wages, ratios, intervals, gaps, payments, rejections, corrections, rules) is recomputed
   from those records and compared; the first differences are named;
3. for a file with a ``.sig`` sidecar (CSV, Toggl, Clockify, iCalendar, PDF): the file's
   SHA-256 and its own signature, and for the text formats the whole file remade from the
   recomputed timesheet, byte for byte (the first line that differs is named);
4. the Ed25519 signature over the document, with the public key in the file;
5. that key: its fingerprint is computed from it (never read), and it must match the pin;
6. with ``head``: the file's records contain the chain-head code noted earlier, unchanged.

Exit codes of ``annotator timesheet verify``: 0 verified; 1 the file is not what it claims
(the reasons named); 2 it cannot be checked (not an export, unreadable, malformed, nested
too deeply, NaN, or no key to check it against).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from annotator.core import keys
from annotator.core.errors import UserError
from annotator.core.metering import chain, exports
from annotator.core.metering.engine import CATEGORIES
from annotator.core.metering.repository import MeterRepository, Row, _row
from annotator.core.metering.timesheet import FORMAT, FORMATS_READ, compute
from annotator.core.metering.zones import zone
from annotator.core.safetext import terminal
from annotator.core.store import Store

#: formats remade byte for byte at verification (the PDF is drawn by Qt and checked by its hash)
TEXT_FORMATS = ("csv", "toggl", "clockify", "ics")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str
    records: int = 0

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------- reading without trusting

def parse_json(data: bytes, name: str) -> Any:
    """JSON without NaN, Infinity or numbers that overflow; one-line errors (exit 2).

    orjson refuses NaN, Infinity, 1e999 and nesting deeper than 1024 by itself, and reads a
    year's export (70 MB) ten times faster than the standard library."""
    import orjson

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{name} is not UTF-8 text, so not a timesheet export or signature") from None
    try:
        return orjson.loads(text)
    except RecursionError:
        raise UserError(f"{name} is nested too deeply to be a timesheet export") from None
    except ValueError as exc:
        raise UserError(f"{name} is not a timesheet export (not valid JSON: {terminal(str(exc))[:120]})") from None


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_COLUMN_TYPES = {"seq": "int", "kind": "str", "start": "num?", "end": "num?", "category": "str?", "pack": "str?",
                 "version": "str?", "item": "str?", "run": "int?", "data": "str?", "prev": "str", "hash": "str"}


def _record_problem(row: Any) -> str | None:
    """Why a record of the file cannot be a chain record (its types), or ``None``."""
    if not isinstance(row, dict):
        return "is not a record"
    for column, kind in _COLUMN_TYPES.items():
        v = row.get(column)
        if v is None and kind.endswith("?"):
            continue
        base = kind.rstrip("?")
        good = (isinstance(v, int) and not isinstance(v, bool)) if base == "int" else \
            _is_num(v) if base == "num" else isinstance(v, str)
        if not good:
            return f"has a {column!r} that is not a {base.replace('num', 'number')}"
    if row.get("category") is not None and row["category"] not in CATEGORIES:
        return f"has an unknown category {terminal(row['category'])[:40]!r}"
    if row.get("data") is not None:
        import orjson

        try:
            data = orjson.loads(row["data"])
        except (ValueError, RecursionError):
            return "has data that is not JSON"
        if not isinstance(data, dict):
            return "has data that is not a JSON object"
    return None


class Records:
    """The records of an export file, read the way :class:`MeterRepository` reads the store."""

    def __init__(self, rows: list[Row]):
        self._rows = rows

    def rows(self, kinds=None, start=None, end=None, after_seq=None) -> Iterator[Row]:
        wanted = None if kinds is None else set(kinds)
        for r in self._rows:
            if wanted is not None and r.kind not in wanted:
                continue
            if start is not None and r.end is not None and not r.end >= start:
                continue
            if end is not None and r.start is not None and not r.start < end:
                continue
            if after_seq is not None and r.seq <= after_seq:
                continue
            yield r


# ---------------------------------------------------------------------- recomputing the figures

def recompute(doc: Mapping[str, Any], records: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """``(timesheet, document body, zone)`` recomputed from the records and the period the document states."""
    period = doc.get("period")
    if not isinstance(period, dict):
        raise ValueError("has no period")
    start, end, pack, tz_name = period.get("from"), period.get("to"), period.get("pack"), period.get("timezone")
    if not all(v is None or _is_num(v) for v in (start, end)) or not (pack is None or isinstance(pack, str)) \
            or not isinstance(tz_name, str):
        raise ValueError("has a period that is not one")
    tz = zone(tz_name)
    ref = doc.get("reference")
    reference = None
    if ref is not None:
        if not (isinstance(ref, dict) and _is_num(ref.get("hourly")) and isinstance(ref.get("currency"), str)):
            raise ValueError("has a reference wage that is not one")
        reference = (ref["hourly"], ref["currency"])
    rules = doc.get("rules")
    thresholds = rules.get("idle_thresholds_seconds") if isinstance(rules, dict) else None
    if not (isinstance(thresholds, dict) and all(isinstance(k, str) and _is_num(v) for k, v in thresholds.items())):
        raise ValueError("has no idle thresholds")
    rows = Records([_row({c: r.get(c) for c in _COLUMN_TYPES}) for r in records])
    version = rules.get("version") if doc.get("format") != FORMAT else None
    sheet = compute(None, start=start, end=end, pack=pack, tz=tz, reference=reference, thresholds=thresholds,
                    repo=rows, library=False, **({"rules_version": version} if isinstance(version, str) else {}))
    if _is_num(doc.get("generated_at")):
        sheet["generated_at"] = doc["generated_at"]  # not a figure; the iCalendar file's DTSTAMP
    body = exports.body(sheet, tz, tz_name)
    if doc.get("format") != FORMAT:
        body = exports.as_format_2(body)
    return sheet, body, tz


def _show(v: Any) -> str:
    text = json.dumps(v, ensure_ascii=False, allow_nan=True) if not isinstance(v, str) else repr(v)
    text = terminal(text)
    return text if len(text) <= 48 else text[:45] + "…"


def differences(found: Any, expected: Any, path: str = "", limit: int = 3) -> list[str]:
    """Where ``found`` (the file) differs from ``expected`` (the records), first ones first."""
    out: list[str] = []

    def walk(a: Any, b: Any, where: str) -> None:
        if len(out) >= limit or (type(a) is type(b) and a == b):  # equal (deeply, in C): nothing to name
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for k in list(b) + [k for k in a if k not in b]:
                if path == "" and where == "" and k in exports.NOT_RECOMPUTED:
                    continue
                sub = f"{where}.{k}" if where else str(k)
                if k not in a:
                    out.append(f"{terminal(sub)} is missing (the records give {_show(b[k])})")
                elif k not in b:
                    out.append(f"{terminal(sub)} is in the file but no record gives it")
                else:
                    walk(a[k], b[k], sub)
                if len(out) >= limit:
                    return
        elif isinstance(a, list) and isinstance(b, list):
            for i, (x, y) in enumerate(zip(a, b)):
                walk(x, y, f"{where}[{i}]")
                if len(out) >= limit:
                    return
            if len(a) != len(b):
                out.append(f"{terminal(where)} has {len(a)} entries where the records give {len(b)}")
        elif a != b or isinstance(a, bool) != isinstance(b, bool):
            out.append(f"{terminal(where)}: the file says {_show(a)}, the records give {_show(b)}")

    walk(found, expected, path)
    return out


def first_different_line(found: bytes, expected: bytes) -> str:
    a, b = found.splitlines(), expected.splitlines()
    for i, (x, y) in enumerate(zip(a, b), start=1):
        if x != y:
            return f"line {i}: the file has {_show(x.decode('utf-8', 'replace'))} where the records give " \
                   f"{_show(y.decode('utf-8', 'replace'))}"
    if len(a) != len(b):
        return f"the file has {len(a)} lines where the records give {len(b)}"
    return "the bytes differ (line ends or a byte-order mark)"


# ---------------------------------------------------------------------- the checks

@dataclass
class _Check:
    name: str
    problems: list[str] = field(default_factory=list)
    records: int = 0


def _structure(doc: Any, name: str) -> tuple[dict, list]:
    if isinstance(doc, dict) and doc.get("format") == "annotator-timesheet/1":
        raise UserError(f"{name} was made by an older version of annotator (annotator-timesheet/1), whose figures "
                        "this version cannot recompute; ask for a new export")
    integrity = doc.get("integrity") if isinstance(doc, dict) else None
    if not isinstance(doc, dict) or doc.get("format") not in FORMATS_READ or not isinstance(integrity, dict) \
            or not isinstance(integrity.get("records"), list):
        raise UserError(f"{name} is not a timesheet export ({FORMAT})")
    return integrity, integrity["records"]


def check_document(doc: Any, name: str, pin: keys.Pin | None, head: str | None,
                   file: tuple[bytes, str] | None = None) -> Verdict:
    """All the checks of a signed document (and of the file it accompanies: ``(bytes, file name)``)."""
    integrity, records = _structure(doc, name)
    check = _Check(name)
    for i, row in enumerate(records):
        why = _record_problem(row)
        if why is not None:
            seq = row.get("seq") if isinstance(row, dict) else None
            where = f"record {seq}" if isinstance(seq, int) and not isinstance(seq, bool) else f"entry {i + 1}"
            return Verdict(False, f"{name}: {where} of the records {why}", i)
    complete = integrity.get("complete") is True
    problem, n, last_hash, last_seq = chain.verify_rows(records, complete=complete)
    check.records = n
    if problem is not None:
        return Verdict(False, f"{name}: {problem}", n)
    stated_head = integrity.get("head") if isinstance(integrity.get("head"), dict) else {}
    if complete and ((last_hash or chain.GENESIS) != stated_head.get("hash") or (last_seq or 0) != stated_head.get("seq")):
        check.problems.append("the last record is not the chain head the file names (records at the end were "
                              "removed, or the head was changed)")

    sheet = tz = None
    try:
        sheet, expected, tz = recompute(doc, records)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        check.problems.append(f"its figures cannot be recomputed: it {terminal(str(exc))[:120]}")
    else:
        diffs = differences(doc, expected)
        if diffs:
            check.problems.append("the figures do not follow from the records: " + "; ".join(diffs))

    public = integrity.get("public_key")
    if file is not None:
        _check_file(check, doc, file, sheet, tz, public)

    signed = isinstance(integrity.get("signature"), str) and isinstance(public, str) and \
        keys.verify(public, chain.canonical(exports.unsigned(doc)).encode("utf-8"), integrity["signature"])
    if not signed:
        check.problems.append("the signature does not match the document (it was changed after it was signed)")
    try:
        computed = keys.fingerprint_of(public) if isinstance(public, str) else None
    except ValueError:
        computed = None
    if computed is None:
        check.problems.append("the public key it carries is not an Ed25519 key")
    else:
        stated = integrity.get("fingerprint")
        if stated != computed:
            check.problems.append(f"it names the key fingerprint {_show(stated)} but the key it carries has the "
                                  f"fingerprint {computed} (a fingerprint is computed from the key, never read)")
        if pin is not None and not pin.matches(public):
            check.problems.append(f"it is signed by the key {computed}, not by the key you trust, {pin.label}")
    if head:
        _check_head(check, records, stated_head, head)
    if check.problems:
        return Verdict(False, f"{name}: " + "; ".join(check.problems), n)
    if pin is None:
        raise UserError(f"{name}: records, figures and signature check out, signed by the key {computed}; to know "
                        "whether that is the worker's key, give --key with the fingerprint the worker gave you "
                        "(annotator timesheet key prints it)")
    head_text = stated_head.get("code") if isinstance(stated_head.get("code"), str) else "?"
    kind = "complete" if complete else "filtered"
    return Verdict(True, f"ok: {name}: {n} records ({kind}), every figure recomputed, signed by {computed}, the key you "
                         f"trust ({pin.source}), chain "
                         f"head {terminal(head_text)}" + (f", contains the head {terminal(head.strip())}" if head else ""),
                   n)


def _check_file(check: _Check, doc: Mapping, file: tuple[bytes, str], sheet, tz, public) -> None:
    data, file_name = file
    export = doc.get("export")
    if not isinstance(export, dict) or not isinstance(export.get("format"), str):
        check.problems.append(f"it is not the signature of an exported file ({file_name})")
        return
    fmt = export["format"]
    if hashlib.sha256(data).hexdigest() != export.get("sha256"):
        where = ""
        if fmt in TEXT_FORMATS and sheet is not None:
            where = ": " + _remade_difference(fmt, sheet, tz, export.get("options"), data)
        check.problems.append(f"{file_name} was changed after export (its SHA-256 is not the signed one){where}")
    elif not (isinstance(public, str) and isinstance(export.get("file_signature"), str)
              and keys.verify(public, data, export["file_signature"])):
        check.problems.append(f"the signature of {file_name}'s bytes does not match")
    elif fmt == "pdf":
        from annotator.core.metering import pdfsign

        why = pdfsign.check(data, public) if isinstance(public, str) else "it has no key"
        if why:
            check.problems.append(f"{file_name}: {why}")
    elif fmt in TEXT_FORMATS and sheet is not None:
        diff = _remade_difference(fmt, sheet, tz, export.get("options"), data)
        if diff:
            check.problems.append(f"{file_name} does not follow from the records: {diff}")


def _remade_difference(fmt: str, sheet, tz, options, data: bytes) -> str:
    from annotator.core.metering import formats

    try:
        remade = formats.render(fmt, sheet, tz, formats.check_options(fmt, options if isinstance(options, dict)
                                                                      else {}))
    except (UserError, ValueError, TypeError, KeyError) as exc:
        return f"it cannot be remade from the records ({terminal(str(exc))[:80]})"
    return "" if remade == data else first_different_line(data, remade)


def _check_head(check: _Check, records: list, stated_head: Mapping, code: str) -> None:
    try:
        seq, prefix = chain.parse_head_code(code)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    rec = next((r for r in records if r.get("seq") == seq), None)
    last = stated_head.get("seq") if isinstance(stated_head.get("seq"), int) else 0
    shown = terminal(code.strip())
    if rec is not None and str(rec.get("hash", "")).startswith(prefix):
        return
    if rec is not None:
        check.problems.append(f"its record {seq} is not the one of the head {shown} you hold: records up to it were "
                              "changed since that code was noted, or the file is from another chain")
    elif seq > last:
        check.problems.append(f"it was made at record {last}, before the head {shown} you hold (an older export "
                              "replayed as a newer one, or one from another chain)")
    else:
        check.problems.append(f"it does not contain record {seq}, so it cannot show the head {shown} (a filtered "
                              "export: ask for the complete timesheet)")


def verify_file(path: Path, *, pin: keys.Pin | None, head: str | None = None) -> Verdict:
    """Check an export: a JSON document, or a file with its ``.sig`` beside it (or the ``.sig`` itself)."""
    path = Path(path)
    if path.name.endswith(".sig") and path.with_name(path.name[:-4]).is_file():
        path = path.with_name(path.name[:-4])
    data = _read(path)
    sig = exports.sidecar_path(path)
    if sig.is_file():
        doc = parse_json(_read(sig), sig.name)
        return check_document(doc, f"{path.name} (with {sig.name})", pin, head, file=(data, path.name))
    if data.lstrip()[:1] == b"{":
        return check_document(parse_json(data, path.name), path.name, pin, head)
    if data[:5] == b"%PDF-":
        return _pdf_alone(path, data, pin)
    raise UserError(f"{path} is neither a timesheet JSON export nor a file with a {sig.name} beside it")


def _pdf_alone(path: Path, data: bytes, pin: keys.Pin | None) -> Verdict:
    """A PDF without its ``.sig``: its embedded signature, against the pin; the figures cannot be recomputed."""
    from annotator.core.metering import pdfsign

    if pin is None:
        raise UserError(f"{path.name}: give --key with the fingerprint the worker gave you to check whose "
                        "signature it carries")
    if pin.kind != "key":
        candidates = pdfsign.signer_keys(data)
        match = next((k for k in candidates if pin.matches(k)), None)
    else:
        match = pin.value
    why = pdfsign.check(data, match) if match else "its embedded signature is not by the key you trust"
    if why:
        return Verdict(False, f"{path.name}: {why} ({pin.label})")
    return Verdict(True, f"ok: {path.name}: signed inside by {keys.fingerprint_of(match)}, the key you trust "
                         f"({pin.source}), unchanged since; its figures are recomputed only with "
                         f"{path.name}.sig beside it")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot read {terminal(str(path))[:200]}: {getattr(exc, 'strerror', None) or exc}") from None


def verify_store(store: Store, head_code: str | None = None, full: bool = False) -> Verdict:
    """Check the store's chain (and that it still contains a head code given earlier).

    From the signed checkpoint (:mod:`annotator.core.metering.checkpoint`) when there is a valid
    one and ``full`` is false: the checkpoint's record must still hold the signed hash, then only
    the records after it are checked. Without one (or with ``full``), the whole chain. Either way
    a chain that verifies gets a new checkpoint at its head.
    """
    from annotator.core.metering import checkpoint

    repo = MeterRepository(store)
    start, why = (None, "") if full else checkpoint.read(store.data_dir)
    since = ""
    if start is not None:
        seq0, hash0 = start
        row = repo.raw_record(seq0)
        if row is None or row["hash"] != hash0 or chain.record_hash(row) != hash0:
            return Verdict(False, f"the timesheet was tampered with: record {seq0} no longer holds the hash the "
                                  "signed checkpoint noted (older records were changed, removed or rewritten)", 0)
        problem, n, last_hash, last_seq = chain.verify_rows(repo.raw_rows(after_seq=seq0), complete=True,
                                                            first_prev=hash0, first_seq=seq0)
        last_seq, last_hash = (last_seq or seq0), (last_hash or hash0)
        since = f" ({n} checked after the signed checkpoint at record {seq0}; --full checks every record)"
        n += seq0
    else:
        problem, n, last_hash, last_seq = chain.verify_rows(repo.raw_rows(), complete=True)
        if why:
            since = f" (every record checked: {why})"
    if problem is not None:
        return Verdict(False, f"the timesheet was tampered with: {problem}", n)
    if last_seq:
        checkpoint.write(store.data_dir, last_seq, last_hash)
    if head_code:
        try:
            seq, prefix = chain.parse_head_code(head_code)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        row = repo.record(seq)
        if row is None or not row.hash.startswith(prefix):
            return Verdict(False, f"record {seq}: the chain no longer has the head {terminal(head_code.strip())} "
                                  "(older records were changed or removed since that code was noted)", n)
    seq, digest = (last_seq or 0), (last_hash or chain.GENESIS)
    return Verdict(True, f"ok: {n} records, chain head {chain.head_code(seq, digest)}{since}", n)
