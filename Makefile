# Two commands on a fresh machine with Python 3.11+:
#   make run    set up, migrate, load demo data, serve http://127.0.0.1:8000 (SQLite)
#               with the task worker that sends the emails
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: install run test lint messages css bench reliability

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "IFN Directory needs Python 3.11 or newer.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# The task worker (it sends the emails) runs beside the server; Ctrl-C, or the
# server stopping, stops both.
ADDRESS ?= 127.0.0.1:8000
run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo
	@echo "Starting the task worker (manage.py db_worker) and the server at http://$(ADDRESS)/"
	@DEBUG=true $(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	stop() { pkill -TERM -P $$worker 2>/dev/null; kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null; exit; }; \
	trap stop EXIT INT TERM; \
	DEBUG=true $(BIN)/python manage.py runserver $(ADDRESS)

test: install
	$(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

# Refresh the translation catalogues (needs GNU gettext), then translate the
# new entries in locale/id/LC_MESSAGES/django.po and run it again.
MAKEMESSAGES := DEBUG=true $(BIN)/python manage.py makemessages --no-obsolete --add-location file \
	--ignore=.venv --ignore=staticfiles --ignore=media --ignore=static/vendor --ignore=scripts/css/node_modules
messages: install
	$(MAKEMESSAGES) -l id -l en
	$(BIN)/python scripts/fill_english_catalogue.py
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv

# Rebuild static/css/ifn.css from static/css/src/ (needs Node and npm; the
# built file is committed, so nothing else needs them).
css: install
	sh scripts/build_css.sh

# The national-scale benchmark (PostgreSQL at 127.0.0.1:5432; see docs/performance.md),
# e.g. make bench BENCH_ARGS="--listings 1000000 --db ifn_bench_1m".
bench: install
	$(BIN)/python -m bench run $(BENCH_ARGS)

# The fast load and fault checks on private PostgreSQL and Redis servers (docs/reliability.md).
reliability: install
	$(BIN)/python -m bench load --fast
	$(BIN)/python -m bench faults --fast
