#!/usr/bin/env python3
"""Start or stop the emulated MX pair of one molecule scenario (its create and destroy steps).

    emulator.py up STATE_DIR [mxsim up options...]   # free ports, retried if one is taken meanwhile
    emulator.py down STATE_DIR

Why a script and not `mxsim up --base-port N` in the playbook: scenarios run in parallel (pytest-xdist
workers), so each picks free ports itself. With $MXSIM_OWNER_PID set (tests/molecule sets it to the pytest
worker), the emulator also stops when that process dies, so an interrupted run leaves nothing behind.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def up(state: str, extra: list[str]) -> int:
    from mxsim.testing import free_base_port

    owner = ["--owner-pid", os.environ["MXSIM_OWNER_PID"]] if os.environ.get("MXSIM_OWNER_PID") else []
    down(state)  # a scenario interrupted earlier may have left its emulator running
    for _ in range(3):
        port = free_base_port(2)
        rc = subprocess.call([str(BIN / "mxsim"), "up", "--state-dir", state, "--pairs", "1",
                              "--base-port", str(port), *owner, *extra])
        if rc == 0:
            return 0
    return 1


def down(state: str) -> int:
    if not (Path(state) / "mxsim.pid").exists():
        return 0
    return subprocess.call([str(BIN / "mxsim"), "down", "--state-dir", state])


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("up", "down"):
        print(__doc__, file=sys.stderr)
        return 2
    return up(argv[1], argv[2:]) if argv[0] == "up" else down(argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
