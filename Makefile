# congvan — the two commands of the README, and the benchmarks.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COMPILED := $(VENV)/.compiled

.PHONY: run test bench fuzz lint format

$(STAMP): pyproject.toml setup.py
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	CONGVAN_PURE_PYTHON=1 $(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# the parser's modules that setup.py compiles, built again after an edit (until then
# congvan.document loads their source)
$(COMPILED): $(STAMP) src/congvan/document/parse.py src/congvan/document/vntext.py
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(COMPILED)

## make run: the database in ./var (created on first run), the seed dispatches registered
## as incoming (again: nothing changes), the web pages on http://127.0.0.1:8000
run: $(COMPILED)
	$(BIN)/congvan ingest tests/fixtures/seeds/*.txt --register incoming
	$(BIN)/congvan serve

## make test: lint and the whole test suite on SQLite; where CONGVAN_TEST_DATABASE_URL names a
## PostgreSQL server, the database tests run there too
test: $(COMPILED)
	$(BIN)/ruff check src tests bench fuzz setup.py
	env -u CONGVAN_TEST_DATABASE_URL $(BIN)/pytest -q
	@if [ -n "$$CONGVAN_TEST_DATABASE_URL" ]; then \
		echo "== PostgreSQL: $$CONGVAN_TEST_DATABASE_URL"; $(BIN)/pytest -q tests/registry tests/tracking tests/portal tests/api tests/compose \
		tests/audit tests/hardening/test_backup_restore.py; fi

## make bench: throughput and worst-case figures; the load test on SQLite, and on PostgreSQL
## where CONGVAN_BENCH_DATABASE_URL names a server
bench: $(COMPILED)
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/render_bench.py --round-trip
	$(BIN)/python bench/bench_tracking.py
	$(BIN)/python bench/bench_compose.py
	$(BIN)/python bench/ocr_bench.py
	$(BIN)/python bench/bench_registry.py --docs 100000
	$(BIN)/python bench/schema_fuzz.py --examples 50
	$(BIN)/python bench/bench_load.py
	@if [ -n "$$CONGVAN_BENCH_DATABASE_URL" ]; then \
		$(BIN)/python bench/bench_load.py --database-url "$$CONGVAN_BENCH_DATABASE_URL"; fi

## make fuzz: a million mutated files, texts and edXML packages through extract, parse and the
## edXML reader; fails on any exception other than the typed errors (inputs kept in
## var/fuzz-crashes); FUZZ="--inputs 200000 --jobs 2" changes the run
fuzz: $(COMPILED)
	$(BIN)/python fuzz/fuzz.py $(FUZZ)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench fuzz setup.py
	$(BIN)/ruff format --check src tests bench fuzz setup.py

format: $(STAMP)
	$(BIN)/ruff format src tests bench fuzz setup.py
	$(BIN)/ruff check --fix src tests bench fuzz setup.py
