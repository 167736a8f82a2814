# segrules: set up, demonstrate and test. Needs python3 (with venv and pip) and make.
#
#   make demo         check, test, sample and decide every shipped ruleset
#   make test         run the test suite
#   make bench        the peer benchmark (installs the optional `bench` extra)
#   make bench-quick  a smoke run of the benchmark; writes nothing
#   make bench-verify verification time against answer-space size, against brute force; exact
#                     counting time beside proving time (shipped models, diffs up to 10^12)
#   make bench-load   load time of every shipped ruleset
#   make bench-record what decide + a decision record costs, against the hand-written function
#   make bench-serve  the decision service against a minimal app; a reload under load
#   make bench-report segrules report with its suppression audit on 10M records, against its counting
#   make test-attack  the suppression's attacker over 1000 random populations
#   make wheel-check  build the wheel, install it outside the checkout, verify the shipped models
#   make verify-determinism  segrules verify on every shipped model and shape: the same JSON alone,
#                     beside two CPU-bound processes and under another hash seed
#   make fuzz-verify  a long differential run of the verifier's methods (FUZZ_EXAMPLES, default 2000),
#                     and the exact counts against enumeration, shipped models up to 400 000 answer sets too
#   make fuzz-backends every back end against the reference evaluator (FUZZ_RECORDS, default 1000000)
#   make bench-spark  segrules batch on Spark in local mode against DuckDB, 10M records
#   make test-spark   the generated SQL and segrules batch on Apache Spark, local and on a loopback cluster (installs the `spark` extra)
#   make clean        remove the virtual environment and build leftovers

PYTHON3 ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SEGRULES := $(VENV)/bin/segrules
# Reinstall only when pyproject.toml changes (the install is editable, so code changes need none).
STAMP := $(VENV)/.installed
# Every optional part, so that the demo and the tests run all of segrules: the SMT prover,
# the service, SQL and batch runs, FHIR, the fast record text (orjson).
EXTRAS := test,verify,serve,sql,fhir,fast
BENCH_STAMP := $(VENV)/.installed-bench
SPARK_STAMP := $(VENV)/.installed-spark

# Every shipped ruleset; crosswalk.yaml maps segments between regions and is not a ruleset.
RULESETS := $(shell find rulesets -name '*.yaml' ! -name crosswalk.yaml 2>/dev/null | LC_ALL=C sort)

# Proofs in the demo: `yes` (default) runs `segrules verify` on each ruleset and fails the
# demo unless every ruleset is proven; `no` skips the proofs.
VERIFY ?= yes

.PHONY: verify-determinism demo test test-spark test-attack java postgresql chromium wheel-check bench bench-quick bench-verify bench-load bench-batch bench-batch-10m bench-spark bench-report bench-record bench-serve fuzz-verify fuzz-backends clean

$(PY):
	$(PYTHON3) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -qq --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -qq --disable-pip-version-check -e '.[$(EXTRAS)]'
	touch $@

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install -qq --disable-pip-version-check -e '.[$(EXTRAS),bench]'
	touch $@

