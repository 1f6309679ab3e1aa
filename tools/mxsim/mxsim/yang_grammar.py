"""The grammar side of mxsim.yang: libyang's schema tree seen through the collection's junos_syntax
grammar protocol, the CLI markers the plain models lack (nokeyword, oneliner), and the IP address
checks the published typedefs leave to the router."""

from __future__ import annotations

import ipaddress
from typing import Optional

from libyang.schema import SContainer, SLeaf, SLeafList, SList

# Generic CLI markers by path suffix (names below <configuration>), on top of SRD_GRAMMAR's markers.
NOKEYWORD_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("interfaces", "interface"),
    ("routing-instances", "instance"),
    ("prefix-list", "prefix-list-item"),
    ("file", "filename"),
    ("autonomous-system", "as-number"),
    ("route-distinguisher", "rd-type"),
    ("vrf-target", "community"),
    ("then", "next-hop", "address"),
    ("metric-value",),
    ("if-route-exists", "address"),
    ("if-route-exists", "address-family", "inet", "address"),
    ("if-route-exists", "address-family", "ccc", "address"),
)
ONELINER_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("traceoptions", "file"),
    ("autonomous-system",),
    ("route-distinguisher",),
    ("vrf-target",),
)
FLATTEN_NAMES = frozenset({"family"})
# First list keys that the CLI does name (`address-range low A high B`, `virtual-link neighbor-id N
# transit-area A`); every other first key is typed right after the list keyword.
KEYWORD_FIRST_KEYS = frozenset({"low", "neighbor-id"})


# ---------------------------------------------------------------------------------------------
# Grammar adapter over libyang's schema tree


class YangGrammarNode:
    """A schema node seen through the junos_syntax grammar protocol (children built lazily)."""

    __slots__ = (
        "name",
        "kind",
        "keys",
        "nokeyword",
        "presence",
        "ordered",
        "oneliner",
        "flatten",
        "passthrough",
        "values",
        "address_type",
        "_snode",
        "_path",
        "_children",
        "_markers",
        "_extra",
    )

    def __init__(self, snode, path: tuple[str, ...], markers: "_Markers", extra=None):
        self._snode = snode
        self._path = path
        self._markers = markers
        self._children: Optional[dict] = None
        self._extra = extra  # hand-made GrammarNode children merged in (system)
        self.name = snode.name()
        self.keys: tuple[str, ...] = ()
        self.presence = False
        self.ordered = False
        self.values: tuple[str, ...] = ()
        self.passthrough = False
        self.address_type: Optional[str] = None
        if isinstance(snode, SList):
            self.kind = "list"
            self.keys = tuple(k.name() for k in snode.keys())
            self.ordered = snode.ordered()
        elif isinstance(snode, SContainer):
            self.kind = "container"
            self.presence = snode.presence() is not None
        elif isinstance(snode, SLeafList):
            self.kind = "leaf-list"
            self.ordered = snode.ordered()
            self.values = _enum_values(snode.type())
            self.address_type = _address_type(snode.type())
        elif isinstance(snode, SLeaf):
            stype = snode.type()
            self.kind = "flag" if stype.basename() == "empty" else "leaf"
            self.values = _enum_values(stype)
            self.address_type = _address_type(stype)
        else:  # pragma: no cover - anydata/anyxml do not occur in the Junos conf models
            self.kind = "container"
            self.passthrough = True
        self.nokeyword = markers.nokeyword(path, self)
        self.oneliner = markers.oneliner(path, snode)
        self.flatten = self.kind == "container" and self.name in FLATTEN_NAMES

    def _load(self) -> dict:
        if self._children is None:
            children: dict = {}
            if self.kind in ("container", "list"):
                for snode in self._snode.children():
                    if snode.config_false():
                        continue
                    name = snode.name()
                    # a group holds the same hierarchies as the root, hand-made overlays included
                    extra = self._extra if not self._path and name == "groups" else None
                    node = YangGrammarNode(snode, self._path + (name,), self._markers, extra=extra)
                    if self.kind == "list" and name in self.keys:
                        positional = name == self.keys[0] and name not in KEYWORD_FIRST_KEYS
                        node.nokeyword = positional or self._markers.nokeyword(node._path, node)
                    children.setdefault(name, node)
            if self._extra:
                for node in self._extra:
                    children.setdefault(node.name, node)
            self._children = children
        return self._children

    def child(self, name: str):
        return self._load().get(name)

    def children(self):
        return self._load().values()

    def nokeyword_children(self) -> list:
        return [c for c in self._load().values() if c.nokeyword and c.name not in self.keys]

    def __repr__(self) -> str:
        return f"<YangGrammarNode {'/'.join(self._path) or '/'} {self.kind}>"


