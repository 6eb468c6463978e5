"""Workers made of real stores: a pack imported, a trace replayed through the meter, annotations saved."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping

from annotator.core.lab import worker
from annotator.core.library import import_pack
from annotator.core.metering.service import replay_into
from annotator.core.session import WorkSession
from annotator.core.store import Store
from tests.core.metering.traces import T0, Trace


def work_trace(pack_id: str, seconds_per_item: Mapping[str, float], *, instructions: float = 120.0,
               waiting: float = 60.0, training: Mapping[str, float] | None = None, start: float = T0) -> Trace:
    """A worker's day on one pack: the library, the instructions, training items, then work items.

    Inputs every 10 s keep every span active, so the seconds given are the seconds counted.
    """
    trace = Trace(start)
    trace.view("library").wait(waiting, input_every=10)
    trace.view("instructions", pack=pack_id).wait(instructions, input_every=10)
    for item, seconds in (training or {}).items():
        trace.view("task", pack=pack_id, item=item, phase="training").wait(seconds, input_every=10)
        trace.add("item", outcome="submitted", pack=pack_id, item=item)
    for item, seconds in seconds_per_item.items():
        trace.view("task", pack=pack_id, item=item, phase="work").wait(seconds, input_every=10)
        trace.add("item", outcome="submitted", pack=pack_id, item=item)
    trace.view("library").wait(5, input_every=5)
    trace.add("app_quit")
    return trace


def make_worker(root: Path, name: str, pack: Path, registry, annotations: Mapping[str, Any],
                trace: Trace, states: Mapping[str, str] | None = None) -> Store:
    """A worker's store in ``root/name``; ``annotations`` by item id are saved and submitted."""
    store = Store(root / name)
    row = import_pack(pack, store, registry).pack
    replay_into(store, trace.signals)
    session = WorkSession(store, row)
    for item_id, annotation in annotations.items():
        session.go_to_id(item_id)
        if annotation is not None:
            session.save(session.item, annotation)
        state = (states or {}).get(item_id, "submitted")
        if state == "submitted":
            session.submit()
        elif state == "skipped":
            session.skip("unreadable")
        elif state == "flagged":
            session.flag("blank")
    return store


def bundle_of(store: Store, pack_id: str, out: Path, pseudonym: str, shared=("work_seconds_per_item", "category_totals"),
              mutate: Callable[[worker.BundlePlan], None] | None = None) -> Path:
    row = store.find_pack(pack_id)
    plan = worker.plan(store, row, pseudonym, shared)
    if mutate is not None:
        mutate(plan)
    return worker.write(store, plan, out)
