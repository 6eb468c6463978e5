"""Signal traces: JSON Lines, one signal per line (``{"t": seconds since the epoch, "kind": ..., ...}``).

The same format as ``annotator meter signals`` writes and ``annotator meter replay`` reads.
A trace is checked whole before anything is written: a bad line refuses the trace.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Iterable, Mapping, TextIO

from annotator.core.errors import Problem, UserError
from annotator.core.metering.engine import SIGNAL_KINDS

MAX_LINE = 64 * 1024


def check_signal(obj: Any) -> str | None:
    """Why ``obj`` is not a signal, or ``None``."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    t = obj.get("t")
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or t < 0:
        return f"'t' must be seconds since the epoch, not {t!r}"
    kind = obj.get("kind")
    if kind not in SIGNAL_KINDS:
        return f"unknown kind {kind!r} (one of: {', '.join(SIGNAL_KINDS)})"
    return None


def read_trace(path: str | Path) -> list[dict[str, Any]]:
    """Every signal of a trace file; raises :class:`UserError` naming each bad line (up to 10)."""
    path = Path(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    problems: list[Problem] = []
    out: list[dict[str, Any]] = []
    with fh:
        for n, raw in enumerate(fh, start=1):
            if len(raw) > MAX_LINE:
                problems.append(Problem(path.name, n, f"line longer than {MAX_LINE} bytes"))
                continue
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                problems.append(Problem(path.name, n, "not UTF-8"))
                continue
            except ValueError as exc:
                problems.append(Problem(path.name, n, f"not JSON ({exc.msg})"))
                continue
            why = check_signal(obj)
            if why:
                problems.append(Problem(path.name, n, why))
                continue
            out.append(obj)
    if problems:
        more = f" (and {len(problems) - 1} more bad lines)" if len(problems) > 1 else ""
        raise UserError(f"{problems[0]}{more}; nothing was replayed")
    return out


def write_trace(signals: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    n = 0
    for s in signals:
        s = {k: v for k, v in s.items() if k != "seq"}
        out.write(json.dumps(s, ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n
