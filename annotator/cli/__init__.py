"""The command line: ``annotator [--data-dir DIR] [--demo] [PACK]`` opens the window; subcommands do the rest.

User errors print one line on stderr and exit 2, never a traceback. Each
subcommand lives in a module of this package that has ``NAMES`` (its top-level
command names) and ``register(subparsers, common)``; :data:`COMMAND_MODULES`
lists them. The examples shown under each command's ``--help`` are in
:mod:`annotator.cli.examples`; defaults from the config file
(:mod:`annotator.cli.config`) are applied to the parser once it is built.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from functools import cached_property
from pathlib import Path

from annotator import __version__
from annotator.core.errors import PackError, UserError
from annotator.core.safetext import terminal

#: subcommand modules, each with ``NAMES`` and ``register(subparsers, common)``
COMMAND_MODULES = [
    "annotator.cli.packs",
    "annotator.cli.export",
    "annotator.cli.plugins",
    "annotator.cli.meter",
    "annotator.cli.timesheet",
    "annotator.cli.payments",
    "annotator.cli.results",
    "annotator.cli.config",
    "annotator.cli.desktop",
    "annotator.cli.completion",
    "annotator.cli.backup",
]

DESCRIPTION = ("Annotation tool for data-labelling workers, with a timesheet that belongs to the worker. "
               "Without a command, opens the window.")
USAGE = ("annotator [-h] [--version] [--data-dir DIR] [--demo] [PACK]\n"
         "       annotator [--data-dir DIR] [-q] COMMAND ...")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's, but the examples (an epilog starting with ``examples:``) keep their lines."""

    def _fill_text(self, text, width, indent):
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2, and the examples keep their lines."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # noqa: D401 - argparse API
        raise UserError(f"{message} (see '{self.prog} --help')")


class Context:
    """What a command needs, opened only when it asks for it."""

    def __init__(self, args: argparse.Namespace):
        self.args = args

    @cached_property
    def data_dir(self) -> Path:
        from annotator.core.paths import resolve_data_dir

        return resolve_data_dir(getattr(self.args, "data_dir", None))

    @cached_property
    def registry(self):
        from annotator.core.registry import installed

        return installed()

    @cached_property
    def progress(self):
        """A progress bar on stderr for the long operations (silent when piped or with ``--quiet``)."""
        from annotator.cli.progressbar import progress_for

        return progress_for(getattr(self.args, "quiet", False))

    def close(self) -> None:
        close = getattr(self.__dict__.get("progress"), "close", None)
        if close is not None:
            close()

    @cached_property
    def store(self):
        from annotator.core.store import Store

        # a command takes the data folder's lock at its first write (waiting a few seconds at most)
        return Store(self.data_dir, holder=f"annotator {getattr(self.args, 'command', None) or ''}".strip())

    def out(self, text: str = "") -> None:
        print(text)

    def close(self) -> None:
        """Close the store if the command opened it (this lets the data folder's lock go)."""
        store = self.__dict__.pop("store", None)
        if store is not None:
            store.close()


WORKER_DATA_HELP = ("the worker's data folder (default: the platform's user data folder, "
                    "or $ANNOTATOR_DATA_DIR)")
LAB_DATA_HELP = ("the lab's working folder: it holds lab.sqlite3 (the database when --db is not given) and "
                 "may hold the imported pack the bundles were made from (default: the platform's user data "
                 "folder, or $ANNOTATOR_DATA_DIR)")


def common_parser(data_help: str = WORKER_DATA_HELP) -> argparse.ArgumentParser:
    """The options every command accepts, before or after its name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=data_help)
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="no progress bars (they are drawn on stderr only when it is a terminal)")
    return common


def lab_common_parser() -> argparse.ArgumentParser:
    """:func:`common_parser` for the lab's commands, where the data folder is the lab's."""
    return common_parser(LAB_DATA_HELP)


PACK_HELP = "a pack folder or .zip to import and open in the window"
DEMO_HELP = "add the bundled demo packs to the library"


def build_parser(include_commands: bool = True) -> ArgumentParser:
    common = common_parser()
    parser = ArgumentParser(prog="annotator", parents=[common], description=DESCRIPTION, usage=USAGE)
    parser.add_argument("--version", action="version", version=f"annotator {__version__}",
                        help="print the version and exit")
    window = parser.add_argument_group("open the window (no COMMAND)")
    # PACK is shown here but parsed by build_gui_parser: a positional before the commands would take their names
    window._group_actions.append(argparse.Action([], "pack", metavar="PACK", help=PACK_HELP))
    window.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=DEMO_HELP)
    if include_commands:
        sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser,
                                    prog="annotator",
                                    title="commands", description="each with its own --help and examples")
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(sub, common)
        from annotator.cli import config, examples

        examples.attach(parser)
        config.apply_defaults(parser)
    return parser


def build_gui_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="annotator", parents=[common_parser()],
                            description="Open the annotator window.")
    parser.add_argument("pack", nargs="?", metavar="PACK", help=PACK_HELP)
    parser.add_argument("--demo", action="store_true", help=DEMO_HELP)
    parser.add_argument("--version", action="version", version=f"annotator {__version__}",
                        help="print the version and exit")
    return parser


def subparsers_of(parser: argparse.ArgumentParser):
    """``(name, parser)`` of each direct subcommand of ``parser``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """``(path, parser)`` for ``parser`` and every subcommand under it, depth first."""
    yield path, parser
    for name, child in subparsers_of(parser):
        yield from walk(child, path + (name,))


def command_names() -> set[str]:
    names: set[str] = set()
    for name in COMMAND_MODULES:
        names.update(importlib.import_module(name).NAMES)
    return names


def _first_positional(argv: list[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--data-dir":
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return arg
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        first = _first_positional(argv)
        wants_help = first is None and any(a in ("-h", "--help") for a in argv)
        if (first is not None and first in command_names()) or wants_help:
            args = build_parser().parse_args(argv)
            if not getattr(args, "func", None):
                raise UserError(f"'{first}' needs a subcommand (see 'annotator {first} --help')")
            ctx = Context(args)
            try:
                return int(args.func(ctx) or 0)
            finally:
                ctx.close()
        args = build_gui_parser().parse_args(argv)
        from annotator.ui.app import run_app

        return run_app(args)
    except PackError as exc:
        for problem in exc.problems:
            print(terminal(problem), file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"annotator: {terminal(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a full disk, a name too long, no permission: one line, never a traceback
        from annotator.core.errors import storage_error_of

        err = storage_error_of(exc, Path(exc.filename).parent if exc.filename else Path.cwd())
        if err is not None:
            print(terminal(f"annotator: {err}"), file=sys.stderr)
            return 2
        name = str(exc.filename or "")
        where = f"{name[:80]}{'...' if len(name) > 80 else ''}: " if name else ""
        print(terminal(f"annotator: {where}{exc.strerror or exc}"), file=sys.stderr)
        return 2
