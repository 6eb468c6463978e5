"""The plugin API: the only part of annotator a task plugin may import.

A task plugin is an object registered under the entry-point group
``annotator.plugins``; the entry point's name is the plugin id (the ``kind`` of
the packs it handles)::

    [project.entry-points."annotator.plugins"]
    image = "annotator_image:plugin"

The object is a :class:`TaskPlugin` (subclassing is optional; the methods are the
contract, see ``docs/plugins.md``). This module imports no Qt: validation,
``pack new`` and exporters run in the command line without a display. The
editor widget lives in :mod:`annotator.plugin_api.qt`.

Stability: ``API_VERSION`` is raised when a method changes incompatibly; a plugin
declaring another major version is refused with a clear message.
"""
from __future__ import annotations

import io
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Callable, Iterator, Mapping, Protocol, Sequence

# a plugin's problems in the worker's language: ``msg("'{key}' must be a number", key=k)`` is the
# English text (a ``str``) that the window translates from the plugin's catalogue (context ``core``)
from annotator.core.errors import Text, msg  # noqa: F401 - re-exported for plugins

API_VERSION = 1

#: Item states in the worker's store.
ITEM_STATES = ("new", "in_progress", "submitted", "skipped", "flagged")

#: Reasons offered when a worker skips an item (free text is allowed too).
SKIP_REASONS = ("unreadable", "sensitive", "unclear", "other")

#: the translation context of the Qt-free strings a plugin marks with :func:`translatable`
TRANSLATABLE_CONTEXT = "Plugin"


def translatable(text: str) -> str:
    """Mark a Qt-free string the window shows (a plugin's ``name``, an :class:`Exporter`'s description).

    It returns ``text`` unchanged; ``tools/update_translations.py`` collects it into the plugin's
    ``.ts`` file under the context :data:`TRANSLATABLE_CONTEXT`, and the window shows it translated.
    """
    return text


# --------------------------------------------------------------------------- packs


@dataclass(frozen=True)
class PackInfo:
    """What a plugin may know about the pack an item belongs to."""

    id: str
    version: str
    title: str
    kind: str
    language: str
    content_hash: str
    instructions_hash: str
    task: Mapping[str, Any]
    root: Path
    """The pack's folder in the worker's data directory (read only)."""

    def media_path(self, relative: str) -> Path:
        """The file a pack-relative media path names, never outside the pack."""
        return resolve_media(self.root, relative)


def resolve_media(root: Path, relative: str) -> Path:
    """Resolve ``relative`` inside ``root``; raise ``ValueError`` if it would leave it."""
    if not isinstance(relative, str) or not relative:
        raise ValueError("media path must be a non-empty string")
    if "\\" in relative or "\x00" in relative:
        raise ValueError(f"media path {relative!r} has a backslash or NUL character")
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise ValueError(f"media path {relative!r} leaves the pack")
    root_resolved = root.resolve()
    path = (root_resolved / pure).resolve()
    if not path.is_relative_to(root_resolved):
        raise ValueError(f"media path {relative!r} leaves the pack")
    return path


@dataclass(frozen=True)
class PackNewOption:
    """A command-line option a plugin adds to ``annotator pack new``.

    ``name`` is the long option without dashes (``labels`` gives ``--labels``).
    ``kind`` is ``"str"``, ``"list"`` (comma-separated) or ``"int"``.
    """

    name: str
    help: str
    kind: str = "str"
    default: Any = None


@dataclass
class NewPack:
    """What :meth:`TaskPlugin.new_pack` returns: the plugin's part of a new pack.

    The core writes ``pack.toml`` (with ``task`` as its ``[task]`` table),
    ``instructions.md``, ``items.jsonl`` and copies ``files`` (pack-relative path to
    source file) into the pack.
    """

    task: dict[str, Any]
    items: list[dict[str, Any]]
    files: dict[str, Path] = field(default_factory=dict)
    instructions: str = ""


# --------------------------------------------------------------------------- exports


