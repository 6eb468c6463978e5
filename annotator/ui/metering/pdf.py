"""The timesheet as a PDF a person can read: summary, chart, packs, gaps, rules, and an integrity footer.

Drawn with Qt's QPdfWriter and QPainter (no other dependency). Works without a
display: the command line starts an offscreen QGuiApplication when there is none.
"""
from __future__ import annotations

from datetime import datetime

from PySide6 import QtCore, QtGui

from annotator.core.metering.engine import CATEGORIES
from annotator.ui import headless
from annotator.ui.i18n import tr
from annotator.ui.metering.common import COLORS, category_name, duration, money, percent, ratio


def ensure_app() -> None:
    # a QApplication, so a report with charts can run in the same process afterwards
    headless.ensure_app(widgets=True)


class _Page:
    """A cursor down A4 pages, in points (1/72 inch)."""

    def __init__(self, writer: QtGui.QPdfWriter, painter: QtGui.QPainter, footer):
        self.writer = writer
        self.p = painter
        self.footer = footer
        self.width = writer.width()
        self.height = writer.height()
        self.y = 0.0
        self.page = 1
        self.bottom = self.height - 70

    def need(self, h: float) -> None:
        if self.y + h > self.bottom:
            self.footer(self)
            self.writer.newPage()
            self.page += 1
            self.y = 0.0

    def text(self, text: str, size: float = 10, bold: bool = False, color: str = "#202124", gap: float = 4,
             x: float = 0, width: float | None = None) -> None:
        font = QtGui.QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        self.p.setFont(font)
        w = width if width is not None else self.width - x
        rect = self.p.boundingRect(QtCore.QRectF(x, 0, w, 10_000), QtCore.Qt.TextFlag.TextWordWrap, text)
        self.need(rect.height())
        self.p.setPen(QtGui.QColor(color))
        self.p.drawText(QtCore.QRectF(x, self.y, w, rect.height()), QtCore.Qt.TextFlag.TextWordWrap, text)
        self.y += rect.height() + gap

    def row(self, cells: list[str], widths: list[float], size: float = 9, bold: bool = False,
            shade: bool = False) -> None:
        font = QtGui.QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        self.p.setFont(font)
        h = size * 1.9
        self.need(h)
        if shade:
            self.p.fillRect(QtCore.QRectF(0, self.y, sum(widths), h), QtGui.QColor("#f1f3f4"))
        x = 0.0
        self.p.setPen(QtGui.QColor("#202124"))
        metrics = QtGui.QFontMetricsF(font, self.writer)
        for cell, w in zip(cells, widths):
            cell = metrics.elidedText(cell, QtCore.Qt.TextElideMode.ElideRight, max(w - 6, 0))
            self.p.drawText(QtCore.QRectF(x + 3, self.y, w - 6, h),
                            int(QtCore.Qt.AlignmentFlag.AlignVCenter | QtCore.Qt.AlignmentFlag.AlignLeft), cell)
            x += w
        self.y += h


