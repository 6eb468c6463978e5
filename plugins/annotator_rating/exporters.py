"""The rating plugin's result formats (Qt-free; the lab's merge uses them too).

* ``jsonl``: one line per item (and worker) with every score, choice, rank, rubric
  answer, flag and text, the recorded display order and the provenance;
* ``preferences``: pairwise choices as preference pairs, TRL's *standard*
  explicit-prompt format (``prompt``, ``chosen``, ``rejected`` as strings) with a
  ``margin`` column; ties and unanswered pairs give no pair. ``prompt`` is what the
  rater saw: with a conversation, every turn as plain text (``System: ...``, ``User: ...``,
  ``Assistant: ...``, one blank line between turns) ending with ``User: <prompt>``; without
  one, the prompt alone;
* ``preferences-chat``: the same pairs in TRL's *conversational* format
  (``prompt`` is the list of messages up to the prompt, ``chosen``/``rejected``
  one assistant message each);
* ``csv``: one row per judgement (a Likert score, a rubric pass/fail, a rank, a
  pairwise value), a long table ready for agreement statistics;
* ``json``: the project's own results format.

Every format carries the pack id, version, the item's state and the hash of the
instructions the annotation was made under (per record in the line formats). The core
gives the exporters the items in the states chosen (``--states``, default submitted).
See ``docs/rating.md`` and ``docs/interop.md``.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterator, Mapping

from annotator.plugin_api import (ExportContext, ExportRecord, Exporter, csv_cell, own_json_exporter,
                                  translatable)

from annotator_rating import model

JSONL_FORMAT = "annotator-rating/1"
CSV_COLUMNS = ("pack_id", "pack_version", "instructions_hash", "item_id", "worker", "state", "training",
               "response_id", "position", "question", "value", "scale_min", "scale_max")


def _provenance(context: ExportContext, record: ExportRecord) -> dict[str, Any]:
    return {
        "pack_id": context.pack.id,
        "pack_version": context.pack.version,
        "content_hash": context.pack.content_hash,
        "instructions_hash": record.instructions_hash or context.pack.instructions_hash,
    }


def _order(record: ExportRecord, task: model.Task) -> list[str]:
    annotation = record.annotation or {}
    order = annotation.get("order")
    ids = model.response_ids(record.item)
    if isinstance(order, list) and sorted(order) == sorted(ids):
        return list(order)
    return ids


def _cleaned(record: ExportRecord, task: model.Task) -> dict[str, Any] | None:
    if record.annotation is None:
        return None
    ids = model.response_ids(record.item)
    return model.clean_annotation(record.annotation, record.item, task, ids)


def _write_lines(out: Path, lines: Iterator[str]) -> None:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        for line in lines:
            fh.write(line)
    tmp.replace(out)


def jsonl_records(context: ExportContext) -> Iterator[dict[str, Any]]:
    task = model.task_of(context.pack.task)
    for record in context.records():
        annotation = _cleaned(record, task)
        order = _order(record, task)
        row: dict[str, Any] = {
            "format": JSONL_FORMAT,
            **_provenance(context, record),
            "item_id": record.item_id,
            "worker": record.worker,
            "state": record.state,
            "reason": record.reason,
            "training": bool(record.item.get("training", False)),
            "updated_at": record.updated_at,
            "modes": list(model.item_modes(record.item, task)),
            "order": order,
            "scores": None, "pairwise": None, "ranking": None, "rubric": None, "flags": None,
            "justification": None, "rewrite": None, "attempts": None,
        }
        if annotation is not None:
            for key in ("scores", "ranking", "rubric", "flags", "justification", "rewrite", "attempts"):
                if key in annotation:
                    row[key] = annotation[key]
            if annotation.get("pairwise"):
                pairwise = dict(annotation["pairwise"])
                chosen = model.preference(annotation)
                pairwise["chosen"] = chosen[0] if chosen else None
                pairwise["rejected"] = chosen[1] if chosen else None
                pairwise["value"] = model.pairwise_value(annotation, record.item)
                row["pairwise"] = pairwise
            extra = {k: v for k, v in annotation.items() if k not in row and k != "format"}
            if extra:
                row["other"] = extra
        yield row


def _counted(out: Path, rows: Iterator[dict[str, Any]], what: str) -> dict[str, int]:
    n = 0

    def lines() -> Iterator[str]:
        nonlocal n
        for row in rows:
            n += 1
            yield json.dumps(row, ensure_ascii=False) + "\n"

    _write_lines(out, lines())
    return {what: n}


def write_jsonl(context: ExportContext, out: Path) -> dict[str, int]:
    return _counted(out, jsonl_records(context), "lines")


#: how each role is named in the standard form's prompt
ROLE_NAMES = {"system": "System", "user": "User", "assistant": "Assistant"}


def prompt_text(conversation: list[dict[str, Any]], prompt: str) -> str:
    """The standard form's prompt: the conversation's turns as plain text, then the prompt as the user's turn."""
    if not conversation:
        return prompt
    turns = [f"{ROLE_NAMES.get(str(t['role']), str(t['role']).capitalize())}: {t['content']}" for t in conversation]
    return "\n\n".join(turns + [f"User: {prompt}"])


