"""Agreement between workers on the same recordings: word error rate between their transcripts."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from annotator.plugin_api.agreement import MAX_PAIRS_PER_ITEM, AgreementFigure, ItemGroup, worker_pairs
from annotator_transcription.segments import annotation_segments, full_text
from annotator_transcription.wer import word_error_rate


def agreement(groups: Iterable[ItemGroup], task: Mapping[str, Any]) -> list[AgreementFigure]:
    errors = words = items = 0
    for group in groups:  # one pass: groups are streamed
        texts = {w: full_text(annotation_segments(a)) for w, a in group.annotations.items() if a}
        if len(texts) < 2:
            continue
        items += 1
        kept = ItemGroup(group.item, texts)
        # ordered pairs: WER is not symmetric, so each worker of a pair is the reference once
        for a, b in worker_pairs(kept, ordered=True):
            result = word_error_rate(texts[a], texts[b])
            errors += result.errors
            words += result.reference_words
    return [AgreementFigure(
        "word error rate between workers", (errors / words) if words else None, items,
        "corpus WER over ordered pairs of workers' transcripts of the same recording (at most %d pairs per "
        "recording, a fixed sample), after normalising case and punctuation; lower is closer"
        % (2 * MAX_PAIRS_PER_ITEM))]
