"""The wheel works anywhere: built from the tracked files, installed in a fresh virtual environment
outside the checkout (as `pipx install` would), it opens the demo packs, validates a pack and speaks French."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

FRENCH_COUNT = """
from annotator.core.registry import installed
from annotator.ui import i18n
translator = i18n.TsTranslator("fr")
for path in sorted(i18n.TRANSLATIONS.glob("*_fr.ts")):
    translator.add_file(path)
for plugin in installed().plugins.values():
    translator.add_file(plugin.translations_dir / "fr.ts")
import annotator
print(len(translator.table), annotator.__file__)
"""


def _source_tree(dest: Path) -> Path:
    """The files git knows (tracked, or new and not ignored): what a fresh clone would build."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def _run(cmd, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv (no access to the checkout) with the wheel and its dependencies installed by pip."""
    work = tmp_path_factory.mktemp("wheel")
    src = _source_tree(work / "src")
    build = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", work / "dist",
                  src], cwd=work)
    assert "deprecated" not in (build.stdout + build.stderr).lower(), build.stderr
    wheel = next((work / "dist").glob("annotator-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # the outer pip installs into the new environment: no ensurepip, and its cache makes it quick
    install = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-compile", "-q",
                    f"{wheel}[lab]"], cwd=work)
    assert "deprecated" not in install.stderr.lower(), install.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "ANNOTATOR_DATA_DIR")}
    env.update(QT_QPA_PLATFORM="offscreen", ANNOTATOR_DATA_DIR=str(work / "data"), HOME=str(work / "home"))
    return {"bin": env_dir / "bin", "python": python, "env": env, "work": work, "wheel": wheel}


def test_the_wheel_carries_every_resource(installed):
    import zipfile

    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for needed in ("annotator/resources/demo-packs/street-scenes/media/street-1.jpg",
                   "annotator/resources/demo-packs/voice-commands/media/command-1.flac",
                   "annotator/resources/demo-packs/assistant-answers/items.jsonl",
                   "annotator/resources/schemas/pack.schema.json",
                   "annotator/resources/translations/annotator_fr.ts",
                   "annotator/resources/translations/metering_fr.ts",
                   "annotator/resources/icons/annotator.svg",
                   "annotator/resources/icons/png/annotator-512.png",
                   "annotator/resources/desktop/org.annotator.Annotator.desktop",
                   "annotator/resources/desktop/org.annotator.Annotator.metainfo.xml",
                   "annotator_image/translations/fr.ts", "annotator_rating/translations/fr.ts",
                   "annotator_transcription/translations/fr.ts",
                   "annotator/core/migrations/versions/0001_initial.py", "annotator/core/migrations/script.py.mako",
                   "annotator/core/lab/migrations/versions/0001_lab_initial.py"):
        assert needed in names, needed
    metadata = zipfile.ZipFile(installed["wheel"]).read(
        next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: GPL-3.0-or-later" in metadata
    assert "Provides-Extra: lab" in metadata


def test_demo_window_validate_and_french_from_the_installed_package(installed):
    env, work, bin_ = installed["env"], installed["work"], installed["bin"]
    shot = work / "demo.png"
    demo = subprocess.run([bin_ / "annotator", "--demo"], cwd=work, capture_output=True, text=True, timeout=300,
                          env={**env, "ANNOTATOR_SCREENSHOT": str(shot), "ANNOTATOR_SCREENSHOT_DELAY_MS": "300"})
    assert demo.returncode == 0, demo.stderr
    assert demo.stderr == "", demo.stderr
    assert shot.stat().st_size > 10_000
    packs = json.loads(_run([bin_ / "annotator", "pack", "list", "--json"], cwd=work, env=env).stdout)
    assert sorted(p["id"] for p in packs) == ["demo.assistant-answers", "demo.street-scenes", "demo.voice-commands"]

    where = _run([installed["python"], "-c", "from annotator.core.paths import DEMO_PACKS; print(DEMO_PACKS)"],
                 cwd=work, env=env).stdout.strip()
    assert Path(where).is_relative_to(bin_.parent) and not Path(where).is_relative_to(ROOT)
    validate = _run([bin_ / "annotator", "pack", "validate", Path(where) / "street-scenes"], cwd=work, env=env)
    assert validate.stdout.startswith('ok: demo.street-scenes 1.0.0 (image) "')

    count, module = _run([installed["python"], "-c", FRENCH_COUNT], cwd=work, env=env).stdout.split()
    assert Path(module).is_relative_to(bin_.parent)
    here = subprocess.run([sys.executable, "-c", FRENCH_COUNT], cwd=ROOT, capture_output=True, text=True, check=True)
    assert int(count) == int(here.stdout.split()[0]) > 500  # every string the checkout translates (539 in Nov. 2026)

    # the lab extra brings the PostgreSQL driver docs/lab.md tells labs to use
    _run([installed["python"], "-c", "import psycopg"], cwd=work, env=env)
