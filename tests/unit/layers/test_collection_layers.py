# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's imports point one way: domain <- NETCONF services <- resource runner / jobs <- plugins.

The lists below are the architecture (docs/architecture.md draws the same picture); a new module
lands in one of these packages, and an import that points up, or any cycle, fails here by name.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from . import import_graph

ROOT = Path(__file__).resolve().parents[3]
PKG = "ansible_collections.mxha.srd.plugins"
MU = PKG + ".module_utils"

# Bottom first. Inside the domain, each part may import the parts below it.
DOMAIN = [f"{MU}.srd.{part}" for part in ("errors", "plain", "model", "junos", "engine", "live", "diff", "intent",
                                         "adopt", "drift", "audit")]
LAYERS = DOMAIN + [f"{MU}.netconf", f"{MU}.resource", f"{MU}.fleet", f"{MU}.jobs", f"{PKG}.plugin_utils"] + [
    f"{PKG}.{kind}" for kind in ("doc_fragments", "filter", "netconf", "modules", "action")
]


@pytest.fixture(scope="module")
def graph():
    return import_graph.build(ROOT / "plugins", PKG)


def test_no_import_cycles(graph):
    assert import_graph.cycles(graph) == []


def test_every_module_belongs_to_a_layer(graph):
    orphans = [m for m in graph if import_graph.package_of(m, LAYERS) is None and m not in (PKG, MU, f"{MU}.srd")]
    assert orphans == [], "place these in a package of LAYERS: %s" % orphans


def test_imports_point_down(graph):
    # doc fragments, filters, the netconf plugin, modules and actions sit side by side at the top:
    # none may import another (each is loaded alone by Ansible's plugin loader).
    top = [f"{PKG}.{kind}" for kind in ("doc_fragments", "filter", "netconf", "modules", "action")]
    assert import_graph.layer_violations(graph, LAYERS[: -len(top)] + [tuple(top)]) == []


def test_domain_uses_the_standard_library_only():
    """The domain runs in modules on targets and in the emulator: no Ansible, no third-party package."""
    import ast
    import sys

    allowed = set(sys.stdlib_module_names) | {"__future__", "ansible_collections"}
    foreign = []
    for path in (ROOT / "plugins/module_utils/srd").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            for name in names:
                top_name = name.split(".")[0]
                if top_name not in allowed or (top_name == "ansible_collections" and not name.startswith(MU + ".srd")):
                    foreign.append(f"{path.relative_to(ROOT)}: {name}")
    assert foreign == []


def test_the_checker_catches_an_upward_import_and_a_cycle(tmp_path):
    pkg = tmp_path / "demo"
    (pkg / "low").mkdir(parents=True)
    (pkg / "high").mkdir()
    for init in ("__init__.py", "low/__init__.py", "high/__init__.py"):
        (pkg / init).write_text("")
    (pkg / "low/a.py").write_text("from demo.high import b\n")
    (pkg / "high/b.py").write_text("if TYPE_CHECKING:\n    from demo.low.a import X\n")
    graph = import_graph.build(pkg, "demo")
    assert import_graph.cycles(graph) == [["demo.high.b", "demo.low.a"]]
    assert import_graph.layer_violations(graph, ["demo.low", "demo.high"]) == [
        "demo.low.a imports demo.high.b (demo.low may not import demo.high)"]
