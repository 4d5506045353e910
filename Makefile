# Reading Club — one verb per task. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin

# The first Python >= 3.12 found: $PYTHON, then python3.13/3.12 on PATH, then pyenv's versions.
# PySide6 on 3.11 corrupts None's reference count, so older interpreters are never used.
find_python = for p in $${PYTHON:-} python3.13 python3.12 python3 \
	$$(ls -d $$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	  && { command -v $$p; exit 0; }; \
	done; echo "error: Reading Club needs Python 3.12 or newer; none found (set PYTHON=/path/to/python3.12)" >&2; exit 1

# Tests and benchmarks draw offscreen; `make run` uses the desktop's own display.
pytest soak bench compat screenshot: export QT_QPA_PLATFORM := offscreen

.PHONY: help venv run test lint typecheck pytest bench soak compat screenshot translations \
	lock wheel bundle clean

# Every install is constrained by the lock file (all versions pinned, for every platform):
# the same versions on every machine until `make lock` refreshes it. A dependency missing
# from the lock still installs (unpinned); a bound that excludes a locked version fails:
# run `make lock` after changing pyproject.toml's dependencies.
LOCK := requirements.lock
INSTALL := $(BIN)/python -m pip install --quiet -c $(LOCK)

help: ## List the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(BIN)/python:
	@py=$$($(find_python)) && echo "using $$py" && $$py -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e '.[test,bench]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

venv: $(VENV)/.installed-test ## Create .venv with the app and its test tools

run: $(VENV)/.installed ## Open the app on the default SQLite catalogue
	$(BIN)/python -m gui $(ARGS)

lint: $(VENV)/.installed-test ## ruff: lint and formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test ## mypy, strict on core
	$(BIN)/mypy

pytest: $(VENV)/.installed-test ## The test suite alone
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest ## Everything CI runs: lint, typecheck, the whole suite offscreen

bench: $(VENV)/.installed-bench ## Benchmarks (bench/): tables and one JSON line each
	$(BIN)/python -m bench.bus
	$(BIN)/python -m bench.persistence
	$(BIN)/python -m bench.persistence --books 1000000
	$(BIN)/python -m bench.gui
	$(BIN)/python -m bench.csv_import --gui
	$(BIN)/python -m bench.csv_read
	$(BIN)/python -m bench.rich_import
	$(BIN)/python -m bench.pg_import
	$(BIN)/python -m bench.command_during_import
	$(BIN)/python -m bench.lookup
	$(BIN)/python -m bench.lookup_form
	$(BIN)/python -m bench.shared
	$(BIN)/python -m bench.club
	$(BIN)/python -m bench.loans

soak: $(VENV)/.installed-test ## The crash-safety test with 200 SIGKILLs instead of 20 (long)
	READING_CLUB_SOAK_KILLS=200 $(BIN)/python -m pytest tests/reliability/test_crash_safety.py

compat: $(VENV)/.installed-test ## messagebus's own async test suite against core.bus
	$(BIN)/python -m bench.messagebus_suite $(ARGS)

screenshot: $(VENV)/.installed ## Save docs/screenshot.png, history.png and book-page.png (offscreen)
	$(BIN)/python docs/screenshot.py
	$(BIN)/python docs/history_screenshot.py
	$(BIN)/python docs/book_page_screenshot.py

# lupdate keeps the translations already made; new strings arrive "unfinished" (English shown)
# until translated (pyside6-linguist, or by hand in the .ts). The _en file holds plurals only.
# A new language: `make translations NEW=de` creates reading_club_de.ts once.
TS_EN := gui/translations/reading_club_en.ts
GUI_SOURCES := $(wildcard gui/*.py gui/*/*.py)
TS := $(filter-out $(TS_EN),$(wildcard gui/translations/reading_club_*.ts)) \
	$(if $(NEW),gui/translations/reading_club_$(NEW).ts)
translations: $(VENV)/.installed ## Refresh gui/translations/*.ts from the window's modules and compile the .qm
	$(BIN)/pyside6-lupdate -locations none -no-obsolete $(GUI_SOURCES) -ts $(TS)
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -pluralonly $(GUI_SOURCES) -ts $(TS_EN)
	$(BIN)/pyside6-lrelease $(TS) $(TS_EN)

lock: | $(BIN)/python ## Pin every dependency again in requirements.lock (after pyproject.toml changes)
	$(BIN)/python -m pip install --quiet "uv>=0.5,<1"
	$(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.12 \
	  --extra test --extra bundle --output-file $(LOCK)

wheel: $(VENV)/.installed ## Build the wheel into dist/ (for pipx or uv tool install)
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir dist .

$(VENV)/.installed-bundle: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e '.[bundle]'
	touch $@ $(VENV)/.installed

bundle: $(VENV)/.installed-bundle ## Build the one-folder app dist/reading-club/ and smoke-test it
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/reading-club.spec
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/smoke_bundle.py dist/reading-club

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
