# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tools/package_check.py: the built collection installs offline and works from the installed copy."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile

from .conftest import ROOT


def test_package_check_passes():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "package_check.py")], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    for step in ("build", "contents", "offline install", "ansible-doc", "playbook syntax", "validate playbook run"):
        assert "[package-check] ok   %s" % step in output, output
    assert "passed in" in output


def make_tarball(path, names):
    with tarfile.open(path, "w:gz") as tar:
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = 1
            tar.addfile(info, io.BytesIO(b"x"))
    return path


def test_contents_check_catches_what_must_not_ship(package_check, tmp_path):
    shipped = list(package_check.REQUIRED) + ["MANIFEST.json", "tests/sanity/ignore-2.19.txt", "tests/config.yml"]
    assert package_check.content_problems(make_tarball(tmp_path / "good.tar.gz", shipped), set(shipped)) == []
    bad = [name for name in shipped if name != "LICENSE"] + [
        "tools/mxsim/x.py", "Makefile", "tests/unit/test_x.py", "plugins/modules/__pycache__/validate.cpython-311.pyc",
        "docs/plugins/validate_module.rst"]
    problems = package_check.content_problems(make_tarball(tmp_path / "bad.tar.gz", bad), set(shipped))
    text = "\n".join(problems)
    assert "unexpected top-level entry Makefile" in text and "unexpected top-level entry tools" in text
    assert "test file not meant to ship: tests/unit/test_x.py" in text
    assert "byte-code shipped: plugins/modules/__pycache__/validate.cpython-311.pyc" in text
    assert "missing from the tarball: LICENSE" in text
    assert "git-ignored or unknown to git: docs/plugins/validate_module.rst" in text


def test_built_tarball_ships_what_users_need_only(package_check, installed):
    tarball, _collections = installed
    with tarfile.open(tarball) as tar:
        names = set(tar.getnames())
    assert {"playbooks/validate.yml", "plugins/filter/topology.py", "plugins/filter/topology_mermaid.yml",
            "plugins/plugin_utils/topology/graph.py", "meta/execution-environment.yml", "docs/topology.md",
            "changelogs/config.yaml"} <= names
    assert not any(name.startswith(("tools/", ".venv/", "tests/unit/", "tests/emulator/", "docs/dev/"))
                   or name in ("Makefile", "ansible.cfg", "pytest.ini", "execution-environment.yml")
                   for name in names)
