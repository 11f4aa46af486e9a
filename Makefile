# Two commands on a fresh machine with Python 3.11+:
#   make run    set up, migrate, load demo data, serve http://127.0.0.1:8000 (SQLite)
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: install run test lint messages

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "IFN Directory needs Python 3.11 or newer.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

# Refresh the translation catalogues (needs GNU gettext), then translate the
# new entries in locale/id/LC_MESSAGES/django.po and run it again.
MAKEMESSAGES := DEBUG=true $(BIN)/python manage.py makemessages --no-obsolete --add-location file \
	--ignore=.venv --ignore=staticfiles --ignore=media --ignore=static/vendor
messages: install
	$(MAKEMESSAGES) -l id -l en
	$(BIN)/python scripts/fill_english_catalogue.py
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv
