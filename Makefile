# Two commands matter: `make run` and `make test`. Everything else is a step they need.
SHELL := /bin/bash
VENV ?= .venv
PYTHON := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask
export FLASK_APP := wsgi.py
TRANSLATIONS := register/translations
POSTGRES_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres install venv translations extract-messages update-messages db browser redis wrk lint bench clean

run: db ## set up everything and serve the demo site on http://127.0.0.1:5000
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install translations browser redis lint ## set up and run every test, browser tests included
	$(PYTHON) -m pytest

test-postgres: install translations redis ## the suite against PostgreSQL (browser tests run in `make test`)
	TEST_DATABASE_URL=$(POSTGRES_TEST_URL) $(PYTHON) -m pytest -m "not browser"

# Python 3.12 or newer. CPython 3.11.7 (this machine's default python3) crashes with a
# segmentation fault in its garbage collector under concurrent requests; see the README.
# Takes the first of python3.12, python3.13, python3 or a pyenv-installed 3.12+ that runs.
BASE_PYTHON ?= $(shell for candidate in python3.12 python3.13 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	"$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	&& { "$$candidate" -c 'import sys; print(sys.executable)'; break; }; done)

install: venv $(VENV)/.installed

# A virtual environment made by an older Python is made anew (its packages with it).
venv:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || { \
	  test -n "$(BASE_PYTHON)" || { echo "Python 3.12 or newer is needed" >&2; exit 1; }; \
	  rm -rf $(VENV) && $(BASE_PYTHON) -m venv $(VENV); }

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

translations: install ## compile the message catalogues
	$(VENV)/bin/pybabel compile -d $(TRANSLATIONS) --statistics
	$(VENV)/bin/pybabel compile -D flask_security -d $(TRANSLATIONS) --statistics

extract-messages: install ## refresh messages.pot and merge it into the catalogues
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output -w 100 -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching --ignore-obsolete -w 100

db: install translations ## migrate, load demo data when empty, build or catch up the index (once)
	$(FLASK) db upgrade
	$(FLASK) seed reference
	$(FLASK) seed demo --if-empty
	$(FLASK) search sync

browser: ## Debian's Chromium for the browser tests
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

redis: ## Debian's redis-server: the shared rate-limit tests start one on a private port
	@test -x /usr/bin/redis-server || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }

wrk: ## Debian's wrk for bench/wrk_mix.py
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: db wrk ## every figure of bench/RESULTS.md: search mix, seeding, PDF, signals, two servers, gunicorn under wrk, page weight
	$(PYTHON) bench/latency.py --count 1200
	$(PYTHON) bench/search_mix.py --count 10000 --reindex
	$(PYTHON) bench/seed.py --count 10000
	$(PYTHON) bench/pdf.py --questions 100 --runs 10
	$(PYTHON) bench/signals.py --count 10000
	$(PYTHON) bench/multiserver.py
	$(PYTHON) bench/wrk_mix.py --count 1200
	$(PYTHON) bench/page_weight.py --count 1200

clean:
	rm -rf $(VENV) instance .pytest_cache