def _chart(page: _Page, days: list[dict]) -> None:
    h = 190.0
    page.need(h + 40)
    p = page.p
    left, top = 34.0, page.y + 6
    width = page.width - left - 4
    days = days[-31:]
    peak = max([d["counted_seconds"] + d["totals"]["break"] + d["totals"]["away"] for d in days] + [3600]) / 3600
    peak = max(1, int(peak + 0.999))
    font = QtGui.QFont("DejaVu Sans")
    font.setPointSizeF(7)
    p.setFont(font)
    p.setPen(QtGui.QPen(QtGui.QColor("#dadce0"), 0.5))
    for hline in range(peak + 1):
        y = top + h - h * hline / peak
        p.drawLine(QtCore.QPointF(left, y), QtCore.QPointF(left + width, y))
        p.setPen(QtGui.QColor("#5f6368"))
        p.drawText(QtCore.QRectF(0, y - 6, left - 4, 12), int(QtCore.Qt.AlignmentFlag.AlignRight), f"{hline} h")
        p.setPen(QtGui.QPen(QtGui.QColor("#dadce0"), 0.5))
    n = max(len(days), 1)
    slot = width / n
    bar = slot * 0.7
    step = max(1, n // 12)
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
            p.drawText(QtCore.QRectF(left + i * slot - 10, top + h + 2, slot + 20, 12),
                       int(QtCore.Qt.AlignmentFlag.AlignHCenter), d["date"][5:])
    page.y = top + h + 18
    # legend
    x = 0.0
    for cat in CATEGORIES:
        p.fillRect(QtCore.QRectF(x, page.y + 2, 8, 8), QtGui.QColor(COLORS[cat]))
        p.setPen(QtGui.QColor("#202124"))
        p.drawText(QtCore.QRectF(x + 11, page.y, 80, 12), int(QtCore.Qt.AlignmentFlag.AlignLeft), category_name(cat))
        x += page.width / len(CATEGORIES)
    page.y += 20


def pdf_bytes(sheet: dict, integrity: dict, tz=None) -> bytes:
    """The PDF of a computed timesheet (``integrity``: head ``code``, ``hash``, key ``fingerprint``)."""
    ensure_app()
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    writer = QtGui.QPdfWriter(buffer)
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageMargins(QtCore.QMarginsF(18, 16, 18, 16), QtGui.QPageLayout.Unit.Millimeter)
    writer.setResolution(72)
    writer.setTitle(tr("TimesheetPdf", "Timesheet"))
    writer.setCreator("annotator")
    painter = QtGui.QPainter(writer)

    def footer(page: _Page) -> None:
        font = QtGui.QFont("DejaVu Sans")
        font.setPointSizeF(7)
        painter.setFont(font)
        painter.setPen(QtGui.QColor("#5f6368"))
        y = page.height - 58
        painter.drawLine(QtCore.QPointF(0, y), QtCore.QPointF(page.width, y))
        lines = [
            tr("TimesheetPdf", "Integrity: chain head %1 (SHA-256 %2…). Signed with the worker's Ed25519 key %3.")
            .replace("%1", integrity["code"]).replace("%2", integrity["hash"][:32])
            .replace("%3", integrity["fingerprint"]),
            tr("TimesheetPdf", "Check it: annotator timesheet verify FILE.pdf (with FILE.pdf.sig beside it); the worker's "
                "annotator timesheet verify --head CODE checks the records behind it."),
            tr("TimesheetPdf", "Page %1").replace("%1", str(page.page)),
        ]
        painter.drawText(QtCore.QRectF(0, y + 4, page.width, 54), int(QtCore.Qt.TextFlag.TextWordWrap),
                         "\n".join(lines))

    page = _Page(writer, painter, footer)
    period = sheet["period"]

    def when(t):
        return "…" if t is None else datetime.fromtimestamp(t, tz).strftime("%Y-%m-%d")

    last = period["to"] - 1 if period["to"] is not None else None
    page.text(tr("TimesheetPdf", "Timesheet"), 20, bold=True, gap=2)
    span = tr("TimesheetPdf", "all records") if period["from"] is None and last is None else \
        tr("TimesheetPdf", "%1 to %2").replace("%1", when(period["from"])).replace("%2", when(last))
    page.text(tr("TimesheetPdf", "Period: %1").replace("%1", span)
              + ("" if not period["pack"] else " · " + tr("TimesheetPdf", "pack %1").replace("%1", period["pack"]))
              + " · " + tr("TimesheetPdf", "made %1").replace("%1", datetime.now(tz).strftime("%Y-%m-%d %H:%M")),
              9, color="#5f6368", gap=12)

    page.text(tr("TimesheetPdf", "Time per category"), 12, bold=True)
    widths = [page.width / 4] * 4
    cats = list(CATEGORIES)
    for i in range(0, len(cats), 4):
        page.row([f"{category_name(c)}: {duration(sheet['totals'][c])}" for c in cats[i:i + 4]], widths, shade=i == 0)
    page.row([tr("TimesheetPdf", "counted (all but break and away): %1").replace("%1", duration(sheet["counted_seconds"])), "", "", ""],
             [page.width, 0, 0, 0], bold=True)
    page.y += 8

    page.text(tr("TimesheetPdf", "Earnings and wages"), 12, bold=True)
    i = sheet["items"]
    page.text(tr("TimesheetPdf", "Items: %1 submitted, %2 skipped, %3 flagged, %4 rejected.").replace("%1", str(i["submitted"]))
              .replace("%2", str(i["skipped"])).replace("%3", str(i["flagged"])).replace("%4", str(i["rejected"])), 10)
    cols = [page.width * f for f in (0.12, 0.15, 0.15, 0.2, 0.2, 0.18)]
    page.row([tr("TimesheetPdf", "Currency"), tr("TimesheetPdf", "Expected"), tr("TimesheetPdf", "Received"), tr("TimesheetPdf", "Effective wage"), tr("TimesheetPdf", "Platform view"),
              tr("TimesheetPdf", "Shortfall")], cols, bold=True, shade=True)
    for cur, e in sheet["earnings"].items():
        w = sheet["wages"][cur]
        page.row([cur, money(e["expected"], cur), money(e["received"], cur),
                  money(w["effective_hourly"], cur) + "/h", money(w["platform_hourly"], cur) + "/h",
                  money(w.get("shortfall"), cur) if "shortfall" in w else "—"], cols)
    r = sheet["ratios"]
    page.y += 4
    page.text(tr("TimesheetPdf", "Unpaid share of the time: %1. Waiting per hour of work: %2. Instructions per hour of work: %3.")
              .replace("%1", percent(r["unpaid_share"])).replace("%2", ratio(r["waiting_to_work"]))
              .replace("%3", ratio(r["instructions_to_work"])), 10, gap=10)

    page.text(tr("TimesheetPdf", "Hours per category per day"), 12, bold=True)
    _chart(page, sheet["days"])

    if sheet["packs"]:
        page.text(tr("TimesheetPdf", "Packs"), 12, bold=True)
        cols = [page.width * f for f in (0.32, 0.2, 0.1, 0.11, 0.13, 0.14)]
        page.row([tr("TimesheetPdf", "Pack"), tr("TimesheetPdf", "Lab"), tr("TimesheetPdf", "Counted"), tr("TimesheetPdf", "Submitted"), tr("TimesheetPdf", "Time per item"),
                  tr("TimesheetPdf", "Lab's estimate")], cols, size=8, bold=True, shade=True)
        for p in sheet["packs"]:
            est = p["estimated_seconds_per_item"]
            page.row([p["title"], p["lab"] or "", duration(p["counted_seconds"]), str(p["items"]["submitted"]),
                      "—" if p["seconds_per_item"] is None else f"{p['seconds_per_item']:.0f} s",
                      "—" if not est else f"{est:g} s"], cols, size=8)
        page.y += 8

    gaps = sheet["gaps"]
    page.text(tr("TimesheetPdf", "Gaps (not counted)"), 12, bold=True)
    if not gaps:
        page.text(tr("TimesheetPdf", "None."), 10)
    for g in gaps[:40]:
        page.text(f"{datetime.fromtimestamp(g['start'], tz).strftime('%Y-%m-%d %H:%M')} – "
                  f"{datetime.fromtimestamp(g['end'], tz).strftime('%H:%M')}  ({duration(g['seconds'])}): {g['reason']}", 9)
    if len(gaps) > 40:
        page.text(tr("TimesheetPdf", "…and %1 more gaps (listed in the JSON export).").replace("%1", str(len(gaps) - 40)), 9)
    page.y += 6

    page.text(tr("TimesheetPdf", "Rules used"), 12, bold=True)
    thresholds = ", ".join(f"{category_name(k)} {v:g} s" for k, v in sheet["rules"]["idle_thresholds_seconds"].items())
    page.text(tr("TimesheetPdf", "Idle thresholds: %1.").replace("%1", thresholds), 8.5, color="#3c4043")
    for line in sheet["rules"]["texts"]:
        page.text("• " + line, 8, color="#3c4043", gap=2)
    footer(page)
    painter.end()
    buffer.close()
    return bytes(buffer.data())
