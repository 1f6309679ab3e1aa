# -*- coding: utf-8 -*-
# Copyright: (c) 2025, mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Grammar protocol, errors and XML helpers shared by the Junos syntax converters.

Standard library only: this code runs inside Ansible modules on the controller and targets.
A *grammar* is a tree of nodes describing which XML element is a container, a keyed list,
a leaf, a leaf-list or an empty leaf (flag), and which elements the CLI never names
(``nokeyword``). The hand-written ``SRD_GRAMMAR`` and the emulator's libyang-backed grammar
both implement this protocol, so the same converters serve the modules and the emulator.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Iterable, Optional

KINDS = frozenset({"container", "list", "leaf", "leaf-list", "flag"})

# Attributes (without namespace) that carry meaning in Junos XML edits and displays.
KEPT_ATTRIBUTES = frozenset(
    {"inactive", "active", "operation", "delete", "replace", "insert", "name", "key", "protect", "unprotect"}
)


class JunosSyntaxError(ValueError):
    """A statement the grammar does not accept; names the line so a user can fix the input.
    ``path``: the CLI words of the [edit ...] context where it failed; ``token``: the word at fault."""

    def __init__(self, message: str, line_no: int = 0, line: str = "",
                 path: Optional[list[str]] = None, token: Optional[str] = None):
        self.message = message
        self.line_no = line_no
        self.line = line
        self.path = list(path) if path is not None else None
        self.token = token
        where = f"line {line_no}: " if line_no else ""
        shown = f" (in: {line.strip()})" if line else ""
        super().__init__(f"{where}{message}{shown}")


@dataclass(eq=False)
class GrammarNode:
    """One schema node. ``keys`` name the list keys in XML order; the first key is always typed
    positionally after the list keyword, later keys need their keyword unless nokeyword.

    ``presence``: container that means something when empty. ``ordered``: ordered-by user.
    ``oneliner``: shown on one line in curly-brace text (``route X routing-instance R priority-cost 5;``).
    ``flatten``: container whose keyword the text display prefixes to each child (``family inet {``).
    ``passthrough``: unknown children are allowed and converted heuristically.
    ``values``: enumeration, used to pick among nokeyword children while parsing.
    """

    name: str
    kind: str
    keys: tuple[str, ...] = ()
    nokeyword: bool = False
    presence: bool = False
    ordered: bool = False
    oneliner: bool = False
    flatten: bool = False
    passthrough: bool = False
    values: tuple[str, ...] = ()
    guessed: bool = False
    _children: dict[str, "GrammarNode"] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown grammar kind {self.kind!r} for {self.name}")

    def child(self, name: str) -> Optional["GrammarNode"]:
        return self._children.get(name)

    def children(self) -> Iterable["GrammarNode"]:
        return self._children.values()

    def nokeyword_children(self) -> list["GrammarNode"]:
        """Children the CLI shows by value only (keys excluded: they are consumed with the list)."""
        return [c for c in self._children.values() if c.nokeyword and c.name not in self.keys]

    def add(self, *nodes: "GrammarNode") -> "GrammarNode":
        for node in nodes:
            self._children[node.name] = node
        return self


# ---------------------------------------------------------------------------------------------
# Grammar builders: keep SRD_GRAMMAR readable as nested calls.

def container(name: str, *children: GrammarNode, presence: bool = False, nokeyword: bool = False,
              oneliner: bool = False, flatten: bool = False, passthrough: bool = False) -> GrammarNode:
    return GrammarNode(name, "container", presence=presence, nokeyword=nokeyword, oneliner=oneliner,
                       flatten=flatten, passthrough=passthrough).add(*children)


