"""Packs dropped in the inbox folder (any synced folder) appear in the library by themselves."""
from __future__ import annotations

import shutil

from PySide6 import QtCore

from annotator.ui.inbox import InboxWatcher
from tests.packs import write_pack, zip_folder


def test_a_pack_dropped_in_the_inbox_is_imported_with_a_notification(qtbot, window, app_ctx, tmp_path):
    inbox = tmp_path / "Dropbox" / "labs"
    inbox.mkdir(parents=True)
    app_ctx.store.set("inbox_dir", str(inbox))
    window.inbox.interval_ms = 200
    window.inbox.set_folder(str(inbox))
    source = write_pack(tmp_path / "src", title="Fresh from the lab")
    shutil.copytree(source, inbox / "fresh")
    qtbot.waitUntil(lambda: window.library.table.rowCount() == 1, timeout=10000)
    assert window.library.table.item(0, 0).text() == "Fresh from the lab"
    assert window.library.banner.isVisible()
    assert window.library.banner.label.text() == "New pack in your inbox: Fresh from the lab"


def test_a_bad_pack_in_the_inbox_is_reported_once_and_a_fixed_one_is_taken(qtbot, app_ctx, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher = InboxWatcher(app_ctx, interval_ms=100)
    failures, imported = [], []
    watcher.failed.connect(lambda name, message: failures.append((name, message)))
    watcher.imported.connect(imported.append)
    bad = write_pack(tmp_path / "bad", items=[{"id": "a", "media": "media/missing.png"}], media={})
    zip_folder(bad, inbox / "bad.zip")
    (inbox / "notes.txt").write_text("not a pack")
    watcher.set_folder(str(inbox))
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=10000)
    assert failures[0][0] == "bad.zip"
    assert failures[0][1] == "items.jsonl:1: media 'media/missing.png' is missing from the pack"
    for _ in range(4):  # several more scans: the same bad file is not retried in a loop
        watcher.scan()
        watcher.wait()
        QtCore.QCoreApplication.processEvents()  # a retry's failure would be reported by now
    assert len(failures) == 1 and app_ctx.store.packs() == []
    # the lab sends a fixed pack with the same name: it is taken
    zip_folder(write_pack(tmp_path / "good", title="Fixed"), inbox / "fixed.zip")
    (inbox / "bad.zip").unlink()
    qtbot.waitUntil(lambda: imported == ["Fixed"], timeout=10000)
    watcher.wait()


def test_a_pack_still_being_copied_is_not_read_half_written(qtbot, app_ctx, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher = InboxWatcher(app_ctx, interval_ms=150)
    imported, failures = [], []
    watcher.imported.connect(imported.append)
    watcher.failed.connect(lambda *a: failures.append(a))
    watcher.set_folder(str(inbox))
    archive = zip_folder(write_pack(tmp_path / "src", n=20, title="Slow sync"), tmp_path / "slow.zip")
    data = archive.read_bytes()
    target = inbox / "slow.zip"
    with open(target, "wb") as fh:  # a sync client writing the file in pieces
        for start in range(0, len(data), max(1, len(data) // 6)):
            fh.write(data[start:start + max(1, len(data) // 6)])
            fh.flush()
            qtbot.wait(120)
    qtbot.waitUntil(lambda: imported == ["Slow sync"], timeout=10000)
    assert failures == []
    watcher.wait()
