"""``annotator pack new``: build a pack from source material through its plugin."""
from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Mapping

import tomli_w

from annotator.core import packs
from annotator.core.errors import PackError, Problem, UserError
from annotator.plugin_api import NewPack
from annotator.plugin_api.sources import SourceError

#: its first sentence is one of ``packs.instructions.PLACEHOLDER_SENTENCES``: validation warns until replaced
DEFAULT_INSTRUCTIONS = """# {title}

Describe here what the worker must do, with examples of good and bad answers.
Images inside the pack can be shown like this: `![example](media/example.png)`.
"""


def slug(text: str) -> str:
    value = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-.")
    return value[:100] or "pack"


def build_manifest(*, pack_id: str, title: str, kind: str, lab: str, contact: str, language: str,
                   version: str, per_item: float | None, currency: str | None,
                   estimate: float | None, task: Mapping[str, Any]) -> dict:
    manifest: dict[str, Any] = {
        "format": packs.FORMAT,
        "pack": {"id": pack_id, "version": version, "title": title, "kind": kind, "lab": lab,
                 "contact": contact, "language": language},
    }
    pay: dict[str, Any] = {}
    if currency:
        pay["currency"] = currency
    if per_item is not None:
        pay["per_item"] = per_item
    if estimate is not None:
        pay["estimated_seconds_per_item"] = estimate
    pay["instructions_paid"] = False
    pay["training_paid"] = False
    manifest["pay"] = pay
    manifest["content"] = {"warnings": []}
    manifest["task"] = dict(task)
    return manifest


def new_pack(kind: str, source: Path, out: Path, registry, *, title: str | None = None,
             per_item: float | None = None, currency: str | None = None, estimate: float | None = None,
             pack_id: str | None = None, lab: str = "", contact: str = "", language: str = "en",
             version: str = "1.0.0", options: Mapping[str, Any] | None = None) -> packs.Validation:
    """Write a new pack of ``kind`` from ``source`` to ``out`` (a folder, or a ``.zip``)."""
    plugin = registry.get(kind)
    source, out = Path(source), Path(out)
    packs.path_exists(source)
    packs.path_exists(out)  # a name the system refuses, for either, before a missing source
    source = packs.existing(source)
    if out.exists() and not (out.is_dir() and not any(out.iterdir())):
        raise UserError(f"{out} already exists; choose another output path")
    if per_item is not None and not currency:
        raise UserError("--per-item needs --currency (for example --currency EUR)")
    try:
        made = plugin.new_pack(source, dict(options or {}))
    except UserError:
        raise
    except SourceError as exc:  # every problem of the source material, FILE:LINE: message; nothing written
        raise PackError([Problem(str(f), line, str(message)) for f, line, message in exc.problems]) from None
    except NotImplementedError as exc:
        raise UserError(str(exc)) from None
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot build a {kind} pack from {source}: {exc}") from None
    except Exception as exc:  # a plugin's bug is a message, never a traceback
        raise UserError(f"the {kind} plugin failed to build a pack from {source}: "
                        f"{type(exc).__name__}: {exc}") from None
    if not isinstance(made, NewPack):
        raise UserError(f"the {kind} plugin failed to build a pack from {source}: "
                        f"it gave a {type(made).__name__}, not a NewPack")
    if not made.items:
        raise UserError(f"{source}: nothing to make a {kind} pack from")
    title = title or source.stem.replace("_", " ").replace("-", " ").strip().capitalize() or "New pack"
    manifest = build_manifest(pack_id=pack_id or slug(out.stem if out.suffix == ".zip" else out.name),
                              title=title, kind=kind, lab=lab or packs.manifest.PLACEHOLDERS[("pack", "lab")], contact=contact,
                              language=language, version=version, per_item=per_item, currency=currency,
                              estimate=estimate, task=made.task)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".pack-new-", dir=out.parent))
    try:
        root = work / "pack"
        root.mkdir()
        (root / packs.MANIFEST).write_bytes(tomli_w.dumps(manifest).encode("utf-8"))
        (root / packs.INSTRUCTIONS).write_text(made.instructions or DEFAULT_INSTRUCTIONS.format(title=title),
                                               encoding="utf-8")
        with open(root / packs.ITEMS, "w", encoding="utf-8") as fh:
            for item in made.items:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
        for rel, src in made.files.items():
            target = root.joinpath(*rel.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
        validation = packs.validate_dir(root, registry)
        if not validation.ok:
            raise PackError(validation.problems)
        if out.suffix.lower() == ".zip":
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
                for rel in sorted(validation.files):
                    zf.write(validation.files[rel], rel)
        else:
            if out.exists():
                out.rmdir()
            root.replace(out)
        validation.root = out
        return validation
    finally:
        shutil.rmtree(work, ignore_errors=True)
