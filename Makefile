# Portal SOP tasks. `make build` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve pdf test check new impor schema lint typecheck clean lock vendor bench

# The virtual environment is rebuilt only when the pinned requirements change.
$(BIN)/.installed-build: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements-dev.txt requirements.txt $(BIN)/.installed-build
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
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
build: $(BIN)/.installed-build $(MERMAID)  ## Build the portal into site/, strictly
	$(BIN)/mkdocs build --strict

serve: $(BIN)/.installed-build $(MERMAID)  ## Preview on http://127.0.0.1:8000 with reload
	$(BIN)/mkdocs serve --strict --dirty

# The approval copies: the site built with "Unduh PDF" links, then every SOP printed by
# the system's Chromium to site/pdf/<id>.pdf and a book per unit to site/pdf/unit/.
pdf: $(BIN)/.installed-dev $(MERMAID)  ## Build the portal and export its SOPs to PDF (site/pdf/)
	PORTAL_SOP_PDF=1 $(BIN)/mkdocs build --strict
	$(BIN)/python -m macros.pdf --site site

test: $(BIN)/.installed-dev $(MERMAID)  ## Lint, type-check and run every test
	$(BIN)/ruff check macros tests bench
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

lock: $(BIN)/.installed-build  ## Re-pin requirements.txt from requirements.in
	$(BIN)/python -m pip install --quiet -r requirements.in
	{ echo "# Pinned build dependencies (generated from requirements.in by 'make lock')."; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.txt

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache $(VENDOR)
