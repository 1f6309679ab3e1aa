# -*- coding: utf-8 -*-
# Copyright: (c) 2025, mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos configuration syntax: XML <-> ``set`` lines <-> curly-brace text, and ``show | compare`` text.

This package's public face; the work is done in its modules: ``lexer`` (quoting, tokens), ``core``
(grammar protocol, errors), ``grammar`` (``SRD_GRAMMAR``), ``parse`` (set/text to XML), ``render`` (XML to
set/text), ``compare`` (``show | compare``) and ``prefilter`` (keep the SRD hierarchies of a whole
backup). Standard library only; may import nothing outside ``srd.junos.syntax``.

Grammar protocol (implemented by ``GrammarNode`` and by the emulator's libyang adapter): each node has
``name`` (XML element), ``kind`` ("container" | "list" | "leaf" | "leaf-list" | "flag"), ``keys``,
``nokeyword``, ``presence``, ``ordered``, ``oneliner``, ``passthrough``, ``values``, and the methods
``child(name)``, ``children()`` and ``nokeyword_children()``. ``grammar=None`` converts by heuristics:
an element whose first child is <name> is a list entry keyed by name, an empty element is a flag, an
element with text is a leaf, and repeated text siblings form a leaf-list.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Iterable, Union

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import compare as _compare
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import parse as _parse
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import render as _render
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import (  # noqa: F401 (re-exported)
    KINDS,
    GrammarNode,
    JunosSyntaxError,
    canonical,
    container,
    flag,
    keyed_list,
    leaf,
    leaf_list,
    strip_namespaces,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.grammar import SRD_GRAMMAR  # noqa: F401
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.lexer import quote  # noqa: F401
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.parse import SetCommand  # noqa: F401

TextOrLines = Union[str, Iterable[str]]


def to_set(config, grammar=SRD_GRAMMAR) -> list[str]:
    """``show configuration | display set`` lines for ``config`` (a <configuration>, a top-level
    hierarchy element, an rpc-reply, XML text or an lxml element). Elements with inactive="inactive"
    add a ``deactivate`` line after their ``set`` lines; operation="delete" gives a ``delete`` line."""
    return _render.to_set(config, grammar)


def to_text(config, grammar=SRD_GRAMMAR) -> str:
    """``show configuration`` curly-brace text for ``config``."""
    return _render.to_text(config, grammar)


def parse_set(text_or_lines: TextOrLines, grammar=SRD_GRAMMAR) -> ET.Element:
    """``set``/``delete``/``deactivate``/``activate`` lines -> one <configuration> element.
    Raises JunosSyntaxError (with line_no and line) for statements the grammar does not accept."""
    return _parse.parse_set(text_or_lines, grammar)


def iter_set_commands(text_or_lines: TextOrLines, grammar=SRD_GRAMMAR) -> list[SetCommand]:
    """Like parse_set, but one <configuration> per line, for applying lines in order as ``load set``."""
    return _parse.iter_set_commands(text_or_lines, grammar)


def parse_text(text: str, grammar=SRD_GRAMMAR) -> ET.Element:
    """Curly-brace text (with ``inactive:``/``replace:``/``delete:`` tags, comments, ``[ a b ]`` and
    quotes) -> one <configuration> element."""
    return _parse.parse_text(text, grammar)


def compare_text(old, new, grammar=SRD_GRAMMAR, *, check_order: bool = False) -> str:
    """``show | compare`` text from ``old`` to ``new`` ("" when equivalent). Entries are matched by
    key; order is ignored unless ``check_order`` (then moved ordered-by-user entries show as ``!``)."""
    return _compare.compare_text(old, new, grammar, check_order=check_order)


__all__ = [
    "GrammarNode", "JunosSyntaxError", "KINDS", "SRD_GRAMMAR", "SetCommand",
    "canonical", "compare_text", "container", "flag", "iter_set_commands", "keyed_list", "leaf", "leaf_list",
    "parse_set", "parse_text", "quote", "strip_namespaces", "to_set", "to_text",
]
