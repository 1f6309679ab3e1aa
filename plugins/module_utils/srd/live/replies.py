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
    "NAMES", "RPC", "redundancy_group_request", "iccp_request", "route_request", "trigger_request",
    "RedundancySetStatus", "RedundancyGroupStatus", "IccpPeerStatus", "IccpStatus", "RouteEntry", "LiveState",
    "parse_redundancy_groups", "parse_iccp", "parse_routes", "daemon_not_running", "live_state", "read_routes",
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
}
"""Element names by meaning. The only place the reply vocabulary is written down."""

RPC = {
    "groups": "get-services-redundancy-group-information",
    "iccp": "get-inter-chassis-control-protocol-information",
    "routes": "get-route-information",
    "trigger": "request-services-redundancy-set",
}
"""The operational RPCs the collection sends (JUNOS-SRD-REFERENCE section 3)."""

# "services redundancy daemon is not running" (the emulator), "the services-redundancy-daemon
# subsystem is not running" (Junos' usual wording for a stopped daemon), "srd ... not running".
_NOT_RUNNING = re.compile(r"(services[\s-]*redundancy|\bsrd\b).*\bnot\s+running", re.I | re.S)
_PEER_UNKNOWN = ("UNKNOWN", "", "-", "N/A", "NONE")
STATIC = "static"


# ---------------------------------------------------------------- requests


def redundancy_group_request(verbosity: str = "extensive", group: Optional[int] = None) -> ET.Element:
    """``show services redundancy-group [N] extensive``: states, health, failed interfaces in one reply."""
    if verbosity not in ("terse", "brief", "extensive"):
        raise ValueError("verbosity is terse, brief or extensive, not %r" % verbosity)
    if group is None:
        rpc = ET.Element(RPC["groups"])
    else:
        rpc = ET.Element("get-services-redundancy-group-id-information")
        ET.SubElement(rpc, "id").text = str(int(group))
    ET.SubElement(rpc, verbosity)
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


def _root(reply) -> ET.Element:
    """Element or XML text -> element with namespace-free tags (a copy: the input is left alone)."""
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
    root = _root(reply)
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
    root = _root(reply)
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
    root = _root(reply)
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


def live_state(groups_reply=None, iccp_reply=None, routes_reply=None, daemon_error: Optional[str] = None) -> LiveState:
    """Assemble one chassis' state from the replies read (any may be None: not read).

    ``daemon_error``: the rpc-error message of the redundancy-group RPC when srd is not running.
    """
    problems: Tuple[str, ...] = ()
    connection, groups = None, ()
    if groups_reply is not None:
        connection, groups, problems = parse_redundancy_groups(groups_reply)
    return LiveState(
        daemon_running=daemon_error is None,
        daemon_message=daemon_error,
        iccp_process_connection=connection,
        groups=groups,
        iccp=parse_iccp(iccp_reply) if iccp_reply is not None else None,
        routes=parse_routes(routes_reply) if routes_reply is not None else None,
        problems=problems,
    )