def keyed_list(name: str, *children: GrammarNode, keys: tuple[str, ...] = ("name",), nokeyword: bool = False,
               ordered: bool = False, oneliner: bool = False, passthrough: bool = False,
               key_choices: tuple[str, ...] = ()) -> GrammarNode:
    """A list; key leaves are created unless given explicitly among ``children``."""
    node = GrammarNode(name, "list", keys=tuple(keys), nokeyword=nokeyword, ordered=ordered,
                       oneliner=oneliner, passthrough=passthrough)
    given = {c.name for c in children}
    for index, key in enumerate(keys):
        if key not in given:
            node.add(GrammarNode(key, "leaf", nokeyword=index == 0,
                                 values=key_choices if index == 0 else ()))
    return node.add(*children)


def leaf(name: str, *, nokeyword: bool = False, values: tuple[str, ...] = ()) -> GrammarNode:
    return GrammarNode(name, "leaf", nokeyword=nokeyword, values=tuple(values))


def leaf_list(name: str, *, ordered: bool = False, values: tuple[str, ...] = ()) -> GrammarNode:
    return GrammarNode(name, "leaf-list", ordered=ordered, values=tuple(values))


def flag(name: str) -> GrammarNode:
    return GrammarNode(name, "flag")


# ---------------------------------------------------------------------------------------------
# Protocol helpers (work for any object with the grammar attributes).

def node_child(node, name: str):
    return node.child(name) if node is not None else None


def nokeyword_children(node) -> list:
    if node is None:
        return []
    method = getattr(node, "nokeyword_children", None)
    if method is not None:
        return list(method())
    keys = tuple(getattr(node, "keys", ()) or ())
    return [c for c in node.children() if getattr(c, "nokeyword", False) and c.name not in keys]


def attr(node, name: str, default=False):
    return getattr(node, name, default) if node is not None else default


def accepts(node, token: str) -> bool:
    """Can ``token`` be the value of nokeyword ``node``? Enumerations restrict; lists take any key."""
    values = tuple(getattr(node, "values", ()) or ())
    if node.kind in ("leaf", "leaf-list") and values:
        return token in values
    if node.kind == "list" and node.keys:
        key = node.child(node.keys[0])
        choices = tuple(getattr(key, "values", ()) or ()) if key is not None else ()
        return not choices or token in choices
    return True


# ---------------------------------------------------------------------------------------------
# Heuristics for configuration the grammar does not know.

_KEYWORD_RE = re.compile(r"[a-z][a-z0-9_-]*\Z")


def looks_like_keyword(token: str) -> bool:
    """Junos keywords are lower-case words; names, numbers, addresses and interface names are not."""
    return bool(_KEYWORD_RE.match(token))


def guess_node(elem: ET.Element, parent: Optional[ET.Element] = None) -> GrammarNode:
    """Classify an element with no grammar: a first child <name> marks a list entry keyed by name,
    other elements with children are containers, text makes a leaf (leaf-list when the tag repeats),
    and an empty element is a flag."""
    kids = [c for c in elem if isinstance(c.tag, str)]
    if kids:
        if kids[0].tag == "name" and len(kids[0]) == 0:
            return GrammarNode(elem.tag, "list", keys=("name",), passthrough=True, guessed=True).add(
                GrammarNode("name", "leaf", nokeyword=True))
        return GrammarNode(elem.tag, "container", passthrough=True, guessed=True)
    text = (elem.text or "").strip()
    if text:
        if parent is not None and len(parent.findall(elem.tag)) > 1:
            return GrammarNode(elem.tag, "leaf-list", guessed=True)
        return GrammarNode(elem.tag, "leaf", guessed=True)
    return GrammarNode(elem.tag, "flag", guessed=True)


# ---------------------------------------------------------------------------------------------
# XML helpers.

def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else tag


def as_element(config) -> ET.Element:
    """Accept an ElementTree element, XML text/bytes, or an lxml element (duck-typed)."""
    if isinstance(config, ET.Element):
        return config
    if isinstance(config, (str, bytes)):
        return ET.fromstring(config)
    if hasattr(config, "getroottree") and hasattr(config, "tag"):
        return _copy_foreign(config)
    raise TypeError(f"expected an XML element or text, got {type(config).__name__}")


