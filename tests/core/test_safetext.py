"""Pack and bundle strings leave the app as data: terminal, CSV, Markdown and HTML."""
from __future__ import annotations

import csv
import io

from markdown_it import MarkdownIt

from annotator.core import safetext


def test_terminal_shows_escape_sequences_instead_of_obeying_them():
    title = "Eco\x1b]0;pwned\x07 lab\rFAKE\u202eevil"
    shown = safetext.terminal(title)
    assert "\x1b" not in shown and "\r" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert shown == "Eco\\x1b]0;pwned\\x07 lab\\x0dFAKE\\u202eevil"


def test_terminal_keeps_newlines_only_when_asked():
    assert safetext.terminal("a\nb") == "a\\x0ab"
    assert safetext.terminal("a\nb", keep_newlines=True) == "a\nb"
    assert safetext.terminal("a\tb") == "a b"


def test_csv_cells_that_a_spreadsheet_would_evaluate_are_neutralised():
    hostile = ["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
               "\tx", "\rx", "\uff1d1+1"]
    out = io.StringIO()
    csv.writer(out).writerow([safetext.csv_cell(v) for v in hostile])
    cells = next(csv.reader(io.StringIO(out.getvalue())))
    assert all(cell.startswith("'") for cell in cells)
    assert [c[1:] for c in cells] == hostile


def test_csv_numbers_stay_numbers():
    assert safetext.csv_cell(-3.5) == -3.5
    assert safetext.csv_cell("-3.5") == "-3.5"
    assert safetext.csv_cell("+2") == "+2"
    assert safetext.csv_cell("street-1") == "street-1"
    assert safetext.csv_cell(None) is None


def test_markdown_escaped_text_renders_as_the_same_literal_text():
    md = MarkdownIt("commonmark")
    hostile = "# Paid ![x](http://evil/p.png) <b>bold</b> [link](http://e) *em* `code` | a | &amp;\n## next"
    rendered = md.render(safetext.markdown(hostile))
    assert "<h1" not in rendered and "<h2" not in rendered and "<img" not in rendered
    assert "<a " not in rendered and "<em>" not in rendered and "<b>" not in rendered and "<code>" not in rendered
    assert rendered.startswith("<p>") and rendered.count("<p>") == 1


def test_html_escapes_markup_and_quotes():
    assert safetext.html('<img src=x onerror="a">') == "&lt;img src=x onerror=&quot;a&quot;&gt;"
