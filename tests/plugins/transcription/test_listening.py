"""The listening times kept per item (Qt-free)."""
from __future__ import annotations

from annotator_transcription import listening


def test_listening_times_are_read_safely_and_keep_the_newest_items():
    assert listening.setting_key("lab.calls") == "listened.lab.calls"
    assert listening.listened(None, "a") == 0.0
    assert listening.listened({"a": "12"}, "a") == 0.0  # a damaged value is never a listen
    assert listening.listened({"a": True}, "a") == 0.0
    assert listening.listened({"a": float("nan")}, "a") == 0.0
    times = listening.with_listened(["not", "a", "dict"], "a", 3.04)
    assert times == {"a": 3.0} and listening.listened(times, "a") == 3.0
    for n in range(5):
        times = listening.with_listened(times, f"i{n}", n + 1, keep=3)
    assert list(times) == ["i2", "i3", "i4"]
    times = listening.with_listened(times, "i2", 9.0, keep=3)  # listened again: now the newest
    assert list(times) == ["i3", "i4", "i2"] and times["i2"] == 9.0
