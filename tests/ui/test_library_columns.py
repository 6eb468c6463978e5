"""The library table fits its window: no column off the edge, the warnings get their share, long text elides."""
from __future__ import annotations

import pytest

from tests.ui.helpers import import_yesno

TITLE = "Street scenes of a rainy evening in a large city: cars, people and bicycles"
WARNINGS = ["self-harm (one item, hidden until you reveal it)", "violence in traffic scenes"]


@pytest.mark.parametrize("width", [784, 1280, 1920])
def test_every_column_is_on_screen_and_the_warnings_get_their_share(width, qtbot, window, app_ctx, tmp_path):
    import_yesno(app_ctx, tmp_path / "a", title=TITLE, warnings=WARNINGS, pack_id="a.pack")
    import_yesno(app_ctx, tmp_path / "b", title="Short", pack_id="b.pack")
    window.library.refresh()
    window.resize(width, 800)
    table = window.library.table
    qtbot.waitUntil(lambda: table.viewport().width() <= window.width())

    def widths():
        return {c: table.columnWidth(c) for c in range(table.columnCount()) if not table.isColumnHidden(c)}

    # the columns fill the table's width exactly: nothing off the right edge, no gap
    qtbot.waitUntil(lambda: sum(widths().values()) == table.viewport().width(), timeout=3000)
    room = table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    shown = widths()
    assert 0 in shown and 6 in shown and 7 in shown  # the pack, its warnings and the progress always
    assert shown[0] >= window.library.MIN_PACK and shown[6] >= window.library.MIN_WARNINGS
    # the warnings are not squeezed to make room for the pack's long title: each has a share
    assert shown[6] >= min(table.sizeHintForColumn(6), room // 5)
    if width >= 1280:
        assert all(c in shown for c in range(8))  # at a laptop's width every column is there
    # what a narrow window leaves out is in the pack's tooltip, with the whole title
    tip = table.item(0, 0).toolTip() + table.item(1, 0).toolTip()
    assert TITLE in tip and "Test lab" in tip
