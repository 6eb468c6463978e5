"""The "Add time…" dialog (declared time), the export settings rows, and the break question.

Declared time is work the app could not see; the dialog appends it through the meter, which
refuses an overlap with measured or declared time and says with which span: the dialog then
stays open with everything typed, so nothing is lost.
"""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from annotator.core.errors import UserError
from annotator.core.metering.declared import DECLARABLE, evidence_of
from annotator.ui import i18n
from annotator.ui.metering.common import category_name, pack_combo

EMAIL_KEY, WORKER_KEY = "timesheet.email", "timesheet.worker"  # as annotator.cli.timesheet keeps them


class AddTimeDialog(QtWidgets.QDialog):
    """Start, end or duration, category, platform or lab, pack, note, evidence (kept by its hash only)."""

    def __init__(self, ctx, meter, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.meter = meter
        self.row = None
        self.setWindowTitle(self.tr("Add time the app could not see"))
        form = QtWidgets.QFormLayout(self)
        intro = QtWidgets.QLabel(self.tr("Work done elsewhere: on a platform's site, emails with the lab, an entry "
                                         "test. It is kept as declared time, shown beside the measured time, never "
                                         "mixed with it."))
        intro.setWordWrap(True)
        intro.setObjectName("Muted")
        form.addRow(intro)
        now = QtCore.QDateTime.fromSecsSinceEpoch(int(ctx.clock()))  # the app's clock
        self.start = QtWidgets.QDateTimeEdit(now.addSecs(-3600))
        self.start.setObjectName("DeclaredStart")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        form.addRow(self.tr("Start:"), self.start)
        self.use_end = QtWidgets.QRadioButton(self.tr("End:"))
        self.use_length = QtWidgets.QRadioButton(self.tr("Duration:"))
        self.use_length.setChecked(True)
        self.end = QtWidgets.QDateTimeEdit(now)
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.length = QtWidgets.QTimeEdit(QtCore.QTime(1, 0))
        self.length.setDisplayFormat("H:mm")
        self.length.setObjectName("DeclaredLength")
        form.addRow(self.use_length, self.length)
        form.addRow(self.use_end, self.end)
        self.category = QtWidgets.QComboBox()
        self.category.setObjectName("DeclaredCategory")
        for cat in DECLARABLE:
            self.category.addItem(category_name(cat), cat)
        self.category.setCurrentIndex(self.category.findData("work"))
        form.addRow(self.tr("Category:"), self.category)
        self.lab = QtWidgets.QLineEdit()
        self.lab.setObjectName("DeclaredLab")
        self.lab.setPlaceholderText(self.tr("Prolific, Toloka, the lab's name…"))
        form.addRow(self.tr("Platform or lab:"), self.lab)
        self.pack = pack_combo(ctx.store, self.tr("(no pack)"))
        form.addRow(self.tr("For the pack:"), self.pack)
        self.note = QtWidgets.QLineEdit()
        self.note.setObjectName("DeclaredNote")
        self.note.setPlaceholderText(self.tr("What it was (shown in exports)"))
        form.addRow(self.tr("Note:"), self.note)
        self.link = QtWidgets.QLineEdit()
        self.link.setPlaceholderText(self.tr("A link (only its fingerprint is kept)"))
        evidence = QtWidgets.QHBoxLayout()
        evidence.addWidget(self.link, 1)
        self.file_button = QtWidgets.QPushButton(self.tr("File…"))
        self.file_button.clicked.connect(self._choose_file)
        evidence.addWidget(self.file_button)
        form.addRow(self.tr("Evidence (optional):"), evidence)
        self.file: str | None = None
        hint = QtWidgets.QLabel(self.tr("Evidence is kept by its SHA-256 fingerprint only: nothing is copied or "
                                        "sent anywhere, and the same file or link proves it later."))
        hint.setWordWrap(True)
        hint.setObjectName("Muted")
        form.addRow(hint)
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("DeclaredError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #d93025;")
        self.error.hide()
        form.addRow(self.error)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok |
                                             QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add time"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.use_end.toggled.connect(self._sync)
        self._sync()
        self.resize(520, self.sizeHint().height())

    def _sync(self) -> None:
        self.end.setEnabled(self.use_end.isChecked())
        self.length.setEnabled(not self.use_end.isChecked())

    def _choose_file(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Evidence"))
        if path:
            self.file = path
            self.file_button.setText(self.tr("File chosen"))
            self.file_button.setToolTip(path)

    def fields(self) -> dict:
        start = self.start.dateTime().toSecsSinceEpoch()
        out = {"start": float(start), "category": self.category.currentData(), "lab": self.lab.text(),
               "note": self.note.text(), "pack": self.pack.currentData()}
        if self.use_end.isChecked():
            out["end"] = float(self.end.dateTime().toSecsSinceEpoch())
        else:
            t = self.length.time()
            out["length"] = float(t.hour() * 3600 + t.minute() * 60)
        return out

    def submit(self) -> None:
        try:
            evidence = evidence_of(self.file, self.link.text() or None)
            self.row = self.meter.declare(evidence=evidence, **self.fields())
        except UserError as exc:  # stays open: nothing typed is lost
            self.error.setText(i18n.error_text(exc))
            self.error.show()
            self.adjustSize()  # room for the message: the wrapped texts keep their lines
            return
        self.accept()


class TimesheetSettings(QtCore.QObject):
    """The email (Toggl, Clockify) and the name or pseudonym (PDF) rows of the settings page."""

    def __init__(self, ctx, form: QtWidgets.QFormLayout):
        super().__init__(form.parentWidget())
        self.ctx = ctx
        self.email = QtWidgets.QLineEdit()
        self.email.setObjectName("TimesheetEmail")
        self.email.setPlaceholderText(self.tr("your Toggl or Clockify account's email"))
        form.addRow(self.tr("Email for time trackers:"), self.email)
        self.worker = QtWidgets.QLineEdit()
        self.worker.setObjectName("TimesheetWorker")
        self.worker.setMaxLength(120)
        self.worker.setPlaceholderText(self.tr("optional: the PDF then names only your key"))
        form.addRow(self.tr("Your name or pseudonym on the PDF:"), self.worker)
        self.note = QtWidgets.QLabel()
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        form.addRow("", self.note)
        self.email.editingFinished.connect(self.save)
        self.worker.editingFinished.connect(self.save)
        self.load()

    def load(self) -> None:
        self.email.setText(self.ctx.store.get(EMAIL_KEY) or "")
        self.worker.setText(self.ctx.store.get(WORKER_KEY) or "")
        self.note.setText(self.tr("Used only in the exports you make; nothing is sent anywhere."))

    def save(self) -> None:
        from annotator.core.metering.formats import check_options

        email = self.email.text().strip()
        try:
            if email:
                check_options("toggl", {"email": email})
        except UserError:
            self.note.setText(self.tr("This is not an email address; it was not saved."))
            return
        self.ctx.store.set(EMAIL_KEY, email or None)
        self.ctx.store.set(WORKER_KEY, " ".join(self.worker.text().split())[:120] or None)
        self.note.setText(self.tr("Saved. Used only in the exports you make; nothing is sent anywhere."))


class BreakQuestion(QtWidgets.QFrame):
    """Asked once when input arrives during a break: is the break over? Never ends it by itself."""

    answered = QtCore.Signal(bool)  # True: the break is over

    def __init__(self, window: QtWidgets.QWidget):
        super().__init__(window)
        self.setObjectName("BreakQuestion")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QFrame#BreakQuestion { background: #e8f0fe; border: 1px solid #8ab4f8; "
                           "border-radius: 6px; }")
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 10)
        self.message = QtWidgets.QLabel(self.tr("You are on a break. Is the break over?"))
        self.message.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.message)
        row = QtWidgets.QHBoxLayout()
        self.end_button = QtWidgets.QPushButton(self.tr("End the break"))
        self.keep_button = QtWidgets.QPushButton(self.tr("Still on break"))
        for button, over in ((self.end_button, True), (self.keep_button, False)):
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, o=over: self._answer(o))
            row.addWidget(button)
        layout.addLayout(row)
        hint = QtWidgets.QLabel(self.tr("Until you answer, the time stays a break."))
        hint.setObjectName("Muted")
        layout.addWidget(hint)
        self.hide()

    def ask(self) -> None:
        parent = self.parentWidget()
        self.resize(max(360, self.sizeHint().width()), self.sizeHint().height())
        bottom = parent.height() - 40
        status = parent.statusBar() if hasattr(parent, "statusBar") else None
        if status is not None and status.isVisible():
            bottom = status.geometry().top() - 12
        self.move(parent.width() - self.width() - 16, bottom - self.height())
        self.show()
        self.raise_()

    def _answer(self, over: bool) -> None:
        self.hide()
        self.answered.emit(over)
