"""Zoom and centre remembered per item, in the worker's settings (``plugin.image.views``).

A view is a setting, not an annotation: ``{"fit": true}`` or ``{"zoom": z, "cx": x, "cy": y}``
under ``"<pack id>@<version>/<item id>"``; the :data:`VIEWS_KEPT` most recent are kept.
"""
from __future__ import annotations

from PySide6 import QtCore

from annotator_image._qt.canvas import Canvas

#: views remembered per item (zoom and centre), most recent first
VIEWS_KEPT = 500


def view_key(host) -> str:
    return f"{host.pack.id}@{host.pack.version}/{host.item.get('id')}"


def remember_view(host, canvas: Canvas) -> None:
    """Keep how ``canvas`` shows the host's item."""
    views = host.setting("views", {})
    views = dict(views) if isinstance(views, dict) else {}
    key = view_key(host)
    views.pop(key, None)
    if canvas.fitted:
        entry = {"fit": True}
    else:
        c = canvas.center_scene()
        entry = {"zoom": round(canvas.zoom(), 5), "cx": round(c.x(), 1), "cy": round(c.y(), 1)}
    views[key] = entry
    while len(views) > VIEWS_KEPT:
        views.pop(next(iter(views)))
    host.set_setting("views", views)


def restore_view(host, canvas: Canvas) -> bool:
    """Show the host's item as it was last left; ``False`` (fitted) for an item never seen."""
    views = host.setting("views", {}) or {}
    entry = views.get(view_key(host)) if isinstance(views, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("zoom"), (int, float)) and entry["zoom"] > 0:
        canvas.set_zoom(float(entry["zoom"]))
        canvas.centerOn(QtCore.QPointF(float(entry.get("cx", 0)), float(entry.get("cy", 0))))
        return True
    canvas.fit()
    return False
