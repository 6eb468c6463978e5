"""Stores made by replaying traces, as the app would have made them."""
from __future__ import annotations

from annotator.core.library import import_pack
from annotator.core.metering.service import replay_into
from tests.core.metering.traces import Trace
from tests.packs import write_pack


def add_pack(tmp_path, store, registry, pack_id="test.pack", n=4, pay=None, **kw):
    from tests.packs import manifest

    doc = manifest(pack_id, "image", pay=pay, **kw)
    folder = write_pack(tmp_path / pack_id, kind="image", n=n, manifest_doc=doc)
    return import_pack(folder, store, registry).pack


def day_of_work(tr: Trace, pack: str, items: list[str], per_item: float = 60, training: tuple = ()) -> Trace:
    tr.view("library").wait(120, input_every=4)
    tr.view("instructions", pack=pack).wait(180, input_every=20)
    for item in items:
        phase = "training" if item in training else "work"
        tr.view("task", pack=pack, item=item, phase=phase).wait(per_item, input_every=3)
        tr.add("item", outcome="submitted", pack=pack, item=item)
    tr.view("library").wait(60, input_every=5)
    return tr


def replay(store, tr: Trace):
    return replay_into(store, tr.signals)
