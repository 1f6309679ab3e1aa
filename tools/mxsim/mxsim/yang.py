"""Juniper's published 24.4R1 YANG, loaded once per process through libyang.

Two jobs: (1) ``JunosYang.validate`` checks native Junos configuration XML (no namespaces) against
the models, so the emulated pair refuses what a router's schema refuses; (2) ``JunosYang.grammar``
exposes libyang's schema tree through the grammar protocol of the collection's junos_syntax module,
so the emulator converts *any* modelled configuration to and from ``set`` lines and curly-brace text.

The plain models carry no CLI markers (nokeyword, oneliner ...). Those come from SRD_GRAMMAR (the
hand-written grammar, by path) plus a few generic Junos rules (``NOKEYWORD_SUFFIXES`` and friends).
``system`` is not in the published set; a small hand-made overlay provides ``system host-name`` and
``domain-name``; validation skips hierarchies without a model and reports them as unchecked.
"""

from __future__ import annotations

import ipaddress
import os
import re
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

import libyang
from _libyang import ffi, lib
from libyang.schema import SContainer, SLeaf, SLeafList, SList
from libyang.util import c2str, str2c

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos_syntax import SRD_GRAMMAR
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos_syntax_core import (
    as_element,
    element_children,
    guess_node,
    is_junos_annotation,
    local_name,
    operation_of,
)

# Hierarchies the emulator needs (the two huge ones, system and logical-systems, are not published).
MODULES = (
    "root",
    "interfaces",
    "event-options",
    "policy-options",
    "services",
    "protocols",
    "routing-instances",
    "routing-options",
    "chassis",
    "snmp",
)
YANG_REVISION_DIR = "24.4R1"
NS_BASE = "http://yang.juniper.net/junos/conf/"
MAX_ERRORS = 20

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


def default_yang_dir() -> Path:
    """$MXHA_JUNOS_YANG, else <repo>/../shared/junos-yang/24.4R1 (this file is tools/mxsim/mxsim/yang.py)."""
    env = os.environ.get("MXHA_JUNOS_YANG")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "junos-yang" / YANG_REVISION_DIR


# ---------------------------------------------------------------------------------------------
# Errors


@dataclass
class YangError:
    """One schema violation. ``path``: Junos data path with list keys, e.g.
    ``/configuration/services/redundancy-set/rs-id-object[name='101']``; ``edit_path``: the CLI
    context as Junos prints it in rpc-errors (``[edit services redundancy-set]``); ``bad_element``:
    the statement or value at fault."""

    path: str
    message: str
    edit_path: str = "[edit]"
    bad_element: Optional[str] = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class YangErrors(list):
    """The errors of one validation (a list of YangError) plus the top-level hierarchies that
    were not checked because no model for them is loaded (``unchecked``)."""

    def __init__(self, errors: Iterable[YangError] = (), unchecked: Iterable[str] = ()):
        super().__init__(errors)
        self.unchecked: tuple[str, ...] = tuple(unchecked)


class YangModelsMissing(RuntimeError):
    """The YANG directory is not there (set MXHA_JUNOS_YANG or provide ../shared/junos-yang)."""


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


# ---------------------------------------------------------------------------------------------
# The models


