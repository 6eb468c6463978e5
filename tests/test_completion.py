"""Shell completion scripts generated from the parser, loaded in a real bash."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from annotator.cli import main
from annotator.cli.completion import script


def bash_complete(tmp_path, words: list[str]) -> list[str]:
    """What bash offers after ``words`` (the last one being completed) with the generated script loaded."""
    path = tmp_path / "annotator.bash"
    path.write_text(script("bash"))
    line = " ".join(words)
    program = f"""
source {path}
COMP_WORDS=({' '.join(repr(w) for w in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE={line!r}
COMP_POINT={len(line)}
_shtab_annotator
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_bash_completes_commands_subcommands_options_and_choices(tmp_path):
    assert {"pack", "results", "timesheet", "config", "completion"} <= set(bash_complete(tmp_path, ["annotator", ""]))
    assert bash_complete(tmp_path, ["annotator", "pack", "va"]) == ["validate"]
    assert set(bash_complete(tmp_path, ["annotator", "results", "merge", "--f"])) == {"--format", "--for"}
    assert set(bash_complete(tmp_path, ["annotator", "results", "report", "--format", ""])) == {"md", "html", "pdf",
                                                                                             "json"}
    assert set(bash_complete(tmp_path, ["annotator", "config", "set", ""])) == {"db", "minimum-wage", "currency"}


def test_bash_completes_file_arguments_as_files(tmp_path):
    (tmp_path / "street-scenes.zip").write_bytes(b"")
    assert "street-scenes.zip" in bash_complete(tmp_path, ["annotator", "pack", "validate", "str"])


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command(shell, capsys):
    assert main(["completion", shell]) == 0
    text = capsys.readouterr().out
    for word in ("pack", "validate", "results", "merge", "timesheet", "--minimum-wage"):
        assert word in text, word
    if shutil.which(shell):  # a syntax check where the shell is installed
        proc = subprocess.run([shell, "-n"], input=text, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


def test_fish_completes_from_the_script_where_fish_is_installed(tmp_path):
    if not shutil.which("fish"):
        pytest.skip("fish is not installed (optional: the bash test covers the generated logic)")
    path = tmp_path / "annotator.fish"
    path.write_text(script("fish"))
    proc = subprocess.run(["fish", "--no-config", "-c", f"source {path}; complete -C 'annotator pack va'"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\t")[0] == "validate"
