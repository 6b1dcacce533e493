# Two commands for a fresh machine with Python 3.11+ and make:
#   make demo   - set up .venv (planeval installed in .venv/bin/), check a bundled sample, print where the reports went
#   make test   - set up .venv, then ruff, mypy, the test suite with the package's doctests, and the samples' self-check
#   make sweep-demo - sweep the trial rule-set variants over the sample building (samples/building) -> out/sweep-demo.html
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out

.PHONY: demo test lint bench samples sweep-demo clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "planeval needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	@mkdir -p $(OUT)
	@# exit code 1 means "the plan has failing findings" - expected for this sample, not an error of the demo
	$(BIN)/planeval check samples/dxf/korttid-40-aia.dxf --rules tek17 --rules trial-doors-800 \
		--html $(OUT)/demo.html --json $(OUT)/demo.json --junit $(OUT)/demo.xml --md $(OUT)/demo.md --pdf $(OUT)/demo.pdf; \
		status=$$?; [ $$status -le 1 ] || exit $$status
	$(BIN)/planeval inspect samples/dxf/korttid-40-aia.dxf --svg $(OUT)/demo-inspect.svg > $(OUT)/demo-inspect.txt
	@echo
	@echo "Demo output in $(abspath $(OUT)):"
	@echo "  $(abspath $(OUT))/demo.html   <- open in a browser: the plan with every finding drawn"
	@echo "  $(abspath $(OUT))/demo.pdf    <- the printable report: a cover, then one page per dwelling unit"
	@echo "  $(abspath $(OUT))/demo.json, demo.xml (JUnit), demo.md, demo-inspect.svg, demo-inspect.txt"

# The research demo on the project's own building (46 units on 4 floors, samples/building): the bundled
# trial variants against TEK17, then TEK17 with two thresholds varied (their critical values per plan),
# into one DuckDB file, and the sweep report. A fresh store each time (a sweep would resume an old one).
SWEEP_DB := $(OUT)/sweep-demo.duckdb
sweep-demo: $(STAMP)
	@mkdir -p $(OUT)
	rm -f $(SWEEP_DB) $(SWEEP_DB).wal
	$(BIN)/planeval sweep samples/building --rules tek17 --rules trial-turning-1400 --rules trial-turning-1300 \
		--rules trial-doors-800 --out $(SWEEP_DB)
	$(BIN)/planeval sweep samples/building --rules tek17 --vary door-clear-width.entrance_min_mm=800,860 \
		--vary passage-width.width_mm=800,900 --out $(SWEEP_DB)
	$(BIN)/planeval sweep-report $(SWEEP_DB) --html $(OUT)/sweep-demo.html --md $(OUT)/sweep-demo.md
	@echo
	@echo "Sweep demo in $(abspath $(OUT)): sweep-demo.html (open in a browser), sweep-demo.md, sweep-demo.duckdb"

# pytest runs tests/ and the doctests of planeval/ (testpaths and --doctest-modules in pyproject.toml)
test: $(STAMP)
	$(BIN)/ruff check planeval tests samples bench
	$(BIN)/mypy planeval
	$(BIN)/python -m pytest -q
	$(BIN)/python samples/verify.py --quick

# the static checks of `make test` alone
lint: $(STAMP)
	$(BIN)/ruff check planeval tests samples bench
	$(BIN)/mypy planeval

bench: $(STAMP)
	$(BIN)/python bench/bench_inspect.py
	$(BIN)/python bench/bench_growth.py
	$(BIN)/python bench/bench_pdf.py

samples: $(STAMP)
	$(BIN)/python samples/generate.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis
