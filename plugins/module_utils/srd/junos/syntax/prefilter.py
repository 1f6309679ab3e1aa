# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cut a whole router configuration (set lines or curly-brace text) down to its SRD part.

Why: a real backup holds thousands of statements (BGP, firewall filters,
NAT rules ...) that the SRD grammar of :mod:`srd.junos.syntax` does not know and
need not know.  Before parsing, keep only the statements under the SRD
hierarchies (and ``apply-groups``), and split ``groups`` out so each group's
content is parsed with the same grammar as the root.  Tokenising is
:mod:`lexer`'s; this module only selects statements.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos import syntax as junos_syntax
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import JunosSyntaxError
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.lexer import (
    Punct, quote, split_set_line, tokenize_text,
)

ANY = "*"
PATTERNS: tuple[tuple[str, ...], ...] = (
    ("event-options", "redundancy-event"),
    ("policy-options", "redundancy-policy"),
    ("policy-options", "condition"),
    ("services", "redundancy-set"),
    ("services", "service-set", ANY, "redundancy-set-id"),
    ("services", "service-set", ANY, "replicate-services"),
    ("interfaces", ANY, "redundancy-options"),
    ("interfaces", ANY, "unit", ANY, "family", "inet", "address", ANY, "vrrp-group", ANY, "virtual-address"),
    ("interfaces", ANY, "unit", ANY, "family", "inet", "address", ANY, "vrrp-group", ANY, "priority"),
    ("interfaces", ANY, "unit", ANY, "family", "inet", "address", ANY, "vrrp-group", ANY, "track", "route"),
    ("protocols", "iccp"),
    ("routing-instances", ANY, "instance-type"),
)
"""Statement paths (words, ``*`` = any one word) that hold SRD statements."""

ANCHORS: tuple[tuple[str, ...], ...] = (("routing-instances", ANY),)
"""Statements kept for themselves but not for everything below them (an instance's name)."""

APPLY = ("apply-groups", "apply-groups-except")
TAGS = ("inactive:", "active:", "protect:", "replace:", "delete:")
VERBS = ("set", "deactivate", "activate", "delete", "protect", "unprotect")


def _word_match(pattern: str, word: str) -> bool:
    return pattern == ANY or pattern == word


def relevance(path: list[str]) -> str:
    """``keep`` (an SRD statement or inside one), ``anchor`` (keep the statement, prune below it),
    ``descend`` (on the way to one) or ``drop``."""
    for index, word in enumerate(path):
        if word in APPLY:
            return "keep" if index == 0 or relevance(path[:index]) != "drop" else "drop"
    descend = not path
    for anchor in ANCHORS:
        if len(anchor) == len(path) and all(_word_match(a, w) for a, w in zip(anchor, path)):
            return "anchor"
    for pattern in PATTERNS:
        size = min(len(pattern), len(path))
        if all(_word_match(pattern[i], path[i]) for i in range(size)):
            if len(path) >= len(pattern):
                return "keep"
            descend = True
    return "descend" if descend else "drop"


# ---------------------------------------------------------------- set lines