class JunosYang:
    """The loaded 24.4R1 models. Use ``JunosYang.shared()``: loading takes seconds."""

    _instances: dict[tuple[str, tuple[str, ...]], "JunosYang"] = {}
    _class_lock = threading.Lock()

    @classmethod
    def shared(cls, yang_dir: Optional[os.PathLike | str] = None) -> "JunosYang":
        """The process-wide instance for ``yang_dir`` (default: see default_yang_dir)."""
        directory = str(Path(yang_dir) if yang_dir else default_yang_dir())
        key = (directory, MODULES)
        with cls._class_lock:
            instance = cls._instances.get(key)
            if instance is None:
                instance = cls(directory)
                cls._instances[key] = instance
            return instance

    def __init__(self, yang_dir: Optional[os.PathLike | str] = None, modules: Iterable[str] = MODULES):
        self.yang_dir = Path(yang_dir) if yang_dir else default_yang_dir()
        conf, common = self.yang_dir / "conf", self.yang_dir / "common"
        if not (conf / "junos-conf-root@2024-01-01.yang").is_file() or not common.is_dir():
            raise YangModelsMissing(
                f"Junos YANG models not found in {self.yang_dir} (expected conf/ and common/); "
                "set MXHA_JUNOS_YANG to the 24.4R1 directory of Juniper's published models"
            )
        started = time.monotonic()
        self._lock = threading.RLock()
        _enable_error_paths()
        # Explicit compilation: compiling once after loading everything is ~8x faster than
        # libyang's default of recompiling the context after every module.
        self.context = libyang.Context(f"{common}:{conf}", explicit_compile=True)
        self.modules = tuple(modules)
        for name in self.modules:
            self.context.load_module(f"junos-conf-{name}")
        self.context.compile_schema()
        self.load_seconds = time.monotonic() - started
        self._root = next(self.context.find_path("/junos-conf-root:configuration"))
        self._namespaces = {s.name(): _namespace(s) for s in self._root.children()}
        markers = _Markers(SRD_GRAMMAR)
        system = SRD_GRAMMAR.child("system")
        self.grammar = YangGrammarNode(self._root, (), markers, extra=[system] if system is not None else None)

    # -- validation -----------------------------------------------------------------------------
    @property
    def modelled(self) -> frozenset[str]:
        """Element names allowed directly under <configuration> by the loaded models."""
        return frozenset(self._namespaces)

    def validate(self, config, max_errors: int = MAX_ERRORS) -> YangErrors:
        """Schema errors of a native Junos configuration (``<configuration>`` or one top-level
        hierarchy; ElementTree, lxml or text). Top-level hierarchies without a model are skipped
        and listed in the result's ``unchecked``. Several errors are collected by removing each
        offending element and validating again (libyang stops at the first error)."""
        root = _prepare(config)
        unchecked = []
        for child in element_children(root):
            if child.tag not in self._namespaces:
                unchecked.append(child.tag)
                root.remove(child)
        for group in root.findall("groups"):  # each group holds hierarchies of its own
            for child in element_children(group):
                if child.tag != "name" and child.tag not in self._namespaces:
                    unchecked.append(f"groups/{child.tag}")
                    group.remove(child)
        errors: list[YangError] = []
        with self._lock:
            while len(errors) < max_errors:
                found = self._first_error(root)
                if found is None:
                    break
                error, culprit = found
                errors.append(error)
                if culprit is None or culprit is root:
                    break
                _remove(root, culprit)
            if len(errors) < max_errors:
                errors.extend(self._address_errors(root)[: max_errors - len(errors)])
        return YangErrors(errors, sorted(set(unchecked)))

    def _address_errors(self, root: ET.Element) -> list[YangError]:
        """Values of address-typed leaves that are not addresses/prefixes of the right family."""
        found: list[ET.Element] = []
        problems: dict[int, str] = {}

        def walk(elem: ET.Element, gnode) -> None:
            for child in elem:
                cnode = gnode.child(child.tag) if gnode is not None else None
                if cnode is None:
                    continue
                kind_of = getattr(cnode, "address_type", None)
                if kind_of and child.text:
                    family, prefix = ADDRESS_CHECKS[kind_of]
                    problem = _check_address(child.text, family, prefix)
                    if problem:
                        found.append(child)
                        problems[id(child)] = f'Invalid value "{child.text}" for {kind_of}: {problem}.'
                if len(child):
                    walk(child, cnode)

        walk(root, self.grammar)
        parents = _parent_map(root)
        errors = []
        for elem in found:
            culprit = self._entry_for_key(elem, parents)
            edit, bad = self._edit_path(culprit, parents)
            errors.append(YangError(self._data_path(culprit, parents), problems[id(elem)], edit, bad))
        return errors

    def _first_error(self, root: ET.Element) -> Optional[tuple[YangError, Optional[ET.Element]]]:
        _enable_error_paths()
        text, lines = _serialise(root, self._namespaces)
        data = ffi.new("struct ly_in **")
        keep = str2c(text)
        if lib.ly_in_new_memory(keep, data) != lib.LY_SUCCESS:  # pragma: no cover
            raise RuntimeError("libyang could not read the input")
        tree = ffi.new("struct lyd_node **")
        parse = lib.LYD_PARSE_STRICT | lib.LYD_PARSE_NO_STATE
        valid = lib.LYD_VALIDATE_NO_STATE | lib.LYD_VALIDATE_PRESENT
        lib.ly_err_clean(self.context.cdata, ffi.NULL)
        ret = lib.lyd_parse_data(self.context.cdata, ffi.NULL, data[0], lib.LYD_XML, parse, valid, tree)
        lib.ly_in_free(data[0], 0)
        if tree[0] != ffi.NULL:
            lib.lyd_free_all(tree[0])
        items = []
        err = lib.ly_err_first(self.context.cdata)
        while err:
            items.append((c2str(err.msg) if err.msg else "", c2str(err.path) if err.path else ""))
            err = err.next
        lib.ly_err_clean(self.context.cdata, ffi.NULL)
        if ret == lib.LY_SUCCESS:
            return None
        message, where = items[-1] if items else ("invalid configuration", "")
        if items and not items[-1][1]:
            message, where = next(((m, w) for m, w in items if w), items[-1])
        return self._locate(root, lines, message, where)

    def _locate(self, root, lines, message, where) -> tuple[YangError, Optional[ET.Element]]:
        """Turn libyang's 'Data location "...", line number N.' into the element at fault."""
        culprit = None
        line_match = re.search(r"line number (\d+)", where)
        if line_match:
            culprit = lines.get(int(line_match.group(1)))
        path_match = re.search(r'(?:Data|Schema) location "([^"]+)"', where)
        ly_path = path_match.group(1) if path_match else ""
        if culprit is None and ly_path:
            culprit = _resolve(root, ly_path)
        if culprit is not None and "not found as a child" in message:
            name = re.search(r'Node "([^"]+)"', message)
            if name and culprit.tag != name.group(1):
                culprit = next((c for c in culprit if c.tag == name.group(1)), culprit)
        parents = _parent_map(root)
        if culprit is not None:
            culprit = self._entry_for_key(culprit, parents)
            path = self._data_path(culprit, parents)
            edit, bad = self._edit_path(culprit, parents)
        else:
            path = re.sub(r"/[a-z0-9-]+:", "/", ly_path) or "/configuration"
            edit, bad = "[edit]", None
        return YangError(path, message, edit, bad), culprit

    # -- paths ----------------------------------------------------------------------------------------
    def _chain(self, elem: ET.Element, parents: dict) -> list[tuple[ET.Element, object]]:
        chain = []
        node = elem
        while node is not None:
            chain.append(node)
            node = parents.get(node)
        chain.reverse()
        out = []
        gnode = self.grammar
        for index, item in enumerate(chain):
            if index > 0:
                found = gnode.child(item.tag) if gnode is not None else None
                gnode = found if found is not None else guess_node(item)
            out.append((item, gnode))
        return out

    def _entry_for_key(self, elem: ET.Element, parents: dict) -> ET.Element:
        """A bad list key is reported (and removed) as the whole entry."""
        parent = parents.get(elem)
        if parent is None:
            return elem
        chain = self._chain(parent, parents)
        gparent = chain[-1][1]
        if getattr(gparent, "kind", "") == "list" and elem.tag in gparent.keys:
            return parent
        return elem

    def _data_path(self, elem: ET.Element, parents: dict) -> str:
        steps = []
        for item, gnode in self._chain(elem, parents):
            step = item.tag
            if getattr(gnode, "kind", "") == "list":
                step += "".join(f"[{k}='{item.findtext(k) or ''}']" for k in gnode.keys)
            steps.append(step)
        return "/" + "/".join(steps)

    def _edit_path(self, elem: ET.Element, parents: dict) -> tuple[str, str]:
        from ansible_collections.mxha.srd.plugins.module_utils.srd.junos_syntax_lexer import quote
        from ansible_collections.mxha.srd.plugins.module_utils.srd.junos_syntax_render import statement_tokens

        chain = self._chain(elem, parents)
        words: list[str] = []
        for item, gnode in chain[1:-1]:
            words.extend(statement_tokens(gnode, item))
        item, gnode = chain[-1]
        bad = " ".join(statement_tokens(gnode, item)) if len(chain) > 1 else item.tag
        return "[edit" + "".join(" " + quote(w) for w in words) + "]", bad or item.tag


