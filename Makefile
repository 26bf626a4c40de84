# Two commands on a fresh machine (Python >= 3.11 with pip):
#   make demo   set up, load the bundled lists into SQLite and run the main job
#   make test   set up and run the whole test suite (ruff, mypy, pytest, the docs site build)
#   make test-fast   the same checks and tests without the slow tests (for local work)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# pytest-xdist processes for `make test` (each test file runs whole in one of them; each has its
# own PostgreSQL database and index cache); 2 matches the CI machine's cores
TEST_WORKERS ?= 2

.PHONY: demo test test-fast setup setup-dev system-deps lint typecheck docs docs-check clean

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
	$(BIN)/ruff check tradeguard tests benchmarks tools
	$(BIN)/ruff format --check tradeguard tests benchmarks tools

typecheck: setup-dev
	$(BIN)/mypy

# The documentation site (mkdocs, docs/ and mkdocs.yml): `make docs` builds it into site/;
# docs-check builds it with --strict into a temporary directory that is removed afterwards.
export NO_MKDOCS_2_WARNING := 1
docs: setup-dev
	$(BIN)/mkdocs build --strict --site-dir site

docs-check: setup-dev
	@tmp=$$(mktemp -d) && $(BIN)/mkdocs build --strict --quiet --site-dir "$$tmp"; rc=$$?; rm -rf "$$tmp"; exit $$rc

# The browser tests drive Debian's chromium; the PDF tests read reports with pdftotext; WeasyPrint
# needs pango; Korean names and pages need a Hangul font, Japanese ones a kana/kanji font (without
# them chromium draws boxes). Installed only when missing (needs root).
SYSTEM_PACKAGES := chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-nanum fonts-ipafont-gothic fonts-dejavu-core
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi nanum || ! fc-list 2>/dev/null | grep -qi ipagothic; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && apt-get install -y -q --no-install-recommends $(SYSTEM_PACKAGES); \
	  else echo "system-deps: missing chromium/poppler-utils/fonts and not root; browser and PDF tests will skip"; fi; \
	fi

test: setup-dev system-deps
	$(BIN)/ruff check tradeguard tests benchmarks tools
	$(BIN)/ruff format --check tradeguard tests benchmarks tools
	$(BIN)/mypy
	tmp=$$(mktemp -d) && $(BIN)/mkdocs build --strict --quiet --site-dir "$$tmp"; rc=$$?; rm -rf "$$tmp"; exit $$rc
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# For local work: lint, types and the tests not marked slow (servers, clusters, the browser,
# the full published files; see SLOW_MODULES in tests/conftest.py). `make test` runs them all.
test-fast: setup-dev
	$(BIN)/ruff check tradeguard tests benchmarks tools
	$(BIN)/ruff format --check tradeguard tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -m "not slow" -n $(TEST_WORKERS) --dist loadfile

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache site
