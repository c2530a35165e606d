# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck check bench server installer installer-test clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,server]"
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m thuiszitter_desktop

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

# The team server on this machine: embedded PostgreSQL, HTTPS on port 8443 (README, "Team").
# Extra options after SERVER_ARGS=, e.g. make server SERVER_ARGS="--port 9443".
server: $(STAMP)
	$(VENV)/bin/thuiszitter-server serve $(SERVER_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check thuiszitter_desktop tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

check: lint typecheck test

# Generates fictitious caseloads (500, 5,000, 50,000 cases) in temporary vaults and measures
# them; writes bench/results.md and bench/results.json. Not part of `make test` (~10 minutes).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run

# A one-folder bundle in dist/ThuiszitterDesktop (PyInstaller builds for the OS it runs on).
INSTALLER_STAMP := $(VENV)/.installer-installed
$(INSTALLER_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,server,installer]"
	@touch $@

installer: $(INSTALLER_STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller installer/thuiszitter.spec
	@du -sh dist/ThuiszitterDesktop

installer-test: installer
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -m installer tests/installer

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
