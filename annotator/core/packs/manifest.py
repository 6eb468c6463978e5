"""The manifest, ``pack.toml``: its fields, read and checked."""
from __future__ import annotations

import functools
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from annotator.core.errors import msg
from annotator.core.packs.layout import DEFAULT_LIMITS, MANIFEST, Limits, nesting_depth
from annotator.core.packs.problems import Problems, line_of, type_name
from annotator.plugin_api import PackInfo

PACK_ID_RE = re.compile(r"^[a-z0-9._-]+$")
VERSION_RE = re.compile(r"^[A-Za-z0-9._+-]+$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

@dataclass(frozen=True)
class PayTerms:
    """A pack's ``[pay]`` table read as numbers (the manifest, a results bundle, a report)."""

    raw: Mapping[str, Any]

    @property
    def currency(self) -> str | None:
        return self.raw.get("currency")

    @property
    def per_item(self) -> float | None:
        value = self.raw.get("per_item")
        return None if value is None else float(value)

    @property
    def estimated_seconds(self) -> float | None:
        value = self.raw.get("estimated_seconds_per_item")
        return None if value is None else float(value)

    @property
    def implied_hourly_rate(self) -> float | None:
        """Pay per hour if an item takes the lab's estimate (``None`` if unknown)."""
        if self.per_item is None or not self.estimated_seconds:
            return None
        return self.per_item * 3600.0 / self.estimated_seconds


@dataclass(frozen=True)
class Manifest:
    """The fields of ``pack.toml`` (validated)."""

    id: str
    version: str
    title: str
    kind: str
    lab: str
    contact: str = ""
    language: str = "en"
    pay: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    task: Mapping[str, Any] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict)

    @property
    def terms(self) -> PayTerms:
        return PayTerms(self.pay)

    @property
    def currency(self) -> str | None:
        return self.terms.currency

    @property
    def per_item(self) -> float | None:
        return self.terms.per_item

    @property
    def estimated_seconds(self) -> float | None:
        return self.terms.estimated_seconds

    @property
    def implied_hourly_rate(self) -> float | None:
        """Pay per hour if an item takes the lab's estimate (``None`` if unknown)."""
        return self.terms.implied_hourly_rate

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> "Manifest":
        pack = raw["pack"]
        return cls(
            id=pack["id"],
            version=str(pack["version"]),
            title=pack["title"],
            kind=pack["kind"],
            lab=pack["lab"],
            contact=pack.get("contact", ""),
            language=pack.get("language", "en"),
            pay=dict(raw.get("pay", {})),
            warnings=tuple(raw.get("content", {}).get("warnings", ())),
            task=dict(raw.get("task", {})),
            raw=raw,
        )


_VERSION_PART = re.compile(r"\d+|[A-Za-z]+")


def version_key(version: str) -> tuple:
    """The order of a pack's versions, for commands that name a pack by its id alone.

    Numeric parts compare as numbers (``1.10.0`` after ``1.9.2``; ``1.0`` equals ``1.0.0``);
    a pre-release after ``-`` comes before its release (``2.0.0-rc1`` before ``2.0.0``);
    build metadata after ``+`` is ignored; letters compare case-insensitively.
    """
    core, _, _build = version.partition("+")
    release, dash, pre = core.partition("-")

    def parts(text: str) -> tuple:
        return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in _VERSION_PART.findall(text))

    main = parts(release)
    while main and main[-1] == (0, 0, ""):
        main = main[:-1]
    return main, 0 if dash else 1, parts(pre)


#: The manifest's single source of truth (docs/adr/0621-manifest-schema-is-the-source.md).
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "resources" / "schemas" / "pack.schema.json"

#: Placeholders that ``pack new`` writes for the lab to replace: field -> placeholder.
PLACEHOLDERS = {("pack", "lab"): "(lab name)"}

_EXPECTED = {"string": msg("a string"), "number": msg("a number"), "integer": msg("an integer"),
             "boolean": msg("true or false"), "object": msg("a table"), "array": msg("a list")}
