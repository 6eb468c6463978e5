"""Send results to the lab: choose what to share, see exactly what the bundle holds, then write it."""
from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from annotator.core.errors import UserError
from annotator.core.lab import worker
from annotator.ui import i18n
from annotator.ui.widgets import muted


class BundleDialog(QtWidgets.QDialog):
    def __init__(self, ctx, pack, parent=None, default_dir: Path | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.pack = pack
        self.plan: worker.BundlePlan | None = None
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Send results to the lab"))
        self.setMinimumWidth(620)
        layout = QtWidgets.QVBoxLayout(self)
        intro = muted(self.tr("A results bundle holds your annotations of “%1” for %2, signed with this "
                              "computer's key so the lab can check nothing was changed. You choose what "
                              "timing goes with it.").replace("%1", pack.title).replace("%2", pack.lab))
        intro.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # holds the pack's title and lab
        layout.addWidget(intro)
        form = QtWidgets.QFormLayout()
        self.pseudonym = QtWidgets.QLineEdit(ctx.store.get(worker.PSEUDONYM_SETTING) or "")
        self.pseudonym.setPlaceholderText(self.tr("a name of your choice, never an account id"))
        form.addRow(self.tr("Your pseudonym:"), self.pseudonym)
        self.per_item = QtWidgets.QCheckBox(self.tr("Work seconds per item"))
        self.per_item.setChecked(True)
        self.totals = QtWidgets.QCheckBox(self.tr("Time on this pack per category (instructions, training, "
                                                  "work, …)"))
        self.totals.setChecked(True)
        self.intervals = QtWidgets.QCheckBox(self.tr("Dates and times of each interval (off unless you want it)"))
        share = QtWidgets.QVBoxLayout()
        for box in (self.per_item, self.totals, self.intervals):
            share.addWidget(box)
            box.toggled.connect(self.refresh)
        form.addRow(self.tr("Share:"), share)
        row = QtWidgets.QHBoxLayout()
        folder = default_dir or Path.home()
        self.path = QtWidgets.QLineEdit(str(folder / f"{pack.pack_id}-{pack.version}-results.zip"))
        choose = QtWidgets.QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose)
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        form.addRow(self.tr("Write to:"), row)
        layout.addLayout(form)
        layout.addWidget(QtWidgets.QLabel(self.tr("The bundle will contain exactly this:")))
        self.preview = QtWidgets.QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(180)
        layout.addWidget(self.preview)
        self.buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.write_button = self.buttons.addButton(self.tr("Write the bundle"),
                                                   QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._write)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.pseudonym.textChanged.connect(self.refresh)
        self.refresh()

    def shared(self) -> list[str]:
        chosen = []
        if self.per_item.isChecked():
            chosen.append("work_seconds_per_item")
        if self.totals.isChecked():
            chosen.append("category_totals")
        if self.intervals.isChecked():
            chosen.append("intervals")
        return chosen

    def refresh(self) -> None:
        try:
            self.plan = worker.plan(self.ctx.store, self.pack, self.pseudonym.text(), self.shared())
        except UserError as exc:
            self.plan = None
            self.preview.setPlainText(i18n.error_text(exc))
            self.write_button.setEnabled(False)
            return
        self.write_button.setEnabled(True)
        self.preview.setPlainText("\n".join(self.describe(self.plan)))

    def describe(self, plan: worker.BundlePlan) -> list[str]:
        states: dict[str, int] = {}
        for record in plan.records:
            states[record["state"]] = states.get(record["state"], 0) + 1
        lines = [
            self.tr("Pack: %1 (%2 %3)").replace("%1", plan.pack.title).replace("%2", plan.pack.pack_id)
            .replace("%3", plan.pack.version),
            self.tr("Your pseudonym: %1").replace("%1", plan.pseudonym),
            i18n.arg(self.tr("%1 with their state, skip reason or flag note, and your annotation: %2"),
                     self.tr("%n item(s)", "", len(plan.records)),
                     ", ".join([self.tr("%n submitted", "", states.get("submitted", 0)),
                                self.tr("%n skipped", "", states.get("skipped", 0)),
                                self.tr("%n flagged", "", states.get("flagged", 0)),
                                self.tr("%n not done", "", states.get("new", 0) + states.get("in_progress", 0))])),
        ]

        def minutes(seconds: float) -> str:
            return i18n.number(seconds / 60, 1)

        if "work_seconds_per_item" in plan.shared:
            items = plan.timing.get("work_seconds_per_item", {})
            lines.append(i18n.arg(self.tr("Work seconds per item: %1, %2 min in all"),
                                  self.tr("%n item(s)", "", len(items)), minutes(sum(items.values()))))
        if "category_totals" in plan.shared:
            totals = plan.timing.get("category_totals", {})
            lines.append(self.tr("Time on this pack: instructions %1 min, training %2 min, work %3 min, "
                                 "review %4 min, waiting %5 min")
                         .replace("%1", minutes(totals.get("instructions", 0)))
                         .replace("%2", minutes(totals.get("training", 0)))
                         .replace("%3", minutes(totals.get("work", 0)))
                         .replace("%4", minutes(totals.get("review", 0)))
                         .replace("%5", minutes(totals.get("waiting", 0))))
        if "intervals" in plan.shared:
            lines.append(self.tr("Dates and times of %n interval(s)", "", len(plan.timing.get("intervals", []))))
        else:
            lines.append(self.tr("No dates or times of day."))
        lines.append(self.tr("Never: breaks, away time, other packs, your settings, this computer's name or "
                             "folders."))
        return lines

    def _choose(self) -> None:
        chosen, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("Write the bundle to"), self.path.text(),
                                                          self.tr("Results bundles (*.zip)"))
        if chosen:
            self.path.setText(chosen)

    def _write(self) -> None:
        if self.plan is None:
            return
        target = Path(self.path.text()).expanduser()
        try:
            self.written = worker.write(self.ctx.store, self.plan, target)
        except (UserError, OSError) as exc:
            QtWidgets.QMessageBox.warning(self, self.tr("Send results to the lab"), i18n.error_text(exc))
            return
        self.accept()

