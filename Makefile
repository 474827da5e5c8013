# Two commands on a fresh machine: `make demo` and `make test`. Everything else is set up here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED_GOLD := ../shared/data/gold

.PHONY: demo test soak eval bench bench-scale install browser clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire demo
	@echo "Open the dashboard on this store: $(BIN)/eventwire serve --db eventwire.duckdb  (then http://127.0.0.1:8000/)"

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium (never a downloaded browser): install it when missing
# (as root, with apt-get); where that cannot be done, the browser tests skip and say so loudly.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing Debian's chromium and chromium-driver for the browser tests"; \
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				chromium chromium-driver >/dev/null; } || \
				echo "WARNING: chromium could not be installed: the browser tests will be SKIPPED"; \
		else echo "WARNING: chromium is missing and cannot be installed here (needs root and apt-get): the browser tests will be SKIPPED"; fi; \
	fi

# eval: scores on the public gold sets (report saved to eval-report.json; `eventwire eval
# ../shared/data/gold/news_articles --explain` lists every miss of the article set by category)
eval: $(STAMP)
	@if [ -d $(SHARED_GOLD) ]; then \
		$(BIN)/eventwire eval --floors eval_floors.json --json eval-report.json \
			$(SHARED_GOLD)/news_articles \
			$(SHARED_GOLD)/cameo_manual_examples.jsonl \
			$(SHARED_GOLD)/plover_gsr_cameo.jsonl \
			$(SHARED_GOLD)/up_petr2_gsr_validation.jsonl \
			$(SHARED_GOLD)/event_location_gold.jsonl \
			$(SHARED_GOLD)/case2021_task2_test.jsonl \
			$(SHARED_GOLD)/ngec_actor_resolution_tests.jsonl; \
	else echo "eval: ../shared/data/gold not found; skipped (no scores measured)"; fi

bench: $(STAMP) browser bench-scale
	$(BIN)/python benchmarks/run.py --rounds 5
	$(BIN)/python benchmarks/serve_bench.py

# ingest on 1, 2, 4, ... Dask workers up to the machine's cores, beside spaCy's n_process
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale_bench.py

# The long versions of the hardening checks (about 35 minutes on 2 cores): property tests with
# many random examples, the readers fuzzed for 10 minutes, the figures of the hostile corpus,
# SIGKILL of an ingest at 20 random points per kind of ingest, the server under 50 clients for
# 30 s during an ingest, and schemathesis with many more examples per endpoint.
SOAK_FUZZ_SECONDS ?= 600
soak: $(STAMP)
	$(BIN)/python benchmarks/hostile.py --scale soak
	@mkdir -p out/fuzz
	@if $(BIN)/python -c "import atheris" 2>/dev/null; then \
		$(BIN)/python tests/fuzz/fuzz_readers.py -max_total_time=$(SOAK_FUZZ_SECONDS) -timeout=60 \
			-rss_limit_mb=4096 -artifact_prefix=out/fuzz/ -print_final_stats=1 out/fuzz/corpus; \
	else echo "soak: atheris is not installed here; the readers are fuzzed by hypothesis below"; fi
	EVENTWIRE_SOAK=1 $(BIN)/python -m pytest tests/ingest/test_properties.py \
		tests/verbs/test_coder_properties.py tests/fuzz/test_fuzz.py -k "not coverage_guided"
	EVENTWIRE_CRASH_SEEDS=20 $(BIN)/python -m pytest tests/store/test_crash.py
	$(BIN)/python benchmarks/serve_soak.py
	EVENTWIRE_FUZZ_EXAMPLES=300 $(BIN)/python -m pytest tests/web/test_openapi_fuzz.py

clean:
	rm -rf $(VENV) build *.egg-info eventwire.duckdb eventwire.duckdb.* .hypothesis
