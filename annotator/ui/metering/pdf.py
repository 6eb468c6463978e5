"""The timesheet as a PDF an inspector or a union representative can use.

Who and what: the worker's name or pseudonym (a setting, optional), the labs and their
contacts, the period and its time zone; the time per category, earnings and wages; a table
per day (first start, last end, hours per category, counted, measured and declared); a chart;
packs; payments, rejections, corrections, gaps; the rules; and how to check it. Every figure
is the one of the computed timesheet, formatted by the one formatter (``core/units.py``), so
the PDF says what ``timesheet show`` and every other view say. Table headers and cells wrap,
never cut. Pack strings are drawn as plain text.

Drawn in A4 landscape with Qt's QPdfWriter and QPainter; the command line starts an
offscreen application when there is none. The export signs it inside (pyHanko,
``core/metering/pdfsign.py``) and writes ``FILE.pdf.sig`` beside it.
"""
from __future__ import annotations

from datetime import datetime

from PySide6 import QtCore, QtGui

from annotator.core.metering.engine import CATEGORIES, COUNTED
from annotator.core.metering.formats import day_rows
from annotator.core.units import duration
from annotator.ui import headless
from annotator.ui.i18n import tr
from annotator.ui.metering.common import COLORS, category_name, money, percent, ratio

F = QtCore.Qt.TextFlag
A = QtCore.Qt.AlignmentFlag


def ensure_app() -> None:
    # a QApplication, so a report with charts can run in the same process afterwards
    headless.ensure_app(widgets=True)


