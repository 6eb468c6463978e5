"""`annotator config`: defaults a lab would otherwise repeat, and output names checked against the format."""
from __future__ import annotations

import pytest

from annotator.cli import main
from tests.packs import write_pack


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "conf" / "config.toml"
    monkeypatch.setenv("ANNOTATOR_CONFIG", str(path))
    return path


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_set_show_unset(config, capsys):
    code, out, _ = run(capsys, "config", "show")
    assert code == 0 and "not written yet" in out and "# db: not set" in out
    assert run(capsys, "config", "set", "minimum-wage", "11.88")[0] == 0
    assert run(capsys, "config", "set", "currency", "eur")[0] == 0
    assert run(capsys, "config", "set", "db", "postgresql+psycopg://lab-host/lab")[0] == 0
    code, out, _ = run(capsys, "config", "show")
    assert "minimum-wage = 11.88" in out and "currency = EUR" in out and "db = postgresql+psycopg://lab-host/lab" in out
    assert config.stat().st_mode & 0o077 == 0  # a database URL may carry a password
    assert run(capsys, "config", "unset", "db")[0] == 0
    assert "# db: not set" in run(capsys, "config", "show")[1]


def test_the_settings_are_the_defaults_of_their_options_only(config, tmp_path, capsys):
    run(capsys, "config", "set", "minimum-wage", "50")
    run(capsys, "config", "set", "currency", "EUR")
    pack = write_pack(tmp_path / "p", n=2)  # pays 0.10 EUR per 30 s item: 12 EUR/h
    code, out, _ = run(capsys, "pack", "lint", pack)
    assert "below_minimum_wage" in out and "under your reference of 50.00 EUR/h" in out  # the configured one
    code, out, _ = run(capsys, "pack", "lint", pack, "--minimum-wage", "5", "--currency", "EUR")
    assert "below_minimum_wage" not in out  # the command line wins
    assert "now 50, from" in run_help(capsys, "pack", "lint")
    # `pack new --currency` is the pack's pay currency, not the minimum wage's: untouched
    assert "from" not in run_help(capsys, "pack", "new").split("--currency")[1].split("\n  -")[0]


def run_help(capsys, *path) -> str:
    with pytest.raises(SystemExit):
        main([*path, "--help"])
    return capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["config", "set", "colour", "blue"], "invalid choice: 'colour'"),
    (["config", "set", "minimum-wage", "lots"], "minimum-wage must be a number"),
    (["config", "set", "currency", "EURO"], "currency must be three letters"),
    (["config", "set", "db", "lab.sqlite3"], "db must be a SQLAlchemy URL"),
])
def test_bad_settings_are_one_line(config, capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not config.exists()


def test_a_broken_config_file_is_one_line_naming_it(config, capsys):
    config.parent.mkdir(parents=True)
    config.write_text("minimum-wage = = 3\n")
    code, _, err = run(capsys, "pack", "list")
    assert code == 2 and str(config) in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["timesheet", "export", "-o", "t.txt"], "cannot tell the format of 't.txt' from its name"),
    (["timesheet", "export", "--format", "csv", "-o", "t.json"], "a csv export is a .csv file; 't.json' would mislead"),
    (["results", "report", "x.zip", "--format", "pdf", "-o", "r.html"], "r.html: a pdf file ends in .pdf"),
])
def test_output_names_are_checked_against_the_format(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.zip").write_bytes(b"not a bundle")
    code, out, err = run(capsys, "--data-dir", tmp_path / "data", *args)
    assert code == 2, err
    assert message in err and not (tmp_path / args[-1]).exists()


def test_export_checks_the_suffix_of_the_plugins_format(tmp_path, capsys):
    data = tmp_path / "data"
    run(capsys, "--data-dir", data, "pack", "import", write_pack(tmp_path / "p", n=2))
    code, _, err = run(capsys, "--data-dir", data, "export", "test.pack", "--format", "coco", "-o", tmp_path / "o.txt")
    assert code == 2 and "the coco format writes a .json file; name it o.json" in err
    code, out, _ = run(capsys, "--data-dir", data, "export", "test.pack", "--format", "coco", "-o", tmp_path / "o.json")
    assert code == 0 and (tmp_path / "o.json").exists()
