"""Starting the window: ``annotator [--data-dir DIR] [--demo] [PACK]``."""
from __future__ import annotations

import collections
import logging
import os
import re
import signal
import socket
import sys
import traceback
from pathlib import Path

from annotator import __version__
from annotator.core import applog
from annotator.core.context import AppContext
from annotator.core.errors import PackError, UserError
from annotator.core.library import clean_orphans, import_demo_packs, import_pack
from annotator.core.paths import DATA_DIR_ENV, RESOURCES, resolve_data_dir
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
    from annotator.ui import theme

    theme.apply(app)  # Fusion with our palette, light or dark as the system is (docs/design.md)
    app.setDesktopFileName("org.annotator.Annotator")  # Wayland matches the window to its desktop entry
    icon = RESOURCES / "icons" / "annotator.svg"
    if icon.exists():
        app.setWindowIcon(QtGui.QIcon(str(icon)))
    return app


def setup_logging(data_dir: Path, chosen: bool = True) -> Path:
    """The log file (rotated) and Qt's and the media libraries' messages sent to it; returns its path.

    Runs before anything else is written: the store's crash recovery logs what it found.
    ``chosen``: the data folder was given by hand, so the log lives in it (see :mod:`annotator.core.applog`).
    """
    path = applog.setup(applog.log_dir(data_dir, chosen))
    route_qt_messages()
    log.info("annotator %s starting; data folder %s", __version__, data_dir)
    return path


# ---------------------------------------------------------------- no display, Qt's messages

_QT_LEVELS = {0: logging.DEBUG, 4: logging.INFO, 1: logging.WARNING, 2: logging.ERROR, 3: logging.CRITICAL}
_recent_qt: collections.deque[str] = collections.deque(maxlen=8)
CLI_HINT = "the command-line tools work without one (annotator --help)"


def route_qt_messages() -> None:
    """Qt's messages (platform plugin, multimedia, FFmpeg's lines) go to the log, not the terminal.

    A fatal one (Qt would abort: no usable display) becomes one line on stderr and exit 2.
    """
    from PySide6 import QtCore

    QtCore.QLoggingCategory.setFilterRules("default.debug=false")  # FFmpeg's debug lines: not even formatted
    QtCore.qInstallMessageHandler(_qt_message)


def _qt_message(mode, context, message: str) -> None:
    level = _QT_LEVELS.get(int(getattr(mode, "value", mode)), logging.WARNING)
    category = getattr(context, "category", None) or "default"
    logging.getLogger("annotator.qt").log(level, "%s: %s", category, message)
    if level >= logging.WARNING:
        _recent_qt.append(message)
    if level == logging.CRITICAL:
        sys.__stderr__.write(f"annotator: {qt_fatal_line(message, list(_recent_qt))}\n")
        sys.__stderr__.flush()
        logging.shutdown()
        os._exit(2)  # instead of Qt's abort()


def qt_fatal_line(message: str, recent: list[str]) -> str:
    """One line for a fatal Qt message, naming what is missing when Qt said so."""
    said = " ".join(recent + [message])
    if "xcb-cursor" in said:
        return ("cannot open the window: Qt's X11 platform needs the system library libxcb-cursor0 "
                f"(tools/system-deps run lists them all); {CLI_HINT}")
    if "could not connect to display" in said or "Could not connect to display" in said:
        return f"cannot open the window: the display {os.environ.get('DISPLAY', '')!r} does not answer; {CLI_HINT}"
    missing = re.search(r'Could not find the Qt platform plugin "([^"]*)"', said)
    if missing:
        return f"cannot open the window: Qt has no platform plugin {missing.group(1)!r} (QT_QPA_PLATFORM); {CLI_HINT}"
    first = message.strip().split(". ")[0].splitlines()[0] if message.strip() else "Qt could not start"
    return f"cannot open the window: {first.rstrip('.')}; {CLI_HINT}"


def display_problem(env=os.environ) -> str | None:
    """Why no window can open here (a sentence), or ``None``; only Linux and BSD desktops are checked."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    platforms = [p.split(":")[0].strip().lower() for p in env.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    if any(p not in ("xcb", "wayland", "wayland-egl") for p in platforms):
        return None  # offscreen, vnc, eglfs...: Qt knows; a fatal message is caught by _qt_message
    wayland, x11 = env.get("WAYLAND_DISPLAY", ""), env.get("DISPLAY", "")
    want_wayland = not platforms or any(p.startswith("wayland") for p in platforms)
    want_x11 = not platforms or "xcb" in platforms
    if want_wayland and wayland and _wayland_socket(env, wayland):
        return None
    if want_x11 and x11 and _x11_answers(x11):
        return None
    if not wayland and not x11:
        return "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    problems = []
    if x11:
        problems.append(f"the X display {x11!r} does not answer")
    if wayland:
        problems.append(f"the Wayland display {wayland!r} has no socket")
    return "cannot open the window: " + " and ".join(problems)


def _wayland_socket(env, name: str) -> bool:
    path = Path(name) if os.path.isabs(name) else Path(env.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
    return path.exists()


def _x11_answers(display: str) -> bool:
    host, sep, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not sep or not number.isdigit():
        return True  # a form this check does not know: let Qt try
    try:
        if host in ("", "unix"):
            for address in (f"\0/tmp/.X11-unix/X{number}", f"/tmp/.X11-unix/X{number}"):
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                    s.settimeout(2)
                    try:
                        s.connect(address)
                        return True
                    except OSError:
                        continue
            return False
        with socket.create_connection((host, 6000 + int(number)), timeout=2):
            return True
    except OSError:
        return False


def check_display() -> None:
    """One line and exit 2 (a :class:`UserError`) when the window has nowhere to open."""
    problem = display_problem()
    if problem:
        raise UserError(f"{problem}; {CLI_HINT}")


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
    check_display()
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    setup_logging(data_dir, chosen=bool(getattr(args, "data_dir", None) or os.environ.get(DATA_DIR_ENV)))
    ctx = open_context(data_dir)
    if isinstance(ctx, int):
        return ctx
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

    plugin_dirs = ctx.registry.translations_dirs()  # read once, in a guard, when the plugins were found
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
