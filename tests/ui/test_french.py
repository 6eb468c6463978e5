"""French complete: Qt's own buttons, plural forms, elision, number formats, one word per concept."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from annotator.core.registry import installed
from annotator.plugin_api.qt import number
from annotator.ui import i18n, theme

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted(ROOT.glob("annotator/resources/translations/*_fr.ts")) + sorted(ROOT.glob("plugins/*/translations/fr.ts"))


@pytest.fixture
def french(qapp):
    translator = i18n.install(qapp, "fr", installed().translations_dirs())
    yield translator
    i18n.uninstall(qapp, translator)


@pytest.fixture
def english(qapp):
    translator = i18n.install(qapp, "en")
    yield translator
    i18n.uninstall(qapp, translator)


def translate(context: str, text: str, n: int = -1) -> str:
    return QtCore.QCoreApplication.translate(context, text, None, n)


def test_qt_own_dialog_buttons_and_key_names_are_french(french, qtbot):
    box = QtWidgets.QMessageBox()
    qtbot.addWidget(box)
    buttons = QtWidgets.QMessageBox.StandardButton
    box.setStandardButtons(buttons.Yes | buttons.No | buttons.Cancel | buttons.Close)
    texts = {box.button(b).text().replace("&", "") for b in (buttons.Yes, buttons.No, buttons.Cancel, buttons.Close)}
    assert texts == {"Oui", "Non", "Annuler", "Fermer"}
    native = QtGui.QKeySequence.SequenceFormat.NativeText
    assert QtGui.QKeySequence("Delete").toString(native) == "Suppr"
    assert QtGui.QKeySequence("Shift+Space").toString(native) == "Maj+Espace"


def test_counts_take_the_right_plural_form_in_french(french):
    assert translate("ImageEditor", "%n shape(s)", 1) == "1 forme"
    assert translate("ImageEditor", "%n shape(s)", 0) == "0 forme"  # French: 0 is singular
    assert translate("ImageEditor", "%n shape(s)", 2) == "2 formes"
    assert translate("TranscriptionEditor", "%n segment(s) have no text.", 1) == "1 segment n’a pas de texte."
    # %Ln: the count in the locale's digits (a narrow no-break space groups thousands in French)
    assert translate("RatingForm", "%Ln character(s)", 1234) == QtCore.QLocale().toString(1234) + " caractères"


def test_counts_take_the_right_plural_form_in_english(english):
    assert translate("ImageEditor", "%n shape(s)", 1) == "1 shape"
    assert translate("ImageEditor", "%n shape(s)", 0) == "0 shapes"
    assert translate("RatingForm", "%Ln character(s)", 1234) == "1,234 characters"


def test_every_plural_message_has_both_french_forms():
    plurals = 0
    for catalog in CATALOGS:
        for message in ET.parse(catalog).getroot().iter("message"):
            source = message.findtext("source") or ""
            if "%n" in source or "%Ln" in source:
                plurals += 1
                assert message.get("numerus") == "yes", (catalog.name, source)
                forms = [f.text for f in message.iter("numerusform")]
                assert len(forms) == 2 and all(forms), (catalog.name, source)
                assert all(("%Ln" if "%Ln" in source else "%n") in f for f in forms), (catalog.name, source)
    assert plurals >= 8


def test_french_elides_de_before_a_vowel(french):
    assert i18n.arg(translate("InstructionsView", "Instructions from %1"), "Eco lab") == "Consignes d’Eco lab"
    assert i18n.arg(translate("TermsDialog", "From %1"), "Eco lab") == "D’Eco lab"
    assert i18n.arg(translate("InstructionsView", "Instructions from %1"), "Bio lab") == "Consignes de Bio lab"
    assert i18n.arg(translate("InstructionsView", "Instructions from %1"), "« Écoute »") == "Consignes d’« Écoute »"


def test_english_is_never_elided(english):
    assert i18n.arg("Instructions from %1 de %2", "Eco lab", "Anne") == "Instructions from Eco lab de Anne"


def test_the_terms_dialog_elides_the_lab_name(french, qtbot, app_ctx, tmp_path):
    from annotator.ui.dialogs import TermsDialog
    from tests.ui.helpers import yesno_pack
    from annotator.core.library import import_pack

    root = yesno_pack(tmp_path / "p")
    toml = root / "pack.toml"
    toml.write_text(re.sub(r'(?m)^lab = .*$', 'lab = "Eco lab"', toml.read_text(encoding="utf-8")), encoding="utf-8")
    pack = import_pack(root, app_ctx.store, app_ctx.registry).pack
    dialog = TermsDialog(app_ctx, pack)
    qtbot.addWidget(dialog)
    lab = dialog.findChild(QtWidgets.QLabel, "TermsLab")
    assert lab.text().startswith("D’Eco lab")


def test_numbers_follow_the_french_locale(french):
    assert number(0.5) == "0,5"
    assert number(22.05) == "22,05"
    assert number(2.0) == "2"
    assert number(0.8123, 2) == "0,81"


def test_playback_speeds_read_with_a_decimal_comma(french, qtbot):
    from annotator_transcription._qt.controls import TransportBar

    bar = TransportBar()
    qtbot.addWidget(bar)
    speeds = [bar.speed_combo.itemText(i) for i in range(bar.speed_combo.count())]
    assert "0,5×" in speeds and not any("." in s for s in speeds)


def test_plugin_names_and_export_formats_are_translated(french, qtbot, tmp_path):
    from annotator.ui.dialogs import ExportDialog

    registry = installed()
    names = {translate("Plugin", registry.name_of(kind)) for kind in ("image", "transcription", "rating")}
    assert names == {"Annotation d’images", "Transcription audio", "Évaluation de réponses"}
    exporters = {e.name: e for e in registry.plugins["image"].exporters()}
    pack = type("Pack", (), {"pack_id": "street", "version": "1.0.0"})()
    dialog = ExportDialog(exporters, tmp_path, pack=pack)
    qtbot.addWidget(dialog)
    items = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    assert any(i.startswith("coco — COCO JSON : rectangles et polygones") for i in items)
    assert any(i.startswith("json — le JSON d’annotator") for i in items)


#: a key of pack.toml or items.jsonl quoted in a message (« prompt », prompt_writing.max_attempts)
PACK_KEY = re.compile(r"«\s*[a-z_.]+\s*»|\b[a-z]+(?:_[a-z]+)+(?:\.[a-z_]+)*")


def test_one_french_word_per_concept():
    """Training is "formation", a prompt a "requête", everywhere (docs/glossary.md)."""
    banned = {"entraîn": "formation", "prompt": "requête", "relevé d": "feuille de temps", "paramètre": "réglages"}
    for catalog in CATALOGS:
        for message in ET.parse(catalog).getroot().iter("message"):
            node = message.find("translation")
            texts = [node.text or ""] + [f.text or "" for f in node.iter("numerusform")]
            for text in texts:
                text = PACK_KEY.sub("", text)  # a pack's own keys (« prompt », prompt_writing) are names, not words
                for word, instead in banned.items():
                    assert word not in text.lower(), f"{catalog.name}: {text!r} (say {instead!r})"


def test_a_dialog_title_is_never_cut(french, qtbot):
    from annotator.ui.dialogs import ReasonDialog

    theme.apply()
    for mode in ("skip", "flag"):
        dialog = ReasonDialog(mode)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()  # it comes to the front, as a dialog does
        qtbot.waitExposed(dialog)
        assert dialog.windowTitle() in ("Passer cet élément", "Signaler cet élément")
        qtbot.waitUntil(lambda: dialog.width() >= theme.title_width(dialog), timeout=5000)
        dialog.close()


@pytest.mark.parametrize("catalog", ["annotator/resources/translations/annotator_fr.ts",
                                     "annotator/resources/translations/metering_fr.ts",
                                     "plugins/annotator_image/translations/fr.ts",
                                     "plugins/annotator_transcription/translations/fr.ts",
                                     "plugins/annotator_rating/translations/fr.ts"])
def test_every_catalogue_uses_the_typographic_apostrophe(catalog):
    """docs/design.md, Typography: "l’élément", never "l'élément", in the window's and the plugins' French."""
    tree = ET.parse(ROOT / catalog)
    straight = []
    for node in tree.getroot().iter():
        if node.tag in ("translation", "numerusform") and node.text and re.search(r"[A-Za-zÀ-ÿŒœ]'[A-Za-zÀ-ÿŒœ]", node.text):
            straight.append(node.text)
    assert straight == []
    assert i18n.APOSTROPHE == "\u2019"


def test_done_counts_agree_with_their_number_in_french(french):
    assert translate("TaskView", "%n skipped", 1) == "1 passé"
    assert translate("TaskView", "%n flagged", 3) == "3 signalés"
    assert translate("BundleDialog", "%n item(s)", 1) == "1 élément"
    assert translate("BundleDialog", "Dates and times of %n interval(s)", 2) == "Dates et heures de 2 intervalles"
