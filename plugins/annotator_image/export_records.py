"""What every image format reads: the records with their image size, and the output folder's swap.

Qt-free. The core gives an exporter only the records in the states chosen (``--states``); an
image format leaves out, and lists, a record whose image size cannot be known (its media
missing or unreadable), since no box can be placed on it.
"""
from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from annotator.plugin_api import ExportContext, ExportRecord
from annotator_image.imageio import image_size
from annotator_image.model import Shape, shapes_from_json, tags_from_json

#: the file every folder format writes with the provenance and the list of what it holds
MANIFEST = "annotator.json"


@dataclass
class ImageResult:
    record: ExportRecord
    media: str
    width: int
    height: int
    shapes: list[Shape]
    tags: dict[str, Any]


def sized(context: ExportContext, skipped: list[dict]) -> Iterator[tuple[ExportRecord, dict, str, int, int]]:
    """The records an image format holds, with their annotation, media and image size."""
    sizes: dict[str, tuple[int, int] | None] = {}
    for record in context.records():
        ann = record.annotation if isinstance(record.annotation, dict) else {}
        media = str(record.item.get("media") or "")
        image = ann.get("image") if isinstance(ann.get("image"), dict) else {}
        w, h = image.get("width"), image.get("height")
        if not (isinstance(w, int) and isinstance(h, int) and w > 0 and h > 0):
            if media not in sizes:
                try:
                    sizes[media] = image_size(context.pack.media_path(media))
                except (ValueError, OSError):
                    sizes[media] = None
            if sizes[media] is None:
                skipped.append({"id": record.item_id, "worker": record.worker, "state": record.state,
                                "reason": "image size unknown (media missing or unreadable)"})
                continue
            w, h = sizes[media]
        yield record, ann, media, w, h


def fresh_id(n: int, used: set[str]) -> str:
    """The id :func:`model.iter_shapes` gives the ``n``-th shape when its own is missing or taken."""
    sid = f"s{n + 1}"
    while sid in used:
        sid += "x"
    return sid


def checked_shapes(raw_shapes: Any) -> Iterator[tuple[str, str, str, Any]]:
    """:func:`model.iter_shapes` for an annotation the plugin's checks accepted (``record.checked``).

    The checks (``checks.py``) refused every bundle holding a shape that ``shape_problem`` finds
    wrong, so each shape is taken as it is: only the ids are made unique as ``iter_shapes`` makes
    them. A box's points are given as stored (not put in order: the writer does that for many
    boxes at once); other shapes' points as float pairs, as ``iter_shapes`` gives them.
    """
    used: set[str] = set()
    for n, raw in enumerate(raw_shapes or ()):
        sid = raw.get("id")
        if type(sid) is not str or not sid or sid in used:
            sid = fresh_id(n, used)
        used.add(sid)
        kind, points = raw["type"], raw["points"]
        if kind != "box":
            points = tuple((float(x), float(y)) for x, y in points)
        yield sid, kind, raw["label"], points


def results(context: ExportContext, skipped: list[dict]) -> Iterator[ImageResult]:
    for record, ann, media, w, h in sized(context, skipped):
        yield ImageResult(record, media, w, h, shapes_from_json(ann.get("shapes")), tags_from_json(ann.get("tags")))


def provenance(context: ExportContext, fmt: str, skipped: list[dict], notes: list[str]) -> dict[str, Any]:
    doc = {"format": fmt, **context.header()}
    if skipped:
        doc["left_out"] = skipped
    if notes:
        doc["notes"] = notes
    return doc


@contextmanager
def fresh_folder(out: Path) -> Iterator[Path]:
    """A folder to build an export in, put in place of ``out`` when the export is whole.

    ``out`` may not exist, be empty, or be an earlier export (it holds ``annotator.json``):
    it is replaced whole, so that no file of an earlier export stays among the new ones (a
    trainer takes every image in a folder). Anything else is refused before anything is written.
    """
    out = Path(out)
    if out.exists():
        if not out.is_dir():
            raise ValueError(f"{out} exists and is not a folder")
        if any(out.iterdir()) and not (out / MANIFEST).is_file():
            raise ValueError(f"{out} is a folder that holds other files than an earlier export: choose an "
                             f"empty or new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield work
        if out.exists():
            old = out.with_name(f"{work.name}.old")
            out.replace(old)
            work.replace(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            work.replace(out)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
