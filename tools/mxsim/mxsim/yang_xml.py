"""The XML side of mxsim.yang: native Junos configuration XML made ready for libyang (namespaces,
deleted statements dropped) and libyang's error paths resolved back to the elements at fault."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterator, Optional

from _libyang import lib
from libyang.util import c2str

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import (
    as_element,
    is_junos_annotation,
    local_name,
    operation_of,
)

NS_BASE = "http://yang.juniper.net/junos/conf/"

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