@dataclass(frozen=True)
class ExportOption:
    """A command-line option an exporter adds to ``annotator export`` and ``results merge``.

    ``name`` is the long option without dashes (``val`` gives ``--val``). ``kind`` is
    ``"str"``, ``"int"``, ``"float"``, ``"list"`` (comma-separated) or ``"flag"`` (no value:
    ``True`` when given). ``default`` is what the exporter reads when the option is not given.
    The values reach the exporter in :attr:`ExportContext.options` by name; ``--format list``
    and ``--help`` show them. An option given with a format that does not declare it is refused.
    """

    name: str
    help: str
    kind: str = "str"
    default: Any = None
    metavar: str | None = None



@dataclass(frozen=True)
class ExportRecord:
    """One item's result, as exporters see it."""

    item: Mapping[str, Any]
    """The item's line from ``items.jsonl`` (``id``, ``media``, ``training``, plugin fields)."""
    annotation: Mapping[str, Any] | None
    state: str
    reason: str | None = None
    instructions_hash: str | None = None
    """The instructions in force when the annotation was last saved."""
    updated_at: float | None = None
    worker: str | None = None
    """The worker's pseudonym when a lab merges results bundles; ``None`` on the worker's machine."""
    checked: bool = False
    """``True`` only when the pack's plugin accepted :attr:`annotation` with its
    :meth:`TaskPlugin.check_annotation` against this very pack: a lab's merge, where every result
    was checked on its way into the lab's database (ADR 0634). An exporter may then take the
    annotation as it is instead of validating it again (never skipping anything that makes the
    output correct, such as unique ids). ``False`` for everything else, which an exporter checks
    as it reads: a worker's own store, a consensus record, a test's record."""

    @property
    def item_id(self) -> str:
        return str(self.item["id"])


#: the item states an export holds unless ``--states`` says otherwise
DEFAULT_EXPORT_STATES = ("submitted",)


@dataclass
class ExportContext:
    """Everything an exporter may read."""

    pack: PackInfo
    records: Callable[[], Iterator[ExportRecord]]
    """Called to iterate the records (again) in pack order; one per item and worker. Only the
    records in :attr:`states` are given: the exporter writes what it is given."""
    tool_version: str
    options: Mapping[str, Any] = field(default_factory=dict)
    """The values of the exporter's :attr:`Exporter.options` by name (their defaults when not given)."""
    states: tuple[str, ...] = DEFAULT_EXPORT_STATES
    """The item states chosen (``--states``); :attr:`records` gives only these."""

    def option(self, name: str, default: Any = None) -> Any:
        """An option's value: what was given, else its declared default, else ``default``."""
        value = self.options.get(name)
        return default if value is None else value

    def header(self) -> dict[str, Any]:
        """The provenance every export carries: pack id, version, hashes, tool."""
        return {
            "pack": {
                "id": self.pack.id,
                "version": self.pack.version,
                "kind": self.pack.kind,
                "title": self.pack.title,
                "content_hash": self.pack.content_hash,
                "instructions_hash": self.pack.instructions_hash,
            },
            "tool": {"name": "annotator", "version": self.tool_version},
            "states": list(self.states),
        }


@dataclass(frozen=True)
class Exporter:
    """A result format a plugin offers, by name (``annotator export --format NAME``).

    ``write(context, out)`` writes to ``out``: a file, or a folder when
    ``writes_folder`` is true (YOLO's one text file per image, for example). It returns what
    the output holds, as counts by name in the order they are said (``{"images": 5,
    "annotations": 12}``, each name as it reads after a number), or ``None``; the command line's
    summary line says exactly these counts. ``options`` are the format's own command-line options.
    """

    name: str
    description: str
    suffix: str
    write: Callable[[ExportContext, Path], Mapping[str, int] | None]
    writes_folder: bool = False
    options: Sequence[ExportOption] = ()


