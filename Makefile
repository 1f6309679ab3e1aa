# The README's two commands are `make demo` and `make test`; both start with `make setup`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
# Cut ncclient's 100 ms polling in the processes we own (the .pth written by setup reads this).
export NCCLIENT_TICK ?= 0.005
# pytest workers; every worker starts its own emulator on free ports.
JOBS ?= 2

.PHONY: setup demo test test-unit test-emulator test-playbooks sanity bench lint docs package package-check changelog clean

setup:
	@$(PYTHON) tools/bootstrap.py

# DEMO_PORT=N runs the emulated pair on 127.0.0.1:N and N+1 (default: the first free pair from 18300).
demo: setup
	@$(BIN)/python tools/demo.py $(if $(DEMO_PORT),--base-port $(DEMO_PORT))

# Every layer: ansible-test sanity on a copy of the collection, then one pytest run over
# tests/unit (pure), tests/emulator (live NETCONF server) and tests/playbooks (ansible-playbook).
test: setup
	$(BIN)/python tools/sanity.py
	$(BIN)/pytest -n $(JOBS) tests

test-unit: setup
	$(BIN)/pytest -n $(JOBS) tests/unit

test-emulator: setup
	$(BIN)/pytest -n $(JOBS) tests/emulator

test-playbooks: setup
	$(BIN)/pytest -n $(JOBS) tests/playbooks

sanity: setup
	$(BIN)/python tools/sanity.py

# Each benchmark (tools/bench/bench_*.py): engine, validation, deploy (redundancy_config vs junos_config), and
# the one-pair jobs with each Junos netconf plugin (bench_network_os.py runs without make's NCCLIENT_TICK).
bench: setup
	@for b in tools/bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lint: setup
	$(BIN)/ansible-lint --offline
	$(BIN)/python tools/changelog.py lint

docs: setup
	$(BIN)/python tools/gen_plugin_docs.py

package: setup
	$(BIN)/ansible-galaxy collection build --force --output-path dist

package-check: setup
	$(BIN)/python tools/package_check.py

changelog: setup
	$(BIN)/python tools/changelog.py preview

clean:
	rm -rf $(VENV) .cache tests/output .mxsim .demo dist docs/plugins context
