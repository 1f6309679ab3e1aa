# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tools/changelog.py: fragments lint clean, and the next CHANGELOG.rst can be previewed without
changing the tree (fragments kept, release history untouched)."""

from __future__ import annotations

import subprocess
import sys

import yaml

from .conftest import ROOT

CHANGELOGS = ROOT / "changelogs"


def snapshot() -> dict[str, bytes]:
    return {str(path.relative_to(ROOT)): path.read_bytes() for path in sorted(CHANGELOGS.rglob("*")) if path.is_file()}


def test_lint_passes():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "changelog.py"), "lint"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_preview_lists_every_fragment_and_leaves_the_tree_alone(tmp_path):
    before, released = snapshot(), (ROOT / "CHANGELOG.rst").exists()
    dest = tmp_path / "CHANGELOG.rst"
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "changelog.py"), "preview", "--dest", str(dest)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert snapshot() == before and (ROOT / "CHANGELOG.rst").exists() == released
    text = " ".join(dest.read_text().split())
    version = yaml.safe_load((ROOT / "galaxy.yml").read_text())["version"]
    assert "v%s" % version in text
    for fragment in sorted((CHANGELOGS / "fragments").glob("*.y*ml")):
        for section, entries in (yaml.safe_load(fragment.read_text()) or {}).items():
            for entry in entries if isinstance(entries, list) else [entries]:
                # antsibull-changelog escapes RST; compare the entry's first words
                assert " ".join(str(entry).split()[:3]) in text, (fragment.name, section)
    assert "mxha.srd.topology_mermaid" in text   # new plugins are listed from the code