#: failures after which the manifest is still read (so that items are checked by the plugin too)
_NOT_FATAL = {"additionalProperties", "dependentRequired"}


@functools.cache
def schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def _where(path: tuple) -> str:
    """``[pay] `` for a value inside the pay table; nothing at the top level."""
    return f"[{path[0]}] " if len(path) > 1 and isinstance(path[0], str) else ""


def _message(error) -> tuple[tuple, str]:
    """One jsonschema error as (path of the value, the project's wording)."""
    path = tuple(error.absolute_path)
    value = error.instance
    sub = error.schema if isinstance(error.schema, dict) else {}
    keyword = error.validator
    if keyword == "required":
        missing = [name for name in error.validator_value if name not in value]
        name = missing[0] if missing else "?"
        if not path and name == "format":
            return path, msg("missing 'format' (this tool reads format = 1)")
        if not path:
            return path, msg("missing [{name}] table", name=name)
        return path, msg("[{table}] missing '{name}'", table=path[0], name=name)
    if keyword == "additionalProperties":
        allowed = set(sub.get("properties", {}))
        extra = sorted(str(k) for k in value if k not in allowed)
        name = extra[0] if extra else "?"
        if not path:
            return path + (name,), msg("unknown key {name!r} (expected {keys})", name=name,
                                       keys=", ".join(sorted(allowed)))
        return path + (name,), msg("[{table}] unknown key {name!r}", table=path[0], name=name)
    if keyword == "dependentRequired":
        needs = next((k for k, v in error.validator_value.items() if k in value and
                      any(r not in value for r in v)), "?")
        wanted = [r for r in error.validator_value.get(needs, []) if r not in value]
        return path + (needs,), msg("[{table}] {key!r} needs a {needed!r}", table=path[0], key=needs,
                                       needed=wanted[0]) if wanted else error.message
    if keyword == "type":
        expected = _EXPECTED.get(error.validator_value, str(error.validator_value))
        if len(path) == 1 and error.validator_value == "object":
            return path, msg("[{table}] must be a table", table=path[0])
        name = path[-1] if isinstance(path[-1], str) else f"{path[-2]}[{path[-1]}]"
        return path, msg("{where}{name!r} must be {expected}, not {type}", where=_where(path), name=name, expected=expected,
                         type=type_name(value))
    template = sub.get("x-message")
    if template:
        return path, _where(path) + template.replace("{value}", repr(value))
    return path, f"{_where(path)}{error.message}"  # a keyword without a worded message: jsonschema's own


def check_manifest(raw: Mapping[str, Any], problems: Problems, installed: list[str], text: str | None = None,
                   limits: Limits = DEFAULT_LIMITS) -> bool:
    """Check the manifest against its JSON Schema and what a schema cannot say (the kind installed here,
    finite numbers, nesting depth); return whether ``Manifest.from_raw`` is safe.

    With the manifest's ``text``, every problem carries the line of the value (or table) it is about.
    """
    locate = _Locator(text)

    def bad(path: tuple, message: str) -> None:
        problems.add(MANIFEST, locate(path), message)

    depth = nesting_depth(raw, limits.manifest_depth)
    if depth > limits.manifest_depth:
        bad((), msg("nests tables more than {depth} levels deep; the limit is {depth}", depth=limits.manifest_depth))
        return False
    ok = True
    for error in sorted(_validator().iter_errors(raw), key=lambda e: [str(p) for p in e.absolute_path]):
        path, message = _message(error)
        bad(path, message)
        if error.validator not in _NOT_FATAL and not (path == ("pack", "title") or path == ("pack", "language")):
            ok = False
    pack = raw.get("pack")
    kind = pack.get("kind") if isinstance(pack, dict) else None
    if isinstance(kind, str) and kind.strip() and kind not in installed:
        bad(("pack", "kind"), msg("[pack] unknown kind {kind!r}; installed plugins: {plugins}", kind=kind,
                                 plugins=", ".join(installed) or msg("none")))
        ok = False
    pay = raw.get("pay")
    if isinstance(pay, dict):
        for key in ("per_item", "estimated_seconds_per_item"):
            value = pay.get(key)
            if isinstance(value, float) and not math.isfinite(value):
                bad(("pay", key), msg("[pay] {key!r} must be a finite number", key=key))
                ok = False
    return ok


