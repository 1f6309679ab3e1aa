"""Shape answers from the YANG grammar (mxsim.yang's YangGrammarNode tree), heuristic fallback.

Used for hierarchies the loaded models cover; `groups` content is looked up at the path it
would have outside the group; anything unknown falls back to shape.HeuristicShape.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from .shape import HeuristicShape, Path

_MISSING = object()


class GrammarShape:
    def __init__(self, grammar: Any) -> None:
        self.grammar = grammar
        self.fallback = HeuristicShape()
        self._nodes: dict[Path, Any] = {}

    def node(self, path: Path) -> Any:
        if len(path) > 1 and path[0] == "groups":
            path = path[1:]
        hit = self._nodes.get(path, _MISSING)
        if hit is not _MISSING:
            return hit
        node = self.grammar
        for tag in path:
            node = node.child(tag) if node is not None else None
            if node is None:
                break
        self._nodes[path] = node
        return node

    def keys(self, path: Path, elem: etree._Element) -> tuple[str, ...]:
        if path[:1] == ("groups",) and len(path) == 1:
            return self.fallback.keys(path, elem)
        n = self.node(path)
        if n is None or getattr(n, "passthrough", False):
            return self.fallback.keys(path, elem)
        return tuple(n.keys) if n.kind == "list" else ()

    def is_leaf_list(self, path: Path, elem: etree._Element) -> bool:
        n = self.node(path)
        if n is None or getattr(n, "passthrough", False):
            return self.fallback.is_leaf_list(path, elem)
        return bool(n.kind == "leaf-list")
