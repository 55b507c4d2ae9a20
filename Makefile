# The two commands from the README: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PG_URL := postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: setup run test test-fast e2e bench lint translations

setup:
	@bash scripts/setup.sh

run: setup
	@$(VENV)/bin/kohtaamo db upgrade
	@$(VENV)/bin/kohtaamo content sync-starter
	@$(VENV)/bin/kohtaamo demo --if-empty
	@bash scripts/run.sh

# Runs every test on SQLite, then the database tests again on PostgreSQL when it answers.
test: setup
	@bash scripts/test.sh

lint: setup
	@$(VENV)/bin/ruff check qa_app tests bench

bench: setup
	@$(PY) bench/grading_bench.py

translations: setup
	@$(VENV)/bin/pybabel extract -F babel.cfg -k _l -o qa_app/translations/messages.pot .
	@$(VENV)/bin/pybabel update -i qa_app/translations/messages.pot -d qa_app/translations
	@$(VENV)/bin/pybabel compile -d qa_app/translations
