"""The worker's layout inside an editor: where they left each splitter, per plugin, kept in the store.

Generic, so that no plugin has to do anything: after an editor shows an item, every ``QSplitter``
inside it gets the sizes the worker last gave a splitter of the same place, and a splitter the worker
drags is remembered. A splitter is known by its ``objectName`` when it has one, else by its place
(orientation, number of panes, and rank among the editor's splitters of that shape): the rating
editor's prompt/responses/fields split (``v3#0``) and its columns (``h2#0``, ``h3#0``, one size per
number of responses). Kept in the store under ``layout``: ``{plugin id: {splitter key: state}}``.
"""
from __future__ import annotations

import logging

from PySide6 import QtCore, QtWidgets

from annotator.core.errors import UserError

log = logging.getLogger("annotator.ui")
LAYOUT_KEY = "layout"
_WATCHED = "annotatorLayoutKey"
SAVE_AFTER_MS = 300  # a drag sends a move per pixel: write once it stops


def splitter_keys(root: QtWidgets.QWidget) -> list[tuple[str, QtWidgets.QSplitter]]:
    """``(key, splitter)`` for every splitter inside ``root``, in creation order."""
    ranks: dict[str, int] = {}
    found = []
    for splitter in root.findChildren(QtWidgets.QSplitter):
        if splitter.objectName():
            found.append((splitter.objectName(), splitter))
            continue
        shape = f"{'h' if splitter.orientation() == QtCore.Qt.Orientation.Horizontal else 'v'}{splitter.count()}"
        rank = ranks.get(shape, 0)
        ranks[shape] = rank + 1
        found.append((f"{shape}#{rank}", splitter))
    return found


class LayoutMemory(QtCore.QObject):
    """Restores and remembers the splitters of the editors, per plugin (``store`` setting ``layout``)."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self._pending: dict[tuple[str, str], str] = {}
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.flush)

    def saved(self, owner: str) -> dict[str, str]:
        return dict((self.store.get(LAYOUT_KEY) or {}).get(owner) or {})

    def attach(self, root: QtWidgets.QWidget, owner: str) -> None:
        """Give ``root``'s splitters their remembered sizes and watch them for the worker's drags."""
        saved = self.saved(owner)
        for key, splitter in splitter_keys(root):
            state = saved.get(key)
            if state:
                splitter.restoreState(QtCore.QByteArray.fromHex(state.encode("ascii")))
            if splitter.property(_WATCHED) is None:
                splitter.setProperty(_WATCHED, key)
                splitter.splitterMoved.connect(lambda *_, s=splitter, k=key: self._moved(owner, k, s))

    def _moved(self, owner: str, key: str, splitter: QtWidgets.QSplitter) -> None:
        self._pending[(owner, key)] = bytes(splitter.saveState().toHex()).decode("ascii")
        self._timer.start()

    def flush(self) -> None:
        """Write the moves not yet written (the window calls it when it closes)."""
        self._timer.stop()
        if not self._pending:
            return
        layout = dict(self.store.get(LAYOUT_KEY) or {})
        for (owner, key), state in self._pending.items():
            layout[owner] = {**(layout.get(owner) or {}), key: state}
        self._pending.clear()
        try:
            self.store.set(LAYOUT_KEY, layout)
        except UserError as exc:  # a full disk: the work's own message says it; a layout is not worth another
            log.warning("the editors' layout was not kept: %s", exc)
