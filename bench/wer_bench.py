#!/usr/bin/env python3
"""Word error rate alignment of long transcripts: time per alignment (the test suite checks exactness only).

    .venv/bin/python bench/wer_bench.py

``align_counts`` (one numpy row of the edit-distance table at a time) at the sizes a
lab meets: a 5-minute recording (~750 words), a 20-minute interview (~3,000) and an
hour (~9,000), with 1 word in 100 changed; best of 3, beside ``jiwer`` when installed.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from annotator_transcription.wer import align_counts  # noqa: E402


def transcripts(n: int, seed: int = 1) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    words = [f"w{rng.randrange(2000)}" for _ in range(n)]
    other = list(words)
    for i in range(0, n, 100):
        other[i] = "changed"
    return words, other


def best_of(fn, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    try:
        import jiwer
    except ImportError:
        jiwer = None
    print("| words | align_counts | jiwer |")
    print("| ---: | ---: | ---: |")
    for n in (750, 3000, 9000):
        ref, hyp = transcripts(n)
        ours = best_of(lambda: align_counts(ref, hyp))
        theirs = best_of(lambda: jiwer.wer(" ".join(ref), " ".join(hyp))) if jiwer else None
        print(f"| {n:,} | {ours * 1000:,.0f} ms | {'—' if theirs is None else f'{theirs * 1000:,.0f} ms'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
