"""Writing task packs for tests (media are generated, never committed)."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import tomli_w


def manifest(pack_id: str = "test.pack", kind: str = "image", *, version: str = "1.0.0",
             title: str = "A test pack", task: dict | None = None, pay: dict | None = None,
             warnings: Iterable[str] = (), **pack_fields: Any) -> dict:
    default_task = {
        "image": {"tools": ["box", "polygon", "point"],
                  "labels": [{"name": "car", "color": "#e6194b", "hotkey": "1"},
                             {"name": "person", "color": "#3cb44b", "hotkey": "2"}]},
        "transcription": {"speakers": ["A", "B"]},
        "rating": {"modes": ["likert"]},
    }.get(kind, {})
    return {
        "format": 1,
        "pack": {"id": pack_id, "version": version, "title": title, "kind": kind, "lab": "Test lab",
                 "contact": "lab@example.org", "language": "en", **pack_fields},
        "pay": pay if pay is not None else {"currency": "EUR", "per_item": 0.1,
                                            "estimated_seconds_per_item": 30, "instructions_paid": False,
                                            "training_paid": False, "rejection_policy": "never"},
        "content": {"warnings": list(warnings)},
        "task": task if task is not None else default_task,
    }


def png_bytes(width: int = 64, height: int = 48, color=(200, 30, 30)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, "PNG")
    return buf.getvalue()


def wav_bytes(seconds: float = 1.0, rate: int = 16000, channels: int = 1, freq: float = 440.0) -> bytes:
    import soundfile as sf

    t = np.arange(int(seconds * rate)) / rate
    data = (0.3 * np.sin(2 * np.pi * freq * t)).astype("float32")
    if channels > 1:
        data = np.stack([data] * channels, axis=1)
    buf = io.BytesIO()
    sf.write(buf, data, rate, format="WAV", subtype="PCM_16")
    return buf.getvalue()


def default_items(kind: str, n: int) -> list[dict]:
    if kind == "image":
        return [{"id": f"item-{i}", "media": f"media/img-{i}.png", "training": i == 0} for i in range(n)]
    if kind == "transcription":
        return [{"id": f"rec-{i}", "media": f"media/rec-{i}.wav", "training": False} for i in range(n)]
    if kind == "rating":
        return [{"id": f"q-{i}", "prompt": f"Question {i}?", "responses": [{"id": "a", "text": f"Answer {i}"}],
                 "training": False} for i in range(n)]
    return [{"id": f"item-{i}", "training": False} for i in range(n)]


def write_pack(root: Path, *, kind: str = "image", n: int = 3, items: list[dict] | None = None,
               manifest_doc: dict | None = None, instructions: str = "# Do the task\n\nCarefully.\n",
               media: dict[str, bytes] | None = None, **manifest_kw: Any) -> Path:
    """Write a valid pack folder (unless told otherwise) and return it."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    doc = manifest_doc if manifest_doc is not None else manifest(kind=kind, **manifest_kw)
    (root / "pack.toml").write_text(tomli_w.dumps(doc), encoding="utf-8")
    (root / "instructions.md").write_text(instructions, encoding="utf-8")
    items = items if items is not None else default_items(kind, n)
    with open(root / "items.jsonl", "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item) + "\n")
    if media is None:
        media = {}
        for item in items:
            rel = item.get("media")
            if isinstance(rel, str) and rel.startswith("media/") and ".." not in rel:
                media[rel] = wav_bytes(0.5) if rel.endswith(".wav") else png_bytes()
    for rel, data in media.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def zip_folder(folder: Path, archive: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return archive
