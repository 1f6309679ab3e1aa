"""Small lxml helpers shared by the emulator: safe parsing, namespace stripping, conversions.

Junos native configuration XML carries no namespace, but clients wrap it in the NETCONF base
namespace (ncclient) or not at all (PyEZ); everything the emulator stores is namespace-free.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from lxml import etree

NETCONF_NS = "urn:ietf:params:xml:ns:netconf:base:1.0"
JUNOS_NS = "http://xml.juniper.net/junos/24.4R1/junos"
JUNOS_VERSION = "24.4R1.9"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True, huge_tree=True
)


def parse(data: bytes | str) -> etree._Element:
    """Parse one XML document without entity expansion or network access."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return etree.fromstring(data, _PARSER)


def local(tag: object) -> str:
    """Local name of an element tag or attribute name (drops `{ns}` and `prefix:`)."""
    if not isinstance(tag, str):
        return ""
    if tag.startswith("{"):
        return tag.split("}", 1)[1]
    return tag.split(":", 1)[-1]


def children(elem: etree._Element) -> list[etree._Element]:
    """Element children only (no comments or processing instructions)."""
    return [c for c in elem if isinstance(c.tag, str)]


def child(elem: etree._Element, name: str) -> etree._Element | None:
    """First element child with this local name, whatever its namespace."""
    for c in elem:
        if isinstance(c.tag, str) and local(c.tag) == name:
            return c
    return None


def child_text(elem: etree._Element, name: str, default: str | None = None) -> str | None:
    c = child(elem, name)
    if c is None:
        return default
    return (c.text or "").strip()


def strip_ns(elem: etree._Element) -> etree._Element:
    """Deep copy with namespaces removed from tags and attributes, and whitespace normalised.

    `junos:`-prefixed attributes (changed-seconds ...) are dropped: they are output decoration,
    never part of a stored configuration.
    """
    new = etree.Element(local(elem.tag))
    for k, v in elem.attrib.items():
        if k.startswith("{") and not k.startswith("{" + NETCONF_NS):
            continue
        new.set(local(k), v)
    text = (elem.text or "").strip()
    new.text = text or None
    for c in elem:
        if isinstance(c.tag, str):
            new.append(strip_ns(c))
    if len(new):
        new.text = None
    return new


def to_bytes(elem: etree._Element, pretty: bool = False) -> bytes:
    return etree.tostring(elem, encoding="utf-8", pretty_print=pretty)


def to_et(elem: etree._Element) -> ET.Element:
    """lxml -> stdlib ElementTree (the collection's pure-Python syntax code works on the latter)."""
    return ET.fromstring(etree.tostring(elem))


def from_et(elem: ET.Element) -> etree._Element:
    return parse(ET.tostring(elem))


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """Append a child element (attribute names use `_` for `-`)."""
    e = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        e.text = text
    return e


def junos_attr(name: str) -> str:
    """Clark name of a `junos:` attribute, e.g. junos_attr('style')."""
    return "{%s}%s" % (JUNOS_NS, name)
