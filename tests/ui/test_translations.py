"""All visible text is translatable; English and French ship complete."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6 import QtWidgets

from annotator.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted(ROOT.glob("annotator/resources/translations/*_fr.ts")) + sorted(ROOT.glob("plugins/*/translations/fr.ts"))


def test_every_marked_string_has_a_french_translation():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_translations_keep_their_placeholders_and_accelerators(catalog):
    table = i18n.read_ts(catalog)
    assert table, f"{catalog} is empty"
    for (context, source), found in table.items():
        for translation in found if isinstance(found, tuple) else (found,):  # a plural: each of its forms
            assert sorted(re.findall(r"%\d", source)) == sorted(re.findall(r"%\d", translation)), (context, source)
            assert source.count("%n") == translation.count("%n"), (context, source)
            assert source.count("&") == translation.count("&"), (context, source)
            assert translation.strip(), (context, source)


@pytest.fixture
def french(qapp):
    translator = i18n.install(qapp, "fr")
    yield translator
    i18n.uninstall(qapp, translator)


def test_the_window_speaks_french(qtbot, french, app_ctx, tmp_path):
    from annotator.ui.main_window import MainWindow
    from tests.ui.helpers import import_yesno

    import_yesno(app_ctx, tmp_path / "p")
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Fichier", "&Édition", "&Affichage", "Aid&e"]
    headers = [window.library.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["Lot", "Laboratoire", "Type"]
    assert window.library.open_button.text() == "Ouvrir"
    assert window.library.table.item(0, 3).text() == "0,10 EUR"  # French number format
    assert window.library.table.item(0, 7).text() == "0 sur 3 faits"
    assert window.task.submit_button.text() == "Soumettre"
    labels = [w.text() for w in window.settings.findChildren(QtWidgets.QLabel)]
    assert "Salaire minimum de référence :" in labels
    window.close()


def test_language_follows_the_setting_then_the_system():
    assert i18n.choose_language("fr") == "fr"
    assert i18n.choose_language("en") == "en"
    assert i18n.choose_language("xx") in i18n.LANGUAGES
