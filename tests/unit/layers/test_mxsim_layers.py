# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulator's layers (tools/mxsim/mxsim): imports go one way, with no cycle.

Every import counts, deferred ones and those under ``if TYPE_CHECKING:`` too. Where a lower layer
must reach a higher one it gets a Protocol, a callback or an observer at wiring time, never an
import (tools/mxsim/README.md, *Layers*).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .import_graph import build, cycles, layer_violations, package_of

MXSIM = Path(__file__).resolve().parents[3] / "tools" / "mxsim" / "mxsim"

pytestmark = pytest.mark.skipif(not MXSIM.is_dir(), reason="the emulator is not shipped with the collection")

# Bottom first. A module may import its own layer and those below; a tuple is one rank.
LAYERS = [
    # foundation: XML helpers, rpc-error, options and names, the RPC log file
    ("mxsim.xmlutil", "mxsim.errors", "mxsim.options", "mxsim.rpclog", "mxsim.statedir"),
    # configuration language: list keys, YANG, text/set/JSON formats, load semantics, baseline
    (
        "mxsim.shape",
        "mxsim.grammar_shape",
        "mxsim.yang_grammar",
        "mxsim.yang_xml",
        "mxsim.yang",
        "mxsim.syntax",
        "mxsim.jsonfmt",
        "mxsim.confops",
        "mxsim.loadcheck",
        "mxsim.baseline",
    ),
    "mxsim.checks",  # commit-time checks (registry, YANG schema, SRD rules)
    "mxsim.state",  # datastore, fault set, chassis, a session's candidate and lock rules
    "mxsim.srd",  # srd of a pair: roles, ICCP link, election, switchovers, routes, VRRP
    ("mxsim.faults", "mxsim.commit"),  # injectable faults; commit / check / confirmed commit
    "mxsim.rpc",  # RPC registry, reply markers, one module per RPC family
    "mxsim.commands",  # CLI commands for <command>, built on the RPC handlers
    ("mxsim.netconf", "mxsim.control"),  # the two doors: NETCONF over SSH; the control socket
    "mxsim.builtin",  # imports every built-in RPC, command, check and fault so they register
    "mxsim.emulator",  # wires the chassis, pairs, srd, listeners and control socket together
    ("mxsim.daemon", "mxsim.inventory"),  # background start/stop; inventory.yml
    "mxsim.lab",  # one pair intent per emulated pair (group_vars, pair hosts), from inventory.yml
    ("mxsim.cli", "mxsim.testing"),  # `mxsim ...`; pytest fixtures
]

GRAPH = build(MXSIM, "mxsim") if MXSIM.is_dir() else {}


def _names(layers: list) -> list[str]:
    return [name for item in layers for name in ((item,) if isinstance(item, str) else item)]


def _describe(graph: dict[str, set[str]], cycle: list[str]) -> str:
    inside = set(cycle)
    edges = [f"{src} imports {dst}" for src in cycle for dst in sorted(graph[src]) if dst in inside]
    return f"cycle through {len(cycle)} modules: " + "; ".join(edges)


def test_mxsim_has_no_import_cycle():
    found = cycles(GRAPH)
    assert found == [], "\n".join(_describe(GRAPH, c) for c in found)


def test_mxsim_imports_point_down():
    bad = layer_violations(GRAPH, LAYERS)
    assert bad == [], "imports that point up:\n" + "\n".join(bad)


def test_every_mxsim_module_has_a_layer():
    names = _names(LAYERS)
    orphans = [m for m in sorted(GRAPH) if m != "mxsim" and package_of(m, names) is None]
    assert orphans == [], f"modules in no layer (add them to LAYERS): {orphans}"
    assert not GRAPH["mxsim"], f"mxsim/__init__.py imports {sorted(GRAPH['mxsim'])}"


def test_the_checker_reports_a_cycle_and_an_upward_import(tmp_path):
    files = {
        "__init__.py": "",
        "low/__init__.py": "",
        "low/a.py": "from . import b\n",
        "low/b.py": "def f():\n    from .a import g\n",  # deferred: still an import
        "low/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..high.api import Api\n",
        "high/__init__.py": "",
        "high/api.py": "from ..low import c\n",
        "side/__init__.py": "from ..high import api\n",  # same rank as high: allowed
    }
    for rel, text in files.items():
        path = tmp_path / "pkg" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    graph = build(tmp_path / "pkg", "pkg")

    # a <-> b through a deferred import; c <-> api through a TYPE_CHECKING one
    assert sorted(cycles(graph)) == [["pkg.high.api", "pkg.low.c"], ["pkg.low.a", "pkg.low.b"]]
    assert layer_violations(graph, ["pkg.low", ("pkg.high", "pkg.side")]) == [
        "pkg.low.c imports pkg.high.api (pkg.low may not import pkg.high)"
    ]