# ---------------------------------------------------------------------------------------------
# XML preparation


def _enable_error_paths() -> None:
    """Stored libyang errors carry the data path and line only when the log callback's path flag
    is on; it is process-global (libyang.configure_logging resets it), so it is set before each use."""
    lib.ly_log_options(lib.LY_LOSTORE)
    lib.ly_set_log_clb(lib.lypy_log_cb, True)


def _namespace(snode) -> str:
    module = snode.module()
    try:
        ns = c2str(module.cdata.ns)
    except Exception:  # pragma: no cover - cdata layout differs between libyang versions
        ns = None
    return ns or NS_BASE + module.name().replace("junos-conf-", "")


def _prepare(config) -> ET.Element:
    """A namespace-free, attribute-free copy of the <configuration>, without deleted statements."""
    elem = as_element(config)
    source = None
    if local_name(elem.tag) == "configuration":
        source = elem
    else:
        source = next((n for n in elem.iter() if local_name(n.tag) == "configuration"), None)
    root = ET.Element("configuration")
    if source is None:
        root.append(_copy(elem))
    else:
        for child in source:
            if isinstance(child.tag, str):
                copied = _copy(child)
                if copied is not None:
                    root.append(copied)
    return root


def _copy(elem: ET.Element) -> Optional[ET.Element]:
    if operation_of(elem) == "delete":
        return None
    new = ET.Element(local_name(elem.tag))
    kids = [c for c in elem if isinstance(c.tag, str) and not is_junos_annotation(c)]
    for kid in kids:
        copied = _copy(kid)
        if copied is not None:
            new.append(copied)
    if not kids and elem.text and elem.text.strip():
        new.text = elem.text.strip()
    return new


