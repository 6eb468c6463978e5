#!/usr/bin/env python3
"""Collect translatable strings into Qt Linguist ``.ts`` files, keeping existing translations.

    python tools/update_translations.py            # update every .ts file listed in CATALOGS
    python tools/update_translations.py --check    # exit 1 listing strings without a French translation

Marked strings: ``self.tr("...")`` (context: the enclosing class), and
``QCoreApplication.translate("Context", "...")`` or ``tr("Context", "...")``, and a plugin's
Qt-free ``translatable("...")`` (context ``Plugin``: its name, its export formats' descriptions),
and a core message ``msg("... {field} ...", field=value)`` (context ``core``: ``annotator.core.errors.msg``;
the French keeps every ``{field}``).
A string with ``%n`` (or ``%Ln``), passed its count as in ``self.tr("%n shape(s)", "", n)``, is a
plural message (``numerus="yes"``): its French has two ``<numerusform>`` forms (singular for 0
and 1, plural from 2).
Each catalog takes the strings of its source folders; a folder listed for a more
specific catalog is left out of a broader one, so each string lives in one file.
"""
from __future__ import annotations

import argparse
import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE = "fr"

#: catalog file -> source folders (relative to the repository)
CATALOGS: dict[str, list[str]] = {
    "annotator/resources/translations/annotator_fr.ts": ["annotator"],
    "annotator/resources/translations/metering_fr.ts": ["annotator/ui/metering"],
    "plugins/annotator_image/translations/fr.ts": ["plugins/annotator_image"],
    "plugins/annotator_transcription/translations/fr.ts": ["plugins/annotator_transcription"],
    "plugins/annotator_rating/translations/fr.ts": ["plugins/annotator_rating"],
}


def _const(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract_file(path: Path) -> list[tuple[str, str, int]]:
    """``(context, source, line)`` for every marked string in one Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[tuple[str, str, int]] = []

    def visit(node, cls: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call):
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if (name == "tr" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                        and func.value.id == "self" and child.args and cls):
                    text = _const(child.args[0])
                    if text is not None:
                        found.append((cls, text, child.lineno))
                elif name == "msg" and isinstance(func, ast.Name) and child.args and _const(child.args[0]) is not None:
                    found.append(("core", _const(child.args[0]), child.lineno))  # core.errors.msg: a core message
                elif name == "translatable" and len(child.args) == 1 and _const(child.args[0]) is not None:
                    found.append(("Plugin", _const(child.args[0]), child.lineno))  # plugin_api.translatable
                elif name in ("translate", "tr") and len(child.args) >= 2:
                    context, text = _const(child.args[0]), _const(child.args[1])
                    if context is not None and text is not None:
                        found.append((context, text, child.lineno))
            visit(child, cls)

    visit(tree, None)
    return found


def sources_of(catalog: str) -> list[Path]:
    own = [ROOT / d for d in CATALOGS[catalog]]
    others = [ROOT / d for c, dirs in CATALOGS.items() if c != catalog for d in dirs]
    files = []
    for folder in own:
        for path in sorted(folder.rglob("*.py")):
            # leave out files that a more specific catalog claims
            if any(o != folder and o.is_relative_to(folder) and path.is_relative_to(o) for o in others):
                continue
            files.append(path)
    return files


def extract(catalog: str) -> dict[str, list[tuple[str, str, int]]]:
    by_context: dict[str, list[tuple[str, str, int]]] = {}
    seen: set[tuple[str, str]] = set()
    for path in sources_of(catalog):
        rel = path.relative_to(ROOT).as_posix()
        for context, text, line in extract_file(path):
            if (context, text) in seen:
                continue
            seen.add((context, text))
            by_context.setdefault(context, []).append((text, rel, line))
    return by_context


def read_existing(path: Path) -> dict[tuple[str, str], str | tuple[str, ...]]:
    if not path.exists():
        return {}
    table = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            node = message.find("translation")
            if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = tuple(f.text or "" for f in node.iter("numerusform"))
            if forms and all(forms):
                table[(name, message.findtext("source") or "")] = forms
            elif node.text and node.text.strip():
                table[(name, message.findtext("source") or "")] = node.text
    return table


PLURAL_FORMS = 2  # French: 0-1, 2+


def plural(text: str) -> bool:
    """A plural message: the count goes in as ``%n`` (or ``%Ln``, in the locale's digits)."""
    return "%n" in text or "%Ln" in text


def finished(text: str, translation) -> bool:
    """A plural source needs its forms; any other source a plain translation."""
    if plural(text):
        return isinstance(translation, tuple) and len(translation) == PLURAL_FORMS
    return isinstance(translation, str) and bool(translation)


def write_ts(path: Path, by_context, existing) -> list[tuple[str, str]]:
    root = ET.Element("TS", version="2.1", language=f"{LANGUAGE}_FR" if LANGUAGE == "fr" else LANGUAGE)
    missing = []
    for context in sorted(by_context):
        ctx_el = ET.SubElement(root, "context")
        ET.SubElement(ctx_el, "name").text = context
        for text, rel, line in by_context[context]:
            msg = ET.SubElement(ctx_el, "message")
            ET.SubElement(msg, "location", filename=rel)
            ET.SubElement(msg, "source").text = text
            translation = existing.get((context, text))
            tr_el = ET.SubElement(msg, "translation")
            if plural(text):
                msg.set("numerus", "yes")
                forms = translation if isinstance(translation, tuple) else ("",) * PLURAL_FORMS
                for form in forms:
                    ET.SubElement(tr_el, "numerusform").text = form
            if finished(text, translation):
                if not isinstance(translation, tuple):
                    tr_el.text = translation
            else:
                tr_el.set("type", "unfinished")
                missing.append((context, text))
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return missing


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if a string is untranslated")
    args = parser.parse_args(argv)
    problems = 0
    for catalog in CATALOGS:
        if not all((ROOT / d).exists() for d in CATALOGS[catalog]):
            continue
        by_context = extract(catalog)
        path = ROOT / catalog
        existing = read_existing(path)
        if args.check:
            for context, entries in by_context.items():
                for text, rel, line in entries:
                    if not finished(text, existing.get((context, text))):
                        problems += 1
                        print(f"{rel}:{line}: no French translation for {context}: {text!r}")
            continue
        if not by_context and not path.exists():
            continue
        missing = write_ts(path, by_context, existing)
        print(f"{catalog}: {sum(len(v) for v in by_context.values())} strings, {len(missing)} to translate")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
