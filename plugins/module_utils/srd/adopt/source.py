# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One chassis' SRD configuration as the import reads it: the model, and everything the model leaves out.

Why more than ``parse_element``: an import must say what it did not carry into the intent. The parser
names unmodelled and inactive statements by path (``services/redundancy-set/traceoptions``); here
those paths are found again in the configuration and written as the ``set`` (and ``deactivate``) lines
a user would type, so they can be kept verbatim. Entries a chassis inherits from configuration groups
are named with their group (when the configuration still shows them: a file with its ``groups``, or
a reply that marks inherited statements).
"""
from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos import syntax as junos_syntax
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.groups import (
    GROUP_ATTR, INACTIVE, MULTI_KEYS, parse_xml_text, prepare,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import (
    FORMATS, detect_format, parse_element,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES, ChassisConfig

_STEP = re.compile(r"([^/\[\]]+)(?:\[([^\]]*)\])?")


@dataclass
class ChassisSource:
    """What one chassis holds, as the import sees it.

    ``statements`` holds, verbatim as ``set`` lines, the SRD statements the model does not cover
    (``unmodelled``) and those that are inactive (``inactive``: their ``set`` and ``deactivate`` lines).
    ``groups`` maps an intent path (``redundancy_events[name=EV]``) to the configuration groups the
    entry was (wholly or partly) inherited from. ``origin`` says where the configuration came from.
    """

    name: str
    config: ChassisConfig
    origin: str = ""
    unmodelled: list = field(default_factory=list)
    inactive: list = field(default_factory=list)
    statements: dict = field(default_factory=lambda: {"unmodelled": [], "inactive": []})
    groups: dict = field(default_factory=dict)
    violations: list = field(default_factory=list)


def read_element(name: str, element: ET.Element, origin: str = "") -> ChassisSource:
    """A chassis from a ``<configuration>`` (or a reply around one): the read of a live chassis."""
    prepared = prepare(element, origin or name)
    parsed = parse_element(element, origin or name)
    source = ChassisSource(name, parsed.config.only(*RESOURCES), origin, list(parsed.unmodelled),
                           list(parsed.inactive), violations=list(parsed.violations))
    source.statements = {"unmodelled": statements_at(prepared, parsed.unmodelled),
                         "inactive": statements_at(prepared, parsed.inactive)}
    source.groups = group_origins(prepared)
    return source


def read_text(name: str, text: str, fmt: str = "auto", origin: str = "") -> ChassisSource:
    """A chassis from a configuration backup: XML, ``set`` lines or curly-brace text (as ``validate`` reads)."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("the configuration of %s is empty" % name, origin or None)
    if fmt not in FORMATS:
        raise InputError("format must be one of %s, not %r" % (", ".join(FORMATS), fmt), origin or None)
    text = text.lstrip("\ufeff")
    if fmt == "auto":
        fmt = detect_format(text)
    if fmt == "xml":
        return read_element(name, parse_xml_text(text, origin or None), origin)
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import prefilter

    try:
        element = prefilter.parse_set_srd(text) if fmt == "set" else prefilter.parse_text_srd(text)
    except InputError:
        raise
    except (ValueError, SyntaxError, KeyError) as exc:
        raise InputError("the %s configuration of %s cannot be read: %s" % (fmt, name, exc), origin or None) from None
    return read_element(name, element, origin)


# ------------------------------------------------------------------------------ verbatim statements


def _steps(path: str) -> list[tuple[str, str | None]]:
    """``a/b[x/y]/c`` -> [(a, None), (b, "x/y"), (c, None)] (names may hold slashes)."""
    out = []
    position = 0
    while position < len(path):
        match = _STEP.match(path, position)
        if match is None:
            break
        out.append((match.group(1), match.group(2)))
        position = match.end() + 1   # the "/" after the step
    return out


def _key_text(elem: ET.Element) -> str | None:
    tags = MULTI_KEYS.get(elem.tag, ("name",))
    value = elem.findtext(tags[0]) if elem.tag != "route" else elem.findtext("route_address")
    return value.strip() if value is not None else None


def _matching(parent: ET.Element, tag: str, key: str | None) -> list[ET.Element]:
    return [child for child in parent if child.tag == tag and (key is None or _key_text(child) == key)]


