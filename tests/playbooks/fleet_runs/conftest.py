# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet of emulated pairs, one intent per pair as the pair group's group_vars (mxsim intents)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ansible_run import ROOT, ansible_env
from mxsim import lab, testing

PAIRS = 20
EXAMPLE = ROOT / "docs" / "examples" / "cgnat-pair.yml"
ANSIBLE_PLAYBOOK = str(Path(sys.executable).parent / "ansible-playbook")
# Deploy options for the emulator's short minutes (confirm-minute-seconds 1.0).
FAST = ["-e", "deploy_confirm_timeout=20", "-e", "deploy_confirm_minute_seconds=1", "-e", "deploy_confirm_margin=4",
        "-e", "deploy_health_interval=0.3", "-e", "deploy_health_timeout=15"]


@pytest.fixture(scope="module")
def fleet_emulator(tmp_path_factory):
    emu = testing.start(tmp_path_factory.mktemp("mxsim-fleet"), pairs=PAIRS, confirm_minute_seconds=1.0,
                        switchover_seconds=0.2)
    lab.write(emu.options, EXAMPLE)
    yield emu
    testing.stop(emu)


@pytest.fixture
def fleet(fleet_emulator):
    fleet_emulator.reset()
    return fleet_emulator


class Runner:
    def __init__(self, emu, tmp_path: Path):
        self.emu = emu
        self.tmp = tmp_path
        self.runs = 0

    def __call__(self, playbook: str, *extra: str, inventory: str = "inventory.yml", check_rc: int | None = 0):
        """Run a shipped playbook; returns (completed process, the fleet report it wrote)."""
        self.runs += 1
        reports = self.tmp / ("reports-%d" % self.runs)
        cmd = [ANSIBLE_PLAYBOOK, "-i", str(self.emu.state_dir / inventory), str(ROOT / "playbooks" / playbook),
               "-e", "report_dir=%s" % reports, *extra]
        res = subprocess.run(cmd, cwd=self.tmp, env=ansible_env(self.tmp), capture_output=True, text=True,
                             timeout=600, check=False)
        if check_rc is not None:
            assert res.returncode == check_rc, "%s exited %d:\n%s\n%s" % (playbook, res.returncode, res.stdout[-6000:],
                                                                          res.stderr[-3000:])
        found = sorted(reports.glob("*.json"))
        return res, (json.loads(found[0].read_text()) if found else None)


@pytest.fixture
def run(fleet, tmp_path):
    return Runner(fleet, tmp_path)


def outcomes(report: dict) -> dict:
    return {p["pair"]: p["outcome"] for p in report["pairs"]}


def failure_lines(stdout: str) -> list:
    """The pairs the run's failure names: the "PAIR (A + B): why" lines of the failing task's message."""
    return sorted({line.strip().split(" (", 1)[0] for line in stdout.replace("\\n", "\n").splitlines()
                   if line.strip().startswith("cgnat-pair") and " + " in line and "): " in line})


def pair_names(n: int) -> tuple[str, str]:
    return ("pair%d-mx1" % n, "pair%d-mx2" % n)
