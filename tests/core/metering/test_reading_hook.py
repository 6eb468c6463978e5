"""Rules 2 reading time: the view signal states the reading time of what the view shows."""
from __future__ import annotations

from types import SimpleNamespace

from annotator.core.metering.meter import RecordingMeter
from annotator.core.session import report_view
from annotator.plugin_api import TaskPlugin, count_item_words


def test_the_default_hook_counts_the_text_fields_not_ids_or_media_paths():
    item = {"id": "item-1", "media": "audio/one two three.wav", "prompt": "Which answer is better?",
            "responses": ["Paris is the capital.", {"text": "Lyon, I think", "url": "http://x.y/z"}]}
    assert count_item_words(item) == 4 + 4 + 3


def test_the_task_view_signal_carries_the_items_reading_time_and_a_failing_hook_none():
    class Media(TaskPlugin):
        def shows(self, item, pack):
            return {"words": 200, "media_seconds": 12.5}

    class Broken(TaskPlugin):
        def shows(self, item, pack):
            raise RuntimeError("plugin bug")

    session = SimpleNamespace(pack=SimpleNamespace(pack_id="p"), item=SimpleNamespace(item_id="i", data={}),
                              phase="work", info=None)
    meter = RecordingMeter()
    report_view(meter, "task", session=session, plugin=Media())
    assert meter.signals[-1]["reading_seconds"] == 72.5  # 200 words at 200 a minute, and the media
    report_view(meter, "task", session=session, plugin=Broken())
    assert "reading_seconds" not in meter.signals[-1] and meter.signals[-1]["item"] == "i"


def test_the_instructions_view_signal_carries_the_instructions_reading_time(tmp_path):
    (tmp_path / "instructions.md").write_text("# Task\n\n" + "word " * 400, encoding="utf-8")
    meter = RecordingMeter()
    report_view(meter, "instructions", SimpleNamespace(pack_id="p", folder=tmp_path))
    assert meter.signals[-1] == {"kind": "view", "view": "instructions", "pack": "p", "reading_seconds": 120.3}
