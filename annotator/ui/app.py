"""Starting the window: ``annotator [--data-dir DIR] [--demo] [PACK]``."""
from __future__ import annotations

import logging
import os
import signal
import sys
import traceback
from pathlib import Path

from annotator import __version__
from annotator.core.context import AppContext
from annotator.core.errors import PackError, UserError
from annotator.core.library import clean_orphans, import_demo_packs, import_pack
from annotator.core.paths import RESOURCES, resolve_data_dir
from annotator.core.registry import installed
from annotator.core.store import Store

log = logging.getLogger("annotator")


def make_qapp(argv: list[str] | None = None):
    from PySide6 import QtGui, QtWidgets

    app = QtWidgets.QApplication.instance()
    if app is None:
        app = QtWidgets.QApplication(argv or [sys.argv[0]])
    app.setApplicationName("annotator")
    app.setApplicationDisplayName("Annotator")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("annotator")
    app.setStyle("Fusion")
    icon = RESOURCES / "icons" / "annotator.svg"
    if icon.exists():
        app.setWindowIcon(QtGui.QIcon(str(icon)))
    return app


def setup_logging(data_dir: Path) -> None:
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(logs / "annotator.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("annotator")
    if not any(isinstance(h, logging.FileHandler) for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)


def install_excepthook(window_getter) -> None:
    """An exception in a slot or a plugin is logged and shown; it never ends the app."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception:\n%s", text)
        sys.stderr.write(text)
        window = window_getter()
        if window is not None:
            try:
                window.show_error(exc, tb)
            except Exception:  # never let the error display itself fail the app
                pass

    sys.excepthook = hook


def build_context(data_dir: Path) -> AppContext:
    from annotator.core.metering.service import MeterService

    # the window holds the data folder's lock until it quits: a second window is refused, not merged
    store = Store(data_dir, writer=True, holder="window", lock_wait=0)
    try:
        clean_orphans(store)
        # the real meter: logs the window's signals and keeps the worker's timesheet
        return AppContext(store=store, registry=installed(), meter=MeterService(store))
    except BaseException:
        store.close()
        raise


def open_context(data_dir: Path, answer=None) -> AppContext | int:
    """:func:`build_context`, or a dialog saying why not (folder in use, store missing, disk full): an exit code."""
    while True:
        try:
            return build_context(data_dir)
        except UserError as exc:
            print(f"annotator: {exc}", file=sys.stderr)
            make_qapp()
            from annotator.ui import startup

            outcome = startup.handle(exc, data_dir, answer)
            if outcome != "retry":
                return 0 if outcome == "raised" else 2


def run_app(args) -> int:
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    ctx = open_context(data_dir)
    if isinstance(ctx, int):
        return ctx
    setup_logging(data_dir)
    opened = None
    if getattr(args, "demo", False):
        import_demo_packs(ctx.store, ctx.registry)
    if getattr(args, "pack", None):
        try:
            opened = import_pack(args.pack, ctx.store, ctx.registry).pack
        except PackError as exc:
            for problem in exc.problems:
                print(str(problem), file=sys.stderr)
            raise UserError(f"{args.pack}: not imported ({len(exc.problems)} problems)") from None

    app = make_qapp()
    from annotator.ui import i18n
    from annotator.ui.main_window import MainWindow

    plugin_dirs = [p.translations_dir for p in ctx.registry.plugins.values() if getattr(p, "translations_dir", None)]
    i18n.install(app, i18n.choose_language(ctx.store.get("language")), plugin_dirs)
    window = MainWindow(ctx)
    from annotator.ui.startup import attach

    attach(window, ctx.store)  # a second start on this folder brings this window up; daily backups
    install_excepthook(lambda: window)
    # Ctrl+C in the terminal closes the window properly (the meter records app_quit).
    signal.signal(signal.SIGINT, lambda *_: window.close())
    signal.signal(signal.SIGTERM, lambda *_: window.close())
    window.show()
    if opened is not None:
        window.open_pack(opened.pk)
    else:
        window.restore_session()
    if os.environ.get("ANNOTATOR_SCREENSHOT"):
        from PySide6 import QtCore

        def shoot():
            window.grab().save(os.environ["ANNOTATOR_SCREENSHOT"])
            window.close()

        QtCore.QTimer.singleShot(int(os.environ.get("ANNOTATOR_SCREENSHOT_DELAY_MS", "1500")), shoot)
    code = app.exec()
    ctx.store.close()
    return code
