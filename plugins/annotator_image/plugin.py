"""Image plugin: the Qt-free part (task settings, items, media checks, pack new, exporters)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from annotator.plugin_api import NewPack, PackNewOption, TaskPlugin, msg, translatable
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
    name = translatable("Image annotation")
    version = "1.0"
    needs_media = True
    media_suffixes = IMAGE_SUFFIXES
    translations_dir = Path(__file__).parent / "translations"
    pack_new_options = (
        PackNewOption("labels", "comma-separated label names, e.g. \"car,person,sign\" (default: those of the "
                                "prelabels, else \"object\")", "list"),
        PackNewOption("prelabels", "machine annotations to start from: a COCO JSON file, a YOLO labels folder "
                                   "or a Label Studio JSON export (docs/image.md)", "str"),
    )

    def validate_task(self, task: Mapping[str, Any]) -> list[str]:
        return model.validate_task(task)

    def validate_item(self, item: Mapping[str, Any], task: Mapping[str, Any]) -> list[str]:
        """Training items may carry ``expected``: the shapes (and tags) of a right answer; any item a
        ``prelabel`` (a machine's annotation to start from, ``importers.py``)."""
        problems = []
        if "prelabel" in item:
            from annotator_image.importers import prelabel_problems

            problems = prelabel_problems(item["prelabel"])
            labels = {lb.get("name") for lb in task.get("labels") or [] if isinstance(lb, Mapping)}
            if not problems:
                problems = [msg("prelabel.shapes[{i}]: label {label!r} is not one of the pack's labels", i=i,
                                label=sh["label"])
                            for i, sh in enumerate(item["prelabel"].get("shapes", [])) if sh["label"] not in labels]
        if "expected" not in item:
            return problems
        return problems + self._expected_problems(item, task)

    def _expected_problems(self, item: Mapping[str, Any], task: Mapping[str, Any]) -> list[str]:
        expected = item["expected"]
        if not isinstance(expected, Mapping):
            return [msg("expected must be an object with shapes (and tags)")]
        problems = []
        shapes = expected.get("shapes", [])
        if not isinstance(shapes, list):
            return [msg("expected.shapes must be a list of shapes")]
        if len(shapes) > 10_000:
            return [msg("expected.shapes has more than 10000 shapes")]
        labels = {lb.get("name") for lb in task.get("labels") or [] if isinstance(lb, Mapping)}
        for i, shape in enumerate(shapes):
            problem = model.shape_problem(shape)
            if problem is None and shape["label"] not in labels:
                problem = msg("label {label!r} is not one of the pack's labels", label=shape["label"])
            if problem:
                problems.append(msg("expected.shapes[{i}]: {problem}", i=i, problem=problem))
        tags = expected.get("tags", {})
        if not isinstance(tags, Mapping):
            problems.append(msg("expected.tags must be an object"))
        return problems

    def validate_media(self, path: Path, head: bytes) -> str | None:
        if sniff(head) is None:
            return msg("is not a JPEG, PNG, TIFF, WebP or BMP image")
        return None

    def new_pack(self, source: Path, options: Mapping[str, Any]) -> NewPack:
        """A folder of images, with ``--prelabels`` to start from; or a Label Studio export
        (``--from label-studio``) with its predictions (``importers.py``)."""
        from annotator.plugin_api.sources import SourceProblems, label_studio_media

        from annotator_image import importers

        problems = SourceProblems()
        labels = importers.Labels(list(options.get("labels") or []))
        files: dict[str, Path] = {}
        if options.get("from") == "label-studio":
            if options.get("prelabels"):
                raise ValueError("--prelabels: a Label Studio export brings its own predictions")
            for _n, _task, _data, found in label_studio_media(source, problems, ("image", "img"), "image"):
                rel = f"media/{found.name}"
                if rel in files and files[rel] != found:
                    rel = f"media/{len(files) + 1:05d}-{found.name}"
                files[rel] = found
            problems.raise_if_any()
            prelabels = importers.from_label_studio(source, importers.Images(files), labels, problems)
        elif options.get("from") not in (None, "folder"):
            raise ValueError(f"--from {options.get('from')}: image packs are made from a folder or label-studio")
        else:
            if not source.is_dir():
                raise ValueError("the source must be a folder of images (or --from label-studio EXPORT.json)")
            for path in sorted(p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES):
                files["media/" + path.relative_to(source).as_posix()] = path
            prelabels = {}
            if options.get("prelabels"):
                prelabels = importers.read_prelabels(Path(options["prelabels"]), importers.Images(files), labels,
                                                     problems)
        problems.raise_if_any()
        names = labels.names or ["object"]
        items = []
        for i, rel in enumerate(files):
            item = {"id": f"img-{i + 1:05d}", "media": rel, "training": False}
            if rel in prelabels:
                item["prelabel"] = prelabels[rel]
            items.append(item)
        return NewPack(task={"tools": list(TOOLS), "labels": self._labels(names)}, items=items, files=files,
                       instructions=self._instructions(names))

    @staticmethod
    def _labels(names: list[str]) -> list[dict[str, Any]]:
        return [{"name": n, "color": PALETTE[i % len(PALETTE)], "hotkey": str(i + 1)} if i < 9 else
                {"name": n, "color": PALETTE[i % len(PALETTE)]} for i, n in enumerate(names)]

    @staticmethod
    def _instructions(names: list[str]) -> str:
        names_text = ", ".join(f"**{n}**" for n in names)
        return ("# What to do\n\n"
                f"Draw a box around every {names_text} you can see, even partly hidden.\n\n"
                "- Keys 1-9 choose the label; B draws boxes, P polygons, K points; V selects and edits.\n"
                "- Boxes touch the object's outermost visible pixels.\n"
                "- If an image cannot be read, skip it with the reason \"unreadable\".\n"
                "\nEdit this text (and `pack.toml`) before handing the pack out.\n")

    def agreement(self, groups, task):
        """Agreement between workers who did the same items (the lab's merge and report)."""
        from annotator_image.agreement import agreement

        return agreement(groups, task)

    def prelabel_change(self, item, annotation, task):
        """The lab's report: how much of the item's prelabel the worker kept (``agreement.py``)."""
        from annotator_image.agreement import prelabel_change

        return prelabel_change(item, annotation, task)

    def check_annotation(self, annotation, item, pack):
        """The lab's merge: a worker's annotation checked against the pack (``checks.py``)."""
        from annotator_image.checks import check_annotation

        return check_annotation(annotation, item, pack)

    def consensus(self, group, task):
        """The lab's ``merge --consensus``: one annotation from several workers' (``consensus.py``)."""
        from annotator_image.consensus import consensus

        return consensus(group, task)

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
