# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Execution environments: what ansible-builder learns from the collection, and the image recipe.

Building the image needs a container engine these machines lack; ``ansible-builder create`` (the
build context) and ``ansible-builder introspect`` (what a collection asks for) need none.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

import pytest
import yaml
from ansible_builder.ee_schema import validate_schema

from .conftest import BIN, ROOT

RUNTIME_REQUIREMENTS = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
                        if line.strip() and not line.startswith("#")]


def test_meta_file_is_version_3_and_names_files_from_the_collection_root():
    meta = yaml.safe_load((ROOT / "meta" / "execution-environment.yml").read_text())
    validate_schema(meta)
    assert meta["version"] == 3
    # ansible-builder introspection joins these to the collection root, not to meta/.
    for key in ("python", "system"):
        if key in meta["dependencies"]:
            assert (ROOT / meta["dependencies"][key]).is_file(), key
    assert meta["dependencies"]["python"] == "requirements.txt"


def test_introspection_of_the_installed_collection_finds_our_requirements(installed):
    _tarball, collections = installed
    proc = subprocess.run([str(BIN / "ansible-builder"), "introspect", "--sanitize", str(collections)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = yaml.safe_load(proc.stdout.split("\n", 1)[1])   # first line is a '# Dependency data' comment
    ours = [line.split("#")[0].strip() for line in data["python"] if line.endswith("# from collection mxha.srd")]
    assert ours == RUNTIME_REQUIREMENTS
    assert not [line for line in data.get("system", []) if "mxha.srd" in line]   # no system packages needed


def test_builder_create_writes_a_context_with_our_requirements(installed, tmp_path):
    tarball, _collections = installed
    for name in ("execution-environment.yml", "requirements.yml", "requirements.txt"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "dist").mkdir()
    shutil.copy2(tarball, tmp_path / "dist" / tarball.name)   # `ansible-galaxy collection build --output-path dist`
    proc = subprocess.run([str(BIN / "ansible-builder"), "create", "--file", "execution-environment.yml",
                           "--context", "context", "--output-filename", "Containerfile"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    context = tmp_path / "context"
    containerfile = (context / "Containerfile").read_text()
    assert 'ARG EE_BASE_IMAGE="docker.io/redhat/ubi9:latest"' in containerfile
    assert 'ARG PYCMD="/usr/bin/python3.11"' in containerfile
    assert 'ARG ANSIBLE_INSTALL_REFS="ansible-core>=2.19,<2.20 ansible-runner"' in containerfile
    galaxy_stage = containerfile.split("FROM base AS galaxy", 1)[1].split("FROM base AS builder", 1)[0]
    assert "ansible-galaxy collection install --offline -p /usr/share/ansible/collections " \
           "/build/collections/mxha-srd-*.tar.gz" in galaxy_stage
    assert (context / "_build" / "collections" / tarball.name).is_file()
    requirements = (context / "_build" / "requirements.txt").read_text().split()
    assert all(package in requirements for package in RUNTIME_REQUIREMENTS)
    galaxy = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert [item["name"] for item in galaxy["collections"]] == ["ansible.netcommon", "ansible.utils"]


def test_ee_collections_match_galaxy_dependencies():
    galaxy = yaml.safe_load((ROOT / "galaxy.yml").read_text())["dependencies"]
    wanted = yaml.safe_load((ROOT / "requirements.yml").read_text())["collections"]
    assert {item["name"]: item["version"] for item in wanted} == galaxy


# Installed in the execution environment from requirements.txt (and ansible-core itself): nothing else may be imported.
RUNTIME_MODULES = {"ncclient", "ansible", "ansible_collections"}
DEVELOPMENT_ONLY = {"libyang", "mxsim", "pytest", "hypothesis", "asyncssh", "jnpr"}


def _guarded(node: ast.AST, parents: dict) -> bool:
    """Inside a function (imported on use) or a try whose handlers catch ImportError."""
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return True
        if isinstance(node, ast.Try):
            caught = {ast.unparse(handler.type) for handler in node.handlers if handler.type is not None}
            if any("ImportError" in text or "Exception" in text for text in caught):
                return True
    return False


@pytest.mark.parametrize("path", sorted((ROOT / "plugins").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_plugins_need_no_development_packages(path):
    tree = ast.parse(path.read_text())
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            tops = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            tops = [node.module.split(".")[0]]
        else:
            continue
        for top in tops:
            where = "%s:%d imports %s" % (path.relative_to(ROOT), node.lineno, top)
            assert top not in DEVELOPMENT_ONLY, where + ", which only the development environment has"
            if top in sys.stdlib_module_names or top in ("ansible", "ansible_collections", "__future__"):
                continue
            assert top in RUNTIME_MODULES, where + ", which requirements.txt does not list"
            assert _guarded(node, parents), where + " unguarded (import it in a try/except ImportError)"
