#!/usr/bin/env python3
"""Run `ansible-test sanity` on a physical copy of the collection.

ansible-test resolves symlinks, so the collection must really sit at
`…/ansible_collections/mxha/srd/`, with its dependency collections as siblings. We build the
collection and unpack the tarball there, so sanity checks exactly what ships (development tooling,
the emulator and tests that need it are left out by galaxy.yml's build_ignore), and link the
dependencies extracted by tools/bootstrap.py next to it, in a sandbox outside the work tree.
No ignore file is used.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPS = ROOT / ".venv" / "collections" / "ansible_collections"
# Outside the work tree: inside it, ansible-test would ask *our* git which files exist, and .venv is ignored.
SANDBOX = (Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mxha-srd"
           / f"sanity-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}" / "ansible_collections")
DEST = SANDBOX / "mxha" / "srd"


def build_into(dest: Path) -> None:
    """Unpack exactly what `ansible-galaxy collection build` ships (galaxy.yml build_ignore decides)."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.check_call([str(Path(sys.executable).parent / "ansible-galaxy"), "collection", "build",
                               "--force", "--output-path", out, str(ROOT)], stdout=subprocess.DEVNULL)
        (tarball,) = Path(out).glob("mxha-srd-*.tar.gz")
        with tarfile.open(tarball) as tar:
            tar.extractall(dest, filter="data")


def main() -> int:
    SANDBOX.mkdir(parents=True, exist_ok=True)
    with open(SANDBOX.parent / ".lock", "w") as lock:  # one run at a time per work tree
        fcntl.flock(lock, fcntl.LOCK_EX)
        return run()


def run() -> int:
    if DEST.exists():
        shutil.rmtree(DEST)
    build_into(DEST)
    for dep in ("ansible/netcommon", "ansible/utils", "junipernetworks/junos"):
        link = SANDBOX / dep
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.is_symlink():
            link.symlink_to(DEPS / dep, target_is_directory=True)
    cmd = [str(Path(sys.executable).parent / "ansible-test"), "sanity", "--venv", "--python", f"{sys.version_info[0]}.{sys.version_info[1]}",
           "--color", "no", *sys.argv[1:]]
    print("+", " ".join(cmd), f"(in {DEST})", flush=True)
    env = dict(os.environ)
    env.pop("ANSIBLE_CONFIG", None)  # the copy must not pick up our development ansible.cfg paths
    return subprocess.call(cmd, cwd=DEST, env=env)


if __name__ == "__main__":
    sys.exit(main())
