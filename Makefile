# samplegen: `make generate` and `make test` are all a fresh machine needs (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLEGEN := $(BIN)/samplegen
JOBS ?= 2
# The repo's own runs (make verify, make test, CI) keep the dependency cache in ./.cache;
# an installed samplegen defaults to the user cache folder instead.
export SAMPLEGEN_CACHE ?= $(CURDIR)/.cache

.PHONY: help install toolchains generate check goldens messages sdk-tables lint fmt test pytest reliability verify verify-document bench bench-docs bench-descriptions bench-harness clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP) ## Create .venv and install samplegen with its dev tools

toolchains: $(STAMP) ## Install the toolchains and tools the tests need (PHP, Mono, shellcheck, Chromium, npm tools)
	bash scripts/install-toolchains.sh
	$(BIN)/python scripts/install_tools.py

generate: $(STAMP) ## Render every sample into output/
	$(SAMPLEGEN) generate

check: $(STAMP) ## Fail with a diff when output/ drifted from specs/ and templates/
	$(SAMPLEGEN) check

goldens: $(STAMP) ## Rewrite tests/golden/expected from the templates (review the diff!)
	$(BIN)/python -m tests.golden.golden

messages: $(STAMP) ## Extract _() texts from templates and merge them into the ja/zh catalogs
	$(BIN)/pybabel extract -F babel.cfg --no-location --omit-header --sort-output \
	  -o generator/locales/samplegen.pot templates
	for dir in generator/locales/*/; do \
	  $(BIN)/pybabel update --omit-header --no-fuzzy-matching --ignore-obsolete \
	    -D samplegen -i generator/locales/samplegen.pot -d generator/locales -l "$$(basename $$dir)"; \
	done

sdk-tables: $(STAMP) ## Derive generator/sdk/tables/ from the pinned SDKs' own files (after a pin change)
	$(BIN)/python -m generator.sdk.derive

lint: $(STAMP) ## ruff on the project and on the generated Python
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/ruff check --no-cache --isolated --select E,F,W,I,B,UP --ignore E501 output tests/golden/expected
	$(BIN)/ruff format --check --isolated output tests/golden/expected

fmt: $(STAMP) ## Format the project's Python code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

pytest: $(STAMP) ## Unit, golden and functional pytest suites
	$(BIN)/pytest -q -n $(JOBS) --durations=25 tests

reliability: $(STAMP) ## The reliability suite alone: pages, kills, malformed inputs, the mock under load (part of pytest)
	$(BIN)/pytest -q -n $(JOBS) tests/functional/test_reliability_*.py

verify: $(STAMP) ## Run every sample in output/ against the mock (JUnit in reports/)
	$(SAMPLEGEN) verify --strict --junit reports/verify.xml

# The seven plain-HTTP variants: every operation of any API description has them.
PLAIN_VARIANTS := python-requests node-fetch curl-curl php-curl csharp-httpclient go-nethttp java-httpclient
DOC_OUT := reports/document

verify-document: $(STAMP) ## Render one OpenAPI document (DOC=file) in the 7 plain-HTTP variants and verify --strict them all
	@test -n "$(DOC)" || { echo "usage: make verify-document DOC=path/to/openapi.yaml" >&2; exit 2; }
	rm -rf $(DOC_OUT)
	$(SAMPLEGEN) generate --specs "$(DOC)" --out $(DOC_OUT)/samples --locale en $(addprefix --variant ,$(PLAIN_VARIANTS))
	time $(SAMPLEGEN) verify --strict --specs "$(DOC)" --out $(DOC_OUT)/samples --locale en --junit $(DOC_OUT)/verify.xml

test: $(STAMP) toolchains lint check pytest verify ## Everything CI runs

bench: $(STAMP) ## samplegen vs httpsnippet, snippetz, openapi-snippet and its f-string floor; start-up; scale (prints it)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-docs: $(STAMP) ## make bench, then write its figures into docs/performance.md and README.md
	$(BIN)/python bench/run.py --write $(BENCH_ARGS)

bench-descriptions: $(STAMP) ## Only the real API descriptions part of make bench, vs openapi-snippet
	$(BIN)/python bench/run.py --only-documents $(BENCH_ARGS)

bench-harness: $(STAMP) ## Wall time of samplegen verify with a cold and a warm cache (slow)
	$(BIN)/python bench/harness_time.py --scope matrix

clean: ## Remove the virtualenv and caches (not output/)
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache .hypothesis reports
