# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The import graph of a Python source tree, read with ``ast`` (nothing is imported).

Every import counts: module-level, inside a function (a deferred import is still a dependency) and
under ``if TYPE_CHECKING:`` (a type a module names ties it to the module that defines it).
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterable


def module_name(root: Path, package: str, path: Path) -> str:
    """Dotted name of ``path`` inside the package ``package`` rooted at ``root``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts]) if parts else package


def _imports(tree: ast.AST) -> Iterable[ast.Import | ast.ImportFrom]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node


def _resolve(node: ast.ImportFrom, current: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = current.split(".")
    drop = node.level - 1 if is_package else node.level
    base = base[: len(base) - drop] if drop else base
    return ".".join(base + ([node.module] if node.module else []))


def build(root: Path, package: str) -> dict[str, set[str]]:
    """Map each module of the package to the package's own modules it imports."""
    files = {module_name(root, package, p): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets: set[str] = set()
        is_package = path.name == "__init__.py"
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                base = _resolve(node, name, is_package)
                # "from pkg import mod" depends on mod; "from mod import func" on mod itself.
                candidates = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            for cand in candidates:
                while cand and cand not in files:
                    cand = cand.rpartition(".")[0]
                if cand and cand != name:
                    targets.add(cand)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def package_of(module: str, packages: Iterable[str]) -> str | None:
    """The longest of ``packages`` that ``module`` lies in."""
    best = None
    for pkg in packages:
        if (module == pkg or module.startswith(pkg + ".")) and (best is None or len(pkg) > len(best)):
            best = pkg
    return best


def layer_violations(graph: dict[str, set[str]], layers: list[str | tuple[str, ...]]) -> list[str]:
    """Imports that point up: ``layers`` lists packages from the bottom (index 0) up.

    An item is a package (or module) name, or a tuple of names that share one rank (a tie).
    A module may import its own layer and the layers below it, never one above.
    """
    rank = {pkg: i for i, item in enumerate(layers) for pkg in ((item,) if isinstance(item, str) else item)}
    bad = []
    for src, targets in sorted(graph.items()):
        src_pkg = package_of(src, rank)
        if src_pkg is None:
            continue
        for dst in sorted(targets):
            dst_pkg = package_of(dst, rank)
            if dst_pkg is not None and rank[dst_pkg] > rank[src_pkg]:
                bad.append(f"{src} imports {dst} ({src_pkg} may not import {dst_pkg})")
    return bad
