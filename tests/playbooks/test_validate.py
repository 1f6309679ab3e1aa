# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.validate through ansible-playbook on localhost (no device involved).

Each playbook under validate/ asserts its own results; here we check that it
ran to the end (rc 0, nothing failed unexpectedly) and that no Python
traceback reached the user.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOKS = Path(__file__).resolve().parent / "validate"
ANSIBLE_PLAYBOOK = Path(sys.executable).parent / "ansible-playbook"


def run_playbook(name: str, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               ANSIBLE_FORCE_COLOR="0", ANSIBLE_LOCALHOST_WARNING="0")
    with subprocess.Popen([str(ANSIBLE_PLAYBOOK), "-i", "localhost,", *extra, str(PLAYBOOKS / name)], cwd=ROOT,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            # Ansible's workers start sessions of their own (setsid): end them by pid with their parent
            for pid in [*_descendants(process.pid), process.pid]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            process.communicate()
            raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _descendants(pid: int) -> list[int]:
    """The processes below ``pid``, read from /proc (children first found, then theirs)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found.extend(children)
        queue.extend(children)
    return found


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


def test_an_anchor_bomb_fails_at_once():
    """Four offline tasks on an 837-byte file that expands to 387 million strings: each fails with a
    sentence; the play ends in seconds (it used to copy the expansion until memory ran out)."""
    started = time.monotonic()
    result = run_playbook("anchor_bomb.yml", timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert time.monotonic() - started < 30
