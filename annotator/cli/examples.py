"""The examples shown at the end of each command's ``--help``, in one place.

Keys are the command's path (``"pack new"``). :func:`attach` sets them as
epilogs once the parser is built; a command that already has an epilog keeps
it. ``tests/test_cli_help.py`` checks that every command has examples.
"""
from __future__ import annotations

EXAMPLES: dict[str, str] = {
    "": """\
  annotator --demo                          open the window with the three demo packs
  annotator ~/Downloads/street-scenes.zip   import a pack and open it
  annotator pack validate ./my-pack         check a pack before handing it out
  annotator timesheet show --from 2026-11-01
  annotator completion bash > ~/.local/share/bash-completion/completions/annotator""",
    "pack": """\
  annotator pack new image ./photos -o street-scenes --labels car,person,sign --per-item 0.05 --currency EUR
  annotator pack validate street-scenes
  annotator pack import street-scenes.zip
  annotator pack list""",
    "pack new": """\
  annotator pack new image ./photos -o street-scenes --labels car,person,sign
  annotator pack new transcription ./recordings -o calls.zip --speakers A,B --per-item 0.30 --currency EUR \\
      --estimate 90 --lab "Speech Lab" --contact lab@example.org
  annotator pack new rating prompts.jsonl -o answers --mode likert,pairwise --title "Assistant answers\"""",
    "pack validate": """\
  annotator pack validate ./street-scenes
  annotator pack validate street-scenes.zip || echo "fix the problems listed above\"""",
    "pack import": """\
  annotator pack import street-scenes.zip
  annotator pack import ./inbox/*.zip --data-dir ~/annotator-test""",
    "pack info": """\
  annotator pack info street-scenes.zip
  annotator pack info demo.street-scenes --json""",
    "pack lint": """\
  annotator pack lint ./street-scenes
  annotator pack lint ./street-scenes --minimum-wage 11.88 --currency EUR""",
    "pack list": """\
  annotator pack list
  annotator pack list --json""",
    "export": """\
  annotator export demo.street-scenes --format list
  annotator export demo.street-scenes --format coco -o street-scenes.coco.json
  annotator export demo.street-scenes -f yolo -o yolo/ --val 0.2 --seed 7 --link-media
  annotator export demo.street-scenes -f coco -o all.json --states submitted,flagged
  annotator export demo.voice-commands@1.0.0 -f webvtt -o subtitles""",
    "plugins": """\
  annotator plugins
  annotator plugins --json""",
    "meter": """\
  annotator meter replay day.jsonl --data-dir /tmp/replayed
  annotator meter correct 1042 --category work --note "the video call was the task's briefing\"""",
    "meter replay": """\
  annotator meter replay recorded-day.jsonl --data-dir /tmp/replayed
  annotator meter signals -o today.jsonl && annotator meter replay today.jsonl --data-dir /tmp/check""",
    "meter signals": """\
  annotator meter signals -o trace.jsonl
  annotator meter signals | head""",
    "meter correct": """\
  annotator meter correct 1042 --category work --note "reading the lab's e-mail about this pack\"""",
    "meter thresholds": """\
  annotator meter thresholds
  annotator meter thresholds --set away=600
  annotator meter thresholds --reset""",
    "timesheet": """\
  annotator timesheet show --from 2026-11-01 --to 2026-11-30
  annotator timesheet export -o november.pdf --from 2026-11-01 --to 2026-11-30
  annotator timesheet verify november.json""",
    "timesheet show": """\
  annotator timesheet show
  annotator timesheet show --from 2026-11-01 --pack demo.street-scenes
  annotator timesheet show --format csv > timesheet.csv""",
    "timesheet export": """\
  annotator timesheet export -o november.pdf --from 2026-11-01 --to 2026-11-30
  annotator timesheet export -o week.csv --from 2026-11-24 --timezone Europe/Paris
  annotator timesheet export -o timesheet.json --pack demo.street-scenes
  annotator timesheet export --format toggl -o toggl.csv --email me@example.org""",
    "timesheet verify": """\
  annotator timesheet verify november.json
  annotator timesheet verify --head "#1042 8F3A-41C2-77D0-9B1E\"""",
    "timesheet add": """\
  annotator timesheet add --start 09:00 --duration 1h30m --category training --lab Prolific --note "entry test"
  annotator timesheet add --start 2026-11-27T14:00 --end 2026-11-27T14:40 --category admin --note "lab's emails"
  annotator timesheet add --start 16:00 --duration 45m --category work --pack demo.street-scenes --evidence call.pdf""",
    "timesheet declared": """\
  annotator timesheet declared list
  annotator timesheet declared withdraw 1043 --note "entered twice\"""",
    "timesheet declared list": """\
  annotator timesheet declared list
  annotator timesheet declared list --all""",
    "timesheet declared withdraw": """\
  annotator timesheet declared withdraw 1043 --note "entered twice\"""",
    "timesheet declared correct": """\
  annotator timesheet declared correct 1043 --category instructions
  annotator timesheet declared correct 1043 --start 08:30 --duration 1h""",
    "timesheet head": """\
  annotator timesheet head""",
    "timesheet card": """\
  annotator timesheet card -o card.json
  annotator timesheet card -o card.md --lab "Speech Lab" --from 2026-01-01 --share wage,unpaid""",
    "timesheet cards": """\
  annotator timesheet cards merge cards/*.json""",
    "timesheet cards merge": """\
  annotator timesheet cards merge cards/*.json
  annotator timesheet cards merge cards/*.json --format json > labs.json""",
    "timesheet settings": """\
  annotator timesheet settings --email me@example.org
  annotator timesheet settings --worker kestrel""",
    "timesheet key": """\
  annotator timesheet key
  annotator timesheet key --pem > my-key.pem""",
    "payments": """\
  annotator payments add 12.50 EUR --pack demo.street-scenes --date 2026-11-28
  annotator payments list""",
    "payments add": """\
  annotator payments add 12.50 EUR
  annotator payments add 40 USD --pack demo.voice-commands --lab "Speech Lab" --date 2026-11-28 --note "invoice 7\"""",
    "payments list": """\
  annotator payments list""",
    "payments import": """\
  annotator payments import payouts.csv --amount Amount --currency Currency --date "Paid on" --lab-name Prolific
  annotator payments import statement.csv --amount Betrag --currency-code EUR --date Datum --date-format %d.%m.%Y \\
      --decimal , --id Transaktion --lab-name "Speech Lab\"""",
    "items": """\
  annotator items reject demo.street-scenes street-3 --reason "missed a pedestrian\"""",
    "items reject": """\
  annotator items reject demo.street-scenes street-3 --reason "missed a pedestrian"
  annotator items reject demo.voice-commands command-2 --paid 0.10 --date 2026-11-27""",
    "results": """\
  annotator results bundle demo.street-scenes -o street-scenes-results.zip --pseudonym kestrel
  annotator results merge bundles/*.zip --format coco -o merged.json
  annotator results report bundles/*.zip --minimum-wage 11.88 --currency EUR -o report.html""",
    "results bundle": """\
  annotator results bundle demo.street-scenes -o street-scenes-results.zip --pseudonym kestrel
  annotator results bundle demo.street-scenes -o results.zip --dry-run
  annotator results bundle demo.street-scenes -o results.zip --no-timing""",
    "results merge": """\
  annotator results merge bundles/*.zip --format coco -o merged.json --pack street-scenes.zip
  annotator results merge bundles/*.zip -f jsonl -o merged.jsonl --db postgresql+psycopg://lab-host/lab
  annotator results merge bundles/*.zip -f coco -o merged.json --for demo.street-scenes@1.0.0""",
    "results report": """\
  annotator results report bundles/*.zip
  annotator results report bundles/*.zip --minimum-wage 11.88 --currency EUR -o report.html
  annotator results report bundles/*.zip --format json > figures.json""",
    "backup": """\
  annotator backup
  annotator backup --list""",
    "restore": """\
  annotator backup --list
  annotator restore --latest
  annotator restore 3""",
    "config": """\
  annotator config show
  annotator config set db postgresql+psycopg://lab-host/lab
  annotator config set minimum-wage 11.88 && annotator config set currency EUR
  annotator config unset db""",
    "config show": """\
  annotator config show""",
    "config set": """\
  annotator config set db postgresql+psycopg://lab-host/lab
  annotator config set minimum-wage 11.88
  annotator config set currency EUR""",
    "config unset": """\
  annotator config unset minimum-wage""",
    "desktop": """\
  annotator desktop install
  annotator desktop uninstall""",
    "desktop install": """\
  annotator desktop install
  annotator desktop install --prefix ~/.local/share --dry-run""",
    "desktop uninstall": """\
  annotator desktop uninstall""",
    "completion": """\
  annotator completion bash > ~/.local/share/bash-completion/completions/annotator
  annotator completion zsh > ~/.zfunc/_annotator      # with fpath+=~/.zfunc before compinit in ~/.zshrc
  annotator completion fish > ~/.config/fish/completions/annotator.fish""",
}


def attach(parser) -> None:
    """Set each command's examples as its epilog (a command with its own epilog keeps it)."""
    from annotator.cli import walk

    for path, sub in walk(parser):
        text = EXAMPLES.get(" ".join(path))
        if text and not sub.epilog:
            sub.epilog = "examples:\n" + text
