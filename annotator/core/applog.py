"""The app's log file: where it is, how it rotates, and the native libraries' chatter sent into it.

The log is ``annotator.log`` in the platform's log folder
(``~/.local/state/annotator/log`` on Linux), or in ``DATA_DIR/logs`` when the
data folder is chosen by hand (``--data-dir`` or ``$ANNOTATOR_DATA_DIR``), or in
``$ANNOTATOR_LOG_DIR``. It rotates at 2 MB, keeping three old files. Nothing in
it is sent anywhere: the worker attaches it to a bug report if they wish.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_DIR_ENV = "ANNOTATOR_LOG_DIR"
LOG_NAME = "annotator.log"
MAX_BYTES = 2_000_000
BACKUPS = 3

_current: Path | None = None


def log_dir(data_dir: Path | None = None, chosen: bool = False) -> Path:
    """The folder of the log: ``$ANNOTATOR_LOG_DIR``, ``data_dir/logs`` if ``chosen``, else the platform's."""
    env = os.environ.get(LOG_DIR_ENV)
    if env:
        return Path(env).expanduser()
    if chosen and data_dir is not None:
        return Path(data_dir) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir("annotator", appauthor=False))


def current_log_file() -> Path | None:
    """The file this process logs to (``None`` before :func:`setup`)."""
    return _current


def setup(folder: Path, level: int = logging.INFO) -> Path:
    """Log the ``annotator`` loggers to ``folder/annotator.log`` (rotated); returns the file."""
    global _current
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger("annotator")
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            if Path(handler.baseFilename) == path.absolute():
                _current = path
                return path
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    _current = path
    quiet_media_libraries(folder)
    return path


def quiet_media_libraries(folder: Path) -> None:
    """Send the media libraries' own messages to the log folder instead of the terminal.

    Must run before Qt Multimedia loads its FFmpeg backend. ``QT_FFMPEG_DEBUG``
    makes Qt hand FFmpeg's lines (the ``Input #0, wav, from ...`` stream dumps)
    to Qt's message handler, which the window sends to this log; without it
    FFmpeg writes them to stderr itself. PipeWire's client library, where the
    system has one, writes to ``PIPEWIRE_LOG``. A value already set by the user
    (to debug playback) is kept.
    """
    os.environ.setdefault("QT_FFMPEG_DEBUG", "1")
    os.environ.setdefault("PIPEWIRE_LOG", str(folder / "pipewire.log"))
