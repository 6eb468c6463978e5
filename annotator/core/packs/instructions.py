"""``instructions.md``: what the worker reads, parsed once, checked and shown by the same code.

The text is CommonMark (with GitHub tables and strikethrough) parsed by markdown-it-py with
**HTML disabled**: a tag in the text is shown as typed, never interpreted, so no tag can hide
what follows it or load anything. The same parse gives:

* the problems of validation (:func:`check_instructions`): an image that is not a file of the
  pack, HTML that would load something (``<img>``, ``srcset=``, CSS ``url(``...), a line the
  parser would not show (a reference definition, a block nested past the parser's limit);
* the images hashed with the text (:func:`instruction_images`, used by the instructions hash);
* the HTML the window shows (:func:`render`), where every image is one of the pack's own
  files resolved by :func:`resolve_image`, and every part of the source that Markdown would
  otherwise keep out of sight (image descriptions, link titles and targets, a code block's
  info string) is shown as text.

Qt-free; the window turns :class:`Shown` into a document (``annotator/ui/instructions_view.py``).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML

from annotator.core.errors import msg
from annotator.core.packs.layout import DEFAULT_LIMITS, INSTRUCTIONS, Limits, read_capped
from annotator.core.packs.problems import Problems, line_of

#: Sentences that ``pack new`` (and the built-in plugins' ``new_pack``) write for the lab to
#: replace; validation warns while they are still there.
PLACEHOLDER_SENTENCES = ("Describe here what the worker must do", "before handing the pack out")

#: image formats shown in the instructions, recognised by their first bytes (not their name)
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF"}
_WEBP = (b"RIFF", b"WEBP")

#: the URL scheme of an image in the rendered HTML: ``pack-image:N`` is the N-th resolved image
IMAGE_SCHEME = "pack-image"
#: links the worker may open by clicking (the app itself never fetches anything)
LINK_SCHEMES = ("http:", "https:", "mailto:")

_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: HTML that would load something if it were interpreted: refused, so that a lab learns it is not shown
_LOADING_TAG_RE = re.compile(r"<\s*(img|image|picture|source|video|audio|track|iframe|frame|frameset|object|"
                             r"embed|svg|link|style|script|meta|base|input|body|applet|bgsound)\b", re.IGNORECASE)
_TAG_RE = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)([^<>]*)>?", re.DOTALL)
_LOADING_ATTR_RE = re.compile(r"\b(src|srcset|background|poster|data|href|xlink:href|lowsrc|dynsrc|style)\s*=",
                              re.IGNORECASE)
#: HTML that labs write for layout: shown as text, with a warning
_LAYOUT_TAGS = {"b", "i", "u", "em", "strong", "br", "hr", "p", "div", "span", "sub", "sup", "table", "tr",
                "td", "th", "font", "center", "details", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
                "ol", "li", "a", "code", "pre", "small", "big", "mark", "del", "ins", "s", "strike",
                "blockquote", "kbd"}
#: a line that holds only Markdown syntax (list or quote markers, a rule, a table border): no text to show
_SYNTAX_ONLY_RE = re.compile(r"^[\s>*+\-#|:=_`~]*(\d+[.)])?[\s>*+\-#|:=_`~]*$")


def markdown() -> MarkdownIt:
    """The one Markdown parser of instructions: CommonMark, GitHub tables and strikethrough, no HTML."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}) \
        .enable(["table", "strikethrough"])
    # Every target becomes a token, so that resolve_image (images) and render (links) judge it,
    # rather than markdown-it quietly leaving `![x](file:...)` as text that validation never sees.
    md.validateLink = lambda url: True
    return md


_MD = markdown()


@dataclass(frozen=True)
class Image:
    """An image the text shows: where, its target as written, and the pack file it is (or why not)."""

    line: int
    target: str
    rel: str | None
    problem: str | None


@dataclass
class Parsed:
    """``instructions.md`` parsed: its tokens, images, problems and warnings (``(line, message)``)."""

    text: str
    tokens: list
    images: list[Image] = field(default_factory=list)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    #: ``(line, text)`` of lines Markdown would not show (refused by validation; shown as text all the same)
    unshown: list[tuple[int, str]] = field(default_factory=list)


