"""``annotator pack new|validate|import|info|list``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from annotator.cli.progressbar import staged
from annotator.core.errors import PackError, UserError
from annotator.core.safetext import terminal

NAMES = ("pack",)

_OPTION_TYPES = {"str": str, "int": int, "list": str}
_METAVARS = {"str": "TEXT", "int": "N", "list": "A,B,..."}


def register(sub, common) -> None:
    pack = sub.add_parser("pack", parents=[common], help="create, check and import task packs")
    psub = pack.add_subparsers(dest="pack_command", metavar="SUBCOMMAND", parser_class=type(pack))

    new = psub.add_parser("new", parents=[common], help="build a pack from a folder of images or audio, "
                                                         "or a JSONL of prompts and responses")
    new.add_argument("kind", metavar="KIND", help="the plugin id: image, transcription, rating, ...")
    new.add_argument("source", metavar="SOURCE", type=Path, help="the source folder or file")
    new.add_argument("--from", dest="source_format", metavar="FORMAT", default=None,
                     help="what SOURCE is, when it is not the plugin's usual folder or file: label-studio "
                          "(a Label Studio JSON tasks export, with its predictions)")
    new.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                     help="the pack folder to create (or a .zip)")
    new.add_argument("--title", help="the pack's title (default: from SOURCE)")
    new.add_argument("--per-item", type=_number, metavar="X", help="pay per item")
    new.add_argument("--currency", metavar="C", type=str.upper, help="ISO 4217 currency code, e.g. EUR")
    new.add_argument("--estimate", type=_number, metavar="SECONDS", help="estimated seconds per item")
    new.add_argument("--id", dest="pack_id", metavar="ID", help="the pack id (default: from OUT)")
    new.add_argument("--lab", default="", help="the lab's name")
    new.add_argument("--contact", default="", help="how workers reach the lab")
    new.add_argument("--language", default="en", help="the items' language tag (default: en)")
    new.add_argument("--pack-version", dest="pack_version", default="1.0.0", metavar="V",
                     help="the pack version (default: 1.0.0)")
    _add_plugin_options(new)
    new.set_defaults(func=run_new)

    validate = psub.add_parser("validate", parents=[common], help="check a pack; exit 2 listing every problem")
    validate.add_argument("path", type=Path, metavar="PATH", help="the pack folder or .zip to check")
    validate.set_defaults(func=run_validate)

    imp = psub.add_parser("import", parents=[common], help="import packs into the worker's data folder")
    imp.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="pack folders or .zip files")
    imp.set_defaults(func=run_import)

    info = psub.add_parser("info", parents=[common], help="describe a pack (a path, or an imported ID)")
    info.add_argument("path", metavar="PATH", help="a pack folder or .zip, or the ID of an imported pack")
    info.add_argument("--json", action="store_true", help="print the manifest's fields as JSON")
    info.set_defaults(func=run_info)

    lint = psub.add_parser("lint", parents=[common],
                           help="the terms check a worker will see (exit 1 when there are findings)")
    lint.add_argument("path", type=Path, metavar="PATH", help="the pack folder or .zip to check")
    lint.add_argument("--minimum-wage", type=_number, metavar="AMOUNT",
                      help="the hourly minimum wage to compare the implied rate with, e.g. 11.88")
    lint.add_argument("--currency", type=str.upper, metavar="C", help="the minimum wage's currency, e.g. EUR")
    lint.set_defaults(func=run_lint)

    lst = psub.add_parser("list", parents=[common], help="list the imported packs")
    lst.add_argument("--json", action="store_true", help="print JSON (with each pack's progress)")
    lst.set_defaults(func=run_list)


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UserError(f"{text!r} is not a number") from None
    if value != value or value < 0 or value == float("inf"):
        raise UserError(f"{text!r} must be a finite number >= 0")
    return int(value) if value.is_integer() else value


def _add_plugin_options(parser) -> None:
    from annotator.core.registry import installed

    taken = {a.dest for a in parser._actions}
    group = parser.add_argument_group("options of the task plugins")
    registry = installed()
    for plugin_id in registry.ids():
        plugin = registry.plugins[plugin_id]
        for option in getattr(plugin, "pack_new_options", ()):
            dest = "opt_" + option.name.replace("-", "_")
            if dest in taken:
                continue
            taken.add(dest)
            group.add_argument(f"--{option.name}", dest=dest, default=None,
                               type=_OPTION_TYPES.get(option.kind, str), metavar=_METAVARS.get(option.kind, "TEXT"),
                               help=f"[{plugin_id}] {option.help}")


def run_new(ctx) -> int:
    from annotator.core.packnew import new_pack

    args = ctx.args
    plugin = ctx.registry.get(args.kind)
    options = {}
    for option in getattr(plugin, "pack_new_options", ()):
        value = getattr(args, "opt_" + option.name.replace("-", "_"), None)
        if value is None:
            value = option.default
        elif option.kind == "list":
            value = [v.strip() for v in value.split(",") if v.strip()]
        options[option.name] = value
    options["from"] = args.source_format  # the core's own option: every plugin's new_pack reads it
    given = {k[4:] for k, v in vars(args).items() if k.startswith("opt_") and v is not None}
    foreign = given - {o.name.replace("-", "_") for o in getattr(plugin, "pack_new_options", ())}
    if foreign:
        raise UserError(f"--{sorted(foreign)[0].replace('_', '-')} does not apply to {args.kind} packs")
    validation = new_pack(args.kind, args.source, args.output, ctx.registry, title=args.title,
                          per_item=args.per_item, currency=args.currency, estimate=args.estimate,
                          pack_id=args.pack_id, lab=args.lab, contact=args.contact, language=args.language,
                          version=args.pack_version, options=options)
    m = validation.manifest
    ctx.out(terminal(f"created {args.output}: {m.id} {m.version} ({m.kind}), {validation.item_count} items"))
    ctx.out("edit its pack.toml (lab, pay, content warnings) and instructions.md before handing it out")
    return 0


def _summary(validation) -> str:
    m = validation.manifest
    training = f" ({validation.training_count} training)" if validation.training_count else ""
    return terminal(f"ok: {m.id} {m.version} ({m.kind}) \"{m.title}\": {validation.item_count} items{training}, "
                    f"{validation.content_hash}")


def _json(doc) -> str:
    """JSON for the terminal: control and format characters inside strings as ``\\uXXXX`` (still valid JSON)."""
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    return "".join(_json_escape(ch) if ch not in "\n\t" and terminal(ch) != ch else ch for ch in text)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:  # a surrogate pair, as JSON writes characters outside the BMP
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _validated(path, registry, progress=None):
    """Validate a pack path given on the command line; warnings go to stderr."""
    from annotator.core.packs import validate_path

    validation = validate_path(path, registry, progress=progress)
    if not validation.ok:
        raise PackError(validation.problems)
    for warning in validation.warnings:
        print(terminal(warning), file=sys.stderr)
    return validation


def run_validate(ctx) -> int:
    validation = _validated(ctx.args.path, ctx.registry, staged(ctx.progress))
    ctx.out(_summary(validation))
    return 0


def run_lint(ctx) -> int:
    """Validate, then show the terms warnings a worker would see before starting."""
    from annotator.core.terms import Reference, check_terms

    args = ctx.args
    if (args.minimum_wage is None) != (args.currency is None):
        raise UserError("--minimum-wage and --currency go together (for example --minimum-wage 11.88 --currency EUR)")
    validation = _validated(args.path, ctx.registry)
    manifest = validation.manifest
    reference = Reference(args.minimum_wage, args.currency) if args.minimum_wage is not None else None
    findings = check_terms(manifest, validation.training_count > 0, reference)
    rate = manifest.implied_hourly_rate
    rate_text = f"{rate:.2f} {manifest.currency}/h at the pack's estimate" if rate is not None else "no implied rate"
    for finding in findings:
        ctx.out(terminal(f"{args.path}: {finding.code}: {finding.message}"))
    ctx.out(terminal(f"{manifest.id} {manifest.version}: {len(findings)} finding{'s' if len(findings) != 1 else ''}; "
                     f"{rate_text}"))
    return 1 if findings else 0


def run_import(ctx) -> int:
    from annotator.core.library import import_pack

    failed = 0
    for path in ctx.args.paths:
        try:
            result = import_pack(path, ctx.store, ctx.registry, progress=staged(ctx.progress))
        except PackError as exc:
            failed += 1
            for problem in exc.problems:
                print(terminal(f"{path}: {problem}"), file=sys.stderr)
            continue
        row = result.pack
        verb = "imported" if result.created else "already imported"
        ctx.out(terminal(f"{verb}: {row.pack_id} {row.version} ({row.kind}) \"{row.title}\", {row.item_count} items"))
        if result.newer is not None:
            ctx.out(terminal(f"note: {row.pack_id} {result.newer} is also imported; commands that name only "
                             f"'{row.pack_id}' use the highest version, {result.newer}"))
    return 2 if failed else 0


def _manifest_json(manifest, content_hash: str, instructions_hash: str, items: int, training: int) -> dict:
    raw = manifest.raw
    return {
        "id": manifest.id,
        "version": manifest.version,
        "content_hash": content_hash,
        "instructions_hash": instructions_hash,
        "format": raw.get("format"),
        "title": manifest.title,
        "kind": manifest.kind,
        "lab": manifest.lab,
        "contact": manifest.contact,
        "language": manifest.language,
        "pay": dict(manifest.pay),
        "content": {"warnings": list(manifest.warnings)},
        "task": dict(manifest.task),
        "items": items,
        "training_items": training,
        "implied_hourly_rate": manifest.implied_hourly_rate,
    }


def run_info(ctx) -> int:
    from annotator.core.packs import Manifest

    path = Path(ctx.args.path)
    if _exists(path):
        validation = _validated(path, ctx.registry)
        doc = _manifest_json(validation.manifest, validation.content_hash, validation.instructions_hash,
                             validation.item_count, validation.training_count)
    else:
        row = ctx.store.resolve_pack(ctx.args.path)
        doc = _manifest_json(Manifest.from_raw(row.manifest), row.content_hash, row.instructions_hash,
                             row.item_count, row.training_count)
        doc["progress"] = ctx.store.progress(row.pk)
        doc["folder"] = str(row.folder)
    if ctx.args.json:
        ctx.out(_json(doc))
        return 0

    def out(text: str) -> None:  # every line below holds pack strings
        ctx.out(terminal(text))

    pay = doc["pay"]
    rate = doc["implied_hourly_rate"]
    out(f"{doc['title']}  ({doc['id']} {doc['version']}, {doc['kind']})")
    out(f"  lab:        {doc['lab']}  {doc['contact']}".rstrip())
    out(f"  items:      {doc['items']} ({doc['training_items']} training)")
    if "per_item" in pay:
        out(f"  pay:        {pay['per_item']} {pay.get('currency', '')} per item")
    if "estimated_seconds_per_item" in pay:
        out(f"  estimate:   {pay['estimated_seconds_per_item']} s per item")
    if rate is not None:
        out(f"  implies:    {rate:.2f} {pay.get('currency', '')} per hour")
    if doc["content"]["warnings"]:
        out(f"  warnings:   {', '.join(doc['content']['warnings'])}")
    out(f"  content:    {doc['content_hash']}")
    out(f"  instructions: {doc['instructions_hash']}")
    return 0


def _exists(path: Path) -> bool:
    """Whether a path given on the command line exists; a name the system refuses is a user error."""
    try:
        return path.exists()
    except OSError as exc:  # ENAMETOOLONG and the like
        raise UserError(f"{str(path)[:80]}{'...' if len(str(path)) > 80 else ''}: {exc.strerror}") from None


def run_list(ctx) -> int:
    rows = ctx.store.packs()
    if ctx.args.json:
        ctx.out(_json([{"id": r.pack_id, "version": r.version, "kind": r.kind, "title": r.title,
                        "lab": r.lab, "items": r.item_count, "content_hash": r.content_hash,
                        "progress": ctx.store.progress(r.pk)} for r in rows]))
        return 0
    from annotator.core.session import done_count

    for r in rows:
        progress = ctx.store.progress(r.pk)
        done = done_count(progress)
        ctx.out(terminal(f"{r.pack_id + '@' + r.version:<34} {r.kind:<14} {f'{done}/{r.item_count}':>9} done  "
                         f"{r.title}  ({r.lab})"))
    if not rows:
        ctx.out("no pack is imported yet")
    return 0
