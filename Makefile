# Developer shortcuts; CI runs .ci/run.
PY ?= .venv/bin/python

.PHONY: check lint types test bench

check: lint types test

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

types:
	$(PY) -m mypy

test:
	$(PY) -m pytest -n 2

bench:
	$(PY) bench/run.py --quick