def own_json_exporter(name: str = "json") -> Exporter:
    """The project's own JSON results format, shared by every plugin.

    ``{"format": "annotator-results/1", "pack": {...}, "tool": {...}, "items": [...]}``
    with each item's line, state, reason, instructions hash and annotation.
    """

    def write(context: ExportContext, out: Path) -> dict[str, int]:
        import orjson

        head = {"format": "annotator-results/1", **context.header()}
        # streamed, one item per line: a lab's merge of 500,000 results never sits in memory whole
        with open_atomic(Path(out)) as fh:
            fh.write(orjson.dumps(head, option=orjson.OPT_INDENT_2)[:-2] + b',\n  "items": [\n')
            first = True
            n = 0
            for record in context.records():
                n += 1
                entry = {
                    "id": record.item_id,
                    "item": dict(record.item),
                    "state": record.state,
                    "reason": record.reason,
                    "instructions_hash": record.instructions_hash,
                    "updated_at": record.updated_at,
                    "annotation": record.annotation,
                }
                if record.worker is not None:
                    entry["worker"] = record.worker
                fh.write((b"" if first else b",\n") + b"    " + orjson.dumps(entry, option=orjson.OPT_NON_STR_KEYS))
                first = False
            fh.write(b"\n  ]\n}\n")
        return {"items": n}

    return Exporter(name, translatable("annotator's own JSON: every item, state and annotation"), ".json", write)


def csv_cell(value: Any) -> Any:
    """A value safe in a CSV cell a spreadsheet may open (``annotator.core.safetext.csv_cell``):
    numbers stay numbers, a string starting like a formula (``=``, ``+``, ``-``, ``@``, ...) is
    prefixed with a quote. Every string from a pack or a bundle goes through it in a CSV export."""
    from annotator.core.safetext import csv_cell as neutralised

    return neutralised(value)


class _RawFd(io.RawIOBase):
    """A file descriptor as a raw stream whose writes are plain ``os.write`` calls."""

    def __init__(self, fd: int):
        self.fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return os.write(self.fd, data)

    def close(self) -> None:
        if not self.closed:
            try:
                os.close(self.fd)
            finally:
                super().close()


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file that becomes ``path`` only when the ``with`` block ends without an error.

    Written to a temporary file beside ``path`` and renamed over it: never half a file.
    A full disk, a used-up quota or a read-only folder raises
    :class:`annotator.core.errors.StorageError` (a ``UserError`` naming the folder and the
    free space); on any error ``path`` is unchanged and no temporary file is left.
    """
    from annotator.core.errors import msg, storage_errors

    path = Path(path)
    with storage_errors(path.parent, msg("write {name}", name=path.name)):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        # 0o666 less the umask, like any new file: the rename must not change who may read it
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with io.BufferedWriter(_RawFd(fd), buffer_size=1 << 16) as fh:
                yield fh
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never half a file.

    A full disk raises :class:`annotator.core.errors.StorageError` (see :func:`open_atomic`).
    """
    with open_atomic(path) as fh:
        fh.write(data)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    write_bytes_atomic(path, text.encode("utf-8"))


@dataclass(frozen=True)
class Consensus:
    """What :meth:`TaskPlugin.consensus` returns for one item."""

    annotation: Mapping[str, Any] | None
    """The fused annotation, or ``None`` when the workers agree on nothing for this item."""
    counts: Mapping[str, int] = field(default_factory=dict)
    """What was dropped or decided by rule, by name (``{"tag ties": 1}``); summed over the merge
    and printed. Name each count the way it should read after a number (``"2 tag ties"``)."""


# --------------------------------------------------------------------------- editing


class EditorHost(Protocol):
    """What the app gives an editor for one item (see :mod:`annotator.plugin_api.qt`).

    An editor reads the item and its saved annotation from here and reports every
    change and every sign of activity back; it never writes files itself.
    """

    pack: PackInfo
    item: Mapping[str, Any]
    annotation: Mapping[str, Any] | None
    """The annotation saved for this item, or ``None`` for a fresh item."""
    cache_dir: Path
    """A folder the plugin may use for caches (e.g. waveform pyramids); may be wiped."""

    def media_path(self, relative: str | None = None) -> Path:
        """The item's media file (or another pack-relative file)."""

    def save(self, annotation: Mapping[str, Any]) -> None:
        """Store the item's whole annotation now (JSON-serialisable). Call on every change."""

    def previous_annotation(self) -> Mapping[str, Any] | None:
        """The annotation saved for the item before this one in the pack, if any (to copy from)."""

    def activity(self) -> None:
        """Report a sign of the worker's activity that is not a Qt input event."""

    def media_playing(self, playing: bool) -> None:
        """Report that media started or stopped playing (counts as activity)."""

    def setting(self, key: str, default: Any = None) -> Any:
        """Read one of this plugin's worker settings."""

    def set_setting(self, key: str, value: Any) -> None:
        """Write one of this plugin's worker settings (JSON-serialisable)."""

    def notify(self, message: str) -> None:
        """Show a short, non-blocking message to the worker."""


