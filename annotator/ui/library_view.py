"""The library: every imported pack with its lab, pay, estimate, implied rate, warnings, progress."""
from __future__ import annotations

import html

from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core.library import manifest_of
from annotator.core.session import done_count
from annotator.core.terms import below_reference
from annotator.ui import i18n, theme
from annotator.ui.widgets import Banner, duration, money, muted, title_label

PK_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1


class LibraryView(QtWidgets.QWidget):
    open_requested = QtCore.Signal(int)
    import_requested = QtCore.Signal()
    demo_requested = QtCore.Signal()

    COLUMNS = 8

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(title_label(self.tr("Library")))
        top.addStretch(1)
        self.demo_button = QtWidgets.QPushButton(self.tr("Add the demo packs"))
        self.demo_button.clicked.connect(self.demo_requested)
        theme.use_icon(self.demo_button, "demo")
        top.addWidget(self.demo_button)
        self.import_button = QtWidgets.QPushButton(self.tr("Import pack…"))
        self.import_button.clicked.connect(self.import_requested)
        theme.use_icon(self.import_button, "import")
        top.addWidget(self.import_button)
        self.open_button = QtWidgets.QPushButton(self.tr("Open"))
        self.open_button.setObjectName("Primary")
        self.open_button.clicked.connect(self._open_selected)
        theme.use_icon(self.open_button, "open", "on_accent")
        top.addWidget(self.open_button)
        layout.addLayout(top)

        self.banner = Banner(self)
        layout.addWidget(self.banner)

        self.table = QtWidgets.QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Pack"), self.tr("Lab"), self.tr("Kind"), self.tr("Pay per item"),
            self.tr("Time per item"), self.tr("Implied hourly rate"),
            self.tr("Content warnings"), self.tr("Progress"),
        ])
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeaderItem(4).setToolTip(self.tr("The lab's own estimate of the time an item takes"))
        self.table.horizontalHeaderItem(5).setToolTip(self.tr("Pay per item × items per hour at the lab's estimate"))
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # the widths are ours (_fit_columns): the figures their content, the pack and the warnings share the rest
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.setDefaultAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(lambda *_: self._open_selected())
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        layout.addWidget(self.table, 1)

        self.empty = muted(self.tr("No pack yet. Import a pack a lab gave you (a folder or a .zip), "
                                   "drop it in your inbox folder, or add the demo packs to try the tool."))
        self.empty.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)
        self.footer = muted()
        layout.addWidget(self.footer)
        self.refresh()

    # the pack and the warnings share what the figures leave; under this, the least needed columns go
    MIN_PACK, MIN_WARNINGS = 160, 140
    #: the columns given up, in this order, when even the minimums do not fit (their values: the pack's tooltip)
    DROPPABLE = (2, 1, 4)

    def _fit_columns(self) -> None:
        table = self.table
        if table.rowCount() == 0:
            return
        header = table.horizontalHeader()
        room = table.viewport().width()

        def want(col: int) -> int:
            return max(header.sectionSizeFromContents(col).width(), table.sizeHintForColumn(col)) + 4

        figures = [c for c in range(self.COLUMNS) if c not in (0, 6)]
        for col in figures:
            table.setColumnHidden(col, False)
        hidden = []
        for col in self.DROPPABLE:
            if room - sum(want(c) for c in figures if c not in hidden) >= self.MIN_PACK + self.MIN_WARNINGS:
                break
            hidden.append(col)
        for col in figures:
            table.setColumnHidden(col, col in hidden)
            if col not in hidden:
                table.setColumnWidth(col, want(col))
        left = room - sum(want(c) for c in figures if c not in hidden)
        pack, warnings = want(0), want(6)
        if pack + warnings <= left:  # everything fits: the pack takes the extra room
            pack = left - warnings
        else:  # each gets a share in proportion to its text, never under its minimum; both elide
            share = round(left * pack / (pack + warnings))
            pack = max(self.MIN_PACK, min(pack, max(share, left - warnings)))
            warnings = max(self.MIN_WARNINGS, left - pack)
        table.setColumnWidth(0, pack)
        table.setColumnWidth(6, warnings)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if obj is self.table.viewport() and event.type() == QtCore.QEvent.Type.Resize:
            QtCore.QTimer.singleShot(0, self._fit_columns)  # after the resize: the scroll bar may have come or gone
        if obj is self.table and event.type() == QtCore.QEvent.Type.KeyPress:
            if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                self._open_selected()
                return True
        return super().eventFilter(obj, event)

    def selected_pk(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(PK_ROLE)

    def _open_selected(self) -> None:
        pk = self.selected_pk()
        if pk is not None:
            self.open_requested.emit(pk)

    def select_pack(self, pk: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(PK_ROLE) == pk:
                self.table.selectRow(row)
                return

    def refresh(self) -> None:
        previous = self.selected_pk()
        packs = self.ctx.store.packs()
        reference = self.ctx.reference_wage()
        self.table.setRowCount(len(packs))
        for row, pack in enumerate(packs):
            manifest = manifest_of(pack)
            progress = self.ctx.store.progress(pack.pk)
            done = done_count(progress)
            title = QtWidgets.QTableWidgetItem(pack.title)
            title.setData(PK_ROLE, pack.pk)
            # the whole title, and what a narrow window leaves out (lab, kind, time per item)
            title.setToolTip("\n".join([pack.title, f"{pack.lab} · {self._kind_name(pack.kind)} · "
                                         f"{duration(manifest.estimated_seconds)}",
                                         f"{pack.pack_id} {pack.version}", pack.content_hash]))
            cells = [
                title,
                QtWidgets.QTableWidgetItem(pack.lab),
                QtWidgets.QTableWidgetItem(self._kind_name(pack.kind)),
                QtWidgets.QTableWidgetItem(money(manifest.per_item, manifest.currency, stated=True)),
                QtWidgets.QTableWidgetItem(duration(manifest.estimated_seconds)),
            ]
            rate = manifest.implied_hourly_rate
            rate_item = QtWidgets.QTableWidgetItem(
                self.tr("%1 / h").replace("%1", money(rate, manifest.currency)) if rate is not None else "—")
            if below_reference(rate, manifest.currency, reference):
                rate_item.setForeground(QtGui.QBrush(theme.current().color("error_strong")))
                rate_item.setToolTip(self.tr("Below your reference minimum wage"))
            cells.append(rate_item)
            warnings = QtWidgets.QTableWidgetItem(", ".join(manifest.warnings) or "—")
            # a tooltip is rich text when it looks like it: the pack's words are escaped into a paragraph
            warnings.setToolTip(f"<p>{html.escape(', '.join(manifest.warnings))}</p>" if manifest.warnings else "")
            cells.append(warnings)
            progress_text = i18n.arg(self.tr("%1 of %2 done"), done, pack.item_count)
            cells.append(QtWidgets.QTableWidgetItem(progress_text))
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)
            bar = self.table.cellWidget(row, 7)  # kept from the last refresh: no bar left behind to draw over others
            if not isinstance(bar, QtWidgets.QProgressBar):
                bar = QtWidgets.QProgressBar()
                bar.setMinimumWidth(130)
                self.table.setCellWidget(row, 7, bar)
            bar.setRange(0, max(pack.item_count, 1))
            bar.setValue(done)
            bar.setFormat(progress_text)
        self.table.setVisible(bool(packs))
        self.empty.setVisible(not packs)
        self.demo_button.setVisible(not any(p.source and "demo-packs" in p.source for p in packs))
        self.open_button.setEnabled(bool(packs))
        self._fit_columns()
        if previous is not None:
            self.select_pack(previous)
        elif packs:
            self.table.selectRow(0)
        inbox = self.ctx.store.get("inbox_dir")
        self.footer.setText(self.tr("Inbox folder: %1").replace("%1", inbox) if inbox else
                            self.tr("Tip: set an inbox folder in Settings and packs that labs put there "
                                    "appear here by themselves."))

    def _kind_name(self, kind: str) -> str:
        return QtCore.QCoreApplication.translate("Plugin", self.ctx.registry.name_of(kind))
