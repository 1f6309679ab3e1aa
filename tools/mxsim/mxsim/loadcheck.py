"""Load-time syntax check of incoming XML: Junos refuses unknown statements when a configuration
is loaded, not at commit. Only done with the YANG grammar (schema on), and only below top-level
hierarchies the grammar knows and does not treat as pass-through."""

from __future__ import annotations

from typing import Any

from lxml import etree

from . import syntax
from .errors import Error, edit_path
from .xmlutil import children


def unknown_statements(config: etree._Element, limit: int = 20) -> list[Error]:
    grammar = syntax.active_yang_grammar()
    if grammar is None:
        return []
    errors: list[Error] = []
    for top in children(config):
        if top.tag == "groups":  # a group holds configuration as it would sit at the top
            words = ["groups", top.findtext("name") or ""]
            for inner in children(top):
                node = grammar.child(inner.tag)
                if node is not None and inner.tag not in ("name", "groups"):
                    _walk(inner, node, words + [inner.tag], errors, limit)
            continue
        node = grammar.child(top.tag)
        if node is not None:
            _walk(top, node, [top.tag], errors, limit)
    return errors


def _walk(elem: etree._Element, node: Any, words: list[str], errors: list[Error], limit: int) -> None:
    if getattr(node, "passthrough", False) or len(errors) >= limit:
        return
    kids = children(elem)
    if node.kind in ("leaf", "leaf-list", "flag"):
        if kids:
            errors.append(_syntax(words, kids[0].tag))
        return
    keys = tuple(getattr(node, "keys", ()) or ())
    for k in kids:
        child = node.child(k.tag)
        if child is None:
            errors.append(_syntax(words, k.tag))
            continue
        if k.tag in keys:
            continue
        label = [k.tag] + [(k.findtext(key) or "") for key in getattr(child, "keys", ()) or ()]
        _walk(k, child, words + [w for w in label if w], errors, limit)


def _syntax(words: list[str], bad: str) -> Error:
    return Error("syntax error", tag="unknown-element", type="protocol", path=edit_path(words), bad_element=bad)
