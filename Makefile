# BlocGraph: every target sets up what it needs; `make demo` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MYPY_TREE := build/mypy
export BLOCGRAPH_HOME ?= $(CURDIR)/var

.PHONY: setup neo4j-build neo4j-start neo4j-stop check lint typecheck generate test test-fast demo \
	bench explorer browser-deps serve clean
EXPLORER_SOURCES := $(shell find explorer/src explorer/index.html explorer/vite.config.ts \
	explorer/package.json explorer/package-lock.json explorer/tsconfig.json -type f 2>/dev/null)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## setup: the virtual environment with the project and its test extras
setup: $(STAMP)

## explorer: build the web explorer into api/static (npm, from the lock file)
explorer: api/static/index.html

api/static/index.html: $(EXPLORER_SOURCES)
	cd explorer && npm ci --no-audit --no-fund && npm run build
	touch api/static/index.html

## browser-deps: Debian's Chromium for the browser tests (Playwright drives it)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update && apt-get install -y --no-install-recommends chromium) \
	  || (sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium); }

## neo4j-build: fetch Neo4j Community from Maven Central and compile the runner
neo4j-build: setup
	$(BIN)/blocgraph neo4j build

neo4j-start: neo4j-build
	$(BIN)/blocgraph neo4j start

neo4j-stop: setup
	$(BIN)/blocgraph neo4j stop

## generate: rewrite the files derived from the domain model
generate: setup
	$(BIN)/blocgraph schema generate

lint: setup
	$(BIN)/ruff check schema ingest scoring graph api blocgraph tests bench

# mypy cannot follow the editable install's folder mapping, so it checks a tree
# of symlinks laid out the way the package installs.
typecheck: setup
	rm -rf $(MYPY_TREE) && mkdir -p $(MYPY_TREE)/blocgraph
	cp blocgraph/*.py $(MYPY_TREE)/blocgraph/
	for pkg in schema ingest scoring graph api; do ln -s $(CURDIR)/$$pkg $(MYPY_TREE)/blocgraph/$$pkg; done
	cd $(MYPY_TREE) && MYPYPATH=. $(CURDIR)/$(BIN)/mypy --config-file $(CURDIR)/pyproject.toml -p blocgraph

## check: lint, types and generated-file drift
check: lint typecheck
	$(BIN)/blocgraph schema check

## test: set up everything (venv, Neo4j) and run every test
test: setup neo4j-build explorer browser-deps check
	$(BIN)/pytest -q

test-fast: setup
	$(BIN)/pytest -q -m "not neo4j"

## demo: start the local Neo4j, ingest the sample corpus, show what the graph knows
demo: explorer neo4j-start
	$(BIN)/blocgraph ingest --reference samples/corpus/dev
	$(BIN)/blocgraph eval samples/corpus/dev
	$(BIN)/blocgraph dependency mistral-ai anthropic
	@echo "Explorer: http://127.0.0.1:8000/  (GraphQL: http://127.0.0.1:8000/graphql; Ctrl-C to stop)"
	@( sleep 3; $(PY) -m webbrowser -t http://127.0.0.1:8000/ >/dev/null 2>&1 || true ) &
	$(BIN)/blocgraph serve --host 127.0.0.1 --port 8000

## serve: the API and explorer on the local Neo4j
serve: neo4j-start
	$(BIN)/blocgraph serve --host 127.0.0.1 --port 8000

bench: setup neo4j-build
	$(PY) -m bench.bench_extract --articles 2000

clean:
	rm -rf build $(VENV) var .mypy_cache .ruff_cache .pytest_cache
