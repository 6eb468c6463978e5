"""One transcript of a recording from several workers' (``results merge --consensus``).

Transcripts cannot be averaged word by word without aligning them in time and text (ROVER,
which needs word timings this tool does not record). The rule (``docs/lab.md``): the consensus
is the **medoid**, the transcript of the worker whose words are closest to everyone else's:
the lowest sum of word errors (:func:`wer.word_error_rate`, case and punctuation normalised)
against the other workers' transcripts, at most :data:`MAX_WORKERS` of them (a fixed sample).
Workers who wrote no text do not count. Two transcripts equally close is a tie: the first
worker's by pseudonym is taken and the tie counted ("transcript ties"). With two workers every
choice is a tie, so with two workers the item is counted as "transcripts of two workers (no
majority)" and the first worker's taken. Segments, times and speakers are the chosen worker's.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

from annotator.plugin_api import Consensus
from annotator.plugin_api.agreement import ItemGroup, sample_workers
from annotator_transcription.segments import annotation_segments, full_text
from annotator_transcription.wer import word_error_rate

#: transcripts compared per recording at most (every pair of them: 10 pairs)
MAX_WORKERS = 5


def consensus(group: ItemGroup, task: Mapping[str, Any]) -> Consensus:
    texts = {w: full_text(annotation_segments(a if isinstance(a, Mapping) else None))
             for w, a in group.annotations.items()}
    texts = {w: t for w, t in texts.items() if t.strip()}
    counts: Counter = Counter()
    if not texts:
        return Consensus(None, {})
    workers = sample_workers(str(group.item.get("id")), list(texts), MAX_WORKERS)
    if len(workers) == 2:
        counts["transcripts of two workers (no majority)"] += 1
        return Consensus(dict(group.annotations[workers[0]]), dict(counts))
    cost = {w: 0 for w in workers}
    for i, a in enumerate(workers):
        for b in workers[i + 1:]:
            errors = word_error_rate(texts[a], texts[b]).errors
            cost[a] += errors
            cost[b] += errors
    best = min(cost.values())
    chosen = [w for w in workers if cost[w] == best]
    if len(chosen) > 1:
        counts["transcript ties"] += 1
    return Consensus(dict(group.annotations[chosen[0]]), dict(counts))
