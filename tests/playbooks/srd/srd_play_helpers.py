# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-playbook runs (subprocesses) of simulate, redundancy_state and primary_role.

``run(plays)`` writes the plays, runs them against the emulator's inventory with the test-only
``jsonl_results`` callback (tests/playbooks/callback_plugins) and returns every task
result. The emulator (mxsim.testing: shared per session, reset per test, CGNAT example pair
committed by ``srd_pair``, switchovers of 0.3 s) and its RPC log are the independent record of
what reached the devices.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from ansible_run import ansible_env
from mxsim.testing import fast_ncclient

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
ANSIBLE_PLAYBOOK = Path(sys.executable).parent / "ansible-playbook"
EXAMPLE = ROOT / "docs" / "examples" / "cgnat-pair.yml"
MX1, MX2 = "pair1-mx1", "pair1-mx2"

fast_ncclient()


@dataclass
class Run:
    rc: int
    output: str
    results: list

    def __getitem__(self, name: str) -> dict:
        """The result of the task called ``name`` (exactly one)."""
        found = [r for r in self.results if r["task"] == name]
        assert len(found) == 1, "task %r ran %d times:\n%s" % (name, len(found), self.output[-4000:])
        return found[0]["result"] | {"_status": found[0]["status"], "_host": found[0]["host"]}

    def by_host(self, name: str) -> dict:
        return {r["host"]: r["result"] | {"_status": r["status"]} for r in self.results if r["task"] == name}


def run_playbook(book: Path, inventory: str, tmp_path: Path, *args: str, env: dict | None = None) -> Run:
    results = tmp_path / "results.jsonl"
    if results.exists():
        results.unlink()
    environ = ansible_env(tmp_path, results, **(env or {}))
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", inventory, str(book), *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=600, check=False)
    lines = results.read_text().splitlines() if results.exists() else []
    return Run(proc.returncode, proc.stdout + proc.stderr, [json.loads(line) for line in lines])


def start_playbook(book: Path, inventory: str, tmp_path: Path, *args: str) -> tuple:
    """Start a run in the background (tests that act on the emulator while it runs): (Popen, finish)."""
    results = tmp_path / "results.jsonl"
    environ = ansible_env(tmp_path, results)
    proc = subprocess.Popen([str(ANSIBLE_PLAYBOOK), "-i", inventory, str(book), *args], cwd=ROOT, env=environ,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def finish() -> Run:
        out = proc.communicate(timeout=600)[0]
        lines = results.read_text().splitlines() if results.exists() else []
        return Run(proc.returncode, out, [json.loads(line) for line in lines])

    return proc, finish


def play(tasks: list, hosts: str = "localhost", **extra) -> dict:
    return {"name": "mxha.srd srd test", "hosts": hosts, "gather_facts": False, "tasks": tasks, **extra}


@pytest.fixture
def plays(tmp_path):
    """``plays(emu, [play, ...], *ansible_args)`` -> Run (against the emulator's inventory)."""

    def run(emu, books: list, *args: str) -> Run:
        book = tmp_path / "play.yml"
        book.write_text(yaml.safe_dump(books, sort_keys=False))
        return run_playbook(book, str(emu.inventory), tmp_path, *args)

    return run


@pytest.fixture
def background(tmp_path):
    """``background(emu, [play, ...])`` -> (Popen, finish) for a run the test acts on meanwhile."""

    def run(emu, books: list, *args: str):
        book = tmp_path / "play.yml"
        book.write_text(yaml.safe_dump(books, sort_keys=False))
        return start_playbook(book, str(emu.inventory), tmp_path, *args)

    return run


def primary_role_task(name: str, chassis: str, sets=(1,), **args) -> dict:
    return {"name": name, "mxha.srd.primary_role": {"chassis": chassis, "pair": [MX1, MX2],
                                                    "redundancy_sets": list(sets), "poll_interval": 0.1,
                                                    "wait_timeout": 15, **args},
            "ignore_errors": True}


def state_task(name: str = "state") -> dict:
    return {"name": name, "mxha.srd.redundancy_state": {}}


def roles(emu) -> dict:
    """Each chassis' own view of set 1, read over NETCONF with ncclient (independent of the plugins)."""
    from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import parse_redundancy_groups, redundancy_group_request
    from lxml import etree

    out = {}
    for name in (MX1, MX2):
        with emu.ncclient(name) as m:
            reply = m.rpc(etree.fromstring(ET_tostring(redundancy_group_request())))
            _conn, groups, _problems = parse_redundancy_groups(str(reply))
            out[name] = {s.id: s.local_state_text for g in groups for s in g.sets}
    return out


def ET_tostring(elem) -> bytes:  # pylint: disable=invalid-name
    import xml.etree.ElementTree as ET

    return ET.tostring(elem)


def triggers(emu, name: str, since: int = 0) -> list:
    """request-services-redundancy-set lines of a chassis' RPC log."""
    return emu.rpcs(name, "request-services-redundancy-set", since=since)


def two_set_intent() -> dict:
    """The CGNAT example plus redundancy set 2 (own manual events, policies and signal route 203.0.113.101/32)."""
    data = yaml.safe_load(EXAMPLE.read_text())
    data["redundancy_events"] += [{"name": "ACQ2_MAN"}, {"name": "REL2_MAN"}, {"name": "ACQ2_PEER", "peer": "primary-role-release"}]
    data["redundancy_policies"] += [
        {"name": "ACQ2_POL", "events": ["ACQ2_PEER", "ACQ2_MAN"], "then": "acquire-primary-role",
         "add_signal_route": {"prefix": "203.0.113.101/32", "receive": True, "routing_instance": "HA"}},
        {"name": "REL2_POL", "events": ["REL2_MAN"], "then": "release-primary-role",
         "delete_signal_route": {"prefix": "203.0.113.101/32", "routing_instance": "HA"}}]
    data["redundancy_sets"].append({"id": 2, "redundancy_group": 1, "policies": ["ACQ2_POL", "REL2_POL"]})
    data["route_tracking"]["conditions"].append({"name": "SRD_PRIMARY2", "prefix": "203.0.113.101/32",
                                                 "table": "HA.inet.0"})
    return data


def commit_intent(emu, data: dict, tmp_path: Path) -> None:
    """Render a pair intent per chassis with the domain (mxsim.srd.example) and commit it on pair 1."""
    from mxsim.srd.example import pair_configs

    path = tmp_path / "intent.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    for chassis, xml in pair_configs(path).items():
        emu.commit_config(chassis, xml)
