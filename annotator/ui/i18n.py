"""Translations: Qt Linguist ``.ts`` files read directly (no compiled ``.qm`` to commit).

The app's strings live in ``resources/translations/*_<lang>.ts``; a plugin
may ship its own ``<lang>.ts`` files in its ``translations_dir``. Strings are
marked in code with ``self.tr("...")`` in a QObject, or
``QCoreApplication.translate("Context", "...")``; ``tools/update_translations.py``
collects them into the ``.ts`` files.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6 import QtCore

from annotator.core.paths import RESOURCES

TRANSLATIONS = RESOURCES / "translations"
LANGUAGES = {"en": "English", "fr": "Français"}


#: which of a plural message's forms a count takes, per language (Qt's numerus forms)
PLURAL_FORM = {"en": lambda n: 0 if n == 1 else 1, "fr": lambda n: 0 if n <= 1 else 1}


def read_ts(path: Path) -> dict[tuple[str, str], str | tuple[str, ...]]:
    """``{(context, source): translation}`` for every finished translation in a ``.ts`` file
    (a plural, ``numerus="yes"``: the tuple of its forms)."""
    table: dict[tuple[str, str], str] = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            node = message.find("translation")
            if source is None or node is None:
                continue
            if node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if message.get("numerus") == "yes":
                forms = tuple(f.text or "" for f in node.iter("numerusform"))
                if forms and all(forms):
                    table[(name, source)] = forms
            elif node.text:
                table[(name, source)] = node.text
    return table


class TsTranslator(QtCore.QTranslator):
    """A QTranslator fed from ``.ts`` files."""

    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.language = language
        self.table: dict[tuple[str, str], str] = {}

    def add_file(self, path: Path) -> None:
        if path.exists():
            self.table.update(read_ts(path))

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 - Qt API
        # None (a null string) means "not here": an empty string would be taken as the translation,
        # blanking every untranslated string, and PySide's tr() would blank those translated to themselves
        found = self.table.get((context, source_text))
        if isinstance(found, tuple):  # a plural: Qt puts the count in for %n
            form = PLURAL_FORM.get(self.language, PLURAL_FORM["en"])(n if n is not None and n >= 0 else 2)
            return found[min(form, len(found) - 1)]
        return found

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return not self.table


def choose_language(setting: str | None) -> str:
    if setting in LANGUAGES:
        return setting
    system = QtCore.QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install(app: QtCore.QCoreApplication, language: str, plugin_dirs: list[Path] = ()) -> TsTranslator | None:
    """Install the translation for ``language`` (English needs none)."""
    if language == "en":  # English needs only the plural forms plugins ship (``en.ts``)
        QtCore.QLocale.setDefault(QtCore.QLocale(QtCore.QLocale.Language.English))
        plurals = TsTranslator(language, app)
        for folder in plugin_dirs:
            if folder:
                plurals.add_file(Path(folder) / "en.ts")
        if plurals.isEmpty():
            return None
        app.installTranslator(plurals)
        return plurals
    translator = TsTranslator(language, app)
    for path in sorted(TRANSLATIONS.glob(f"*_{language}.ts")):  # the app's, then the meter's
        translator.add_file(path)
    for folder in plugin_dirs:
        if folder:
            translator.add_file(Path(folder) / f"{language}.ts")
    app.installTranslator(translator)
    QtCore.QLocale.setDefault(QtCore.QLocale(language))
    return translator


def uninstall(app: QtCore.QCoreApplication, translator: TsTranslator | None) -> None:
    """Remove a translation installed by :func:`install` (and its number formats)."""
    if translator is not None:
        app.removeTranslator(translator)
    QtCore.QLocale.setDefault(QtCore.QLocale(QtCore.QLocale.Language.English))


def tr(context: str, text: str) -> str:
    return QtCore.QCoreApplication.translate(context, text)
