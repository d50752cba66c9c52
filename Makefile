# The commands the README names. `make run` and `make test` work on a fresh machine with Python 3.11+.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: setup setup-dev run test lint typecheck architecture fuzz faults-import bench messages audit clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

$(VENV)/.bench: $(VENV)/.dev
	$(BIN)/pip install --quiet -c constraints.txt -e '.[bench]'
	@touch $@

## setup: virtualenv, pinned dependencies, compiled translations (idempotent)
setup: $(VENV)/.runtime messages

setup-dev: $(VENV)/.dev messages

messages: $(VENV)/.runtime
	@$(BIN)/pybabel compile --statistics -d ctassist/locale -D django 2>&1 | { grep -v '^compiling' || true; }; exit $${PIPESTATUS[0]}

## run: set up, load reference and demo data, serve on http://127.0.0.1:8000
run: setup
	$(BIN)/ctassist demo
	$(BIN)/ctassist serve --port $(PORT)

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup-dev
	$(BIN)/mypy .

## architecture: the house's import contracts (pyproject.toml [tool.importlinter], ARCHITECTURE.md)
architecture: setup-dev
	$(BIN)/lint-imports --no-cache

## test: lint, types, import contracts, migrations check, then the whole pytest suite (unit, API, browser)
test: setup-dev lint typecheck architecture
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

## fuzz: the API fuzz test with many random examples per operation (make test runs a short fixed one)
fuzz: setup-dev
	CTASSIST_FUZZ_EXAMPLES=100 CTASSIST_FUZZ_RANDOM=1 $(BIN)/python -m pytest -p no:randomly ctassist/core/tests/test_api_fuzz.py

## audit: known vulnerabilities in the pinned dependencies (pip-audit; needs the network, so
## not part of `make test` or CI: run it on a machine that reaches the advisories)
audit: setup-dev
	$(BIN)/pip install --quiet "pip-audit==2.10.1"
	$(BIN)/pip-audit --requirement constraints.txt --disable-pip --no-deps --progress-spinner off

## faults-import: 8 API writers alongside a 60,000-record library import on SQLite, 0 errors (issue 26; the suite runs 20,000)
faults-import: setup-dev
	CTASSIST_FAULTS_IMPORT_RECORDS=60000 $(BIN)/python -m pytest -p no:randomly ctassist/core/tests/test_faults_import_writers.py

## bench: run every benchmark under bench/ and rewrite BENCHMARKS.md
bench: setup-dev $(VENV)/.bench
	bench/run

clean:
	rm -rf $(VENV) var
