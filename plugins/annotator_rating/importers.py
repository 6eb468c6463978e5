"""``pack new rating SOURCE``: the shapes labs already have their prompts and answers in. Qt-free.

One item per line (JSONL), row (CSV with a header) or task (Label Studio), in any of these shapes:

* ``{"prompt", "responses" | "completions": [text or {"id", "text"|"content", "model"}]}``;
* ``{"prompt", "chosen", "rejected"}``: a preference pair to rate again; the texts may be strings
  or TRL's conversational lists of messages (``prompt`` the earlier turns, ``chosen`` and
  ``rejected`` the assistant's answer, or each a whole conversation sharing the earlier turns).
  The answers become responses ``a`` (chosen) and ``b`` (rejected), shown in a random order
  like any other; the source's own choice is kept in the item's ``source`` (never shown);
* ``{"messages": [...]}``: a chat; its last assistant turn is the response to rate, the user
  turn before it the prompt, the turns before that the conversation;
* ``{"brief"}``: a prompt-writing item;
* CSV: a header with ``prompt`` and the answers in ``response*``, ``completion*`` or
  ``answer*`` columns (in header order), or ``chosen`` and ``rejected``; ``id`` optional;
* ``--from label-studio``: a Label Studio tasks export whose ``data`` holds ``prompt`` (or
  ``text``, ``question``) and ``answer1``, ``answer2``, ... (or a list in ``answers``).

Every problem is said as ``FILE:LINE: message``; nothing is written when there is one.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any, Mapping

from annotator.plugin_api.sources import SourceProblems, label_studio_tasks, read_text

MAX_SOURCE_LINE = 1024 * 1024
LETTERS = "abcdefghi"
_ANSWER_COLUMN = re.compile(r"^(response|completion|answer)[ _-]?\w*$", re.IGNORECASE)


class RowError(ValueError):
    """A row that cannot be an item; the message names the field."""


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise RowError(f"{where!r} must be a text")
    return value


def _turns(messages: Any, where: str) -> list[dict[str, str]]:
    if not isinstance(messages, list):
        raise RowError(f"{where!r} must be a list of {{\"role\", \"content\"}} messages")
    turns = []
    for i, turn in enumerate(messages):
        text = turn.get("text", turn.get("content")) if isinstance(turn, dict) else None
        if not isinstance(text, str) or not isinstance(turn.get("role"), str):
            raise RowError(f"{where}[{i}] must be {{\"role\", \"content\"}} with a text content")
        turns.append({"role": turn["role"], "text": text})
    return turns


def _responses(values: list, where: str) -> list[dict[str, Any]]:
    made = []
    for i, response in enumerate(values):
        rid = LETTERS[i] if i < len(LETTERS) else f"r{i}"
        if isinstance(response, str):
            made.append({"id": rid, "text": response})
        elif isinstance(response, dict) and isinstance(response.get("text", response.get("content")), str):
            entry = {"id": str(response.get("id", rid)), "text": response.get("text", response.get("content"))}
            if isinstance(response.get("model"), str):
                entry["model"] = response["model"]
            if isinstance(response.get("sensitive"), bool):
                entry["sensitive"] = response["sensitive"]
            made.append(entry)
        else:
            raise RowError(f"{where}[{i}] must be a text or {{\"id\", \"text\"}}")
    return made


def _answer(value: Any, where: str) -> tuple[list[dict[str, str]], str]:
    """A chosen or rejected answer: ``(earlier turns, the answer's text)``."""
    if isinstance(value, str):
        return [], value
    turns = _turns(value, where)
    if not turns or turns[-1]["role"] != "assistant":
        raise RowError(f"{where!r} must end with the assistant's answer")
    return turns[:-1], turns[-1]["text"]


def _from_pair(row: Mapping[str, Any], item: dict[str, Any]) -> None:
    prompt = row.get("prompt", "")
    chosen_before, chosen = _answer(row["chosen"], "chosen")
    rejected_before, rejected = _answer(row["rejected"], "rejected")
    if chosen_before != rejected_before:
        raise RowError("'chosen' and 'rejected' must share the turns before the answer")
    turns = (_turns(prompt, "prompt") if isinstance(prompt, list) else []) + chosen_before
    if isinstance(prompt, str) and prompt:
        turns.append({"role": "user", "text": prompt})
    elif not isinstance(prompt, (str, list)):
        raise RowError("'prompt' must be a text or a list of messages")
    _split_turns(turns, item)
    item["responses"] = [{"id": "a", "text": chosen}, {"id": "b", "text": rejected}]
    item["source"] = {"chosen": "a", "rejected": "b"}


def _split_turns(turns: list[dict[str, str]], item: dict[str, Any]) -> None:
    """The last user turn is the prompt, the turns before it the conversation."""
    last_user = max((i for i, t in enumerate(turns) if t["role"] == "user"), default=None)
    if last_user is None:
        raise RowError("no user turn to rate an answer to")
    item["prompt"] = turns[last_user]["text"]
    if turns[:last_user]:
        item["conversation"] = turns[:last_user]
    if turns[last_user + 1:]:
        raise RowError("turns after the last user turn besides the answer")


def item_from_row(row: Mapping[str, Any], n: int) -> dict[str, Any]:
    """One rating item from a source row (line or row ``n``); :class:`RowError` names what is wrong."""
    item: dict[str, Any] = {"id": str(row.get("id", f"p-{n:05d}")), "training": bool(row.get("training", False))}
    if "brief" in row:
        item["brief"] = _text(row["brief"], "brief")
    if "chosen" in row or "rejected" in row:
        if "chosen" not in row or "rejected" not in row:
            raise RowError("'chosen' and 'rejected' go together")
        _from_pair(row, item)
    elif "messages" in row and "responses" not in row and "completions" not in row:
        turns = _turns(row["messages"], "messages")
        if not turns or turns[-1]["role"] != "assistant":
            raise RowError("'messages' must end with the assistant's answer to rate")
        _split_turns(turns[:-1], item)
        item["responses"] = [{"id": "a", "text": turns[-1]["text"]}]
    elif "prompt" in row or "responses" in row or "completions" in row:
        item["prompt"] = _text(row.get("prompt", ""), "prompt")
        key = "responses" if "responses" in row else "completions"
        responses = row.get(key, [])
        if not isinstance(responses, list):
            raise RowError(f"{key!r} must be a list")
        item["responses"] = _responses(responses, key)
        conversation = row.get("conversation", row.get("messages"))
        if conversation is not None:
            item["conversation"] = _turns(conversation, "conversation")
    elif "brief" not in row:
        raise RowError("no prompt, responses, chosen/rejected, messages or brief")
    if isinstance(row.get("sensitive"), bool):
        item["sensitive"] = row["sensitive"]
    if row.get("direction") is not None:
        item["direction"] = row["direction"]
    return item


def _rows_jsonl(path: Path, problems: SourceProblems):
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if len(raw) > MAX_SOURCE_LINE:
                problems.add(path, n, f"longer than {MAX_SOURCE_LINE} bytes")
                continue
            try:
                line = raw.decode("utf-8").removeprefix("\ufeff")
            except UnicodeDecodeError:
                problems.add(path, n, "not UTF-8 text")
                continue
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.add(path, n, f"not valid JSON ({exc.msg})")
                continue
            if not isinstance(row, dict):
                problems.add(path, n, "must be a JSON object")
                continue
            yield n, row


def _rows_csv(path: Path, problems: SourceProblems):
    text = read_text(path, problems)
    if text is None:
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if not header:
        problems.add(path, 1, "no header row (the first row names the columns: prompt, response_a, ...)")
        return
    answers = [c for c in header if c and _ANSWER_COLUMN.match(c.strip())]
    pair = "chosen" in header and "rejected" in header
    if "prompt" not in header or not (answers or pair):
        problems.add(path, 1, "the header needs a prompt column and response*, completion* or answer* columns "
                              "(or chosen and rejected)")
        return
    for row in reader:
        n = reader.line_num
        if None in row:
            problems.add(path, n, "more cells than the header has columns")
            continue
        out: dict[str, Any] = {"prompt": row["prompt"] or ""}
        if row.get("id"):
            out["id"] = row["id"]
        if pair:
            out.update(chosen=row["chosen"] or "", rejected=row["rejected"] or "")
        else:
            out["responses"] = [row[c] for c in answers if row.get(c)]
        yield n, out


def _rows_label_studio(path: Path, problems: SourceProblems):
    for n, task, data in label_studio_tasks(path, problems):
        prompt = next((data[k] for k in ("prompt", "text", "question", "instruction") if k in data), "")
        answers = data.get("answers", data.get("items"))
        if not isinstance(answers, list):
            answers = [data[k] for k in sorted(data, key=_natural) if re.fullmatch(r"answer\d+", k)]
        row: dict[str, Any] = {"prompt": prompt, "responses": answers}
        if "id" in task:
            row["id"] = f"ls-{task['id']}"
        yield n, row


def _natural(key: str) -> tuple:
    digits = re.sub(r"\D", "", key)
    return (int(digits) if digits else 0, key)


def read_items(source: Path, source_format: str | None, problems: SourceProblems,
               check=None) -> list[dict[str, Any]]:
    """The items of ``source`` (JSONL, CSV, or a Label Studio export), every problem collected.

    ``check(item)`` returns the plugin's problems with a made item, said at the source's line.
    """
    if source.is_dir():
        problems.add(source, None, "give a JSONL or CSV file of prompts (or --from label-studio EXPORT.json)")
        return []
    if source_format == "label-studio":
        rows = _rows_label_studio(source, problems)
    elif source_format not in (None, "jsonl", "csv"):
        problems.add(source, None, f"--from {source_format}: rating packs are made from jsonl, csv or label-studio")
        return []
    elif source_format == "csv" or source.suffix.lower() == ".csv":
        rows = _rows_csv(source, problems)
    else:
        rows = _rows_jsonl(source, problems)
    items: list[dict[str, Any]] = []
    ids: dict[str, int] = {}
    for n, row in rows:
        try:
            item = item_from_row(row, n)
        except RowError as exc:
            problems.add(source, n, str(exc))
            continue
        if item["id"] in ids:
            problems.add(source, n, f"the id {item['id']!r} is used twice (first on line {ids[item['id']]})")
            continue
        ids[item["id"]] = n
        for problem in (check(item) if check else []):
            problems.add(source, n, problem)
        items.append(item)
    return items
