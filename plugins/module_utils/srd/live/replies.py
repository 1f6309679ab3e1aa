# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The live SRD state of a chassis: operational RPC replies in, plain data out.

Why one module: the element names of ``show services redundancy-group`` replies are only partly
documented (JUNOS-SRD-REFERENCE section 3.1), so every name the collection expects is listed once,
in ``NAMES`` below, and every lookup searches by name *anywhere* in the reply, never below a fixed
root: a release that wraps the records differently, adds elements or uses another root still
parses. Also here: the requests themselves, so the RPC shapes live next to their replies. The state
"facts" shape built from a LiveState is in ``srd.live.facts``.

Pure: no I/O. Device state texts are mapped with ``engine.state.state_from_device``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, Iterator, List, Mapping, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import (
    ChassisState,
    RoleState,
    RouteKey,
    instance_of_table,
    route_key,
    state_from_device,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError

__all__ = [
    "NAMES", "LABELS", "RPC", "SHAPES", "Record", "ReplyShape", "LEVELS", "VERBOSITY_FORMS", "EMPTY_ELEMENT", "LEAF",
    "NO_ARGUMENT", "redundancy_group_request", "iccp_request", "route_request", "trigger_request", "software_request",
    "commits_request", "command_request", "RedundancySetStatus", "RedundancyGroupStatus", "IccpPeerStatus",
    "IccpStatus", "RouteEntry", "SoftwareInfo", "LiveState", "parse_redundancy_groups",
    "parse_redundancy_groups_text", "parse_iccp", "parse_routes", "parse_software", "daemon_not_running",
    "live_state", "read_routes",
]

# ---------------------------------------------------------------- the names we rely on

NAMES: Dict[str, Tuple[str, ...]] = {
    # show services redundancy-group (get-services-redundancy-group-information)
    "iccp_process_connection": ("iccp-process-connection",),
    "group_id": ("rg-id",),
    "group_local_ip": ("local-rg-ip",),
    "group_peer_ip": ("peer-rg-ip",),
    "group_peer_connections": ("number-of-peer-rg-connections",),
    # A redundancy-set record is any element holding a local state (PyEZ evidence names
    # local-rs-state; the record's own tag is not relied on).
    "set_local_state": ("local-rs-state",),
    "set_id": ("rs-id",),
    "set_peer_state": ("peer-rs-state",),
    "set_status": ("rs-status",),
    "set_health": ("rs-health-status",),
    "set_down_count": ("monitored-interface-down-count",),
    "set_failed_interface": ("failed-interface",),
    "set_service_set": ("service-set",),
    # show iccp (get-inter-chassis-control-protocol-information), per the published YANG
    "iccp_peer": ("iccp-peer",),
    "iccp_peer_address": ("peer-address",),
    "iccp_backup_liveness": ("backup-liveness-peer-status",),
    "iccp_tcp_state": ("peer-conn-tcp-state",),
    "iccp_bfd_state": ("peer-conn-bfd-state",),
    "iccp_rg_entry": ("rg-group-entry",),
    "iccp_rg_id": ("redundancy-group",),
    "iccp_rg_state": ("rg-state",),
    "iccp_client": ("iccp-client",),
    "iccp_client_name": ("client-name",),
    "iccp_client_groups": ("client-rg-groups",),
    # show route (get-route-information)
    "route_table": ("route-table",),
    "route_table_name": ("table-name",),
    "route": ("rt",),
    "route_destination": ("rt-destination",),
    "route_prefix_length": ("rt-prefix-length",),
    "route_entry": ("rt-entry",),
    "route_protocol": ("protocol-name",),
    "route_active": ("active-tag",),
    "route_nh_type": ("nh-type",),
    # show version (get-software-information): junos-eznc's software facts read these
    "software": ("software-information",),
    "software_host_name": ("host-name",),
    "software_model": ("product-model",),
    "software_version": ("junos-version",),
    # show system commit (get-commit-information)
    "commit_entry": ("commit-history",),
    "commit_sequence": ("sequence-number",),
    "commit_user": ("user",),
    "commit_client": ("client",),
    "commit_date_time": ("date-time",),
    "commit_comment": ("comment",),
    "commit_log": ("log",),
}
"""Element names by meaning. The only place the reply vocabulary is written down; where each name
comes from (a public source, or inferred) is docs/srd-operational-replies.md."""

RPC = {
    "groups": "get-services-redundancy-group-information",
    "iccp": "get-inter-chassis-control-protocol-information",
    "routes": "get-route-information",
    "trigger": "request-services-redundancy-set",
    "software": "get-software-information",
    "commits": "get-commit-information",
    "command": "command",
}
"""The operational RPCs the collection sends (JUNOS-SRD-REFERENCE section 3)."""


@dataclass(frozen=True)
class Record:
    """A repeated part of a reply, as the compatibility check looks for it.

    ``key``: the meaning whose element the parser finds the record by (its parent is the record,
    unless the key names the record itself); ``wrappers``: the tag the record itself has or is
    believed to have (for the redundancy-group reply the parser never relies on it; the check uses it
    to find a record whose key element is missing). Every record should hold the ``required`` meanings (plus
    ``by_level[verbosity]``); ``optional`` ones appear only when there is something to show.
    """

    key: str
    wrappers: Tuple[str, ...] = ()
    required: Tuple[str, ...] = ()
    optional: Tuple[str, ...] = ()
    by_level: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()

    def required_at(self, level: Optional[str]) -> Tuple[str, ...]:
        return self.required + dict(self.by_level).get(level or "", ())


@dataclass(frozen=True)
class ReplyShape:
    """What one operational reply is expected to hold: ``top`` meanings once per (non-empty) reply,
    its ``records``, and ``known`` tags seen around them that no parser reads (roots, wrappers,
    display-only fields). A tag none of these name is *unexpected*."""

    rpc: str
    top: Tuple[str, ...] = ()
    records: Tuple[Record, ...] = ()
    known: Tuple[str, ...] = ()

    def meanings(self) -> Tuple[str, ...]:
        out = list(self.top)
        for record in self.records:
            out += [record.key, *record.required, *record.optional]
            out += [m for _level, extra in record.by_level for m in extra]
        return tuple(dict.fromkeys(out))

    def expected_tags(self) -> FrozenSet[str]:
        tags = set(self.known)
        for record in self.records:
            tags |= set(record.wrappers)
        for meaning in self.meanings():
            tags |= set(NAMES[meaning])
        return frozenset(tags)


SHAPES: Dict[str, ReplyShape] = {
    "groups": ReplyShape(
        RPC["groups"], top=("iccp_process_connection",),
        records=(
            Record("group_id", ("services-rg-information",), ("group_id", "group_local_ip", "group_peer_ip"),
                   by_level=(("brief", ("group_peer_connections",)), ("extensive", ("group_peer_connections",)))),
            Record("set_local_state", ("services-rg-rs-information",),
                   ("set_id", "set_local_state", "set_peer_state", "set_status"),
                   optional=("set_failed_interface", "set_service_set"),
                   by_level=(("brief", ("set_health", "set_down_count")),
                             ("extensive", ("set_health", "set_down_count")))),
        ),
        known=("services-redundancy-group-information", "services-redundancy-group-id-information",
               "rg-information", "rg-state-information")),
    "iccp": ReplyShape(
        RPC["iccp"],
        records=(
            Record("iccp_peer", ("iccp-peer",), ("iccp_peer_address", "iccp_tcp_state"),
                   optional=("iccp_backup_liveness", "iccp_bfd_state", "iccp_rg_entry")),
            Record("iccp_rg_entry", ("rg-group-entry",), ("iccp_rg_id", "iccp_rg_state")),
            Record("iccp_client", ("iccp-client",), ("iccp_client_name",), optional=("iccp_client_groups",)),
        ),
        # the YANG output of the RPC (junos-rpc-iccp, grouping iccp-information-block)
        known=("iccp-information", "peer-conn-state-information", "peer-conn-state", "logical-system", "rg-groups")),
    "routes": ReplyShape(
        RPC["routes"],
        records=(
            Record("route_table_name", ("route-table",), ("route_table_name",)),
            Record("route_destination", ("rt",), ("route_destination", "route_entry"),
                   optional=("route_prefix_length",)),
            Record("route_protocol", ("rt-entry",), ("route_protocol",), optional=("route_active", "route_nh_type")),
        ),
        # fields of `show route` that junos-eznc's route tables and Junos' brief display carry, not read here
        known=("route-information", "destination-count", "total-route-count", "active-route-count",
               "holddown-route-count", "hidden-route-count", "current-active", "last-active", "preference",
               "preference2", "age", "nh", "selected-next-hop", "to", "via", "nh-local-interface", "rt-announced-count",
               "rt-state", "local-preference", "metric", "as-path", "validation-state", "rt-tag", "nh-index")),
    "software": ReplyShape(
        RPC["software"],
        records=(Record("software", ("software-information",),
                        ("software_host_name", "software_model", "software_version")),),
        known=("product-name", "package-information", "name", "comment", "multi-routing-engine-results",
               "multi-routing-engine-item", "re-name", "version-information", "component", "release", "release-category",
               "build-date", "builder", "build-number", "major", "minor", "host-name-domain-name")),
    "commits": ReplyShape(
        RPC["commits"],
        records=(Record("commit_entry", ("commit-history",),
                        ("commit_sequence", "commit_user", "commit_client", "commit_date_time"),
                        optional=("commit_comment", "commit_log")),),
        known=("commit-information",)),
}
"""Per operational reply: what the compatibility check expects (``srd.live.survey`` compares a reply
with it). Names come from ``NAMES``; the extra tags listed as ``known`` are never read."""

# "services redundancy daemon is not running" (the emulator), "the services-redundancy-daemon
# subsystem is not running" (Junos' usual wording for a stopped daemon), "srd ... not running".
_NOT_RUNNING = re.compile(r"(services[\s-]*redundancy|\bsrd\b).*\bnot\s+running", re.I | re.S)
_PEER_UNKNOWN = ("UNKNOWN", "", "-", "N/A", "NONE")
STATIC = "static"


# ---------------------------------------------------------------- requests


LEVELS = ("terse", "brief", "extensive")

EMPTY_ELEMENT = "empty-element"
LEAF = "verbose-leaf"
NO_ARGUMENT = "no-argument"
VERBOSITY_FORMS = (EMPTY_ELEMENT, LEAF, NO_ARGUMENT)
"""How the verbosity of ``show services redundancy-group`` is written in the RPC, in the order tried.

Juniper's YANG models it as ``leaf verbose { junos:cli-feature "nokeyword"; type enumeration {terse;
brief; extensive} }`` (junos-rpc-services, 24.4R1). Junos writes other nokeyword enumerations of its
RPCs as an empty element (``<extensive/>``, as PyEZ's ``detail=True`` does); the leaf form
``<verbose>extensive</verbose>`` is what the YANG itself would give. Which one a release accepts is not
documented, so a chassis that answers one form with a syntax error is asked the next; the last form
sends no argument (Junos then answers terse, the YANG default)."""


def redundancy_group_request(verbosity: str = "extensive", group: Optional[int] = None,
                             form: str = EMPTY_ELEMENT) -> ET.Element:
    """``show services redundancy-group [N] extensive``: states, health, failed interfaces in one reply."""
    if verbosity not in LEVELS:
        raise ValueError("verbosity is terse, brief or extensive, not %r" % verbosity)
    if form not in VERBOSITY_FORMS:
        raise ValueError("form is one of %s, not %r" % (", ".join(VERBOSITY_FORMS), form))
    if group is None:
        rpc = ET.Element(RPC["groups"])
    else:
        rpc = ET.Element("get-services-redundancy-group-id-information")
        ET.SubElement(rpc, "id").text = str(int(group))
    if form == EMPTY_ELEMENT:
        ET.SubElement(rpc, verbosity)
    elif form == LEAF:
        ET.SubElement(rpc, "verbose").text = verbosity
    return rpc


def software_request() -> ET.Element:
    """``show version``: host name, model and Junos version."""
    return ET.Element(RPC["software"])


def commits_request() -> ET.Element:
    """``show system commit``: the commit history, newest first."""
    return ET.Element(RPC["commits"])


def command_request(line: str, output_format: str = "text") -> ET.Element:
    """A CLI command through Junos' ``<command>`` RPC (``format="text"``: the reply's ``<output>`` text)."""
    rpc = ET.Element(RPC["command"], {"format": output_format})
    rpc.text = line
    return rpc


def iccp_request() -> ET.Element:
    """``show iccp`` (brief, the default)."""
    return ET.Element(RPC["iccp"])


def route_request(table: Optional[str] = None, protocol: Optional[str] = STATIC) -> ET.Element:
    """``show route [table T] [protocol static]``: signal routes are static routes.

    Without a table the reply covers every table, so one RPC finds the signal routes of every
    routing instance.
    """
    rpc = ET.Element(RPC["routes"])
    if table:
        ET.SubElement(rpc, "table").text = table
    if protocol:
        ET.SubElement(rpc, "protocol").text = protocol
    return rpc


def trigger_request(set_id: int, event: str, force: bool = False) -> ET.Element:
    """``request services redundancy-set id N trigger redundancy-event E [force]``."""
    rpc = ET.Element(RPC["trigger"])
    ET.SubElement(rpc, "id").text = str(int(set_id))
    ET.SubElement(rpc, "trigger")
    ET.SubElement(rpc, "redundancy-event").text = event
    if force:
        ET.SubElement(rpc, "force")
    return rpc


# ---------------------------------------------------------------- element helpers


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1] if isinstance(tag, str) else ""


