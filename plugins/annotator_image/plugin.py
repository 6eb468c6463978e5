"""Image plugin: the Qt-free part (task settings, items, media checks, pack new, exporters)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from annotator.plugin_api import NewPack, PackNewOption, TaskPlugin
from annotator_image import model

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp")
TOOLS = model.TOOLS
PALETTE = model.PALETTE

MAGIC = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),
    (b"MM\x00+", "tiff"),
    (b"BM", "bmp"),
)


def sniff(head: bytes) -> str | None:
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


class ImagePlugin(TaskPlugin):
    id = "image"
    name = "Image annotation"
    version = "1.0"
    needs_media = True
    media_suffixes = IMAGE_SUFFIXES
    translations_dir = Path(__file__).parent / "translations"
    pack_new_options = (PackNewOption("labels", "comma-separated label names, e.g. \"car,person,sign\"", "list"),)

    def validate_task(self, task: Mapping[str, Any]) -> list[str]:
        return model.validate_task(task)

    def validate_item(self, item: Mapping[str, Any], task: Mapping[str, Any]) -> list[str]:
        """Training items may carry ``expected``: the shapes (and tags) of a right answer."""
        if "expected" not in item:
            return []
        expected = item["expected"]
        if not isinstance(expected, Mapping):
            return ["expected must be an object with shapes (and tags)"]
        problems = []
        shapes = expected.get("shapes", [])
        if not isinstance(shapes, list):
            return ["expected.shapes must be a list of shapes"]
        if len(shapes) > 10_000:
            return ["expected.shapes has more than 10000 shapes"]
        labels = {lb.get("name") for lb in task.get("labels") or [] if isinstance(lb, Mapping)}
        for i, shape in enumerate(shapes):
            problem = model.shape_problem(shape)
            if problem is None and shape["label"] not in labels:
                problem = f"label {shape['label']!r} is not one of the pack's labels"
            if problem:
                problems.append(f"expected.shapes[{i}]: {problem}")
        tags = expected.get("tags", {})
        if not isinstance(tags, Mapping):
            problems.append("expected.tags must be an object")
        return problems

    def validate_media(self, path: Path, head: bytes) -> str | None:
        if sniff(head) is None:
            return "is not a JPEG, PNG, TIFF, WebP or BMP image"
        return None

    def new_pack(self, source: Path, options: Mapping[str, Any]) -> NewPack:
        if not source.is_dir():
            raise ValueError("the source must be a folder of images")
        images = sorted(p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
        names = options.get("labels") or ["object"]
        labels = [{"name": n, "color": PALETTE[i % len(PALETTE)], "hotkey": str(i + 1)} if i < 9 else
                  {"name": n, "color": PALETTE[i % len(PALETTE)]} for i, n in enumerate(names)]
        items, files = [], {}
        for i, path in enumerate(images):
            rel = "media/" + path.relative_to(source).as_posix()
            files[rel] = path
            items.append({"id": f"img-{i + 1:05d}", "media": rel, "training": False})
        names_text = ", ".join(f"**{n}**" for n in names)
        instructions = (
            "# What to do\n\n"
            f"Draw a box around every {names_text} you can see, even partly hidden.\n\n"
            "- Keys 1-9 choose the label; B draws boxes, P polygons, K points; V selects and edits.\n"
            "- Boxes touch the object's outermost visible pixels.\n"
            "- If an image cannot be read, skip it with the reason \"unreadable\".\n"
            "\nEdit this text (and `pack.toml`) before handing the pack out.\n")
        return NewPack(task={"tools": list(TOOLS), "labels": labels}, items=items, files=files,
                       instructions=instructions)

    def agreement(self, groups, task):
        """Agreement between workers who did the same items (the lab's merge and report)."""
        from annotator_image.agreement import agreement

        return agreement(groups, task)

    def exporters(self):
        from annotator_image.exporters import exporters

        return exporters()

    def is_empty(self, annotation) -> bool:
        return not annotation or not (annotation.get("shapes") or annotation.get("tags"))

    def summary(self, annotation) -> str:
        return model.summary(annotation)

    def prefetch(self, pack, item, cache_dir: Path) -> None:
        """Decode the item's preview ahead of time (Pillow releases the GIL while it decodes)."""
        from annotator_image.imageio import prepare

        media = item.get("media")
        if isinstance(media, str) and media:
            prepare(pack.media_path(media), cache_dir)

    def create_editor(self, parent=None):
        from annotator_image._qt.editor import ImageEditor

        return ImageEditor(parent)
