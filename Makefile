# Two commands for a fresh machine with Python 3.11+ and make:
#   make demo   - set up .venv, check a bundled sample, print where the reports went
#   make test   - set up .venv, run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out

.PHONY: demo test bench samples clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "planeval needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/planeval inspect samples/dxf/omsorg-55-aia.dxf --svg $(OUT)/omsorg-55-aia.svg
	@echo
	@echo "Demo output: $(abspath $(OUT))/omsorg-55-aia.svg"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench_inspect.py

samples: $(STAMP)
	$(BIN)/python samples/generate.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
