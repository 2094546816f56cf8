# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make demo   -- offline demo on the bundled snapshots
#   make test   -- the whole test suite, offline
PYTHON ?= python3.11
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

VNU_JAR = $(VENV)/node/node_modules/vnu-jar/build/dist/vnu.jar
APT     = DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: demo test bench reliability install clean tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The site tests need Debian's Chromium, Java and the W3C Nu validator (npm vnu-jar);
# installed here when missing (as root, from Debian's packages and the npm registry).
tools:
	@test -x /usr/bin/chromium || { $(APT) update -qq && $(APT) install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null || { $(APT) update -qq && $(APT) install -y -qq default-jre-headless >/dev/null; }
	@command -v npm >/dev/null || { $(APT) update -qq && $(APT) install -y -qq npm >/dev/null; }
	@test -f $(VNU_JAR) || npm install --silent --no-audit --no-fund --prefix $(VENV)/node vnu-jar

demo: $(STAMP)
	$(PY) -m grantdigest demo

test: $(STAMP) tools
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