class _Page:
    """A cursor down A4 landscape pages, in points (1/72 inch)."""

    def __init__(self, writer: QtGui.QPdfWriter, painter: QtGui.QPainter, footer):
        self.writer = writer
        self.p = painter
        self.footer = footer
        self.width = writer.width()
        self.height = writer.height()
        self.y = 0.0
        self.page = 1
        self.bottom = self.height - 46

    def font(self, size: float, bold: bool = False) -> QtGui.QFont:
        font = QtGui.QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        if hasattr(font, "setFeature"):  # no ligatures: "flagged" stays 7 letters when copied or searched
            for tag in ("liga", "clig"):
                font.setFeature(QtGui.QFont.Tag(tag), 0)
        return font

    def new_page(self) -> None:
        self.footer(self)
        self.writer.newPage()
        self.page += 1
        self.y = 0.0

    def need(self, h: float) -> bool:
        """Start a new page if ``h`` points do not fit; True if it did."""
        if self.y + h > self.bottom and self.y > 0:
            self.new_page()
            return True
        return False

    def flags(self, metrics: QtGui.QFontMetricsF, text: str, width: float) -> int:
        """Wrap at words, or anywhere when one word is wider than the cell: text is never cut."""
        longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
        return int(F.TextWordWrap if longest <= width else F.TextWrapAnywhere)

    def text(self, text: str, size: float = 10, bold: bool = False, color: str = "#202124", gap: float = 4,
             x: float = 0, width: float | None = None) -> None:
        font = self.font(size, bold)
        self.p.setFont(font)
        metrics = QtGui.QFontMetricsF(font, self.writer)
        w = width if width is not None else self.width - x
        flags = self.flags(metrics, text, w)
        rect = metrics.boundingRect(QtCore.QRectF(x, 0, w, 100_000), flags, text)
        self.need(rect.height())
        self.p.setPen(QtGui.QColor(color))
        self.p.drawText(QtCore.QRectF(x, self.y, w, rect.height() + 2), flags, text)
        self.y += rect.height() + gap

    def heading(self, text: str) -> None:
        self.need(60)  # a heading never ends a page alone
        self.y += 6
        self.text(text, 12, bold=True, gap=5)

    def widths(self, headers: list[str], rows: list[list[str]], fractions: list[float], size: float) -> list[float]:
        """Each column as wide as its longest header word and its cells (up to 130 pt) need; the rest of the
        page shared by ``fractions``."""
        bold = QtGui.QFontMetricsF(self.font(size, True), self.writer)
        plain = QtGui.QFontMetricsF(self.font(size), self.writer)
        need = []
        for i, header in enumerate(headers):
            words = max((bold.horizontalAdvance(w) for w in header.split()), default=0)
            cells = max((min(plain.horizontalAdvance(r[i]), 130) for r in rows), default=0)
            need.append(max(words, cells) + 8)
        spare = self.width - sum(need)
        if spare < 0:
            return [n * self.width / sum(need) for n in need]
        return [n + spare * f / sum(fractions) for n, f in zip(need, fractions)]

    def table(self, headers: list[str], rows: list[list[str]], fractions: list[float], size: float = 7.5,
              right: tuple[int, ...] = (), bold_rows: tuple[int, ...] = ()) -> None:
        widths = self.widths(headers, rows, fractions, size)

        def draw(cells: list[str], bold: bool, shade: bool) -> None:
            font = self.font(size, bold)
            self.p.setFont(font)
            metrics = QtGui.QFontMetricsF(font, self.writer)
            boxes = []
            for cell, w in zip(cells, widths):
                flags = self.flags(metrics, cell, w - 6)
                boxes.append((flags, metrics.boundingRect(QtCore.QRectF(0, 0, w - 6, 100_000), flags, cell).height()))
            h = max(b[1] for b in boxes) + 6
            if self.need(h) and not shade:
                draw(headers, True, True)  # the header again on the new page
                self.p.setFont(font)
            if shade:
                self.p.fillRect(QtCore.QRectF(0, self.y, sum(widths), h), QtGui.QColor("#e8eaed"))
            x = 0.0
            self.p.setPen(QtGui.QColor("#202124"))
            for i, (cell, w, (flags, _)) in enumerate(zip(cells, widths, boxes)):
                align = A.AlignRight if i in right else A.AlignLeft
                self.p.drawText(QtCore.QRectF(x + 3, self.y + 3, w - 6, h - 6), flags | int(align | A.AlignTop), cell)
                x += w
            self.p.setPen(QtGui.QPen(QtGui.QColor("#dadce0"), 0.5))
            self.p.drawLine(QtCore.QPointF(0, self.y + h), QtCore.QPointF(sum(widths), self.y + h))
            self.y += h

        self.need(40)
        draw(headers, True, True)
        for n, row in enumerate(rows):
            draw(row, n in bold_rows, False)
        self.y += 8


