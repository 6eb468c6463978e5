"""Errors the user can act on.

A :class:`UserError` is printed by the command line as one line and exit code 2,
and by the window as a message; it never shows a traceback.
"""
from __future__ import annotations

import errno as _errno
import os
import shutil
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


class Text(str):
    """An English message that remembers its template and values, so the window can translate it.

    It *is* the English text (``str``, logs, the command line see nothing new); ``template`` and
    ``values`` let the window look the template up in its catalogue (context ``core``) and fill
    in the values there (``annotator.ui.i18n.core_text``). Made by :func:`msg`.
    """

    template: str
    values: dict

    def __new__(cls, template: str, values: dict) -> "Text":
        text = super().__new__(cls, template.format(**values))
        text.template, text.values = template, values
        return text

    def __reduce__(self):
        return (Text, (self.template, self.values))


def msg(template: str, **values) -> Text:
    """Mark a message a worker can meet in the window: ``msg("{path}: no such file", path=p)``.

    ``tools/update_translations.py`` collects the template (a literal, with ``str.format``
    fields) into the catalogue under the context ``core``. A value that is itself a :class:`Text`
    is translated too. Qt-free: the core only marks, the window translates.
    """
    return Text(template, values)


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why.

    The message may be a :class:`Text` (made by :func:`msg`): the window then shows it in the
    worker's language, the command line and the log in English.
    """


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a pack: ``FILE[:LINE]: message``."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class PackError(UserError):
    """A pack was refused; ``problems`` lists every reason, not only the first."""

    def __init__(self, problems: list[Problem], summary: str | None = None):
        self.problems = list(problems)
        n = len(self.problems)
        first = str(self.problems[0]) if self.problems else "invalid pack"
        super().__init__(summary or (first if n == 1 else f"{first} (and {n - 1} more problems)"))


# ---------------------------------------------------------------------------- storage

#: errno values that mean "the disk cannot take this write", not "the program is wrong"
STORAGE_ERRNOS = frozenset({_errno.ENOSPC, _errno.EROFS} | ({_errno.EDQUOT} if hasattr(_errno, "EDQUOT") else set()))


#: SQLite's extended codes for a write the OS refused (ENOSPC reaches it as SQLITE_FULL, others as these)
_SQLITE_WRITE_ERRORS = frozenset({"SQLITE_IOERR_WRITE", "SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_TRUNCATE",
                                  "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_SHMMAP"})
_NEARLY_FULL = 1 << 20


class StorageError(UserError):
    """A write failed because the disk is full, over quota or read-only; nothing was half-written.

    ``folder`` is where the write went, ``free`` the bytes still free there (``None``
    if unknown). The message names both.
    """

    def __init__(self, message: str, folder: Path | None = None, free: int | None = None):
        super().__init__(message)
        self.folder = folder
        self.free = free


def _nearest_existing(path: Path) -> Path:
    path = Path(path).absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def free_bytes(folder: str | os.PathLike) -> int | None:
    """Bytes free for this user in ``folder`` (or its nearest existing parent), ``None`` if unknown."""
    try:
        return shutil.disk_usage(_nearest_existing(Path(folder))).free
    except OSError:
        return None


def format_bytes(n: int | None) -> str:
    """``1.2 GB`` (a :func:`msg`: the window shows ``1,2 Go`` in French, its decimal in the locale's format)."""
    if n is None:
        return msg("unknown")
    if n >= 1e9:
        return msg("{amount:.1f} GB", amount=n / 1e9)
    if n >= 1e6:
        return msg("{amount:.1f} MB", amount=n / 1e6)
    if n >= 1e3:
        return msg("{amount:.1f} kB", amount=n / 1e3)
    return msg("{count} bytes", count=n)


def storage_error(kind: str, folder: str | os.PathLike, what: str = "") -> StorageError:
    """The error for a write into ``folder`` refused by the disk.

    ``what`` says what could not be done ("save", or a :func:`msg` to have it translated too).
    ``kind``: ``full`` (ENOSPC), ``quota`` (EDQUOT), ``readonly`` (EROFS) or ``write`` (a write
    the disk refused without saying why, as SQLite reports EDQUOT).
    """
    folder = Path(folder).absolute()
    free = free_bytes(folder)
    if kind == "readonly":
        text = msg("the folder {folder} is read-only; nothing was written", folder=folder)
    else:
        cause = {"quota": msg("your disk quota is used up"),
                 "write": msg("the disk refused the write (full, over quota or failing)")}.get(kind) \
            or msg("the disk is full")
        text = msg("{cause} in {folder} ({free} free); nothing was half-written: free some space and do it again",
                   cause=cause, folder=folder, free=format_bytes(free))
    if what:
        text = msg("cannot {what}: {problem}", what=what, problem=text)
    return StorageError(text, folder, free)


def storage_error_of(exc: BaseException, folder: str | os.PathLike, what: str = "") -> StorageError | None:
    """The :class:`StorageError` an ``OSError`` or an SQLite error stands for, or ``None``."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, OSError) and exc.errno in STORAGE_ERRNOS:
        kind = {_errno.ENOSPC: "full", _errno.EROFS: "readonly"}.get(exc.errno, "quota")
        return storage_error(kind, folder, what)
    orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the driver's error
    name = getattr(orig, "sqlite_errorname", None)
    if name is None and isinstance(orig, sqlite3.Error):
        name = "SQLITE_FULL" if "database or disk is full" in str(orig) else None
    if name == "SQLITE_FULL":  # what SQLite says for ENOSPC while writing
        return storage_error("full", folder, what)
    if name in _SQLITE_WRITE_ERRORS:
        # a failed write (EDQUOT, or growing the WAL index on a full disk): full if the disk is nearly so
        free = free_bytes(folder)
        return storage_error("full" if free is not None and free < _NEARLY_FULL else "write", folder, what)
    if name is not None and name.startswith("SQLITE_READONLY") and name != "SQLITE_READONLY_ROLLBACK":
        return storage_error("readonly", folder, what)
    return None


@contextmanager
def storage_errors(folder: str | os.PathLike, what: str = "") -> Iterator[None]:
    """Turn a full disk, a used-up quota or a read-only folder met inside into a :class:`StorageError`."""
    try:
        yield
    except Exception as exc:
        err = storage_error_of(exc, folder, what)
        if err is None or err is exc:
            raise
        raise err from exc
