"""``annotator backup`` and ``annotator restore``: copies of the worker's store, and getting one back.

``annotator backup`` copies the store now (it may run while the window is open);
``annotator backup --list`` lists the copies, newest first. ``annotator restore
BACKUP|--latest`` checks the chosen copy, keeps the current store as a backup and
puts the copy in its place; ``annotator restore --empty`` starts over with an
empty store on purpose (the old one is kept too). Restoring needs the data folder
to itself: close the window first. See :mod:`annotator.core.backup`.
"""
from __future__ import annotations

import json
import time

from annotator.core.errors import UserError, format_bytes
from annotator.core.safetext import terminal

NAMES = ("backup", "restore")


def register(sub, common) -> None:
    b = sub.add_parser("backup", parents=[common],
                       help="copy the store now (safe while the window is open), or list the copies")
    b.add_argument("--list", action="store_true", help="list the backups, newest first")
    b.add_argument("--json", action="store_true", help="print JSON")
    b.set_defaults(func=run_backup)
    r = sub.add_parser("restore", parents=[common],
                       help="put a backup in place of the store (the current store is kept as a backup)")
    r.add_argument("backup", nargs="?", metavar="BACKUP",
                   help="a backup's name or number from 'annotator backup --list', or a path")
    r.add_argument("--latest", action="store_true", help="the newest backup")
    r.add_argument("--empty", action="store_true",
                   help="start over with an empty store on purpose (packs stay in packs/, to import again)")
    r.set_defaults(func=run_restore)


def run_backup(ctx) -> int:
    from annotator.core import backup

    if ctx.args.list:
        rows = backup.list_backups(ctx.data_dir)
        if ctx.args.json:
            ctx.out(json.dumps([{"number": n, "name": b.name, "kind": b.kind, "made_at": b.made_at, "size": b.size,
                                 "path": str(b.path)} for n, b in enumerate(rows, 1)], indent=2))
            return 0
        if not rows:
            ctx.out(f"no backups yet in {terminal(backup.backups_dir(ctx.data_dir))}")
        for n, b in enumerate(rows, 1):
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(b.made_at))
            ctx.out(f"{n:>3}  {b.name:<46} {when}  {b.kind:<9} {format_bytes(b.size):>9}")
        return 0
    from annotator.core.store import refuse_to_start_over

    refuse_to_start_over(ctx.data_dir)  # a missing store is not "backed up" as an empty one
    made = backup.create(ctx.data_dir, "manual")
    found = backup.summary(made.path)
    if ctx.args.json:
        ctx.out(json.dumps({"name": made.name, "path": str(made.path), "size": made.size, "packs": found.packs,
                            "records": found.records}, indent=2))
        return 0
    ctx.out(f"backed up the store to {terminal(made.path)} ({format_bytes(made.size)}: {found.packs} packs, "
            f"{found.annotations} annotations, {found.records} timesheet records)")
    return 0


def run_restore(ctx) -> int:
    from annotator.core import backup
    from annotator.core.lock import DataFolderLock
    from annotator.core.store import HEAD_REVISION, Store

    a = ctx.args
    if sum(bool(x) for x in (a.backup, a.latest, a.empty)) != 1:
        raise UserError("name one backup, or --latest, or --empty (see 'annotator backup --list')")
    lock = DataFolderLock(ctx.data_dir)
    lock.acquire(holder="annotator restore")
    try:
        if a.empty:
            replaced = backup.start_empty(ctx.data_dir)
            Store(ctx.data_dir, allow_new=True, lock=lock).close()
            kept = f"; the previous store is kept as {terminal(replaced)}" if replaced else ""
            ctx.out(f"started over with an empty store in {terminal(ctx.data_dir)}{kept}; pack folders left in "
                    f"packs/ can be imported again with 'annotator pack import FOLDER'")
            return 0
        if a.latest:
            backups = backup.list_backups(ctx.data_dir)
            if not backups:
                raise UserError(f"there is no backup in {backup.backups_dir(ctx.data_dir)}")
            chosen = backups[0]
        else:
            chosen = backup.find(ctx.data_dir, a.backup)
        done = backup.restore(ctx.data_dir, chosen, HEAD_REVISION)
        with Store(ctx.data_dir, lock=lock) as store:  # brings an older backup to the current schema
            packs = store.packs()
            missing = [p for p in packs if not p.folder.is_dir()]
        s = done.summary
        last = time.strftime("%Y-%m-%d %H:%M", time.localtime(s.last_record)) if s.last_record else "none"
        kept = f"; the store it replaced is kept as {terminal(done.replaced)}" if done.replaced else ""
        ctx.out(f"restored {terminal(done.source.name)}: {s.packs} packs, {s.annotations} annotations, "
                f"{s.records} timesheet records (the last ends {last}){kept}")
        if missing:
            ctx.out(f"{len(missing)} packs of the restored store have no folder any more (import them again): "
                    + ", ".join(terminal(p.label) for p in missing))
        return 0
    finally:
        lock.release()
