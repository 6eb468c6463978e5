"""Translations: Qt Linguist ``.ts`` files read directly (no compiled ``.qm`` to commit).

The app's strings live in ``resources/translations/*_<lang>.ts``; a plugin
may ship its own ``<lang>.ts`` files in its ``translations_dir``. Strings are
marked in code with ``self.tr("...")`` in a QObject, or
``QCoreApplication.translate("Context", "...")``; ``tools/update_translations.py``
collects them into the ``.ts`` files.

French, complete (ADR 0036):

* Qt's own strings (Cancel, Yes, No, Close in its dialogs) come from the ``qtbase_<lang>``
  catalogue that ships with PySide6;
* a string with a count is written with ``%n`` and passed the count: ``self.tr("%n shape(s)", "", n)``.
  French has its ``<numerusform>`` forms in the ``.ts`` file (0 and 1 are singular); English drops
  ``(s)`` for 1 and keeps the ``s`` otherwise;
* :func:`arg` fills ``%1``, ``%2``... and elides French ``de``/``que`` before a vowel
  (``d’Eco lab``), since a pack's name is only known when the string is shown;
* numbers go through :func:`number` (``QLocale``: ``0,5``, ``22,05`` in French).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6 import QtCore

from annotator.core.paths import RESOURCES
from annotator.core.errors import Problem, Text
from annotator.plugin_api.qt import number

TRANSLATIONS = RESOURCES / "translations"
LANGUAGES = {"en": "English", "fr": "Français"}


def read_ts(path: Path) -> dict[tuple[str, str], str | tuple[str, ...]]:
    """``{(context, source): translation}`` for every finished translation in a ``.ts`` file.

    A plural message (``numerus="yes"``) maps to the tuple of its forms.
    """
    table: dict[tuple[str, str], str | tuple[str, ...]] = {}
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
            forms = tuple(f.text or "" for f in node.iter("numerusform"))
            if message.get("numerus") == "yes" and forms and all(forms):
                table[(name, source)] = forms
            elif node.text and node.text.strip():
                table[(name, source)] = node.text
    return table


def plural_form(language: str, n: int) -> int:
    """Which numerus form a count takes: French puts 0 and 1 in the singular, English only 1."""
    if language == "fr":
        return 0 if abs(n) <= 1 else 1
    return 0 if abs(n) == 1 else 1


def english_plural(source: str, n: int) -> str:
    """``"%n shape(s)"`` -> ``"%n shape"`` for 1, ``"%n shapes"`` otherwise (the source is English)."""
    if plural_form("en", n) == 0:
        return re.sub(r"\((e?s)\)", "", source)
    return re.sub(r"\((e?s)\)", r"\1", source)


class TsTranslator(QtCore.QTranslator):
    """A QTranslator fed from ``.ts`` files."""

    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.language = language
        self.table: dict[tuple[str, str], str | tuple[str, ...]] = {}
        self.qt: QtCore.QTranslator | None = None
        """Qt's own catalogue (``qtbase_fr``): the buttons of its standard dialogs."""

    def add_file(self, path: Path) -> None:
        if path.exists():
            self.table.update(read_ts(path))

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 - Qt API
        # None (a null string) means "not here": an empty string would be taken as the translation,
        # blanking every untranslated string, and PySide's tr() would blank those translated to themselves
        found = self.table.get((context, source_text))
        if isinstance(found, tuple):  # a plural: Qt puts the count in for %n
            return found[min(plural_form(self.language, n if n is not None and n >= 0 else 2), len(found) - 1)]
        if found is None and n is not None and n >= 0 and ("%n" in (source_text or "") or "%Ln" in source_text):
            return english_plural(source_text, n)  # no forms shipped: the English source, worded for n
        return found

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False  # English has no table but still words its plurals


