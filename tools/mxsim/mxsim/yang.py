"""Juniper's published 24.4R1 YANG, loaded once per process through libyang.

Two jobs: (1) ``JunosYang.validate`` checks native Junos configuration XML (no namespaces) against
the models, so the emulated pair refuses what a router's schema refuses; (2) ``JunosYang.grammar``
exposes libyang's schema tree through the grammar protocol of the collection's junos_syntax module,
so the emulator converts *any* modelled configuration to and from ``set`` lines and curly-brace text.

The plain models carry no CLI markers (nokeyword, oneliner ...). Those come from SRD_GRAMMAR (the
hand-written grammar, by path) plus a few generic Junos rules (``NOKEYWORD_SUFFIXES`` and friends).
``system`` is not in the published set; a small hand-made overlay provides ``system host-name`` and
``domain-name``; validation skips hierarchies without a model and reports them as unchecked.

This file loads the models and validates; ``yang_grammar`` adapts the schema tree to the grammar
protocol, and ``yang_xml`` prepares the XML for libyang and maps its errors back.
"""

from __future__ import annotations

import os
import re
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import libyang
from _libyang import ffi, lib
from libyang.util import c2str, str2c

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import SRD_GRAMMAR
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import element_children, guess_node

from .yang_grammar import ADDRESS_CHECKS, YangGrammarNode, _check_address, _Markers
from .yang_xml import (
    _enable_error_paths,
    _namespace,
    _parent_map,
    _prepare,
    _remove,
    _resolve,
    _serialise,
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
MAX_ERRORS = 20

def default_yang_dir() -> Path:
    """$MXHA_JUNOS_YANG, else the first of :func:`yang_dir_candidates` that exists (else the first)."""
    env = os.environ.get("MXHA_JUNOS_YANG")
    if env:
        return Path(env)
    candidates = yang_dir_candidates(Path(__file__).resolve().parents[3])  # tools/mxsim/mxsim/yang.py
    return next((c for c in candidates if c.is_dir()), candidates[0])


def yang_dir_candidates(repo: Path) -> list[Path]:
    """shared/junos-yang/24.4R1 beside the repository; then beside the local repository it was cloned
    from, so that a clone made anywhere (a temporary directory, say) finds the same models."""
    candidates = [repo.parent / "shared" / "junos-yang" / YANG_REVISION_DIR]
    origin = _local_origin(repo)
    if origin is not None:
        candidates.append(origin.parent / "shared" / "junos-yang" / YANG_REVISION_DIR)
    return candidates


def _local_origin(repo: Path) -> Optional[Path]:
    """The ``origin`` remote of the repository's .git/config when it is a local directory."""
    try:
        text = (repo / ".git" / "config").read_text()
    except OSError:
        return None
    match = re.search(r'\[remote "origin"\][^\[]*?^\s*url\s*=\s*(.+?)\s*$', text, re.MULTILINE)
    if not match:
        return None
    url = match.group(1)
    url = url[len("file://"):] if url.startswith("file://") else url
    path = Path(url)
    return path if path.is_absolute() and path.is_dir() else None


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
                "set MXHA_JUNOS_YANG to the 24.4R1 directory of Juniper's published models (by default they are "
                "looked for in shared/junos-yang/24.4R1 beside the repository, or beside the one it was cloned from)"
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
        from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.lexer import quote
        from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.render import statement_tokens

        chain = self._chain(elem, parents)
        words: list[str] = []
        for item, gnode in chain[1:-1]:
            words.extend(statement_tokens(gnode, item))
        item, gnode = chain[-1]
        bad = " ".join(statement_tokens(gnode, item)) if len(chain) > 1 else item.tag
        return "[edit" + "".join(" " + quote(w) for w in words) + "]", bad or item.tag


