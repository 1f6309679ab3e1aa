# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shipped playbooks run unchanged under ansible-runner (how AWX / AAP run them) and
ansible-navigator (--ee false), not only under ansible-playbook.

Add a playbook by adding a Run to RUNS: the playbook, its extra vars, and text its output must show.
Everything is written under pytest's tmp_path (runner's private data dir, navigator's cwd and log).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field

import ansible_runner
import pytest

from .conftest import BIN, ROOT

EXAMPLE = ROOT / "docs" / "examples" / "cgnat-pair.yml"
CLEAN = ROOT / "docs" / "examples" / "audit" / "clean-pair.yml"
BACKUP = ROOT / "tests" / "playbooks" / "adopt_runs" / "files" / "backups" / "pair1" / "20250301T101502Z"


@dataclass(frozen=True)
class Run:
    playbook: str                       # path relative to the repository root
    extravars: dict = field(default_factory=dict)
    expect: tuple[str, ...] = ()        # text the play's output must contain


RUNS = {
    "validate": Run("playbooks/validate.yml", {"intent_file": str(EXAMPLE)},
                    ("SRD configuration of pair1-mx1, pair1-mx2 is valid",
                     "gateway 1: pair1-mx1 (ICCP 192.0.2.1), gateway 2: pair1-mx2 (ICCP 192.0.2.2)")),
    "audit": Run("playbooks/audit.yml", {"intent_file": str(CLEAN), "report_dir": ""},
                 ("clean-pair: audit depth 1: 66 scenarios from 2 starting states",)),
    "import": Run("playbooks/import.yml", {"backup": str(BACKUP), "iccp_key": "placeholder"},
                  ("imported (returned (no dest given)): deploying it to the same pair changes nothing",
                   "iccp_address: 192.0.2.1")),
}


def environment(tmp_path) -> dict[str, str]:
    """The repository's ansible.cfg (collections from .venv/collections), nothing written to the tree."""
    return dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
                ANSIBLE_LOCAL_TEMP=str(tmp_path / "ansible-tmp"),
                PATH=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))


@pytest.mark.parametrize("name", sorted(RUNS))
def test_ansible_runner(name, tmp_path, monkeypatch):
    run = RUNS[name]
    for key, value in environment(tmp_path).items():
        monkeypatch.setenv(key, value)   # ansible-runner starts ansible-playbook with this process' environment
    private = tmp_path / "private"   # runner's inputs and artifacts (AWX lays out a job the same way)
    private.mkdir()
    result = ansible_runner.run(private_data_dir=str(private), playbook=str(ROOT / run.playbook),
                                extravars=run.extravars, quiet=True, timeout=300)
    stdout = result.stdout.read()
    assert (result.status, result.rc) == ("successful", 0), stdout
    failed = [event for event in result.events if event.get("event") == "runner_on_failed"]
    assert not failed, stdout
    assert result.stats["ok"].get("localhost", 0) >= 1
    for text in run.expect:
        assert text in stdout, stdout


@pytest.mark.parametrize("name", sorted(RUNS))
def test_ansible_navigator(name, tmp_path):
    run = RUNS[name]
    cwd = tmp_path / "navigator"
    cwd.mkdir()
    extra = [arg for key, value in run.extravars.items() for arg in ("-e", "%s=%s" % (key, value))]
    proc = subprocess.run([str(BIN / "ansible-navigator"), "run", str(ROOT / run.playbook), "--ee", "false",
                           "--mode", "stdout", "--pae", "false", "--lf", str(tmp_path / "navigator.log"), *extra],
                          cwd=cwd, env=environment(tmp_path), capture_output=True, text=True, timeout=300,
                          check=False)
    # stdout mode on a pipe carries runner's encoded event markers (ESC[K...); drop them before reading
    output = re.sub(r"\x1b\[K[A-Za-z0-9+/=]*\x1b\[\d+D", "", proc.stdout) + proc.stderr
    assert proc.returncode == 0, output
    assert re.search(r"localhost\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=0", output), output
    for text in run.expect:
        assert text in output, output
    assert not any(path.name.endswith(".json") or path.name == "ansible-navigator.log" for path in cwd.iterdir())
