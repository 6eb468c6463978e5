"""The files a timesheet is exported as, each made from the computed timesheet alone.

* ``csv``: the spreadsheet CSV: one row per interval split at local midnight, with ISO 8601
  start and end (UTC offset), the time-zone name, decimal hours, whole seconds, paid or unpaid
  by the pack's terms, ``measured``/``declared``; gaps, payments and rejections as rows of
  their own ``kind``; ``delimiter``, ``decimal`` and ``bom`` options for spreadsheets set to
  other languages.
* ``toggl``, ``clockify``: the columns each tool's documented CSV importer reads (lab as
  client, pack as project, category as tag, item as description, billable by the pack's
  terms); break and away are left out (not working time), gaps too.
* ``ics``: an iCalendar file of the counted time, one event per run of one category on one
  pack (made with the ``icalendar`` package).

Every cell of every CSV goes through :func:`annotator.core.safetext.csv_cell` (OWASP's
formula-injection rule): pack ids, titles, labs, item ids and notes come from packs and
from the worker, and a spreadsheet must show them, never run them.

Every renderer is deterministic: the same records, period, time zone and options give the
same bytes, so a verifier remakes the file from the signed records and compares it byte for
byte (:mod:`.verify`), naming the first line that differs. Column names are in
``docs/metering.md`` ("Exports").
"""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Iterator, Mapping

from annotator.core.errors import UserError
from annotator.core.metering.engine import COUNTED
from annotator.core.metering.timesheet import interval_dicts
from annotator.core.safetext import csv_cell
from annotator.core.units import decimal_text, duration

#: format -> (file suffix, options with their defaults)
FORMATS: dict[str, tuple[str, dict[str, Any]]] = {
    "json": (".json", {}),
    "csv": (".csv", {"delimiter": ",", "decimal": ".", "bom": False}),
    "toggl": (".csv", {"email": None, "billable": True}),
    "clockify": (".csv", {"email": None, "billable": True, "date_format": "MM/DD/YYYY", "time_format": "12h",
                          "duration_format": "full"}),
    "ics": (".ics", {"uid": ""}),
    "pdf": (".pdf", {}),
}

CSV_COLUMNS = ["kind", "source", "start", "end", "timezone", "date", "hours", "seconds", "category", "paid", "lab",
               "pack", "version", "item", "note", "measured_category", "record", "correction", "amount", "currency"]
#: Toggl Track's importer: "Columns must have headers in English. The allowed column headers are: User, Email,
#: Client, Project, Task, Description, Billable, Start date, Start time, Duration, Tags" (support.toggl.com,
#: "Editing and uploading a CSV file"); dates YYYY-MM-DD, times and durations HH:MM:SS.
TOGGL_COLUMNS = ["Email", "Client", "Project", "Description", "Billable", "Start date", "Start time", "Duration",
                 "Tags"]
#: Clockify's importer: "Time import: Email, Start date, Start time, and Duration are required"; Project,
#: Client, Description, Task, Tags, Billable optional; dates, times and durations as the account is set
#: (clockify.me/help, "Import data into Clockify").
CLOCKIFY_COLUMNS = ["Project", "Client", "Description", "Email", "Tags", "Billable", "Start date", "Start time",
                    "Duration"]
CLOCKIFY_DATES = {"MM/DD/YYYY": "%m/%d/%Y", "DD/MM/YYYY": "%d/%m/%Y", "DD-MM-YYYY": "%d-%m-%Y",
                  "MM-DD-YYYY": "%m-%d-%Y", "YYYY-MM-DD": "%Y-%m-%d", "DD.MM.YYYY": "%d.%m.%Y"}
_EMAIL = re.compile(r"^[^@\s,;\"']+@[^@\s,;\"']+\.[^@\s,;\"']+$")


def suffix_of(fmt: str) -> str:
    return FORMATS[fmt][0]


def format_for(path_name: str, fmt: str | None) -> str:
    """The format to write ``path_name`` in: ``fmt`` if its suffix fits, else the one the suffix names.

    A name that fits no format is refused rather than silently written as JSON."""
    suffix = "." + path_name.rsplit(".", 1)[-1].lower() if "." in path_name else ""
    if fmt is None:
        found = [f for f, (s, _) in FORMATS.items() if s == suffix and f not in ("toggl", "clockify")]
        if not found:
            raise UserError(f"cannot tell the format of {path_name!r} from its name: end it in "
                            f"{', '.join(sorted({s for s, _ in FORMATS.values()}))}, or give --format")
        return found[0]
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    if suffix != FORMATS[fmt][0]:
        raise UserError(f"a {fmt} export is a {FORMATS[fmt][0]} file; {path_name!r} would mislead whoever opens it")
    return fmt


