"""``instructions.md``: what the worker reads, and the images it shows."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from annotator.core.packs.layout import INSTRUCTIONS, Limits, read_capped
from annotator.core.packs.problems import Problems, line_of


_MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMG_RE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_REMOTE_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")


def instruction_images(text: str) -> list[tuple[int, str]]:
    """The images an instructions text shows, as ``(line, target)`` (code is not shown as images)."""
    out = []
    fence: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        opening = _FENCE_RE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        line = _CODE_SPAN_RE.sub("", line)
        for match in _MD_IMAGE_RE.finditer(line):
            out.append((lineno, match.group(1)))
        for match in _HTML_IMG_RE.finditer(line):
            out.append((lineno, match.group(1)))
    return out


def check_instructions(files: dict[str, Path], problems: Problems, limits: Limits) -> None:
    path = files.get(INSTRUCTIONS)
    if path is None:
        problems.add(INSTRUCTIONS, None, "missing: a pack must tell the worker what to do")
        return
    try:
        data = read_capped(path, limits.instructions_bytes)
    except OSError as exc:
        problems.add(INSTRUCTIONS, None, f"cannot be read: {exc.strerror}")
        return
    if len(data) > limits.instructions_bytes:
        problems.add(INSTRUCTIONS, None, f"is larger than {limits.instructions_bytes} bytes")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(INSTRUCTIONS, line_of(data, exc.start), "is not valid UTF-8")
        return
    if not text.strip():
        problems.add(INSTRUCTIONS, None, "is empty")
    for lineno, target in instruction_images(text):
        if _REMOTE_RE.match(target) and not target.lower().startswith("file:"):
            problems.add(INSTRUCTIONS, lineno, f"image {target!r} is not inside the pack; "
                                               "packs cannot load anything from the network")
            continue
        rel = target.split("#", 1)[0].split("?", 1)[0]
        if rel.lower().startswith("file:") or rel.startswith("/") or ".." in PurePosixPath(rel).parts:
            problems.add(INSTRUCTIONS, lineno, f"image {target!r} leaves the pack")
        elif str(PurePosixPath(rel)) not in files:
            problems.add(INSTRUCTIONS, lineno, f"image {target!r} is not in the pack")