def resolve_image(target: str, files: Mapping[str, object]) -> tuple[str | None, str | None]:
    """``(pack-relative path, None)`` for an image that is a file of the pack, else ``(None, why)``.

    The single rule for every image of the instructions, used to validate, hash and show them.
    ``files`` holds the pack's files by pack-relative POSIX path (``in`` is all that is asked).
    """
    if _SCHEME_RE.match(target):
        if target.lower().startswith("file:"):
            return None, f"image {target!r} leaves the pack"
        return None, f"image {target!r} is not inside the pack; packs cannot load anything from the network"
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if "\\" in path or "\x00" in path:
        return None, f"image {target!r} has a backslash or NUL character"
    pure = PurePosixPath(path)
    if path.startswith("/") or ".." in pure.parts:
        return None, f"image {target!r} leaves the pack"
    rel = str(pure)
    if not path or rel not in files:
        return None, f"image {target!r} is not in the pack"
    return rel, None


def image_format(head: bytes) -> str | None:
    """The image format of a file by its first bytes (PNG, JPEG, GIF, WebP), or ``None``."""
    for magic, name in IMAGE_MAGIC.items():
        if head.startswith(magic):
            return name
    if head[:4] == _WEBP[0] and head[8:12] == _WEBP[1]:
        return "WebP"
    return None


def _inline_walk(tokens, line: int) -> Iterator[tuple[object, int]]:
    """Every inline token with the source line it is on (nested image descriptions included)."""
    for token in tokens or ():
        yield token, line
        if token.type in ("softbreak", "hardbreak"):
            line += 1
        elif token.children:
            yield from _inline_walk(token.children, line)


def parse(text: str, files: Mapping[str, object]) -> Parsed:
    """Parse ``text`` once; resolve its images against ``files``; list what is wrong or unseen."""
    tokens = _MD.parse(text)
    parsed = Parsed(text, tokens)
    covered: set[int] = set()
    for token in tokens:
        if token.map and token.type in ("paragraph_open", "heading_open", "fence", "code_block", "hr",
                                        "table_open"):
            covered.update(range(token.map[0], token.map[1]))
        if token.type != "inline":
            continue
        start = token.map[0] + 1 if token.map else 1
        text_parts: list[tuple[int, str]] = []
        for child, line in _inline_walk(token.children, start):
            if child.type == "image":
                target = str(child.attrs.get("src", ""))
                rel, problem = resolve_image(target, files)
                parsed.images.append(Image(line, target, rel, problem))
                if problem:
                    parsed.problems.append((line, problem))
            elif child.type == "text":
                text_parts.append((line, child.content))
            elif child.type == "softbreak":
                text_parts.append((line, "\n"))
        _check_html(text_parts, parsed)
    for number, line in enumerate(text.splitlines()):
        if number not in covered and line.strip() and not _SYNTAX_ONLY_RE.match(line):
            if re.match(r"^\s{0,3}\[[^\]]+\]:", line):
                why = ("is a reference definition ([label]: target): its label and title are never shown; "
                       "write links and images inline: [text](target), ![what it shows](media/file.png)")
            else:
                why = "would not be shown (it is nested more deeply than the worker's view shows)"
            parsed.problems.append((number + 1, f"this line {why}"))
            parsed.unshown.append((number + 1, line))
    for number, line in enumerate(text.splitlines(), 1):
        if any(sentence in line for sentence in PLACEHOLDER_SENTENCES):
            parsed.warnings.append((number, "still has the text that 'pack new' writes for the lab to replace"))
    return parsed


def _check_html(parts: list[tuple[int, str]], parsed: Parsed) -> None:
    """HTML in a block's text (shown as typed): an error if it would load something, else a warning."""
    joined = "".join(part for _, part in parts)
    if "<" not in joined:
        return
    starts, offset = [], 0
    for line, part in parts:
        starts.append((offset, line))
        offset += len(part)

    def line_at(pos: int) -> int:
        return max((line for start, line in starts if start <= pos), default=starts[0][1] if starts else 1)

    for match in _TAG_RE.finditer(joined):
        name, rest = match.group(1).lower(), match.group(2)
        line = line_at(match.start())
        if _LOADING_TAG_RE.match(match.group(0)) or (name in _LAYOUT_TAGS and _LOADING_ATTR_RE.search(rest)):
            parsed.problems.append((line, f"HTML <{name}> is not allowed: instructions are Markdown without HTML, "
                                          "so it would be shown as text and load nothing; show an image of the "
                                          "pack with ![what it shows](media/file.png)"))
        elif name in _LAYOUT_TAGS:
            parsed.warnings.append((line, f"HTML <{name}> is shown as text (instructions are Markdown without "
                                          "HTML)"))


