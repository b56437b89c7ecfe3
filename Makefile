# The commands the README opens with: `make run`, `make test`, `make dist`, `make bench`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test test-frozen frozen dist installer deb bench mutate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

# The test environment can also build: CI tests the frozen program too.
$(TEST_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,build]'
	touch $@

run: $(STAMP)
	$(PY) -m desktop run

# In CI (CI=true, set by .ci/run) the frozen program and the installer are built first and
# tests/packaging runs them; elsewhere those tests wait for `make test-frozen`.
ifeq ($(CI),true)
test: frozen
export FISCALDESK_FROZEN := 1
endif
test: $(TEST_STAMP)
	$(PY) -m ruff check desktop tests bench packaging
	$(PY) -m pytest -q

test-frozen: frozen
	FISCALDESK_FROZEN=1 $(PY) -m pytest -q tests/packaging

# dist/FiscalDesk, dist/FiscalDesk-onedir/ and the installer (zlib: quick, for checking the script)
frozen: $(TEST_STAMP)
	$(PY) packaging/dist.py --fast-installer

# The one-file program (and the installer's folder); prints their sizes.
dist: $(TEST_STAMP)
	$(PY) packaging/dist.py

# The Windows installer as shipped (LZMA); needs makensis (Debian: apt install nsis).
installer: $(TEST_STAMP)
	$(PY) packaging/dist.py --installer

# The Debian package for 国产 desktops (统信UOS, 麒麟): dist/fiscaldesk_<版本>_amd64.deb
# (builds the one-folder program first when dist/ has none; needs dpkg-deb).
deb: $(TEST_STAMP)
	$(PY) packaging/deb.py

# Benchmarks (never part of `make test`); rewrites docs/performance.md.
bench: $(TEST_STAMP)
	$(PY) bench/report.py

# Mutation testing of desktop/rules and desktop/scoring (never part of `make test`); rewrites
# docs/mutation.md. A fixed sample by default (about 20 min on 2 cores); MUTATE_ARGS= runs every
# mutant (about 2 hours).
MUTATE_ARGS ?= --sample 12
mutate: $(TEST_STAMP)
	$(PY) bench/mutation.py $(MUTATE_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis mutants
