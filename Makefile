# The README's two commands are `make demo` and `make test`; both start with `make setup`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
# Cut ncclient's 100 ms polling in the processes we own (the .pth written by setup reads this).
export NCCLIENT_TICK ?= 0.005

.PHONY: setup demo test test-unit test-emulator test-playbooks sanity bench clean

setup:
	@$(PYTHON) tools/bootstrap.py

demo: setup
	@$(BIN)/python tools/demo.py

test: setup test-unit test-emulator test-playbooks sanity
	@echo "make test: all layers passed"

test-unit: setup
	$(BIN)/pytest tests/unit

test-emulator: setup
	$(BIN)/pytest tests/emulator

test-playbooks: setup
	$(BIN)/pytest tests/playbooks

sanity: setup
	@$(BIN)/python tools/sanity.py

clean:
	rm -rf $(VENV) .cache tests/output .mxsim .demo
