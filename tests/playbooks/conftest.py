"""Fixtures for playbook runs against the live emulator (see mxsim.testing), plus a runner for
ansible-playbook as a subprocess with the repository's ansible.cfg."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ansible_run import ansible_env
from mxsim.testing import Emu, fast_ncclient, mx, mx11, mxsim_emulator, mxsim_emulator_base11  # noqa: F401 pylint: disable=unused-import

REPO = Path(__file__).resolve().parents[2]
FILES = Path(__file__).parent / "files"
ANSIBLE_PLAYBOOK = str(Path(sys.executable).parent / "ansible-playbook")

fast_ncclient()


def network_os() -> str:
    """The collection's own netconf plugin once it exists; junipernetworks.junos until then."""
    if (REPO / "plugins" / "netconf" / "junos.py").exists():
        return "mxha.srd.junos"
    return "junipernetworks.junos.junos"


@pytest.fixture
def playbook(tmp_path):
    """Run a playbook from tests/playbooks/files against an emulator's inventory."""

    def run(
        name: str, emu: Emu, *extra: str, check: bool = True, os_name: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = ansible_env(tmp_path)
        cmd = [
            ANSIBLE_PLAYBOOK,
            "-i",
            str(emu.inventory),
            "-e",
            f"ansible_network_os={os_name or network_os()}",
            str(FILES / name),
            *extra,
        ]
        res = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False)
        if check and res.returncode != 0:
            raise AssertionError(f"ansible-playbook {name} failed ({res.returncode}):\n{res.stdout}\n{res.stderr}")
        return res

    return run
