"""Word error rate and word-level differences between transcripts. Qt-free, numpy only.

The lab's merge (agreement between workers) and the editor ("what you changed in the
machine transcript") both use this module::

    >>> r = word_error_rate("set a timer for twelve minutes", "set the timer for 12 minutes")
    >>> r.substitutions, r.deletions, r.insertions, round(r.wer, 3)
    (2, 0, 0, 0.333)

The alignment is an exact Levenshtein alignment over words, computed one row at a
time with numpy (memory grows with the shorter transcript only), so two transcripts
of a two-hour interview (20,000 words each) compare in a few seconds.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Iterable

import numpy as np

from annotator_transcription.timestamps import TIMESTAMP


def normalize(text: str) -> list[str]:
    """Words for scoring: case-folded, Unicode NFKC, punctuation and ``[0:01:02.3]`` timestamps removed.

    Apostrophes and hyphens inside a word are kept ("don't", "twenty-one").
    """
    text = unicodedata.normalize("NFKC", text or "")
    text = TIMESTAMP.sub(" ", text).casefold().replace("\u2019", "'")
    words = []
    for raw in text.split():
        chars = [c if not unicodedata.category(c).startswith(("P", "S")) or c in "'-" else " " for c in raw]
        for word in "".join(chars).split():
            word = word.strip("'-")
            if word:
                words.append(word)
    return words


@dataclass(frozen=True)
class WordErrors:
    """The result of aligning a hypothesis against a reference."""

    hits: int
    substitutions: int
    deletions: int
    insertions: int
    reference_words: int
    hypothesis_words: int

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float:
        """errors / reference words; with an empty reference, 0.0 if the hypothesis is empty too, else 1.0."""
        if self.reference_words == 0:
            return 0.0 if self.hypothesis_words == 0 else 1.0
        return self.errors / self.reference_words


def align_counts(reference: list[str], hypothesis: list[str]) -> WordErrors:
    """Exact minimum edit alignment; among equally good ones, the one with the fewest insertions.

    The dynamic programme keeps one row. Each cell stores ``distance * K + insertions``
    (``K`` larger than any insertion count), so the minimum also tracks insertions,
    and deletions and substitutions follow from the lengths: D - I = len(ref) - len(hyp).
    Within a row, the insertion moves are resolved at once with a running minimum.
    """
    n, m = len(reference), len(hypothesis)
    if n == 0 or m == 0:
        return WordErrors(0, 0, n, m, n, m)
    vocab: dict[str, int] = {}
    ref = np.array([vocab.setdefault(w, len(vocab)) for w in reference], dtype=np.int64)
    hyp = np.array([vocab.setdefault(w, len(vocab)) for w in hypothesis], dtype=np.int64)
    K = m + 1
    ins = K + 1  # one more error and one more insertion
    cols = np.arange(m + 1, dtype=np.int64)
    ramp = cols * ins
    row = ramp.copy()  # row 0: every hypothesis word inserted
    for i in range(1, n + 1):
        diag = row[:-1] + np.where(hyp == ref[i - 1], 0, K)  # match / substitution
        down = row[1:] + K  # deletion of a reference word
        base = np.empty(m + 1, dtype=np.int64)
        base[0] = i * K
        np.minimum(diag, down, out=base[1:])
        # cur[j] = min over k <= j of base[k] + (j - k) * ins
        row = np.minimum.accumulate(base - ramp) + ramp
    value = int(row[-1])
    distance, insertions = divmod(value, K)
    deletions = insertions + n - m
    substitutions = distance - insertions - deletions
    hits = n - substitutions - deletions
    return WordErrors(hits, substitutions, deletions, insertions, n, m)


def word_error_rate(reference: str, hypothesis: str, normalized: bool = True) -> WordErrors:
    """Align two transcripts word by word; ``normalized`` applies :func:`normalize` first."""
    if normalized:
        ref, hyp = normalize(reference), normalize(hypothesis)
    else:
        ref, hyp = (reference or "").split(), (hypothesis or "").split()
    return align_counts(ref, hyp)


def corpus_wer(pairs: Iterable[tuple[str, str]]) -> WordErrors:
    """Errors summed over many (reference, hypothesis) pairs, as corpus WER is usually reported."""
    total = [0, 0, 0, 0, 0, 0]
    for reference, hypothesis in pairs:
        r = word_error_rate(reference, hypothesis)
        for k, v in enumerate((r.hits, r.substitutions, r.deletions, r.insertions, r.reference_words,
                               r.hypothesis_words)):
            total[k] += v
    return WordErrors(*total)


@dataclass(frozen=True)
class Change:
    """One run of a word-level difference: ``op`` is ``equal``, ``delete``, ``insert`` or ``replace``."""

    op: str
    old: str
    new: str


def word_diff(old: str, new: str) -> list[Change]:
    """What changed from ``old`` to ``new``, word by word, as typed (case and punctuation count)."""
    a, b = (old or "").split(), (new or "").split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [Change(op, " ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()]


def changed_words(changes: Iterable[Change]) -> int:
    """How many words of the old text were replaced or deleted, plus words inserted."""
    count = 0
    for change in changes:
        if change.op != "equal":
            count += max(len(change.old.split()), len(change.new.split()))
    return count
