# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.validate through ansible-playbook on localhost (no device involved).

Each playbook under validate/ asserts its own results; here we check that it
ran to the end (rc 0, nothing failed unexpectedly) and that no Python
traceback reached the user.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOKS = Path(__file__).resolve().parent / "validate"
ANSIBLE_PLAYBOOK = Path(sys.executable).parent / "ansible-playbook"


def run_playbook(name: str, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               ANSIBLE_FORCE_COLOR="0", ANSIBLE_LOCALHOST_WARNING="0")
    return subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", "localhost,", *extra, str(PLAYBOOKS / name)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("playbook", ["valid_pair.yml", "invalid_pair.yml", "broken_inputs.yml"])
def test_validate_playbook(playbook):
    result = run_playbook(playbook)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert "failed=0" in output


def test_vaulted_key_is_decrypted_and_never_shown():
    result = run_playbook("vaulted_intent.yml", "--vault-password-file", str(PLAYBOOKS / "files" / "vault-password"),
                          "-v")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "vaulted-iccp-key" not in output and "Traceback" not in output
