"""The manifest, ``pack.toml``: its fields, read and checked."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from annotator.core.packs.layout import DEFAULT_LIMITS, FORMAT, MANIFEST, Limits
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


_PACK_FIELDS = {"id", "version", "title", "kind", "lab", "contact", "language"}
_PAY_FIELDS = {"currency", "per_item", "estimated_seconds_per_item", "instructions_paid",
               "training_paid", "rejection_policy"}
_TOP_FIELDS = {"format", "pack", "pay", "content", "task"}


def check_manifest(raw: Mapping[str, Any], problems: Problems, installed: list[str]) -> bool:
    """Check the manifest's structure; return whether ``Manifest.from_raw`` is safe."""
    f = MANIFEST

    def bad(msg: str) -> None:
        problems.add(f, None, msg)

    ok = True
    for key in raw:
        if key not in _TOP_FIELDS:
            bad(f"unknown key {key!r} (expected {', '.join(sorted(_TOP_FIELDS))})")
    fmt = raw.get("format")
    if fmt is None:
        bad("missing 'format' (this tool reads format = 1)")
        ok = False
    elif isinstance(fmt, bool) or fmt != FORMAT:
        bad(f"format {fmt!r} is not supported (this tool reads format = 1)")
        ok = False

    pack = raw.get("pack")
    if not isinstance(pack, dict):
        bad("missing [pack] table")
        return False
    for key in pack:
        if key not in _PACK_FIELDS:
            bad(f"[pack] unknown key {key!r}")
    for key in ("id", "version", "title", "kind", "lab"):
        value = pack.get(key)
        if value is None:
            bad(f"[pack] missing '{key}'")
            ok = False
        elif not isinstance(value, str) or not value.strip():
            bad(f"[pack] '{key}' must be a non-empty string, not {type_name(value)}")
            ok = False
    for key in ("contact", "language"):
        if key in pack and not isinstance(pack[key], str):
            bad(f"[pack] '{key}' must be a string, not {type_name(pack[key])}")
            ok = False
    if ok:
        if not PACK_ID_RE.match(pack["id"]) or len(pack["id"]) > 100:
            bad(f"[pack] id {pack['id']!r} must match [a-z0-9._-]+ (at most 100 characters)")
            ok = False
        if not VERSION_RE.match(pack["version"]) or len(pack["version"]) > 50:
            bad(f"[pack] version {pack['version']!r} must match [A-Za-z0-9._+-]+")
            ok = False
        if len(pack["title"]) > 200:
            bad("[pack] title is longer than 200 characters")
        if pack["kind"] not in installed:
            bad(f"[pack] unknown kind {pack['kind']!r}; installed plugins: {', '.join(installed) or 'none'}")
            ok = False
        if "language" in pack and not LANGUAGE_RE.match(pack["language"]):
            bad(f"[pack] language {pack['language']!r} is not a language tag such as 'en' or 'fr-CA'")

    pay = raw.get("pay", {})
    if not isinstance(pay, dict):
        bad("[pay] must be a table")
        ok = False
    else:
        for key in pay:
            if key not in _PAY_FIELDS:
                bad(f"[pay] unknown key {key!r}")
        for key in ("per_item", "estimated_seconds_per_item"):
            value = pay.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                bad(f"[pay] '{key}' must be a number, not {type_name(value)}")
                ok = False
            elif value != value or value < 0 or value == float("inf"):
                bad(f"[pay] '{key}' must be a finite number >= 0")
                ok = False
            elif key == "estimated_seconds_per_item" and value == 0:
                bad("[pay] 'estimated_seconds_per_item' must be more than 0")
                ok = False
        currency = pay.get("currency")
        if currency is not None and (not isinstance(currency, str) or not CURRENCY_RE.match(currency)):
            bad(f"[pay] currency {currency!r} must be a three-letter ISO 4217 code such as 'EUR'")
            ok = False
        if "per_item" in pay and currency is None:
            bad("[pay] 'per_item' needs a 'currency'")
        for key in ("instructions_paid", "training_paid"):
            if key in pay and not isinstance(pay[key], bool):
                bad(f"[pay] '{key}' must be true or false, not {type_name(pay[key])}")
                ok = False
        if "rejection_policy" in pay and not isinstance(pay["rejection_policy"], str):
            bad("[pay] 'rejection_policy' must be a string")
            ok = False

    content = raw.get("content", {})
    if not isinstance(content, dict):
        bad("[content] must be a table")
        ok = False
    else:
        for key in content:
            if key != "warnings":
                bad(f"[content] unknown key {key!r}")
        warnings = content.get("warnings", [])
        if not isinstance(warnings, list) or not all(isinstance(w, str) and w.strip() for w in warnings):
            bad("[content] 'warnings' must be a list of non-empty strings")
            ok = False

    task = raw.get("task", {})
    if not isinstance(task, dict):
        bad("[task] must be a table")
        ok = False
    return ok


def parse_manifest(data: bytes, problems: Problems, installed: list[str],
                   limits: Limits = DEFAULT_LIMITS) -> Manifest | None:
    if len(data) > limits.manifest_bytes:
        problems.add(MANIFEST, None, f"is {len(data)} bytes; the limit is {limits.manifest_bytes}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(MANIFEST, line_of(data, exc.start), "is not valid UTF-8")
        return None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        problems.add(MANIFEST, line, f"is not valid TOML: {message}")
        return None
    except RecursionError:
        problems.add(MANIFEST, None, "is nested too deeply")
        return None
    if not check_manifest(raw, problems, installed):
        return None
    return Manifest.from_raw(raw)


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

