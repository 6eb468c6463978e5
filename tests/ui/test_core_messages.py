"""Core messages a worker meets in a dialog come in the window's language; the command line keeps English."""
from __future__ import annotations

import errno
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator.core.errors import PackError, StorageError, UserError, msg, storage_error, storage_error_of
from annotator.core.library import import_pack
from annotator.core.registry import installed
from annotator.ui import i18n
from tests.packs import write_pack

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def french(qapp):
    translator = i18n.install(qapp, "fr", installed().translations_dirs())
    yield translator
    i18n.uninstall(qapp, translator)


def test_a_refused_pack_is_explained_in_french_in_the_import_dialog(french, qtbot, window, tmp_path):
    pack = write_pack(tmp_path / "p", n=0)
    (pack / "instructions.md").unlink()
    importer = window.import_path(str(pack))
    with qtbot.waitSignal(importer.finished, timeout=10000):
        pass
    text = importer.message.text()
    importer.message.close()
    assert "instructions.md: absent : un lot doit dire à l’annotateur ce qu’il doit faire" in text
    assert "missing" not in text


def test_the_english_of_a_core_message_is_unchanged_for_the_command_line_and_logs(french, tmp_path, app_ctx):
    pack = write_pack(tmp_path / "p", n=0)
    with pytest.raises(PackError) as caught:
        import_pack(pack, app_ctx.store, app_ctx.registry)
    assert str(caught.value) == "items.jsonl: has no items"
    assert str(caught.value.problems[0].message) == "has no items"
    with pytest.raises(UserError) as caught:
        import_pack(tmp_path / "nowhere", app_ctx.store, app_ctx.registry)
    assert str(caught.value) == f"{tmp_path / 'nowhere'}: no such file or folder"
    assert i18n.error_text(caught.value) == f"{tmp_path / 'nowhere'} : aucun fichier ni dossier de ce nom"


def test_a_full_disk_is_told_in_french_with_what_could_not_be_done(french, tmp_path):
    err = storage_error_of(OSError(errno.ENOSPC, "No space left on device"), tmp_path, msg("save"))
    assert isinstance(err, StorageError)
    assert str(err).startswith(f"cannot save: the disk is full in {tmp_path} (")
    shown = i18n.error_text(err)
    assert shown.startswith(f"impossible d’enregistrer : le disque est plein dans {tmp_path} (")
    assert "libérez de la place et recommencez" in shown
    assert i18n.error_text(storage_error("readonly", tmp_path)) == \
        f"le dossier {tmp_path} est en lecture seule ; rien n’a été écrit"


def test_a_translation_that_loses_a_field_shows_the_english_never_a_crash(french):
    text = msg("{path}: no such file or folder", path="x")
    french.table[("core", "{path}: no such file or folder")] = "{chemin} : introuvable"
    try:
        assert i18n.core_text(text) == "x: no such file or folder"
    finally:
        del french.table[("core", "{path}: no such file or folder")]


@pytest.mark.parametrize("catalogue", ["annotator/resources/translations/annotator_fr.ts",
                                       "plugins/annotator_image/translations/fr.ts",
                                       "plugins/annotator_transcription/translations/fr.ts",
                                       "plugins/annotator_rating/translations/fr.ts"])
def test_every_core_translation_keeps_the_fields_of_its_english(catalogue):
    tree = ET.parse(ROOT / catalogue)
    fields = re.compile(r"\{[^{}]*\}")
    for context in tree.getroot().iter("context"):
        if context.findtext("name") != "core":
            continue
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
            for form in forms:
                assert sorted(fields.findall(form)) == sorted(fields.findall(source)), source


def test_a_bad_pseudonym_is_explained_in_french_in_the_send_results_dialog(french, qtbot, app_ctx, tmp_path):
    from annotator.core.lab.bundle import check_pseudonym
    from annotator.ui.bundle_dialog import BundleDialog

    pack = import_pack(write_pack(tmp_path / "p", n=2), app_ctx.store, app_ctx.registry).pack
    dialog = BundleDialog(app_ctx, pack)
    qtbot.addWidget(dialog)
    dialog.pseudonym.setText("../night")
    shown = dialog.preview.toPlainText()
    assert shown.startswith("le pseudonyme doit faire de 1 à 64 lettres")
    assert not dialog.write_button.isEnabled()
    with pytest.raises(UserError) as caught:  # the command line and the lab's merge keep the English
        check_pseudonym("../night")
    assert str(caught.value).startswith("the pseudonym must be 1 to 64 letters")


