# -*- coding: utf-8 -*-
# Copyright: (c) 2025, mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A ``show | compare``-style difference of two Junos configurations.

Statements are matched as Junos matches them: list entries by keys, leaf-list values by value, other
statements by name. Each change is printed under an ``[edit ...]`` header naming its parent, with
``+``/``-`` for added/removed statements (a changed leaf is removed and added) and ``!`` for a
statement that was deactivated or activated. Order is ignored unless ``check_order`` is set; then a
reordered entry of an ordered-by-user list or leaf-list is shown with ``!`` as moved.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import (
    find_configuration,
    is_inactive,
    key_values,
    strip_namespaces,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.lexer import quote
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.render import (
    child_node,
    content_children,
    render_element,
    statement_tokens,
)


class _Report:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._header: object = None

    def emit(self, path: list[str], sign: str, body: list[str]) -> None:
        if self._header != path:
            self.lines.append("[edit" + "".join(" " + quote(w) for w in path) + "]")
            self._header = list(path)
        self.lines.extend(sign + "   " + line for line in body)

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def compare_text(old, new, grammar=None, *, check_order: bool = False) -> str:
    """Junos ``show | compare`` text from ``old`` to ``new``; "" when they are equivalent."""
    old_root, old_tops = find_configuration(strip_namespaces(old))
    new_root, new_tops = find_configuration(strip_namespaces(new))
    report = _Report()
    _diff(grammar, old_root, new_root, old_tops, new_tops, [], report, check_order)
    return report.text()


def _identities(gnode, parent: ET.Element, kids: list[ET.Element]) -> list[tuple[tuple, object, ET.Element]]:
    items = []
    for kid in kids:
        knode = child_node(gnode, kid, parent)
        if getattr(knode, "guessed", False) and knode.kind != "container" and not content_children(knode, kid):
            # Without a grammar `<x><name>v</name></x>`, `<x>v</x>` and repeated `<x>` all read `x v;`:
            # match such statements by what they show, as a user would.
            ident = (kid.tag, " ".join(statement_tokens(knode, kid)), "shown")
        elif knode.kind == "list":
            ident = (kid.tag, tuple(key_values(knode, kid)))
        elif knode.kind == "leaf-list":
            ident = (kid.tag, (kid.text or "").strip())
        else:
            ident = (kid.tag,)
        items.append((ident, knode, kid))
    return items


def _render(knode, elem: ET.Element) -> list[str]:
    lines: list[str] = []
    render_element(knode, elem, 0, lines)
    return lines


def _diff(gnode, old_parent, new_parent, old_kids, new_kids, path, report, check_order) -> None:
    old_items = _identities(gnode, old_parent, old_kids)
    new_items = _identities(gnode, new_parent, new_kids)
    old_map = {ident: (knode, elem) for ident, knode, elem in old_items}
    new_map = {ident: (knode, elem) for ident, knode, elem in new_items}
    old_order = [item[0] for item in old_items]
    moved = _moved(old_items, new_items, new_map) if check_order else set()

    position = 0
    for ident, knode, new_elem in new_items:
        if ident in old_map:
            index = old_order.index(ident)
            while position < index:
                _removed(old_order[position], old_map, new_map, path, report)
                position += 1
            position = max(position, index + 1)
            if len(ident) == 3:  # matched by what it shows: nothing below it to compare
                _common(knode, new_elem, new_elem, path, report, check_order, ident in moved)
                if is_inactive(old_map[ident][1]) != is_inactive(new_elem):
                    report.emit(path, "!", _summary(knode, new_elem, "inactive: " if is_inactive(new_elem)
                                                    else "active: "))
            else:
                _common(knode, old_map[ident][1], new_elem, path, report, check_order, ident in moved)
        else:
            report.emit(path, "+", _render(knode, new_elem))
    while position < len(old_order):
        _removed(old_order[position], old_map, new_map, path, report)
        position += 1


def _removed(ident, old_map, new_map, path, report) -> None:
    if ident not in new_map:
        knode, elem = old_map[ident]
        report.emit(path, "-", _render(knode, elem))


def _summary(knode, elem: ET.Element, tag: str) -> list[str]:
    head = tag + " ".join(quote(w) for w in statement_tokens(knode, elem))
    has_block = knode.kind in ("container", "list") and content_children(knode, elem)
    return [head + (" { ... }" if has_block else ";")]


def _common(knode, old_elem, new_elem, path, report, check_order, moved) -> None:
    if is_inactive(old_elem) != is_inactive(new_elem):
        report.emit(path, "!", _summary(knode, new_elem, "inactive: " if is_inactive(new_elem) else "active: "))
    elif moved:
        report.emit(path, "!", _summary(knode, new_elem, ""))
    if knode.kind == "leaf":
        if (old_elem.text or "").strip() != (new_elem.text or "").strip():
            report.emit(path, "-", _render(knode, old_elem))
            report.emit(path, "+", _render(knode, new_elem))
        return
    if knode.kind in ("container", "list"):
        inner = path + statement_tokens(knode, new_elem)
        _diff(knode, old_elem, new_elem, content_children(knode, old_elem), content_children(knode, new_elem),
              inner, report, check_order)


def _moved(old_items, new_items, new_map) -> set:
    """Identities of ordered-by-user entries whose order among the common entries changed
    (those outside a longest common subsequence, per statement name)."""
    moved: set = set()
    tags = {item[0][0] for item in new_items if getattr(item[1], "ordered", False)}
    for tag in tags:
        old_seq = [item[0] for item in old_items if item[0][0] == tag and item[0] in new_map]
        old_set = set(old_seq)
        new_seq = [item[0] for item in new_items if item[0][0] == tag and item[0] in old_set]
        if old_seq == new_seq:
            continue
        keep = _lcs(old_seq, new_seq)
        moved.update(i for i in new_seq if i not in keep)
    return moved


def _lcs(a: list, b: list) -> set:
    table = [[0] * (len(b) + 1) for _row in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    keep, i, j = set(), 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            keep.add(a[i])
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return keep
