"""The command line's contract for people: every command explains itself (help, examples, readable metavars)."""
from __future__ import annotations

import argparse
import re

import pytest

from annotator.cli import build_parser, main, walk

#: argparse's own invention when no metavar is given: the option's name in capitals (OPT_LABELS, PER_ITEM)
GENERATED = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")


def commands():
    return [path for path, _ in walk(build_parser())]


def _help_text(capsys, path) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*path, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def _option_rows(text: str) -> list[tuple[str, str]]:
    """``(invocation, its help)`` for each row of the argument sections of a --help text."""
    rows: list[list[str]] = []
    section = None
    for line in text.splitlines():
        if line and not line.startswith(" "):
            section = line
            continue
        if section is None or section.startswith(("usage", "examples")) or not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 2 and (line.lstrip().startswith("-") or line.lstrip()[:1].isupper()):
            invocation, _, text_ = line.strip().partition("  ")
            rows.append([invocation, text_.strip()])
        elif rows and indent > 2 and not rows[-1][1]:
            rows[-1][1] = line.strip()
    return [(a, b) for a, b in rows]


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "annotator")
def test_every_argument_has_help_and_a_readable_metavar(path, capsys):
    text = _help_text(capsys, path)
    rows = _option_rows(text)
    assert rows, text
    for invocation, help_ in rows:
        assert help_, f"'annotator {' '.join(path)}': {invocation} has no help\n{text}"
    usage = text.split("\n\n", 1)[0]
    generated = GENERATED.findall(usage + " ".join(invocation for invocation, _ in rows))
    assert not generated, f"'annotator {' '.join(path)}': argparse-made metavars {generated}\n{text}"


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "annotator")
def test_every_command_has_examples(path, capsys):
    text = _help_text(capsys, path)
    examples = text.split("\nexamples:\n", 1)
    assert len(examples) == 2, f"'annotator {' '.join(path)} --help' shows no examples"
    lines = [line.strip() for line in examples[1].splitlines() if line.strip()]
    assert lines and all(line.startswith("annotator") for line in lines[:1])


def test_the_parser_tree_itself_has_help_everywhere():
    """The same contract on the parser objects, so a row the text check misreads cannot hide a gap."""
    for path, parser in walk(build_parser()):
        for action in parser._actions:
            if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
                continue
            name = "/".join(action.option_strings) or action.dest
            assert action.help, f"'annotator {' '.join(path)}': {name} has no help"
            metavar = action.metavar if isinstance(action.metavar, str) else ""
            assert not GENERATED.fullmatch(metavar or ""), f"'annotator {' '.join(path)}': {name} {metavar}"


def test_main_help_shows_the_window_options(capsys):
    text = _help_text(capsys, [])
    assert "--demo" in text and "PACK" in text
    assert re.search(r"^  PACK +a pack folder or \.zip", text, re.M)


def test_results_merge_describes_the_labs_folder(capsys):
    text = _help_text(capsys, ["results", "merge"])
    assert "worker's data folder" not in text
    assert "lab.sqlite3" in text


def test_plugin_options_of_pack_new_have_readable_metavars(capsys):
    text = _help_text(capsys, ["pack", "new"])
    assert "OPT_" not in text
    assert re.search(r"--labels A,B,\.\.\.", text), text