def preference_records(context: ExportContext, chat: bool = False,
                       unpaired: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """One preference pair per non-training item whose pairwise choice has a winner (in the states given);
    the others' ids go to ``unpaired``."""
    task = model.task_of(context.pack.task)
    for record in context.records():
        if record.item.get("training") or record.annotation is None:
            if unpaired is not None:
                unpaired.append(record.item_id)
            continue
        annotation = _cleaned(record, task)
        chosen = model.preference(annotation)
        responses = model.response_by_id(record.item)
        if chosen is None or chosen[0] not in responses or chosen[1] not in responses:
            if unpaired is not None:
                unpaired.append(record.item_id)
            continue
        chosen_id, rejected_id, strength = chosen
        prompt = str(record.item.get("prompt", ""))
        conversation = [{"role": t.get("role"), "content": t.get("text", "")}
                        for t in record.item.get("conversation") or [] if isinstance(t, Mapping)]
        chosen_text = str(responses[chosen_id].get("text", ""))
        rejected_text = str(responses[rejected_id].get("text", ""))
        if chat:
            row: dict[str, Any] = {
                "prompt": conversation + [{"role": "user", "content": prompt}],
                "chosen": [{"role": "assistant", "content": chosen_text}],
                "rejected": [{"role": "assistant", "content": rejected_text}],
            }
        else:
            row = {"prompt": prompt_text(conversation, prompt), "chosen": chosen_text, "rejected": rejected_text}
        row.update({
            "margin": strength,
            "strength": strength,
            "levels": annotation["pairwise"]["levels"],
            "chosen_id": chosen_id,
            "rejected_id": rejected_id,
            "chosen_model": responses[chosen_id].get("model"),
            "rejected_model": responses[rejected_id].get("model"),
            "shown": list(annotation["pairwise"]["shown"]),
            "item_id": record.item_id,
            "worker": record.worker,
            "state": record.state,
            **_provenance(context, record),
        })
        yield row


def _write_pairs(context: ExportContext, out: Path, chat: bool) -> dict[str, int]:
    unpaired: list[str] = []
    counts = _counted(out, preference_records(context, chat=chat, unpaired=unpaired), "pairs")
    if unpaired:
        counts["items without a pair (a tie, no choice, training)"] = len(unpaired)
    return counts


def write_preferences(context: ExportContext, out: Path) -> dict[str, int]:
    return _write_pairs(context, out, chat=False)


def write_preferences_chat(context: ExportContext, out: Path) -> dict[str, int]:
    return _write_pairs(context, out, chat=True)


def csv_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    task = model.task_of(context.pack.task)
    criteria = {c.id: c for c in task.criteria}
    for record in context.records():
        annotation = _cleaned(record, task)
        if annotation is None:
            continue
        order = _order(record, task)
        position = {rid: i + 1 for i, rid in enumerate(order)}
        base = {**{k: v for k, v in _provenance(context, record).items() if k != "content_hash"},
                "item_id": record.item_id, "worker": record.worker or "", "state": record.state,
                "training": int(bool(record.item.get("training", False)))}

        def row(rid: str, question: str, value: Any, lo: Any = "", hi: Any = "") -> dict[str, Any]:
            return {**base, "response_id": rid, "position": position.get(rid, ""), "question": question,
                    "value": value, "scale_min": lo, "scale_max": hi}

        for rid in model.response_ids(record.item):
            for cid, value in (annotation.get("scores") or {}).get(rid, {}).items():
                c = criteria[cid]
                yield row(rid, f"likert:{cid}", value, c.min, c.max)
            for cid, entry in (annotation.get("rubric") or {}).get(rid, {}).items():
                if entry.get("pass") is not None:
                    yield row(rid, f"rubric:{cid}", int(entry["pass"]), 0, 1)
            rank = (annotation.get("ranking") or {}).get(rid)
            if rank is not None:
                yield row(rid, "rank", rank, 1, len(order))
            for flag in (annotation.get("flags") or {}).get(rid, []):
                yield row(rid, f"flag:{flag}", 1, 0, 1)
        value = model.pairwise_value(annotation, record.item)
        if value is not None:
            levels = annotation["pairwise"]["levels"]
            yield row(model.response_ids(record.item)[0], "pairwise", value, -levels, levels)


def write_csv(context: ExportContext, out: Path) -> dict[str, int]:
    written = 0

    def lines() -> Iterator[str]:
        nonlocal written
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for n, r in enumerate(csv_rows(context)):
            written += 1
            writer.writerow({k: csv_cell(v) for k, v in r.items()})  # ids and names are the pack's: never formulas
            if n % 1000 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    _write_lines(out, lines())
    return {"rows": written}


def exporters() -> list[Exporter]:
    return [
        Exporter("jsonl",
                 translatable("one JSON line per item: every score, choice, rank, rubric answer, flag and text"),
                 ".jsonl", write_jsonl),
        Exporter("preferences", translatable("pairwise choices as preference pairs (prompt with the conversation as "
                                             "text, chosen, rejected, margin; TRL's standard format)"),
                 ".jsonl", write_preferences),
        Exporter("preferences-chat", translatable("the same pairs in TRL's conversational format (lists of messages)"),
                 ".jsonl", write_preferences_chat),
        Exporter("csv", translatable("one row per score, rubric answer, rank, flag and pairwise value"),
                 ".csv", write_csv),
        own_json_exporter(),
    ]


__all__ = ["exporters", "jsonl_records", "preference_records", "csv_rows"]
