"""Results bundles: what a worker sends a lab, signed with the worker's installation key.

A bundle is a zip with three files (see ``docs/lab.md``):

* ``bundle.json`` — the pack's identity and terms, the tool, the worker's pseudonym,
  what is shared, and the SHA-256 of the other files;
* ``results.jsonl`` — one line per item: id, state, reason, instructions hash, annotation;
* ``timing.json`` — the timing the worker agreed to share;
* ``bundle.sig`` — the Ed25519 signature of ``bundle.json``'s exact bytes, and the public key.

Signing ``bundle.json`` covers everything: it holds the other files' hashes.
"""
from __future__ import annotations

import gc
import hashlib
import io
import json
import math
import re
import unicodedata
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping

from annotator import __version__
from annotator.core.errors import UserError, msg
from annotator.plugin_api import write_bytes_atomic

FORMAT = "annotator-results-bundle/1"
MANIFEST = "bundle.json"
RESULTS = "results.jsonl"
TIMING = "timing.json"
SIGNATURE = "bundle.sig"
MEMBERS = {MANIFEST, RESULTS, TIMING, SIGNATURE}
#: the most a bundle may inflate to (results of 1,000,000 items fit)
MAX_BYTES = 4 * 1024**3
MAX_RATIO = 200.0
#: a pseudonym: 1 to 64 letters, digits, spaces or . @ + - _, starting with a letter or digit (so that
#: it is never a formula in a spreadsheet nor a hidden or relative file name); matched whole
PSEUDONYM_RE = re.compile(r"[^\W_][\w .@+-]{0,63}", re.UNICODE)
#: what a worker may share: the defaults, and wall-clock intervals (opt in only)
SHARE_DEFAULT = ("work_seconds_per_item", "category_totals")
SHARE_CHOICES = SHARE_DEFAULT + ("intervals",)


class BundleError(UserError):
    """A bundle was refused; the message names the bundle and why."""


