"""Rating plugin: the Qt-free part."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from annotator.plugin_api import NewPack, PackNewOption, TaskPlugin, own_json_exporter

MODES = ("likert", "pairwise", "ranking", "rubric", "flags", "justification", "rewrite", "prompt_writing")


class RatingPlugin(TaskPlugin):
    id = "rating"
    name = "Prompt rating"
    version = "0.1"
    needs_media = False
    pack_new_options = (PackNewOption("mode", "comma-separated modes: " + ", ".join(MODES), "list"),)

    def validate_task(self, task: Mapping[str, Any]) -> list[str]:
        modes = task.get("modes", ["likert"])
        if not isinstance(modes, list) or not modes or any(m not in MODES for m in modes):
            return [f"modes must be a non-empty list of {', '.join(MODES)}"]
        return []

    def validate_item(self, item: Mapping[str, Any], task: Mapping[str, Any]) -> list[str]:
        problems = []
        if "prompt_writing" not in task.get("modes", []):
            if not isinstance(item.get("prompt"), str) or not item["prompt"].strip():
                problems.append("'prompt' must be a non-empty text")
            responses = item.get("responses")
            if not isinstance(responses, list) or not responses:
                problems.append("'responses' must be a non-empty list")
        return problems

    def new_pack(self, source: Path, options: Mapping[str, Any]) -> NewPack:
        items = []
        with open(source, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"line {n}: not valid JSON ({exc.msg})") from None
                if not isinstance(row, dict):
                    raise ValueError(f"line {n}: must be a JSON object")
                responses = row.get("responses", [])
                responses = [r if isinstance(r, dict) else {"text": str(r)} for r in responses]
                item = {"id": str(row.get("id", f"p-{n:05d}")), "prompt": row.get("prompt", ""),
                        "responses": responses, "training": False}
                items.append(item)
        modes = options.get("mode") or ["likert"]
        return NewPack(task={"modes": list(modes)}, items=items)

    def exporters(self):
        return [own_json_exporter()]

    def create_editor(self, parent=None):
        from annotator_rating.editor import RatingEditor

        return RatingEditor(parent)
