"""One rounding rule and one formatter for time and money, used by every view (Qt-free).

The rule (``docs/metering.md``, "One rounding rule"):

* **Time is shown in whole seconds.** Every instant is rounded to the nearest whole second
  (halves up) *before* a duration is taken, and a duration is the difference of the rounded
  instants. Consecutive intervals share their rounded boundary, so rounding never adds up:
  a row's duration is its end minus its start as printed, and a total is the sum of its
  rows as printed, in the window, the command line, the CSV and the PDF alike.
* **Money is rounded to the cent, halves up**, on the decimal value a person reads
  (``2.675`` gives ``2.68``, never the binary float's ``2.67``). Every computed amount
  (earnings, wages, shortfalls) is rounded so once, in the timesheet itself, and the
  totals are sums of amounts already in cents. A *stated* price (a pack's pay per item,
  ``0.125``) is shown as stated, up to four decimals: it is a term, not a result.

:func:`duration` and :func:`money` are the only formatters of durations and amounts; the
window passes its locale's separators and translated unit names.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Mapping

#: the unit names of :func:`duration`'s ``words`` style (the window passes translated ones)
WORDS = {"s": "%1 s", "min": "%1 min", "min_s": "%1 min %2 s", "h_min": "%1 h %2 min"}
_CENT = Decimal("0.01")


def instant(t: float) -> float:
    """``t`` (epoch seconds) rounded to the nearest whole second, halves up."""
    return float(math.floor(float(t) + 0.5))


def span(start: float, end: float) -> float:
    """Whole seconds from ``start`` to ``end`` by the rule: the difference of the rounded instants."""
    return instant(end) - instant(start)


def whole(seconds: float) -> int:
    """A duration in seconds rounded to whole seconds, halves up (for figures already summed)."""
    return int(math.floor(float(seconds) + 0.5))


def hours(seconds: float) -> float:
    """Decimal hours of a duration (six decimals: 3.6 ms, far below the whole second shown)."""
    return round(whole(seconds) / 3600, 6)


def duration(seconds: float | None, style: str = "clock", words: Mapping[str, str] | None = None) -> str:
    """The one duration formatter.

    ``clock`` (tables, totals, the status bar): ``H:MM:SS``, like ``0:09:43`` or ``12:00:05``.
    ``words`` (prose): ``45 s``, ``2 min 30 s``, ``1 h 05 min`` (from an hour on, minutes
    rounded halves up). ``words`` maps ``s``, ``min``, ``min_s``, ``h_min`` to templates with
    ``%1``/``%2`` (default :data:`WORDS`). ``None`` is ``—``.
    """
    if seconds is None:
        return "—"
    total = whole(seconds)
    sign = "-" if total < 0 else ""
    total = abs(total)
    if style == "clock":
        return f"{sign}{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"
    if style != "words":
        raise ValueError(f"unknown duration style {style!r}")
    names = {**WORDS, **(words or {})}
    if total < 60:
        return sign + names["s"].replace("%1", str(total))
    if total < 3600:
        minutes, rest = divmod(total, 60)
        if rest == 0:
            return sign + names["min"].replace("%1", str(minutes))
        return sign + names["min_s"].replace("%1", str(minutes)).replace("%2", str(rest))
    minutes = (total + 30) // 60
    return sign + names["h_min"].replace("%1", str(minutes // 60)).replace("%2", f"{minutes % 60:02d}")


def _decimal(amount: float | int | str | Decimal) -> Decimal:
    try:
        value = Decimal(repr(amount)) if isinstance(amount, float) else Decimal(amount)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    return value


def cents(amount: float | int | str | Decimal) -> float:
    """``amount`` rounded to the cent, halves up on its decimal value."""
    return float(_decimal(amount).quantize(_CENT, rounding=ROUND_HALF_UP))


def money(amount: float | None, currency: str | None, *, decimal_point: str = ".", group_separator: str = "",
          with_currency: bool = True, stated: bool = False) -> str:
    """The one money formatter: ``1,234.50 EUR`` (with the separators given); ``—`` if unknown.

    Cents, halves up. ``stated``: a price as the pack states it keeps up to four decimals (``0.125 EUR``).
    """
    if amount is None or (with_currency and not currency):
        return "—"
    value = _decimal(amount)
    places = 2
    exact = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    if stated and exact != exact.quantize(_CENT):
        places = max(2, -exact.normalize().as_tuple().exponent)
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    digits = f"{abs(value):f}"
    whole_part, _, frac = digits.partition(".")
    if group_separator:
        groups = []
        while len(whole_part) > 3:
            groups.insert(0, whole_part[-3:])
            whole_part = whole_part[:-3]
        whole_part = group_separator.join([whole_part] + groups)
    text = f"{sign}{whole_part}{decimal_point}{frac}"
    return f"{text} {currency}" if with_currency else text


def decimal_text(value: float, places: int, decimal_point: str = ".") -> str:
    """A number with a fixed number of decimals, halves up, for CSV cells (``1,500000`` with a comma)."""
    q = _decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{q:f}".replace(".", decimal_point)
