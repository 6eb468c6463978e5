"""Rating plugin: the Qt-free part (task settings, items, ``pack new``, exporters)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Mapping

from annotator.plugin_api import NewPack, PackNewOption, TaskPlugin, translatable

from annotator_rating import exporters as _exporters
from annotator_rating import model
from annotator_rating.model import MODES



def tr(context: str, text: str) -> str:
    """Translate when Qt is already loaded (in the app); plain English in the command line."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None or qtcore.QCoreApplication.instance() is None:
        return text
    return qtcore.QCoreApplication.translate(context, text)


INSTRUCTION_PARTS = {
    "likert": "**Score** each answer on every criterion; the scale's ends are explained next to the buttons.",
    "pairwise": "**Compare** the two answers: say which is better and by how much. Which answer is on the left "
                "is decided at random.",
    "ranking": "**Rank** the answers from best (1) to worst.",
    "rubric": "Answer each **rubric** question with pass or fail, and say why when asked.",
    "flags": "Tick a **safety flag** when an answer contains hate, dangerous or illegal advice, personal data, "
             "or encourages self-harm.",
    "justification": "Write a short **justification** of your judgement.",
    "rewrite": "**Rewrite** the ideal answer to the prompt.",
    "prompt_writing": "Write **prompts** that follow the brief, paste the answer you obtained, and give your verdict.",
}


class RatingPlugin(TaskPlugin):
    id = "rating"
    name = translatable("Prompt rating")
    version = "1.0"
    needs_media = False
    translations_dir = Path(__file__).parent / "translations"
    pack_new_options = (PackNewOption("mode", "comma-separated modes: " + ", ".join(MODES), "list"),)

    def __init__(self) -> None:
        self._parsed: tuple[Any, model.Task] | None = None
        #: the open editors' ears for :meth:`prefetch`, called from the prefetch thread with ``(pack, item)``
        self.prefetch_listeners: list[Callable[[Any, Mapping[str, Any]], None]] = []

    def task(self, task: Mapping[str, Any]) -> model.Task:
        """The parsed task settings, cached for the many ``validate_item`` calls of one pack."""
        cached = self._parsed
        if cached is not None and (cached[0] is task or cached[0] == task):
            return cached[1]
        parsed = model.task_of(task)
        self._parsed = (task, parsed)
        return parsed

    # -- packs -----------------------------------------------------------------

    def validate_task(self, task: Mapping[str, Any]) -> list[str]:
        return model.parse_task(task)[1]

    def validate_item(self, item: Mapping[str, Any], task: Mapping[str, Any]) -> list[str]:
        return model.item_problems(item, self.task(task))

    def new_pack(self, source: Path, options: Mapping[str, Any]) -> NewPack:
        """Items from a JSONL, CSV or Label Studio export in the shapes labs have (``importers.py``)."""
        from annotator.plugin_api.sources import SourceProblems

        from annotator_rating.importers import read_items

        modes = [m.strip() for m in (options.get("mode") or ["likert"]) if m.strip()]
        unknown = [m for m in modes if m not in MODES]
        if unknown:
            raise ValueError(f"unknown mode {', '.join(map(repr, unknown))}; modes are {', '.join(MODES)}")
        task = self._new_task(modes)
        parsed = model.task_of(task)
        problems = SourceProblems()
        items = read_items(Path(source), options.get("from"), problems,
                           check=lambda item: model.item_problems(item, parsed))
        problems.raise_if_any()
        lines = [f"- {INSTRUCTION_PARTS[m]}" for m in MODES if m in modes]
        instructions = ("# Rate an assistant's answers\n\nFor each item you see a prompt and the answers an AI "
                        "assistant gave.\n\n" + "\n".join(lines) +
                        "\n\nTake the time you need: reading a long answer is part of the work.\n")
        return NewPack(task=task, items=items, instructions=instructions)

    @staticmethod
    def _new_task(modes: list[str]) -> dict[str, Any]:
        task: dict[str, Any] = {"modes": modes}
        if "likert" in modes:
            task["criteria"] = [dict(c) for c in model.DEFAULT_CRITERIA]
        if "pairwise" in modes:
            task["pairwise"] = {"levels": 3, "ties": True}
        if "ranking" in modes:
            task["ranking"] = {"ties": False}
        if "rubric" in modes:
            task["rubric"] = [
                {"id": "follows_instructions", "label": "Follows every instruction in the prompt",
                 "justification": "on_fail", "min_length": 20},
                {"id": "no_invented_facts", "label": "Invents no facts, sources or quotes",
                 "justification": "on_fail", "min_length": 20},
            ]
        if "flags" in modes:
            task["flags"] = [dict(f) for f in model.DEFAULT_FLAGS]
        if "justification" in modes:
            task["justification"] = {"required": True, "min_length": 20}
        if "prompt_writing" in modes:
            task["prompt_writing"] = {"verdicts": [dict(v) for v in model.DEFAULT_VERDICTS], "max_attempts": 10}
        return task

    # -- results ---------------------------------------------------------------

    def agreement(self, groups, task):
        """Agreement between workers who did the same items (the lab's merge and report)."""
        from annotator_rating.agreement import agreement

        return agreement(groups, task)

    def check_annotation(self, annotation, item, pack):
        """The lab's merge: a worker's annotation checked against the pack (``checks.py``)."""
        from annotator_rating.checks import check_annotation

        return check_annotation(annotation, item, pack)

    def consensus(self, group, task):
        """The lab's ``merge --consensus``: one annotation from several workers' (``consensus.py``)."""
        from annotator_rating.consensus import consensus

        return consensus(group, task)

    def exporters(self):
        return _exporters.exporters()

    def is_empty(self, annotation: Mapping[str, Any] | None) -> bool:
        return model.is_empty(annotation)

    def summary(self, annotation: Mapping[str, Any] | None) -> str:
        if model.is_empty(annotation):
            return ""
        parts = model.summary_parts(annotation)
        words = []
        if parts["scores"]:
            words.append(tr("RatingPlugin", "scores: %1").replace("%1", str(parts["scores"])))
        chosen = model.preference(annotation)
        if chosen is not None:
            shown = annotation["pairwise"]["shown"]
            words.append(tr("RatingPlugin", "%1 better").replace("%1", model.letter(shown.index(chosen[0]))))
        elif isinstance(annotation.get("pairwise"), Mapping):
            words.append(tr("RatingPlugin", "tie"))
        if parts["ranked"]:
            words.append(tr("RatingPlugin", "ranked"))
        if parts["flags"]:
            words.append(tr("RatingPlugin", "flags: %1").replace("%1", str(parts["flags"])))
        if parts["attempts"]:
            words.append(tr("RatingPlugin", "prompts: %1").replace("%1", str(parts["attempts"])))
        return " · ".join(words) or tr("RatingPlugin", "started")

    # -- editing ---------------------------------------------------------------

    def prefetch(self, pack, item: Mapping[str, Any], cache_dir: Path) -> None:
        """Tell the open editors which item is likely next; each parses its texts on the interface
        thread in an idle moment, so the item opens from parsed documents (nothing here touches Qt)."""
        for listener in list(self.prefetch_listeners):
            listener(pack, item)

    def create_editor(self, parent=None):
        from annotator_rating._qt.editor import RatingEditor

        return RatingEditor(self, parent)
