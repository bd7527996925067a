# `make run` opens Scorer; `make test` runs the whole test suite headless.
# Both set up everything first: system packages, then .venv and the project from the lock.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint pytest fuzz screenshots bench lock sync-briefcase package clean

$(BIN)/scorer: pyproject.toml requirements/dev.txt
	@.ci/system-deps.sh run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
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
	$(BIN)/python .ci/lock.py --check

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

# Re-resolve after a change to the dependencies in pyproject.toml (keeps the other pins);
# `make lock ARGS=--upgrade` moves every pin to the newest allowed release.
lock: $(BIN)/scorer
	$(BIN)/python .ci/lock.py $(ARGS)
	$(BIN)/python .ci/sync_briefcase.py

sync-briefcase:
	$(BIN)/python .ci/sync_briefcase.py

# The Linux system package (.deb) in dist/, built by Briefcase under the system python3.
package:
	.ci/package.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
