#!/usr/bin/env python3
"""Changelog checks and a preview of the next release's CHANGELOG.rst, without touching the tree.

* ``lint``: ``antsibull-changelog lint`` (fragments) and ``lint-changelog-yaml`` (the release history).
* ``preview [--dest FILE]``: runs ``antsibull-changelog release`` for galaxy.yml's version in a
  temporary copy of the collection, so the fragments stay where they are and changelogs/changelog.yaml
  is not changed, and writes the CHANGELOG.rst it produced to FILE (default dist/CHANGELOG.rst,
  git-ignored).  It holds the fragments' entries and every plugin and module whose
  ``version_added`` is that version.

The real release is ``antsibull-changelog release`` in the tree (see CONTRIBUTING.md): it moves the
fragments into changelogs/changelog.yaml and writes CHANGELOG.rst, and both are committed then.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEPS = ROOT / ".venv" / "collections"
COPIED = ("galaxy.yml", "changelogs", "plugins", "meta", "playbooks", "roles")


def antsibull_changelog(*args: str, cwd: Path, env: dict[str, str] | None = None) -> int:
    proc = subprocess.run([str(BIN / "antsibull-changelog"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, check=False)
    for text, stream in ((proc.stdout, sys.stdout), (proc.stderr, sys.stderr)):
        # the advice to add a release_summary fragment is for the real release, not for every preview
        stream.write("".join(line for line in text.splitlines(True) if "no release_summary section" not in line))
    return proc.returncode


def lint() -> int:
    status = antsibull_changelog("lint", cwd=ROOT)
    history = ROOT / "changelogs" / "changelog.yaml"
    if history.exists():
        status = antsibull_changelog("lint-changelog-yaml", str(history), cwd=ROOT) or status
    print("[changelog] lint %s" % ("passed" if not status else "FAILED"))
    return status


def preview(dest: Path) -> int:
    version = str(yaml.safe_load((ROOT / "galaxy.yml").read_text())["version"])
    with tempfile.TemporaryDirectory(prefix="mxha-srd-changelog-") as work:
        tree = Path(work) / "ansible_collections" / "mxha" / "srd"
        tree.mkdir(parents=True)
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", ".plugin-cache.yaml"))
            elif source.exists():
                shutil.copy2(source, tree / name)
        env = {key: value for key, value in os.environ.items() if key != "ANSIBLE_CONFIG"}
        env.update(ANSIBLE_COLLECTIONS_PATH=os.pathsep.join([work, str(DEPS)]), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="False",
                   PATH=os.pathsep.join([str(BIN), env.get("PATH", "")]))
        status = antsibull_changelog("release", "--version", version, cwd=tree, env=env)
        produced = tree / "CHANGELOG.rst"
        if status or not produced.exists():
            print("[changelog] preview FAILED", file=sys.stderr)
            return status or 1
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(produced, dest)
    print("[changelog] CHANGELOG.rst for %s (unreleased preview) written to %s" % (version, dest))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("lint", help="check the fragments and the release history")
    show = sub.add_parser("preview", help="write the next release's CHANGELOG.rst outside the tree")
    show.add_argument("--dest", type=Path, default=ROOT / "dist" / "CHANGELOG.rst")
    args = parser.parse_args()
    return lint() if args.command == "lint" else preview(args.dest.resolve())


if __name__ == "__main__":
    sys.exit(main())
