"""Instructions are shown as validated: every sentence of a hostile corpus is on screen, in the real widget."""
from __future__ import annotations

import re

import pytest
from PySide6 import QtCore, QtGui

from annotator.core.packs import instructions, validate_path
from annotator.ui.instructions_view import InstructionsView, SafeBrowser
from tests.packs import png_bytes, write_pack

#: Every construct the attack tried, and more; each hides or carries a sentence "Snn ... visible".
HOSTILE = r"""# S01 heading is visible

S02 plain paragraph is visible.

<img src="media/a.png">
S03 after an unclosed img is visible.

<br>
S04 after an unclosed br is visible.

<hr>
S05 after an unclosed hr is visible.

<!-- S06 inside an HTML comment is visible -->

<div style="display:none">S07 inside a hidden div is visible.</div>

<span style="font-size:0px;color:white">S08 inside a tiny white span is visible.</span>

<style>p { display: none }</style>
S09 after a style block is visible.

<script>S10 inside a script is visible.</script>

<details><summary>S11 in a summary is visible.</summary>S12 in closed details is visible.</details>

![S13 image description is visible](media/a.png "S14 image title is visible")

[a link](https://example.org/page "S15 link title is visible")

[another link](<https://example.org/S16_in_a_link_target_is_visible>)

```S17_info_string_is_visible
S18 inside a fence is visible.
```

`S19 inside a code span is visible <img src=x>`

| S20 in a table header is visible | b |
|---|---|
| S21 in a table cell is visible | <img src="https://evil.example/x.png"> |

> > > > > > > > > > > > > > > > > > > > > > > > S22 nested past the parser's limit is visible.

[ref]: https://evil.example/r.png "S23 in a reference title is visible"

![S24 remote image description is visible](https://evil.example/x.png)

<img
src="https://evil.example/split.png">
S25 after a split img tag is visible.

<video src="https://evil.example/v.mp4"></video><audio src="https://evil.example/a.mp3"></audio>
S26 after video and audio is visible.

<img srcset="https://evil.example/1.png 1x" src=media/a.png>
S27 after srcset and an unquoted src is visible.

<table background="https://evil.example/bg.png"><tr><td>S28 in a table with a background is visible.</td></tr></table>

<p style="background:url(https://evil.example/u.png)">S29 in a paragraph with a CSS url is visible.</p>

<textarea>
S30 after an unclosed textarea is visible.

<title>S31 in a title element is visible.</title>

<plaintext>
S32 after plaintext is visible.

***S33 inside nested emphasis is visible.***

Setext S34 heading is visible
===

- S35 in a list is visible.
  - S36 in a nested list is visible.

1. S37 in an ordered list is visible.

&lt;b&gt;S38 after escaped entities is visible.&lt;/b&gt;

S39 after a NUL character is visible.\u0000

<![CDATA[ S40 in a CDATA section is visible. ]]>

<?php echo "S41 in a processing instruction is visible."; ?>

<noscript>S42 in noscript is visible.</noscript>

<iframe src="https://evil.example/frame"></iframe>
S43 after an iframe is visible.

<object data="https://evil.example/o.swf"></object><embed src="https://evil.example/e.swf">
S44 after object and embed is visible.

<svg><image href="https://evil.example/s.png"/></svg>
S45 after an svg image is visible.
""".replace("\\u0000", "\u0000")

SENTENCE = re.compile(r"S\d\d[ _][^.\n<\]\"*)]*?[ _]visible")