def namespace_free(reply) -> ET.Element:
    """Element or XML text -> element with namespace-free tags (a copy: the input is left alone; an
    ``<rpc-reply>`` envelope is kept)."""
    if isinstance(reply, ET.Element):
        root = ET.fromstring(ET.tostring(reply))
    else:
        try:
            root = ET.fromstring(reply)
        except (ET.ParseError, TypeError) as exc:
            raise InputError("the reply is not XML: %s" % exc) from None
    for node in root.iter():
        node.tag = _local(node.tag)
    return root


def _all(elem: ET.Element, meaning: str) -> Iterator[ET.Element]:
    names = NAMES[meaning]
    for node in elem.iter():
        if node.tag in names:
            yield node


def _first(elem: ET.Element, meaning: str) -> Optional[ET.Element]:
    return next(_all(elem, meaning), None)


def _text(elem: Optional[ET.Element], meaning: str) -> Optional[str]:
    """Stripped text of the first element of that meaning below ``elem`` (None if absent or empty)."""
    if elem is None:
        return None
    for node in _all(elem, meaning):
        text = " ".join((node.text or "").split())
        if text:
            return text
    return None


def _child_text(elem: ET.Element, meaning: str) -> Optional[str]:
    """Like :func:`_text` but only among direct children (a record's own fields, not a nested record's)."""
    names = NAMES[meaning]
    for node in elem:
        if node.tag in names:
            text = " ".join((node.text or "").split())
            if text:
                return text
    return None


