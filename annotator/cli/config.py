"""``annotator config show|set|unset``: defaults for options a lab repeats on every call.

The file is ``config.toml`` in the platform's config folder
(``~/.config/annotator/config.toml`` on Linux), or ``$ANNOTATOR_CONFIG``. It
holds a few keys, each the default of the same option in the commands where
that option means the same thing; an option given on the command line wins.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import UserError

NAMES = ("config",)
CONFIG_ENV = "ANNOTATOR_CONFIG"


@dataclass(frozen=True)
class Key:
    help: str
    commands: tuple[str, ...]  # where it is the default of the option --KEY
    example: str


def _check_db(value: str):
    if "://" not in value:
        raise ValueError("a SQLAlchemy URL, e.g. postgresql+psycopg://lab-host/lab or sqlite:////srv/lab.sqlite3")
    return value


def _check_wage(value: str):
    try:
        number = float(value)
    except ValueError:
        raise ValueError("a number, e.g. 11.88") from None
    if not number > 0 or number == float("inf"):
        raise ValueError("a number above 0, e.g. 11.88")
    return int(number) if number.is_integer() else number


def _check_currency(value: str):
    if not re.fullmatch(r"[A-Za-z]{3}", value):
        raise ValueError("three letters (ISO 4217), e.g. EUR")
    return value.upper()


KEYS = {
    "db": Key("the lab's database for 'results merge'", ("results merge",), "postgresql+psycopg://lab-host/lab"),
    "minimum-wage": Key("the hourly minimum wage for 'pack lint' and 'results report'",
                        ("pack lint", "results report"), "11.88"),
    "currency": Key("the minimum wage's currency for 'pack lint' and 'results report'",
                    ("pack lint", "results report"), "EUR"),
}
CHECKS = {"db": _check_db, "minimum-wage": _check_wage, "currency": _check_currency}


def config_path() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("annotator", appauthor=False)) / "config.toml"


def load(path: Path | None = None) -> dict:
    """The settings in the config file ({} if there is none); a broken file is a one-line error."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: {exc} (fix it, or remove it to start again)") from None
    settings = {}
    for key, value in data.items():
        if key not in KEYS:
            raise UserError(f"{path}: unknown setting {key!r} (known: {', '.join(KEYS)})")
        try:
            settings[key] = CHECKS[key](str(value))
        except ValueError as exc:
            raise UserError(f"{path}: {key} must be {exc}") from None
    return settings


def _save(path: Path, settings: dict) -> None:
    import tomli_w

    from annotator.plugin_api import write_bytes_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# annotator's defaults: edit with 'annotator config set|unset' (see 'annotator config --help')\n"
    write_bytes_atomic(path, (text + tomli_w.dumps(settings)).encode("utf-8"))
    path.chmod(0o600)  # a database URL may carry a password


def apply_defaults(parser) -> None:
    """Make the config file's settings the defaults of their options (shown in ``--help``)."""
    settings = load()
    if not settings:
        return
    from annotator.cli import walk

    for path, sub in walk(parser):
        command = " ".join(path)
        for key, value in settings.items():
            if command not in KEYS[key].commands:
                continue
            for action in sub._actions:
                if f"--{key}" in action.option_strings:
                    action.default = value
                    action.help = f"{action.help} (now {value}, from {config_path()})"


def register(sub, common) -> None:
    keys = "; ".join(f"{k}: {v.help}" for k, v in KEYS.items())
    config = sub.add_parser("config", parents=[common], help="defaults for --db, --minimum-wage and --currency",
                            description=f"Defaults kept in {config_path()} (or $ANNOTATOR_CONFIG). "
                                        f"Settings: {keys}. An option given on the command line wins.")
    csub = config.add_subparsers(dest="config_command", metavar="SUBCOMMAND", parser_class=type(config))
    show = csub.add_parser("show", parents=[common], help="print the config file's path and its settings")
    show.set_defaults(func=run_show)
    set_ = csub.add_parser("set", parents=[common], help="set a default")
    set_.add_argument("key", choices=list(KEYS), metavar="KEY", help=f"one of: {', '.join(KEYS)}")
    set_.add_argument("value", metavar="VALUE", help="its value, e.g. 11.88 for minimum-wage, EUR for currency")
    set_.set_defaults(func=run_set)
    unset = csub.add_parser("unset", parents=[common], help="remove a default")
    unset.add_argument("key", choices=list(KEYS), metavar="KEY", help=f"one of: {', '.join(KEYS)}")
    unset.set_defaults(func=run_unset)


def run_show(ctx) -> int:
    path = config_path()
    settings = load(path)
    ctx.out(f"# {path}" + ("" if path.exists() else " (not written yet)"))
    for key in KEYS:
        if key in settings:
            ctx.out(f"{key} = {settings[key]}")
        else:
            ctx.out(f"# {key}: not set ({KEYS[key].help}; e.g. annotator config set {key} {KEYS[key].example})")
    return 0


def run_set(ctx) -> int:
    key, value = ctx.args.key, ctx.args.value
    try:
        checked = CHECKS[key](value)
    except ValueError as exc:
        raise UserError(f"{key} must be {exc}") from None
    path = config_path()
    settings = load(path)
    settings[key] = checked
    _save(path, settings)
    ctx.out(f"{key} = {checked} (in {path})")
    return 0


def run_unset(ctx) -> int:
    path = config_path()
    settings = load(path)
    if ctx.args.key not in settings:
        ctx.out(f"{ctx.args.key} was not set")
        return 0
    del settings[ctx.args.key]
    _save(path, settings)
    ctx.out(f"{ctx.args.key} unset (in {path})")
    return 0
