# The two commands: `make run` (the sample graph, built and queried) and `make test` (the whole suite).
# `make serve` serves the sample graph's API on http://127.0.0.1:8000 afterwards.
# A fresh machine needs only python3 and make.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= luocdo-data
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run serve test lint clean

# pip's output goes to $(VENV)/install.log, shown only when an install fails.
PIP    := $(BIN)/python -m pip install --disable-pip-version-check --quiet
LOG    := $(VENV)/install.log
QUIET  = > $(LOG) 2>&1 || { cat $(LOG); echo "install failed (log: $(LOG))"; exit 1; }
# Bytecode compiled at install, as pip compiles a wheel's: with PYTHONDONTWRITEBYTECODE set (CI
# machines, containers) Python would compile every module again in every process, each extraction
# worker and each CLI call included.
COMPILE = $(BIN)/python -m compileall -q -j 0 cli graph ingest api queries > /dev/null

$(BIN)/python:
	@echo "creating $(VENV)"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) --upgrade pip $(QUIET)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "installing luocdo into $(VENV) (about a minute the first time)"
	@$(PIP) -e . $(QUIET)
	@$(COMPILE)
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	@echo "installing luocdo and its test tools into $(VENV) (a few minutes the first time)"
	@$(PIP) -e '.[dev]' $(QUIET)
	@$(COMPILE)
	@touch $@ $(VENV)/.installed

## run: install, ingest the sample plans into the embedded store, print a summary
run: $(VENV)/.installed
	@echo; echo "== ingest the five sample plans into ./$(STORE)"
	@$(BIN)/luocdo ingest data/samples --store $(STORE)
	@echo; echo "== who implements Law 10/2022/QH15"
	@$(BIN)/luocdo query implementers_of --param number=10/2022/QH15 --store $(STORE)
	@echo; echo "== citations outdated on 2024-01-01"
	@$(BIN)/luocdo audit outdated --as-of 2024-01-01 --store $(STORE)
	@echo; echo "next: make serve (the API and browser on http://$(HOST):$(PORT))"

## serve: the REST API on the store `make run` built
serve: $(VENV)/.installed
	$(BIN)/luocdo serve --store $(STORE) --host $(HOST) --port $(PORT)

## test: install with the dev extras and what the browser tests need, lint, type-check, run the whole suite
test: $(VENV)/.installed-dev lint
	@scripts/test-prerequisites $(BIN)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy cli graph ingest api queries bench tests

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .mypy_cache .ruff_cache
