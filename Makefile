# Portal SOP tasks. `make build` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test check lint typecheck clean lock

# The virtual environment is rebuilt only when the pinned requirements change.
$(BIN)/.installed-build: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements-dev.txt requirements.txt $(BIN)/.installed-build
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

build: $(BIN)/.installed-build  ## Build the portal into site/, strictly
	$(BIN)/mkdocs build --strict

serve: $(BIN)/.installed-build  ## Preview on http://127.0.0.1:8000 with reload
	$(BIN)/mkdocs serve --strict

test: $(BIN)/.installed-dev  ## Lint, type-check and run every test
	$(BIN)/ruff check macros tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check macros tests
	$(BIN)/ruff format --check macros tests

typecheck: $(BIN)/.installed-dev
	$(BIN)/mypy

lock: $(BIN)/.installed-build  ## Re-pin requirements.txt from requirements.in
	$(BIN)/python -m pip install --quiet -r requirements.in
	{ echo "# Pinned build dependencies (generated from requirements.in by 'make lock')."; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.txt

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
