# Two commands on a fresh machine: `make demo` and `make test`. Everything else is set up here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED_GOLD := ../shared/data/gold

.PHONY: demo test soak eval bench bench-scale install clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire demo

test: $(STAMP)
	$(BIN)/python -m pytest

# the long versions of the fault tests: SIGKILL of an ingest at 20 random points per kind of ingest
soak: $(STAMP)
	EVENTWIRE_CRASH_SEEDS=20 $(BIN)/python -m pytest tests/store/test_crash.py

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

bench: $(STAMP) bench-scale
	$(BIN)/python benchmarks/run.py --rounds 5

# ingest on 1, 2, 4, ... Dask workers up to the machine's cores, beside spaCy's n_process
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale_bench.py

clean:
	rm -rf $(VENV) build *.egg-info eventwire.duckdb
