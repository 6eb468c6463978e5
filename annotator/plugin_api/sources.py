"""Reading what labs already have for ``annotator pack new``: every problem as ``FILE:LINE: message``.

Qt-free helpers for a plugin's importers:

* :class:`SourceProblems` collects problems and is raised as :class:`SourceError`; the core
  prints each as ``FILE:LINE: message`` (exit 2) and writes nothing;
* :func:`json_elements` walks a JSON document's top-level array (or the array under a key of
  its top-level object) element by element with the line each starts on, so that a problem in
  a 10,000-task Label Studio export names its line;
* :func:`read_text` reads a UTF-8 text file with a size limit.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, unquote, urlparse

#: the largest source file read whole (JSON exports, CSV, subtitles)
MAX_SOURCE_BYTES = 512 * 1024 * 1024


class SourceError(ValueError):
    """Source material ``pack new`` cannot use; ``problems`` are ``(file, line or None, message)``."""

    def __init__(self, problems: list[tuple[str, int | None, str]]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else ("source", None, "unusable")
        super().__init__(f"{first[0]}{'' if first[1] is None else f':{first[1]}'}: {first[2]}")


@dataclass
class SourceProblems:
    """Problems found in source files, collected so that all of them are said at once."""

    found: list[tuple[str, int | None, str]] = field(default_factory=list)
    limit: int = 1000

    def add(self, file: Path | str, line: int | None, message: str) -> None:
        if len(self.found) < self.limit:
            self.found.append((Path(file).name if isinstance(file, Path) else str(file), line, message))

    def __bool__(self) -> bool:
        return bool(self.found)

    def raise_if_any(self) -> None:
        if self.found:
            raise SourceError(self.found)


def read_text(path: Path, problems: SourceProblems) -> str | None:
    """A UTF-8 text file (a leading BOM dropped), or ``None`` with the problem said."""
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            problems.add(path, None, f"larger than {MAX_SOURCE_BYTES // 2**20} MiB")
            return None
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()
        problems.add(path, raw.count(b"\n", 0, exc.start) + 1, "not UTF-8 text")
    except OSError as exc:
        problems.add(path, None, f"cannot be read: {exc.strerror or exc}")
    return None


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def json_elements(path: Path, text: str, problems: SourceProblems, key: str | None = None
                  ) -> Iterator[tuple[int, Any]]:
    """``(line, element)`` of the top-level array, or of the array at ``key`` in the top-level object.

    A document that is not such an array is one problem; an element that does not parse stops the
    walk with its line (JSON cannot be read past a syntax error).
    """
    decoder = json.JSONDecoder()
    i = _skip(text, 0)
    try:
        if key is not None:
            if text[i:i + 1] != "{":
                problems.add(path, _line(text, i), f"expected a JSON object with {key!r}")
                return
            i = _skip(text, i + 1)
            while True:
                if text[i:i + 1] == "}":
                    problems.add(path, _line(text, i), f"no {key!r} in the JSON object")
                    return
                name, i = decoder.raw_decode(text, i)
                i = _skip(text, i)
                if text[i:i + 1] != ":":
                    raise json.JSONDecodeError("expected ':'", text, i)
                i = _skip(text, i + 1)
                if name == key:
                    break
                _, i = decoder.raw_decode(text, i)
                i = _skip(text, i)
                if text[i:i + 1] == ",":
                    i = _skip(text, i + 1)
        if text[i:i + 1] != "[":
            problems.add(path, _line(text, i), "expected a JSON list" + (f" at {key!r}" if key else ""))
            return
        i = _skip(text, i + 1)
        if text[i:i + 1] == "]":
            return
        while True:
            start = i
            value, i = decoder.raw_decode(text, i)
            yield _line(text, start), value
            i = _skip(text, i)
            if text[i:i + 1] == ",":
                i = _skip(text, i + 1)
                continue
            if text[i:i + 1] == "]":
                return
            raise json.JSONDecodeError("expected ',' or ']'", text, i)
    except json.JSONDecodeError as exc:
        problems.add(path, exc.lineno, f"not valid JSON ({exc.msg})")


def json_document(path: Path, text: str, problems: SourceProblems) -> Any:
    """A whole JSON document, or ``None`` with the problem (and its line) said."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(path, exc.lineno, f"not valid JSON ({exc.msg})")
        return None


def label_studio_tasks(path: Path, problems: SourceProblems) -> Iterator[tuple[int, dict, dict]]:
    """``(line, task, task["data"])`` of each task of a Label Studio JSON tasks export."""
    text = read_text(path, problems)
    if text is None:
        return
    for n, task in json_elements(path, text, problems):
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict):
            problems.add(path, n, "a Label Studio task must be an object with 'data'")
            continue
        yield n, task, data


def label_studio_media(path: Path, problems: SourceProblems, keys: tuple[str, ...], what: str,
                       media_dir: Path | None = None) -> Iterator[tuple[int, dict, dict, Path]]:
    """``(line, task, data, file)`` of each task whose media (the first of ``keys`` in its ``data``) is a
    local file (:func:`local_media`); a task whose media is not is a problem naming ``what`` ("image")."""
    for n, task, data in label_studio_tasks(path, problems):
        value = next((data[k] for k in keys if k in data), None)
        found = local_media(value, path, media_dir)
        if found is None:
            problems.add(path, n, f"the {what} {str(value)[:80]!r} is not a file beside the export (Label Studio "
                                  f"URLs are never fetched: copy the files next to {path.name})")
            continue
        yield n, task, data, found


@functools.lru_cache(maxsize=8)
def _names_below(root: str) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for path in Path(root).rglob("*"):
        if path.is_file():
            names.setdefault(path.name, []).append(str(path))
    return names


def local_media(value: Any, export: Path, media_dir: Path | None) -> Path | None:
    """The local file a Label Studio ``data`` URL names: a path (relative to the export's folder or
    ``media_dir``, or absolute inside them), a ``/data/local-files/?d=...`` URL, or an upload whose
    file name is found there. Never fetched from the network; never a file outside those folders."""
    if not isinstance(value, str) or not value:
        return None
    url = urlparse(value)
    candidates = []
    if url.path.startswith("/data/local-files"):
        d = parse_qs(url.query).get("d", [""])[0]
        if d:
            candidates.append(Path(unquote(d)))
    if url.scheme in ("", "file"):
        candidates.append(Path(unquote(url.path)))
    name = Path(unquote(url.path)).name
    roots = [r for r in (media_dir, export.parent) if r is not None]
    found = []
    for candidate in candidates:
        if candidate.is_absolute():
            found.append(candidate)
        else:
            found += [root / candidate for root in roots]
    found += [root / name for root in roots if name]
    # an upload's stored name is "<8 hex>-<original name>": the original name is looked for too
    if re.fullmatch(r"[0-9a-f]{8}-.+", name):
        found += [root / name[9:] for root in roots]
    # then a file of that name anywhere below (only when one file has it)
    for root in roots:
        for wanted in {name, name[9:] if re.fullmatch(r"[0-9a-f]{8}-.+", name) else name}:
            below = _names_below(str(root.resolve())).get(wanted, [])
            if len(below) == 1:
                found.append(Path(below[0]))
    # only files in the export's folder (or media_dir), or below: an export never reaches elsewhere
    allowed = [r.resolve() for r in roots]
    for path in found:
        resolved = path.resolve()
        if resolved.is_file() and any(resolved.is_relative_to(r) for r in allowed):
            return resolved
    return None


__all__ = ["SourceError", "SourceProblems", "read_text", "json_elements", "json_document", "local_media",
           "label_studio_tasks", "MAX_SOURCE_BYTES"]
