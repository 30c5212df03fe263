# Passende Plek — the everyday commands. `make run` and `make test` are the contract.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
MANAGE  := $(PY) manage.py
PORT    ?= 8000
STAMP   := $(VENV)/.installed-$(shell cat requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: help install run test demo-code api-token e2e css lint format migrate seed messages clean bench bench-allocation bench-inzage loadtest

help:
	@echo "make run      start the portal with demo data on http://127.0.0.1:$(PORT)"
	@echo "make test     run the whole test suite (the browser tests included)"
	@echo "make e2e      only the browser tests: journeys and WCAG 2.1 AA checks in Chromium"
	@echo "make demo-code  the current second-step code of the demo professionals"
	@echo "make api-token  a new API key for the demo manager (EMAIL=... for another manager)"
	@echo "make install  create .venv and install the pinned dependencies"
	@echo "make css      rebuild static/css/portaal.min.css from ontwerp/ (needs Node and npm; the result is committed)"
	@echo "make lint     ruff (lint + format check), mypy and the import contract (lint-imports)"
	@echo "make bench    ranking benchmark on 10,000 homes (set DATABASE_URL to PostgreSQL)"
	@echo "make bench-allocation  joint allocation of 300 youths over 1,000 homes (in memory)"
	@echo "make bench-inzage  the access log pages with 1,000,000 entries (PostgreSQL, rolled back)"
	@echo "make loadtest simulated users (LOADTEST_USERS, default 30) for 60 s against gunicorn (DATABASE_URL: PostgreSQL)"

# Find Python >= 3.12: $(PYTHON) if given, else python3.13, python3.12, python3, else a
# pyenv-installed 3.12+ (pyenv shims refuse versions that are installed but not selected).
$(PY):
	@set -e; \
	ok() { "$$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }; \
	if [ -n "$(PYTHON)" ]; then \
	  ok "$(PYTHON)" || { echo "PYTHON=$(PYTHON) is not Python 3.12 or newer." >&2; exit 1; }; \
	  py="$(PYTHON)"; \
	else \
	  py=""; \
	  for c in python3.13 python3.12 python3 \
	           $$(ls -d "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	    if ok "$$c"; then py="$$c"; break; fi; \
	  done; \
	  [ -n "$$py" ] || { echo "No Python 3.12 or newer found. Install it, or run: make PYTHON=/path/to/python3.13 ..." >&2; exit 1; }; \
	fi; \
	echo "Creating $(VENV) with $$py ($$("$$py" -c 'import sys; print(sys.version.split()[0])'))"; \
	"$$py" -m venv $(VENV)

$(STAMP): $(PY) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

# The checkout's own settings (ignored by git), read by manage.py, celery and gunicorn, so
# every command in the README works without exporting anything: a development run (debug
# on, SQLite, tasks in-process) with a secret key of its own. Never overwritten.
.env: | $(PY)
	@sed "s|^DJANGO_SECRET_KEY=.*|DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')|" \
	  .env.example > .env
	@echo "Created .env from .env.example (local development settings; edit as you like)"

install: $(STAMP) .env

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

run: seed
	@echo "Passende Plek: http://127.0.0.1:$(PORT)  (demo password: passendeplek-demo)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The current code of the demo authenticator, for the demo professionals' second login step.
demo-code: install
	@$(MANAGE) demo_code

# A new provider API key for a manager (the demo manager by default); only the key on stdout.
api-token: install
	@$(MANAGE) api_token $(or $(EMAIL),beheerder@example.org)

# Uses PostgreSQL and Redis when they answer on their default ports (or DATABASE_URL and
# CELERY_BROKER_URL as given); the last line before the count names what was skipped.
test: install
	$(PY) -m tests.diensten

# Journeys and axe-core accessibility checks in the system Chromium (/usr/bin/chromium,
# Debian's `chromium` package; no browser is downloaded). Screenshots of failures: test-results/.
e2e: install
	$(PY) -m pytest -m e2e

# The stylesheet: NL Design System components (npm packages pinned in ontwerp/package-lock.json)
# with our theme (ontwerp/thema.css) and layout layer, bundled and minified by lightningcss into
# static/css/portaal.min.css, with the packages' licences in static/css/LICENTIES.txt. Only for
# whoever changes the theme or the versions: the built file is committed, run/test need no Node.
css:
	cd ontwerp && npm ci --no-audit --no-fund && npm run build

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Needs GNU gettext (apt-get install gettext); the compiled catalogue is committed.
messages: install
	$(MANAGE) makemessages --locale en --ignore '.venv/*' --ignore 'tests/*'
	$(MANAGE) compilemessages --locale en --ignore '.venv/*'

# Ranking of 10,000 synthetic homes on the database named by DATABASE_URL (PostgreSQL is
# what the targets are for), and the search page through the coordinator's two-step login;
# the homes are removed afterwards. Last line: one JSON object.
bench: install
	$(MANAGE) migrate --noinput
	$(MANAGE) bench_matching --homes 10000

# The placement table's joint allocation on 300 synthetic youths and 1,000 synthetic homes,
# built in memory (no database rows). Last line: one JSON object with seconds and gap.
bench-allocation: install
	$(MANAGE) bench_allocation --youths 300 --homes 1000

# The access log's pages with 1,000,000 synthetic entries added to the PostgreSQL database
# named by DATABASE_URL, inside one transaction that is rolled back. Last line: one JSON object.
bench-inzage: install
	$(MANAGE) migrate --noinput
	$(MANAGE) bench_inzage --entries 1000000

clean:
	rm -rf $(VENV) staticfiles

# The portal under load (a benchmark, not part of `make test`): migrates the PostgreSQL
# database named by DATABASE_URL, scales the demo data to 1,000 homes and 500 youths with an
# account for every simulated user, serves it with gunicorn (production settings) on
# 127.0.0.1 and drives LOADTEST_USERS (30) locust users for 60 s. Last line: one JSON object.
# See "Load test" in the README.
loadtest: install
	$(PY) -m loadtest.run
