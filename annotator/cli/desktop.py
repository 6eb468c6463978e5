"""``annotator desktop install|uninstall``: the menu entry, icons and AppStream metadata, per user.

Files go under ``$XDG_DATA_HOME`` (``~/.local/share``), where desktops look for
a user's applications: ``applications/APP_ID.desktop`` (its ``Exec`` is this very
installation's ``annotator``), ``icons/hicolor/*/apps/APP_ID.{svg,png}`` and
``metainfo/APP_ID.metainfo.xml``. Nothing needs root; ``uninstall`` removes
exactly those files.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from annotator.core.errors import UserError
from annotator.core.paths import RESOURCES

NAMES = ("desktop",)
APP_ID = "org.annotator.Annotator"
DESKTOP = RESOURCES / "desktop"
ICONS = RESOURCES / "icons"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def register(sub, common) -> None:
    desk = sub.add_parser("desktop", parents=[common], help="add annotator to your desktop's menu (per user)",
                          description="Install or remove the menu entry, the icons and the AppStream metadata "
                                      "for your user only (under $XDG_DATA_HOME, ~/.local/share by default).")
    dsub = desk.add_subparsers(dest="desktop_command", metavar="SUBCOMMAND", parser_class=type(desk))
    for name, text in (("install", "add the menu entry, icons and metadata"),
                       ("uninstall", "remove what 'desktop install' added")):
        p = dsub.add_parser(name, parents=[common], help=text)
        p.add_argument("--prefix", type=Path, metavar="DIR",
                       help="the data folder to install into (default: $XDG_DATA_HOME or ~/.local/share)")
        p.add_argument("--dry-run", action="store_true", help="list the files, change nothing")
        p.set_defaults(func=run_install if name == "install" else run_uninstall)


def data_home(prefix: Path | None = None) -> Path:
    if prefix is not None:
        return prefix.expanduser().absolute()
    env = os.environ.get("XDG_DATA_HOME")
    return Path(env) if env and Path(env).is_absolute() else Path.home() / ".local" / "share"


def targets(home: Path) -> dict[Path, Path | None]:
    """``{installed file: its source}`` (``None``: the desktop entry, written with this installation's Exec)."""
    files: dict[Path, Path | None] = {
        home / "applications" / f"{APP_ID}.desktop": None,
        home / "metainfo" / f"{APP_ID}.metainfo.xml": DESKTOP / f"{APP_ID}.metainfo.xml",
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": ICONS / "annotator.svg",
    }
    for size in PNG_SIZES:
        files[home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = \
            ICONS / "png" / f"annotator-{size}.png"
    return files


def _quote(arg: str) -> str:
    """One argument of a desktop entry's Exec key (freedesktop Desktop Entry spec, "The Exec key")."""
    arg = arg.replace("%", "%%")
    if any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    return arg


def exec_line() -> str:
    """The command that starts this installation of annotator, for the desktop entry."""
    script = Path(sys.executable).parent / "annotator"
    if script.is_file() and os.access(script, os.X_OK):
        command = [str(script)]
    else:  # running from a checkout with `python main.py` or `python -m annotator`
        command = [sys.executable, "-m", "annotator"]
    return " ".join(_quote(part) for part in command) + " %f"


def desktop_entry() -> str:
    text = (DESKTOP / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    lines = [f"Exec={exec_line()}" if line.startswith("Exec=") else line for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def _refresh_caches(home: Path) -> None:
    """Tell the desktop about the change where its tools are installed (nothing happens without them)."""
    for tool, args in (("update-desktop-database", ["-q", str(home / "applications")]),
                       ("gtk-update-icon-cache", ["-q", "-t", "-f", str(home / "icons" / "hicolor")])):
        if shutil.which(tool):
            subprocess.run([tool, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def run_install(ctx) -> int:
    home = data_home(ctx.args.prefix)
    files = targets(home)
    for target, source in files.items():
        if ctx.args.dry_run:
            ctx.out(f"would write {target}")
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if source is None:
                target.write_text(desktop_entry(), encoding="utf-8")
            else:
                shutil.copyfile(source, target)
        except OSError as exc:
            raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    if not ctx.args.dry_run:
        _refresh_caches(home)
        program = exec_line().removesuffix(" %f")
        ctx.out(f"installed {home / 'applications' / f'{APP_ID}.desktop'} (it starts {program}) "
                f"and {len(files) - 1} icon and metadata files under {home}")
    return 0


def run_uninstall(ctx) -> int:
    home = data_home(ctx.args.prefix)
    removed = 0
    for target in targets(home):
        if not target.exists():
            continue
        if ctx.args.dry_run:
            ctx.out(f"would remove {target}")
            continue
        try:
            target.unlink()
        except OSError as exc:
            raise UserError(f"cannot remove {target}: {exc.strerror or exc}") from None
        removed += 1
    if not ctx.args.dry_run:
        _refresh_caches(home)
        ctx.out(f"removed {removed} file{'s' if removed != 1 else ''}" if removed else "nothing to remove")
    return 0