def _int(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    match = re.match(r"^\s*(\d+)", text)
    return int(match.group(1)) if match else None


def _parents(root: ET.Element) -> Dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def _ancestor_with(node: ET.Element, parents: Mapping, meaning: str) -> Optional[ET.Element]:
    """The nearest ancestor that has a direct child of that meaning."""
    names = NAMES[meaning]
    current = parents.get(node)
    while current is not None:
        if any(child.tag in names for child in current):
            return current
        current = parents.get(current)
    return None


# ---------------------------------------------------------------- redundancy groups and sets


@dataclass(frozen=True)
class RedundancySetStatus:
    """One redundancy set as a chassis reports it: its own state and what it knows of the peer."""

    id: int
    group: Optional[int]
    local_state_text: Optional[str]
    local_state: Optional[RoleState]
    peer_state_text: Optional[str] = None
    peer_state: Optional[RoleState] = None
    status: Optional[str] = None
    health: Optional[str] = None
    monitored_interface_down_count: Optional[int] = None
    failed_interfaces: Tuple[str, ...] = ()
    service_sets: Tuple[str, ...] = ()

    @property
    def peer_connected(self) -> Optional[bool]:
        """``rs-status``: Connected / Not Connected (None when the reply has no status)."""
        if self.status is None:
            return None
        return " ".join(self.status.lower().split()) == "connected"

    def to_dict(self) -> dict:
        return {
            "id": self.id, "redundancy_group": self.group,
            "local_state": self.local_state_text, "local_role": _role_text(self.local_state),
            "peer_state": self.peer_state_text, "peer_role": _role_text(self.peer_state),
            "status": self.status, "peer_connected": self.peer_connected, "health": self.health,
            "monitored_interface_down_count": self.monitored_interface_down_count,
            "failed_interfaces": list(self.failed_interfaces), "service_sets": list(self.service_sets),
        }


@dataclass(frozen=True)
class RedundancyGroupStatus:
    id: Optional[int]
    local_ip: Optional[str] = None
    peer_ip: Optional[str] = None
    peer_connections: Optional[int] = None
    sets: Tuple[RedundancySetStatus, ...] = ()

    def to_dict(self) -> dict:
        return {"id": self.id, "local_ip": self.local_ip, "peer_ip": self.peer_ip,
                "peer_connections": self.peer_connections, "redundancy_sets": [s.to_dict() for s in self.sets]}


def _role_text(role: Optional[RoleState]) -> Optional[str]:
    return str(role) if role is not None else None


def _map_state(text: Optional[str], where: str, problems: List[str], peer: bool) -> Optional[RoleState]:
    if text is None:
        if not peer:
            problems.append("%s: no state in the reply" % where)
        return None
    if peer and text.upper() in _PEER_UNKNOWN:
        return None
    try:
        return state_from_device(text)
    except ValueError as exc:
        problems.append("%s: %s" % (where, exc))
        return None


def parse_redundancy_groups(reply) -> Tuple[Optional[str], Tuple[RedundancyGroupStatus, ...], Tuple[str, ...]]:
    """``get-services-redundancy-group-information`` reply -> (ICCP process connection, groups, problems).

    A set record is whatever element holds a ``local-rs-state``; its group is the nearest ancestor
    with an ``rg-id``. Sets found outside any group record are grouped under id None.
    """
    root = namespace_free(reply)
    problems: List[str] = []
    parents = _parents(root)
    groups: Dict[Optional[int], dict] = {}
    order: List[Optional[int]] = []

    def group_of(record: Optional[ET.Element]) -> dict:
        gid = _int(_child_text(record, "group_id")) if record is not None else None
        if gid not in groups:
            groups[gid] = {"record": record, "sets": []}
            order.append(gid)
        return groups[gid]

    for record in _all(root, "group_id"):  # every group, even one without sets
        group_of(parents.get(record))
    seen: Dict[int, RedundancySetStatus] = {}
    for state_elem in _all(root, "set_local_state"):
        record = parents.get(state_elem)
        if record is None:
            continue
        set_id = _int(_child_text(record, "set_id"))
        where = "redundancy set %s" % (set_id if set_id is not None else "?")
        if set_id is None:
            problems.append("a redundancy-set record without an id (%s) was ignored" % record.tag)
            continue
        group = group_of(_ancestor_with(record, parents, "group_id"))
        local_text = _child_text(record, "set_local_state")
        peer_text = _child_text(record, "set_peer_state")
        status = RedundancySetStatus(
            id=set_id,
            group=_int(_child_text(group["record"], "group_id")) if group["record"] is not None else None,
            local_state_text=local_text,
            local_state=_map_state(local_text, where + " local state", problems, peer=False),
            peer_state_text=peer_text,
            peer_state=_map_state(peer_text, where + " peer state", problems, peer=True),
            status=_child_text(record, "set_status"),
            health=_child_text(record, "set_health"),
            monitored_interface_down_count=_int(_child_text(record, "set_down_count")),
            failed_interfaces=tuple(" ".join((n.text or "").split()) for n in record
                                    if n.tag in NAMES["set_failed_interface"] and (n.text or "").strip()),
            service_sets=tuple(" ".join((n.text or "").split()) for n in record
                               if n.tag in NAMES["set_service_set"] and (n.text or "").strip()),
        )
        if set_id in seen:
            problems.append("redundancy set %d is reported twice; the first record is used" % set_id)
            continue
        seen[set_id] = status
        group["sets"].append(status)
    out = []
    for gid in order:
        record = groups[gid]["record"]
        out.append(RedundancyGroupStatus(
            id=gid,
            local_ip=_child_text(record, "group_local_ip") if record is not None else None,
            peer_ip=_child_text(record, "group_peer_ip") if record is not None else None,
            peer_connections=_int(_child_text(record, "group_peer_connections")) if record is not None else None,
            sets=tuple(sorted(groups[gid]["sets"], key=lambda s: s.id))))
    return _text(root, "iccp_process_connection"), tuple(out), tuple(problems)


# ---------------------------------------------------------------- the text form, when the XML names differ

LABELS: Dict[str, Tuple[str, ...]] = {
    # The field names of Juniper's ``show services redundancy-group`` page (terse table headings and the
    # brief/extensive labels), lower case with single spaces. Used only when a reply's XML does not
    # carry the element names above (docs/srd-operational-replies.md).
    "iccp_process_connection": ("iccp process connection",),
    "group_id": ("redundancy group id",),
    "group_local_ip": ("local rg ip",),
    "group_peer_ip": ("peer rg ip",),
    "group_peer_connections": ("number of peer rg connections",),
    "set_id": ("redundancy set id", "rs id"),
    "set_status": ("connection status", "status"),
    "set_local_state": ("redundancy set state", "local rs state"),
    "set_peer_state": ("redundancy set peer state", "peer rs state"),
    "set_health": ("redundancy set health status", "health status"),
    "set_down_count": ("number of monitored interface down",),
    "set_failed_interface": ("failed interfaces",),
    "set_service_set": ("service set",),
}
"""Text labels by meaning (the same meanings as ``NAMES``)."""

_LABEL_OF = {label: meaning for meaning, labels in LABELS.items() for label in labels}
_TERSE_COLUMNS = ("set_id", "set_local_state", "set_peer_state", "set_status")


def _label(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _columns(header: str) -> Optional[List[Tuple[str, int]]]:
    """The terse table's columns (meaning, start offset), when ``header`` is its heading line."""
    found = []
    for meaning in _TERSE_COLUMNS:
        for label in LABELS[meaning]:
            match = re.search(r"(?<!\S)" + r"\s+".join(re.escape(w) for w in label.split()) + r"(?!\S)", header,
                              re.I)
            if match and all(match.start() != start for _m, start in found):
                found.append((meaning, match.start()))
                break
    if len(found) != len(_TERSE_COLUMNS):
        return None
    return sorted(found, key=lambda item: item[1])


def parse_redundancy_groups_text(text: str) -> Tuple[Optional[str], Tuple[RedundancyGroupStatus, ...], Tuple[str, ...]]:
    """``show services redundancy-group`` as CLI text -> the same as :func:`parse_redundancy_groups`.

    Lenient: labels are matched case-insensitively with any spacing; the terse table is cut at its
    headings' columns, so states with spaces ("STANDBY (WARNED)", "Not Connected") survive.
    """
    problems: List[str] = []
    connection: Optional[str] = None
    groups: List[dict] = []
    current_set: Optional[dict] = None
    columns: Optional[List[Tuple[str, int]]] = None

    def group() -> dict:
        if not groups:
            groups.append({"fields": {}, "sets": []})
        return groups[-1]

    for raw in (text or "").splitlines():
        if not raw.strip():
            continue
        heading = _columns(raw)
        if heading is not None:
            columns = heading
            continue
        label, sep, value = raw.partition(":")
        meaning = _LABEL_OF.get(_label(label)) if sep else None
        if meaning is None and columns is not None:
            cells = {}
            for index, (name, start) in enumerate(columns):
                end = columns[index + 1][1] if index + 1 < len(columns) else None
                cells[name] = " ".join(raw[start:end].split()) if len(raw) > start else ""
            if _int(cells.get("set_id")) is not None:
                group()["sets"].append(dict(cells))
                current_set = None
                continue
        if meaning is None:
            continue
        columns = None if meaning == "group_id" else columns
        value = " ".join(value.split())
        if meaning == "iccp_process_connection":
            connection = value or None
        elif meaning == "group_id":
            groups.append({"fields": {"group_id": value}, "sets": []})
            current_set = None
        elif meaning.startswith("group_"):
            group()["fields"][meaning] = value
        elif meaning == "set_id":
            current_set = {"set_id": value}
            group()["sets"].append(current_set)
        elif current_set is None:
            problems.append("text form: %r appears outside a redundancy set" % label.strip())
        elif meaning == "set_failed_interface":
            names = [n.strip() for n in value.split(",") if n.strip() and n.strip().lower() != "none"]
            current_set.setdefault(meaning, []).extend(names)
        elif meaning == "set_service_set":
            current_set.setdefault(meaning, []).append(value)
        else:
            current_set[meaning] = value
    out = []
    seen: set = set()
    for entry in groups:
        fields = entry["fields"]
        gid = _int(fields.get("group_id"))
        sets = []
        for cells in entry["sets"]:
            set_id = _int(cells.get("set_id"))
            if set_id is None or set_id in seen:
                problems.append("text form: redundancy set %r skipped (no id, or reported twice)" % cells.get("set_id"))
                continue
            seen.add(set_id)
            where = "redundancy set %d" % set_id
            local_text = cells.get("set_local_state") or None
            peer_text = cells.get("set_peer_state") or None
            sets.append(RedundancySetStatus(
                id=set_id, group=gid, local_state_text=local_text,
                local_state=_map_state(local_text, where + " local state", problems, peer=False),
                peer_state_text=peer_text, peer_state=_map_state(peer_text, where + " peer state", problems, peer=True),
                status=cells.get("set_status") or None, health=cells.get("set_health") or None,
                monitored_interface_down_count=_int(cells.get("set_down_count")),
                failed_interfaces=tuple(cells.get("set_failed_interface", ())),
                service_sets=tuple(cells.get("set_service_set", ()))))
        out.append(RedundancyGroupStatus(
            id=gid, local_ip=fields.get("group_local_ip") or None, peer_ip=fields.get("group_peer_ip") or None,
            peer_connections=_int(fields.get("group_peer_connections")), sets=tuple(sorted(sets, key=lambda x: x.id))))
    return connection, tuple(out), tuple(problems)


def daemon_not_running(messages: Iterable[str]) -> bool:
    """Whether an rpc-error message says srd is not running (the RPC then fails on the device)."""
    return any(_NOT_RUNNING.search(str(m or "")) for m in messages)


# ---------------------------------------------------------------- ICCP


@dataclass(frozen=True)
class IccpPeerStatus:
    address: Optional[str]
    tcp_state: Optional[str] = None
    bfd_state: Optional[str] = None
    backup_liveness: Optional[str] = None
    groups: Tuple[Tuple[int, Optional[str]], ...] = ()

    @property
    def up(self) -> bool:
        """The ICCP TCP session to the peer is established."""
        return (self.tcp_state or "").strip().lower() == "established"

    def to_dict(self) -> dict:
        return {"address": self.address, "tcp_state": self.tcp_state, "bfd_state": self.bfd_state,
                "backup_liveness_peer_status": self.backup_liveness, "up": self.up,
                "redundancy_groups": {str(g): s for g, s in self.groups}}


@dataclass(frozen=True)
class IccpStatus:
    peers: Tuple[IccpPeerStatus, ...] = ()
    clients: Tuple[Tuple[str, str], ...] = ()

    @property
    def up(self) -> bool:
        return bool(self.peers) and all(p.up for p in self.peers)

    def to_dict(self) -> dict:
        return {"up": self.up, "peers": [p.to_dict() for p in self.peers],
                "clients": [{"name": n, "redundancy_groups": g} for n, g in self.clients]}


def parse_iccp(reply) -> IccpStatus:
    """``get-inter-chassis-control-protocol-information`` reply -> peers and clients."""
    root = namespace_free(reply)
    peers = []
    for peer in _all(root, "iccp_peer"):
        groups = []
        for entry in _all(peer, "iccp_rg_entry"):
            gid = _int(_text(entry, "iccp_rg_id"))
            if gid is not None:
                groups.append((gid, _text(entry, "iccp_rg_state")))
        peers.append(IccpPeerStatus(
            address=_text(peer, "iccp_peer_address"), tcp_state=_text(peer, "iccp_tcp_state"),
            bfd_state=_text(peer, "iccp_bfd_state"), backup_liveness=_text(peer, "iccp_backup_liveness"),
            groups=tuple(groups)))
    clients = tuple((_text(c, "iccp_client_name") or "", _text(c, "iccp_client_groups") or "")
                    for c in _all(root, "iccp_client"))
    return IccpStatus(tuple(peers), clients)


# ---------------------------------------------------------------- routes


@dataclass(frozen=True)
class RouteEntry:
    """One route of a ``show route`` reply (its first entry's protocol, active tag and next-hop type)."""

    prefix: str
    table: Optional[str]
    protocol: Optional[str] = None
    active: bool = False
    nh_type: Optional[str] = None

    @property
    def routing_instance(self) -> Optional[str]:
        """``HA.inet.0`` -> HA, ``inet.0`` -> default, other tables (inet6 ...) -> None."""
        return instance_of_table(self.table) if self.table else None

    @property
    def key(self) -> Optional[RouteKey]:
        instance = self.routing_instance
        return route_key(self.prefix, instance) if instance is not None else None

    @property
    def static(self) -> bool:
        return (self.protocol or "").strip().lower() == STATIC

    def to_dict(self) -> dict:
        return {"prefix": self.prefix, "table": self.table, "routing_instance": self.routing_instance,
                "protocol": self.protocol, "active": self.active, "nh_type": self.nh_type}


def parse_routes(reply) -> Tuple[RouteEntry, ...]:
    """``get-route-information`` reply -> every route, with its table (nearest ``table-name``)."""
    root = namespace_free(reply)
    parents = _parents(root)
    out = []
    for rt in _all(root, "route"):
        dest = _child_text(rt, "route_destination")
        if not dest:
            continue
        if "/" not in dest:
            length = _child_text(rt, "route_prefix_length")
            dest = "%s/%s" % (dest, length if length else ("128" if ":" in dest else "32"))
        table_elem = _ancestor_with(rt, parents, "route_table_name")
        table = _child_text(table_elem, "route_table_name") if table_elem is not None else None
        entry = _first(rt, "route_entry")
        holder = entry if entry is not None else rt
        active = any((node.text or "").strip() == "*" for node in _all(rt, "route_active"))
        out.append(RouteEntry(dest, table, _text(holder, "route_protocol"), active, _text(holder, "route_nh_type")))
    return tuple(out)


def read_routes(routes: Iterable[RouteEntry], wanted: Optional[Iterable[RouteKey]] = None) -> FrozenSet[RouteKey]:
    """The static routes present (IPv4 tables only), optionally only those in ``wanted``."""
    keys = {r.key for r in routes if r.static and r.key is not None}
    if wanted is not None:
        keys &= set(wanted)
    return frozenset(keys)


# ---------------------------------------------------------------- show version


@dataclass(frozen=True)
class SoftwareInfo:
    """What ``get-software-information`` says of a chassis (the first routing engine's when several answer)."""

    host_name: Optional[str] = None
    model: Optional[str] = None
    version: Optional[str] = None
    routing_engines: Tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"host_name": self.host_name, "model": self.model, "version": self.version,
                "routing_engines": list(self.routing_engines)}


def parse_software(reply) -> SoftwareInfo:
    """``get-software-information`` reply (plain or ``multi-routing-engine-results``) -> host, model, version."""
    root = namespace_free(reply)
    infos = list(_all(root, "software"))
    if not infos:
        return SoftwareInfo()
    first = infos[0]
    parents = _parents(root)
    engines = []
    for info in infos:
        item = parents.get(info)
        name = item.findtext("re-name") if item is not None else None
        if name and name.strip():
            engines.append(name.strip())
    return SoftwareInfo(_child_text(first, "software_host_name"), _child_text(first, "software_model"),
                        _child_text(first, "software_version"), tuple(engines))


# ---------------------------------------------------------------- one chassis, all of it


@dataclass(frozen=True)
class LiveState:
    """Everything read from one chassis. ``daemon_running`` False means the set states are unknown."""

    daemon_running: bool = True
    daemon_message: Optional[str] = None
    iccp_process_connection: Optional[str] = None
    groups: Tuple[RedundancyGroupStatus, ...] = ()
    iccp: Optional[IccpStatus] = None
    routes: Optional[Tuple[RouteEntry, ...]] = None
    problems: Tuple[str, ...] = ()
    groups_form: Optional[str] = None    # the verbosity form the chassis accepted (VERBOSITY_FORMS)
    groups_source: str = "xml"           # "text": the XML names were not found, the CLI text was read

    @property
    def sets(self) -> Dict[int, RedundancySetStatus]:
        return {s.id: s for g in self.groups for s in g.sets}

    @property
    def roles(self) -> Dict[int, RoleState]:
        """Local role per set, for the sets whose state text is known."""
        return {i: s.local_state for i, s in self.sets.items() if s.local_state is not None}

    @property
    def peer_roles(self) -> Dict[int, RoleState]:
        return {i: s.peer_state for i, s in self.sets.items() if s.peer_state is not None}

    def signal_routes(self, wanted: Optional[Iterable[RouteKey]] = None) -> FrozenSet[RouteKey]:
        return read_routes(self.routes or (), wanted)

    def to_chassis_state(self, wanted_routes: Optional[Iterable[RouteKey]] = None) -> ChassisState:
        return ChassisState(self.daemon_running, self.roles, self.signal_routes(wanted_routes))


def live_state(groups_reply=None, iccp_reply=None, routes_reply=None, daemon_error: Optional[str] = None,
               groups_text: Optional[str] = None, groups_form: Optional[str] = None) -> LiveState:
    """Assemble one chassis' state from the replies read (any may be None: not read).

    ``daemon_error``: the rpc-error message of the redundancy-group RPC when srd is not running.
    ``groups_text``: the CLI text of ``show services redundancy-group``, read instead of the XML reply
    when that did not carry the element names the parser knows.
    """
    problems: Tuple[str, ...] = ()
    connection, groups = None, ()
    source = "xml"
    if groups_text is not None:
        connection, groups, problems = parse_redundancy_groups_text(groups_text)
        source = "text"
    elif groups_reply is not None:
        connection, groups, problems = parse_redundancy_groups(groups_reply)
    return LiveState(
        groups_form=groups_form,
        groups_source=source,
        daemon_running=daemon_error is None,
        daemon_message=daemon_error,
        iccp_process_connection=connection,
        groups=groups,
        iccp=parse_iccp(iccp_reply) if iccp_reply is not None else None,
        routes=parse_routes(routes_reply) if routes_reply is not None else None,
        problems=problems,
    )
