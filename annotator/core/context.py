"""What the running app is made of, as plain objects (no Qt)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.clock import Clock, system_clock
from annotator.core.registry import Registry
from annotator.core.metering.meter import Meter, NullMeter
from annotator.core.store import Store
from annotator.core.terms import Reference


@dataclass
class AppContext:
    store: Store
    registry: Registry
    meter: Meter = field(default_factory=NullMeter)
    clock: Clock = system_clock

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    def reference_wage(self) -> Reference | None:
        value = self.store.get("reference_wage")
        if not value or value.get("amount") in (None, "") or not value.get("currency"):
            return None
        return Reference(float(value["amount"]), str(value["currency"]))