def _chart(page: _Page, days: list[dict]) -> None:
    h = 150.0
    page.need(h + 40)
    p = page.p
    left, top = 34.0, page.y + 6
    width = page.width - left - 4
    days = days[-31:]
    peak = max([d["counted_seconds"] + d["totals"]["break"] + d["totals"]["away"] for d in days] + [3600]) / 3600
    peak = max(1, int(peak + 0.999))
    p.setFont(page.font(7))
    for hline in range(peak + 1):
        y = top + h - h * hline / peak
        p.setPen(QtGui.QPen(QtGui.QColor("#dadce0"), 0.5))
        p.drawLine(QtCore.QPointF(left, y), QtCore.QPointF(left + width, y))
        p.setPen(QtGui.QColor("#5f6368"))
        p.drawText(QtCore.QRectF(0, y - 6, left - 4, 12), int(A.AlignRight), f"{hline} h")
    n = max(len(days), 1)
    slot = width / max(n, 7)  # one day is a bar of a week's width, not the whole page
    bar = slot * 0.7
    step = max(1, n // 16)
    for i, d in enumerate(days):
        x = left + i * slot + (slot - bar) / 2
        y = top + h
        for cat in CATEGORIES:
            hh = h * d["totals"][cat] / 3600 / peak
            if hh > 0:
                p.fillRect(QtCore.QRectF(x, y - hh, bar, hh), QtGui.QColor(COLORS[cat]))
                y -= hh
        if i % step == 0:
            p.setPen(QtGui.QColor("#5f6368"))
            p.drawText(QtCore.QRectF(left + i * slot - 10, top + h + 2, slot + 20, 12), int(A.AlignHCenter),
                       d["date"][5:])
    page.y = top + h + 18
    x = 0.0
    for cat in CATEGORIES:
        p.fillRect(QtCore.QRectF(x, page.y + 2, 8, 8), QtGui.QColor(COLORS[cat]))
        p.setPen(QtGui.QColor("#202124"))
        p.drawText(QtCore.QRectF(x + 11, page.y, 90, 12), int(A.AlignLeft), category_name(cat))
        x += page.width / len(CATEGORIES)
    page.y += 22


def pdf_bytes(sheet: dict, integrity: dict, tz=None) -> bytes:
    """The PDF of a computed timesheet. ``integrity``: head ``code`` and ``hash``, key ``fingerprint``,
    and optionally ``worker`` (name or pseudonym) and ``timezone`` (the zone's name)."""
    ensure_app()
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    writer = QtGui.QPdfWriter(buffer)
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QtGui.QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QtCore.QMarginsF(14, 12, 14, 12), QtGui.QPageLayout.Unit.Millimeter)
    writer.setResolution(72)
    writer.setTitle(tr("TimesheetPdf", "Timesheet"))
    writer.setCreator("annotator")
    painter = QtGui.QPainter(writer)

    def footer(page: _Page) -> None:
        painter.setFont(page.font(6.5))
        painter.setPen(QtGui.QColor("#5f6368"))
        y = page.height - 40
        painter.drawLine(QtCore.QPointF(0, y), QtCore.QPointF(page.width, y))
        line = tr("TimesheetPdf", "Chain head %1 (SHA-256 %2…) · signed inside this PDF and in FILE.pdf.sig with the worker's "
                  "Ed25519 key %3 · page %4").replace("%1", integrity["code"]) \
            .replace("%2", integrity["hash"][:24]).replace("%3", integrity["fingerprint"]).replace("%4", str(page.page))
        painter.drawText(QtCore.QRectF(0, y + 4, page.width, 34), int(F.TextWordWrap), line)

    page = _Page(writer, painter, footer)
    _first_page(page, sheet, integrity, tz)
    _tables(page, sheet, tz)
    _how_to_check(page, integrity)
    footer(page)
    painter.end()
    buffer.close()
    return bytes(buffer.data())


def _day_end(d: dict, tz) -> str:
    """The last end of a day; a day worked up to midnight ends at 24:00:00, not 00:00:00."""
    if d["end"] is None:
        return "—"
    end = datetime.fromtimestamp(d["end"], tz)
    return "24:00:00" if end.date().isoformat() != d["date"] else end.strftime("%H:%M:%S")


def _day(t, tz) -> str:
    return datetime.fromtimestamp(t, tz).strftime("%Y-%m-%d")


def _when(t, tz) -> str:
    return datetime.fromtimestamp(t, tz).strftime("%Y-%m-%d %H:%M:%S")