def _copy_foreign(elem) -> ET.Element:
    """An ElementTree copy of an lxml element, walked by its public API (no lxml import here)."""
    copy = ET.Element(elem.tag, dict(elem.attrib))
    copy.text, copy.tail = elem.text, elem.tail
    for child in elem:
        if isinstance(child.tag, str):  # lxml comments and processing instructions have callable tags
            copy.append(_copy_foreign(child))
    return copy


def strip_namespaces(elem) -> ET.Element:
    """Return a copy without namespaces, comments and device metadata (junos:changed-seconds,
    xmlns:junos ...). Junos edit/display attributes such as inactive and operation are kept."""
    source = as_element(elem)

    def copy(node: ET.Element) -> ET.Element:
        new = ET.Element(local_name(node.tag))
        for key, value in node.attrib.items():
            if "}" in key or ":" in key:
                if local_name(key) == "operation":  # NETCONF xc:operation
                    new.set("operation", value)
                continue
            if key in KEPT_ATTRIBUTES:
                new.set(key, value)
        kids = [c for c in node if isinstance(c.tag, str) and not is_junos_annotation(c)]
        if kids:
            for kid in kids:
                new.append(copy(kid))
        elif node.text is not None and node.text.strip():
            new.text = node.text.strip()
        return new

    return copy(source)


def is_junos_annotation(elem: ET.Element) -> bool:
    """<junos:comment> (``annotate``) is display decoration in the junos namespace, not configuration."""
    return elem.tag.startswith("{") and "xml.juniper.net/junos" in elem.tag and local_name(elem.tag) == "comment"


def canonical(elem, *, keep_order: bool = False) -> str:
    """A stable string for comparing configurations: namespaces, metadata, comments and whitespace
    dropped, attributes sorted. Sibling order is ignored unless ``keep_order`` (Junos returns
    configuration in schema order, which need not match the order something was rendered in)."""
    root = strip_namespaces(elem)

    def text(node: ET.Element) -> str:
        attrs = "".join(f' {k}="{v}"' for k, v in sorted(node.attrib.items()))
        kids = [text(c) for c in node]
        if not keep_order:
            kids.sort()
        body = "".join(kids) if kids else _xml_escape((node.text or "").strip())
        return f"<{node.tag}{attrs}>{body}</{node.tag}>"

    return text(root)


def _xml_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def element_children(elem: ET.Element) -> list[ET.Element]:
    return [c for c in elem if isinstance(c.tag, str)]


def operation_of(elem: ET.Element) -> Optional[str]:
    """The edit operation on an element: ``operation="..."`` or Junos' delete="delete"/replace="replace"."""
    op = elem.get("operation")
    if op:
        return op
    if elem.get("delete") == "delete":
        return "delete"
    if elem.get("replace") == "replace":
        return "replace"
    return None


def is_inactive(elem: ET.Element) -> bool:
    return elem.get("inactive") == "inactive"


def is_activated(elem: ET.Element) -> bool:
    return elem.get("active") == "active"


def find_configuration(elem: ET.Element) -> tuple[ET.Element, list[ET.Element]]:
    """Locate the <configuration> element (inside an rpc-reply too). A bare top-level hierarchy such
    as <services> is accepted and treated as the single child of a virtual <configuration>."""
    elem = as_element(elem)
    if local_name(elem.tag) == "configuration":
        return elem, element_children(elem)
    for node in elem.iter():
        if local_name(node.tag) == "configuration":
            return node, element_children(node)
    return elem, [elem]


def key_is_positional(gnode, index: int, key: str) -> bool:
    """Is list key ``key`` typed without its keyword? By default only the first key is."""
    key_node = gnode.child(key)
    if key_node is None:
        return index == 0
    return bool(key_node.nokeyword)


def key_values(gnode, elem: ET.Element) -> list[str]:
    values = []
    for key in gnode.keys:
        kid = elem.find(key)
        values.append((kid.text or "").strip() if kid is not None and kid.text is not None else "")
    return values
