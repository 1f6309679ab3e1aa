#!/usr/bin/env python3
"""Run `ansible-test sanity` on a physical copy of the collection.

ansible-test resolves symlinks, so the collection must really sit at
`…/ansible_collections/mxha/srd/`, with its dependency collections as siblings. We copy the files
git knows about (tracked and untracked-but-not-ignored) into .venv/sanity/ and link the
dependencies extracted by tools/bootstrap.py next to it, in a sandbox outside the work tree. No ignore file is used.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPS = ROOT / ".venv" / "collections" / "ansible_collections"
# Outside the work tree: inside it, ansible-test would ask *our* git which files exist, and .venv is ignored.
SANDBOX = (Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mxha-srd"
           / f"sanity-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}" / "ansible_collections")
DEST = SANDBOX / "mxha" / "srd"
# Development tooling (the emulator, setup scripts, CI glue) is not part of the built collection.
NOT_SHIPPED = ("tools/", ".ci/", "Makefile", "requirements-dev.txt")


def collection_files() -> list[str]:
    if (ROOT / ".git").exists():
        out = subprocess.check_output(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT)
        return [f for f in out.decode().split("\0") if f and (ROOT / f).is_file()]
    skip = {".venv", ".cache", ".git", "tests/output"}
    return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
            if p.is_file() and not any(str(p.relative_to(ROOT)).startswith(s) for s in skip)]


def shipped(rel: str) -> bool:
    """Only what `ansible-galaxy collection build` ships is sanity-tested (galaxy.yml build_ignore)."""
    return not rel.startswith(NOT_SHIPPED)


def main() -> int:
    SANDBOX.mkdir(parents=True, exist_ok=True)
    with open(SANDBOX.parent / ".lock", "w") as lock:  # one run at a time per work tree
        fcntl.flock(lock, fcntl.LOCK_EX)
        return run()


def run() -> int:
    if DEST.exists():
        shutil.rmtree(DEST)
    for rel in filter(shipped, collection_files()):
        target = DEST / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
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
