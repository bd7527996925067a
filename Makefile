# `make run` opens Scorer; `make test` runs the whole test suite headless.
# Both set up everything first: system packages, .venv and the project.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint pytest fuzz screenshots bench sync-briefcase clean

$(BIN)/scorer: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

run: $(BIN)/scorer
	@.ci/system-deps.sh run
	$(BIN)/scorer

test: $(BIN)/scorer
	@.ci/system-deps.sh test
	$(MAKE) --no-print-directory --keep-going lint pytest

lint:
	$(BIN)/ruff check scorer tests benchmarks .ci
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python .ci/sync_briefcase.py --check

pytest:
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

# The property tests of the rubric loader and of verify, with many more examples.
fuzz: $(BIN)/scorer
	SCORER_FUZZ_EXAMPLES=2000 QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m fuzz

bench: $(BIN)/scorer
	@for bench in benchmarks/bench_*.py; do \
		echo "== $$bench"; \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.$$(basename $$bench .py) || exit 1; \
	done

sync-briefcase:
	$(BIN)/python .ci/sync_briefcase.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
