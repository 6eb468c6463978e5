"""Progress bars on stderr for the long commands (``annotator.core.progress`` drawn with tqdm).

A bar is drawn only when stderr is a terminal and ``--quiet`` is not given:
piped or redirected output stays exactly what the command prints.
"""
from __future__ import annotations

import os
import sys

from annotator.core.progress import Progress, silent


class TerminalProgress:
    """A :class:`~annotator.core.progress.Progress` drawn as one tqdm bar per stage."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.bar = None
        self.what: str | None = None

    def __call__(self, done: int, total: int | None = None, what: str = "") -> None:
        if self.bar is None or what != self.what or total != self.bar.total:
            if what != self.what:
                self.close()
            if self.bar is None:
                from tqdm import tqdm

                self.what = what
                unit = " " + what.split()[-1] if what else ""  # "checking items" counts items
                self.bar = tqdm(total=total, desc=what or None, file=self.stream, unit=unit, leave=False,
                                dynamic_ncols=True, mininterval=0.2, bar_format=_FORMAT if total else _COUNT)
            else:
                self.bar.total = total
        step = done - self.bar.n
        if step:
            self.bar.update(step)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            self.what = None


_FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}]"
_COUNT = "{desc}: {n_fmt} [{elapsed}, {rate_fmt}]"


#: the stages of ``annotator.core.packs``' ``progress(stage, done, total)`` (import and validation), in words
STAGES = {"extract": "extracting files", "copy": "copying files", "check": "checking items",
          "hash": "hashing files", "record": "storing items"}


def staged(progress: Progress):
    """The packs' ``progress(stage, done, total)`` drawn by ``progress`` (``None``, their silence, if silent)."""
    if progress is silent:
        return None
    return lambda stage, done, total: progress(done, total, STAGES.get(stage, stage))


def wants_bars(quiet: bool, stream=None) -> bool:
    stream = stream or sys.stderr
    if quiet or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def progress_for(quiet: bool) -> Progress:
    """A bar on stderr when it is a terminal (and not ``--quiet``), else :func:`silent`."""
    return TerminalProgress() if wants_bars(quiet) else silent