def _first_page(page: _Page, sheet: dict, integrity: dict, tz) -> None:
    period = sheet["period"]
    days = sheet["days"]
    first = _day(period["from"], tz) if period["from"] is not None else (days[0]["date"] if days else "—")
    last = _day(period["to"] - 1, tz) if period["to"] is not None else (days[-1]["date"] if days else "—")
    zone = integrity.get("timezone") or getattr(tz, "key", None) or str(tz)
    offset = datetime.fromtimestamp(sheet["generated_at"], tz).strftime("%z")
    page.text(tr("TimesheetPdf", "Timesheet"), 20, bold=True, gap=2)
    lines = [tr("TimesheetPdf", "Worker: %1").replace("%1", integrity.get("worker") or tr("TimesheetPdf", "not named (key %1)")
                                       .replace("%1", integrity["fingerprint"])),
             tr("TimesheetPdf", "Period: %1 to %2%3").replace("%1", first).replace("%2", last)
             .replace("%3", tr("TimesheetPdf", " (all records)") if period["from"] is None and period["to"] is None else "")
             + ("" if not period["pack"] else " · " + tr("TimesheetPdf", "pack %1").replace("%1", period["pack"])),
             tr("TimesheetPdf", "Time zone: %1 (UTC%2 when made); every time and day below is in this zone.").replace("%1", zone)
             .replace("%2", f"{offset[:3]}:{offset[3:]}" if offset else ""),
             tr("TimesheetPdf", "Made %1 by annotator from the worker's own signed records.")
             .replace("%1", datetime.fromtimestamp(sheet["generated_at"], tz).strftime("%Y-%m-%d %H:%M"))]
    for line in lines:
        page.text(line, 9.5, color="#3c4043", gap=2)
    page.y += 6

    labs = {}
    for p in sheet["packs"]:
        entry = labs.setdefault(p["lab"] or "?", {"contacts": set(), "packs": [], "counted": 0.0, "money": {}})
        if p.get("contact"):
            entry["contacts"].add(p["contact"])
        if p["title"] not in entry["packs"]:
            entry["packs"].append(p["title"])
        entry["counted"] += p["counted_seconds"]
        if p["currency"]:
            entry["money"][p["currency"]] = entry["money"].get(p["currency"], 0.0) + p["expected_earnings"]
    page.heading(tr("TimesheetPdf", "Labs"))
    page.table([tr("TimesheetPdf", "Lab"), tr("TimesheetPdf", "Contact"), tr("TimesheetPdf", "Packs"), tr("TimesheetPdf", "Counted"), tr("TimesheetPdf", "Expected earnings")],
               [[lab, ", ".join(sorted(e["contacts"])) or "—", ", ".join(e["packs"]), duration(e["counted"]),
                 ", ".join(money(v, c) for c, v in sorted(e["money"].items())) or "—"]
                for lab, e in sorted(labs.items())] or [["—", "—", "—", "—", "—"]],
               [2, 2, 4, 1, 1.5], right=(3, 4))

    page.heading(tr("TimesheetPdf", "Time per category"))
    page.table([category_name(c) for c in CATEGORIES] + [tr("TimesheetPdf", "Counted (all but break and away)")],
               [[duration(sheet["totals"][c]) for c in CATEGORIES] + [duration(sheet["counted_seconds"])]],
               [1] * len(CATEGORIES) + [1.6], right=tuple(range(len(CATEGORIES) + 1)))

    page.heading(tr("TimesheetPdf", "Earnings and wages"))
    i = sheet["items"]
    page.text(tr("TimesheetPdf", "Items: %1 submitted, %2 skipped, %3 flagged, %4 rejected.").replace("%1", str(i["submitted"]))
              .replace("%2", str(i["skipped"])).replace("%3", str(i["flagged"])).replace("%4", str(i["rejected"])), 9.5)
    rows = []
    for cur, e in sheet["earnings"].items():
        w = sheet["wages"][cur]
        rows.append([cur, money(e["expected"], cur), money(e["received"], cur), money(e["outstanding"], cur),
                     money(w["effective_hourly"], cur) + "/h", money(w["platform_hourly"], cur) + "/h",
                     money(w.get("shortfall"), cur) if "shortfall" in w else "—"])
    page.table([tr("TimesheetPdf", "Currency"), tr("TimesheetPdf", "Expected"), tr("TimesheetPdf", "Received"), tr("TimesheetPdf", "Outstanding"), tr("TimesheetPdf", "Effective hourly wage"),
                tr("TimesheetPdf", "Platform view (work time only)"), tr("TimesheetPdf", "Shortfall against the reference wage")],
               rows or [["—"] * 7], [1, 1.3, 1.3, 1.3, 1.6, 1.6, 1.8], right=(1, 2, 3, 4, 5, 6))
    r = sheet["ratios"]
    page.text(tr("TimesheetPdf", "Unpaid share of the time: %1. Waiting per hour of work: %2. Instructions per hour of work: %3.")
              .replace("%1", percent(r["unpaid_share"])).replace("%2", ratio(r["waiting_to_work"]))
              .replace("%3", ratio(r["instructions_to_work"])), 9.5, gap=8)


