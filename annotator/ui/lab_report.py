"""The fair-pay report's chart (pyqtgraph) and PDF (QTextDocument + QPdfWriter), offscreen if need be."""
from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
from PySide6 import QtCore, QtGui

from annotator.core.lab.report import PackFigures, html_page
from annotator.core.safetext import html
from annotator.ui.headless import ensure_app

CHART_SIZE = (760, 320)


def chart_png(fig: PackFigures) -> bytes:
    """A histogram of work seconds per item, with the lab's estimate and the median marked."""
    ensure_app(widgets=True)
    import pyqtgraph as pg
    import pyqtgraph.exporters

    pg.setConfigOptions(antialias=True, background="w", foreground="#202124")
    plot = pg.PlotWidget()
    plot.resize(*CHART_SIZE)
    item = plot.getPlotItem()
    # pyqtgraph draws titles as rich text: the pack's strings are escaped (data, never markup)
    item.setTitle(f"Work seconds per item — {html(fig.pack['id'])} {html(fig.pack['version'])} "
                  f"({len(fig.seconds)} items)", size="11pt")
    item.setLabel("bottom", "seconds of work on the item")
    item.setLabel("left", "items")
    item.showGrid(x=False, y=True, alpha=0.25)
    if fig.seconds:
        values = np.asarray(fig.seconds)
        bins = min(40, max(8, int(np.sqrt(len(values)))))
        top = max(values.max(), fig.estimate or 0) * 1.05
        counts, edges = np.histogram(values, bins=bins, range=(0, top))
        item.addItem(pg.BarGraphItem(x0=edges[:-1], x1=edges[1:], height=counts, brush="#8ab4f8", pen="#1a73e8"))
        median = float(np.median(values))
        item.addItem(pg.InfiniteLine(median, angle=90, pen=pg.mkPen("#1a73e8", width=2),
                                     label=f"median {median:.0f} s", labelOpts={"position": 0.92, "color": "#1a73e8"}))
    if fig.estimate:
        item.addItem(pg.InfiniteLine(fig.estimate, angle=90, pen=pg.mkPen("#d93025", width=2, style=QtCore.Qt.PenStyle.DashLine),
                                     label=f"lab's estimate {fig.estimate:.0f} s",
                                     labelOpts={"position": 0.78, "color": "#d93025"}))
    plot.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen)  # never flashes a window on a desktop
    plot.show()  # lays the plot out at its size before it is exported
    QtCore.QCoreApplication.processEvents()
    exporter = pyqtgraph.exporters.ImageExporter(item)
    exporter.parameters()["width"] = CHART_SIZE[0]
    image = exporter.export(toBytes=True)
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    plot.deleteLater()
    return bytes(buffer.data())


def charts(figs: list[PackFigures]) -> dict[str, bytes]:
    return {f"{f.pack['id']}@{f.pack['version']}": chart_png(f) for f in figs}


def data_uris(pngs: dict[str, bytes]) -> dict[str, str]:
    return {key: "data:image/png;base64," + base64.b64encode(png).decode("ascii") for key, png in pngs.items()}


def write_pdf(figs: list[PackFigures], out: Path) -> None:
    ensure_app(widgets=True)
    pngs = charts(figs)
    names = {key: f"chart-{i}.png" for i, key in enumerate(pngs)}
    document = QtGui.QTextDocument()
    for key, png in pngs.items():
        document.addResource(QtGui.QTextDocument.ResourceType.ImageResource, QtCore.QUrl(names[key]),
                             QtGui.QImage.fromData(png))
    document.setHtml(html_page(figs, names, image_width=560))  # the width of an A4 page's text
    writer = QtGui.QPdfWriter(str(out))
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageMargins(QtCore.QMarginsF(15, 15, 15, 15), QtGui.QPageLayout.Unit.Millimeter)
    writer.setTitle("What the packs really pay")
    writer.setCreator("annotator")
    document.print_(writer)
