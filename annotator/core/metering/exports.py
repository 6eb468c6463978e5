"""Timesheet exports: the signed JSON document, and the files made from it with their signed sidecar.

* **JSON** (``annotator-timesheet/2``): the whole timesheet (``totals``, ``intervals``,
  ``days``, ``earnings``, ``wages``, ``rules``, ...) and ``integrity``: the chain head, the
  chain records every figure is computed from, the public key, and an Ed25519 signature over
  the canonical JSON of the document without the signature. A verifier recomputes every
  figure from those records (:mod:`.verify`).
* **Other formats** (CSV, Toggl, Clockify, iCalendar, PDF): the file, and beside it
  ``FILE.sig``: the same signed JSON document with an ``export`` member naming the file's
  format, its SHA-256, the options it was made with, and ``file_signature``, an Ed25519
  signature over the file's exact bytes (what ``openssl pkeyutl -verify -rawin`` checks).

Every figure is computed from the chain's records alone (``library=False``: pay terms from
the chain's ``pack`` records), so anyone holding the records gets the same figures.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from annotator.core import keys
from annotator.core.errors import UserError, msg
from annotator.core.metering import chain, pdfsign
from annotator.core.metering.repository import MeterRepository, Row
from annotator.core.metering.timesheet import FORMAT, compute, interval_dicts
from annotator.core.metering.zones import local_zone
from annotator.core.store import Store
from annotator.plugin_api import write_bytes_atomic

SCHEME = ("each record's hash is SHA-256 of the canonical JSON of [seq, kind, start, end, category, pack, "
          "version, item, run, data, prev]; prev is the hash of the record before; the document is signed "
          "with Ed25519 over its canonical JSON without integrity.signature; export.file_signature is an "
          "Ed25519 signature over the exact bytes of the exported file")
#: members of the document that are not recomputed from the records (the rest all are)
NOT_RECOMPUTED = ("generated_at", "integrity", "export", "worker")


class _Recording:
    """A repository that remembers every record it hands to :func:`compute`."""

    def __init__(self, repo: MeterRepository):
        self.repo = repo
        self.seen: dict[int, Row] = {}

    def rows(self, *args, **kwargs) -> Iterator[Row]:
        for row in self.repo.rows(*args, **kwargs):
            self.seen[row.seq] = row
            yield row


def _raw(row: Row) -> dict[str, Any]:
    return row.as_dict(raw_data=True)


def _belongs(row: Row, pack: str | None) -> bool:
    """Whether a record read for a pack-filtered timesheet is about that pack (gaps are everyone's)."""
    return pack is None or row.kind == "gap" or row.pack == pack


def compute_with_records(store: Store, *, start=None, end=None, pack=None, tz=None, reference=None,
                         thresholds=None) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    """The timesheet, the chain records it rests on, and whether those are the whole chain.

    Unfiltered: every record. Filtered by period or pack: exactly the records the computation
    read that concern the pack (so a verifier recomputes the same figures from them, and an
    export for one lab carries nothing of another's)."""
    repo = MeterRepository(store)
    recording = _Recording(repo)
    sheet = compute(store, start=start, end=end, pack=pack, tz=tz, reference=reference, thresholds=thresholds,
                    repo=recording, library=False)
    complete = start is None and end is None and pack is None
    if complete:
        records = list(repo.raw_rows())
    else:
        records = [_raw(recording.seen[s]) for s in sorted(recording.seen) if _belongs(recording.seen[s], pack)]
    return sheet, records, complete


def _iso(t: float | None, tz: tzinfo | None) -> str | None:
    if t is None:
        return None
    return datetime.fromtimestamp(t, tz).isoformat(timespec="seconds")


def body(sheet: Mapping[str, Any], tz: tzinfo | None, tz_name: str) -> dict[str, Any]:
    """The figures of the document: everything but ``generated_at``, ``integrity`` and ``export``.

    The same function makes them at export and at verification, from the same records."""
    doc = {k: v for k, v in sheet.items() if not k.startswith("_")}
    doc["format"] = FORMAT
    doc["intervals"] = interval_dicts(sheet)
    for entry in doc["intervals"]:
        entry["start_local"], entry["end_local"] = _iso(entry["start"], tz), _iso(entry["end"], tz)
    period = sheet["period"]
    doc["period"] = {**period, "from_local": _iso(period["from"], tz), "to_local": _iso(period["to"], tz),
                     "timezone": tz_name}
    return doc


#: members format 3 added (declared time, received wage): a format-2 export is recomputed without them
_ADDED_IN_3 = {"": ("sources", "withdrawals"), "days": ("declared_seconds",), "packs": ("declared_seconds",),
               "labs": ("declared_seconds",), "intervals": (),
               "wages": ("declared_hours", "measured_effective_hourly", "received_hourly")}


def as_format_2(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The figures of a document as format 2 gave them (before declared time), to check an older export."""
    out = {k: v for k, v in doc.items() if k not in _ADDED_IN_3[""]}
    out["format"] = "annotator-timesheet/2"
    for member in ("days", "packs", "labs"):
        out[member] = [{k: v for k, v in e.items() if k not in _ADDED_IN_3[member]} for e in doc[member]]
    out["wages"] = {c: {k: v for k, v in w.items() if k not in _ADDED_IN_3["wages"]} for c, w in doc["wages"].items()}
    return out


def _resolve_zone(tz: tzinfo | None, tz_name: str | None) -> tuple[tzinfo, str]:
    if tz is None or not tz_name:
        return local_zone()
    return tz, tz_name


def unsigned(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The document as signed: without ``integrity.signature``."""
    out = dict(doc)
    out["integrity"] = {k: v for k, v in doc["integrity"].items() if k != "signature"}
    return out


def _sign(store: Store, doc: dict[str, Any], head: tuple[int, str], records: list, complete: bool) -> dict:
    key = keys.load_or_create(store.data_dir)
    seq, digest = head
    doc["integrity"] = {
        "scheme": SCHEME,
        "head": {"seq": seq, "hash": digest, "code": chain.head_code(seq, digest)},
        "complete": complete,
        "records": records,
        "public_key": key.public_b64,
        "fingerprint": key.fingerprint,
        "algorithm": keys.ALGORITHM,
    }
    doc["integrity"]["signature"] = key.sign(chain.canonical(unsigned(doc)).encode("utf-8"))
    return doc


def build(store: Store, *, start=None, end=None, pack=None, tz=None, tz_name=None, reference=None,
          thresholds=None, worker: str | None = None,
          export: Callable[[dict[str, Any], tzinfo, str], dict[str, Any]] | None = None) -> tuple[dict, dict]:
    """``(signed document, timesheet)``. ``export(sheet, tz, tz_name)`` returns the ``export`` member of a
    sidecar (the file's format, SHA-256, options, file signature), signed with the rest."""
    tz, tz_name = _resolve_zone(tz, tz_name)
    head = MeterRepository(store).head()
    sheet, records, complete = compute_with_records(store, start=start, end=end, pack=pack, tz=tz,
                                                    reference=reference, thresholds=thresholds)
    doc = body(sheet, tz, tz_name)
    if worker:
        doc["worker"] = str(worker)
    if export is not None:
        doc["export"] = export(sheet, tz, tz_name)
    return _sign(store, doc, head, records, complete), sheet


def build_document(store: Store, **kwargs) -> dict[str, Any]:
    """The signed JSON document of a timesheet (what ``timesheet export --format json`` writes)."""
    return build(store, **kwargs)[0]


def file_block(store: Store, fmt: str, name: str, data: bytes, options: Mapping[str, Any]) -> dict[str, Any]:
    key = keys.load_or_create(store.data_dir)
    return {"format": fmt, "file": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
            "options": dict(options), "file_signature": key.sign(data)}


def document_bytes(doc: Mapping[str, Any]) -> bytes:
    """The document as a person can read it (indented UTF-8). orjson: a year's export in a second, where the
    standard library's indenting encoder (pure Python) takes half a minute; every figure is finite already."""
    import orjson

    # NON_STR_KEYS: the records' column names come from SQLAlchemy as str subclasses
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS)


def write_export(store: Store, path: Path, fmt: str, *, start=None, end=None, pack=None, tz=None,
                 tz_name: str | None = None, reference=None, thresholds=None, pdf_writer=None,
                 options: Mapping[str, Any] | None = None, worker: str | None = None) -> list[Path]:
    """Write an export; returns the files written (the export and, but for JSON, its ``.sig``)."""
    from annotator.core.metering import formats

    path = Path(path)
    opts = formats.check_options(fmt, options or {})
    kw = dict(start=start, end=end, pack=pack, tz=tz, tz_name=tz_name, reference=reference, thresholds=thresholds,
              worker=worker)
    if fmt == "json":
        doc, _ = build(store, **kw)
        _atomic(path, document_bytes(doc))
        return [path]
    made: dict[str, bytes] = {}

    def export(sheet, zone, zone_name):
        if fmt == "pdf":
            if pdf_writer is None:
                raise UserError("PDF export needs the Qt part of the app")
            seq, digest = MeterRepository(store).head()
            key = keys.load_or_create(store.data_dir)
            drawn = pdf_writer(sheet, {"code": chain.head_code(seq, digest), "hash": digest,
                                       "fingerprint": key.fingerprint, "public_key": key.public_b64,
                                       "worker": worker, "timezone": zone_name}, zone)
            made["data"] = pdfsign.sign(drawn, key, signer_name=worker,
                                        reason=f"Timesheet, chain head {chain.head_code(seq, digest)}")
        else:
            made["data"] = formats.render(fmt, sheet, zone, opts)
        return file_block(store, fmt, path.name, made["data"], opts)

    doc, _ = build(store, **kw, export=export)
    _atomic(path, made["data"])
    sig_path = sidecar_path(path)
    _atomic(sig_path, document_bytes(doc))
    return [path, sig_path]


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".sig")


def _atomic(path: Path, data: bytes) -> None:
    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise UserError(msg("cannot write {path}: {reason}", path=path, reason=exc.strerror or exc)) from None


# ---------------------------------------------------------------------- verification (see .verify)

def verify_store(store: Store, head_code: str | None = None, full: bool = False):
    from annotator.core.metering.verify import verify_store as _verify_store

    return _verify_store(store, head_code, full=full)


def verify_file(path: Path, store: Store | None = None, *, pin: keys.Pin | None = None, head: str | None = None):
    """Check an export file; the key is pinned by ``pin``, else by ``store``'s installation key."""
    from annotator.core.metering.verify import verify_file as _verify_file

    if pin is None and store is not None:
        pin = keys.Pin.installation(store.data_dir)
    return _verify_file(Path(path), pin=pin, head=head)
