# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How far a real reply matches what the collection expects: the compatibility check's verdict.

Why: the element names of several SRD replies are not in any public source (docs/srd-operational-
replies.md), so the first contact with a real MX must say, element by element, where the reply and
the parser part ways. ``survey(kind, reply)`` compares a reply with ``replies.SHAPES[kind]`` (built
from ``replies.NAMES``, the one place the vocabulary is written down):

- *unexpected*: every tag in the reply that no shape names (the parser ignores it; a renamed field
  shows up here, next to its old name under *missing*);
- *missing*: every expected name absent from a record that should hold it (``rs-id`` in one of two
  redundancy-set records, say), or from the reply as a whole (``iccp-process-connection``);
- *records*: how many of each record were found (a reply with none cannot show fields missing).

Pure: a reply in, plain data out.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Dict, List, Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import NAMES, SHAPES, Record, namespace_free

# Envelope tags that are not part of any reply's content.
ENVELOPE = frozenset({"rpc-reply", "data", "ok"})


def _path(node: ET.Element, parents: Dict[ET.Element, ET.Element]) -> str:
    parts = []
    while node is not None and node.tag not in ENVELOPE:
        parts.append(node.tag)
        node = parents.get(node)
    return "/".join(reversed(parts))


def _records(root: ET.Element, parents: Dict[ET.Element, ET.Element], record: Record) -> List[ET.Element]:
    found: List[ET.Element] = []
    keys = set(NAMES[record.key])
    for node in root.iter():
        holder = None
        if node.tag in record.wrappers:
            holder = node
        elif node.tag in keys:
            holder = parents.get(node)
            # the key's parent is the record only when no wrapper of the record sits above it
            if holder is not None and holder.tag not in record.wrappers and record.wrappers and any(
                    a.tag in record.wrappers for a in _ancestors(node, parents)):
                holder = None
        if holder is not None and all(holder is not seen for seen in found):
            found.append(holder)
    return found


def _ancestors(node: ET.Element, parents: Dict[ET.Element, ET.Element]):
    current = parents.get(node)
    while current is not None:
        yield current
        current = parents.get(current)


def _holds(record: ET.Element, meaning: str) -> bool:
    names = set(NAMES[meaning])
    return any(node.tag in names for node in record.iter() if node is not record) or record.tag in names


def survey(kind: str, reply, level: Optional[str] = None) -> dict:
    """Compare one reply with what the collection expects of a ``kind`` reply (a key of ``SHAPES``).

    ``level``: the verbosity asked for (terse, brief, extensive) where it changes what is expected.
    Returns ``{"unexpected": [{"element", "count", "path"}], "missing": [{"element", "meaning",
    "record", "missing_in", "records"}], "records": {record: count}, "elements": count}``.
    """
    shape = SHAPES[kind]
    root = namespace_free(reply)
    parents = {child: parent for parent in root.iter() for child in parent}
    expected = shape.expected_tags()
    nodes = [n for n in root.iter() if n.tag not in ENVELOPE]
    unexpected: Dict[str, dict] = {}
    for node in nodes:
        if node.tag in expected:
            continue
        entry = unexpected.setdefault(node.tag, {"element": node.tag, "count": 0, "path": _path(node, parents)})
        entry["count"] += 1
    missing: List[dict] = []
    substantial = [n for n in nodes if n.tag not in shape.known]
    for meaning in shape.top:
        if substantial and not any(n.tag in NAMES[meaning] for n in nodes):
            missing.append({"element": NAMES[meaning][0], "meaning": meaning, "record": None, "missing_in": 1,
                            "records": 1})
    counts: Dict[str, int] = {}
    for record in shape.records:
        found = _records(root, parents, record)
        label = record.wrappers[0] if record.wrappers else NAMES[record.key][0] + " (parent)"
        counts[label] = len(found)
        for meaning in record.required_at(level):
            lacking = sum(1 for holder in found if not _holds(holder, meaning))
            if lacking:
                missing.append({"element": NAMES[meaning][0], "meaning": meaning, "record": label,
                                "missing_in": lacking, "records": len(found)})
    return {"unexpected": sorted(unexpected.values(), key=lambda e: e["element"]), "missing": missing,
            "records": counts, "elements": len(nodes)}


def summary(result: dict) -> str:
    """One line: what did not match (or that everything did)."""
    parts = []
    if result["missing"]:
        parts.append("missing " + ", ".join(
            "%s%s" % (m["element"], " (%d of %d %s)" % (m["missing_in"], m["records"], m["record"]) if m["record"]
                      else "") for m in result["missing"]))
    if result["unexpected"]:
        parts.append("unexpected " + ", ".join("%s (%s)" % (u["element"], u["path"]) for u in result["unexpected"]))
    return "; ".join(parts) if parts else "every element as expected"


__all__ = ["survey", "summary", "ENVELOPE"]
