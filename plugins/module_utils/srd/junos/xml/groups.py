# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Clean device XML: namespaces, ``junos:`` attributes, and configuration groups.

What a real box returns is not what we render: ``<rpc-reply>`` and
``<configuration>`` carry namespaces, elements carry ``junos:changed-seconds``
and friends, and statements may live in ``groups`` and be inherited through
``apply-groups`` (unless the client asked for ``inherit="inherit"``).  The
parser works on the result of :func:`prepare`: plain tags, only the
``inactive`` marker kept, groups applied the way Junos applies them
(explicit statements win; the first group listed wins over later ones; a
group applied at a deeper level wins over one applied higher up; ``<*>``
style wildcards in a group's list keys match existing entries only).
"""

from __future__ import annotations

import copy
import fnmatch
import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError

CONFIG_SECTIONS = ("services", "interfaces", "event-options", "protocols", "policy-options", "routing-instances")

MULTI_KEYS = {"route": ("route_address", "routing-instance")}
"""Lists keyed by more than ``name`` (VRRP track route)."""

INACTIVE = "inactive"
GROUP_ATTR = "group"


def local_name(tag) -> str:
    if not isinstance(tag, str):
        return ""
    if tag.startswith("{"):
        return tag.split("}", 1)[1]
    if ":" in tag:
        return tag.split(":", 1)[1]
    return tag


def strip(elem: ET.Element) -> ET.Element:
    """A copy with plain tags; attributes reduced to ``inactive`` and ``group``."""
    out = ET.Element(local_name(elem.tag))
    for name, value in elem.attrib.items():
        plain = local_name(name)
        if plain == INACTIVE and value == INACTIVE:
            out.set(INACTIVE, INACTIVE)
        elif plain == GROUP_ATTR and name != plain:   # junos:group="G" from inherit="inherit"
            out.set(GROUP_ATTR, value)
    text = (elem.text or "").strip()
    if text:
        out.text = text
    for child in elem:
        if isinstance(child.tag, str):     # skip comments / processing instructions
            out.append(strip(child))
    return out


def parse_xml_text(text: str, source: str | None = None) -> ET.Element:
    """Parse XML text into an element; a broken document is an :class:`InputError`."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("the XML configuration is empty", source)
    if "<!ENTITY" in text or "<!DOCTYPE" in text:
        raise InputError("XML with a DOCTYPE or entity declarations is not accepted", source)
    try:
        return ET.fromstring(text.strip())
    except ET.ParseError as exc:
        raise InputError("the XML configuration is not well-formed: %s" % exc, source) from None


def find_configuration(root: ET.Element, source: str | None = None) -> ET.Element:
    """The ``<configuration>`` element inside an rpc-reply/data wrapper (or a bare section)."""
    if local_name(root.tag) == "configuration":
        return root
    for elem in root.iter():
        if local_name(elem.tag) == "configuration":
            return elem
    if local_name(root.tag) in CONFIG_SECTIONS:
        wrapper = ET.Element("configuration")
        wrapper.append(root)
        return wrapper
    if local_name(root.tag) in ("rpc-reply", "data") and not [c for c in root if local_name(c.tag) != "ok"]:
        return ET.Element("configuration")
    raise InputError("no <configuration> element found (root element is <%s>)" % local_name(root.tag), source)


def _key_of(elem: ET.Element) -> tuple[str, ...] | None:
    """The Junos key of a list entry, or None for a container/leaf."""
    tags = MULTI_KEYS.get(elem.tag)
    if tags:
        values = [elem.findtext(tag) for tag in tags]
        return tuple(value or "" for value in values) if values[0] is not None else None
    first = elem[0] if len(elem) else None
    if first is not None and first.tag == "name" and len(first) == 0:
        return ((first.text or "").strip(),)
    return None


def _is_wildcard(key: tuple[str, ...]) -> bool:
    return any(part.startswith("<") and part.endswith(">") for part in key)


def _matches(pattern: tuple[str, ...], key: tuple[str, ...]) -> bool:
    if len(pattern) != len(key):
        return False
    for want, have in zip(pattern, key):
        if want.startswith("<") and want.endswith(">"):
            if not fnmatch.fnmatchcase(have, want[1:-1]):
                return False
        elif want != have:
            return False
    return True


def _is_key_child(parent: ET.Element, child: ET.Element) -> bool:
    tags = MULTI_KEYS.get(parent.tag, ("name",))
    return child.tag in tags and _key_of(parent) is not None


def _excepts(elem: ET.Element, group: str) -> bool:
    return any((g.text or "").strip() == group for g in elem.findall("apply-groups-except"))


def _merge(target: ET.Element, source: ET.Element, group: str) -> None:
    """Copy into ``target`` what ``source`` (a group's node) has and target lacks."""
    if _excepts(target, group):
        return
    for child in source:
        if child.tag in ("apply-groups", "apply-groups-except") or _is_key_child(source, child):
            continue
        key = _key_of(child)
        if key is not None:
            if _is_wildcard(key):
                for existing in target.findall(child.tag):
                    existing_key = _key_of(existing)
                    if existing_key is not None and _matches(key, existing_key):
                        _merge(existing, child, group)
                continue
            existing = [e for e in target.findall(child.tag) if _key_of(e) == key]
            if existing:
                _merge(existing[0], child, group)
            else:
                target.append(_tagged(child, group))
            continue
        existing = target.findall(child.tag)
        if not existing:
            target.append(_tagged(child, group))
        elif len(child):                       # container: fill it in
            _merge(existing[0], child, group)
        # a leaf or leaf-list the target already sets: explicit configuration wins


def _tagged(elem: ET.Element, group: str) -> ET.Element:
    out = copy.deepcopy(elem)
    for node in out.iter():
        node.set(GROUP_ATTR, group)
    return out


def _group_node(group: ET.Element, path: list[tuple[str, tuple[str, ...] | None]]) -> list[ET.Element]:
    """Nodes of ``group`` at ``path`` (list keys may be wildcards in the group)."""
    nodes = [group]
    for tag, key in path:
        found = []
        for node in nodes:
            for child in node.findall(tag):
                if child.get(INACTIVE) == INACTIVE:
                    continue
                child_key = _key_of(child)
                if key is None or child_key is None:
                    if key is None and child_key is None:
                        found.append(child)
                elif child_key == key or (_is_wildcard(child_key) and _matches(child_key, key)):
                    found.append(child)
        nodes = found
        if not nodes:
            break
    return nodes


def apply_groups(config: ET.Element) -> ET.Element:
    """Expand ``apply-groups`` in place; remove ``groups`` and the apply statements."""
    groups: dict[str, ET.Element] = {}
    for entry in config.findall("groups"):
        name = entry.findtext("name")
        if name and entry.get(INACTIVE) != INACTIVE:
            groups[name.strip()] = entry
    for entry in config.findall("groups"):
        config.remove(entry)

    def walk(elem: ET.Element, path: list) -> None:
        # children first: a group applied deeper wins over one applied higher up
        for child in list(elem):
            if len(child) and child.get(INACTIVE) != INACTIVE:
                walk(child, path + [(child.tag, _key_of(child))])
        local = [g.text.strip() for g in elem.findall("apply-groups") if g.text and g.get(INACTIVE) != INACTIVE]
        for name in local:               # the first group listed wins
            group = groups.get(name)
            if group is None:
                continue
            for node in _group_node(group, path):
                _merge(elem, node, name)

    walk(config, [])
    for elem in list(config.iter()):
        for statement in elem.findall("apply-groups") + elem.findall("apply-groups-except"):
            elem.remove(statement)
    return config


def prepare(root: ET.Element, source: str | None = None) -> ET.Element:
    """From whatever the box (or a file) gave us to a clean, group-expanded ``<configuration>``."""
    config = strip(find_configuration(root, source))
    return apply_groups(config)
