"""Fixtures of the image plugin's tests: generated images, packs, and the real window on an image pack."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.packs import manifest, write_pack

LABELS = [{"name": "car", "color": "#e6194b", "hotkey": "1"},
          {"name": "person", "color": "#3cb44b", "hotkey": "2"},
          {"name": "sign", "color": "#4363d8", "hotkey": "3"}]
TAGS = [{"name": "weather", "choices": ["sunny", "rain", "night"]},
        {"name": "contents", "choices": ["crowd", "traffic", "animals"], "multiple": True}]


def image_bytes(width: int = 320, height: int = 240, fmt: str = "PNG", mode: str = "RGB", seed: int = 0,
                **save) -> bytes:
    """A real image with structure (gradients and blocks), encoded in ``fmt``."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([(x * 255 // max(width - 1, 1)), (y * 255 // max(height - 1, 1)),
                     ((x + y) * 255 // max(width + height - 2, 1))], axis=-1).astype(np.uint8)
    for _ in range(6):
        x0, y0 = rng.integers(0, width), rng.integers(0, height)
        base[y0:y0 + height // 5, x0:x0 + width // 5] = rng.integers(0, 255, 3)
    image = Image.fromarray(base, "RGB")
    if mode != "RGB":
        image = image.convert(mode)
    buf = io.BytesIO()
    image.save(buf, fmt, **save)
    return buf.getvalue()


def image_task(**extra) -> dict:
    return {"tools": ["box", "polygon", "point"], "labels": LABELS, "tags": TAGS, **extra}


def image_pack(root: Path, n: int = 3, items: list[dict] | None = None, media: dict[str, bytes] | None = None,
               task: dict | None = None, pack_id: str = "test.images") -> Path:
    if items is None:
        items = [{"id": f"img-{i}", "media": f"media/img-{i}.png", "training": False} for i in range(n)]
    if media is None:
        media = {it["media"]: image_bytes(seed=i) for i, it in enumerate(items)}
    return write_pack(root, kind="image", items=items, media=media,
                      manifest_doc=manifest(pack_id, "image", task=task or image_task()))


class Opened:
    """A pack opened in the real window's task view."""

    def __init__(self, window, qtbot, pack_row):
        self.window = window
        self.qtbot = qtbot
        self.pack = pack_row

    @property
    def task(self):
        return self.window.task

    @property
    def editor(self):
        return self.window.task.editor

    @property
    def store(self):
        return self.window.ctx.store

    def saved(self, item_id: str):
        item = self.store.item_by_id(self.pack.pk, item_id)
        row = self.store.annotation(item.pk)
        return None if row is None else row.data

    def item(self, item_id: str):
        return self.store.item_by_id(self.pack.pk, item_id)


@pytest.fixture
def open_pack(window, qtbot, tmp_path):
    """``open_pack(pack_folder)`` imports a pack and shows its first item in the real window."""
    from annotator.core.library import import_pack
    from annotator.core.session import WorkSession

    def opener(folder: Path) -> Opened:
        ctx = window.ctx
        row = import_pack(folder, ctx.store, ctx.registry).pack
        ctx.store.mark_terms_seen(row.pk)
        window.session = WorkSession(ctx.store, row, window.meter)
        window.resize(1200, 800)
        window.start_task()
        task = window.task
        qtbot.waitUntil(lambda: task.editor is not None and (task.editor.isVisible()
                                                             or task.stack.currentWidget() is task.error_page))
        # a large image opens off the interface thread: wait until its preview (or its message) is shown
        qtbot.waitUntil(lambda: not task.editor.loader.opening, timeout=60_000)
        return Opened(window, qtbot, row)

    return opener


def detailed_jpeg(path: Path, width: int, height: int) -> Path:
    """A big photo-like JPEG with 1-pixel stripes in its middle: detail that only full resolution shows."""
    rng = np.random.default_rng(1)
    small = rng.integers(0, 255, (height // 32 + 1, width // 32 + 1, 3), dtype=np.uint8)
    image = Image.fromarray(small).resize((width, height), Image.Resampling.BILINEAR)
    stripes = np.zeros((600, 600, 3), dtype=np.uint8)
    stripes[:, ::2] = 255
    image.paste(Image.fromarray(stripes), (width // 2 - 300, height // 2 - 300))
    image.save(path, "JPEG", quality=92)
    return path


@pytest.fixture(scope="session")
def big_jpeg(tmp_path_factory) -> Path:
    """A 48-megapixel JPEG (8000 x 6000), made once per test run."""
    return detailed_jpeg(tmp_path_factory.mktemp("big") / "big.jpg", 8000, 6000)
