# Everything installs into .venv inside the repo; nothing global.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench eval clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[model,dev,web,eval,dask]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/dateline demo --db dateline.db --json dateline-export.json
	@echo
	@echo "Open the interface on the example corpus:"
	@echo "  $(BIN)/dateline serve --db dateline.db    # then browse http://127.0.0.1:8000/"

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) dateline.db dateline-export.json .pytest_cache
