"""Image plugin: the Qt-free part (task settings, items, media checks, pack new, exporters)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from annotator.plugin_api import NewPack, PackNewOption, TaskPlugin, own_json_exporter

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp")
TOOLS = ("box", "polygon", "point")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45", "#9a6324")

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
    version = "0.1"
    needs_media = True
    media_suffixes = IMAGE_SUFFIXES
    pack_new_options = (PackNewOption("labels", "comma-separated label names, e.g. \"car,person,sign\"", "list"),)

    def validate_task(self, task: Mapping[str, Any]) -> list[str]:
        problems: list[str] = []
        tools = task.get("tools", list(TOOLS))
        if not isinstance(tools, list) or not tools or any(t not in TOOLS for t in tools):
            problems.append(f"tools must be a non-empty list of {', '.join(TOOLS)}")
        labels = task.get("labels", [])
        if not isinstance(labels, list):
            return problems + ["labels must be a list of tables"]
        names: set[str] = set()
        hotkeys: set[str] = set()
        for i, label in enumerate(labels):
            where = f"labels[{i}]"
            if not isinstance(label, dict):
                problems.append(f"{where} must be a table with name, color and hotkey")
                continue
            name = label.get("name")
            if not isinstance(name, str) or not name.strip():
                problems.append(f"{where}.name must be a non-empty string")
            elif name in names:
                problems.append(f"{where}.name {name!r} is used twice")
            else:
                names.add(name)
            color = label.get("color")
            if color is not None and (not isinstance(color, str) or not COLOR_RE.match(color)):
                problems.append(f"{where}.color must look like \"#e6194b\"")
            hotkey = label.get("hotkey")
            if hotkey is not None:
                if not isinstance(hotkey, str) or hotkey not in "123456789" or len(hotkey) != 1:
                    problems.append(f"{where}.hotkey must be one of \"1\" to \"9\"")
                elif hotkey in hotkeys:
                    problems.append(f"{where}.hotkey {hotkey!r} is used twice")
                else:
                    hotkeys.add(hotkey)
        if not labels and any(t in TOOLS for t in (tools if isinstance(tools, list) else [])):
            problems.append("labels: at least one label is needed to draw shapes")
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
        return NewPack(task={"tools": list(TOOLS), "labels": labels}, items=items, files=files)

    def exporters(self):
        return [own_json_exporter()]

    def is_empty(self, annotation) -> bool:
        return not annotation or not (annotation.get("shapes") or annotation.get("tags"))

    def create_editor(self, parent=None):
        from annotator_image.editor import ImageEditor

        return ImageEditor(parent)
