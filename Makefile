# The two quick-start targets. Both create ./.venv on first use, so a fresh clone needs
# nothing but python3 (3.11+) and make.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run demo check test lint typecheck unit clean model safety-model

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	touch $@

## make run: install nearer and start the web app on http://127.0.0.1:8000 (SQLite)
run: $(VENV)/.installed
	$(BIN)/nearer serve

## make demo: the web app with a demo couple and months of data (log-ins printed on start)
demo: $(VENV)/.installed
	$(BIN)/nearer serve --demo

## make check: the Connection Check in the terminal, no browser needed
check: $(VENV)/.installed
	$(BIN)/nearer assess

## make test: install test tools, then lint, type-check, check import layers, run the suite
test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest
	@# The web suite again on a real PostgreSQL server when one is given (.ci/run starts one
	@# with tests/web/postgres.sh); the first run above used SQLite.
	@if [ -n "$$NEARER_TEST_POSTGRES_URL" ]; then \
		echo "== web suite on PostgreSQL"; \
		DATABASE_URL="$$NEARER_TEST_POSTGRES_URL" \
		NEARER_SECRET_KEY=test-only-key-for-the-postgres-run-0123456789 \
		$(BIN)/python -m pytest tests/web; \
	else \
		echo "== PostgreSQL run skipped: set NEARER_TEST_POSTGRES_URL (see tests/web/postgres.sh)"; \
	fi

## make model: rebuild the shipped emotion models from ../shared/data/goemotions (~2 min)
model: $(VENV)/.installed-test
	$(BIN)/python -m training.emotions --data ../shared/data/goemotions \
		--out src/nearer/core/emotions/models

## make safety-model: rebuild the safety scan's trained model (~2 min; needs ../shared/data)
safety-model: $(VENV)/.installed-test
	$(BIN)/python -m training.safety

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
