"""Settings: language, appearance (light or dark), reference minimum wage, inbox folder. Saved as soon as they change."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from annotator.core.metering.engine import DEFAULT_THRESHOLDS, MIN_THRESHOLD, check_thresholds
from annotator.core.metering.service import THRESHOLDS_KEY
from annotator.core.packs import CURRENCY_RE
from annotator.ui import theme
from annotator.ui.i18n import LANGUAGES
from annotator.ui.metering.common import category_name
from annotator.ui.widgets import muted, title_label


class SettingsView(QtWidgets.QWidget):
    changed = QtCore.Signal(str)
    back_requested = QtCore.Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(title_label(self.tr("Settings")))
        top.addStretch(1)
        back = QtWidgets.QPushButton(self.tr("Back"))
        back.clicked.connect(self.back_requested)
        theme.use_icon(back, "back")
        top.addWidget(back)
        layout.addLayout(top)

        self.form = QtWidgets.QFormLayout()
        # one spacing rhythm: 16 px between settings, 4 px between a setting and its note
        self.form.setVerticalSpacing(16)
        self.form.setHorizontalSpacing(16)
        self.form.setLabelAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
        self.form.setContentsMargins(0, 12, 0, 0)
        # the settings scroll inside the page, so a narrow window (800 px) is never held wider by them
        body = QtWidgets.QWidget()
        body_layout = QtWidgets.QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(self.form)
        body_layout.addStretch(1)
        self.scroll = QtWidgets.QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        layout.addWidget(self.scroll, 1)

        self.language = QtWidgets.QComboBox()
        self.language.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setMaximumWidth(320)
        self.language_note = muted(self.tr("The new language is used from the next start."))
        self.language_note.hide()
        self._row(self.tr("Language:"), self.language, self.language_note)

        self.appearance = QtWidgets.QComboBox()
        self.appearance.setObjectName("Appearance")
        for value, name in zip(theme.APPEARANCES, (self.tr("Same as the system"), self.tr("Light"), self.tr("Dark"))):
            self.appearance.addItem(name, value)
        self.appearance.setMaximumWidth(320)
        self._row(self.tr("Appearance:"), self.appearance,
                  muted(self.tr("Light or dark colours for the window and the editors; applied at once.")))

        wage_row = QtWidgets.QHBoxLayout()
        self.wage = QtWidgets.QDoubleSpinBox()
        self.wage.setRange(0, 100000)
        self.wage.setDecimals(2)
        self.wage.setSpecialValueText(self.tr("not set"))
        self.currency = QtWidgets.QLineEdit()
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(60)
        self.currency.setPlaceholderText("EUR")
        wage_row.addWidget(self.wage)
        wage_row.addWidget(self.currency)
        wage_row.addWidget(QtWidgets.QLabel(self.tr("per hour")))
        wage_row.addStretch(1)
        self._row(self.tr("Reference minimum wage:"), wage_row, muted(self.tr("Packs that pay less than this at the lab's own estimate are "
                                           "marked in the library and before you start. Pay in another "
                                           "currency is never converted.")))

        inbox_row = QtWidgets.QHBoxLayout()
        self.inbox = QtWidgets.QLineEdit()
        self.inbox.setReadOnly(True)
        self.inbox.setPlaceholderText(self.tr("no inbox folder"))
        choose = QtWidgets.QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_inbox)
        theme.use_icon(choose, "folder")
        clear = QtWidgets.QPushButton(self.tr("Clear"))
        clear.clicked.connect(lambda: self._set_inbox(""))
        inbox_row.addWidget(self.inbox, 1)
        inbox_row.addWidget(choose)
        inbox_row.addWidget(clear)
        self._row(self.tr("Inbox folder:"), inbox_row, muted(self.tr("Labs can deliver packs through any synced folder: packs (folders "
                                           "or .zip files) put in it are imported and appear in the library.")))

        data = QtWidgets.QLineEdit(str(ctx.data_dir))
        data.setReadOnly(True)
        self.form.addRow(self.tr("Your data folder:"), data)

        self.thresholds: dict[str, QtWidgets.QDoubleSpinBox] = {}
        grid = QtWidgets.QGridLayout()
        for n, category in enumerate(DEFAULT_THRESHOLDS):
            box = QtWidgets.QDoubleSpinBox()
            box.setObjectName(f"threshold_{category}")
            box.setRange(MIN_THRESHOLD / 60, 24 * 60)
            box.setDecimals(1)
            box.setSuffix(" min")
            box.setMaximumWidth(110)
            grid.addWidget(QtWidgets.QLabel(category_name(category)), n // 3, (n % 3) * 2)
            grid.addWidget(box, n // 3, (n % 3) * 2 + 1)
            self.thresholds[category] = box
        grid.setColumnStretch(6, 1)
        grid.setHorizontalSpacing(12)
        self._row(self.tr("Away after, without activity:"), grid, muted(self.tr("After this long without input, media or activity in another program, "
                                           "time counts as away, from your last activity. Used from the next "
                                           "start; the rules are in “What is recorded”.")))
        from annotator.ui.metering.declare_dialog import TimesheetSettings

        self.timesheet_settings = TimesheetSettings(ctx, self.form)  # email (Toggl, Clockify), name on the PDF
        self.load()
        for box in self.thresholds.values():
            box.valueChanged.connect(self._thresholds_changed)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.appearance.currentIndexChanged.connect(self._appearance_changed)
        self.wage.valueChanged.connect(self._wage_changed)
        self.currency.textEdited.connect(self._wage_changed)

    def _row(self, label: str, field, note: QtWidgets.QLabel) -> None:
        """A setting with its note under it, as one row of the form."""
        cell = QtWidgets.QVBoxLayout()
        cell.setSpacing(4)
        cell.setContentsMargins(0, 0, 0, 0)
        if isinstance(field, QtWidgets.QLayout):
            cell.addLayout(field)
        else:
            cell.addWidget(field)
        cell.addWidget(note)
        self.form.addRow(label, cell)

    def load(self) -> None:
        store = self.ctx.store
        self.timesheet_settings.load()
        index = self.language.findData(store.get("language") or "")
        self.language.setCurrentIndex(max(index, 0))
        self.appearance.blockSignals(True)
        self.appearance.setCurrentIndex(max(self.appearance.findData(store.get(theme.APPEARANCE_KEY) or "system"), 0))
        self.appearance.blockSignals(False)
        wage = store.get("reference_wage") or {}
        self.wage.setValue(float(wage.get("amount") or 0))
        self.currency.setText(wage.get("currency") or "")
        self.inbox.setText(store.get("inbox_dir") or "")
        try:
            current = check_thresholds(store.get(THRESHOLDS_KEY) or {})
        except ValueError:
            current = dict(DEFAULT_THRESHOLDS)
        for category, box in self.thresholds.items():
            box.blockSignals(True)
            box.setValue(current[category] / 60)
            box.blockSignals(False)

    def _language_changed(self) -> None:
        self.ctx.store.set("language", self.language.currentData() or None)
        self.language_note.show()
        self.changed.emit("language")

    def _appearance_changed(self) -> None:
        choice = self.appearance.currentData()
        self.ctx.store.set(theme.APPEARANCE_KEY, None if choice == "system" else choice)
        theme.apply(setting=choice)  # live: every widget gets the new palette, icons are drawn again
        self.changed.emit(theme.APPEARANCE_KEY)

    def _wage_changed(self) -> None:
        currency = self.currency.text().strip().upper()
        amount = self.wage.value()
        if amount > 0 and CURRENCY_RE.match(currency):
            self.ctx.store.set("reference_wage", {"amount": amount, "currency": currency})
        elif amount == 0:
            self.ctx.store.set("reference_wage", None)
        else:
            return
        self.changed.emit("reference_wage")

    def _thresholds_changed(self) -> None:
        chosen = {c: round(box.value() * 60, 1) for c, box in self.thresholds.items()}
        changed = {c: v for c, v in chosen.items() if v != DEFAULT_THRESHOLDS[c]}  # like `meter thresholds`
        self.ctx.store.set(THRESHOLDS_KEY, changed or None)
        self.changed.emit("thresholds")

    def _choose_inbox(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("Inbox folder"), self.inbox.text())
        if folder:
            self._set_inbox(folder)

    def _set_inbox(self, folder: str) -> None:
        self.ctx.store.set("inbox_dir", folder or None)
        self.inbox.setText(folder)
        self.changed.emit("inbox_dir")