def choose_language(setting: str | None) -> str:
    if setting in LANGUAGES:
        return setting
    system = QtCore.QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install(app: QtCore.QCoreApplication, language: str, plugin_dirs: list[Path] = ()) -> TsTranslator | None:
    """Install the translation for ``language`` and Qt's own.

    English has no table but its plurals: the forms a plugin ships in its ``en.ts``, else the
    source worded for the count (:func:`english_plural`).
    """
    translator = TsTranslator(language, app)
    if language == "en":
        for folder in plugin_dirs:
            if folder:
                translator.add_file(Path(folder) / "en.ts")
        app.installTranslator(translator)
        QtCore.QLocale.setDefault(QtCore.QLocale(QtCore.QLocale.Language.English))
        return translator
    qt = QtCore.QTranslator(app)
    folder = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", folder):
        app.installTranslator(qt)
        translator.qt = qt
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
        if translator.qt is not None:
            app.removeTranslator(translator.qt)
    QtCore.QLocale.setDefault(QtCore.QLocale(QtCore.QLocale.Language.English))


def tr(context: str, text: str) -> str:
    return QtCore.QCoreApplication.translate(context, text)


# ------------------------------------------------------------------ filling in, numbers

#: the French apostrophe, in the catalogues and in elisions (docs/design.md, "Typography")
APOSTROPHE = "’"
_VOWEL_START = re.compile(r"^[\"«“ ]*[aeiouyàâäéèêëîïôöûùüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÙÜŒÆ]")


def french() -> bool:
    return QtCore.QLocale().language() == QtCore.QLocale.Language.French


def arg(text: str, *values) -> str:
    """``text`` with ``%1``, ``%2``... replaced by ``values`` (numbers in the locale's format).

    In French, ``de %1`` and ``que %1`` become ``d’%1`` and ``qu’%1`` when the value starts with a
    vowel: "Consignes d’Eco lab", never "Consignes de Eco lab".
    """
    filled = []
    for value in values:
        filled.append(number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value))
    is_french = french()

    def put(match: re.Match) -> str:
        index = int(match.group(2)) - 1
        if index >= len(filled):
            return match.group(0)
        value = filled[index]
        before = match.group(1) or ""
        if before and is_french and _VOWEL_START.match(value):
            word = before.rstrip()
            return word[:-1] + APOSTROPHE + value  # "de " -> "d’", "que " -> "qu’"
        return before + value

    return re.sub(r"(\b(?:[dD]e|[qQ]ue) )?%(\d+)", put, text)


# ------------------------------------------------------------------ the core's messages

class _LocaleFloat(float):
    """A float a core message formats (``{amount:.1f}``) with the locale's decimal point: ``1,2 Go``."""

    def __format__(self, spec: str) -> str:
        text = format(float(self), spec)
        point = QtCore.QLocale().decimalPoint()
        return text.replace(".", point) if point != "." and spec[-1:] in ("f", "") else text


def core_text(value) -> str:
    """A core message in the worker's language: a :class:`~annotator.core.errors.Text` (made by
    ``errors.msg``) has its template translated (context ``core``), then its values filled in
    (values that are messages translated too); anything else is shown as it is."""
    if isinstance(value, Problem):
        where = value.file if value.line is None else f"{value.file}:{value.line}"
        return f"{where}: {core_text(value.message)}"
    if not isinstance(value, Text):
        return str(value)
    template = QtCore.QCoreApplication.translate("core", value.template)
    values = {key: core_text(v) if isinstance(v, (Text, Problem)) else
              _LocaleFloat(v) if isinstance(v, float) else v for key, v in value.values.items()}
    if french():  # "impossible de {what}" with "enregistrer": "impossible d’enregistrer"
        def elide(match: re.Match) -> str:
            start = str(values.get(match.group(3), ""))
            return match.group(1).rstrip()[:-1] + APOSTROPHE + match.group(2) if _VOWEL_START.match(start) else match.group(0)
        template = re.sub(r"\b((?:[dD]e|[qQ]ue) )(\{(\w+)[^{}]*\})", elide, template)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: the English, never a crash
        return str(value)


def error_text(exc: BaseException) -> str:
    """What a window dialog says for a :class:`UserError` (its message translated when it can be)."""
    return core_text(exc.args[0]) if exc.args else str(exc)


def problems_text(problems, limit: int = 30) -> str:
    """A pack's problems, one a line, translated; at most ``limit`` of them and a count of the rest."""
    lines = [core_text(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(QtCore.QCoreApplication.translate("core", "... and %n more problem(s)", "",
                                                       len(problems) - limit))
    return "\n".join(lines)
