"""Agreement between workers on the same recordings: word error rate between their transcripts."""
from __future__ import annotations

from itertools import permutations
from typing import Any, Mapping, Sequence

from annotator.plugin_api.agreement import AgreementFigure, ItemGroup
from annotator_transcription.segments import annotation_segments, full_text
from annotator_transcription.wer import corpus_wer


def agreement(groups: Sequence[ItemGroup], task: Mapping[str, Any]) -> list[AgreementFigure]:
    pairs = []
    items = 0
    for group in groups:
        texts = {w: full_text(annotation_segments(a)) for w, a in group.annotations.items() if a}
        if len(texts) < 2:
            continue
        items += 1
        # every ordered pair: WER is not symmetric, so each worker is the reference once
        pairs.extend((texts[a], texts[b]) for a, b in permutations(sorted(texts), 2))
    if not pairs:
        return [AgreementFigure("word error rate between workers", None, 0)]
    errors = corpus_wer(pairs)
    return [AgreementFigure(
        "word error rate between workers", errors.wer, items,
        "corpus WER over every ordered pair of workers' transcripts of the same recording, after "
        "normalising case and punctuation (lower is closer)")]
