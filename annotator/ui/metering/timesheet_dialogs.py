"""The Timesheet view's dialogs: correct an interval, record a payment, record a rejection."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from annotator.core.metering.engine import CATEGORIES
from annotator.ui.metering.common import category_name, pack_combo
from annotator.ui.widgets import muted


class CorrectionDialog(QtWidgets.QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct an interval"))
        form = QtWidgets.QFormLayout(self)
        self.combo = QtWidgets.QComboBox()
        for cat in CATEGORIES:
            self.combo.addItem(category_name(cat), cat)
        form.addRow(self.tr("Count it as:"), self.combo)
        self.note = QtWidgets.QLineEdit()
        form.addRow(self.tr("Note:"), self.note)
        form.addRow(muted(self.tr("The measured interval is kept; this correction is added beside it.")))
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok |
                                             QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def category(self) -> str:
        return self.combo.currentData()


class PaymentDialog(QtWidgets.QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a payment"))
        form = QtWidgets.QFormLayout(self)
        self.amount = QtWidgets.QDoubleSpinBox()
        self.amount.setRange(0, 10_000_000)
        self.amount.setDecimals(2)
        form.addRow(self.tr("Amount:"), self.amount)
        self.currency = QtWidgets.QLineEdit()
        self.currency.setMaxLength(3)
        ref = ctx.reference_wage()
        self.currency.setText(ref.currency if ref else "")
        form.addRow(self.tr("Currency:"), self.currency)
        self.when = QtWidgets.QDateEdit(QtCore.QDate.currentDate())
        self.when.setCalendarPopup(True)
        form.addRow(self.tr("Paid on:"), self.when)
        self.pack = pack_combo(ctx.store, self.tr("(no pack)"))
        form.addRow(self.tr("For the pack:"), self.pack)
        self.note = QtWidgets.QLineEdit()
        form.addRow(self.tr("Note:"), self.note)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok |
                                             QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class RejectionDialog(QtWidgets.QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a rejection"))
        form = QtWidgets.QFormLayout(self)
        self.pack = pack_combo(ctx.store, None)  # a rejection is always of a pack's item
        form.addRow(self.tr("Pack:"), self.pack)
        self.item = QtWidgets.QLineEdit()
        form.addRow(self.tr("Item id:"), self.item)
        self.reason = QtWidgets.QLineEdit()
        form.addRow(self.tr("Reason the lab gave:"), self.reason)
        self.paid = QtWidgets.QDoubleSpinBox()
        self.paid.setRange(0, 1_000_000)
        self.paid.setDecimals(2)
        form.addRow(self.tr("Still paid for it:"), self.paid)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok |
                                             QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