def _shell(elem: ET.Element) -> ET.Element:
    """An element with only its list keys: the way down to a statement."""
    out = ET.Element(elem.tag)
    for tag in MULTI_KEYS.get(elem.tag, ("name",)):
        found = elem.find(tag)
        if found is not None and not len(found):
            out.append(copy.deepcopy(found))
    return out


def _without_group_marks(elem: ET.Element) -> ET.Element:
    for node in elem.iter():
        node.attrib.pop(GROUP_ATTR, None)
    return elem


def statements_at(config: ET.Element, paths) -> list[str]:
    """The ``set`` lines (and ``deactivate`` lines) of the statements at ``paths`` in ``config``."""
    out_root = ET.Element("configuration")
    copied: set = set()
    for path in dict.fromkeys(paths):
        steps = _steps(path)
        if not steps:
            continue
        sources, targets = [config], [out_root]
        for depth, (tag, key) in enumerate(steps):
            last = depth == len(steps) - 1
            next_sources, next_targets = [], []
            for source, target in zip(sources, targets):
                for found in _matching(source, tag, key):
                    if last:
                        if id(found) not in copied:
                            copied.add(id(found))
                            target.append(_without_group_marks(copy.deepcopy(found)))
                        continue
                    shell = next((c for c in target if c.tag == tag and _key_text(c) == _key_text(found)), None)
                    if shell is None:
                        shell = _shell(found)
                        target.append(shell)
                    next_sources.append(found)
                    next_targets.append(shell)
            sources, targets = next_sources, next_targets
    if not len(out_root):
        return []
    try:
        return junos_syntax.to_set(out_root)
    except ValueError:                 # a statement the grammar cannot write: say where it is instead
        return ["# %s (not writable as set lines)" % path for path in dict.fromkeys(paths)]


# ------------------------------------------------------------------------------ configuration groups


def _groups_in(elem: ET.Element) -> tuple[list[str], bool]:
    """The groups an entry's statements came from, and whether the whole entry came from one."""
    names = [node.get(GROUP_ATTR) for node in elem.iter() if node.get(GROUP_ATTR)]
    return sorted(set(names)), bool(elem.get(GROUP_ATTR))


def _active(parent: ET.Element, tag: str):
    return [child for child in parent if child.tag == tag and child.get(INACTIVE) != INACTIVE]


def group_origins(config: ET.Element) -> dict[str, str]:
    """Intent path -> "group G" / "partly from group G" for entries with inherited statements."""
    out: dict[str, str] = {}

    def note(path: str, elem: ET.Element) -> None:
        names, whole = _groups_in(elem)
        if names:
            out[path] = "%sfrom configuration group%s %s" % ("" if whole else "partly ", "s" if len(names) > 1 else "",
                                                             ", ".join(names))

    for section in _active(config, "event-options"):
        for entry in _active(section, "redundancy-event"):
            note("redundancy_events[name=%s]" % _key_text(entry), entry)
    for section in _active(config, "policy-options"):
        for entry in _active(section, "redundancy-policy"):
            note("redundancy_policies[name=%s]" % _key_text(entry), entry)
        for entry in _active(section, "condition"):
            if entry.find("if-route-exists") is not None:
                note("route_tracking.conditions[name=%s]" % _key_text(entry), entry)
    for section in _active(config, "services"):
        for holder in _active(section, "redundancy-set"):
            for entry in _active(holder, "rs-id-object"):
                note("redundancy_sets[id=%s]" % _key_text(entry), entry)
        for entry in _active(section, "service-set"):
            srd = [c for c in entry if c.tag in ("redundancy-set-id", "replicate-services")]
            if srd:
                holder = ET.Element("service-set")
                holder.extend(srd)
                note("service_sets[name=%s]" % _key_text(entry), holder)
    for section in _active(config, "protocols"):
        for entry in _active(section, "iccp"):
            note("iccp", entry)
    for section in _active(config, "interfaces"):
        for entry in _active(section, "interface"):
            for options in _active(entry, "redundancy-options"):
                note("interfaces[%s].redundancy-options" % _key_text(entry), options)
            for group in entry.iter("vrrp-group"):
                note("interfaces[%s].vrrp-group[%s]" % (_key_text(entry), _key_text(group)), group)
    return out
