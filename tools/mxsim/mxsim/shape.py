"""What kind of schema node a configuration element is: list entry (with keys), leaf-list or other.

Merging, filtering and JSON output need to know how to identify an element among its siblings.
The schema (YANG grammar from mxsim.syntax) answers exactly; without it a heuristic that follows
Junos conventions (keys come first, the usual key is <name>) covers nearly every case.
"""

from __future__ import annotations

from typing import Protocol

from lxml import etree

from .xmlutil import children

Path = tuple[str, ...]

# (parent tag, tag) -> key leaf names, for multi-key lists the heuristic cannot guess.
KNOWN_KEYS: dict[tuple[str, str], tuple[str, ...]] = {
    ("track", "route"): ("route_address", "routing-instance"),
}
# Leaf tags that are leaf-lists in the Junos schema (values accumulate on merge).
KNOWN_LEAF_LISTS = frozenset(
    {
        "apply-groups",
        "apply-groups-except",
        "redundancy-events",
        "redundancy-policy",
        "redundancy-group-id-list",
        "members",
        "import",
        "export",
        "community",
        "condition",
        "virtual-address",
        "policy",
        "vlan-id-list",
    }
)


class Shape(Protocol):
    def keys(self, path: Path, elem: etree._Element) -> tuple[str, ...]:
        """Key leaf names when `elem` (at `path`, its own tag last) is a list entry, else ()."""

    def is_leaf_list(self, path: Path, elem: etree._Element) -> bool:
        """True when `elem` is one value of a leaf-list."""


class HeuristicShape:
    """Schema-free guesses following Junos XML conventions."""

    def keys(self, path: Path, elem: etree._Element) -> tuple[str, ...]:
        kids = children(elem)
        if not kids:
            return ()
        parent = path[-2] if len(path) > 1 else ""
        known = KNOWN_KEYS.get((parent, elem.tag))
        if known and kids[0].tag == known[0]:
            return known
        if kids[0].tag == "name" and not children(kids[0]):
            return ("name",)
        return ()

    def is_leaf_list(self, path: Path, elem: etree._Element) -> bool:
        if children(elem):
            return False
        if elem.tag in KNOWN_LEAF_LISTS:
            return True
        parent = elem.getparent()
        if parent is None:
            return False
        return sum(1 for c in parent if c.tag == elem.tag) > 1


_current: Shape = HeuristicShape()


def current() -> Shape:
    return _current


def install(shape: Shape) -> None:
    """Use a schema-backed shape (set once the YANG grammar is loaded)."""
    global _current
    _current = shape
