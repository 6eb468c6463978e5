from annotator.core.library import import_pack
from annotator.core.session import WorkSession
from tests.packs import write_pack


def test_import_open_annotate_export(tmp_path, store, registry):
    pack = write_pack(tmp_path / "p", kind="image", n=3)
    result = import_pack(pack, store, registry)
    assert result.created and result.pack.item_count == 3
    again = import_pack(pack, store, registry)
    assert not again.created and again.pack.pk == result.pack.pk
    session = WorkSession(store, result.pack)
    item = session.start()
    assert item.item_id == "item-0"
    session.save(session.item, {"shapes": [{"type": "box", "label": "car", "points": [[1, 2], [3, 4]]}]})
    assert store.item(item.pk).state == "in_progress"
    following = session.submit()
    assert following.item_id == "item-1"
    assert store.progress(result.pack.pk)["submitted"] == 1
