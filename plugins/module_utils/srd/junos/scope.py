# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where each SRD resource lives in the Junos configuration, in two forms.

- ``read_filter(resources)``: the subtree filter of the one ``<get-configuration>`` a task spends.
  It is as narrow as Junos subtree filtering allows: for interfaces it selects only the names,
  ``redundancy-options`` and the VRRP groups' ``virtual-address``/``priority``/``track`` (not the whole
  interface tree).
- ``foreign_statements(compare_text, resources)``: the statements of a ``show | compare`` text that
  lie outside those hierarchies. After loading its payload a task expects the candidate to differ
  from the committed configuration only inside its own hierarchies; anything else is someone
  else's uncommitted change, which a commit would push along with ours.
"""
from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ET
from typing import Iterable

# Subtree filters, one per resource (merged when a task covers several resources).
_FILTERS: dict[str, tuple[str, ...]] = {
    "redundancy_events": ("<event-options><redundancy-event/></event-options>",),
    "redundancy_policies": ("<policy-options><redundancy-policy/></policy-options>",),
    "redundancy_sets": (
        "<services><redundancy-set/></services>",
        "<services><service-set><name/><redundancy-set-id/><replicate-services/></service-set></services>",
    ),
    "redundancy_groups": (
        "<protocols><iccp/></protocols>",
        "<interfaces><interface><name/><redundancy-options/></interface></interfaces>",
        "<routing-instances><instance><name/><instance-type/></instance></routing-instances>",
    ),
    "route_tracking": (
        "<policy-options><condition/></policy-options>",
        "<interfaces><interface><name/><unit><name/><family><inet><address><name/>"
        "<vrrp-group><name/><virtual-address/><priority/><track/></vrrp-group></address></inet></family></unit>"
        "</interface></interfaces>",
        "<routing-instances><instance><name/><instance-type/></instance></routing-instances>",
    ),
}

# Statement paths (CLI tokens, "*" for one name) a resource owns; a path below one of them is in scope.
_SCOPES: dict[str, tuple[str, ...]] = {
    "redundancy_events": ("event-options redundancy-event",),
    "redundancy_policies": ("policy-options redundancy-policy",),
    "redundancy_sets": (
        "services redundancy-set",
        "services service-set * redundancy-set-id",
        "services service-set * replicate-services",
    ),
    "redundancy_groups": ("protocols iccp", "interfaces * redundancy-options", "routing-instances * instance-type"),
    "route_tracking": (
        "policy-options condition",
        "interfaces * unit * family inet address * vrrp-group * virtual-address",
        "interfaces * unit * family inet address * vrrp-group * priority",
        "interfaces * unit * family inet address * vrrp-group * track",
        "routing-instances * instance-type",
    ),
}


def _merge_filter(into: ET.Element, new: ET.Element) -> None:
    """Union of two subtree filters: same-tag containers merge, an empty (select-all) element wins."""
    for child in list(new):
        same = into.find(child.tag)
        if same is None:
            into.append(child)
        elif len(same) and len(child):
            _merge_filter(same, child)
        else:  # one side selects the whole subtree
            for grandchild in list(same):
                same.remove(grandchild)


def read_filter(resources: Iterable[str]) -> ET.Element:
    """``<configuration>`` subtree filter covering every hierarchy of ``resources``."""
    root = ET.Element("configuration")
    for resource in resources:
        for snippet in _FILTERS[resource]:
            _merge_filter(root, ET.fromstring("<configuration>%s</configuration>" % snippet))
    return root


def scope_patterns(resources: Iterable[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(p.split()) for r in resources for p in _SCOPES[r]})


def _matches(path: list[str], pattern: tuple[str, ...]) -> bool:
    return len(path) >= len(pattern) and all(p in ("*", t) for p, t in zip(pattern, path))


def _tokens(text: str) -> list[str]:
    text = text.split("##", 1)[0].strip().rstrip(";").strip()
    for prefix in ("inactive:", "protect:"):
        if text.startswith(prefix):
            text = text[len(prefix):].strip()
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


_HEADER = re.compile(r"^\[edit(?:\s+(?P<path>.*))?\]$")


def compare_statements(compare_text: str) -> list[tuple[str, list[str]]]:
    """``(sign, path tokens)`` of every added/removed statement (leaf or empty block) in a compare text."""
    out: list[tuple[str, list[str]]] = []
    base: list[str] = []
    stack: list[list[str]] = []
    for raw in (compare_text or "").splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        header = _HEADER.match(line.strip())
        if header:
            base = _tokens(header.group("path") or "")
            stack = []
            continue
        sign = line[:1] if line[:1] in "+-!" else " "
        body = line[1:].strip() if sign != " " else line.strip()
        if body.startswith("/*") or body.startswith("#") or body in ("", "..."):
            continue
        if body == "}":
            if stack:
                stack.pop()
            continue
        opens = body.endswith("{")
        words = _tokens(body[:-1] if opens else body)
        path = base + [w for frame in stack for w in frame] + words
        if opens:
            stack.append(words)  # the block's statements are reported one by one
        elif sign in "+-!":
            out.append((sign, path))
    return out


def foreign_statements(compare_text: str, resources: Iterable[str]) -> list[str]:
    """Changed statements of ``compare_text`` outside the hierarchies of ``resources``.

    A statement that encloses scoped ones (``+ unit 0;`` on its own) counts as in scope.
    """
    patterns = scope_patterns(resources)
    foreign = []
    for sign, path in compare_statements(compare_text):
        if any(_matches(path, p) for p in patterns):
            continue
        if any(len(path) < len(p) and _matches(path, p[: len(path)]) for p in patterns):
            continue
        foreign.append("%s %s" % (sign, " ".join(path)))
    return foreign
