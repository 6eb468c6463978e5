"""What a progress bar costs the long commands: validate and import of a 100,000-item pack,
with no one watching (progress=silent), and with the terminal bar drawn (to /dev/null, as often
as tqdm redraws on a terminal).

    .venv/bin/python bench/cli_progress.py [ITEMS]        # default 100000; median of 3

Figures in docs/performance.md ("Progress bars").
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from annotator.cli.progressbar import TerminalProgress
    from annotator.core.library import import_pack
    from annotator.core.packs import validate_path
    from annotator.core.progress import silent
    from annotator.core.registry import installed
    from annotator.core.store import Store
    from tests.packs import write_pack

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    registry = installed()
    with tempfile.TemporaryDirectory() as tmp, open("/dev/null", "w") as null:
        pack = write_pack(Path(tmp) / "pack", kind="rating", n=n)

        def bar():
            return TerminalProgress(stream=null)

        def validate(progress):
            validate_path(pack, registry, progress=progress)

        def imp(progress, _count=[0]):
            _count[0] += 1
            with Store(Path(tmp) / f"data-{_count[0]}") as store:
                import_pack(pack, store, registry, progress=progress)

        print(f"{n:,} rating items; median of 3 runs (s)")
        for name, job in (("pack validate", validate), ("pack import", imp)):
            row = []
            for label, make in (("silent", lambda: silent), ("bar", bar)):
                times = []
                for _ in range(3):
                    progress = make()
                    t0 = time.perf_counter()
                    job(progress)
                    times.append(time.perf_counter() - t0)
                    getattr(progress, "close", lambda: None)()
                row.append(statistics.median(times))
            print(f"{name:<14} silent {row[0]:6.2f}   bar {row[1]:6.2f}   (+{100 * (row[1] / row[0] - 1):.1f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
