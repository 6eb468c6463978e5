"""How long the worker has listened to each recording, kept across leaving an item and coming back. Qt-free.

Before submitting an item that came with a machine transcript, the editor notes it if the
worker never played the recording. What was played is kept per pack in the worker's plugin
settings (``listened.<pack id>``: item id to seconds, the newest :data:`KEEP` items), so the
note stays away after the worker listened, left the item and came back, in this session or
a later one.
"""
from __future__ import annotations

from typing import Any

#: how many items' listening times are kept per pack (the items left longest ago go first)
KEEP = 500


def setting_key(pack_id: str) -> str:
    """The worker setting that holds a pack's listening times."""
    return f"listened.{pack_id}"


def listened(times: Any, item_id: str) -> float:
    """Seconds of the recording of ``item_id`` the worker has played so far (0 if never, or unreadable)."""
    if not isinstance(times, dict):
        return 0.0
    value = times.get(item_id)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value < 0:
        return 0.0
    return float(value)


def with_listened(times: Any, item_id: str, seconds: float, keep: int = KEEP) -> dict[str, float]:
    """``times`` with ``item_id`` now at ``seconds``, moved to the newest end, at most ``keep`` items.

    Anything but a dict (a damaged setting) starts over.
    """
    kept = dict(times) if isinstance(times, dict) else {}
    kept.pop(item_id, None)
    kept[item_id] = round(max(0.0, float(seconds)), 1)
    while len(kept) > keep:
        kept.pop(next(iter(kept)))
    return kept
