"""Scale case "store": a 1,000,000-item rating pack, imported, then worked in the real window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scale.py store [--store-items 1000000]
        [--store-import]     # import again (and the 100,000-item pack beside it) even if the store exists

Generates the rating packs of ``bench/foundation_packs.py`` (1,000,000 and 100,000 items, about
1 KB each; kept in ``bench/out/``), imports each into its own store in a fresh process (the
import's CPU time is that child's own), then opens the big store in the real main window
(1280 x 820) and, each driven from the event loop with :class:`scale.StallProbe` running:

* library refresh: the library's table rebuilt (every pack's progress read) and painted;
* next item: the task view's "next" (the rating editor unloads and loads the next item, the
  header's progress is redrawn) and painted, each 0.5 s after the last (a worker
  is on an item for seconds: the prefetch that starts 0.25 s after an item shows has run), then
  pressed every 0.1 s (skimming: nothing prepared ahead);
* anchor: the query the progress was before ADR 0021 (``GROUP BY state`` over the pack's items)
  timed on the same store against the counts read now, and next item and library refresh again
  with the progress read that way (the previous code path, in the same minutes).

The import is linear when 1,000,000 items cost less than 11 times 100,000.
"""
from __future__ import annotations

import resource
import shutil
import statistics
import time
from pathlib import Path

from scale import OUT, StallProbe, Step, case, in_loop, spin, summary

OPTIONS = [
    ("--store-items", {"type": int, "default": 1_000_000, "help": "store: items of the big pack"}),
    ("--store-import", {"action": "store_true",
                        "help": "store: import again even if the store from an earlier run is there"}),
]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def imported(items: int, again: bool) -> tuple[Path, dict | None]:
    """The store holding the ``items``-item rating pack, imported in a child process if needed.

    Returns the data folder and the import's figures (``None`` when an earlier run's store is reused).
    """
    import foundation_packs

    pack = foundation_packs.make_pack("rating", items)
    data = OUT / f"scale-store-{items}"
    if data.exists() and not again:
        return data, None
    shutil.rmtree(data, ignore_errors=True)
    cpu = _children_cpu()
    figures = foundation_packs.run_child("import", pack, data)
    figures["cpu"] = _children_cpu() - cpu
    return data, figures


