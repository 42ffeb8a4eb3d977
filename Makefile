# LocalAction — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install demo demo-real bench bench-serve wrk clean browser screenshots messages messages-check catalogues

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Compiled catalogues (.mo) are built here, never committed; msgfmt comes from gettext (installed when root).
install: $(STAMP) catalogues

# Compiling the catalogues takes a second, so every target that serves or tests pages does it afresh.
catalogues: $(STAMP)
	@if ! command -v msgfmt >/dev/null && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; fi
	cd src/localaction && ../../$(BIN)/django-admin compilemessages --settings=localaction.site.settings \
	  --pythonpath=.. >/dev/null

PORT ?= 8000

# The PDF reports need Debian's chromium too (installed when missing and root, as for the tests).
run: $(STAMP) catalogues browser
	$(BIN)/localaction serve --host 127.0.0.1 --port $(PORT) --check-port
	$(BIN)/localaction demo
	$(BIN)/localaction serve --host 127.0.0.1 --port $(PORT)

demo: $(STAMP)
	$(BIN)/localaction demo

# The demo plus the real CDP open data (self-reported city-wide totals, 2016-2019) from ../shared/data.
demo-real: $(STAMP)
	$(BIN)/localaction demo
	@if [ -d ../shared/data/inventories ]; then \
	  $(BIN)/localaction import cdp ../shared/data/inventories/cdp_cities_citywide_emissions_*.csv; \
	else echo "../shared/data not found: skipping the real CDP data"; fi

# Browser tests and PDF reports drive Debian's chromium (Playwright cannot download browsers here); the PDF
# tests read pages back with poppler-utils; Chinese, Korean and Japanese pages and PDFs need the Noto CJK
# fonts (fonts-noto-cjk, named by the stylesheet). Installed when missing and root.
browser:
	@if { [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null; } && [ "$$(id -u)" = "0" ] \
	    && command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium and poppler-utils for the browser and PDF tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	fi
	@if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "installing the Noto CJK fonts (fonts-noto-cjk) for the zh/ko/ja pages and PDFs"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	fi

test: $(STAMP) catalogues browser
	$(BIN)/python -m pytest -q -n 2
	$(BIN)/localaction manage makemigrations --check --dry-run
	@if [ -n "$$LOCALACTION_TEST_DATABASE_URL" ]; then \
	  echo "database tests on PostgreSQL ($$LOCALACTION_TEST_DATABASE_URL)"; \
	  LOCALACTION_DATABASE_URL=$$LOCALACTION_TEST_DATABASE_URL $(BIN)/python -m pytest -q -n 2 \
	    tests/registry tests/faces/api; \
	else echo "LOCALACTION_TEST_DATABASE_URL is not set: the PostgreSQL run is skipped"; fi

# The catalogues too: a marked string missing from a .po, or an untranslated or fuzzy entry in any of the
# seven languages, fails lint (scripts/check_messages.py; `catalogues` installs gettext when missing).
lint: $(STAMP) catalogues
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/check_messages.py

# Refresh the pictures in docs/screenshots (the browser tests write to a temporary folder otherwise).
screenshots: $(STAMP) catalogues browser
	LOCALACTION_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -q tests/e2e

bench: $(STAMP)
	$(BIN)/python bench/inventory_bench.py
	$(BIN)/python bench/inventory_bench.py --distinct 10000 --per-inventory-region

# The serving benchmark (docs/benchmarks.md "Serving") drives the servers with Debian's wrk, installed when missing
# and root. Quick run: make bench-serve SERVE_BENCH="--seconds 3 --servers serve".
SERVE_BENCH ?=
bench-serve: $(STAMP) catalogues wrk
	$(BIN)/python bench/serve_bench.py $(SERVE_BENCH)

wrk:
	@if ! command -v wrk >/dev/null && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian's wrk for the serving benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

# Translations (docs/translating.md): extract marked strings for the seven languages; check them.
MESSAGE_LOCALES := -l es -l fr -l pt_BR -l de -l zh_Hans -l ko -l ja
messages: $(STAMP)
	cd src/localaction && ../../$(BIN)/django-admin makemessages $(MESSAGE_LOCALES) --no-location --no-obsolete \
	  --settings=localaction.site.settings --pythonpath=..

messages-check: $(STAMP)
	$(BIN)/python scripts/check_messages.py
