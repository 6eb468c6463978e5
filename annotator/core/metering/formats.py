"""The files a timesheet is exported as, each made from the computed timesheet alone.

Every cell of every CSV goes through :func:`annotator.core.safetext.csv_cell` (OWASP's
formula-injection rule): pack ids, titles, labs, item ids and notes come from packs and
from the worker, and a spreadsheet must show them, never run them.

Every renderer is deterministic: the same records, period, time zone and options give the
same bytes, so a verifier remakes the file from the signed records and compares it byte for
byte (:mod:`.verify`), naming the first line that differs.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime, tzinfo
from typing import Any, Mapping

from annotator.core.errors import UserError
from annotator.core.metering.timesheet import interval_dicts
from annotator.core.safetext import csv_cell
from annotator.core.units import duration

CSV_COLUMNS = ["Start date", "Start time", "End date", "End time", "Duration", "Duration (seconds)", "Category",
               "Lab", "Pack", "Item", "Note", "Measured category", "Record", "Correction"]

#: format -> (file suffix, options it takes with their defaults)
FORMATS: dict[str, tuple[str, dict[str, Any]]] = {
    "json": (".json", {}),
    "csv": (".csv", {}),
    "pdf": (".pdf", {}),
}


def check_options(fmt: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """The options of ``fmt`` with their defaults; unknown formats are a user error."""
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    defaults = FORMATS[fmt][1]
    return {k: options.get(k, v) if options.get(k) is not None else v for k, v in defaults.items()}


def render(fmt: str, sheet: Mapping[str, Any], tz: tzinfo, options: Mapping[str, Any]) -> bytes:
    if fmt == "csv":
        return csv_text(sheet, tz).encode("utf-8")
    raise UserError(f"{fmt} is not a file format made here")


class _SafeWriter:
    """A ``csv.writer`` whose every cell is neutralised for spreadsheets."""

    def __init__(self, buf: io.StringIO, **fmt: Any):
        self.writer = csv.writer(buf, lineterminator="\n", **fmt)

    def writerow(self, cells) -> None:
        self.writer.writerow([csv_cell(c) for c in cells])


def csv_text(sheet: Mapping[str, Any], tz: tzinfo | None = None) -> str:
    buf = io.StringIO()
    writer = _SafeWriter(buf)
    writer.writerow(CSV_COLUMNS)
    for e in interval_dicts(sheet):
        a = datetime.fromtimestamp(e["start"], tz)
        b = datetime.fromtimestamp(e["end"], tz)
        writer.writerow([a.date().isoformat(), a.strftime("%H:%M:%S"), b.date().isoformat(), b.strftime("%H:%M:%S"),
                         duration(e["seconds"]), f"{e['seconds']:.0f}", e["category"], e["lab"] or "",
                         e["pack"] or "", e["item"] or "", e["note"], e["measured_category"], e["record"],
                         e["correction"] or ""])
    return buf.getvalue()
