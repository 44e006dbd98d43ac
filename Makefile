# Portale Diaspore & Cooperazione — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Production-like variables for `check --deploy`: a throwaway key, never used to serve.
DEPLOY_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=deploy-check-$$(openssl rand -hex 32 2>/dev/null || date +%s%N | sha256sum | cut -c1-64) DJANGO_ALLOWED_HOSTS=portale.example.org

.DEFAULT_GOAL := help
.PHONY: help install install-dev makemessages messages migrate seed run test lint format check-deploy pytest e2e worker beat serve bench clean backup restore scan faults

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the runtime dependencies

install-dev: $(VENV)/.installed-dev ## Install runtime + test/lint dependencies

messages: $(VENV)/.installed ## Compile the it/en message catalogues
	DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore=.venv -v 0

OBJECTIVE_APPS := training forum twinning funding networks business_table programme privacy
MAKEMESSAGES := makemessages -l it -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=static

makemessages: $(VENV)/.installed ## Extract strings: the core catalogue in locale/, one per objective app in <app>/locale/
	DJANGO_DEBUG=1 $(MANAGE) $(MAKEMESSAGES) $(addprefix --ignore=,$(OBJECTIVE_APPS)) -v 0
	for app in $(OBJECTIVE_APPS); do mkdir -p $$app/locale && (cd $$app && DJANGO_DEBUG=1 ../$(PY) ../manage.py $(MAKEMESSAGES) -v 0); done

migrate: $(VENV)/.installed ## Apply database migrations
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput -v 0

seed: migrate ## Load the demo data (idempotent)
	DJANGO_DEBUG=1 $(MANAGE) seed_demo

run: install messages seed ## Run the portal with demo data on http://127.0.0.1:8000 (SQLite, Celery eager)
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

lint: install-dev ## ruff check + format check, migrations complete
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

format: install-dev ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: install ## Django's deployment checklist with production settings
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING

pytest: install-dev messages ## Run the test suite (unit, integration, browser)
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

test: lint check-deploy pytest ## Everything CI runs

worker: install ## Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A mondinsieme worker -l info -Q mondinsieme

beat: install ## Celery beat with the database scheduler (needs REDIS_URL)
	$(VENV)/bin/celery -A mondinsieme beat -l info

serve: install ## Production-style server: collectstatic + gunicorn
	$(MANAGE) collectstatic --noinput -v 0
	BIND=$${BIND:-127.0.0.1:8000} $(VENV)/bin/gunicorn mondinsieme.wsgi --config gunicorn.conf.py

bench: install ## Benchmarks on throwaway PostgreSQL databases (PostgreSQL and Redis on loopback)
	$(PY) bench/run.py $(BENCH_ARGS) && $(PY) bench/signing_rush.py && $(PY) bench/pdf.py

backup: install ## Dump the PostgreSQL database to backups/<db>-<UTC time>.dump (pg_dump -Fc)
	$(PY) scripts/backup.py dump

restore: install ## Replace the database with a dump: make restore FILE=backups/x.dump YES=1
	@test -n "$(FILE)" || { echo "Which backup? make restore FILE=backups/<name>.dump YES=1"; exit 1; }
	$(PY) scripts/backup.py restore "$(FILE)" $(if $(YES),--yes)

scan: install-dev ## Security scans against a local server with demo data: bandit, wapiti3, sqlmap
	$(PY) scripts/scan.py

faults: install-dev ## Fault scripts: worker SIGKILL, Redis down, PostgreSQL restart (private services)
	$(PY) scripts/faults/worker_kill.py && $(PY) scripts/faults/redis_down.py && $(PY) scripts/faults/postgres_restart.py

clean: ## Remove the virtualenv, caches and the SQLite database
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles .test-media db.sqlite3
