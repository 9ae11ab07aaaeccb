# Portal SOP tasks. `make build` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: build build-properdocs serve pdf test check new impor schema lint typecheck clean lock vendor bench tinjau pemantauan

# The virtual environment is rebuilt only when the pinned requirements change. Every
# package is pinned with its hashes (`make lock`) and pip refuses anything else.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes

$(BIN)/.installed-build: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements-dev.txt requirements.txt $(BIN)/.installed-build
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@

# Browser assets the site serves itself (never a CDN): versions pinned in
# package-lock.json, installed with `npm ci`, copied into docs/assets/vendor/
# (generated, gitignored) so MkDocs publishes them with the site.
VENDOR := docs/assets/vendor
MERMAID := $(VENDOR)/mermaid/mermaid.esm.min.mjs

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(MERMAID): node_modules/.installed
	rm -rf $(VENDOR)/mermaid
	mkdir -p $(VENDOR)/mermaid/chunks
	cp node_modules/mermaid/dist/mermaid.esm.min.mjs node_modules/mermaid/LICENSE $(VENDOR)/mermaid/
	cp -R node_modules/mermaid/dist/chunks/mermaid.esm.min $(VENDOR)/mermaid/chunks/
	find $(VENDOR)/mermaid -name '*.map' -delete

vendor: $(MERMAID)  ## Copy the pinned browser assets (Mermaid) into docs/assets/vendor/

# Both also write the search index (Pagefind, pinned in requirements.txt) into the
# built site: the MkDocs hook runs it after every build (macros/search.py).
# `make build` and `make pdf` build into a new folder next to site/ and put it in place
# of site/ only when everything succeeded (macros/publish.py): a failed build leaves
# the previous site whole.
build: $(BIN)/.installed-build $(MERMAID)  ## Build the portal into site/, strictly
	$(BIN)/python -m macros.publish

# The same site built by ProperDocs, the maintained continuation of MkDocs 1.x (pinned in
# requirements-dev.txt): the portal's way off MkDocs; tests/test_properdocs.py checks
# that both give the same pages.
build-properdocs: $(BIN)/.installed-dev $(MERMAID)  ## Build the portal into site/ with ProperDocs
	$(BIN)/python -m macros.publish --runner properdocs

serve: $(BIN)/.installed-build $(MERMAID)  ## Preview on http://127.0.0.1:8000 with reload
	$(BIN)/mkdocs serve --strict --dirty

# The approval copies: the site built with "Unduh PDF" links, then every SOP printed by
# the system's Chromium to site/pdf/<id>.pdf and a book per unit to site/pdf/unit/.
pdf: $(BIN)/.installed-dev $(MERMAID)  ## Build the portal and export its SOPs to PDF (site/pdf/)
	$(BIN)/python -m macros.publish --pdf

test: $(BIN)/.installed-dev $(MERMAID)  ## Lint, type-check and run every test
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Performance at scale (bench/, docs/kinerja.md): synthetic SOPs built as the portal and
# as plain Markdown; N="100 1000" limits the sizes, RUNS= the builds per size.
bench: $(BIN)/.installed-dev $(MERMAID)  ## Benchmark the build and the pages at N="100 1000 5000" SOPs
	$(BIN)/python -m bench.run $(if $(N),--sizes $(N)) $(if $(RUNS),--runs $(RUNS))

# Editor tasks (macros/cli.py); see docs/panduan/lokal.md.
check: $(BIN)/.installed-build  ## Validate sop_src/ without building the site (STRICT=1: warnings fail too)
	$(BIN)/python -m macros.cli check $(if $(STRICT),--strict)

new: $(BIN)/.installed-build  ## New SOP skeleton: make new UNIT=<folder> NAMA="<nama SOP>"
	$(BIN)/python -m macros.cli new "$$UNIT" "$$NAMA"

tinjau: $(BIN)/.installed-build  ## List SOP reviews and monitorings overdue or due within 30 days (never fails)
	$(BIN)/python -m macros.cli tinjau

pemantauan: $(BIN)/.installed-build  ## New monitoring/evaluation record: make pemantauan UNIT=<folder> JENIS=monitoring|evaluasi
	$(BIN)/python -m macros.cli pemantauan "$$UNIT" "$$JENIS"

# Import existing documents as drafts: make impor BERKAS="a.pdf b.xlsx" UNIT=kab-malang/kec-kalipare
impor: $(BIN)/.installed-build  ## Import SOP documents (PDF, .xlsx, .docx) into sop_src/<UNIT>/ as drafts
	$(BIN)/python -m macros.cli impor --unit "$$UNIT" $(BERKAS)

schema: $(BIN)/.installed-build  ## Rewrite sop.schema.json from the model
	$(BIN)/python -m macros.cli schema

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench

typecheck: $(BIN)/.installed-dev
	$(BIN)/mypy

# pip-tools (BSD) in a virtual environment of its own under .cache/; hashes are read
# from PyPI only (PIP_CONFIG_FILE=/dev/null: no local index or mirror of this machine).
# Versions already pinned stay as they are; `make lock UPGRADE=1` moves to the newest.
LOCK_VENV := .cache/lock-venv
PIP_TOOLS := pip-tools==7.6.2
PIP_COMPILE = env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url $(if $(UPGRADE),--upgrade)

lock:  ## Re-pin requirements.txt and requirements-dev.txt (with hashes) from the .in files
	test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

clean:
	rm -rf site .site.baru-* .site.lama-* .pytest_cache .mypy_cache .ruff_cache $(VENDOR)
