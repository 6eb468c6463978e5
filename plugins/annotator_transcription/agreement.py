"""Agreement between workers on the same recordings: word error rate between their transcripts."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from annotator.plugin_api.agreement import MAX_PAIRS_PER_ITEM, AgreementFigure, ItemGroup, worker_pairs
from annotator_transcription.segments import annotation_segments, full_text
from annotator_transcription.wer import corpus_wer


def agreement(groups: Iterable[ItemGroup], task: Mapping[str, Any]) -> list[AgreementFigure]:
    def pairs():
        nonlocal items
        for group in groups:  # one pass: groups are streamed
            texts = {w: full_text(annotation_segments(a)) for w, a in group.annotations.items() if a}
            if len(texts) < 2:
                continue
            items += 1
            # ordered pairs: WER is not symmetric, so each worker of a pair is the reference once
            for a, b in worker_pairs(ItemGroup(group.item, texts), ordered=True):
                yield texts[a], texts[b]

    items = 0
    errors = corpus_wer(pairs())
    return [AgreementFigure(
        "word error rate between workers", errors.wer if errors.reference_words else None, items,
        "corpus WER over ordered pairs of workers' transcripts of the same recording (at most %d pairs per "
        "recording, a fixed sample), after normalising case and punctuation; lower is closer"
        % (2 * MAX_PAIRS_PER_ITEM))]
