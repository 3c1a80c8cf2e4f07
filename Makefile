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

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

## run: install, ingest the sample plans into the embedded store, print a summary
run: $(VENV)/.installed
	$(BIN)/luocdo ingest data/samples --store $(STORE)
	$(BIN)/luocdo query implementers_of --param number=10/2022/QH15 --store $(STORE)
	$(BIN)/luocdo audit outdated --as-of 2024-01-01 --store $(STORE)

## serve: the REST API on the store `make run` built
serve: $(VENV)/.installed
	$(BIN)/luocdo serve --store $(STORE) --host $(HOST) --port $(PORT)

## test: install with the dev extras, lint, type-check and run the whole test suite
test: $(VENV)/.installed-dev lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy cli graph ingest api queries bench tests

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .mypy_cache .ruff_cache
