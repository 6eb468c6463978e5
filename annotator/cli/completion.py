"""``annotator completion bash|zsh|fish``: a completion script generated from the parser (shtab).

The script is static: pressing TAB runs no Python. Commands, options and the
choices of each option complete; arguments that name files complete as files.
"""
from __future__ import annotations

from pathlib import Path

NAMES = ("completion",)
SHELLS = ("bash", "zsh", "fish")

#: metavars of arguments that name a file or folder (their type is not always Path)
_FILE_METAVARS = {"PATH", "FILE", "OUT", "SOURCE", "BUNDLE", "BUNDLE.zip", "TRACE.jsonl", "PACK", "DIR"}


def register(sub, common) -> None:
    p = sub.add_parser("completion", parents=[common], help="print a shell completion script (bash, zsh or fish)",
                       description="Print a completion script for your shell. Save it where your shell looks "
                                   "for completions (see the examples), then open a new shell.")
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help="one of: " + ", ".join(SHELLS))
    p.set_defaults(func=run)


def script(shell: str) -> str:
    import shtab

    from annotator.cli import build_parser, walk

    parser = build_parser()
    for _path, sub in walk(parser):
        for action in sub._actions:
            if action.type is Path or action.metavar in _FILE_METAVARS:
                action.complete = shtab.DIRECTORY if action.metavar == "DIR" else shtab.FILE
    return shtab.complete(parser, shell=shell)


def run(ctx) -> int:
    ctx.out(script(ctx.args.shell))
    return 0
