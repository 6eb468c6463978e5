"""How long it takes to read or listen to what a view shows (the idle rule's reading time, rules 2).

A view's idle threshold is at least this time, so that a worker reading an item or the
instructions in silence is counted as working, not away (``docs/metering.md``). The
speed is stated, not measured: 200 words a minute, below the 238 a minute of silent
reading of non-fiction in English (Brysbaert, *Journal of Memory and Language* 109, 2019),
because task text is read carefully, often in a second language; media counts for its
whole duration.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+(?:['’-]\w+)*", re.UNICODE)


def count_words(texts: Iterable[Any]) -> int:
    """Words in ``texts`` (strings; anything else is skipped)."""
    return sum(len(_WORD.findall(t)) for t in texts if isinstance(t, str))


def reading_seconds(words: int = 0, media_seconds: float = 0.0) -> float:
    """Seconds to read ``words`` at :data:`WORDS_PER_MINUTE` plus the media's duration (one decimal)."""
    words = max(0, int(words or 0))
    media = max(0.0, float(media_seconds or 0.0))
    return round(words * 60.0 / WORDS_PER_MINUTE + media, 1)
