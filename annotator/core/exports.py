"""Exporting a pack's results in any format its plugin offers.

Shared by ``annotator export`` (the worker's store) and ``annotator results merge`` (the lab's
database): the item states an export holds (``--states``), the format's own options
(:class:`~annotator.plugin_api.ExportOption`), and the summary line, which says what the
exporter reports the output holds, never what it was given.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from annotator import __version__
from annotator.core.errors import UserError, msg
from annotator.core.library import info_of
from annotator.core.progress import Progress, counted, silent
from annotator.core.store import PackRow, Store
from annotator.plugin_api import (DEFAULT_EXPORT_STATES, ITEM_STATES, ExportContext, Exporter, ExportOption,
                                  ExportRecord)

#: option kinds and how a command-line value becomes the exporter's value
OPTION_KINDS = ("str", "int", "float", "list", "flag")


def exporters_for(registry, kind: str) -> dict[str, Exporter]:
    return exporters_of(registry.get(kind), kind)


def exporters_of(plugin, kind: str) -> dict[str, Exporter]:
    """A plugin's formats by name; a plugin that fails to list them is named, never a crash."""
    try:
        found = list(plugin.exporters())
    except Exception as exc:
        raise UserError(f"the {kind} plugin cannot list its exporters: {type(exc).__name__}: {exc}") from None
    strange = [e for e in found if not isinstance(e, Exporter)]
    if strange:
        raise UserError(f"the {kind} plugin cannot list its exporters: it gave a {type(strange[0]).__name__}, "
                        "not an Exporter")
    return {e.name: e for e in found}


# --------------------------------------------------------------------------- states


def parse_states(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """``--states``: a comma-separated list of item states, or ``all``; the default is ``submitted``."""
    if text is None:
        return DEFAULT_EXPORT_STATES
    names = [s.strip() for s in (text.split(",") if isinstance(text, str) else text) if s.strip()]
    if names == ["all"]:
        return ITEM_STATES
    unknown = [s for s in names if s not in ITEM_STATES]
    if unknown or not names:
        what = f"{unknown[0]!r} is not an item state" if unknown else "name at least one state"
        raise UserError(f"--states: {what}; states are {', '.join(ITEM_STATES)} (or all)")
    return tuple(s for s in ITEM_STATES if s in names)


def in_states(records: Iterable[ExportRecord], states: tuple[str, ...]) -> Iterator[ExportRecord]:
    """The records whose item is in one of ``states`` (every record when all states are chosen)."""
    if set(states) >= set(ITEM_STATES):
        yield from records
        return
    chosen = frozenset(states)
    for record in records:
        if record.state in chosen:
            yield record


# --------------------------------------------------------------------------- options


def declared_options(exporter: Exporter) -> tuple[ExportOption, ...]:
    options = tuple(getattr(exporter, "options", ()) or ())
    return tuple(o for o in options if isinstance(o, ExportOption))


def option_values(exporter: Exporter, given: Mapping[str, Any]) -> dict[str, Any]:
    """The exporter's options with what was given (by option name), else their defaults.

    ``given`` holds only the options set on the command line; one the format does not declare
    is refused, naming the formats that do take it would be the plugin's business.
    """
    declared = {o.name: o for o in declared_options(exporter)}
    foreign = sorted(set(given) - set(declared))
    if foreign:
        raise UserError(f"--{foreign[0]} does not apply to the {exporter.name} format"
                        + (f" (its options: {', '.join('--' + n for n in declared)})" if declared else
                           " (it has no options of its own)"))
    values = {}
    for name, option in declared.items():
        value = given.get(name)
        if isinstance(value, str) and option.kind != "str":
            value = convert_option(option, value)
        values[name] = option.default if value is None else value
    return values


def convert_option(option: ExportOption, text: str) -> Any:
    """A command-line value for ``option``; a bad one is a :class:`UserError` naming the option."""
    try:
        if option.kind == "int":
            return int(text)
        if option.kind == "float":
            value = float(text)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError
            return value
    except ValueError:
        raise UserError(f"--{option.name}: {text!r} is not {'a whole number' if option.kind == 'int' else 'a number'}"
                        ) from None
    if option.kind == "list":
        return [v.strip() for v in text.split(",") if v.strip()]
    return text


# --------------------------------------------------------------------------- writing


@dataclass
class Written:
    """What an export wrote: the exporter, what it says the output holds, the records it was given."""

    exporter: Exporter
    counts: dict[str, int] | None
    given: int = 0
    states: tuple[str, ...] = DEFAULT_EXPORT_STATES
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.exporter.name

    def holds(self) -> str:
        """What the output holds, in words: ``5 images, 12 annotations``."""
        if self.counts is None:
            return f"not counted by the plugin; {self.given} records in the chosen states were given to it"
        return ", ".join(f"{n} {_singular(what) if n == 1 else what}" for what, n in self.counts.items()) or "nothing"


def _singular(what: str) -> str:
    """``images`` after 1 reads ``image`` (the first word loses its plural s)."""
    first, _, rest = what.partition(" ")
    if first.endswith("s") and not first.endswith("ss") and len(first) > 2:
        first = first[:-1]
    return f"{first} {rest}".rstrip()


def _counts(value: Any) -> dict[str, int] | None:
    if not isinstance(value, Mapping):
        return None
    counts = {}
    for what, n in value.items():
        if isinstance(what, str) and isinstance(n, int) and not isinstance(n, bool) and n >= 0:
            counts[what[:100]] = n
    return counts


def run_exporter(exporter: Exporter, context: ExportContext, out: Path, kind: str, fmt: str) -> Written:
    """Write one export; a failing exporter is a clear message, never a traceback."""
    given = {"n": 0}
    records: Callable[[], Iterator[ExportRecord]] = context.records

    def in_chosen_states() -> Iterator[ExportRecord]:
        given["n"] = 0
        for record in in_states(records(), context.states):
            given["n"] += 1
            yield record

    context.records = in_chosen_states
    try:
        result = exporter.write(context, out)
    except UserError:
        raise
    except OSError as exc:
        raise UserError(msg("cannot write {path}: {reason}", path=out, reason=exc.strerror or exc)) from None
    except Exception as exc:
        raise UserError(msg("the {kind} plugin failed to export {format}: {reason}", kind=kind, format=fmt,
                            reason=f"{type(exc).__name__}: {exc}")) from None
    finally:
        context.records = records
    return Written(exporter, _counts(result), given["n"], context.states)


def find_exporter(exporters: Mapping[str, Exporter], fmt: str, kind: str) -> Exporter:
    exporter = exporters.get(fmt)
    if exporter is None:
        raise UserError(f"unknown format {fmt!r} for {kind} packs; formats: {', '.join(sorted(exporters))}")
    return exporter


def export_pack(store: Store, registry, row: PackRow, fmt: str, out: Path, *,
                states: tuple[str, ...] = DEFAULT_EXPORT_STATES, options: Mapping[str, Any] | None = None,
                progress: Progress = silent) -> Written:
    """Write the pack's results in ``fmt``: the items in ``states``, with the format's ``options``."""
    exporter = find_exporter(exporters_for(registry, row.kind), fmt, row.kind)
    context = ExportContext(pack=info_of(row), records=lambda: counted(store.iter_records(row.pk), progress,
                                                                       "exporting items", row.item_count),
                            tool_version=__version__, options=option_values(exporter, options or {}),
                            states=tuple(states))
    out = Path(out)
    if out.exists() and out.is_dir() and not exporter.writes_folder:
        raise UserError(msg("{path} is a folder; the {format} format writes a file", path=out, format=fmt))
    return run_exporter(exporter, context, out, row.kind, fmt)
