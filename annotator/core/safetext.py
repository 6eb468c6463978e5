"""Strings from packs and bundles are data, never markup: one place that makes them safe.

Every string a lab writes into a pack (titles, labels, item ids, instructions) and every
string a worker writes into a results bundle (pseudonyms, notes, labels) is untrusted.
Where it leaves the app it goes through exactly one of these, chosen by where it goes:

* :func:`terminal` before it is printed by the command line: control characters (ANSI and
  OSC escape sequences, carriage returns, bidirectional overrides) are shown, not obeyed;
* :func:`csv_cell` before it is written into a CSV a spreadsheet may open (OWASP's
  formula-injection rule);
* :func:`markdown` before it is written into a Markdown report;
* :func:`html` before it is written into an HTML report.

In the Qt window, pack strings are shown in widgets set to ``Qt.PlainText``; nothing here is
needed there. Qt-free, dependency-free; ``docs/security.md`` lists where each is used.
"""
from __future__ import annotations

import html as _html
import re
import unicodedata

#: Characters that change how a terminal, an editor or a bidirectional renderer shows what
#: follows them: C0 and C1 controls (ESC starts ANSI/OSC sequences), DEL, and the Unicode
#: format characters that reorder or hide text (RLO, LRI, zero-width joiners...).
_FORMAT_CATEGORIES = {"Cc", "Cf"}


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def terminal(text: object, *, keep_newlines: bool = False) -> str:
    """``text`` with every control and format character shown as an escape (``\\x1b``).

    Tabs become a space. With ``keep_newlines``, ``\\n`` is kept (multi-line messages the
    program itself composes); a carriage return never is, so a line cannot be overwritten.
    """
    out = []
    for ch in str(text):
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in _FORMAT_CATEGORIES or ch in "\u2028\u2029":
            out.append(_visible(ch))
        else:
            out.append(ch)
    return "".join(out)


#: OWASP "CSV injection": a cell starting with one of these is read as a formula by
#: Excel, LibreOffice or Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def csv_cell(value: object) -> object:
    """A value safe to write into a CSV cell that a spreadsheet may open.

    Numbers (and strings that are plain numbers, such as ``-3.5``) pass unchanged so that
    they stay numbers; any other string starting with ``=``, ``+``, ``-``, ``@``, a tab, a
    carriage return or a line feed (or their full-width forms) is prefixed with a single
    quote, which spreadsheets show as text and never evaluate.
    """
    if value is None or isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def markdown(text: object) -> str:
    """``text`` as literal inline Markdown: no heading, link, image, HTML or emphasis.

    Backslash-escapes every ASCII punctuation Markdown gives meaning to, escapes ``&`` so
    that no entity is decoded, and folds line breaks into spaces so that a string cannot
    start a new block (a heading, a list, a table row).
    """
    flat = " ".join(terminal(text).splitlines())
    flat = flat.replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def html(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return _html.escape(str(text), quote=True)
