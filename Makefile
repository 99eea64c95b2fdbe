# Two commands do everything on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-unit test-web test-browser test-docs screenshots check-screenshots new-walkthrough sheets docs site bench lint clean chromium postgres nginx lock upgrade

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs honour requirements.lock (exact versions: the captures depend on Faker's data).
$(VENV)/.stamp-run: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q -c requirements.lock -e '.[test]'
	touch $@ $(VENV)/.stamp-run

## lock: refresh requirements.lock from the newest versions pyproject.toml allows
lock: | $(BIN)/python
	$(BIN)/pip install -q -U -e '.[test]'
	{ echo "# Exact versions for make serve / make test (captures depend on Faker's data and the fonts)."; \
	  echo "# Refresh with: make lock"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^bac-a-sable'; } > requirements.lock
	touch $(VENV)/.stamp-test $(VENV)/.stamp-run

## upgrade: create or upgrade the database schema (serve does it too)
upgrade: $(VENV)/.stamp-run
	$(BIN)/python -m simulator upgrade

GUIDE_SOURCES := mkdocs.yml simulator/static/favicon.svg $(shell find docs -type f 2>/dev/null)

# The guide `serve` shows leads back to the sandbox that serves it, on the same origin
# (SIM_GUIDE_IN_SANDBOX=1, see docs/overrides/hooks/sandbox.py); one built by `make site` has
# no such links. The hook records in site/.bac-a-sable how site/ was built: rebuild when it
# was built another way.
ifneq ($(shell cat site/.bac-a-sable 2>/dev/null),/)
.PHONY: site/index.html
endif
site/index.html: $(VENV)/.stamp-run $(GUIDE_SOURCES)
	SIM_GUIDE_IN_SANDBOX=1 $(BIN)/mkdocs build --strict --quiet

## serve: install (Chromium too: record mode makes its sheets with it), build the guide when stale, start the simulator on http://127.0.0.1:5000
serve: $(VENV)/.stamp-run site/index.html chromium
	$(BIN)/python -m simulator serve

## chromium: a browser for Playwright: Debian's chromium-headless-shell (what the replays and
## the tests launch: the same engine as chromium, same pixels, a fifth less work) and chromium,
## when root with apt; else the chromium already there; else Playwright's
chromium: $(VENV)/.stamp-run
	@if [ -x /usr/bin/chromium-headless-shell ]; then echo "Chromium: /usr/bin/chromium-headless-shell"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  export DEBIAN_FRONTEND=noninteractive; apt-get update -q && \
	  apt-get install -y -q --no-install-recommends chromium chromium-headless-shell fonts-liberation fonts-dejavu-core; \
	elif [ -x /usr/bin/chromium ]; then echo "Chromium: /usr/bin/chromium"; \
	else $(BIN)/python -m playwright install chromium; fi

## postgres: Debian's PostgreSQL server binaries, for the tests that run on PostgreSQL
postgres:
	@if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then echo "PostgreSQL: $$(ls -d /usr/lib/postgresql/*/bin | tail -1)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q --no-install-recommends postgresql; \
	else echo "PostgreSQL server missing: install your distribution's postgresql package" >&2; exit 1; fi

## nginx: Debian's nginx, for the test that plays a class through a load balancer
nginx:
	@if [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1; then echo "nginx: $$(command -v nginx || echo /usr/sbin/nginx)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q --no-install-recommends nginx; \
	else echo "nginx missing: install your distribution's nginx package" >&2; exit 1; fi

## test: every test (unit, web, browser, PostgreSQL, nginx, walkthrough captures, guide build)
test: $(VENV)/.stamp-test chromium postgres nginx
	$(BIN)/ruff check simulator walkthroughs tests docs/overrides
	$(BIN)/ruff format --check simulator walkthroughs tests docs/overrides
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadgroup --durations=20 tests

test-unit: $(VENV)/.stamp-test
	$(BIN)/python -m pytest tests/unit
test-web: $(VENV)/.stamp-test
	$(BIN)/python -m pytest tests/web
test-browser: $(VENV)/.stamp-test chromium
	$(BIN)/python -m pytest tests/e2e
test-docs: $(VENV)/.stamp-test chromium
	$(BIN)/python -m pytest tests/docs

## screenshots: regenerate every walkthrough's captures and step text under docs/captures/
screenshots: $(VENV)/.stamp-run chromium
	$(BIN)/python -m walkthroughs

## check-screenshots: fail when a committed capture no longer matches the screen
check-screenshots: $(VENV)/.stamp-run chromium
	$(BIN)/python -m walkthroughs --check

## new-walkthrough: replay a recorded walkthrough (FILE=path.yaml): captures, step text, guide line
new-walkthrough: $(VENV)/.stamp-run chromium
	@test -n "$(FILE)" || { echo "Usage : make new-walkthrough FILE=chemin/du/parcours.yaml" >&2; exit 2; }
	$(BIN)/python -m walkthroughs new "$(FILE)"

## sheets: printable A4 procedure sheets (PDF) into sheets/
sheets: $(VENV)/.stamp-run chromium
	$(BIN)/python -m walkthroughs --pdf sheets

## docs: the guide with live reload on http://127.0.0.1:8000
docs: $(VENV)/.stamp-run
	$(BIN)/mkdocs serve

## site: the guide built alone into site/ (« Essayer » buttons to SIM_PUBLIC_URL if set, else none)
site: $(VENV)/.stamp-run
	$(BIN)/mkdocs build --strict --quiet

## bench: timing goals (never in tests)
bench: $(VENV)/.stamp-test
	$(BIN)/python -m tests.bench

lint: $(VENV)/.stamp-test
	$(BIN)/ruff check simulator walkthroughs tests docs/overrides
	$(BIN)/ruff format --check simulator walkthroughs tests docs/overrides

clean:
	rm -rf $(VENV) site sheets instance .pytest_cache walkthrough-diff *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
