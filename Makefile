# congvan — the two commands of the README, and the benchmarks.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench fuzz lint format

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## make run: the database in ./var (created on first run), the seed dispatches registered
## as incoming (again: nothing changes), the web pages on http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/congvan ingest tests/fixtures/seeds/*.txt --register incoming
	$(BIN)/congvan serve

## make test: lint and the whole test suite on SQLite; where CONGVAN_TEST_DATABASE_URL names a
## PostgreSQL server, the database tests run there too
test: $(STAMP)
	$(BIN)/ruff check src tests bench fuzz
	env -u CONGVAN_TEST_DATABASE_URL $(BIN)/pytest -q
	@if [ -n "$$CONGVAN_TEST_DATABASE_URL" ]; then \
		echo "== PostgreSQL: $$CONGVAN_TEST_DATABASE_URL"; $(BIN)/pytest -q tests/registry tests/tracking tests/portal tests/api tests/compose \
		tests/audit tests/hardening/test_backup_restore.py; fi

## make bench: throughput and worst-case figures; the load test on SQLite, and on PostgreSQL
## where CONGVAN_BENCH_DATABASE_URL names a server
bench: $(STAMP)
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
fuzz: $(STAMP)
	$(BIN)/python fuzz/fuzz.py $(FUZZ)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/ruff format --check src tests bench fuzz

format: $(STAMP)
	$(BIN)/ruff format src tests bench fuzz
	$(BIN)/ruff check --fix src tests bench fuzz