def check_options(fmt: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """The options of ``fmt`` with their defaults, checked; unknown formats are a user error."""
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    defaults = FORMATS[fmt][1]
    opts = {k: options.get(k) if options.get(k) is not None else v for k, v in defaults.items()}
    if fmt == "csv":
        opts["delimiter"] = {"tab": "\t", "\\t": "\t"}.get(opts["delimiter"], opts["delimiter"])
        if opts["delimiter"] not in (",", ";", "\t"):
            raise UserError("--delimiter is one of , ; tab")
        if opts["decimal"] not in (".", ","):
            raise UserError("--decimal is . or ,")
        if opts["decimal"] == opts["delimiter"]:
            raise UserError("with --decimal , the delimiter cannot be a comma: use --delimiter ';'")
        opts["bom"] = bool(opts["bom"])
    if fmt in ("toggl", "clockify"):
        email = (opts["email"] or "").strip()
        if not _EMAIL.match(email):
            tool = fmt.capitalize()
            raise UserError(f"{tool} imports time for the account with your email: give --email ADDRESS, or set it "
                            "once with 'annotator timesheet settings --email ADDRESS'")
        opts["email"] = email
        opts["billable"] = bool(opts["billable"])
    if fmt == "clockify":
        if opts["date_format"] not in CLOCKIFY_DATES:
            raise UserError(f"--clockify-date is one of {', '.join(CLOCKIFY_DATES)}")
        if opts["time_format"] not in ("12h", "24h"):
            raise UserError("--clockify-time is 12h or 24h")
        if opts["duration_format"] not in ("full", "compact", "decimal"):
            raise UserError("--clockify-duration is full (h:mm:ss), compact (h:mm) or decimal (h.hh)")
    return opts


def render(fmt: str, sheet: Mapping[str, Any], tz: tzinfo, options: Mapping[str, Any]) -> bytes:
    if fmt == "csv":
        text = csv_text(sheet, tz, options.get("delimiter", ","), options.get("decimal", "."))
        return ("\ufeff" if options.get("bom") else "").encode("utf-8") + text.encode("utf-8")
    if fmt == "toggl":
        return toggl_text(sheet, tz, options).encode("utf-8")
    if fmt == "clockify":
        return clockify_text(sheet, tz, options).encode("utf-8")
    if fmt == "ics":
        return ics_bytes(sheet, tz, options)
    raise UserError(f"{fmt} is not a file format made here")


# ---------------------------------------------------------------------- rows

class _SafeWriter:
    """A ``csv.writer`` whose every cell is neutralised for spreadsheets."""

    def __init__(self, buf: io.StringIO, **fmt: Any):
        self.writer = csv.writer(buf, lineterminator="\r\n", **fmt)

    def writerow(self, cells) -> None:
        self.writer.writerow([csv_cell(c) for c in cells])


def _terms(sheet: Mapping[str, Any]) -> dict[tuple, Mapping[str, Any]]:
    return {(p["pack"], p["version"]): p for p in sheet["packs"]}


def paid(category: str, terms: Mapping[str, Any] | None) -> bool | None:
    """Whether time in ``category`` is paid by the pack's terms (``None``: not working time)."""
    if category not in COUNTED:
        return None
    if terms is None:
        return False
    if category == "work":
        return bool(terms.get("per_item"))
    if category == "training":
        return bool(terms.get("training_paid"))
    if category == "instructions":
        return bool(terms.get("instructions_paid"))
    return False


def split_at_midnight(start: float, end: float, tz: tzinfo) -> Iterator[tuple[float, float]]:
    """``[start, end)`` cut at each local midnight of ``tz``."""
    a = start
    while a < end:
        d = datetime.fromtimestamp(a, tz).date() + timedelta(days=1)
        midnight = datetime(d.year, d.month, d.day, tzinfo=tz).timestamp()
        b = min(end, midnight)
        yield a, b
        a = b
    if start == end:
        yield start, end


def pieces(sheet: Mapping[str, Any], tz: tzinfo) -> Iterator[dict[str, Any]]:
    """Every interval of the timesheet, cut at local midnight, with its pack's terms."""
    terms = _terms(sheet)
    for e in interval_dicts(sheet):
        t = terms.get((e["pack"], e["version"])) if e["pack"] else None
        for a, b in split_at_midnight(e["start"], e["end"], tz):
            yield {**e, "start": a, "end": b, "seconds": b - a, "terms": t, "paid": paid(e["category"], t),
                   "title": (t or {}).get("title") or e["pack"] or ""}


def day_rows(sheet: Mapping[str, Any], tz: tzinfo) -> list[dict[str, Any]]:
    """The per-day table: each day's figures (as in ``days``), its first start and last end, and its
    counted time split into measured and declared."""
    spans: dict[str, dict[str, Any]] = {}
    for p in pieces(sheet, tz):
        day = datetime.fromtimestamp(p["start"], tz).date().isoformat()
        s = spans.setdefault(day, {"start": p["start"], "end": p["end"], "measured": 0.0, "declared": 0.0})
        s["start"], s["end"] = min(s["start"], p["start"]), max(s["end"], p["end"])
        if p["category"] in COUNTED:
            s[p["source"]] += p["seconds"]
    return [{"date": d["date"], "totals": d["totals"], "counted": d["counted_seconds"], "items": d["items"],
             "earnings": d["earnings"], **spans.get(d["date"], {"start": None, "end": None, "measured": 0.0,
                                                                  "declared": 0.0})} for d in sheet["days"]]


def _iso(t: float, tz: tzinfo) -> str:
    return datetime.fromtimestamp(t, tz).isoformat(timespec="seconds")


def csv_text(sheet: Mapping[str, Any], tz: tzinfo, delimiter: str = ",", decimal: str = ".") -> str:
    """The spreadsheet CSV (see the module's docstring), rows in time order."""
    zone = getattr(tz, "key", None) or str(tz)
    rows: list[tuple[float, int, list]] = []
    for p in pieces(sheet, tz):
        rows.append((p["start"], 0, [
            "interval", p["source"], _iso(p["start"], tz), _iso(p["end"], tz), zone,
            datetime.fromtimestamp(p["start"], tz).date().isoformat(), decimal_text(p["seconds"] / 3600, 6, decimal),
            int(p["seconds"]), p["category"], {True: "paid", False: "unpaid", None: ""}[p["paid"]], p["lab"] or "",
            p["pack"] or "", p["version"] or "", p["item"] or "", p["note"], p["measured_category"], p["record"],
            p["correction"] if p["correction"] is not None else "", "", ""]))
    for g in sheet["gaps"]:
        for a, b in split_at_midnight(g["start"], g["end"], tz):
            rows.append((a, 1, ["gap", "measured", _iso(a, tz), _iso(b, tz), zone,
                                datetime.fromtimestamp(a, tz).date().isoformat(), "", "", "", "", "", "", "", "",
                                (g["reason"] or "") + (f": {g['note']}" if g.get("note") else ""), "", g["record"], "",
                                "", ""]))
    for pay in sheet["payments"]:
        rows.append((pay["t"], 2, ["payment", "declared", _iso(pay["t"], tz), "", zone,
                                   datetime.fromtimestamp(pay["t"], tz).date().isoformat(), "", "", "", "",
                                   pay["lab"] or "", pay["pack"] or "", "", "", pay["note"], "", pay["record"], "",
                                   decimal_text(pay["amount"], 2, decimal), pay["currency"]]))
    terms = _terms(sheet)
    for r in sheet["rejections"]:
        t = terms.get((r["pack"], r["version"])) or {}
        rows.append((r["t"], 3, ["rejection", "declared", _iso(r["t"], tz), "", zone,
                                 datetime.fromtimestamp(r["t"], tz).date().isoformat(), "", "", "", "",
                                 t.get("lab") or "", r["pack"] or "", r["version"] or "", r["item"] or "", r["reason"],
                                 "", r["record"], "", decimal_text(r["paid"] or 0, 2, decimal),
                                 t.get("currency") or ""]))
    rows.sort(key=lambda row: (row[0], row[1], row[2][16]))
    buf = io.StringIO()
    writer = _SafeWriter(buf, delimiter=delimiter)
    writer.writerow(CSV_COLUMNS)
    for _t, _k, cells in rows:
        writer.writerow(cells)
    return buf.getvalue()


def _tracker_rows(sheet: Mapping[str, Any], tz: tzinfo) -> Iterator[tuple[datetime, dict[str, Any]]]:
    for p in pieces(sheet, tz):
        if p["category"] not in COUNTED or not p["seconds"]:  # break and away are not working time
            continue
        yield datetime.fromtimestamp(p["start"], tz), p


def _description(p: Mapping[str, Any]) -> str:
    """The item worked on (the category without one); declared time says so, with the worker's note."""
    if p.get("source") == "declared":
        return f"{p['note'] or p['category']} (declared)"
    return p["item"] or p["category"]


def toggl_text(sheet: Mapping[str, Any], tz: tzinfo, options: Mapping[str, Any]) -> str:
    buf = io.StringIO()
    writer = _SafeWriter(buf)
    columns = TOGGL_COLUMNS if options.get("billable", True) else [c for c in TOGGL_COLUMNS if c != "Billable"]
    writer.writerow(columns)
    for start, p in _tracker_rows(sheet, tz):
        cells = {"Email": options["email"], "Client": p["lab"] or "", "Project": p["title"],
                 "Description": _description(p), "Billable": "Yes" if p["paid"] else "No",
                 "Start date": start.strftime("%Y-%m-%d"), "Start time": start.strftime("%H:%M:%S"),
                 "Duration": _hh_mm_ss(p["seconds"]), "Tags": p["category"]}
        writer.writerow([cells[c] for c in columns])
    return buf.getvalue()


def _hh_mm_ss(seconds: float) -> str:
    text = duration(seconds)
    return text if len(text.split(":")[0]) >= 2 else "0" + text


def clockify_text(sheet: Mapping[str, Any], tz: tzinfo, options: Mapping[str, Any]) -> str:
    buf = io.StringIO()
    writer = _SafeWriter(buf)
    columns = CLOCKIFY_COLUMNS if options.get("billable", True) else [c for c in CLOCKIFY_COLUMNS if c != "Billable"]
    writer.writerow(columns)
    date_fmt = CLOCKIFY_DATES[options.get("date_format", "MM/DD/YYYY")]
    for start, p in _tracker_rows(sheet, tz):
        if options.get("time_format", "12h") == "12h":
            clock = start.strftime("%I:%M %p").lstrip("0")
        else:
            clock = start.strftime("%H:%M")
        secs = int(p["seconds"])
        how = options.get("duration_format", "full")
        length = duration(secs) if how == "full" else f"{(secs + 30) // 3600}:{(secs + 30) % 3600 // 60:02d}" \
            if how == "compact" else decimal_text(secs / 3600, 2)
        cells = {"Project": p["title"], "Client": p["lab"] or "", "Description": _description(p),
                 "Email": options["email"], "Tags": p["category"], "Billable": "Yes" if p["paid"] else "No",
                 "Start date": start.strftime(date_fmt), "Start time": clock, "Duration": length}
        writer.writerow([cells[c] for c in columns])
    return buf.getvalue()


# ---------------------------------------------------------------------- iCalendar

def ics_bytes(sheet: Mapping[str, Any], tz: tzinfo, options: Mapping[str, Any]) -> bytes:
    """Counted time as calendar events: one per run of one category on one pack (break and away left out)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//annotator//timesheet//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Timesheet")
    stamp = datetime.fromtimestamp(round(sheet["generated_at"]), timezone.utc)
    runs: list[dict[str, Any]] = []
    for e in interval_dicts(sheet):
        if e["category"] not in COUNTED:
            continue
        last = runs[-1] if runs else None
        if last is not None and last["end"] == e["start"] and (last["category"], last["pack"], last["version"],
                                                               last["source"]) == \
                (e["category"], e["pack"], e["version"], e["source"]):
            last["end"] = e["end"]
            last["items"] += [e["item"]] if e["item"] and e["item"] not in last["items"] else []
            continue
        runs.append({**e, "items": [e["item"]] if e["item"] else []})
    titles = {(p["pack"], p["version"]): p["title"] for p in sheet["packs"]}
    uid = options.get("uid") or "annotator"
    for r in runs:
        ev = Event()
        title = titles.get((r["pack"], r["version"])) or r["pack"]
        ev.add("summary", f"{r['category']}" + (f" · {title}" if title else ""))
        ev.add("dtstart", datetime.fromtimestamp(r["start"], tz))
        ev.add("dtend", datetime.fromtimestamp(r["end"], tz))
        ev.add("dtstamp", stamp)
        ev.add("uid", f"{r['record']}-{int(r['start'])}-{uid}@annotator.timesheet")
        ev.add("categories", [r["category"]])
        lines = [f"{duration(r['end'] - r['start'])} of {r['category']} ({r['source']})"]
        if r["lab"]:
            lines.append(f"lab: {r['lab']}")
        if r["items"]:
            lines.append(f"items: {len(r['items'])}")
        ev.add("description", "\n".join(lines))
        ev.add("transp", "OPAQUE")
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