def _enum_values(stype) -> tuple[str, ...]:
    values: list[str] = []
    stack = [stype]
    while stack:
        current = stack.pop()
        name = current.basename()
        if name == "enumeration":
            values.extend(e.name() for e in current.enums())
        elif name == "union":
            stack.extend(current.union_types())
    return tuple(values)


# ---------------------------------------------------------------------------------------------
# Address types: the published typedefs (jt:ipv4addr, jt:ipv4prefix-mandatory ...) are bare strings,
# so libyang accepts any text; a router does not. These are checked here, in Python.


def _address_type(stype) -> Optional[str]:
    name = stype.name().split(":", 1)[-1]
    return name if name in ADDRESS_CHECKS else None


def _check_address(value: str, family: Optional[int], prefix: str) -> Optional[str]:
    """None when ``value`` is valid; else what is wrong. ``prefix``: "no" | "optional" | "mandatory"."""
    if value.startswith("$") or "<" in value or "*" in value:  # variables and group wildcards
        return None
    text, has_length = value, "/" in value
    try:
        if prefix == "no" or not has_length:
            if prefix == "mandatory":
                return "prefix length required"
            address = ipaddress.ip_address(text)
        else:
            address = ipaddress.ip_interface(text)
    except ValueError:
        return "not an IP address" if prefix == "no" else "not an IP prefix"
    if family and address.version != family:
        return f"not an IPv{family} {'address' if prefix == 'no' else 'prefix'}"
    return None


ADDRESS_CHECKS: dict[str, tuple[Optional[int], str]] = {
    "ipv4addr": (4, "no"),
    "ipv4prefix": (4, "optional"),
    "ipv4prefix-mandatory": (4, "mandatory"),
    "ipv4prefix-only": (4, "mandatory"),
    "ipv6addr": (6, "no"),
    "ipv6prefix": (6, "optional"),
    "ipv6prefix-mandatory": (6, "mandatory"),
    "ipv6prefix-only": (6, "mandatory"),
    "ipaddr": (None, "no"),
    "ipprefix": (None, "optional"),
    "ipprefix-mandatory": (None, "mandatory"),
    "ipprefix-only": (None, "mandatory"),
}


class _Markers:
    """CLI markers the plain models lack: SRD_GRAMMAR's (by path) plus generic suffix rules."""

    def __init__(self, grammar) -> None:
        self.nokeyword_paths: set[tuple[str, ...]] = set(NOKEYWORD_SUFFIXES)
        self.oneliner_paths: set[tuple[str, ...]] = set(ONELINER_SUFFIXES)
        self._collect(grammar, ())

    def _collect(self, node, path: tuple[str, ...]) -> None:
        for child in node.children():
            child_path = path + (child.name,)
            keys = tuple(getattr(node, "keys", ()) or ())
            if child.nokeyword and not (keys and child.name == keys[0]):
                self.nokeyword_paths.add(child_path)
            if getattr(child, "oneliner", False):
                self.oneliner_paths.add(child_path)
            self._collect(child, child_path)

    @staticmethod
    def _match(path: tuple[str, ...], suffixes: set[tuple[str, ...]]) -> bool:
        return any(path[-len(s) :] == s for s in suffixes if len(s) <= len(path))

    def nokeyword(self, path: tuple[str, ...], node: YangGrammarNode) -> bool:
        if node.kind == "leaf" and len(path) >= 2 and path[-1] == path[-2]:
            return True  # `local-preference 200` -> <local-preference><local-preference>200</...>
        return self._match(path, self.nokeyword_paths)

    def oneliner(self, path: tuple[str, ...], snode) -> bool:
        """Containers that hold a value shown after the keyword (``preference 200;``) are oneliners."""
        if self._match(path, self.oneliner_paths):
            return True
        if path and isinstance(snode, SContainer):
            names = {c.name() for c in snode.children() if isinstance(c, SLeaf)}
            return path[-1] in names or "metric-value" in names
        return False


