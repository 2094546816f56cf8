# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make demo   -- offline demo on the bundled snapshots
#   make test   -- the whole test suite, offline
PYTHON ?= python3.11
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: demo test bench reliability install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) -m grantdigest demo

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m grantdigest.bench

# the fault suite's observed outcomes -> RELIABILITY.md (issue 8)
reliability: $(STAMP)
	rm -f out/reliability.jsonl
	GRANTDIGEST_RELIABILITY_OUT=$(CURDIR)/out/reliability.jsonl $(PY) -m pytest -q tests/test_faults_crawl.py \
		tests/test_faults_process.py tests/test_schedule_restart.py tests/test_hostile_content.py
	$(PY) -m grantdigest.ops.reliability out/reliability.jsonl RELIABILITY.md

clean:
	rm -rf $(VENV) out data .pytest_cache
