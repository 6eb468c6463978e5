#!/usr/bin/env bash
# Build annotator as a self-contained one-folder bundle (its own Python, Qt and FFmpeg) with PyInstaller,
# from the wheel installed in a clean virtual environment, then measure it (docs/performance.md):
#   tools/bundle/build.sh        -> bench/out/bundle/annotator-VERSION-linux-x86_64.tar.gz
# Takes minutes and ~2 GB of disk in bench/out/bundle: not part of CI (docs/adr/0651).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out/bundle
rm -rf "$out"
mkdir -p "$out"
export PYTHONWARNINGS="ignore:Editable installation"
python3 -m venv "$out/venv"
py="$out/venv/bin/python"
"$py" -m pip install -q --upgrade pip
"$py" -m pip wheel -q --no-deps -w "$out/wheel" .
"$py" -m pip install -q "$out"/wheel/annotator-*.whl "pyinstaller>=6.10"
version=$("$py" -c "import annotator; print(annotator.__version__)")

t0=$(date +%s.%N)
"$out/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath "$out/dist" --workpath "$out/build" \
  tools/bundle/annotator.spec
t1=$(date +%s.%N)
tarball="$out/annotator-$version-linux-x86_64.tar.gz"
tar -C "$out/dist" -czf "$tarball" annotator
t2=$(date +%s.%N)

app="$out/dist/annotator/annotator"
data=$(mktemp -d)
"$app" --version
"$app" pack validate "$out/dist/annotator/_internal/annotator/resources/demo-packs/street-scenes"
t3=$(date +%s.%N)
QT_QPA_PLATFORM=offscreen ANNOTATOR_DATA_DIR="$data" ANNOTATOR_SCREENSHOT="$out/demo.png" \
  ANNOTATOR_SCREENSHOT_DELAY_MS=0 "$app" --demo
t4=$(date +%s.%N)
"$app" --data-dir "$data" pack list
rm -rf "$data"

echo "bundle folder:  $(du -sh "$out/dist/annotator" | cut -f1)"
echo "tarball:        $(du -sh "$tarball" | cut -f1)  $tarball"
secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }
echo "pyinstaller:    $(secs "$t0" "$t1") s;  tar.gz: $(secs "$t1" "$t2") s"
echo "--demo to a first screenshot and exit (offscreen): $(secs "$t3" "$t4") s"
