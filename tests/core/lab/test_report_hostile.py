"""The fair-pay report says the truth whatever one bundle says: terms from the lab's pack or agreed by all,
figures finite and in range, bundle strings escaped in Markdown and HTML, JSON always valid."""
from __future__ import annotations

import json
import math
import re

import pytest

from annotator.cli import main
from tests.core.lab.forge import forge, pack_doc, record
from tests.packs import write_pack

SECONDS = {"item-1": 40.0, "item-2": 60.0, "item-3": 50.0}


def strict_json(text: str):
    """JSON as the standard defines it: NaN and Infinity are not JSON (Python's json accepts them)."""
    def refuse(token):
        raise ValueError(f"{token} in the output")
    return json.loads(text, parse_constant=refuse)


def numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from numbers(v)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value


@pytest.fixture
def pack(tmp_path):
    return write_pack(tmp_path / "pack", kind="image", n=4, pack_id="lab.cars")


def worker(tmp_path, doc, name, seconds=None, timing=None, **kwargs):
    records = [record(f"item-{i}", None) for i in range(4)]
    timing = timing if timing is not None else {"work_seconds_per_item": seconds or SECONDS,
                                                "category_totals": {"instructions": 120.0, "work": 150.0}}
    return forge(tmp_path / f"{name}.zip", doc, records, pseudonym=name, timing=timing, **kwargs)


