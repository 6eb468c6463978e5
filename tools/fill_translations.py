#!/usr/bin/env python3
"""Fill translations into a .ts catalog from a Python dict ``FR = {source: translation}``.

    python tools/fill_translations.py CATALOG.ts TRANSLATIONS.py

Only entries still marked unfinished are filled; existing translations are kept. A plural
message (``%n``) takes a tuple of its forms: ``"%n shape(s)": ("%n forme", "%n formes")``.
"""
from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(catalog: str, table_file: str) -> int:
    table = runpy.run_path(table_file)["FR"]
    path = Path(catalog)
    tree = ET.parse(path)
    filled = missing = 0
    for message in tree.getroot().iter("message"):
        node = message.find("translation")
        source = message.findtext("source")
        if node is not None and node.get("type") == "unfinished":
            if source in table:
                value = table[source]
                if isinstance(value, tuple):
                    for form in list(node):
                        node.remove(form)
                    for text in value:
                        ET.SubElement(node, "numerusform").text = text
                else:
                    node.text = value
                del node.attrib["type"]
                filled += 1
            else:
                missing += 1
    ET.indent(tree.getroot())
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' +
                    ET.tostring(tree.getroot(), encoding="unicode") + "\n", encoding="utf-8")
    print(f"{catalog}: {filled} filled, {missing} still to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