def instruction_images(text: str, files: Mapping[str, object] | None = None) -> list[tuple[int, str]]:
    """The images an instructions text shows, as ``(line, target)`` (code is not shown as images)."""
    return [(image.line, image.target) for image in parse(text, files or {}).images]


def read(files: Mapping[str, str | Path], problems: Problems, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """The text of ``instructions.md`` (UTF-8, within its limit), or ``None`` with the problem said."""
    path = files.get(INSTRUCTIONS)
    if path is None:
        problems.add(INSTRUCTIONS, None, msg("missing: a pack must tell the worker what to do"))
        return None
    try:
        data = read_capped(path, limits.instructions_bytes)
    except OSError as exc:
        problems.add(INSTRUCTIONS, None, msg("cannot be read: {reason}", reason=exc.strerror))
        return None
    if len(data) > limits.instructions_bytes:
        problems.add(INSTRUCTIONS, None, msg("is larger than {limit} bytes", limit=limits.instructions_bytes))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(INSTRUCTIONS, line_of(data, exc.start), msg("is not valid UTF-8"))
        return None


def check_instructions(files: Mapping[str, str | Path], problems: Problems,
                       limits: Limits = DEFAULT_LIMITS) -> list:
    """Validate ``instructions.md`` and the images it shows; return its warnings (as problems)."""
    from annotator.core.errors import Problem

    text = read(files, problems, limits)
    if text is None:
        return []
    if not text.strip():
        problems.add(INSTRUCTIONS, None, msg("is empty"))
    parsed = parse(text, files)
    for line, message in parsed.problems:
        problems.add(INSTRUCTIONS, line, message)
    checked: set[str] = set()
    for image in parsed.images:
        if image.rel is None or image.rel in checked:
            continue
        checked.add(image.rel)
        problem = _image_file_problem(files[image.rel], limits)
        if problem:
            problems.add(INSTRUCTIONS, image.line, f"image {image.target!r} {problem}")
    return [Problem(INSTRUCTIONS, line, f"warning: {message}") for line, message in parsed.warnings]


def _image_file_problem(path: str | Path, limits: Limits) -> str | None:
    try:
        size = Path(path).stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return msg("cannot be read: {reason}", reason=exc.strerror)
    if size > limits.instruction_image_bytes:
        return f"is {size} bytes; the limit for an image of the instructions is {limits.instruction_image_bytes}"
    if image_format(head) is None:
        return "is not a PNG, JPEG, GIF or WebP image (by its content)"
    return None


# --------------------------------------------------------------------------- what the worker sees


@dataclass
class Shown:
    """The instructions as the window shows them, made from the very bytes that are hashed."""

    html: str
    #: ``(url, pack-relative path, bytes)`` of every image the HTML shows, by its ``pack-image:N`` url
    images: list[tuple[str, str, bytes]]
    #: the instructions hash of exactly these bytes (compare with the one recorded at import)
    hash: str


class FolderFiles(Mapping):
    """The regular files of a pack folder by pack-relative path, looked up one by one (no walk)."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    def _path(self, rel: str) -> Path | None:
        path = self.root.joinpath(*PurePosixPath(rel).parts)
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            return None
        return real if real.is_relative_to(self.root) and real.is_file() else None

    def __getitem__(self, rel: str) -> Path:
        path = self._path(rel)
        if path is None:
            raise KeyError(rel)
        return path

    def __contains__(self, rel: object) -> bool:
        return isinstance(rel, str) and self._path(rel) is not None

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0


def digest(data: bytes, images: list[Image], image_hashes: Mapping[str, str]) -> str:
    """The instructions hash: SHA-256 of ``instructions.md`` then, for each place an image is shown
    (in the order of their targets), ``NUL path NUL sha256(image)``; ``image_hashes`` maps
    pack-relative paths to their SHA-256 (hex)."""
    h = hashlib.sha256(data)
    places = {(image.line, image.target): image for image in images}
    for image in sorted(places.values(), key=lambda image: image.target):
        if image.rel in image_hashes:
            h.update(b"\0" + image.rel.encode("utf-8") + b"\0" + image_hashes[image.rel].encode("ascii"))
    return "sha256:" + h.hexdigest()


def show(root: Path, limits: Limits = DEFAULT_LIMITS) -> Shown:
    """Read ``instructions.md`` and its images once from the pack folder ``root``; render and hash them.

    Raises ``OSError`` or ``UnicodeDecodeError`` if the file cannot be read as text.
    """
    files = FolderFiles(root)
    data = read_capped(files[INSTRUCTIONS], limits.instructions_bytes)
    text = data[:limits.instructions_bytes].decode("utf-8")
    parsed = parse(text, files)
    by_rel: dict[str, bytes] = {}
    for image in parsed.images:
        if image.rel is not None and image.rel not in by_rel:
            by_rel[image.rel] = read_capped(files[image.rel], limits.instruction_image_bytes)
    html, urls = render(parsed)
    images = [(url, rel, by_rel[rel]) for url, rel in urls.items() if rel in by_rel]
    hashes = {rel: hashlib.sha256(content).hexdigest() for rel, content in by_rel.items()}
    return Shown(html, images, digest(data, parsed.images, hashes))


def render(parsed: Parsed) -> tuple[str, dict[str, str]]:
    """The HTML to show, and ``url -> pack-relative path`` of the images in it.

    Markdown's own escaping is kept (no raw HTML passes); images are ``pack-image:N`` urls of
    resolved pack files only; image descriptions, link titles, link targets and code blocks' info
    strings are shown as text, so that nothing of the source is out of sight.
    """
    urls: dict[str, str] = {}
    by_rel: dict[str, str] = {}
    renderer = RendererHTML()  # a fresh one per call: nothing shared between threads
    options = _MD.options

    def image(tokens, idx, opts, env) -> str:
        token = tokens[idx]
        alt = renderer.renderInlineAsText(token.children or [], opts, env)
        title = str(token.attrs.get("title", "") or "")
        rel, _ = resolve_image(str(token.attrs.get("src", "")), _Known(parsed))
        caption = " — ".join(part for part in (alt, title) if part.strip())
        if rel is None:
            return f"<span>[{escapeHtml(caption or 'image')}: {escapeHtml(str(token.attrs.get('src', '')))}]</span>"
        url = by_rel.setdefault(rel, f"{IMAGE_SCHEME}:{len(by_rel)}")
        urls[url] = rel
        shown = f'<img src="{url}" alt="{escapeHtml(alt)}" />'
        return shown + (f"<br /><i>{escapeHtml(caption)}</i>" if caption else "")

    def link_open(tokens, idx, opts, env) -> str:
        href = str(tokens[idx].attrs.get("href", ""))
        if href.startswith("#") or href.lower().startswith(LINK_SCHEMES):
            return f'<a href="{escapeHtml(href)}">'
        return "<span>"

    def link_close(tokens, idx, opts, env) -> str:
        opening = next(t for t in reversed(tokens[:idx]) if t.type == "link_open")
        href = str(opening.attrs.get("href", ""))
        title = str(opening.attrs.get("title", "") or "")
        active = href.startswith("#") or href.lower().startswith(LINK_SCHEMES)
        text = renderer.renderInlineAsText(tokens[tokens.index(opening) + 1:idx], opts, env)
        extra = [part for part in (title, "" if href in (text, "mailto:" + text) or href.startswith("#")
                                   else unquote(href)) if part]
        return ("</a>" if active else "</span>") + (f" ({escapeHtml(' — '.join(extra))})" if extra else "")

    def fence(tokens, idx, opts, env) -> str:
        token = tokens[idx]
        info = token.info.strip()
        caption = f"<p><i>{escapeHtml(info)}</i></p>" if info else ""
        return f"{caption}<pre><code>{escapeHtml(token.content)}</code></pre>\n"

    renderer.rules.update({"image": image, "link_open": link_open, "link_close": link_close, "fence": fence})
    html = renderer.render(parsed.tokens, options, {})
    if parsed.unshown:  # refused by validation; if they are here all the same, they are seen, not hidden
        html += "<hr /><pre>" + escapeHtml("\n".join(f"{INSTRUCTIONS}:{n}: {line}" for n, line in parsed.unshown)) \
            + "</pre>\n"
    return html, urls


class _Known(Mapping):
    """The images ``parse`` already resolved, so rendering resolves by the very same answers."""

    def __init__(self, parsed: Parsed):
        self.rels = {image.rel for image in parsed.images if image.rel}

    def __getitem__(self, rel):
        if rel not in self.rels:
            raise KeyError(rel)
        return rel

    def __contains__(self, rel: object) -> bool:
        return rel in self.rels

    def __iter__(self):
        return iter(self.rels)

    def __len__(self) -> int:
        return len(self.rels)
