"""The command line under fuzz: every subcommand, random and long arguments, never a traceback.

Hypothesis with a fixed seed and a bounded number of examples (about 20 s on a loaded 2-core
machine): each command line ends with exit 0, 1 or 2 (or argparse's own exit for --help), and a
user error is one line on stderr. Arguments are drawn from what people and scripts type: real
packs, zips, ids, missing files, 5,000-character names, numbers (NaN, 1e308, negative), control
characters. Nothing reaches the network: no text holds "://", and --db is a file in the test
folder.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from annotator.cli import build_parser, main
from tests.packs import write_pack, zip_folder

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
#: seconds of commands run, at most: past it the remaining examples are skipped, so that the test
#: stays under a minute on a loaded machine (the fixed seed gives the same examples in the same order)
BUDGET_S = float(os.environ.get("FUZZ_BUDGET_S", "25"))


def _commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = []

    def walk(parser, prefix):
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append((tuple(prefix), parser))
            return
        for name, sub in subs[0].choices.items():
            walk(sub, prefix + [name])

    walk(build_parser(), [])
    return found


COMMANDS = _commands()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    # on tmpfs when there is one: the commands' own fsyncs would otherwise dominate on a busy disk
    shm = Path("/dev/shm")
    root = Path(tempfile.mkdtemp(prefix="annotator-fuzz-", dir=shm)) if shm.is_dir() else tmp_path_factory.mktemp("fuzz")
    yield from _world(root)
    shutil.rmtree(root, ignore_errors=True)


def _world(root: Path):
    pack = write_pack(root / "pack", n=2)
    archive = zip_folder(pack, root / "pack.zip")
    junk = root / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 4)
    trace = root / "trace.jsonl"
    trace.write_text('{"t": 0, "kind": "view"}\nnot json\n')
    data = root / "data"
    assert main(["--data-dir", str(data), "pack", "import", str(pack)]) == 0
    yield {"root": root, "pack": pack, "zip": archive, "junk": junk, "trace": trace, "data": data}


def _text():
    return st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).filter(
        lambda s: "://" not in s and not s.startswith(("/", "~")) and ".." not in s and "\x00" not in s)


def _values(world):
    paths = [str(world[k]) for k in ("pack", "zip", "junk", "trace")]
    return st.one_of(
        _text(),
        st.sampled_from(paths + ["test.pack", "test.pack@1.0.0", "test.pack@9", "nowhere", "missing.zip",
                                 "A" * 5000, "x/" * 2000 + "y", "-1", "0", "nan", "inf", "1e308", "-1e308",
                                 "2026-13-45", "EUR", "eur", "json", "csv", "coco", "image", "rating",
                                 "\x1b]0;title\x07", "a\rb", "=HYPERLINK(\"x\")", ""]),
        st.integers(-10**20, 10**20).map(str),
    )


@st.composite
def command_lines(draw, world):
    prefix, parser = draw(st.sampled_from(COMMANDS))
    values = _values(world)
    # values that get a command past its first check half the time, so the deep paths are fuzzed too
    likely = {
        "kind": ["image", "rating", "transcription"],
        "pack": ["test.pack", "test.pack@1.0.0"], "path": [str(world["pack"]), str(world["zip"]), "test.pack"],
        "paths": [str(world["pack"]), str(world["zip"])], "source": [str(world["pack"] / "media")],
        "format": ["coco", "json", "voc", "yolo", "yolo-seg", "csv", "jsonl", "ics"],
        "pseudonym": ["ann", "Ann Lee"], "bundles": [str(world["junk"])], "trace": [str(world["trace"])],
    }

    def value_for(action):
        if action.dest in likely:
            return draw(st.one_of(st.sampled_from(likely[action.dest]), values))
        return draw(values)
    argv = ["--data-dir", str(world["data"]), *prefix]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action.dest == "data_dir":
            continue
        if not action.option_strings:  # a positional: usually given
            if draw(st.integers(0, 9)) == 0:
                continue
            count = draw(st.integers(1, 3)) if action.nargs in ("+", "*") else 1
            argv += [value_for(action) for _ in range(count)]
            continue
        if draw(st.booleans()):
            continue
        option = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(option)
        elif action.dest == "db":
            argv += [option, str(world["root"] / draw(st.sampled_from(["lab.sqlite3", "A" * 300])))]
        elif action.dest == "output":
            name = draw(st.one_of(st.sampled_from(["out.json", "out.csv", "out", "A" * 5000, "x.zip"]), _text()))
            argv += [option, str(world["root"] / "out" / name) if name else name]
        elif action.choices:
            argv += [option, draw(st.one_of(st.sampled_from(sorted(map(str, action.choices))), values))]
        else:
            argv += [option, value_for(action)]
    if draw(st.integers(0, 19)) == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(values))  # a stray argument anywhere
    return argv


def test_every_subcommand_under_fuzz_ends_cleanly(world, monkeypatch):
    (world["root"] / "out").mkdir(exist_ok=True)
    monkeypatch.chdir(world["root"] / "out")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(world["data"]))
    seen: set[tuple[str, ...]] = set()
    started = time.monotonic()

    @seed(int(os.environ.get("FUZZ_SEED", "20261128")))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(argv=command_lines(world))
    def check(argv):
        if time.monotonic() - started > BUDGET_S:
            return
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's --help and --version
                code = exc.code or 0
        seen.add(tuple(a for a in argv[2:4] if not a.startswith("-")))
        assert code in (0, 1, 2), (argv, err.getvalue())
        text = err.getvalue()
        assert "Traceback" not in text
        if code == 2 and text.startswith("annotator: "):
            assert len(text.rstrip("\n").splitlines()) == 1, (argv, text)

    check()
    assert len({s[0] for s in seen if s}) >= 5  # the draw reached most top-level commands


def test_the_fuzz_knows_every_subcommand():
    names = {" ".join(prefix) for prefix, _ in COMMANDS}
    assert {"pack validate", "pack import", "pack info", "pack list", "pack new", "export"} <= names
    assert os.environ.get("ANNOTATOR_FUZZ_NETWORK") is None


def _long_command_lines(world) -> list[list[str]]:
    """For every subcommand: its arguments as they would succeed, but every file name it writes
    5,000 characters long; then every argument 5,000 characters long."""
    long = "A" * 5000
    likely = {"kind": "image", "pack": "test.pack", "path": str(world["pack"]), "paths": str(world["pack"]),
              "source": str(world["pack"] / "media"), "format": "json", "pseudonym": "ann",
              "bundles": str(world["junk"]), "trace": str(world["trace"]), "amount": "1", "currency": "EUR",
              "item": "item-0", "record": "1", "file": str(world["junk"])}
    lines = []
    for prefix, parser in COMMANDS:
        good, worst = ["--data-dir", str(world["data"]), *prefix], ["--data-dir", str(world["data"]), *prefix]
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction) or action.dest == "data_dir" or action.nargs == 0:
                continue
            value = long if action.dest in ("output", "db") else likely.get(action.dest, "x")
            if action.choices:
                value = sorted(map(str, action.choices))[0]
            if action.option_strings:
                if action.required or action.dest in ("output", "db", "format", "pseudonym"):
                    good += [action.option_strings[0], value]
                worst += [action.option_strings[0], long]
            else:
                good.append(value)
                worst.append(long)
        lines += [good, worst]
    return lines


def test_every_subcommand_with_5000_character_arguments(world, monkeypatch):
    (world["root"] / "out").mkdir(exist_ok=True)
    monkeypatch.chdir(world["root"] / "out")
    for argv in _long_command_lines(world):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        assert code in (0, 1, 2), argv[2:4]
        if code == 2 and err.getvalue().startswith("annotator: "):
            assert len(err.getvalue().rstrip("\n").splitlines()) == 1, (argv[2:4], err.getvalue()[:300])
