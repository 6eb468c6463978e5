"""The Timesheet view: figures, charts, packs, intervals, corrections, payments, exports, integrity."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core.errors import UserError
from annotator.core.metering import exports
from annotator.core.metering.chain import head_code
from annotator.core.metering.engine import CATEGORIES
from annotator.core.metering.ledger import add_payment, add_rejection, recorded_pack_ids
from annotator.ui import i18n, theme
from annotator.ui.metering.common import COLORS, category_name, duration, money, percent, ratio
from annotator.ui.metering.timesheet_data import IntervalsModel, PoolJob, SheetSignals, sheet_result
from annotator.ui.metering.timesheet_dialogs import CorrectionDialog, PaymentDialog, RejectionDialog
from annotator.ui.widgets import muted, title_label


class FigureCard(QtWidgets.QFrame):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("FigureCard")
        look = theme.current()  # light or dark (docs/design.md)
        self.setStyleSheet(f"QFrame#FigureCard {{ background: {look.hex('surface')}; "
                           f"border: 1px solid {look.hex('border')}; border-radius: 6px; }}")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        self.value = QtWidgets.QLabel("—")
        self.value.setStyleSheet(f"font-size: {look.font_pt('title')}pt; font-weight: 600;")
        self.caption = QtWidgets.QLabel(title)
        self.caption.setObjectName("Muted")
        self.caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, tooltip: str = "") -> None:
        self.value.setText(value)
        self.setToolTip(tooltip)


#: the charts shrink to this on a short window (1280 x 800 keeps them at their height; 760 x 540 still fits)
CHART_MIN_HEIGHT = 80


class TimesheetView(QtWidgets.QWidget):
    back_requested = QtCore.Signal()
    recorded_requested = QtCore.Signal()
    add_time_requested = QtCore.Signal()
    #: the figures of the latest request are shown (or their failure is)
    computed = QtCore.Signal()

    #: the Export menu: every format the command line writes
    EXPORTS = ("pdf", "csv", "toggl", "clockify", "ics", "json")

    PERIODS = ("today", "week", "month", "year", "all")

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.meter = ctx.meter
        self.sheet: dict | None = None
        self.intervals: list[dict] = []
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)

        top = QtWidgets.QHBoxLayout()
        top.addWidget(title_label(self.tr("Timesheet")))
        top.addSpacing(16)
        self.period = QtWidgets.QComboBox()
        for key, text in zip(self.PERIODS, (self.tr("Today"), self.tr("This week"), self.tr("This month"),
                                            self.tr("This year"), self.tr("All time"))):
            self.period.addItem(text, key)
        self.period.setCurrentIndex(1)
        top.addWidget(self.period)
        self.pack = QtWidgets.QComboBox()
        top.addWidget(self.pack)
        top.addStretch(1)
        recorded = QtWidgets.QPushButton(self.tr("What is recorded"))
        recorded.clicked.connect(self.recorded_requested)
        top.addWidget(recorded)
        add_time = QtWidgets.QPushButton(self.tr("Add time…"))
        add_time.setObjectName("TimesheetAddTime")
        add_time.setToolTip(self.tr("Declare time the app could not see (kept apart as declared)"))
        add_time.clicked.connect(self.add_time_requested)
        top.addWidget(add_time)
        self.export_button = QtWidgets.QPushButton(self.tr("Export…"))
        menu = QtWidgets.QMenu(self)
        texts = {"pdf": self.tr("PDF for a person (union, inspector)…"),
                 "csv": self.tr("Spreadsheet CSV (LibreOffice, Excel)…"),
                 "toggl": self.tr("Toggl Track CSV…"), "clockify": self.tr("Clockify CSV…"),
                 "ics": self.tr("Calendar (iCalendar .ics)…"), "json": self.tr("JSON with every record…")}
        for fmt in self.EXPORTS:
            menu.addAction(texts[fmt], lambda f=fmt: self.export_dialog(f))
        self.export_menu = menu
        self.export_button.setMenu(menu)
        top.addWidget(self.export_button)
        back = QtWidgets.QPushButton(self.tr("Back"))
        back.clicked.connect(self.back_requested)
        top.addWidget(back)
        outer.addLayout(top)

        # no scroll area around the view (issue 18: a scroll area in a scroll area showed two interval
        # rows at 1280x820): figures and charts keep their height, the tables below take the rest and
        # scroll themselves
        layout = outer

        cards = QtWidgets.QGridLayout()
        self.cards = {
            "counted": FigureCard(self.tr("counted time (all but break and away)")),
            "declared": FigureCard(self.tr("of it declared by you (not measured)")),
            "effective": FigureCard(self.tr("effective hourly wage")),
            "platform": FigureCard(self.tr("the platform's view (earnings / work time)")),
            "unpaid": FigureCard(self.tr("unpaid share of your time")),
            "waiting": FigureCard(self.tr("waiting for each hour of work")),
            "instructions": FigureCard(self.tr("instructions for each hour of work")),
            "shortfall": FigureCard(self.tr("short of your reference minimum wage")),
            "items": FigureCard(self.tr("items submitted · skipped · flagged · rejected")),
            "received": FigureCard(self.tr("received per counted hour (payments)")),
        }
        for i, card in enumerate(self.cards.values()):
            cards.addWidget(card, i // 5, i % 5)
        layout.addLayout(cards)

        charts = QtWidgets.QHBoxLayout()
        pg.setConfigOptions(antialias=True)
        look = theme.current()
        self.days_plot = pg.PlotWidget(background=look.hex("surface"))
        self.days_plot.setObjectName("DaysChart")
        self.days_plot.setTitle(self.tr("Hours per category per day"), color=look.hex("text"))
        self.days_plot.setMouseEnabled(x=False, y=False)
        self.days_plot.setMenuEnabled(False)
        self.days_plot.setMinimumHeight(CHART_MIN_HEIGHT)
        self.days_plot.setAntialiasing(False)  # bars on whole pixels: antialiasing only costs paint time
        self.days_plot.setMaximumHeight(200)
        self.wage_plot = pg.PlotWidget(background=look.hex("surface"))
        self.wage_plot.setObjectName("WageChart")
        self.wage_plot.setTitle(self.tr("Effective hourly wage and your reference"), color=look.hex("text"))
        self.wage_plot.setMouseEnabled(x=False, y=False)
        self.wage_plot.setMenuEnabled(False)
        self.wage_plot.setMinimumHeight(CHART_MIN_HEIGHT)
        self.wage_plot.setMaximumHeight(200)
        charts.addWidget(self.days_plot, 3)
        charts.addWidget(self.wage_plot, 2)
        layout.addLayout(charts)  # above their minimum, the charts give way on a short window
        self.legend = QtWidgets.QLabel()
        self.legend.setTextFormat(QtCore.Qt.TextFormat.RichText)
        layout.addWidget(self.legend)

        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("TimesheetTabs")
        self.packs_table = QtWidgets.QTableWidget(0, 8)
        self.packs_table.setObjectName("PacksTable")
        self.packs_table.setHorizontalHeaderLabels([
            self.tr("Pack"), self.tr("Lab"), self.tr("Counted"), self.tr("Submitted"), self.tr("Real time per item"),
            self.tr("Lab's estimate"), self.tr("Expected earnings"), self.tr("Effective wage")])
        self._table_style(self.packs_table)

        page = QtWidgets.QWidget()
        page_layout = QtWidgets.QVBoxLayout(page)
        page_layout.setContentsMargins(0, 6, 0, 0)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        self.correct_button = QtWidgets.QPushButton(self.tr("Correct the selected interval…"))
        self.correct_button.clicked.connect(self.correct_selected)
        row.addWidget(self.correct_button)
        pay = QtWidgets.QPushButton(self.tr("Record a payment…"))
        pay.clicked.connect(self.payment_dialog)
        row.addWidget(pay)
        reject = QtWidgets.QPushButton(self.tr("Record a rejection…"))
        reject.clicked.connect(self.rejection_dialog)
        row.addWidget(reject)
        page_layout.addLayout(row)
        self.model = IntervalsModel([self.tr("Start"), self.tr("End"), self.tr("Duration"), self.tr("Category"),
                                     self.tr("Pack"), self.tr("Item"), self.tr("Note"), self.tr("Source")],
                                    self.tr("(not final yet)"), self.tr("(corrected from %1)"),
                                    self.tr("declared"), self.tr("measured"), self)
        self.table = QtWidgets.QTableView()
        self.table.setObjectName("IntervalsTable")
        self.table.setModel(self.model)
        self._table_style(self.table)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        # fixed starting widths from the font, never measured over every row (the worker can drag them)
        em = self.table.fontMetrics().horizontalAdvance("0")
        for column, chars in enumerate((21, 10, 10, 26, 22, 12, 24)):
            header.resizeSection(column, em * chars)
        page_layout.addWidget(self.table, 1)
        self.more = muted()
        page_layout.addWidget(self.more)
        self.tabs.addTab(page, self.tr("Intervals"))
        self.tabs.addTab(self.packs_table, self.tr("Packs"))
        layout.addWidget(self.tabs, 1)

        self.integrity = muted()
        self.integrity.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        integ = QtWidgets.QHBoxLayout()
        integ.addWidget(self.integrity, 1)
        self.verify_button = QtWidgets.QPushButton(self.tr("Check integrity"))
        self.verify_button.clicked.connect(self.verify)
        integ.addWidget(self.verify_button)
        layout.addLayout(integ)
        self.status = muted()
        layout.addWidget(self.status)

        self.period.currentIndexChanged.connect(self.refresh)
        self.pack.currentIndexChanged.connect(self.refresh)
        self._reload_timer = QtCore.QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(2000)
        self._reload_timer.timeout.connect(self.refresh)
        # the figures are computed off the interface thread, one computation at a time; a result
        # older than the latest request is dropped
        self.pool = QtCore.QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals = SheetSignals(self)
        self._signals.done.connect(self._computed)
        self._signals.failed.connect(self._failed)
        self._verify_signals = SheetSignals(self)
        self._verify_signals.done.connect(self._verified)
        self._verify_signals.failed.connect(self._verify_failed)
        self._generation = 0
        self.pending = False
        self.hidden = 0

    @staticmethod
    def _table_style(table: QtWidgets.QTableView) -> None:
        table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setStretchLastSection(True)

    # ------------------------------------------------------------------ data

    def bounds(self) -> tuple[float | None, float | None]:
        key = self.period.currentData()
        today = datetime.fromtimestamp(self.ctx.clock()).date()  # the app's clock (a test's manual clock too)
        if key == "all":
            return None, None
        if key == "today":
            first = today
        elif key == "week":
            first = today - timedelta(days=today.weekday())
        elif key == "month":
            first = today.replace(day=1)
        else:
            first = today.replace(month=1, day=1)
        start = datetime(first.year, first.month, first.day).timestamp()
        nxt = today + timedelta(days=1)
        return start, datetime(nxt.year, nxt.month, nxt.day).timestamp()

    def _fill_packs(self) -> None:
        current = self.pack.currentData()
        self.pack.blockSignals(True)
        self.pack.clear()
        self.pack.addItem(self.tr("All packs"), None)
        ids = sorted(recorded_pack_ids(self.ctx.store) | {p.pack_id for p in self.ctx.store.packs()})
        for pack_id in ids:
            self.pack.addItem(pack_id, pack_id)
        index = self.pack.findData(current)
        self.pack.setCurrentIndex(max(index, 0))
        self.pack.blockSignals(False)

    def schedule_refresh(self) -> None:
        if self.isVisible():
            self._reload_timer.start()

    def refresh(self) -> None:
        """Ask for the figures of the chosen period: computed on the pool's thread, shown by :meth:`_computed`."""
        if self.pack.count() == 0 or self.sender() is None:
            self._fill_packs()
        self.meter.flush()
        start, end = self.bounds()
        ref = self.ctx.reference_wage()
        args = {"start": start, "end": end, "pack": self.pack.currentData(),
                "reference": (ref.amount, ref.currency) if ref else None,
                "thresholds": self.meter.thresholds, "extra": list(self.meter.tentative_rows())}
        self._generation += 1
        self.pending = True
        self.status.setText(self.tr("Computing…"))
        store, prepare = self.ctx.store, self.model.prepare
        self.pool.start(PoolJob(self._generation, lambda: sheet_result(store, prepare, **args), self._signals))

    def _computed(self, generation: int, result: dict) -> None:
        if generation != self._generation:
            return  # an older request: a newer one is on its way
        self.sheet, self.intervals, self.hidden = result["sheet"], result["intervals"], result["hidden"]
        self._show_figures()
        self._show_packs()
        self._show_intervals()
        seq, digest = result["head"]
        self.integrity.setText(self.tr("Chain head %1 · %n record(s). Send this code to someone you trust: later "
                                       "changes to older records become provable.", "", seq)
                               .replace("%1", head_code(seq, digest)))
        # the charts in a later turn of the event loop, so that each turn stays short
        QtCore.QTimer.singleShot(0, lambda: self._charted(generation))

    def _charted(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._show_charts()
        self.pending = False
        self.status.setText("")
        self.computed.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.pending = False
        self.status.setText(self.tr("The timesheet could not be computed: %1").replace("%1", message))
        self.computed.emit()

    def wait(self, msecs: int = -1) -> bool:
        """Until the pool has no computation left (its result still to be delivered by the event loop)."""
        return self.pool.waitForDone(msecs)

    def _show_figures(self) -> None:
        s = self.sheet
        self.cards["counted"].set(duration(s["counted_seconds"]))
        declared = s["sources"]["declared"]["counted_seconds"]
        self.cards["declared"].set(duration(declared), self.tr("measured %1 · declared %2")
                                   .replace("%1", duration(s["sources"]["measured"]["counted_seconds"]))
                                   .replace("%2", duration(declared)))
        eff, plat, short, received = [], [], [], []
        for cur, w in s["wages"].items():
            eff.append(money(w["effective_hourly"], cur) + self.tr("/h"))
            plat.append(money(w["platform_hourly"], cur) + self.tr("/h"))
            if w.get("received_hourly") is not None:
                received.append(money(w["received_hourly"], cur) + self.tr("/h"))
            if "shortfall" in w:
                short.append(money(w["shortfall"], cur))
        self.cards["effective"].set(" · ".join(eff) or "—")
        self.cards["platform"].set(" · ".join(plat) or "—")
        self.cards["received"].set(" · ".join(received) or "—")
        self.cards["shortfall"].set(" · ".join(short) or "—",
                                    "" if short else self.tr("Set your reference minimum wage in the settings."))
        r = s["ratios"]
        self.cards["unpaid"].set(percent(r["unpaid_share"]))
        self.cards["waiting"].set(ratio(r["waiting_to_work"]))
        self.cards["instructions"].set(ratio(r["instructions_to_work"]))
        i = s["items"]
        self.cards["items"].set(f"{i['submitted']} · {i['skipped']} · {i['flagged']} · {i['rejected']}")

    def _show_charts(self) -> None:
        s = self.sheet
        days = s["days"][-31:]
        self.days_plot.clear()
        xs = list(range(len(days)))
        bottom = [0.0] * len(days)
        for cat in CATEGORIES:
            heights = [d["totals"][cat] / 3600 for d in days]
            if not any(heights):
                continue
            bar = pg.BarGraphItem(x=xs, height=heights, y0=list(bottom), width=0.7,
                                  brush=pg.mkBrush(COLORS[cat]), pen=pg.mkPen(None))
            self.days_plot.addItem(bar)
            bottom = [b + h for b, h in zip(bottom, heights)]
        ticks = [(i, d["date"][5:]) for i, d in enumerate(days)]
        step = max(1, len(ticks) // 10)
        self.days_plot.getAxis("bottom").setTicks([ticks[::step]])
        self._label(self.days_plot, self.tr("hours"))
        self.days_plot.setXRange(-0.6, max(len(days), 1) - 0.4, padding=0)
        self.days_plot.setYRange(0, max(bottom + [1.0]) * 1.1, padding=0)
        self.legend.setText("  ".join(f"<span style='color:{COLORS[c]}'>■</span> {category_name(c)}"
                                      for c in CATEGORIES))

        self.wage_plot.clear()
        palette = ["#1a73e8", "#e8710a", "#188038", "#a142f4"]
        top = 1.0
        currencies = sorted(s["wages"])
        for n, cur in enumerate(currencies):
            # a day with a few minutes says nothing about a wage: plot days with 10 minutes or more
            pts = [(i, d["wages"][cur]) for i, d in enumerate(days)
                   if d["wages"].get(cur) is not None and d["counted_seconds"] >= 600]
            if len(pts) == 1:  # one day: a bar with its value (a line needs two points)
                x, y = pts[0]
                width = 0.5 / max(1, len(currencies))
                self.wage_plot.addItem(pg.BarGraphItem(x=[x - 0.25 + width * (n + 0.5)], height=[y], width=width * 0.9,
                                                       brush=pg.mkBrush(palette[n % 4]), pen=pg.mkPen(None)))
                label = pg.TextItem(money(y, cur) + self.tr("/h"), color=palette[n % 4], anchor=(0.5, 1.0))
                label.setPos(x - 0.25 + width * (n + 0.5), y)
                self.wage_plot.addItem(label)
                top = max(top, y)
            elif pts:
                self.wage_plot.plot([p[0] for p in pts], [p[1] for p in pts], pen=pg.mkPen(palette[n % 4], width=2),
                                    symbol="o", symbolSize=6, symbolBrush=palette[n % 4], name=cur)
                top = max(top, max(p[1] for p in pts))
        ref = s.get("reference")
        if ref:
            line = pg.InfiniteLine(pos=ref["hourly"], angle=0, pen=pg.mkPen("#d93025", width=2,
                                                                             style=QtCore.Qt.PenStyle.DashLine),
                                   label=self.tr("reference %1").replace("%1", money(ref["hourly"], ref["currency"])),
                                   labelOpts={"position": 0.15, "color": "#d93025"})
            self.wage_plot.addItem(line)
            top = max(top, ref["hourly"])
        self.wage_plot.getAxis("bottom").setTicks([ticks[::step]])
        self._label(self.wage_plot, self.tr("per hour") + (f" ({', '.join(currencies)})" if currencies else ""))
        self.wage_plot.setXRange(-0.6, max(len(days), 1) - 0.4, padding=0)
        self.wage_plot.setYRange(0, top * 1.15, padding=0)

    @staticmethod
    def _label(plot, text: str) -> None:
        """The left axis's label, set only when it changes (each set lays out rich text again)."""
        if getattr(plot, "_left_label", None) != text:
            plot.setLabel("left", text)
            plot._left_label = text

    def _show_packs(self) -> None:
        packs = self.sheet["packs"]
        t = self.packs_table
        t.setRowCount(len(packs))
        for r, p in enumerate(packs):
            est = p["estimated_seconds_per_item"]
            real = p["seconds_per_item"]
            cells = [p["title"], p["lab"] or "", duration(p["counted_seconds"]), str(p["items"]["submitted"]),
                     "—" if real is None else f"{real:.0f} s", "—" if not est else f"{est:g} s",
                     money(p["expected_earnings"], p["currency"]),
                     money(p["effective_hourly"], p["currency"]) + self.tr("/h") if p["effective_hourly"] is not None
                     else "—"]
            for c, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                if c == 4 and real is not None and est and real > est * 1.2:
                    item.setForeground(QtGui.QColor("#d93025"))
                    item.setToolTip(self.tr("Items take longer than the lab says."))
                t.setItem(r, c, item)
        t.resizeColumnsToContents()

    def _show_intervals(self) -> None:
        current = self.selected_record()
        self.model.set_rows(self.intervals)
        if current is not None:  # the same interval stays chosen across a refresh
            row = next((r for r, e in enumerate(self.intervals) if e["record"] == current), None)
            if row is not None:
                self.table.selectRow(row)
        hidden = self.hidden
        self.more.setText(self.tr("%n earlier interval(s) not listed here; the exports have them all.", "", hidden)
                          if hidden > 0 else "")

    # ------------------------------------------------------------------ actions

    def selected_record(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.index(index.row(), 0).data(QtCore.Qt.ItemDataRole.UserRole)

    def correct_selected(self) -> None:
        seq = self.selected_record()
        if seq is None:
            self.status.setText(self.tr("Choose an interval in the list first."))
            return
        dialog = CorrectionDialog(self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        self.apply_correction(seq, dialog.category(), dialog.note.text())

    def apply_correction(self, seq: int, category: str | None, note: str) -> bool:
        try:
            self.meter.correct(seq, category, note)
        except UserError as exc:
            self.status.setText(i18n.error_text(exc))
            return False
        self.refresh()
        return True

    def payment_dialog(self) -> None:
        dialog = PaymentDialog(self.ctx, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            try:
                add_payment(self.ctx.store, dialog.amount.value(), dialog.currency.text(),
                            when=dialog.when.date().toString("yyyy-MM-dd"), pack=dialog.pack.currentData(),
                            note=dialog.note.text())
            except UserError as exc:
                self.status.setText(i18n.error_text(exc))
                return
            self.refresh()

    def rejection_dialog(self) -> None:
        dialog = RejectionDialog(self.ctx, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            try:
                add_rejection(self.ctx.store, dialog.pack.currentData() or "", dialog.item.text().strip(),
                              reason=dialog.reason.text(), paid=dialog.paid.value())
            except UserError as exc:
                self.status.setText(i18n.error_text(exc))
                return
            self.refresh()

    def export_dialog(self, fmt: str) -> None:
        suffix = {"pdf": "PDF (*.pdf)", "csv": "CSV (*.csv)", "toggl": "CSV (*.csv)", "clockify": "CSV (*.csv)",
                  "ics": "iCalendar (*.ics)", "json": "JSON (*.json)"}[fmt]
        name = {"toggl": "timesheet-toggl", "clockify": "timesheet-clockify"}.get(fmt, "timesheet")
        ext = {"toggl": "csv", "clockify": "csv"}.get(fmt, fmt)
        default = str(Path.home() / f"{name}-{date.today().isoformat()}.{ext}")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("Export the timesheet"), default, suffix)
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> list[Path]:
        from annotator.ui.metering.pdf import pdf_bytes

        from annotator.ui.metering.declare_dialog import EMAIL_KEY, WORKER_KEY

        start, end = self.bounds()
        ref = self.ctx.reference_wage()
        store = self.ctx.store
        if fmt in ("toggl", "clockify") and not store.get(EMAIL_KEY):
            self.status.setText(self.tr("%1 imports time for the account with your email: set it in the settings "
                                        "(Email for time trackers) first.").replace("%1", fmt.capitalize()))
            return []
        try:
            written = exports.write_export(store, path, fmt, start=start, end=end, pack=self.pack.currentData(),
                                           reference=(ref.amount, ref.currency) if ref else None,
                                           thresholds=self.meter.thresholds, pdf_writer=pdf_bytes,
                                           options={"email": store.get(EMAIL_KEY)},
                                           worker=store.get(WORKER_KEY) or None)
        except UserError as exc:
            self.status.setText(i18n.error_text(exc))
            return []
        self.status.setText(self.tr("Wrote %1.").replace("%1", ", ".join(str(p) for p in written)))
        return written

    def verify(self) -> None:
        """Check the chain on the pool's thread (from the signed checkpoint; the whole chain the first time)."""
        self.verify_button.setEnabled(False)
        self.status.setText(self.tr("Checking the records…"))
        store = self.ctx.store
        self.pool.start(PoolJob(0, lambda: exports.verify_store(store), self._verify_signals))

    def _verify_failed(self, _generation: int, message: str) -> None:
        self.verify_button.setEnabled(True)
        self.status.setText(self.tr("Integrity problem: %1").replace("%1", message))

    def _verified(self, _generation: int, verdict) -> None:
        self.verify_button.setEnabled(True)
        if verdict.ok:
            self.status.setText(self.tr("Integrity checked: %n record(s), none changed, removed or reordered.", "",
                                        verdict.records))
        else:
            self.status.setText(self.tr("Integrity problem: %1").replace("%1", verdict.message))
