"""Times the worker writes into a transcript: ``[m:ss.s]`` marks. Qt-free.

Ctrl+T writes the playhead's time into the text as a mark such as ``[0:03.2]`` (``[h:mm:ss.s]``
past an hour); Ctrl+click on one plays from there. A mark is a note for the worker, never
speech: :func:`strip_timestamps` gives the text without them (subtitles, manifests), and the
word error rate drops them (:data:`TIMESTAMP`, the one pattern of a mark: the editor, the exports
and the scoring read marks with it). Imports nothing heavier than :mod:`re`.
"""
from __future__ import annotations

import re

#: a time mark as the worker types or inserts it: ``[1:02.5]``, ``[0:01:02.5]``, ``[1:02]``, ``[1:02,5]``
TIMESTAMP = re.compile(r"\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2}(?:[.,]\d+)?)\]")
_AROUND = re.compile(r"[ \t]*" + TIMESTAMP.pattern + r"[ \t]*")


def parse_timestamp(text: str) -> float | None:
    """The seconds a mark stands for (``"[0:03.2]"`` is 3.2), or ``None`` if ``text`` is not one."""
    match = TIMESTAMP.fullmatch(text.strip())
    if not match:
        return None
    h, m, s = match.groups()
    return int(h or 0) * 3600 + int(m) * 60 + float(s.replace(",", "."))


def stamp(seconds: float) -> str:
    """The mark for ``seconds``: ``[0:03.2]``."""
    from annotator_transcription.waveform import format_clock  # numpy and soundfile: not for the readers

    return f"[{format_clock(seconds)}]"


def timestamp_at(text: str, offset: int) -> float | None:
    """The seconds of the mark at character ``offset`` of ``text`` (Ctrl+click on it), or ``None``."""
    for match in TIMESTAMP.finditer(text):
        if match.start() <= offset <= match.end():
            return parse_timestamp(match.group(0))
    return None


def insertion(text: str, position: int, seconds: float) -> tuple[str, int]:
    """What Ctrl+T inserts at ``position`` of ``text``, and where the cursor goes after it.

    The mark stands apart from the words around it: a space before it unless it starts the
    text or a line or follows a space, and one after it unless a space follows already (the
    cursor then goes past that space, ready for the next word)::

        >>> insertion("please", 6, 1.3)
        (' [0:01.3] ', 16)
        >>> insertion("please come", 6, 1.3)
        (' [0:01.3]', 16)
    """
    position = max(0, min(len(text), int(position)))
    before = "" if position == 0 or text[position - 1].isspace() else " "
    spaced_after = position < len(text) and text[position].isspace()
    inserted = before + stamp(seconds) + ("" if spaced_after else " ")
    cursor = position + len(inserted) + (1 if spaced_after else 0)
    return inserted, cursor


def strip_timestamps(text: str) -> str:
    """``text`` without the worker's time marks; a mark between two words leaves one space.

    Line breaks are kept: ``"please [0:01.3] come"`` and ``"please[0:01.3]come"`` both give
    ``"please come"``.
    """
    def join(match: re.Match) -> str:
        start, end = match.start(), match.end()
        between_words = start > 0 and end < len(text) and text[start - 1] not in "\r\n" and text[end] not in "\r\n"
        return " " if between_words else ""

    return _AROUND.sub(join, text)
