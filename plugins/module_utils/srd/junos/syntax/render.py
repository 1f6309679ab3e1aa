# -*- coding: utf-8 -*-
# Copyright: (c) 2025, mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos XML -> ``set`` lines and curly-brace text, as ``show configuration`` prints them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import (
    element_children,
    find_configuration,
    guess_node,
    is_activated,
    is_inactive,
    key_is_positional,
    key_values,
    node_child,
    operation_of,
    strip_namespaces,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.lexer import quote

INDENT = "    "


def child_node(gnode, elem: ET.Element, parent: ET.Element):
    """Grammar node for ``elem`` under ``gnode``, guessed when the grammar has none."""
    found = node_child(gnode, elem.tag)
    return found if found is not None else guess_node(elem, parent)


def statement_tokens(gnode, elem: ET.Element, *, with_value: bool = True) -> list[str]:
    """The CLI words that name ``elem`` (keyword unless nokeyword, then keys or value), unquoted."""
    words = [] if gnode.nokeyword else [gnode.name]
    if gnode.kind == "list":
        for index, (key, value) in enumerate(zip(gnode.keys, key_values(gnode, elem))):
            if elem.find(key) is None:
                break  # `delete interfaces`: the whole list, no entry named
            if not key_is_positional(gnode, index, key):
                words.append(key)
            words.append(value)
    elif gnode.kind in ("leaf", "leaf-list") and with_value:
        text = (elem.text or "").strip()
        if text:
            words.append(text)
    return words


def content_children(gnode, elem: ET.Element) -> list[ET.Element]:
    """Children other than list keys (keys are part of the entry's own statement)."""
    kids = element_children(elem)
    if gnode.kind == "list":
        kids = [k for k in kids if k.tag not in gnode.keys]
    return kids


def _join(words: list[str]) -> str:
    return " ".join(quote(w) for w in words)


# ---------------------------------------------------------------------------------------------
# set lines

def to_set(config, grammar=None) -> list[str]:
    """Canonical ``set`` lines (plus ``deactivate``/``activate``/``delete`` lines for elements carrying
    inactive/active/operation="delete"), in document order, as ``show configuration | display set``."""
    root, tops = find_configuration(strip_namespaces(config))
    out: list[str] = []
    for top in tops:
        _set_walk(top, root, grammar, [], out)
    return out


def _set_walk(elem: ET.Element, parent: ET.Element, gparent, path: list[str], out: list[str]) -> None:
    gnode = child_node(gparent, elem, parent)
    words = path + statement_tokens(gnode, elem)
    op = operation_of(elem)
    if op == "delete":
        out.append("delete " + _join(words))
        return
    kids = content_children(gnode, elem) if gnode.kind in ("container", "list") else []
    if kids:
        for kid in kids:
            _set_walk(kid, elem, gnode, words, out)
    elif not (gnode.kind in ("leaf", "leaf-list") and not (elem.text or "").strip()):
        out.append("set " + _join(words))  # a valueless leaf only carries deactivate/activate
    if is_inactive(elem) or is_activated(elem):
        verb = "deactivate " if is_inactive(elem) else "activate "
        target = words if gnode.kind != "leaf" else path + statement_tokens(gnode, elem, with_value=False)
        out.append(verb + _join(target))


# ---------------------------------------------------------------------------------------------
# curly-brace text

def to_text(config, grammar=None) -> str:
    """Curly-brace text as ``show configuration`` prints it (4-space indent, ``inactive:`` tags,
    leaf-lists as ``name [ a b ];``, nokeyword list entries by key only)."""
    root, tops = find_configuration(strip_namespaces(config))
    lines: list[str] = []
    render_children(grammar, root, tops, 0, lines)
    return "".join(line + "\n" for line in lines)


def _tag_prefix(elem: ET.Element) -> str:
    op = operation_of(elem)
    prefix = ""
    if op in ("delete", "replace"):
        prefix += op + ": "
    if is_inactive(elem):
        prefix += "inactive: "
    elif is_activated(elem):
        prefix += "active: "
    return prefix


def render_children(gnode, elem: ET.Element, kids: list[ET.Element], depth: int, lines: list[str]) -> None:
    """Render ``kids`` (children of ``elem`` under grammar ``gnode``) at ``depth``; groups leaf-lists."""
    done: set[int] = set()
    for index, kid in enumerate(kids):
        if index in done:
            continue
        knode = child_node(gnode, kid, elem)
        if knode.kind == "leaf-list" and not kid.attrib:
            group = [j for j in range(index, len(kids))
                     if kids[j].tag == kid.tag and not kids[j].attrib]
            done.update(group)
            values = [(kids[j].text or "").strip() for j in group]
            words = [] if knode.nokeyword else [knode.name]
            if len(values) > 1:
                body = " ".join(words + ["["] + [quote(v) for v in values] + ["]"])
            else:
                body = _join(words + values)
            lines.append(INDENT * depth + body + ";")
            continue
        render_element(knode, kid, depth, lines)


def render_element(gnode, elem: ET.Element, depth: int, lines: list[str], lead: tuple[str, ...] = ()) -> None:
    """Render one statement (and its block) at ``depth``; ``lead`` are words of a flattened parent."""
    pad = INDENT * depth
    kids = content_children(gnode, elem) if gnode.kind in ("container", "list") else []
    if kids and getattr(gnode, "flatten", False) and not elem.attrib:
        words = tuple(lead) + tuple(statement_tokens(gnode, elem))
        for kid in kids:
            render_element(child_node(gnode, kid, elem), kid, depth, lines, words)
        return
    head = _tag_prefix(elem) + _join(list(lead) + statement_tokens(gnode, elem))
    if not kids:
        lines.append(pad + head + ";")
        return
    inline = _oneliner_words(gnode, elem, kids) if getattr(gnode, "oneliner", False) else None
    if inline is not None:
        lines.append(pad + head + (" " + inline if inline else "") + ";")
        return
    lines.append(pad + head + " {")
    render_children(gnode, elem, kids, depth + 1, lines)
    lines.append(pad + "}")


def _oneliner_words(gnode, elem: ET.Element, kids: list[ET.Element]) -> Optional[str]:
    """Children of a oneliner statement as words, or None when one cannot go on a single line."""
    words: list[str] = []
    for kid in kids:
        knode = child_node(gnode, kid, elem)
        if knode.kind not in ("leaf", "flag", "leaf-list") or kid.attrib:
            return None
        words.extend(statement_tokens(knode, kid))
    return _join(words)