def filter_set(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """(root lines, {group: lines with ``groups NAME`` removed}) of the SRD statements."""
    root: list[str] = []
    groups: dict[str, list[str]] = {}
    for line_no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("/*"):
            continue
        words = split_set_line(line, line_no)
        if not words or words[0] not in VERBS:
            root.append(raw)             # let the parser say what is wrong with it
            continue
        verb, rest = words[0], [str(w) for w in words[1:]]
        target = root
        if len(rest) >= 2 and rest[0] == "groups":
            target = groups.setdefault(rest[1], [])
            rest = rest[2:]
            if not rest:
                continue
        path = [w for w in rest if not isinstance(w, Punct)]
        if relevance(path) in ("keep", "anchor"):
            target.append(" ".join([verb] + [w if isinstance(w, Punct) else quote(w) for w in rest]))
    return root, groups


# ---------------------------------------------------------------- curly-brace text


class _Node:
    __slots__ = ("tags", "words", "children")

    def __init__(self, tags, words, children) -> None:
        self.tags = tags
        self.words = words
        self.children = children       # None for a statement ending in ';'


def _tree(text: str) -> list[_Node]:
    stack: list[list[_Node]] = [[]]
    words: list = []
    tags: list[str] = []
    for token in tokenize_text(text):
        value = token.value
        if isinstance(value, Punct) and value in "{;":
            if words or tags:
                node = _Node(tags, words, [] if value == "{" else None)
                stack[-1].append(node)
                if value == "{":
                    stack.append(node.children)
            words, tags = [], []
        elif isinstance(value, Punct) and value == "}":
            if words or tags:
                raise JunosSyntaxError("missing ';' before '}'", token.line_no)
            if len(stack) == 1:
                raise JunosSyntaxError("unbalanced '}'", token.line_no)
            stack.pop()
        elif not token.quoted and not words and value in TAGS:
            tags.append(value)
        else:
            words.append(value if isinstance(value, Punct) or not token.quoted else _Quoted(value))
    if words or tags:
        raise JunosSyntaxError("missing ';' at end of input")
    if len(stack) > 1:
        raise JunosSyntaxError("missing '}' (%d block(s) left open)" % (len(stack) - 1))
    return stack[0]


class _Quoted(str):
    """A word that was quoted in the input (kept quoted when written back)."""


def _write(nodes: list[_Node], out: list[str], depth: int = 0) -> None:
    for node in nodes:
        words = " ".join(w if isinstance(w, Punct) else quote(w) for w in node.words)
        head = "    " * depth + " ".join(node.tags + [words])
        if node.children is None:
            out.append(head + ";")
        else:
            out.append(head + " {")
            _write(node.children, out, depth + 1)
            out.append("    " * depth + "}")


def _prune(nodes: list[_Node], path: list[str]) -> list[_Node]:
    kept = []
    for node in nodes:
        words = [str(w) for w in node.words if not isinstance(w, Punct)]
        here = path + words
        verdict = relevance(here)
        if verdict == "keep":
            kept.append(node)
        elif verdict == "anchor":
            kept.append(_Node(node.tags, node.words, None if node.children is None else _prune(node.children, here)))
        elif verdict == "descend" and node.children is not None:
            children = _prune(node.children, here)
            if children:
                kept.append(_Node(node.tags, node.words, children))
    return kept


def filter_text(text: str) -> tuple[str, dict[str, str]]:
    """(root text, {group: text}) of the SRD statements."""
    nodes = _tree(text)
    groups: dict[str, str] = {}
    root_nodes = []
    for node in nodes:
        if node.words and node.words[0] == "groups" and node.children is not None:
            holders = [node] if len(node.words) == 2 else node.children
            for holder in holders:
                name = str(holder.words[-1]) if holder.words else ""
                if holder.children is None or not name:
                    continue
                out: list[str] = []
                _write(_prune(holder.children, []), out)
                groups[name] = "\n".join(out) + "\n"
            continue
        root_nodes.append(node)
    out: list[str] = []
    _write(_prune(root_nodes, []), out)
    return "\n".join(out) + "\n", groups


# ---------------------------------------------------------------- to XML


def _with_groups(root: ET.Element, groups: dict[str, ET.Element]) -> ET.Element:
    for position, (name, elem) in enumerate(groups.items()):
        group = ET.Element("groups")
        ET.SubElement(group, "name").text = name
        group.extend(list(elem))
        root.insert(position, group)
    return root


def parse_set_srd(text: str) -> ET.Element:
    """A ``<configuration>`` holding the SRD statements of set-format ``text`` (groups included)."""
    lines, groups = filter_set(text)
    root = junos_syntax.parse_set(lines)
    return _with_groups(root, {name: junos_syntax.parse_set(body) for name, body in groups.items()})


def parse_text_srd(text: str) -> ET.Element:
    """A ``<configuration>`` holding the SRD statements of curly-brace ``text`` (groups included)."""
    body, groups = filter_text(text)
    root = junos_syntax.parse_text(body)
    return _with_groups(root, {name: junos_syntax.parse_text(content) for name, content in groups.items()})