def sha256_hex(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def pseudonym_problem(text: Any) -> str | None:
    """What is wrong with a pseudonym as a worker or a bundle gives it, or ``None``.

    The rule every pseudonym meets, on the worker's machine and again at the lab's merge: it
    becomes a folder or file name in exports and a cell in spreadsheets, so no path
    separator, no ``..``, no control or bidirectional character, no markup, no formula.
    """
    if not isinstance(text, str):
        return msg("must be a text")
    if not PSEUDONYM_RE.fullmatch(text):
        return msg("must be 1 to 64 letters, digits, spaces or . @ + - _, starting with a letter or a digit "
                   "(choose a name that is not an account id)")
    if ".." in text or text != text.strip():
        return msg("must not hold '..' nor start or end with a space")
    return None


def check_pseudonym(text: str) -> str:
    text = unicodedata.normalize("NFC", (text or "").strip())
    problem = pseudonym_problem(text)
    if problem:
        raise UserError(msg("the pseudonym {problem}", problem=problem))
    return text


def file_key(pseudonym: str) -> str:
    """The form two pseudonyms must not share in one pack version: what they become in file names.

    Exports name files and folders after the worker (YOLO's label folders, one WebVTT file per
    worker); letters and digits are kept, any other character becomes ``_``, and file systems may
    ignore case or Unicode normalisation, so "Ann Lee", "Ann_Lee" and "ann@lee" are one name.
    """
    text = unicodedata.normalize("NFKC", pseudonym)
    return "".join(c if c.isalnum() or c in "-." else "_" for c in text).casefold()


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


@dataclass
class Bundle:
    """A bundle read back and verified."""

    path: Path
    manifest: dict[str, Any]
    manifest_bytes: bytes
    public_key: str
    signature: str
    results_bytes: bytes
    timing: dict[str, Any] = field(default_factory=dict)
    #: each result line as the worker signed it, with its parsed value, in pack order
    lines: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: when read for merging against a pack: ``(item id, position in the pack, state, line, work seconds)``
    #: per result, what the lab's database stores, in place of ``lines`` (it travels back cheaply)
    rows: list[tuple[str, int, str, str, float | None]] | None = None

    @property
    def bundle_hash(self) -> str:
        return sha256_hex(self.manifest_bytes)

    @property
    def pack(self) -> dict[str, Any]:
        return self.manifest["pack"]

    @property
    def pseudonym(self) -> str:
        return self.manifest["worker"]["pseudonym"]

    @property
    def pack_key(self) -> tuple[str, str, str]:
        return self.pack["id"], self.pack["version"], self.pack["content_hash"]

    def results(self) -> Iterator[dict[str, Any]]:
        for _, record in self.lines:
            yield record


# --------------------------------------------------------------------------- writing


def build(*, pack: Mapping[str, Any], records: list[dict[str, Any]], timing: Mapping[str, Any],
          pseudonym: str, shared: list[str], key) -> dict[str, bytes]:
    """The files of a bundle (name -> bytes), signed with ``key`` (an installation key)."""
    results = b"".join(json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
                       + b"\n" for r in records)
    timing_bytes = canonical_json(dict(timing))
    counts: dict[str, int] = {}
    for record in records:
        counts[record["state"]] = counts.get(record["state"], 0) + 1
    manifest = {
        "format": FORMAT,
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "tool": {"name": "annotator", "version": __version__},
        "pack": dict(pack),
        "worker": {"pseudonym": check_pseudonym(pseudonym)},
        "items": {"count": len(records), "states": dict(sorted(counts.items()))},
        "shared": list(shared),
        "files": {RESULTS: sha256_hex(results), TIMING: sha256_hex(timing_bytes)},
    }
    manifest_bytes = canonical_json(manifest)
    signature = {"algorithm": "Ed25519", "public_key": key.public_b64, "fingerprint": key.fingerprint,
                 "signature": key.sign(manifest_bytes)}
    return {MANIFEST: manifest_bytes, RESULTS: results, TIMING: timing_bytes,
            SIGNATURE: canonical_json(signature)}


def write(files: Mapping[str, bytes], out: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in (MANIFEST, RESULTS, TIMING, SIGNATURE):
            zf.writestr(name, files[name])
    write_bytes_atomic(Path(out), buffer.getvalue())


# --------------------------------------------------------------------------- reading


def _read_members(path: Path) -> dict[str, bytes]:
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BundleError(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BundleError(f"{name}: not a results bundle (not a readable zip: {exc})") from None
    with zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if len(infos) != len(names):
            raise BundleError(f"{name}: refused: an entry appears twice (tampered)")
        unknown = names - MEMBERS
        if unknown:
            raise BundleError(f"{name}: refused: unexpected entry {sorted(unknown)[0]!r} (tampered or not a bundle)")
        missing = MEMBERS - names
        if missing:
            raise BundleError(f"{name}: not a complete results bundle ({sorted(missing)[0]} is missing)")
        total = 0
        out = {}
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise BundleError(f"{name}: refused: {info.filename} inflates {info.file_size} bytes (zip bomb)")
            total += info.file_size
            if total > MAX_BYTES:
                raise BundleError(f"{name}: refused: more than {MAX_BYTES} bytes")
            try:
                with zf.open(info) as fh:
                    data = fh.read(info.file_size + 1)
            except Exception as exc:  # corrupt data, bad CRC
                raise BundleError(f"{name}: refused: {info.filename} cannot be read ({exc})") from None
            if len(data) > info.file_size:
                raise BundleError(f"{name}: refused: {info.filename} is larger than it says")
            out[info.filename] = data
    return out


def _not_json(token: str) -> float:
    raise ValueError(f"{token} is not a JSON number")


def _finite(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise ValueError(f"{token[:40]} is too large a number")
    return value


def _json(name: str, member: str, data: bytes) -> Any:
    """Strict JSON: no NaN, no Infinity, no number that overflows to infinity."""
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_not_json, parse_float=_finite)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BundleError(f"{name}: refused: {member} is not valid JSON ({exc})") from None


@contextmanager
def collector_paused():
    """Pause Python's cycle collector while a bundle's 10,000 results are parsed, checked or stored.

    Each parsed result is a handful of new containers that all stay alive, so the collector
    would run again and again over an ever larger heap (four times the parsing itself);
    reference counting still frees everything, and the collector's state is restored after.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read(path: str | Path, light: bool = False, against=None) -> Bundle:
    """Read a bundle and verify it completely; raise :class:`BundleError` saying why not.

    With ``against`` (a :class:`annotator.core.lab.checks.PackCheck`), what it holds is also checked
    against the pack and its plugin (:mod:`annotator.core.lab.checks`) before it is returned.
    ``light`` keeps only each record's ``id``, ``state`` and ``training`` beside its line, or with
    ``against`` only the rows the lab's database stores (:attr:`Bundle.rows`): what merging needs,
    so that a bundle read in another process travels back cheaply.
    """
    with collector_paused():
        return _read(path, light, against)


def _read(path: str | Path, light: bool = False, against=None) -> Bundle:
    import orjson

    from annotator.core.keys import verify

    path = Path(path)
    name = path.name
    files = _read_members(path)
    signature = _json(name, SIGNATURE, files[SIGNATURE])
    if not isinstance(signature, dict) or signature.get("algorithm") != "Ed25519" \
            or not isinstance(signature.get("public_key"), str) or not isinstance(signature.get("signature"), str):
        raise BundleError(f"{name}: refused: {SIGNATURE} is not an Ed25519 signature")
    if not verify(signature["public_key"], files[MANIFEST], signature["signature"]):
        raise BundleError(f"{name}: refused: the signature does not match {MANIFEST} (the bundle was changed "
                          f"after the worker signed it)")
    manifest = _json(name, MANIFEST, files[MANIFEST])
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{name}: not a results bundle of format {FORMAT}")
    for member in (RESULTS, TIMING):
        expected = manifest.get("files", {}).get(member)
        if expected != sha256_hex(files[member]):
            raise BundleError(f"{name}: refused: {member} does not match the hash the worker signed (tampered)")
    pack = manifest.get("pack")
    if not isinstance(pack, dict) or not all(isinstance(pack.get(k), str) for k in ("id", "version", "content_hash", "kind")):
        raise BundleError(f"{name}: refused: {MANIFEST} does not name its pack")
    worker = manifest.get("worker")
    if not isinstance(worker, dict) or not isinstance(worker.get("pseudonym"), str):
        raise BundleError(f"{name}: refused: {MANIFEST} has no worker pseudonym")
    timing = _json(name, TIMING, files[TIMING])
    if not isinstance(timing, dict):
        raise BundleError(f"{name}: refused: {TIMING} is not a JSON object")
    bundle = Bundle(path, manifest, files[MANIFEST], signature["public_key"], signature["signature"],
                    files[RESULTS], timing)
    for n, raw in enumerate(files[RESULTS].split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            record = orjson.loads(raw)  # also refuses bad UTF-8
            line = raw.decode("utf-8")
        except (orjson.JSONDecodeError, UnicodeDecodeError, RecursionError):
            raise BundleError(f"{name}: refused: {RESULTS}:{n} is not valid JSON") from None
        if not isinstance(record, dict) or not isinstance(record.get("id"), str) or "state" not in record:
            raise BundleError(f"{name}: refused: {RESULTS}:{n} is not an item result")
        bundle.lines.append((line, record))
    if against is not None:
        from annotator.core.lab import checks

        checks.check(bundle, against)
    if light and against is not None:
        positions = against.positions
        seconds = bundle.timing.get("work_seconds_per_item") or {}
        bundle.rows = [(r["id"], positions[r["id"]], str(r["state"]), line, _seconds(seconds.get(r["id"])))
                       for line, r in bundle.lines]
        bundle.lines = []
    elif light:
        bundle.lines = [(line, {"id": r["id"], "state": r["state"], "training": r.get("training", False)})
                        for line, r in bundle.lines]
    return bundle


def _seconds(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _read_light(path: Path, pack=None) -> Bundle | BundleError:
    """:func:`read` (light) that returns the error instead of raising it; ``pack`` a check or its spec."""
    try:
        if isinstance(pack, dict):  # in a verifying process: the pack's check rebuilt from its spec
            from annotator.core.lab.checks import from_spec

            pack = from_spec(pack)
        return read(path, light=True, against=pack)
    except BundleError as exc:
        return exc
    except Exception as exc:  # a bundle must never take the merge down
        return BundleError(f"{Path(path).name}: refused: cannot be read ({type(exc).__name__}: {exc})")


def read_many(paths: list[Path], pack=None) -> Iterator[tuple[Path, Bundle | BundleError]]:
    """Read, verify and (with ``pack``) check bundles (light), in order; on several cores, in parallel.

    The parallel processes rebuild ``pack``'s check with the installed plugin; a plugin given
    otherwise (tests, a registry built by hand) is used here, in this process.
    """
    import os
    from collections import deque

    from annotator.core.lab import children

    paths = [Path(p) for p in paths]
    workers = min(os.cpu_count() or 1, len(paths), 8)
    if workers < 2 or len(paths) < 3 or (pack is not None and not _installed_plugin(pack)):
        for path in paths:
            yield path, _read_light(path, pack)
        return
    spec = pack.spec() if pack is not None else None
    with children.pool(workers) as pool:  # processes that die with this one (a killed merge)
        # a few bundles ahead of the one being stored, never all of them: memory stays bounded
        pending = deque()
        for path in paths:
            pending.append((path, pool.submit(_read_light, path, spec)))
            if len(pending) > workers + 1:
                done_path, future = pending.popleft()
                yield done_path, future.result()
        while pending:
            done_path, future = pending.popleft()
            yield done_path, future.result()


def _installed_plugin(pack) -> bool:
    """Whether the verifying processes would find the very plugin ``pack`` is checked with."""
    from annotator.core.registry import installed

    return pack.plugin is None or installed().plugins.get(pack.info.kind) is pack.plugin