@dataclass(frozen=True)
class Shortcut:
    """A keyboard shortcut an editor handles, listed in the help overlay."""

    keys: str
    """In Qt's portable text form, e.g. ``"Ctrl+Space"`` or ``"1-9"``."""
    description: str
    group: str = ""


# --------------------------------------------------------------------------- the plugin


class TaskPlugin:
    """Base class of a task plugin. Override what your plugin does.

    Every method may raise; the app catches it and never goes down. Validation
    methods return lists of human-readable problems instead of raising.
    """

    #: the plugin id; equals the entry point's name and the pack ``kind``
    id: str = ""
    #: the name shown to the worker, marked ``translatable("Image annotation")`` to be translated
    name: str = ""
    api_version: int = API_VERSION
    version: str = "0"
    #: whether every item must name a ``media`` file
    needs_media: bool = False
    #: file name suffixes (lower case, with the dot) ``pack new`` collects from a folder
    media_suffixes: tuple[str, ...] = ()
    #: a folder of Qt Linguist ``.ts`` files (``<lang>.ts``) translating the editor
    translations_dir: Path | None = None

    # -- packs -----------------------------------------------------------------

    def validate_task(self, task: Mapping[str, Any]) -> list[str]:
        """Problems with the pack's ``[task]`` table; each message names its key."""
        return []

    def validate_item(self, item: Mapping[str, Any], task: Mapping[str, Any]) -> list[str]:
        """Problems with one item's plugin fields (the core checks id, media, training)."""
        return []

    def validate_media(self, path: Path, head: bytes) -> str | None:
        """A problem with one media file, from its first 64 bytes, or ``None``.

        Called once per distinct file; must be cheap (packs have 100,000 items).
        """
        return None

    pack_new_options: Sequence[PackNewOption] = ()

    def new_pack(self, source: Path, options: Mapping[str, Any]) -> NewPack:
        """Build the plugin's part of a pack from ``source`` (``annotator pack new``)."""
        raise NotImplementedError(f"the {self.id} plugin cannot create packs")

    # -- results ---------------------------------------------------------------

    def shows(self, item: Mapping[str, Any], pack: PackInfo) -> Mapping[str, float]:
        """What the worker reads or hears on this item: ``{"words": n, "media_seconds": s}``.

        The meter keeps a view's idle threshold at least the time it takes to read the words
        (200 a minute) and hear or watch the media (``docs/metering.md``, rules 2), so that silent
        reading counts as the work it is. Optional: the default counts the words of the item's
        text fields (every string but ids and media paths) and no media. A plugin that knows its
        media's duration, or which fields are shown, overrides it."""
        return {"words": count_item_words(item), "media_seconds": 0.0}

    def exporters(self) -> Sequence[Exporter]:
        """Result formats by name; include :func:`own_json_exporter`."""
        return [own_json_exporter()]

    def is_empty(self, annotation: Mapping[str, Any] | None) -> bool:
        """Whether an annotation holds nothing the worker made (shown before submit)."""
        return not annotation

    def summary(self, annotation: Mapping[str, Any] | None) -> str:
        """A few words on an annotation, for lists (``"3 boxes"``)."""
        return "" if not annotation else "annotated"

    def agreement(self, groups: Sequence[Any], task: Mapping[str, Any]) -> list[Any]:
        """Agreement between workers on the items several of them did (the lab's merge and report).

        ``groups`` is an iterable of :class:`annotator.plugin_api.agreement.ItemGroup`,
        streamed in pack order and **consumed once** (a lab may merge 500,000 results);
        return :class:`annotator.plugin_api.agreement.AgreementFigure` s (mean IoU, word
        error rate, Krippendorff's alpha, ...). The default measures nothing.
        """
        return []

    def check_annotation(self, annotation: Mapping[str, Any], item: Mapping[str, Any], pack: PackInfo) -> list[str]:
        """Problems with one worker's annotation of ``item`` in a results bundle (the lab's merge).

        Called by ``annotator results merge`` before anything of the bundle is stored, once per
        item with an annotation, for every bundle (a lab may merge 500,000 results: keep it cheap
        and never decode media whole). The core has already checked the item id, the state and
        that ``annotation`` is a JSON object. Return human-readable problems (``"shapes[2]: label
        'tank' is not one of the pack's labels"``); any problem refuses the whole bundle with its
        reason and the merge goes on with the others. Check what the exports trust: types,
        ranges, finite numbers, labels and other names the pack declares. May raise: the bundle
        is then refused, naming the plugin. The default accepts any object.
        """
        return []

    def consensus(self, group: Any, task: Mapping[str, Any]) -> "Consensus":
        """One annotation made of what several workers made of one item (``results merge --consensus``).

        ``group`` is an :class:`annotator.plugin_api.agreement.ItemGroup` with every worker who
        submitted the item (one worker is possible); return a :class:`Consensus`: the fused
        annotation (in the plugin's own annotation format, so that every exporter reads it) or
        ``None`` when the workers agree on nothing, and counts of what was dropped (ties,
        contradictions). Called once per item, in pack order. The default offers no consensus
        (``NotImplementedError``): the merge says so and writes nothing.
        """
        raise NotImplementedError(f"the {self.id} plugin offers no consensus")

    def prelabel_change(self, item: Mapping[str, Any], annotation: Mapping[str, Any] | None,
                        task: Mapping[str, Any]) -> float | None:
        """How much of the machine's work on ``item`` the worker's final ``annotation`` kept (the lab's report).

        The machine's work is where the plugin keeps it on the item (ADR 0662, "the prelabel
        contract": ``prelabel`` for images). Return a number from 0.0 (nothing of it kept) to 1.0
        (kept exactly as it was, nothing added), or ``None`` when the item has no machine work or
        the plugin does not measure it (the default). Called once per submitted item of the
        bundles the report reads, with annotations the lab's checks accepted; may raise (the
        report then says the plugin failed and goes on).
        """
        return None

    # -- editing (Qt) ------------------------------------------------------------

    def prefetch(self, pack: PackInfo, item: Mapping[str, Any], cache_dir: Path) -> None:
        """Get ``item`` ready before the worker opens it; the default does nothing.

        The app calls this on a background thread, one item at a time, shortly after an
        item is on screen, for the items the worker is likely to open next (the next one
        still to do, then the next in the pack). Decode what is slow to decode into
        ``cache_dir``, the same folder :attr:`EditorHost.cache_dir` gives the editor.
        Never touch widgets or the store; an exception is logged and ignored. A request
        the worker has already moved past is dropped before it starts.
        """
        return None

    def create_editor(self, parent: Any = None) -> Any:
        """A new :class:`annotator.plugin_api.qt.ItemEditor` for this kind.

        Called once per opened pack; the editor is then given one item after the
        other through ``load(host)``. Import Qt inside this method only.
        """
        raise NotImplementedError(f"the {self.id} plugin has no editor")


#: item keys whose strings are not read by the worker (ids, media paths)
NOT_READ_KEYS = frozenset({"id", "media", "image", "audio", "video", "src", "path", "url"})


def count_item_words(item: Any) -> int:
    """The words in an item's text fields: every string in it, but under :data:`NOT_READ_KEYS`."""
    from annotator.core.metering.reading import count_words

    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, Mapping):
            for key, sub in value.items():
                if str(key).lower() not in NOT_READ_KEYS:
                    walk(sub)
        elif isinstance(value, (list, tuple)):
            for sub in value:
                walk(sub)

    walk(item)
    return count_words(texts)