def test_a_skip_without_a_reason_and_a_missing_item_are_told_in_french(french, tmp_path, app_ctx):
    from annotator.core.session import WorkSession

    pack = import_pack(write_pack(tmp_path / "p", n=2), app_ctx.store, app_ctx.registry).pack
    session = WorkSession(app_ctx.store, pack)
    with pytest.raises(UserError) as caught:
        session.skip("  ")
    assert str(caught.value) == "a skipped item needs a reason"
    assert i18n.error_text(caught.value) == "un élément passé demande une raison"
    with pytest.raises(UserError) as caught:
        session.go_to_id("nowhere")
    assert i18n.error_text(caught.value) == f"aucun élément 'nowhere' dans {pack.label}"


def test_a_damaged_backup_is_refused_in_french(french, tmp_path):
    from annotator.core import backup

    bad = tmp_path / "store.sqlite"
    bad.write_bytes(b"not a database at all, not even a header" * 200)
    with pytest.raises(UserError) as caught:
        backup.check(bad, "0001")
    assert str(caught.value).startswith("store.sqlite is damaged or not a database (")
    assert i18n.error_text(caught.value).startswith("store.sqlite est abîmé ou n’est pas une base de données (")
    assert i18n.error_text(caught.value).endswith(") ; rien n’a été modifié")


def test_a_plugins_task_and_item_problems_are_explained_in_french(french, qtbot, window, tmp_path):
    task = {"tools": ["box"], "labels": [{"name": "car", "color": "red", "hotkey": "1"}]}
    pack = write_pack(tmp_path / "p", n=2, task=task)
    (pack / "media" / "img-1.png").unlink()
    importer = window.import_path(str(pack))
    with qtbot.waitSignal(importer.finished, timeout=10000):
        pass
    text = importer.message.text()
    importer.message.close()
    assert "[task] labels[0].color doit ressembler à « #e6194b »" in text  # the image plugin's own catalogue
    assert "items.jsonl:2: le média 'media/img-1.png' est absent du lot" in text
    assert "must look like" not in text and "is missing" not in text


def test_toml_and_schema_problems_get_a_french_lead_in_and_keep_the_librarys_detail(french, tmp_path, app_ctx):
    pack = write_pack(tmp_path / "p", n=1)
    (pack / "pack.toml").write_text('format = 1\n[pack\nid = "x"\n', encoding="utf-8")
    with pytest.raises(PackError) as caught:
        import_pack(pack, app_ctx.store, app_ctx.registry)
    english = str(caught.value.problems[0])
    assert english.startswith("pack.toml:2: is not valid TOML: ")
    detail = english.removeprefix("pack.toml:2: is not valid TOML: ")
    assert i18n.problems_text(caught.value.problems) == f"pack.toml:2: n’est pas du TOML valide : {detail}"
    (pack / "pack.toml").write_text(
        'format = 1\n[pack]\nid = "x"\nversion = "1"\ntitle = 3\nkind = "image"\nlab = "L"\n', encoding="utf-8")
    with pytest.raises(PackError) as caught:
        import_pack(pack, app_ctx.store, app_ctx.registry)
    shown = i18n.problems_text(caught.value.problems)
    assert "[pack] 'title' doit être un texte, pas un entier" in shown, shown


def test_byte_counts_are_in_the_locales_number_format(french, tmp_path):
    from annotator.core.errors import format_bytes

    assert str(format_bytes(1_234_567_890)) == "1.2 GB" and str(format_bytes(512)) == "512 bytes"
    assert i18n.core_text(format_bytes(1_234_567_890)) == "1,2 Go"
    assert i18n.core_text(format_bytes(2_500_000)) == "2,5 Mo"
    assert i18n.core_text(format_bytes(512)) == "512 octets"
    shown = i18n.error_text(storage_error("full", tmp_path))
    assert re.search(r"\(\d+,\d (Go|Mo|ko) libres\)", shown), shown
    assert re.search(r"\(\d+\.\d (GB|MB|kB) free\)", str(storage_error("full", tmp_path)))


def test_a_rating_items_problem_comes_from_the_plugins_french_catalogue(french, tmp_path, app_ctx):
    items = [{"id": "q-0", "prompt": "Question?", "responses": [{"id": "a", "text": "A"}], "note": 3}]
    pack = write_pack(tmp_path / "p", kind="rating", items=items)
    with pytest.raises(PackError) as caught:
        import_pack(pack, app_ctx.store, app_ctx.registry)
    assert str(caught.value) == "items.jsonl:1: 'note' must be a text"
    assert i18n.problems_text(caught.value.problems) == "items.jsonl:1: « note » doit être un texte"
