"""How far a long operation has got, told to whoever shows it (Qt-free).

A long operation (import, validation, replay, merge, export, report) takes a
``progress`` argument, a callable ``progress(done, total, what)``:

- ``done``: units of work finished so far (items, signals, bundles...);
- ``total``: how many there are, or ``None`` when not known in advance;
- ``what``: what is being counted, in a few words ("checking items"); a new
  ``what`` starts a new stage.

The default, :func:`silent`, tells no one, so an operation called without one
behaves as before. The command line passes a bar on stderr
(``annotator.cli.progressbar``); a window could pass a progress dialog. An
operation may call it for every unit: the receiver decides how often to draw.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    def __call__(self, done: int, total: int | None = None, what: str = "") -> None: ...


def silent(done: int, total: int | None = None, what: str = "") -> None:
    """The progress of nobody watching."""


def counted(items: Iterable[T], progress: Progress = silent, what: str = "",
            total: int | None = None) -> Iterator[T]:
    """Yield ``items`` unchanged, telling ``progress`` after each one (the total from ``len()`` if it has one)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if progress is silent:
        yield from items
        return
    done = 0
    progress(0, total, what)
    for item in items:
        yield item
        done += 1
        progress(done, total, what)
