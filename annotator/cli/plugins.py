"""``annotator plugins``: the installed task plugins."""
from __future__ import annotations

import json


NAMES = ("plugins",)


def register(sub, common) -> None:
    parser = sub.add_parser("plugins", parents=[common], help="list the installed task plugins")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(ctx) -> int:
    registry = ctx.registry
    rows = []
    for plugin_id in registry.ids():
        plugin, info = registry.plugins[plugin_id], registry.info[plugin_id]
        try:
            formats = sorted(str(e.name) for e in plugin.exporters())
        except Exception as exc:  # a plugin's failure is shown, not raised
            formats = [f"(error: {type(exc).__name__}: {exc})"]
        rows.append({"id": plugin_id, "name": info.name, "version": info.version,
                     "source": registry.sources.get(plugin_id, ""), "formats": formats})
    broken = [{"id": b.id, "source": b.source, "error": b.error} for b in registry.broken]
    if ctx.args.json:
        ctx.out(json.dumps({"plugins": rows, "broken": broken}, indent=2))
        return 0
    for row in rows:
        ctx.out(f"{row['id']:<16} {row['name']} {row['version']}  [{', '.join(row['formats'])}]  {row['source']}")
    for b in broken:
        ctx.out(f"{b['id']:<16} BROKEN: {b['error']}  {b['source']}")
    if not rows and not broken:
        ctx.out("no task plugins are installed")
    return 0
