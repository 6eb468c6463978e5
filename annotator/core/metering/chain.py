"""The hash chain of the timesheet's records.

Every record is one row of ``meter_records``. Its hash is SHA-256 over the
canonical JSON of all its columns (``seq`` and ``prev`` included), so editing
any value, removing a record or moving one breaks the chain at that record.
``verify_rows`` names the first record that does not fit.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

GENESIS = "0" * 64
#: the columns a record's hash covers, in this order
COLUMNS = ("seq", "kind", "start", "end", "category", "pack", "version", "item", "run", "data", "prev")
RECORD_KINDS = ("interval", "gap", "outcome", "pack", "correction", "payment", "rejection", "declared", "withdrawal")


def canonical(value: Any) -> str:
    """The one JSON text of a value: sorted keys, no spaces, UTF-8, no NaN."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def record_hash(row: Mapping[str, Any]) -> str:
    body = canonical([row.get(c) for c in COLUMNS])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def head_code(seq: int, digest: str) -> str:
    """A short code for the chain head that a person can copy: ``#SEQ XXXX-XXXX-XXXX-XXXX``."""
    h = digest[:16].upper()
    return f"#{seq} {h[0:4]}-{h[4:8]}-{h[8:12]}-{h[12:16]}"


def parse_head_code(code: str) -> tuple[int, str]:
    """``(seq, hash prefix in lower case)`` from a code made by :func:`head_code`."""
    text = code.strip()
    try:
        seq_text, digits = text.split(None, 1)
        seq = int(seq_text.lstrip("#"))
        prefix = digits.replace("-", "").replace(" ", "").lower()
        int(prefix, 16)
    except ValueError:
        raise ValueError(f"not a chain-head code: {code!r} (expected like '#123 ABCD-1234-ABCD-1234')") from None
    if len(prefix) < 8:
        raise ValueError(f"chain-head code too short: {code!r}")
    return seq, prefix


@dataclass(frozen=True)
class Problem:
    """The first record that does not fit the chain."""

    seq: int | None
    position: int
    message: str

    def __str__(self) -> str:
        where = f"record {self.seq}" if self.seq is not None else f"entry {self.position + 1}"
        return f"{where}: {self.message}"


def verify_rows(rows: Iterable[Mapping[str, Any]], *, complete: bool = True,
                first_prev: str | None = GENESIS, first_seq: int = 0) -> tuple[Problem | None, int, str | None, int | None]:
    """Check records in chain order.

    ``complete``: the rows are the whole chain from its start (no record may be
    missing). Otherwise rows may skip records (a filtered export), but must stay
    in order and each must still match its own hash. Returns
    ``(first problem or None, records checked, last hash, last seq)``. ``first_seq`` and
    ``first_prev``: the record the rows follow (a verified checkpoint), ``0`` and the genesis by default.
    """
    prev_hash = first_prev
    prev_seq: int | None = first_seq if complete else None
    n = 0
    last_hash = None
    for position, row in enumerate(rows):
        n += 1
        seq = row.get("seq")
        if not isinstance(seq, int):
            return Problem(None, position, "has no record number"), n, last_hash, prev_seq
        if row.get("kind") not in RECORD_KINDS:
            return Problem(seq, position, f"unknown kind {row.get('kind')!r}"), n, last_hash, prev_seq
        if record_hash(row) != row.get("hash"):
            return Problem(seq, position, "its content does not match its hash (the record was changed)"), \
                n, last_hash, prev_seq
        if prev_seq is not None and seq <= prev_seq:
            return Problem(seq, position, f"comes after record {prev_seq} (records were reordered)"), \
                n, last_hash, prev_seq
        if prev_seq is not None and seq == prev_seq + 1:
            if prev_hash is not None and row.get("prev") != prev_hash:
                return Problem(seq, position, f"does not follow record {prev_seq} (its 'prev' is not that "
                                              "record's hash: a record was changed, removed or moved)"), \
                    n, last_hash, prev_seq
        elif complete:
            missing = (prev_seq or 0) + 1
            return Problem(seq, position, f"record {missing} is missing before it (records were removed "
                                          "or reordered)"), \
                n, last_hash, prev_seq
        prev_hash = row.get("hash")
        last_hash = prev_hash
        prev_seq = seq
    return None, n, last_hash, prev_seq
