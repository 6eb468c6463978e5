"""The rating plugin's Qt-free model, one module per concept; this module names them all.

* :mod:`annotator_rating.task`: the task schema (a pack's ``[task]``, parsed and checked);
* :mod:`annotator_rating.items`: items (their checks, modes and display order);
* :mod:`annotator_rating.annotation`: the saved annotation (cleaned, read);
* :mod:`annotator_rating.document`: the worker's edits, with undo (the editor's rules);
* :mod:`annotator_rating.submit_notes`: the checks before submitting.

``from annotator_rating import model`` and ``from annotator_rating.model import X`` keep
working for every name that used to live here (the exporters, the lab's agreement, checks
and consensus use them). Everything runs without a display: pack validation and
``pack new`` in the command line, the exporters and the lab's merge. The formats are
documented in ``docs/rating.md``; keep the two in step.
"""
from __future__ import annotations

from annotator_rating.annotation import (ANNOTATION_FORMAT, all_scores, clean_annotation, is_empty,
                                         pairwise_value, preference, summary_parts)
from annotator_rating.document import RatingDocument
from annotator_rating.items import (DIRECTIONS, ITEM_KEYS, MAX_RESPONSES, MAX_TEXT, ROLES, display_order,
                                    is_writing_item, item_modes, item_problems, letter, response_by_id,
                                    response_ids)
from annotator_rating.submit_notes import (FAST_FRACTION, FAST_MIN_HISTORY, Note, identical_scores,
                                           missing_notes, much_faster, record_time)
from annotator_rating.task import (DEFAULT_CRITERIA, DEFAULT_FLAGS, DEFAULT_VERDICTS, FALLBACK_CRITERION,
                                   JUSTIFY, MAX_SCALE_POINTS, MODES, RESPONSE_MODES, TASK_KEYS, Choice,
                                   Criterion, RubricCriterion, Task, TextSettings, is_id, is_int, is_text,
                                   parse_task, task_of)

# the value checks' names before the split
_is_id, _text, _int = is_id, is_text, is_int

__all__ = [
    "ANNOTATION_FORMAT", "all_scores", "clean_annotation", "is_empty", "pairwise_value", "preference",
    "summary_parts", "RatingDocument", "DIRECTIONS", "ITEM_KEYS", "MAX_RESPONSES", "MAX_TEXT", "ROLES",
    "display_order", "is_writing_item", "item_modes", "item_problems", "letter", "response_by_id",
    "response_ids", "FAST_FRACTION", "FAST_MIN_HISTORY", "Note", "identical_scores", "missing_notes",
    "much_faster", "record_time", "DEFAULT_CRITERIA", "DEFAULT_FLAGS", "DEFAULT_VERDICTS",
    "FALLBACK_CRITERION", "JUSTIFY", "MAX_SCALE_POINTS", "MODES", "RESPONSE_MODES", "TASK_KEYS", "Choice",
    "Criterion", "RubricCriterion", "Task", "TextSettings", "is_id", "is_int", "is_text", "parse_task",
    "task_of",
]