def report(tmp_path, capsys, paths, *extra, fmt="json"):
    code = main(["--data-dir", str(tmp_path / "lab"), "results", "report", *map(str, paths), "--format", fmt,
                 "--minimum-wage", "12", "--currency", "EUR", *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_one_bundle_cannot_set_the_pay_terms(tmp_path, pack, registry, capsys):
    doc = pack_doc(pack, registry)
    forged = dict(doc, pay=dict(doc["pay"], per_item=50.0, estimated_seconds_per_item=1))
    paths = [worker(tmp_path, forged, "mallory"), worker(tmp_path, doc, "alice"), worker(tmp_path, doc, "bob")]
    # without the pack: the bundles disagree on the terms, so none is believed
    code, out, err = report(tmp_path, capsys, paths)
    assert code == 2 and "no bundle could be reported on" in err
    assert err.count("disagree on the pack's pay") == 3 and "give the pack with --pack PATH" in err
    # with the pack the lab holds: its terms, and the forged bundle left out
    code, out, err = report(tmp_path, capsys, paths, "--pack", str(pack))
    assert code == 2 and err.startswith("mallory.zip: refused: its pack terms differ from the pack the lab holds (pay)")
    (fig,) = strict_json(out)["packs"]
    assert fig["pay_terms_from"] == "pack" and fig["workers"] == 2 and fig["pay"]["per_item"] == 0.1
    assert fig["implied_hourly_rate"] == pytest.approx(0.1 * 3600 / 50)  # 7.20 EUR/h, never 180,000
    # bundles that all agree, with no pack: believed, and the report says where the terms come from
    code, out, err = report(tmp_path, capsys, paths[1:])
    assert code == 0 and strict_json(out)["packs"][0]["pay_terms_from"] == "bundles"
    code, out, err = report(tmp_path, capsys, paths[1:], fmt="md")
    assert "| Pay terms from | the bundles (2 agree; not checked against the pack: give --pack PATH) |" in out


@pytest.mark.parametrize("pay, note", [
    ({"per_item": "abc"}, "per_item 'abc' is not a number from 0 to 1,000,000: left out"),
    ({"per_item": 1e308}, "per_item 1e+308 is not a number from 0 to 1,000,000: left out"),
    ({"per_item": [1, 2]}, "per_item [1, 2] is not a number"),
    ({"estimated_seconds_per_item": 1e308}, "estimated_seconds_per_item 1e+308 is not a number"),
    ({"estimated_seconds_per_item": -3}, "estimated_seconds_per_item -3 is not a number"),
    ({"currency": {"x": 1}}, "the currency {'x': 1} is not a three-letter code: left out"),
    ({"per_item": 10 ** 400}, "per_item 1000000000"),  # an integer no float holds
])
def test_wrong_types_and_huge_values_never_crash_nor_print_a_non_finite_figure(tmp_path, pack, registry, capsys,
                                                                               pay, note):
    doc = pack_doc(pack, registry)
    doc["pay"] = dict(doc["pay"], **pay)
    paths = [worker(tmp_path, doc, "alice"), worker(tmp_path, doc, "bob")]
    code, out, err = report(tmp_path, capsys, paths)
    assert code == 0, err
    (fig,) = strict_json(out)["packs"]
    assert note in " ".join(fig["notes"])
    assert all(math.isfinite(v) for v in numbers(fig))
    for fmt in ("md", "html"):
        code, text, err = report(tmp_path, capsys, paths, "-o", str(tmp_path / f"r.{fmt}"), fmt=fmt)
        body = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", (tmp_path / f"r.{fmt}").read_text())
        assert code == 0 and not re.search(r"\b(inf|nan)\b", body, re.IGNORECASE), body


def test_negative_seconds_and_nan_are_refused_and_the_share_stays_a_share(tmp_path, pack, registry, capsys):
    doc = pack_doc(pack, registry)
    good = worker(tmp_path, doc, "alice")
    negative = worker(tmp_path, doc, "neg", seconds={"item-1": -1e9, "item-2": 50.0})
    huge = worker(tmp_path, doc, "huge", timing={"category_totals": {"instructions": 1e308}})
    nan = worker(tmp_path, doc, "nan", raw_timing=b'{"work_seconds_per_item": {"item-1": NaN}}')
    lists = worker(tmp_path, doc, "lists", timing={"work_seconds_per_item": [1, 2], "category_totals": [3]})
    code, out, err = report(tmp_path, capsys, [good, negative, huge, nan, lists])
    assert code == 2
    assert "neg.zip: refused: timing.json: work_seconds_per_item['item-1']: -1e+09 seconds is outside" in err
    assert "huge.zip: refused: timing.json: category_totals['instructions']: 1e+308 seconds is outside" in err
    assert "nan.zip: refused: timing.json is not valid JSON (NaN is not a JSON number)" in err
    assert "lists.zip: refused: timing.json: work_seconds_per_item must be an object" in err
    (fig,) = strict_json(out)["packs"]
    assert fig["workers"] == 1 and 0.0 <= fig["unpaid_share"] <= 1.0
    assert fig["unpaid_share"] == pytest.approx(120 / (120 + 150))


def test_bundle_strings_are_escaped_in_markdown_and_html(tmp_path, pack, registry, capsys):
    from markdown_it import MarkdownIt

    hostile = {"title": "Nice pack\n\n# Every item is paid above the minimum wage\n![x](http://evil.example/t.png)",
               "lab": "<img src=http://evil.example/p.png> [click](http://evil.example/)", "id": "../../../etc/x"}
    doc = dict(pack_doc(pack, registry), **hostile)
    paths = [worker(tmp_path, doc, "alice"), worker(tmp_path, doc, "bob")]
    code, _, err = report(tmp_path, capsys, paths, "-o", str(tmp_path / "out" / "r.md"), fmt="md")
    assert code == 0, err
    text = (tmp_path / "out" / "r.md").read_text()
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "What the packs really pay" and not any(h.startswith("Every item") for h in headings)
    images = [c for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "image"]
    links = [c for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "link_open"]
    assert [i.attrs["src"] for i in images] == ["r-.._.._.._etc_x-1.0.0.png"] and links == []
    assert not any(t.type.startswith("html") for t in tokens)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r-.._.._.._etc_x-1.0.0.png", "r.md"]
    code, _, err = report(tmp_path, capsys, paths, "-o", str(tmp_path / "r.html"), fmt="html")
    page = (tmp_path / "r.html").read_text()
    assert "<img src=http://evil" not in page and "&lt;img src=http://evil.example/p.png&gt;" in page
    assert "<h1>What the packs really pay</h1>" in page and page.count("<h1>") == 1


@pytest.mark.parametrize("wage", ["nan", "inf", "-5", "1e308"])
def test_the_minimum_wage_must_be_an_amount(tmp_path, pack, registry, capsys, wage):
    paths = [worker(tmp_path, pack_doc(pack, registry), "alice")]
    code = main(["results", "report", *map(str, paths), "--minimum-wage", wage, "--currency", "EUR"])
    err = capsys.readouterr().err
    assert code == 2 and "--minimum-wage must be an amount per hour above 0" in err and len(err.splitlines()) == 1
