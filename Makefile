# The two commands the README opens with: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	$(PY) -m desktop run

test: $(TEST_STAMP)
	$(PY) -m pytest -q

# Benchmarks (never part of `make test`); rewrites docs/performance.md.
bench: $(TEST_STAMP)
	$(PY) bench/report.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