def _serialise(root: ET.Element, namespaces: dict[str, str]) -> tuple[str, dict[int, ET.Element]]:
    """XML with one start tag per line (so libyang's line numbers name an element), plus the
    namespaces the models need: root's on <configuration>, each hierarchy's on its top element."""
    out: list[str] = []
    lines: dict[int, ET.Element] = {}

    def esc(value: str) -> str:
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def emit(elem: ET.Element, ns: Optional[str]) -> None:
        lines[len(out) + 1] = elem
        attr = f' xmlns="{ns}"' if ns else ""
        kids = list(elem)
        if not kids:
            if elem.text:
                out.append(f"<{elem.tag}{attr}>{esc(elem.text)}</{elem.tag}>")
            else:
                out.append(f"<{elem.tag}{attr}/>")
            return
        out.append(f"<{elem.tag}{attr}>")
        for kid in kids:
            emit(kid, None)
        out.append(f"</{elem.tag}>")

    lines[1] = root
    out.append(f'<configuration xmlns="{NS_BASE}root">')
    for top in root:
        if top.tag == "groups" and len(top):
            lines[len(out) + 1] = top
            out.append("<groups>")
            for kid in top:  # a group's hierarchies are augmented from their own modules
                emit(kid, namespaces.get(kid.tag) if kid.tag != "name" else None)
            out.append("</groups>")
        else:
            emit(top, namespaces.get(top.tag))
    out.append("</configuration>")
    return "\n".join(out), lines


def _parent_map(root: ET.Element) -> dict:
    return {child: parent for parent in root.iter() for child in parent}


def _remove(root: ET.Element, culprit: ET.Element) -> None:
    parents = _parent_map(root)
    parent = parents.get(culprit)
    if parent is not None:
        parent.remove(culprit)


_STEP = re.compile(r"([^/\[]+)((?:\[[^\]]*\])*)")
_PRED = re.compile(r"\[([^=\]]+)='([^']*)'\]")


def _resolve(root: ET.Element, ly_path: str) -> Optional[ET.Element]:
    """Find the element a libyang data path (module prefixes, key predicates) points to."""
    node = root
    steps = _STEP.findall(ly_path.strip("/"))
    for index, (name, preds) in enumerate(steps):
        name = name.split(":", 1)[-1]
        if index == 0:
            if name != "configuration":
                return None
            continue
        wanted = [(k.split(":", 1)[-1], v) for k, v in _PRED.findall(preds)]
        match = next((c for c in node if c.tag == name and all(c.findtext(k) == v for k, v in wanted)), None)
        if match is None:
            return node
        node = match
    return node


def iter_schema(node, depth: int = 0, max_depth: int = 99) -> Iterator[tuple[int, object]]:
    """Walk a grammar (depth-first), for tests and debugging."""
    yield depth, node
    if depth < max_depth:
        for child in node.children():
            yield from iter_schema(child, depth + 1, max_depth)
