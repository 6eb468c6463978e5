# Two commands do all the set-up on a fresh Debian/Ubuntu machine with Python 3.11+:
#   make run    install and open the app with the bundled demo packs
#   make test   install what the tests need and run the whole suite headless
# and a few more:
#   make services-stop   stop the PulseAudio and PostgreSQL that `make test` started
#   make clean           stop them and remove .venv and every file the build and the tests leave
#   make wheel           build dist/annotator-VERSION-py3-none-any.whl (what `pipx install` takes)
#   make bundle          a self-contained folder with its own Python and Qt (tools/bundle/build.sh, PyInstaller)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# setuptools tells every editable install that a folder named like the package may shadow it: not news here
PIP := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip

.PHONY: run test install install-test system-deps system-deps-test services services-stop clean wheel bundle

run: system-deps install
	$(BIN)/annotator --demo

# PulseAudio and PostgreSQL: what this run started is stopped at its end; started beforehand with
# `make services`, they stay up for the next runs (until `make services-stop`).
test: system-deps-test install-test
	tools/test-services start
	. ./.test-services.env && QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS); \
	  status=$$?; tools/test-services stop-started; exit $$status

system-deps:
	tools/system-deps run

system-deps-test:
	tools/system-deps test

services:
	tools/test-services start

services-stop:
	tools/test-services stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .

install-test: $(BIN)/python
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[test]'

wheel: install-test
	$(PIP) wheel -q --no-deps --no-build-isolation -w dist .
	rm -rf build

bundle:
	tools/bundle/build.sh

clean:
	tools/test-services stop || true
	rm -rf $(VENV) .pytest_cache .hypothesis .test-services.env build dist bench/out *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
