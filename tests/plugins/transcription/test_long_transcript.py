"""A long machine transcript in the real editor: work proportional to what is on screen (pytest-qt).

No test here times anything (speed is measured by ``bench/scale.py transcript``); they check the
things that make it fast: the table hears about the rows an edit changed and nothing more, the
waveform redraws only the segments that changed, and the diff against the machine transcript
runs off the interface thread, one group at a time.
"""
from __future__ import annotations

import threading

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QAbstractItemModelTester

from annotator_transcription import changes

from .test_editor import CTRL, Key, focus, saved_segments

SEGMENTS = 400


def long_transcript(n: int = SEGMENTS, seconds: float = 60.0) -> list[dict]:
    slot = seconds / n
    return [{"start": round(i * slot, 3), "end": round(i * slot + slot * 0.8, 3), "speaker": "AB"[i % 2],
             "text": f"word{i} and more"} for i in range(n)]


class ModelSignals:
    """What the table's model told its view."""

    def __init__(self, model: QtCore.QAbstractItemModel):
        self.events: list[tuple] = []
        model.dataChanged.connect(lambda a, b, roles=(): self.events.append(
            ("changed", a.row(), b.row(), a.column(), b.column())))
        model.rowsInserted.connect(lambda _p, a, b: self.events.append(("inserted", a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.events.append(("removed", a, b)))
        model.modelReset.connect(lambda: self.events.append(("reset",)))

    def take(self) -> list[tuple]:
        out, self.events = self.events, []
        return out


def test_the_table_hears_only_about_the_rows_an_edit_changed(open_editor, qtbot, qtlog):
    editor = open_editor(60.0, item={"transcript": long_transcript()})
    model = editor.table.model()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning, editor)
    assert model.rowCount() == SEGMENTS
    signals = ModelSignals(model)
    editor.set_current(200, seek=True)
    assert signals.take() == []  # moving selects a row: the rows themselves did not change
    assert editor.table.selectionModel().currentIndex().row() == 200
    focus(editor)
    editor.text.moveCursor(QtGui.QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor.text, "s")
    assert signals.take() == [("changed", 200, 200, 3, 3)]  # one cell
    assert model.index(200, 3).data() == "word200 and mores"
    seg = editor.segments[200]
    editor.transport.seek((seg.start + seg.end) / 2)
    cursor = editor.text.textCursor()
    cursor.setPosition(len("word200 "))
    editor.text.setTextCursor(cursor)
    qtbot.keyClick(editor.text, Key.Key_K, CTRL)  # split: one row more, after the one split
    events = signals.take()
    assert ("inserted", 201, 201) in events and not any(e[0] in ("removed", "reset") for e in events)
    assert model.rowCount() == SEGMENTS + 1
    qtbot.keyClick(editor.text, Key.Key_J, CTRL)  # merge it back: one row less
    events = signals.take()
    assert ("removed", 202, 202) in events and not any(e[0] in ("inserted", "reset") for e in events)
    editor.undo()  # the merge
    assert model.rowCount() == SEGMENTS + 1 and not any(e[0] == "reset" for e in signals.take())
    rows = [model.index(r, 3).data() for r in (199, 200, 201, 202)]
    assert rows == ["word199 and more", "word200", "and mores", "word201 and more"]
    assert model.headerData(202, QtCore.Qt.Orientation.Vertical) == "203"
    assert not [r.message for r in qtlog.records if "FAIL" in r.message]


def test_the_waveform_redraws_only_the_segments_that_changed(open_editor, qtbot):
    editor = open_editor(60.0, item={"transcript": long_transcript()})
    waves = editor.waves
    waves.set_view(26.0, 29.0)  # segments 173 to 193
    editor.set_current(180)
    shown = [r for r in waves._regions if r.segment is not None]
    assert 10 <= len(shown) <= 30  # the segments in view, not the transcript
    calls = []
    for region in waves._regions:
        region.setRegion = lambda rng, r=region: calls.append(r.index)
    focus(editor)
    editor.next_segment()
    assert calls == []  # the current segment changed colour: its edges stay where they are
    editor.merge_with_next()  # the segment after the merged one is gone; the others only move up a number
    assert calls == [181]
    assert all(r.label.text().startswith(str(r.index + 1)) for r in waves._regions if r.segment is not None)


def test_the_changes_are_diffed_off_the_interface_thread_one_group_at_a_time(open_editor, qtbot, monkeypatch):
    threads, diffed = set(), []
    real_diff = changes.diff_group

    def diff_group(machine_words, texts):
        threads.add(threading.current_thread() is threading.main_thread())
        diffed.append(texts)
        return real_diff(machine_words, texts)

    monkeypatch.setattr(changes, "diff_group", diff_group)
    editor = open_editor(60.0, item={"transcript": long_transcript()})
    assert editor.changes_label.text() == "Machine transcript: not changed yet."  # known without diffing
    qtbot.waitUntil(lambda: editor._result is not None, timeout=5000)
    diffed.clear()
    editor.set_current(10)
    focus(editor)
    editor.text.moveCursor(QtGui.QTextCursor.MoveOperation.End)
    for char in " indeed":
        qtbot.keyClick(editor.text, char)
    qtbot.waitUntil(lambda: editor.changes_label.text() == "Words changed from the machine transcript: 1",
                    timeout=5000)
    assert threads == {False}
    assert set(diffed) <= {(f"word10 and more{' indeed'[:k]}",) for k in range(1, 8)}  # only the typed segment
    assert "indeed" in editor.changes.toPlainText() and "word11" not in editor.changes.toPlainText()
    model = editor.table.model()
    background = QtCore.Qt.ItemDataRole.BackgroundRole
    vertical = QtCore.Qt.Orientation.Vertical
    assert model.headerData(10, vertical, background) is not None and model.headerData(11, vertical, background) is None
    qtbot.waitUntil(lambda: [s[3] for s in saved_segments(editor)[10:11]] == ["word10 and more indeed"], timeout=2000)


def test_changes_still_coming_for_an_item_left_are_dropped(open_pack, make_pack, qtbot):
    from .conftest import audio_bytes

    items = [{"id": "long", "media": "media/long.wav", "training": False, "transcript": long_transcript()},
             {"id": "plain", "media": "media/plain.wav", "training": False}]
    task = open_pack(make_pack(items, {"media/long.wav": audio_bytes(60.0), "media/plain.wav": audio_bytes(2.0)}))
    editor = task.editor
    focus(editor)
    qtbot.keyClick(editor.text, "x")
    task.next()  # while the diff of the first item may still be running
    qtbot.wait(300)
    assert editor.segments and len(editor.segments) == 1
    assert editor.changes_label.isHidden() and editor.table.model().rowCount() == 1
    task.previous()
    qtbot.waitUntil(lambda: editor.changes_label.text() == "Words changed from the machine transcript: 1",
                    timeout=5000)


def test_repainting_the_table_after_a_merge_formats_only_the_merged_row(open_editor, qtbot):
    editor = open_editor(60.0, item={"transcript": long_transcript()})
    table, model = editor.table, editor.table.model()
    table.resize(600, 400)
    editor.set_current(200, seek=True)
    QtWidgets.QApplication.processEvents()
    table.scrollTo(model.index(200, 0), QtWidgets.QAbstractItemView.ScrollHint.PositionAtCenter)
    QtWidgets.QApplication.processEvents()
    assert 195 in table.visible_rows() and 205 in table.visible_rows()
    table.viewport().repaint()  # the rows on screen, formatted once
    formatted = []
    delegate = table.itemDelegate()
    real_keep = delegate._keep
    delegate._keep = lambda seg, row: formatted.append(row) or real_keep(seg, row)
    focus(editor)
    editor.merge_with_next()
    table.viewport().repaint()
    # the rows below moved up one: only the merged row and the one that came into view at the bottom are new
    assert 200 in formatted and set(formatted) <= {200, table.visible_rows()[-1]}
    option = QtWidgets.QStyleOptionViewItem()
    table.itemDelegate().initStyleOption(option, model.index(200, 3))
    assert option.text == "word200 and more word201 and more"  # what the cell shows, painted
    editor.text.moveCursor(QtGui.QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor.text, "s")
    table.itemDelegate().initStyleOption(option, model.index(200, 3))
    assert option.text == "word200 and more word201 and mores"


def test_the_overview_draws_one_bar_per_run_of_segments_a_pixel_apart(open_editor, qtbot):
    transcript = long_transcript()
    del transcript[101:140]  # a pause of about 6 s: a gap on screen
    pause = (transcript[100]["end"], transcript[101]["start"])
    editor = open_editor(60.0, item={"transcript": transcript})
    waves = editor.waves
    xs, _ys = waves.overview_segments.getData()
    bars = list(zip(xs[0::2], xs[1::2]))
    assert len(bars) < SEGMENTS / 10  # the gaps of 30 ms are under a pixel: not drawn one by one
    assert pause in [(a, b) for (_, a), (b, _) in zip(bars, bars[1:])]  # the pause is still seen
    for seg in editor.segments:  # every segment is under a bar
        assert any(a <= seg.start and seg.end <= b for a, b in bars), seg


def test_a_segment_region_is_where_its_edges_are_after_zooming_and_dragging(open_editor, qtbot):
    import pyqtgraph as pg

    editor = open_editor(60.0, item={"transcript": long_transcript()})
    waves = editor.waves
    waves.set_view(26.0, 29.0)
    region = next(r for r in waves._regions if r.segment is not None)
    assert region.boundingRect() == pg.LinearRegionItem.boundingRect(region)
    waves.zoom(0.5)
    qtbot.waitUntil(lambda: region.boundingRect() == pg.LinearRegionItem.boundingRect(region))
    region.lines[1].setValue(region.lines[1].value() + 0.01)  # an edge dragged
    assert region.boundingRect() == pg.LinearRegionItem.boundingRect(region)
