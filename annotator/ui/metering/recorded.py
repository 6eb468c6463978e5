"""The "What is recorded" page: what the meter keeps, what it never keeps, and the rules."""
from __future__ import annotations

from PySide6 import QtWidgets

from annotator.core.metering.engine import GAP_PERIODS, HEARTBEAT
from annotator.ui.metering.common import category_name


class RecordedDialog(QtWidgets.QDialog):
    def __init__(self, ctx, thresholds: dict[str, float], system_idle_note: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("What is recorded"))
        self.resize(680, 640)
        layout = QtWidgets.QVBoxLayout(self)
        text = QtWidgets.QTextBrowser()
        text.setOpenExternalLinks(False)
        text.setObjectName("RecordedText")
        rows = "".join(f"<li>{category_name(c)}: {seconds:g} s</li>" for c, seconds in thresholds.items())
        html = [
            "<h2>" + self.tr("What is recorded") + "</h2>",
            "<p>" + self.tr("The meter is for you, not for surveillance. It records how your time in the app is "
                            "spent so that you can prove it. Everything stays on this computer; nothing is sent "
                            "over the network. Data leaves only in an export you make.") + "</p>",
            "<h3>" + self.tr("Recorded") + "</h3><ul>",
            "<li>" + self.tr("When the app starts and quits, and a heartbeat every %1 seconds while it runs.")
            .replace("%1", f"{HEARTBEAT:g}") + "</li>",
            "<li>" + self.tr("Which view is shown (library, instructions, task, timesheet, settings), with the pack, "
                             "the item and the phase (work, training, review).") + "</li>",
            "<li>" + self.tr("That you used the keyboard or mouse in the app, at most once a second: never which "
                             "key, never what you typed.") + "</li>",
            "<li>" + self.tr("Whether the app has the focus, whether media is playing, and your breaks.") + "</li>",
            "<li>" + self.tr("While the app is not in front: how many seconds the computer has been idle (a number "
                             "only, not which program you use).") + "</li>",
            "<li>" + self.tr("Items you submit, skip or flag; payments and rejections you record.") + "</li>",
            "</ul>",
            "<h3>" + self.tr("Never recorded") + "</h3><ul>",
            "<li>" + self.tr("What you type, which keys you press, screenshots, the titles of windows or the "
                             "addresses of web pages, the programs you use.") + "</li>",
            "<li>" + self.tr("Nothing is sent to the lab, the platform or anyone: there is no network "
                             "connection.") + "</li>",
            "</ul>",
            "<h3>" + self.tr("How time is counted") + "</h3><ul>",
            "<li>" + self.tr("The view, the task phase and your breaks choose the category.") + "</li>",
            "<li>" + self.tr("After a stretch without activity longer than the threshold of the category, the time "
                             "from your last activity to your next one is away. You can correct it afterwards; "
                             "the measured record is kept beside your correction.") + "</li>",
            "<li>" + self.tr("If the computer sleeps or the app stops for more than %1 heartbeats, that time is not "
                             "counted and shows as a gap.").replace("%1", str(GAP_PERIODS)) + "</li>",
            "</ul>",
            "<p>" + self.tr("Idle thresholds:") + "</p><ul>" + rows + "</ul>",
        ]
        if system_idle_note:
            html.append("<p><i>" + system_idle_note + "</i></p>")
        html.append("<p>" + self.tr("Your records are kept in %1. They are hash-chained: any later change, "
                                    "removal or reordering can be detected with “annotator timesheet verify”.")
                    .replace("%1", str(ctx.data_dir)) + "</p>")
        text.setHtml("".join(html))
        layout.addWidget(text)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.findChild(QtWidgets.QTextBrowser, "RecordedText").toPlainText()
