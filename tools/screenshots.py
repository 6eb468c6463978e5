#!/usr/bin/env python3
"""Shoot every view and dialog of the window, in English and French, light and dark, at two sizes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py OUT_DIR [--langs en,fr]
        [--schemes light,dark] [--sizes 1280x800,1920x1080] [--readme docs/screenshots]

A fresh data folder gets the three demo packs; each pack is opened (terms dialog, instructions),
its first items shown, a few worked through so the timesheet has something to show; a refused pack
shows its reasons in the window's language (``import-problems``). Files are named
``VIEW-LANG-SCHEME-WxH.png``. ``--readme DIR`` also writes the README's pictures (English, light,
1280x800, and the rating view in French, dark) into DIR under their usual names.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

README_NAMES = {"library": "library.png", "task-street-scenes": "image.png",
                "task-voice-commands": "transcription.png", "task-assistant-answers": "rating.png",
                "timesheet": "timesheet.png"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--langs", default="en,fr")
    parser.add_argument("--schemes", default="light,dark")
    parser.add_argument("--sizes", default="1280x800,1920x1080")
    parser.add_argument("--readme", type=Path)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6 import QtCore, QtWidgets

    from annotator.core.library import import_demo_packs
    from annotator.ui import i18n, theme
    from annotator.ui.app import build_context, make_qapp

    data = Path(tempfile.mkdtemp(prefix="annotator-shots-"))
    ctx = build_context(data)
    import_demo_packs(ctx.store, ctx.registry)
    app = make_qapp()
    refused = data / "refused-pack"  # a pack with no instructions and an item without its id
    refused.mkdir()
    (refused / "pack.toml").write_text('format = 1\n[pack]\nid = "lab.refused"\nversion = "1.0.0"\n'
                                       'title = "Refused"\nlab = "Eco lab"\nkind = "image"\n', encoding="utf-8")
    (refused / "items.jsonl").write_text('{"media": "a.png"}\n', encoding="utf-8")

    def wait(ms: int = 150) -> None:
        loop = QtCore.QEventLoop()
        QtCore.QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def save(widget, name: str, tag: str) -> None:
        path = args.out / f"{name}-{tag}.png"
        widget.grab().save(str(path))
        print(path)

    def on_modal(action) -> None:
        def poll():
            widget = QtWidgets.QApplication.activeModalWidget()
            if widget is None or not widget.isVisible():
                QtCore.QTimer.singleShot(50, poll)
                return
            QtCore.QTimer.singleShot(300, lambda: action(widget))
        QtCore.QTimer.singleShot(0, poll)

    from annotator.ui.main_window import MainWindow

    first = True
    for lang in args.langs.split(","):
        translator = i18n.install(app, lang, ctx.registry.translations_dirs())
        for scheme in args.schemes.split(","):
            os.environ[theme.APPEARANCE_ENV] = scheme
            theme.apply(app)
            for size in args.sizes.split(","):
                width, height = (int(v) for v in size.split("x"))
                tag = f"{lang}-{scheme}-{size}"
                window = MainWindow(ctx)
                window.resize(width, height)
                window.show()
                wait(400)
                window.show_library()
                wait(300)
                save(window, "library", tag)
                # a refused pack: the core's reasons in the window's language (docs/adr/0032)
                importer = window.import_path(str(refused))
                while importer.running:
                    wait(100)
                wait(300)
                if importer.message is not None:
                    save(importer.message, "import-problems", tag)
                    importer.message.done(0)
                    importer.message.deleteLater()  # gone before the terms dialog is looked for
                    wait(300)
                for pack in ctx.store.packs():
                    slug = pack.pack_id.split(".")[-1]
                    shot_terms = slug == "street-scenes"

                    def terms(dialog, shot=shot_terms):
                        if shot:
                            save(dialog, "terms", tag)
                        dialog.accept()

                    on_modal(terms)
                    window.open_pack(pack.pk)
                    wait(400)
                    if shot_terms:
                        save(window, "instructions", tag)
                    window.start_task()
                    wait(1500)
                    save(window, f"task-{slug}", tag)
                    if first:  # move through a few items so the timesheet has something to show
                        for _ in range(2):
                            window.task.next()
                            wait(600)
                        window.task.go_to(0)
                        wait(600)
                    if slug == "street-scenes":
                        window.show_shortcuts()
                        wait(300)
                        save(window, "shortcuts", tag)
                        window.overlay.hide()
                        from annotator.ui.dialogs import ReasonDialog

                        dialog = ReasonDialog("skip", window)
                        dialog.show()
                        wait(300)
                        save(dialog, "skip-dialog", tag)
                        dialog.close()
                first = False
                window.metering.show_timesheet()
                wait(800)
                save(window, "timesheet", tag)
                window.show_settings()
                wait(300)
                save(window, "settings", tag)
                window.show_library()
                window.close()
                window.deleteLater()
                wait(200)
        i18n.uninstall(app, translator)

    if args.readme:
        args.readme.mkdir(parents=True, exist_ok=True)
        for view, name in README_NAMES.items():
            source = args.out / f"{view}-en-light-1280x800.png"
            if source.exists():
                shutil.copy(source, args.readme / name)
        extra = args.out / "task-assistant-answers-fr-dark-1280x800.png"
        if extra.exists():
            shutil.copy(extra, args.readme / "rating-fr-dark.png")
    ctx.store.close()
    shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
