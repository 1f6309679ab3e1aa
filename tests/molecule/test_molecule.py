"""Each molecule scenario of extensions/molecule/ as one test: `molecule test -s NAME` from the repo root.

The scenarios need no Docker: their create step starts an emulated MX pair (tools/mxsim) on free ports
in the scenario's own ephemeral directory, destroy stops it, so scenarios run side by side in xdist
workers. MXSIM_OWNER_PID ties each emulator to this worker: it stops if the worker dies mid-scenario.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "extensions" / "molecule"
BIN = Path(sys.executable).parent
MOLECULE = str(BIN / "molecule")
NAMES = sorted(p.parent.name for p in SCENARIOS.glob("*/molecule.yml"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_every_scenario_is_listed():
    """The scenarios the brief asks for exist (a renamed directory must not silently drop a test)."""
    assert {"deploy", "drift", "switchover", "rollback", "unreachable", "drain", "restore"} <= set(NAMES)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_molecule_scenario(name: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),  # molecule runs ansible-* by name
        "MXSIM_OWNER_PID": str(os.getpid()),
        "NCCLIENT_TICK": os.environ.get("NCCLIENT_TICK", "0.005"),
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "tmp"),
        "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR": str(tmp_path / "pc"),
        "NO_COLOR": "1",
        "PY_COLORS": "0",
    }
    env.pop("ANSIBLE_CONFIG", None)  # molecule writes its own; the scenarios' config.yml sets what they need
    started = time.monotonic()
    res = subprocess.run([MOLECULE, "test", "-s", name], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=1200, check=False)
    seconds = time.monotonic() - started
    out = ANSI.sub("", res.stdout + res.stderr)
    print(f"molecule scenario {name}: {seconds:.1f} s")
    assert res.returncode == 0, f"molecule test -s {name} failed ({res.returncode}) after {seconds:.0f} s:\n{out[-20000:]}"
    left = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "--", str(SCENARIOS / name)], cwd=REPO,
                          capture_output=True, text=True, check=False).stdout.split()
    assert not left, f"molecule test -s {name} left files in the tree (reports, backups?): {left[:10]}"
    assert re.search(rf"{name}\s*: actions=\d+\s+successful=\d+\s+disabled=0\s+skipped=0\s+missing=0\s+failed=0", out), \
        out[-3000:]
