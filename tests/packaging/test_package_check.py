# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tools/package_check.py: the built collection installs offline and works from the installed copy."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile

from mxsim.testing import free_base_port

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


def _copy_of_the_tree(dest):
    """The collection's files as git sees them (tracked or not ignored), copied to ``dest``."""
    names = subprocess.check_output(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT).decode()
    for name in filter(None, names.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def test_emulator_state_and_keys_in_the_tree_fail_the_check(package_check, tmp_path):
    """An emulator's state dir where build_ignore does not reach (its host key, the inventory with the lab
    password, the RPC logs, the marker), and a private key elsewhere: the contents step names each."""
    state = tmp_path / "state"
    base = str(free_base_port(2))
    mxsim = [sys.executable, "-m", "mxsim.cli"]
    subprocess.run(mxsim + ["up", "--no-schema", "--state-dir", str(state), "--base-port", base], check=True,
                   capture_output=True, timeout=120)
    subprocess.run(mxsim + ["down", "--state-dir", str(state)], check=True, capture_output=True, timeout=60)
    tree = _copy_of_the_tree(tmp_path / "tree")
    shutil.copytree(state, tree / "playbooks" / "lab")      # mxsim refuses to start there; a copy gets in
    shutil.copytree(state, tree / ".mxsim2")                 # build_ignore's .mxsim* keeps this one out
    (tree / "roles" / "deploy" / "files").mkdir(parents=True, exist_ok=True)
    (tree / "roles" / "deploy" / "files" / "id_lab").write_text(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n")
    (tree / "playbooks" / "hosts.ini").write_text("[mx]\npair1-mx1 ansible_host=192.0.2.1 ansible_password=lab123\n")

    tarball = package_check.build(tmp_path / "dist", tmp_path, root=tree)
    problems = package_check.tarball_problems(tarball)
    text = "\n".join(problems)
    assert "private key material shipped: playbooks/lab/ssh_host_ed25519_key" in text, text
    assert "private key material shipped: roles/deploy/files/id_lab" in text, text
    assert "emulator state shipped (an mxsim state dir): playbooks/lab/.mxsim-state" in text, text
    assert "a literal password shipped (ansible_password in playbooks/lab/inventory.yml)" in text, text
    assert "a literal password shipped (ansible_password in playbooks/hosts.ini)" in text, text
    assert "RPC log shipped: playbooks/lab/rpclog/pair1-mx1.jsonl" in text, text
    assert ".mxsim2" not in text
    with tarfile.open(tarball) as tar:
        assert not [name for name in tar.getnames() if ".mxsim2" in name]


def test_the_tree_as_it_is_ships_nothing_secret(package_check, installed):
    tarball, _collections = installed
    assert package_check.secret_problems(tarball) == []