#: each of these is an image that could be fetched, or HTML that would load one: validation refuses it
REMOTE_SYNTAXES = {
    "markdown": "![x](https://evil.example/a.png)",
    "protocol-relative": "![x](//evil.example/a.png)",
    "file url": "![x](file:///etc/passwd)",
    "data url": "![x](data:image/png;base64,iVBORw0KGgo=)",
    "reference-style": "![x][r]\n\n[r]: https://evil.example/r.png",
    "html img": '<img src="https://evil.example/a.png">',
    "unquoted src": "<img src=https://evil.example/a.png>",
    "srcset": '<img srcset="https://evil.example/a.png 2x">',
    "split tag": '<img\nsrc="https://evil.example/a.png">',
    "css url": '<p style="background:url(https://evil.example/a.png)">x</p>',
    "background attribute": '<table background="https://evil.example/a.png"><tr><td>x</td></tr></table>',
    "video": '<video src="https://evil.example/v.mp4"></video>',
    "audio": '<audio src="https://evil.example/a.mp3"></audio>',
    "source": '<picture><source srcset="https://evil.example/a.webp"></picture>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "svg image": '<svg><image href="https://evil.example/a.png"/></svg>',
    "local html img": '<img src="media/a.png">',
    "leaves the pack": "![x](../outside.png)",
}


def hostile_pack(tmp_path, text: str):
    return write_pack(tmp_path / "hostile", n=1, instructions=text,
                      media={"media/img-0.png": png_bytes(), "media/a.png": png_bytes(30, 20, (10, 200, 10))})


def test_the_corpus_has_the_sentences_it_claims():
    found = SENTENCE.findall(HOSTILE)
    assert len(found) == 45 and len(set(found)) == 45


def test_every_sentence_of_a_hostile_corpus_is_visible_in_the_widget(qtbot, tmp_path):
    pack = hostile_pack(tmp_path, HOSTILE)
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.resize(900, 700)
    browser.show_instructions(instructions.show(pack))
    shown = browser.document().toPlainText()
    missing = [s for s in SENTENCE.findall(HOSTILE) if s.replace("_", " ") not in shown.replace("_", " ")]
    assert missing == []
    # the pack's own image is shown (as a resource the core read), nothing else was loaded
    image = browser.document().resource(QtGui.QTextDocument.ResourceType.ImageResource, QtCore.QUrl("pack-image:0"))
    assert isinstance(image, QtGui.QImage) and image.size() == QtCore.QSize(30, 20)
    assert browser.loadResource(QtGui.QTextDocument.ResourceType.ImageResource,
                                QtCore.QUrl("https://evil.example/x.png")) is None


def test_the_hostile_corpus_is_refused_by_validation_naming_each_line(tmp_path, registry):
    pack = hostile_pack(tmp_path, HOSTILE)
    found = [str(p) for p in validate_path(pack, registry).problems]
    lines = HOSTILE.splitlines()

    def line_of(fragment: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if fragment in line)

    for fragment in ("<img src=\"media/a.png\">", "<style>", "S22 nested", "[ref]:", "![S24", "<img",
                     "<video", "<img srcset", "<table background", "<p style", "<iframe", "<object", "<svg>"):
        assert any(p.startswith(f"instructions.md:{line_of(fragment)}: ") for p in found), (fragment, found)


@pytest.mark.parametrize("name", sorted(REMOTE_SYNTAXES))
def test_validation_refuses_every_remote_image_syntax(tmp_path, registry, name):
    pack = hostile_pack(tmp_path, f"# Task\n\nLook.\n\n{REMOTE_SYNTAXES[name]}\n")
    found = [str(p) for p in validate_path(pack, registry).problems]
    assert any(p.startswith("instructions.md:5: ") for p in found), found


def test_what_is_shown_is_what_was_hashed(qtbot, tmp_path, store, registry):
    from annotator.core.library import import_pack

    text = "# Boxes\n\n![A good box](media/a.png)\n\nDraw tight boxes.\n"
    row = import_pack(hostile_pack(tmp_path, text), store, registry).pack
    assert instructions.show(row.folder).hash == row.instructions_hash
    view = InstructionsView()
    qtbot.addWidget(view)
    view.show_pack(row, resuming=False)
    assert "Draw tight boxes." in view.browser.toPlainText()
    assert view.changed.isHidden()
    # the file changes on disk after import: shown as it is now, and the worker is told
    (row.folder / "instructions.md").write_text(text + "\nAll rejected work is unpaid.\n")
    view.show_pack(row, resuming=False)
    assert "All rejected work is unpaid." in view.browser.toPlainText()
    assert not view.changed.isHidden()