$(SPARK_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install -qq --disable-pip-version-check -e '.[$(EXTRAS),spark]'
	touch $@

demo: $(STAMP)
	@test -n "$(RULESETS)" || { echo "demo: no rulesets found under rulesets/" >&2; exit 1; }
	@set -e; \
	verify="$(VERIFY)"; \
	if [ "$$verify" = auto ]; then \
	  if $(SEGRULES) verify --help >/dev/null 2>&1; then verify=yes; else verify=no; fi; \
	fi; \
	for rs in $(RULESETS); do \
	  echo; echo "=== $$rs"; \
	  echo "--- segrules check $$rs"; \
	  $(SEGRULES) check $$rs || { echo "demo: $$rs does not load; see the problems above" >&2; exit 1; }; \
	  echo "--- segrules test $$rs"; \
	  $(SEGRULES) test $$rs; \
	  echo "--- segrules sample $$rs --count 3 --seed 1"; \
	  $(SEGRULES) sample $$rs --count 3 --seed 1; \
	  echo "--- the first sampled answer set: segrules decide $$rs --answers -"; \
	  answers=$$($(SEGRULES) sample $$rs --count 1 --seed 1); \
	  echo "$$answers" | $(SEGRULES) decide $$rs --answers -; \
	  if [ "$$verify" = yes ]; then \
	    echo "--- segrules verify $$rs"; \
	    $(SEGRULES) verify $$rs; \
	  fi; \
	done; \
	echo; echo "=== a population run: 1000 synthetic records, segrules batch on DuckDB, segrules report"; \
	$(SEGRULES) sample rulesets/helsinki/suuntima.yaml --count 1000 --seed 1 --key record_id \
	  > $(VENV)/demo-population.jsonl; \
	$(SEGRULES) batch rulesets/helsinki/suuntima.yaml --input $(VENV)/demo-population.jsonl \
	  --output $(VENV)/demo-result.parquet --carry battery; \
	$(SEGRULES) report rulesets/helsinki/suuntima.yaml --input $(VENV)/demo-result.parquet --by battery \
	  --html $(VENV)/demo-report.html; \
	echo; \
	if [ "$$verify" = yes ]; then \
	  echo "demo: all $(words $(RULESETS)) rulesets checked, tested, run and verified"; \
	else \
	  echo "demo: all $(words $(RULESETS)) rulesets checked, tested and run; segrules verify was not run (VERIFY=$(VERIFY))"; \
	fi

# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

test: $(STAMP) postgresql chromium
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The SQL tests start a throwaway PostgreSQL server from Debian's postgresql package: install it
# when it is missing and we may (root with apt-get); otherwise those tests say why they skip.
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing Debian's postgresql package for the SQL tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else \
	    echo "make: PostgreSQL is not installed and cannot be installed here (needs root and apt-get);" \
	         "the PostgreSQL tests will be skipped" >&2; \
	  fi; \
	fi

# The workbench's browser tests drive Debian's headless Chromium through its chromedriver
# (never a downloaded browser): install them when missing and we may (root with apt-get);
# otherwise those tests say why they skip.
chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing Debian's chromium and chromium-driver for the workbench's browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else \
	    echo "make: Chromium is not installed and cannot be installed here (needs root and apt-get);" \
	         "the workbench's browser tests will be skipped" >&2; \
	  fi; \
	fi

# The differential tests on Apache Spark (pyspark in local mode, bound to 127.0.0.1): every
# shipped ruleset and generated rulesets; not part of `make test` (pyspark is heavy and slow).
test-spark: $(SPARK_STAMP) java
	$(PY) -m pytest -m spark -rs $(PYTEST_ARGS)

# Spark runs on Java 17 or later: install Debian's runtime when there is no java and we may
# (root with apt-get); otherwise the Spark tests say why they skip.
java:
	@if ! command -v java >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing Debian's openjdk-17-jre-headless for the Spark tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
	  else \
	    echo "make: Java is not installed and cannot be installed here (needs root and apt-get);" \
	         "the Spark tests will be skipped" >&2; \
	  fi; \
	fi

# Peer benchmark: installs the peer engines (the `bench` extra) first.
# Writes benchmarks/results/peers.json and the table in docs/performance.md.
bench: $(BENCH_STAMP)
	$(PY) benchmarks/peers.py

# Smoke run with small batches; writes nothing.
bench-quick: $(BENCH_STAMP)
	$(PY) benchmarks/peers.py --quick

# Verification scaling: writes benchmarks/results/verify_scaling.json.
bench-verify: $(STAMP)
	$(PY) benchmarks/verify_scaling.py
	$(PY) benchmarks/counting.py

# Population runs on 1M synthetic records: segrules batch (DuckDB) against a DuckDB query
# written by hand for Suuntima (the goal: within 1.5x; both checked to agree on every record
# first), segrules report, and batch --engine postgres on a throwaway server, beside the
# Python engine's loop, in the same rounds; writes benchmarks/results/batch-1000000.json.
bench-batch: $(STAMP) postgresql
	$(PY) benchmarks/batch.py --rows 1000000 --rounds 3 --postgres

# The same on 10M records, DuckDB and the hand-written query only (about 5 minutes, most of it
# the Python loop's rounds); writes benchmarks/results/batch-10000000.json.
bench-batch-10m: $(STAMP)
	$(PY) benchmarks/batch.py --rows 10000000 --rounds 3

# segrules batch --engine spark in local mode against DuckDB on 10M records (SPARK_ROWS), in
# the same rounds (installs the `spark` extra and a Java runtime where it can)
SPARK_ROWS ?= 10000000
bench-spark: $(SPARK_STAMP) java
	$(PY) benchmarks/batch.py --rows $(SPARK_ROWS) --rounds 1 --no-python --spark

# segrules report on 10M synthetic records with --by a column of 20 values (3 of them small):
# the report with its suppression audit against its counting alone, in paired rounds;
# writes benchmarks/results/report-10000000.json.
bench-report: $(STAMP)
	$(PY) benchmarks/report.py --rows 10000000 --rounds 3

# The suppression's attacker over many more random populations than `make test` draws.
test-attack: $(STAMP)
	SEGRULES_ATTACK_EXAMPLES=1000 $(PY) -m pytest -q tests/population/test_suppress.py $(PYTEST_ARGS)

bench-load: $(STAMP)
	$(PY) benchmarks/load_time.py

# Writes benchmarks/results/record.json and the table in docs/decision-record.md.
bench-record: $(STAMP)
	$(PY) benchmarks/record.py

# The decision service on loopback: writes benchmarks/results/serve.json and the table in docs/service.md.
bench-serve: $(STAMP)
	$(PY) benchmarks/serve.py

wheel-check: $(STAMP)
	bash .ci/wheel-check

# The SMT prover, the structural method and enumeration against each other on random rulesets,
# with fresh random examples each run; Hypothesis prints how many ran and every distinct failure.
FUZZ_EXAMPLES ?= 2000
fuzz-verify: $(STAMP)
	SEGRULES_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) HYPOTHESIS_PROFILE=dev $(PY) -m pytest tests/verify/test_differential.py \
	  tests/verify/test_counting.py -p no:randomly --hypothesis-show-statistics $(PYTEST_ARGS)

# Every back end against the reference evaluator: generated rulesets (chains of asked_when,
# numbers beyond 64 bits, awkward texts) and populations of FUZZ_RECORDS records through
# segment_of, decide, the SQL on DuckDB and PostgreSQL and the service, with fresh random
# examples each run; prints the records, comparisons, differences and time (about 25 minutes
# for a million records). Spark: make test-spark.
FUZZ_RECORDS ?= 1000000
fuzz-backends: $(STAMP) postgresql
	SEGRULES_FUZZ_RECORDS=$(FUZZ_RECORDS) HYPOTHESIS_PROFILE=dev $(PY) -m pytest \
	  tests/sql/test_backends_differential.py::test_long_run -p no:randomly -s $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
	find . -name '*.egg-info' -prune -exec rm -rf {} +
	find . -name __pycache__ -prune -exec rm -rf {} +

# The full sweep of tests/verify/test_determinism.py (the suite runs a sample of it).
verify-determinism: $(STAMP)
	SEGRULES_DETERMINISM=all $(PY) -m pytest -q -p no:randomly tests/verify/test_determinism.py
