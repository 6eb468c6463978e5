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


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """``{(context, source): translation}`` for every finished translation in a ``.ts`` file."""
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
            if node.text:
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
        return self.table.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return not self.table


def choose_language(setting: str | None) -> str:
    if setting in LANGUAGES:
        return setting
    system = QtCore.QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install(app: QtCore.QCoreApplication, language: str, plugin_dirs: list[Path] = ()) -> TsTranslator | None:
    """Install the translation for ``language`` (English needs none)."""
    if language == "en":
        QtCore.QLocale.setDefault(QtCore.QLocale(QtCore.QLocale.Language.English))
        return None
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
