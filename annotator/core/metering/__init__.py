"""Fairness metering: signals in, honest intervals out, and the worker's timesheet (Qt-free).

The API other parts of the app use (see ``docs/metering.md``):

* :class:`MeterService` — the app's meter (``ctx.meter``): ``signal(kind, **fields)``.
* :func:`work_seconds_per_item` ``(store, pack_pk) -> {item_id: seconds}``
* :func:`category_totals` ``(store, pack_pk) -> {category: seconds}``
* :func:`compute` — the timesheet as a dict; :mod:`.exports` writes the signed exports
  (:mod:`.formats` makes each file, :mod:`.pdfsign` signs the PDF inside), :mod:`.verify`
  checks them against a pinned key with every figure recomputed, :mod:`.card` makes and
  merges lab report cards.
"""
from annotator.core.metering.engine import (CATEGORIES, COUNTED, DEFAULT_THRESHOLDS, Engine, Gap, Interval,
                                            Outcome, run_engine, totals)
from annotator.core.metering.service import MeterService, replay_into
from annotator.core.metering.timesheet import category_totals, compute, work_seconds_per_item

__all__ = ["CATEGORIES", "COUNTED", "DEFAULT_THRESHOLDS", "Engine", "Gap", "Interval", "Outcome", "run_engine",
           "totals", "MeterService", "replay_into", "category_totals", "compute", "work_seconds_per_item"]
