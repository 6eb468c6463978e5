# Two commands do all the set-up on a fresh Debian/Ubuntu machine with Python 3.11+:
#   make run    install and open the app with the bundled demo packs
#   make test   install what the tests need and run the whole suite headless
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install install-test system-deps system-deps-test services clean

run: system-deps install
	$(BIN)/annotator --demo

test: system-deps-test install-test
	tools/test-services start
	. ./.test-services.env && QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

system-deps:
	tools/system-deps run

system-deps-test:
	tools/system-deps test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'

clean:
	tools/test-services stop || true
	rm -rf $(VENV) .pytest_cache .test-services.env
