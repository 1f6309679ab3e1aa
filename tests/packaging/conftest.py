# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared fixtures of the packaging tests: the tools under test, and one built-and-installed collection."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def load_tool(name: str) -> ModuleType:
    """A script of tools/ as a module (tools/ is not a package: it does not ship)."""
    spec = importlib.util.spec_from_file_location("mxha_srd_tool_" + name, ROOT / "tools" / (name + ".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def package_check() -> ModuleType:
    return load_tool("package_check")


@pytest.fixture(scope="session")
def installed(package_check, tmp_path_factory):
    """(tarball, collections dir): this tree built and installed offline once per session."""
    work = tmp_path_factory.mktemp("package")
    tarball = package_check.build(work / "dist", work)
    return tarball, package_check.install(tarball, work)
