# Two commands on a fresh machine (Python >= 3.11 with pip):
#   make demo   set up, load the bundled lists into SQLite and run the main job
#   make test   set up and run the whole test suite (ruff, mypy, pytest)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup setup-dev lint typecheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

setup-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'

demo: setup
	$(BIN)/tradeguard demo

lint: setup-dev
	$(BIN)/ruff check tradeguard tests benchmarks
	$(BIN)/ruff format --check tradeguard tests benchmarks

typecheck: setup-dev
	$(BIN)/mypy

test: setup-dev
	$(BIN)/ruff check tradeguard tests benchmarks
	$(BIN)/ruff format --check tradeguard tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
