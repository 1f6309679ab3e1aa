# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one ``<load-configuration>`` payload that turns the device's SRD statements into the wanted ones.

Both sides are rendered by the domain (:func:`render_xml`) and compared element by element (list
entries by their Junos keys, leaf-list values by value, per the SRD grammar). The payload holds only
what differs: wanted statements to merge, and ``delete="delete"`` on statements to remove. So
the device's compare after the load shows exactly the change, and a run that changes nothing has
no payload at all.

Deletion never removes an object the collection owns only in part: a service set, an interface and
its units/addresses, a VRRP group, ``redundancy-options``, ``protocols iccp`` and ``routing-instances``
lose only the SRD statements inside them (their rules, addresses, trace options ... stay).
"""
from __future__ import annotations

import copy
import dataclasses
import xml.etree.ElementTree as ET
from typing import Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import SRD_GRAMMAR, canonical
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import key_values
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.render import child_node
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import ChassisConfig
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import MASK
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml

# Objects holding more than SRD statements: deleting "them" means deleting the SRD statements inside.
PARTLY_OWNED = frozenset({
    "configuration", "event-options", "policy-options", "services", "redundancy-set", "service-set",
    "interfaces", "interface", "unit", "family", "inet", "address", "vrrp-group", "track",
    "redundancy-options", "protocols", "iccp",
})
# Add-only: routing instances hold other configuration; a VRRP group's virtual addresses are the user's
# (the intent may add one to a group it creates; it never removes one).
NEVER_DELETED = frozenset({"routing-instances", "virtual-address"})
SECRET_TAGS = frozenset({"authentication-key"})


def _identity(gnode, elem: ET.Element) -> tuple:
    if gnode.kind == "list":
        return (elem.tag, *key_values(gnode, elem))
    if gnode.kind == "leaf-list":
        return (elem.tag, (elem.text or "").strip())
    return (elem.tag,)


def _children(gnode, parent: ET.Element) -> dict[tuple, tuple]:
    out = {}
    for child in parent:
        node = child_node(gnode, child, parent)
        if gnode is not None and gnode.kind == "list" and child.tag in gnode.keys:
            continue
        out[_identity(node, child)] = (node, child)
    return out


def _shell(gnode, elem: ET.Element) -> ET.Element:
    """The element with only its list keys (where the delta of its content goes)."""
    shell = ET.Element(elem.tag)
    if gnode.kind == "list":
        for key in gnode.keys:
            found = elem.find(key)
            if found is not None:
                shell.append(copy.deepcopy(found))
    return shell


def _deletion(gnode, elem: ET.Element) -> Optional[ET.Element]:
    """How to remove ``elem`` (None: nothing of ours inside it)."""
    if elem.tag in NEVER_DELETED:
        return None
    if elem.tag in PARTLY_OWNED and gnode.kind in ("container", "list"):
        shell = _shell(gnode, elem)
        for _ident, (node, child) in _children(gnode, elem).items():
            gone = _deletion(node, child)
            if gone is not None:
                shell.append(gone)
        return shell if len(shell) > (len(gnode.keys) if gnode.kind == "list" else 0) else None
    marker = _shell(gnode, elem)
    if gnode.kind == "leaf-list":
        marker.text = elem.text
    marker.set("delete", "delete")
    return marker


def _delta(gnode, have: ET.Element, want: ET.Element) -> Optional[ET.Element]:
    """What to load so that ``have`` becomes ``want`` (None when they are equal)."""
    shell = _shell(gnode, want)
    base = len(shell)
    have_kids, want_kids = _children(gnode, have), _children(gnode, want)
    for ident, (node, child) in have_kids.items():
        if ident not in want_kids:
            gone = _deletion(node, child)
            if gone is not None:
                shell.append(gone)
    for ident, (node, child) in want_kids.items():
        old = have_kids.get(ident)
        if old is None:
            shell.append(copy.deepcopy(child))
        elif node.kind in ("container", "list"):
            inner = _delta(node, old[1], child)
            if inner is not None:
                shell.append(inner)
        elif canonical(old[1]) != canonical(child):
            shell.append(copy.deepcopy(child))
    return shell if len(shell) > base else None


def align_secrets(have: ChassisConfig, want: ChassisConfig) -> ChassisConfig:
    """Give ``want`` the device's spelling of keys that are equal (``$9$`` vs plaintext), so an
    unchanged key is not sent again."""
    if have.iccp is None or want.iccp is None:
        return want
    iccp = want.iccp
    if iccp.authentication_key is not None and iccp.authentication_key == have.iccp.authentication_key:
        iccp = dataclasses.replace(iccp, authentication_key=have.iccp.authentication_key)
    peers = {}
    for address, peer in iccp.peers.items():
        old = have.iccp.peers.get(address)
        if old is not None and peer.authentication_key is not None and peer.authentication_key == old.authentication_key:
            peer = dataclasses.replace(peer, authentication_key=old.authentication_key)
        peers[address] = peer
    return want.replace(iccp=dataclasses.replace(iccp, peers=peers))


def build_payload(have: ChassisConfig, want: ChassisConfig) -> Optional[ET.Element]:
    """The ``<configuration>`` delta from ``have`` to ``want`` (None when nothing differs)."""
    want = align_secrets(have, want)
    return _delta(SRD_GRAMMAR, render_xml(have), render_xml(want))


def masked(elem: Optional[ET.Element]) -> Optional[ET.Element]:
    """A copy safe to show: every key replaced by the mask."""
    if elem is None:
        return None
    out = copy.deepcopy(elem)
    for node in out.iter():
        if node.tag in SECRET_TAGS and (node.text or "").strip():
            node.text = MASK
    return out


def to_xml_text(elem: Optional[ET.Element]) -> str:
    if elem is None:
        return ""
    out = copy.deepcopy(elem)
    ET.indent(out, space="  ")
    return ET.tostring(out, encoding="unicode") + "\n"
