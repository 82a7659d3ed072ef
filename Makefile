# The README's commands. `make run` and `make test` each do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-app
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test test-fast system-deps lint bench clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .  # the diplotime command
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(DEV_STAMP)

## Start the app on the bundled dataset with the embedded SQLite store.
run: $(STAMP)
	$(BIN)/python -m streamlit run app.py

## Run every test: unit, property, CLI, SQLite and PostgreSQL store, AppTest pages and real-browser tests.
test: $(DEV_STAMP) system-deps
	CI=$${CI:-true} $(BIN)/python -m pytest

## Quick loop while developing: no browser tests.
test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -m "not browser"

## Debian packages the tests use: Chromium (browser tests), a CJK font, PostgreSQL (shared store).
system-deps:
	@bash scripts/system-deps.sh

lint: $(DEV_STAMP)
	$(BIN)/ruff check diplotime tests pages app.py bench
	$(BIN)/ruff format --check diplotime tests pages app.py bench
	$(BIN)/mypy diplotime

bench: $(DEV_STAMP)
	$(BIN)/python bench/import.py
	$(BIN)/python bench/explore.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/upload.py
	$(BIN)/python bench/page.py
	$(BIN)/python bench/draft.py
	$(BIN)/python bench/wide.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
