#!/usr/bin/env python3
"""Run annotator from a source checkout: ``python main.py [--data-dir DIR] [PACK]``.

Same program as the ``annotator`` console command.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
for path in (ROOT, ROOT / "plugins"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from annotator.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
