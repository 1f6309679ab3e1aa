# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-lint (production profile, offline) passes on what the collection ships, and leaves no copy
of the collection behind that could stand in for this working tree."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .conftest import BIN, ROOT

COPIES = (ROOT / ".ansible" / "collections" / "ansible_collections" / "mxha" / "srd",
          Path.home() / ".ansible" / "collections" / "ansible_collections" / "mxha" / "srd")


def test_ansible_lint_production_profile_passes_without_side_effects():
    existed = {path: path.exists() for path in COPIES}
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), NO_COLOR="1",
               PATH=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    proc = subprocess.run([str(BIN / "ansible-lint"), "--nocolor"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Profile 'production' was required, and it passed" in output, output
    assert {path: path.exists() for path in COPIES} == existed, "ansible-lint installed a copy of mxha.srd"
    listing = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "list", "mxha.srd"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120, check=False).stdout
    headers = [line for line in listing.splitlines() if line.startswith("# ") and "ansible_collections" in line]
    assert headers and headers[0] == "# %s" % (ROOT / ".venv" / "collections" / "ansible_collections"), listing
