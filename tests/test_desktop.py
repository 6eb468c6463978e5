"""The desktop entry, the AppStream metadata and the icons: valid for the desktops' own validators,
installed and removed per user by `annotator desktop install|uninstall`."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image

from annotator.cli import main
from annotator.cli.desktop import APP_ID, DESKTOP, ICONS, PNG_SIZES, _quote, targets


def validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        from tests.conftest import require_service

        require_service(name, False, "install it with tools/system-deps test")
    return path


def validate_desktop(path) -> None:
    proc = subprocess.run([validator("desktop-file-validate"), str(path)], capture_output=True, text=True)
    assert proc.returncode == 0 and "error" not in proc.stdout.lower(), proc.stdout + proc.stderr


def test_the_shipped_desktop_entry_is_valid():
    validate_desktop(DESKTOP / f"{APP_ID}.desktop")


def test_the_shipped_appstream_metadata_is_valid():
    proc = subprocess.run([validator("appstreamcli"), "validate", "--no-net",
                           str(DESKTOP / f"{APP_ID}.metainfo.xml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "E:" not in proc.stdout and "W:" not in proc.stdout, proc.stdout


def test_every_icon_size_is_there_and_square():
    assert (ICONS / "annotator.svg").read_text().lstrip().startswith("<?xml")
    for size in PNG_SIZES:
        with Image.open(ICONS / "png" / f"annotator-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
            assert image.getpixel((size // 2, size // 2))[3] == 255  # drawn, not blank


def test_desktop_install_and_uninstall_per_user(tmp_path, capsys):
    home = tmp_path / "share"
    assert main(["desktop", "install", "--prefix", str(home)]) == 0
    files = targets(home)
    assert all(path.exists() for path in files), [p for p in files if not p.exists()]
    entry = home / "applications" / f"{APP_ID}.desktop"
    validate_desktop(entry)
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").split(" %f")[0].strip('"')
    assert program.startswith("/")  # this very installation, not whatever `annotator` is on PATH
    assert (home / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").exists()
    capsys.readouterr()
    assert main(["desktop", "uninstall", "--prefix", str(home)]) == 0
    assert not any(path.exists() for path in files)
    assert "removed" in capsys.readouterr().out


@pytest.mark.parametrize("arg, quoted", [
    ("/usr/bin/annotator", "/usr/bin/annotator"),
    ("/home/ann marie/.venv/bin/annotator", '"/home/ann marie/.venv/bin/annotator"'),
    ("/opt/100%/annotator", "/opt/100%%/annotator"),
    ('/x/$HOME"/a', '"/x/\\$HOME\\"/a"'),
])
def test_exec_arguments_are_quoted_as_the_spec_says(arg, quoted):
    assert _quote(arg) == quoted