@case("store", "a 1,000,000-item pack: import, library refresh and next item in the real window", OPTIONS)
def store_case(args, report) -> None:
    n = args.store_items
    small = n // 10
    data_small, imp_small = imported(small, args.store_import)
    data, imp = imported(n, args.store_import or imp_small is not None)
    if imp is not None and imp_small is not None:
        report.figure("import_small_s", f"import {small:,} rating items (CPU of the importing process)",
                      imp_small["cpu"], "s", wall=imp_small["seconds"])
        report.figure("import_s", f"import {n:,} rating items (CPU)", imp["cpu"], "s", wall=imp["seconds"],
                      target=("<", 11 * imp_small["cpu"]), anchor=f"11 x the {small:,} figure")
        report.figure("import_ratio", f"import ratio {n:,} / {small:,} (CPU; wall {imp['seconds'] / imp_small['seconds']:.1f})",
                      imp["cpu"] / imp_small["cpu"], "x", target=("<", 11.0))
        report.figure("import_peak_mb", f"import {n:,}: peak memory", imp["peak_mb"], "MB")
    else:
        report.note("import not measured (the stores of an earlier run were reused; --store-import measures it)")

    from sqlalchemy import func, select

    from annotator.core import schema
    from annotator.core.context import AppContext
    from annotator.core.registry import installed
    from annotator.core.session import RecordingMeter, WorkSession
    from annotator.core.store import Store
    from annotator.ui.app import make_qapp
    from annotator.ui.main_window import MainWindow

    app = make_qapp()
    store = Store(data)
    pack = store.find_pack("bench.rating")
    assert pack.item_count == n, pack.item_count

    # the anchor: the progress as it was read before the counts (ADR 0021), and as it is read now
    items = schema.items

    def old_progress(pk=pack.pk):
        with store.engine.connect() as conn:
            return dict(conn.execute(select(items.c.state, func.count()).where(items.c.pack_pk == pk)
                                     .group_by(items.c.state)).all())

    def cpu_ms(fn, repeat):
        times = []
        for _ in range(repeat):
            start = time.thread_time()
            fn()
            times.append((time.thread_time() - start) * 1000)
        return statistics.median(times)

    old = old_progress()
    assert {k: v for k, v in store.progress(pack.pk).items() if v} == old, (store.progress(pack.pk), old)
    report.figure("progress_group_by_ms", "progress as counted before (GROUP BY over the pack's items), median",
                  cpu_ms(old_progress, 5), "ms", anchor="the previous code path")
    report.figure("progress_ms", "progress read from the counts, median", cpu_ms(lambda: store.progress(pack.pk), 50),
                  "ms")

    ctx = AppContext(store=store, registry=installed(), meter=RecordingMeter())
    window = MainWindow(ctx)
    window.resize(1280, 820)
    window.show()
    window.show_library()
    spin(app, 0.5)
    probe = StallProbe()

    shown: list[Step] = []  # each step up to the end of its own paint (what the window does)

    def painted(step):
        def run():
            start, cpu = time.perf_counter(), time.thread_time()
            step()
            app.processEvents()  # the layout and the paint of what the step changed
            shown.append(Step((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000, 0, 0))
            window.repaint()  # and the whole window painted again, as the figures before 2026-11-29 were
        return run

    shown.clear()
    refreshes = [in_loop(app, probe, painted(window.library.refresh), settle=0.1) for _ in range(20)]
    steps(report, "library_refresh", "library refresh", refreshes, shown)

    window.session = WorkSession(store, pack, ctx.meter)
    window.start_task()
    spin(app, 0.5)
    task = window.task
    # a worker is on an item for seconds: the plugin's prefetch (0.25 s after an item shows) has run
    shown.clear()
    nexts = [in_loop(app, probe, painted(task.next), settle=0.5) for _ in range(40)]
    steps(report, "next_item", "next item (unload, load, progress, paint)", nexts, shown)
    # "next" pressed again and again (skimming): nothing prepared ahead
    shown.clear()
    rushed = [in_loop(app, probe, painted(task.next), settle=0.1) for _ in range(20)]
    report.figure("next_item_rushed_ms", f"next item pressed every 0.1 s (nothing prefetched): median of {len(rushed)}",
                  summary([s.cpu for s in shown])[0], "ms", wall=summary([s.wall for s in shown])[0])
    report.figure("next_item_rushed_stall_ms", "next item pressed every 0.1 s: longest stall",
                  max(s.stall_cpu for s in rushed), "ms", wall=max(s.stall_wall for s in rushed))
    # side by side, in the same minutes: the same steps with the progress counted as before ADR 0021
    counts = store.progress
    store.progress = lambda pk: {**dict.fromkeys(counts(pk), 0), **old_progress(pk)}
    before = [in_loop(app, probe, painted(task.next), settle=0.1) for _ in range(10)]
    window.show_library()
    spin(app, 0.3)
    before_lib = [in_loop(app, probe, painted(window.library.refresh), settle=0.1) for _ in range(5)]
    store.progress = counts
    for key, label, done in (("next_item", "next item", before), ("library_refresh", "library refresh", before_lib)):
        report.figure(f"{key}_before_ms", f"{label}, progress counted as before (window painted again): median of {len(done)}",
                      summary([s.cpu for s in done])[0], "ms", wall=summary([s.wall for s in done])[0],
                      anchor="the previous code path")
    report.note(f"store file {store.path.stat().st_size / 1e9:.2f} GB; wall figures in the second column; "
                f"the targets are judged on the interface thread's CPU time")
    window.close()
    store.close()


def steps(report, key: str, label: str, done: list, shown: list) -> None:
    """The figures of a step: to its own paint (the target), and with the whole window painted again."""
    report.figure(f"{key}_ms", f"{label}: median", summary([s.cpu for s in shown])[0], "ms",
                  wall=summary([s.wall for s in shown])[0], target=("<", 16))
    report.figure(f"{key}_max_ms", f"{label}: slowest of {len(shown)}", max(s.cpu for s in shown), "ms",
                  wall=max(s.wall for s in shown))
    report.figure(f"{key}_stall_ms", f"{label}: longest stall", max(s.stall_cpu for s in done), "ms",
                  wall=max(s.stall_wall for s in done), target=("<", 16))
    report.figure(f"{key}_repainted_ms", f"{label}, then the whole window painted again: median / slowest "
                  f"{max(s.cpu for s in done):.1f} ms", summary([s.cpu for s in done])[0], "ms",
                  wall=summary([s.wall for s in done])[0], anchor="the measure before 2026-11-29")
