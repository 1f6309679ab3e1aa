"""Module tests: real ansible-playbook runs (subprocesses) against the live emulated pair.

``playbook(tasks, ...)`` writes a play for pair1-mx1, runs it with the test-only ``jsonl_results``
callback and returns every task result; the emulator (mxsim.testing) is reset before each test and
its RPC log is the independent record of what reached the device.
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
from mxsim.testing import fast_ncclient, mx, mxsim_emulator

__all__ = ["mx", "mxsim_emulator", "play", "run_plays", "PlaybookRun"]  # the fixtures are used by the tests

ROOT = Path(__file__).resolve().parents[3]
ANSIBLE_PLAYBOOK = Path(sys.executable).parent / "ansible-playbook"
HOST = "pair1-mx1"

fast_ncclient()


@dataclass
class PlaybookRun:
    rc: int
    output: str
    results: list

    def __getitem__(self, name: str) -> dict:
        """The result of the task called ``name`` (exactly one)."""
        found = [r for r in self.results if r["task"] == name]
        assert len(found) == 1, "task %r ran %d times:\n%s" % (name, len(found), self.output[-3000:])
        return found[0]["result"] | {"_status": found[0]["status"]}

    def named(self, prefix: str) -> list:
        return [r for r in self.results if r["task"].startswith(prefix)]


def run_plays(mx, plays: list, tmp_path: Path, extra_env: dict | None = None, args: tuple = ()) -> PlaybookRun:
    """Run ``plays`` against the emulator's inventory; results of every task, in order."""
    book = tmp_path / "play.yml"
    book.write_text(yaml.safe_dump(plays, sort_keys=False))
    results = tmp_path / "results.jsonl"
    if results.exists():
        results.unlink()
    env = ansible_env(tmp_path, results, MXSIM_STATE_DIR=str(mx.state_dir), **(extra_env or {}))
    proc = subprocess.run(
        [str(ANSIBLE_PLAYBOOK), "-i", str(mx.inventory), str(book), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = results.read_text().splitlines() if results.exists() else []
    return PlaybookRun(proc.returncode, proc.stdout + proc.stderr, [json.loads(line) for line in lines])


def play(tasks: list, hosts: str = HOST, **extra) -> dict:
    return {"name": "mxha.srd module test", "hosts": hosts, "gather_facts": False, "tasks": tasks, **extra}


@pytest.fixture(scope="session")
def plays_runner():
    """``(play, run_plays)`` for fixtures of a wider scope than ``playbook``."""
    return play, run_plays


@pytest.fixture
def playbook(mx, tmp_path):
    """``playbook(tasks)`` runs tasks against pair1-mx1 of a freshly reset emulator."""

    def run(tasks: list, play_vars: dict | None = None, **kw) -> PlaybookRun:
        return run_plays(mx, [play(tasks, vars=play_vars or {})], tmp_path, **kw)

    return run


@pytest.fixture(scope="session")
def yang_errors():
    """``yang_errors(xml)``: Juniper YANG (24.4R1) errors of a payload a module reported."""
    from mxsim.yang import JunosYang

    def check(xml_text: str) -> list:
        return list(JunosYang.shared().validate(xml_text)) if xml_text else []

    return check
