# Coproduce: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
PYENV_PYTHON := $(HOME)/.pyenv/versions/$(PYTHON_VERSION)/bin/python
PYTHON_BIN := $(shell if [ -x $(PYENV_PYTHON) ]; then echo $(PYENV_PYTHON); else command -v python$(basename $(PYTHON_VERSION)) || command -v python3; fi)
UV_VERSION := 0.13.8
UV := .bootstrap/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the server really answers on, for the printed sign-in link and for emails
# (`PORT=8010 make run` prints and sends http://127.0.0.1:8010/...).
SITE_URL ?= http://$(HOST):$(PORT)

# A key for `make serve` on this machine only, kept under data/ (ignored by git).
LOCAL_SECRET_KEY := data/local-secret-key

.PHONY: run serve test system-packages lint deps deps-dev assets translations messages migrate demo screenshots bench bench-voice clean format

$(UV):
	$(PYTHON_BIN) -m venv .bootstrap
	.bootstrap/bin/pip install --quiet uv==$(UV_VERSION)

deps: $(UV)
	$(UV) sync --frozen --no-dev --python $(PYTHON_BIN) --quiet

deps-dev: $(UV)
	$(UV) sync --frozen --python $(PYTHON_BIN) --quiet

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json
	npm run --silent build

# Welsh (and any later language): compile the .po catalogues to .mo with Babel (pure Python,
# no gettext needed). The .mo files are build output, ignored by git. Needs the venv: run it
# after deps or deps-dev.
translations:
	$(VENV)/bin/pybabel -q compile -d coproduce/locale -D django

# Extract every interface string (Python and Jinja2) and update the catalogues.
messages:
	$(VENV)/bin/pybabel -q extract -F coproduce/locale/babel.cfg --no-wrap --sort-by-file \
	  -k gettext_lazy -k ngettext_lazy:1,2 -k pgettext_lazy:1c,2 -k npgettext_lazy:1c,2,3 -k gettext_now \
	  --project Coproduce -o coproduce/locale/django.pot .
	$(VENV)/bin/pybabel -q update -i coproduce/locale/django.pot -d coproduce/locale -D django \
	  --no-wrap --previous
	rm coproduce/locale/django.pot

migrate:
	DEBUG=1 $(PY) manage.py migrate --no-input -v0

demo:
	DEBUG=1 $(PY) manage.py demo --size small --if-empty

run: deps assets translations migrate demo
	@echo "Starting the task worker and the web server on http://$(HOST):$(PORT)/ (Ctrl+C stops both)"
	@DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py demo --print-sign-ins
	@trap 'kill 0' EXIT INT TERM; \
	  DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py db_worker --queue-name default & \
	  DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# Production mode on this machine: DEBUG off, hashed and compressed static files, gunicorn
# and a task worker, as docs/deploy.md describes (plain HTTP here, so no HTTPS redirect).
serve: deps assets translations
	@mkdir -p data
	@test -s $(LOCAL_SECRET_KEY) || $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > $(LOCAL_SECRET_KEY)
	@set -e; export SECRET_KEY="$${SECRET_KEY:-$$(cat $(LOCAL_SECRET_KEY))}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SECURE_SSL_REDIRECT=0 \
	  SITE_URL="$(SITE_URL)"; \
	  $(PY) manage.py collectstatic --no-input -v0; \
	  $(PY) manage.py migrate --no-input -v0; \
	  $(PY) manage.py demo --size small --if-empty; \
	  echo "Serving in production mode on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"; \
	  trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker --queue-name default & \
	  $(VENV)/bin/gunicorn -c gunicorn.conf.py coproduce.wsgi:application --bind $(HOST):$(PORT) \
	    --workers $${WEB_CONCURRENCY:-2} --access-logfile -

lint: deps-dev
	$(VENV)/bin/ruff check coproduce tests bench conftest.py
	$(VENV)/bin/ruff format --check coproduce tests bench conftest.py
	$(VENV)/bin/mypy coproduce
	$(VENV)/bin/djlint coproduce --lint --quiet
	$(PY) tools/lint_scoping.py
	$(VENV)/bin/lint-imports

format: deps-dev
	$(VENV)/bin/ruff check --fix coproduce tests bench conftest.py
	$(VENV)/bin/ruff format coproduce tests bench conftest.py

# Debian's chromium and Pango, installed when we are root (tools/system_packages.sh).
system-packages:
	@tools/system_packages.sh

# One pytest worker per core (pytest-xdist), each with its own test database and media
# folder; `PYTEST_WORKERS=0 make test` runs in one process.
PYTEST_WORKERS ?= auto
test: system-packages deps-dev assets translations lint
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

screenshots: deps-dev assets translations
	$(PY) -m pytest -q tests/browser/test_screenshots.py --screenshots

# Benchmarks on the large demo data in PostgreSQL (see bench/README.md).
bench: deps-dev assets translations
	$(PY) bench/demo_load.py
	$(PY) bench/matching.py
	$(PY) bench/pages.py
	$(PY) bench/voice.py

# Votes through gunicorn: answers a second, none lost or counted twice, the results page.
bench-voice: deps-dev assets translations
	$(PY) bench/voice.py

clean:
	rm -rf .venv .bootstrap node_modules coproduce/static/app staticfiles coproduce/locale/*/LC_MESSAGES/*.mo
