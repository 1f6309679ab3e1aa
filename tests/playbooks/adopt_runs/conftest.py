# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One emulated pair for the adopt playbooks (import, deploy with backups, rollback), configured by hand."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ansible_run import ROOT, ansible_env
from mxsim import testing

ANSIBLE_PLAYBOOK = str(Path(sys.executable).parent / "ansible-playbook")
DATA = ROOT / "docs" / "examples" / "adopt"
NAMES = ("pair1-mx1", "pair1-mx2")
# The pair transaction's options for the emulator's short minutes (confirm-minute-seconds 1.0), for both roles.
FAST = [arg for role in ("deploy", "rollback") for name, value in (
    ("confirm_timeout", 20), ("confirm_minute_seconds", 1), ("confirm_margin", 4), ("health_interval", 0.3),
    ("health_timeout", 15)) for arg in ("-e", "%s_%s=%s" % (role, name, value))]


@pytest.fixture(scope="module")
def pair_emulator(tmp_path_factory):
    emu = testing.start(tmp_path_factory.mktemp("mxsim-adopt"), pairs=1, confirm_minute_seconds=1.0,
                        switchover_seconds=0.2)
    yield emu
    testing.stop(emu)


@pytest.fixture
def emu(pair_emulator):
    pair_emulator.reset()
    return pair_emulator


def configure_by_hand(emu) -> None:
    """The hand-configured pair of docs/examples/adopt, committed over NETCONF."""
    texts = {"pair1-mx1": (DATA / "pair1-mx1.set").read_text(), "pair1-mx2": (DATA / "pair1-mx2.conf").read_text()}
    for name, text in texts.items():
        with emu.ncclient(name) as m:
            m.lock()
            try:
                if name == "pair1-mx1":
                    m.load_configuration(action="set", format="text", config="\n".join(
                        line for line in text.splitlines() if not line.startswith("#")))
                else:
                    m.load_configuration(action="merge", format="text", config=text)
                m.commit()
            finally:
                m.unlock()


class Runner:
    """Shipped playbooks from a working directory of their own (backups/ and reports/ land there)."""

    def __init__(self, emu, tmp_path: Path):
        self.emu, self.tmp, self.runs = emu, tmp_path, 0
        (tmp_path / "vault-password").write_text("adopt-test-vault\n")

    def __call__(self, playbook: str, *extra: str, inventory: bool = True, check_rc: int | None = 0):
        self.runs += 1
        reports = self.tmp / ("reports-%d" % self.runs)
        cmd = [ANSIBLE_PLAYBOOK, *(["-i", str(self.emu.inventory)] if inventory else []),
               str(ROOT / "playbooks" / playbook), "-e", "report_dir=%s" % reports,
               "--vault-password-file", str(self.tmp / "vault-password"), *extra]
        res = subprocess.run(cmd, cwd=self.tmp, env=ansible_env(self.tmp), capture_output=True, text=True,
                             timeout=300, check=False)
        if check_rc is not None:
            assert res.returncode == check_rc, "%s exited %d:\n%s\n%s" % (playbook, res.returncode,
                                                                          res.stdout[-6000:], res.stderr[-3000:])
        found = sorted(reports.glob("*.json"))
        return res, (json.loads(found[0].read_text()) if found else None)


@pytest.fixture
def run(emu, tmp_path):
    return Runner(emu, tmp_path)
