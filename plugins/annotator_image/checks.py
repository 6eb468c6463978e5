"""The lab's merge checks a worker's image annotation against the pack (``TaskPlugin.check_annotation``).

A results bundle is signed by its worker, not made sane by it: whatever a bundle holds is
checked here before the lab stores it, with the model's own rules (:func:`model.shape_problem`,
:func:`model.task_config`). The rule (``docs/lab.md``, ``docs/security.md``):

* ``image.width`` / ``image.height``, when given, are positive whole numbers and the size of the
  item's image as shown (after EXIF orientation) when the lab's copy of the pack can read it;
* every shape is a valid shape of a type among the pack's tools, with a label the pack
  declares, and at most :data:`model.MAX_SHAPES` of them;
* every point lies inside the image: from 0 to the width and 0 to the height, give or take
  :data:`TOLERANCE` pixel (the editor keeps every point inside; a shape outside is **refused**,
  never clipped, so nothing in the lab's outputs differs from what the worker signed); without
  a known size, coordinates stay within :data:`MAX_SIDE`;
* tags name the pack's tag groups and their choices: one choice, or a list of distinct choices
  for a group with ``multiple = true``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from annotator.plugin_api import PackInfo, resolve_media
from annotator_image.model import FORMAT, MAX_SHAPES, TaskConfig, plain_box, shape_problem, task_config

#: how far outside the image a point may lie (the JSON keeps two decimals)
TOLERANCE = 0.01
#: the longest side an image may claim when the lab cannot read it (the editor opens 1.5 GP at most)
MAX_SIDE = 1_000_000
#: problems reported per annotation at most
MAX_REPORTED = 3

_parsed: tuple[Any, TaskConfig] | None = None


def _config(task: Mapping[str, Any]) -> TaskConfig:
    """The pack's task settings, parsed once per pack (the merge calls this for every item)."""
    global _parsed
    cached = _parsed
    if cached is None or cached[0] is not task:
        cached = _parsed = (task, task_config(task))
    return cached[1]


@lru_cache(maxsize=100_000)
def _media_size(root: Any, media: str) -> tuple[int, int] | None:
    """The displayed size of an item's image in the lab's copy of the pack, read once per merge."""
    from annotator_image.imageio import image_size

    try:
        return image_size(resolve_media(root, media))
    except (OSError, ValueError):
        return None


def _size(annotation: Mapping[str, Any], item: Mapping[str, Any], pack: PackInfo,
          problems: list[str]) -> tuple[float, float]:
    """The image's width and height to check points against (``MAX_SIDE`` when unknown)."""
    media = item.get("media")
    real = _media_size(pack.root, media) if isinstance(media, str) and media else None
    image = annotation.get("image")
    if image is None:
        return real or (MAX_SIDE, MAX_SIDE)
    if not (type(image) is dict or isinstance(image, Mapping)):
        problems.append("image must be an object with width and height")
        return (MAX_SIDE, MAX_SIDE)
    w, h = image.get("width"), image.get("height")
    if w is None and h is None:
        return real or (MAX_SIDE, MAX_SIDE)
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 < v <= MAX_SIDE for v in (w, h)):
        problems.append(f"image width and height must be whole numbers of pixels from 1 to {MAX_SIDE:,}")
        return (MAX_SIDE, MAX_SIDE)
    if real is not None and (w, h) != tuple(real):
        problems.append(f"the image is {real[0]} x {real[1]} pixels, the annotation says {w} x {h}")
        return real
    return w, h


def _tag_problem(name: Any, value: Any, config: TaskConfig) -> str | None:
    group = next((g for g in config.tags if g.name == name), None)
    if group is None:
        return f"tag group {str(name)[:60]!r} is not one of the pack's"
    if group.multiple:
        if not isinstance(value, list) or len(set(map(str, value))) != len(value) \
                or not all(isinstance(v, str) and v in group.choices for v in value):
            return f"tags[{name!r}] must be a list of distinct choices of the pack"
    elif not (isinstance(value, str) and value in group.choices):
        return f"tags[{name!r}] must be one of the pack's choices"
    return None


def check_annotation(annotation: Mapping[str, Any], item: Mapping[str, Any], pack: PackInfo) -> list[str]:
    config = _config(pack.task)
    problems: list[str] = []
    if annotation.get("format", FORMAT) != FORMAT:
        problems.append(f"format must be {FORMAT!r}")
    width, height = _size(annotation, item, pack, problems)
    shapes = annotation.get("shapes", [])
    if not isinstance(shapes, list) or len(shapes) > MAX_SHAPES:
        problems.append(f"shapes must be a list of at most {MAX_SHAPES:,} shapes")
        shapes = []
    labels = {label.name for label in config.labels}
    top_x, top_y = width + TOLERANCE, height + TOLERANCE
    for n, shape in enumerate(shapes):
        box = plain_box(shape)  # nearly every shape: a box of four numbers, on the short path
        if box is not None:
            (x0, y0), (x1, y1) = box
            if shape["label"] in labels and "box" in config.tools and -TOLERANCE <= x0 and x1 <= top_x \
                    and -TOLERANCE <= y0 and y1 <= top_y:
                continue
        problem = shape_problem(shape)
        if problem is None:
            if shape["label"] not in labels:
                problem = f"label {shape['label'][:60]!r} is not one of the pack's labels"
            elif shape["type"] not in config.tools:
                problem = f"a {shape['type']} is not one of the pack's tools ({', '.join(config.tools)})"
            else:
                for x, y in shape["points"]:
                    if not (-TOLERANCE <= x <= top_x and -TOLERANCE <= y <= top_y):
                        problem = (f"point ({x:g}, {y:g}) is outside the {width:g} x {height:g} image "
                                   "(refused, not clipped)")
                        break
        if problem:
            problems.append(f"shapes[{n}]: {problem}")
            if len(problems) >= MAX_REPORTED:
                return problems
    tags = annotation.get("tags", {})
    if tags is None:
        tags = {}
    if not (type(tags) is dict or isinstance(tags, Mapping)):
        problems.append("tags must be an object of tag group -> choice")
    else:
        for name, value in tags.items():
            problem = None if value is None else _tag_problem(name, value, config)
            if problem:
                problems.append(problem)
    draft = annotation.get("draft")
    if draft is not None and not isinstance(draft, Mapping):
        problems.append("draft must be an object or null")
    return problems[:MAX_REPORTED]