def _tables(page: _Page, sheet: dict, tz) -> None:
    page.heading(tr("TimesheetPdf", "Per day"))
    rows, totals = [], {"measured": 0.0, "declared": 0.0}
    for d in day_rows(sheet, tz):
        totals["measured"] += d["measured"]
        totals["declared"] += d["declared"]
        rows.append([d["date"], "—" if d["start"] is None else datetime.fromtimestamp(d["start"], tz).strftime("%H:%M:%S"),
                     _day_end(d, tz)]
                    + [duration(d["totals"][c]) for c in COUNTED] + [duration(d["counted"]), duration(d["measured"]),
                                                                      duration(d["declared"])]
                    + [duration(d["totals"][c]) for c in ("break", "away")])
    rows.append([tr("TimesheetPdf", "Total"), "", ""] + [duration(sheet["totals"][c]) for c in COUNTED]
                + [duration(sheet["counted_seconds"]), duration(totals["measured"]), duration(totals["declared"])]
                + [duration(sheet["totals"][c]) for c in ("break", "away")])
    page.table([tr("TimesheetPdf", "Day"), tr("TimesheetPdf", "First start"), tr("TimesheetPdf", "Last end")] + [category_name(c) for c in COUNTED]
               + [tr("TimesheetPdf", "Counted"), tr("TimesheetPdf", "Measured"), tr("TimesheetPdf", "Declared")] + [category_name(c) for c in ("break", "away")],
               rows, [1.25, 1, 1] + [1] * len(COUNTED) + [1, 1, 1, 1, 1], right=tuple(range(3, 16)),
               bold_rows=(len(rows) - 1,))
    page.text(tr("TimesheetPdf", "Counted is the sum of the six working categories; measured plus declared is counted. Durations are "
                 "hours:minutes:seconds; each total is the sum of its rows."), 8, color="#5f6368", gap=6)
    page.heading(tr("TimesheetPdf", "Hours per category per day"))
    _chart(page, sheet["days"])

    if sheet["packs"]:
        page.heading(tr("TimesheetPdf", "Packs"))
        page.table([tr("TimesheetPdf", "Pack"), tr("TimesheetPdf", "Version"), tr("TimesheetPdf", "Lab"), tr("TimesheetPdf", "Pay per item"), tr("TimesheetPdf", "Counted"), tr("TimesheetPdf", "Submitted"),
                    tr("TimesheetPdf", "Time per item"), tr("TimesheetPdf", "Lab's estimate")],
                   [[p["title"], p["version"] or "—", p["lab"] or "", money(p["per_item"], p["currency"], stated=True),
                     duration(p["counted_seconds"]), str(p["items"]["submitted"]),
                     "—" if p["seconds_per_item"] is None else f"{p['seconds_per_item']:.0f} s",
                     "—" if not p["estimated_seconds_per_item"] else f"{p['estimated_seconds_per_item']:g} s"]
                    for p in sheet["packs"]], [3, 1, 2, 1, 1, 1, 1, 1], right=(3, 4, 5, 6, 7))
    titles = {(p["pack"], p["version"]): p for p in sheet["packs"]}
    page.heading(tr("TimesheetPdf", "Payments received"))
    page.table([tr("TimesheetPdf", "Date"), tr("TimesheetPdf", "Amount"), tr("TimesheetPdf", "Lab"), tr("TimesheetPdf", "Pack"), tr("TimesheetPdf", "Note")],
               [[_when(x["t"], tz), money(x["amount"], x["currency"]), x["lab"] or "", x["pack"] or "", x["note"]]
                for x in sheet["payments"]] or [[tr("TimesheetPdf", "None."), "", "", "", ""]], [1.5, 1, 1.5, 1.5, 3], right=(1,))
    page.heading(tr("TimesheetPdf", "Rejections"))
    page.table([tr("TimesheetPdf", "Date"), tr("TimesheetPdf", "Pack"), tr("TimesheetPdf", "Item"), tr("TimesheetPdf", "Reason"), tr("TimesheetPdf", "Still paid")],
               [[_when(x["t"], tz), (titles.get((x["pack"], x["version"])) or {}).get("title") or x["pack"] or "",
                 x["item"] or "", x["reason"],
                 money(x["paid"], (titles.get((x["pack"], x["version"])) or {}).get("currency"))]
                for x in sheet["rejections"]] or [[tr("TimesheetPdf", "None."), "", "", "", ""]], [1.5, 2, 1.5, 3, 1], right=(4,))
    page.heading(tr("TimesheetPdf", "Corrections by the worker"))
    page.table([tr("TimesheetPdf", "Record"), tr("TimesheetPdf", "Interval"), tr("TimesheetPdf", "Measured as"), tr("TimesheetPdf", "Counted as"), tr("TimesheetPdf", "Note")],
               [[str(c["record"]), f"{_when(c['start'], tz)} – {datetime.fromtimestamp(c['end'], tz):%H:%M:%S}",
                 category_name(c["from"]), category_name(c["to"]), c["note"]] for c in sheet["corrections"]]
               or [[tr("TimesheetPdf", "None."), "", "", "", ""]], [0.8, 2.2, 1.2, 1.2, 3])
    page.heading(tr("TimesheetPdf", "Gaps (not counted: the computer slept, the app was closed by a crash, the clock moved)"))
    page.table([tr("TimesheetPdf", "Start"), tr("TimesheetPdf", "End"), tr("TimesheetPdf", "Duration"), tr("TimesheetPdf", "Reason")],
               [[_when(g["start"], tz), _when(g["end"], tz), duration(g["seconds"]), g["reason"] or ""]
                for g in sheet["gaps"]] or [[tr("TimesheetPdf", "None."), "", "", ""]], [2, 2, 1, 3], right=(2,))
    page.heading(tr("TimesheetPdf", "Rules used"))
    thresholds = ", ".join(f"{category_name(k)} {v:g} s" for k, v in sheet["rules"]["idle_thresholds_seconds"].items())
    page.text(tr("TimesheetPdf", "Rules %1. Idle thresholds: %2.").replace("%1", sheet["rules"]["version"]).replace("%2", thresholds),
              8.5, color="#3c4043")
    for line in sheet["rules"]["texts"]:
        page.text("• " + line, 8, color="#3c4043", gap=2)


def _how_to_check(page: _Page, integrity: dict) -> None:
    page.heading(tr("TimesheetPdf", "How to check this timesheet"))
    for line in (
        tr("TimesheetPdf", "1. This PDF is signed inside: a PDF reader's signature panel shows whether it was changed since it was "
           "made. The signer's certificate is issued by the worker's own key %1, not by a public authority.")
        .replace("%1", integrity["fingerprint"]),
        tr("TimesheetPdf", "2. Ask the worker for their key fingerprint by another way (in person, by phone) and compare it."),
        tr("TimesheetPdf", "3. With FILE.pdf.sig beside this file: annotator timesheet verify FILE.pdf --key %1 recomputes every "
           "figure from the signed records; without the app, the recipe in docs/metering.md ('Checking an export "
           "without the app') checks the signatures with openssl or a few lines of Python.")
        .replace("%1", integrity["fingerprint"]),
        tr("TimesheetPdf", "4. If the worker gave you a chain-head code earlier, add --head CODE: it proves the records were not "
           "rewritten since. This timesheet's chain head is %1.").replace("%1", integrity["code"]),
    ):
        page.text(line, 9, gap=3)