def placeholder_warnings(raw: Mapping[str, Any], text: str | None = None) -> list[tuple[int | None, str]]:
    """``(line, message)`` for every placeholder ``pack new`` wrote that is still there."""
    locate = _Locator(text)
    found = []
    for (table, key), placeholder in PLACEHOLDERS.items():
        section = raw.get(table)
        if isinstance(section, dict) and section.get(key) == placeholder:
            found.append((locate((table, key)), f"[{table}] {key} is still the placeholder {placeholder!r} "
                                                 f"that 'pack new' writes"))
    return found


_BARE_OR_QUOTED = re.compile(r"""[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'""")
_HEADER = re.compile(r"""^\s*\[\[?\s*([^\]\[]+?)\s*\]\]?\s*(?:#.*)?$""")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _key_parts(text: str) -> tuple[str, ...]:
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in _BARE_OR_QUOTED.findall(text))


class _Locator:
    """Finds the line of a key or table in TOML text (tomllib keeps no positions).

    A light scan of table headers and ``key =`` lines, skipping multi-line strings; for a
    value inside an array or an inline table, the line of the nearest key that holds it.
    """

    def __init__(self, text: str | None):
        self.text = text
        self.lines: dict[tuple[str, ...], int] | None = None

    def _scan(self) -> dict[tuple[str, ...], int]:
        found: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        in_string = None
        for number, line in enumerate((self.text or "").splitlines(), 1):
            if in_string:
                if line.count(in_string) % 2:
                    in_string = None
                continue
            header = _HEADER.match(line)
            if header:
                table = _key_parts(header.group(1))
                found.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                found.setdefault(table + _key_parts(key.group(1)), number)
                rest = line[key.end():]
                for quote in ('"""', "\'\'\'"):
                    if rest.count(quote) % 2:
                        in_string = quote
        return found

    def __call__(self, path: tuple) -> int | None:
        if not self.text:
            return None
        if self.lines is None:
            self.lines = self._scan()
        keys = tuple(p for p in path if isinstance(p, str))
        for end in range(len(keys), 0, -1):
            if keys[:end] in self.lines:
                return self.lines[keys[:end]]
        return None


def parse_manifest(data: bytes, problems: Problems, installed: list[str],
                   limits: Limits = DEFAULT_LIMITS) -> Manifest | None:
    if len(data) > limits.manifest_bytes:
        problems.add(MANIFEST, None, msg("is {size} bytes; the limit is {limit}", size=len(data),
                                         limit=limits.manifest_bytes))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(MANIFEST, line_of(data, exc.start), msg("is not valid UTF-8"))
        return None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "at end of document" in str(exc):
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(exc))
        problems.add(MANIFEST, line, msg("is not valid TOML: {detail}", detail=message))  # tomllib's detail as is
        return None
    except RecursionError:
        problems.add(MANIFEST, None, msg("is nested too deeply"))
        return None
    if not check_manifest(raw, problems, installed, text, limits):
        return None
    return Manifest.from_raw(raw)


def task_line(data: bytes | str | None) -> int | None:
    """The line of the ``[task]`` table in a manifest's text (for the plugin's messages)."""
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    return _Locator(data)(("task",))


def pack_info(manifest: Manifest, root: Path, content_hash_: str, instructions_hash_: str) -> PackInfo:
    return PackInfo(
        id=manifest.id,
        version=manifest.version,
        title=manifest.title,
        kind=manifest.kind,
        language=manifest.language,
        content_hash=content_hash_,
        instructions_hash=instructions_hash_,
        task=manifest.task,
        root=Path(root),
    )

