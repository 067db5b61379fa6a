# Two commands: `make run` (a chat with Kodo in the terminal) and `make test` (the whole suite).
# Both install the exact versions of requirements.lock (runtime) or requirements-test.lock (runtime +
# test extras, the same versions), then Kodo itself without dependencies. `make lock` refreshes both
# from pyproject.toml; `make lock LOCK_FLAGS=--upgrade` moves every pin to the newest allowed version.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
UV      = uv>=0.9,<1
LOCK_FLAGS ?=
COMPILE = $(BIN)/uv pip compile --quiet --universal --generate-hashes --custom-compile-command 'make lock' $(LOCK_FLAGS)

.PHONY: run test serve lock readme docs clean

run: $(VENV)/.installed
	@$(BIN)/kodo console; status=$$?; \
	echo "Kodo is installed in $(VENV): call it again with $(BIN)/kodo (e.g. $(BIN)/kodo console, $(BIN)/kodo doctor), or run '. $(BIN)/activate' once and then just kodo."; \
	exit $$status

serve: $(VENV)/.installed
	$(BIN)/kodo serve

# The layers first (`lint-imports`, contracts in pyproject.toml): dependencies point inward.
test: $(VENV)/.installed-test
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/pytest

# The README's sample session, rewritten from a real run of `kodo console` (tests/test_readme.py).
readme: $(VENV)/.installed-test
	KODO_WRITE_README=1 $(BIN)/pytest -q tests/test_readme.py

# The guides in docs/ as a website in site/ (mkdocs.yml): offline, and a broken link fails the build.
docs: $(VENV)/.installed-test
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Kodo needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; echo "requirements.lock does not cover pyproject.toml: run make lock"; exit 1; }
	touch $@

$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; echo "requirements-test.lock does not cover pyproject.toml: run make lock"; exit 1; }
	touch $@ $(VENV)/.installed

# The runtime lock first; the test lock is constrained by it, so both carry the same versions.
# Existing pins are kept unless pyproject.toml needs others (or LOCK_FLAGS=--upgrade).
lock: | $(BIN)/python
	$(BIN)/pip install --quiet '$(UV)'
	$(COMPILE) pyproject.toml -o requirements.lock
	$(COMPILE) --extra test -c requirements.lock pyproject.toml -o requirements-test.lock

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis site
