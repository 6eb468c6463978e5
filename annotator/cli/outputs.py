"""Output file names against the format chosen: ``-o t.txt`` never silently gets JSON."""
from __future__ import annotations

from pathlib import Path

from annotator.core.errors import UserError


def format_of(out: Path | None, given: str | None, by_suffix: dict[str, str], default: str | None = None) -> str:
    """The format to write: ``given`` (checked against ``out``'s suffix) or the one ``out``'s suffix names.

    ``by_suffix`` maps a suffix (``.csv``) to its format; ``default`` is used when
    there is no ``out``, or when ``out`` has no suffix and there is a default.
    """
    suffix = out.suffix.lower() if out is not None else ""
    if given:
        expected = [s for s, f in by_suffix.items() if f == given]
        if out is not None and expected and suffix != expected[0]:
            raise UserError(f"{out}: a {given} file ends in {expected[0]}; name it "
                            f"{out.with_suffix(expected[0]).name}, or choose the format its name says")
        return given
    if suffix in by_suffix:
        return by_suffix[suffix]
    if default is not None and (out is None or not suffix):
        return default
    names = ", ".join(by_suffix)
    raise UserError(f"{out}: which format? name the file {names}, or give --format")


def check_suffix(out: Path, fmt: str, suffix: str) -> None:
    """Refuse a file name whose suffix is not the one ``fmt`` writes (folders and suffix-less formats pass)."""
    if suffix and out.suffix.lower() != suffix.lower():
        raise UserError(f"{out}: the {fmt} format writes a {suffix} file; name it {out.with_suffix(suffix).name}")


def exporter_suffix(registry, fmt: str, kind: str | None = None) -> str:
    """The suffix every plugin's (or ``kind``'s) file format ``fmt`` writes, or "" if none or not one."""
    suffixes = set()
    for plugin_id, plugin in registry.plugins.items():
        if kind is not None and plugin_id != kind:
            continue
        try:
            exporters = plugin.exporters()
        except Exception:  # a plugin's failure is the export's to report, not the name check's
            continue
        suffixes |= {e.suffix if not e.writes_folder else "" for e in exporters if e.name == fmt}
    return suffixes.pop() if len(suffixes) == 1 else ""
