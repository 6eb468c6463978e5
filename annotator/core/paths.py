"""Where the worker's data lives."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "annotator"
DATA_DIR_ENV = "ANNOTATOR_DATA_DIR"

#: The folder of the source checkout (``pyproject.toml`` lives here when running uninstalled).
SOURCE_ROOT = Path(__file__).resolve().parents[2]
#: Demo packs, schemas, translations and icons: inside the package, so a wheel carries them.
RESOURCES = Path(__file__).resolve().parents[1] / "resources"
DEMO_PACKS = RESOURCES / "demo-packs"


def default_data_dir() -> Path:
    """``$ANNOTATOR_DATA_DIR`` if set, else the platform's user data folder."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(arg: str | os.PathLike | None) -> Path:
    path = Path(arg).expanduser() if arg else default_data_dir()
    return path.absolute()


# ------------------------------------------------------------------ inside the data folder

#: the worker's store (SQLite); its WAL and shared-memory files sit beside it
STORE_NAME = "annotator.sqlite3"
STORE_SIDECARS = ("-wal", "-shm", "-journal")
#: imported packs, one folder per pack version
PACKS_DIR = "packs"
#: the installation's signing key (``annotator.core.keys``)
KEYS_DIR = "keys"
#: automatic and hand-made copies of the store (``annotator.core.backup``)
BACKUPS_DIR = "backups"
#: held while a window is open or a command writes (``annotator.core.lock``)
LOCK_NAME = "annotator.lock"


def store_path(data_dir: str | os.PathLike) -> Path:
    return Path(data_dir) / STORE_NAME


def sidecar(path: Path, suffix: str) -> Path:
    """``annotator.sqlite3-wal`` and the like."""
    return path.with_name(path.name + suffix)
