# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pair intent: one document for both chassis -> one model per chassis.

The document (format: docs/pair-intent.md) names the two chassis by
inventory hostname with what differs between them (ICCP address, interface
names through aliases, the services interface's data address, VRRP), and
holds once what they share (events, policies, sets, groups, conditions).
:func:`derive` mirrors what must mirror (each ICCP peer is the other chassis,
each services interface replicates to the other's data address, same group
and set ids) and :func:`load` validates the result, per chassis and as a pair.

Input is plain data (a dict from YAML or JSON); reading YAML is the caller's
job, so this package stays standard-library only.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine import placement as placement_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.model import validate as validation
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import Violation, merge_chassis
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    ChassisConfig, Iccp, IccpPeer, LivenessDetection, RedundancyEvent, RedundancyOptions, RedundancyPolicy,
    RedundancySet, RouteCondition, RoutingInstance, ServiceSetBinding, VrrpGroup,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import (
    Issues, entry_path, read_bool, read_entry, read_int, read_keyed, read_secret, read_str,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import type_name

TOP_KEYS = ("name", "description", "chassis", "iccp", "services_redundancy", "routing_instances",
            "redundancy_events", "redundancy_policies", "redundancy_sets", "route_tracking")
CHASSIS_KEYS = ("iccp_address", "backup_address", "interfaces", "services_interface", "vrrp_groups")
ICCP_KEYS = ("authentication_key", "session_establishment_hold_time", "liveness_detection", "redundancy_groups")
SERVICES_KEYS = ("routing_instance", "replication_threshold", "mtu")
ROUTE_TRACKING_KEYS = ("conditions",)
_ALIAS_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class ChassisIntent:
    """What is particular to one chassis of the pair."""

    hostname: str
    iccp_address: str | None = None
    backup_address: str | None = None
    interfaces: dict[str, str] = field(default_factory=dict)
    services_interface: str | None = None
    local_data_address: str | None = None
    vrrp_groups: list[VrrpGroup] = field(default_factory=list)


@dataclass
class PairIntent:
    """The result of reading a pair intent: per-chassis models and every finding."""

    name: str | None
    hostnames: list[str]
    configs: dict[str, ChassisConfig]
    violations: list[Violation]
    gateways: list[validation.Gateway] = field(default_factory=list)
    placement: dict[int, str] = field(default_factory=dict)
    """``{set id: hostname}``: where each set that names a ``primary`` should be primary (not a Junos
    statement: it is never rendered; deploy, drift, restore and the audit read it)."""

    @property
    def ok(self) -> bool:
        return not any(item.is_error for item in self.violations)


@dataclass
class _Shared:
    events: list[tuple[RedundancyEvent, set | None]] = field(default_factory=list)
    policies: list[tuple[RedundancyPolicy, set | None]] = field(default_factory=list)
    sets: list[RedundancySet] = field(default_factory=list)
    bindings: dict[str, ServiceSetBinding] = field(default_factory=dict)
    iccp_key: object = None
    iccp_hold_time: int | None = None
    liveness: LivenessDetection | None = None
    groups: tuple[int, ...] | None = None
    routing_instance: str | None = None
    replication_threshold: int | None = None
    mtu: int | None = None
    instances: dict = field(default_factory=dict)
    conditions: dict = field(default_factory=dict)
    placement: dict = field(default_factory=dict)   # set id -> hostname (redundancy_sets[].primary)


def _mapping(value, path: str, issues: Issues, keys: tuple[str, ...]) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        issues.add(path, "INPUT-TYPE", "expected a mapping, got %s." % type_name(value))
        return {}
    for key in value:
        if key not in keys:
            issues.add("%s.%s" % (path, key) if path else str(key), "INPUT-UNKNOWN-KEY",
                       "unknown key %r; known keys: %s." % (key, ", ".join(keys)))
    return value


def _list(value, path: str, issues: Issues) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        issues.add(path, "INPUT-TYPE", "expected a list, got %s." % type_name(value))
        return []
    return value


def _only_on(entry: dict, path: str, hostnames: list[str], issues: Issues) -> set | None:
    value = entry.pop("only_on", None)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        issues.add(path + ".only_on", "INPUT-TYPE", "expected a hostname or a list of hostnames.")
        return None
    chosen = set()
    for index, name in enumerate(value):
        if name not in hostnames:
            issues.add("%s.only_on[%d]" % (path, index), "INPUT-CHASSIS-ALIAS",
                       "%r is not one of the pair's chassis (%s)." % (name, ", ".join(hostnames)))
        else:
            chosen.add(name)
    return chosen


def _read_events(data, hostnames, issues: Issues, shared: _Shared) -> None:
    seen = set()
    for index, raw in enumerate(_list(data, "redundancy_events", issues)):
        path = entry_path("redundancy_events", RedundancyEvent, raw, index)
        if not isinstance(raw, dict):
            issues.add(path, "INPUT-TYPE", "expected a mapping describing a redundancy event.")
            continue
        entry = dict(raw)
        only = _only_on(entry, path, hostnames, issues)
        process = entry.pop("process_routing", None)
        if process is not None:
            items = [process] if isinstance(process, str) else process
            if not isinstance(items, list):
                issues.add(path + ".process_routing", "INPUT-TYPE", "expected a list of restart/abort.")
                items = []
            for position, item in enumerate(items):
                word = str(item).strip().lower()
                if word in ("restart", "abort"):
                    entry["process_routing_" + word] = True
                else:
                    issues.add("%s.process_routing[%d]" % (path, position), "VALUE-ENUM",
                               "%r is not a routing process event; use restart or abort." % (item,))
        event = read_entry(RedundancyEvent, entry, path, issues)
        if event is None:
            continue
        if event.name in seen:
            issues.add(path, "DUPLICATE-ENTRY", "event %s is defined twice; only the first is used." % event.name)
            continue
        seen.add(event.name)
        shared.events.append((event, only))


def _read_policies(data, hostnames, issues: Issues, shared: _Shared) -> None:
    seen = set()
    for index, raw in enumerate(_list(data, "redundancy_policies", issues)):
        path = entry_path("redundancy_policies", RedundancyPolicy, raw, index)
        if not isinstance(raw, dict):
            issues.add(path, "INPUT-TYPE", "expected a mapping describing a redundancy policy.")
            continue
        entry = dict(raw)
        only = _only_on(entry, path, hostnames, issues)
        if "then" in entry:
            if "action" in entry:
                issues.add(path + ".then", "INPUT-UNKNOWN-KEY", "give the action once, as then or as action.")
            entry["action"] = entry.pop("then")
        route = entry.get("add_signal_route")
        if isinstance(route, dict) and "receive" in route:
            route = dict(route)
            receive = read_bool(route.pop("receive"), path + ".add_signal_route.receive", issues)
            if receive and route.get("next_hop") is not None:
                issues.add(path + ".add_signal_route", "INPUT-TYPE",
                           "a signal route is either receive or next_hop, not both.")
            if receive is False and route.get("next_hop") is None:
                issues.add(path + ".add_signal_route", "INPUT-REQUIRED",
                           "receive is false, so next_hop is required.")
            entry["add_signal_route"] = route
        policy = read_entry(RedundancyPolicy, entry, path, issues)
        if policy is None:
            continue
        if policy.name in seen:
            issues.add(path, "DUPLICATE-ENTRY", "policy %s is defined twice; only the first is used." % policy.name)
            continue
        seen.add(policy.name)
        shared.policies.append((policy, only))


def _read_sets(data, issues: Issues, shared: _Shared) -> None:
    seen: set[int] = set()
    owner: dict[str, tuple[int, str]] = {}
    for index, raw in enumerate(_list(data, "redundancy_sets", issues)):
        path = entry_path("redundancy_sets", RedundancySet, raw, index)
        if not isinstance(raw, dict):
            issues.add(path, "INPUT-TYPE", "expected a mapping describing a redundancy set.")
            continue
        entry = dict(raw)
        bindings = _list(entry.pop("service_sets", None), path + ".service_sets", issues)
        primary = entry.pop("primary", None)
        rset = read_entry(RedundancySet, entry, path, issues)
        if rset is None:
            continue
        if rset.id in seen:
            issues.add(path, "DUPLICATE-ENTRY", "redundancy set %s is defined twice; only the first is used."
                       % rset.id)
            continue
        seen.add(rset.id)
        shared.sets.append(rset)
        if primary is not None:
            hostname = read_str(primary, path + ".primary", issues)
            if hostname:
                shared.placement[rset.id] = hostname
        for position, item in enumerate(bindings):
            where = "%s.service_sets[%d]" % (path, position)
            if isinstance(item, str):
                item = {"name": item}
            if isinstance(item, dict):
                item = dict(item, redundancy_set_id=rset.id)
            binding = read_entry(ServiceSetBinding, item, where, issues)
            if binding is None:
                continue
            if binding.name in owner:
                first_set, first_path = owner[binding.name]
                issues.add(where, "UNIQUE-SERVICE-SET-BINDING",
                           "service set %s is bound to redundancy sets %s (%s) and %s; a service set can be "
                           "assigned only one redundancy set." % (binding.name, first_set, first_path, rset.id))
                continue
            owner[binding.name] = (rset.id, where)
            shared.bindings[binding.name] = binding


def _read_chassis(data, issues: Issues) -> list[ChassisIntent]:
    out: list[ChassisIntent] = []
    if isinstance(data, list):       # also accept a list of {hostname: ..., ...}
        as_map = {}
        for index, item in enumerate(data):
            if isinstance(item, dict) and isinstance(item.get("hostname"), str):
                as_map[item["hostname"]] = {k: v for k, v in item.items() if k != "hostname"}
            else:
                issues.add("chassis[%d]" % index, "INPUT-REQUIRED", "each chassis needs a hostname.")
        data = as_map
    if not isinstance(data, dict):
        issues.add("chassis", "INPUT-REQUIRED",
                   "chassis must map the two inventory hostnames to their particulars (iccp_address ...).")
        return out
    if len(data) != 2:
        issues.add("chassis", "PAIR-TWO-CHASSIS", "a pair is exactly two chassis; %d given (%s)."
                   % (len(data), ", ".join(str(k) for k in data) or "none"))
    for hostname, raw in data.items():
        path = "chassis.%s" % (hostname,)
        if not isinstance(hostname, str) or not hostname:
            issues.add("chassis", "INPUT-TYPE", "chassis names are inventory hostnames (strings).")
            continue
        raw = _mapping(raw, path, issues, CHASSIS_KEYS)
        chassis = ChassisIntent(hostname)
        if raw.get("iccp_address") is None:
            issues.add(path + ".iccp_address", "INPUT-REQUIRED",
                       "the chassis' ICCP address is required (it is the other chassis' ICCP peer).")
        else:
            chassis.iccp_address = read_str(raw["iccp_address"], path + ".iccp_address", issues)
        if raw.get("backup_address") is not None:
            chassis.backup_address = read_str(raw["backup_address"], path + ".backup_address", issues)
        aliases = raw.get("interfaces") or {}
        if not isinstance(aliases, dict):
            issues.add(path + ".interfaces", "INPUT-TYPE", "interfaces maps aliases to interface names.")
            aliases = {}
        for alias, interface in aliases.items():
            where = "%s.interfaces.%s" % (path, alias)
            if not isinstance(alias, str) or not _ALIAS_RE.match(alias):
                issues.add(where, "INPUT-CHASSIS-ALIAS", "interface alias %r must be a word (letters, digits, _)."
                           % (alias,))
                continue
            value = read_str(interface, where, issues)
            if value:
                chassis.interfaces[alias] = value
        services = _mapping(raw.get("services_interface"), path + ".services_interface", issues,
                            ("name", "local_data_address"))
        if services:
            if services.get("name") is None:
                issues.add(path + ".services_interface.name", "INPUT-REQUIRED",
                           "the services interface (vms-/ms-/ams, or an alias) is required.")
            else:
                chassis.services_interface = read_str(services["name"], path + ".services_interface.name", issues)
            if services.get("local_data_address") is not None:
                chassis.local_data_address = read_str(services["local_data_address"],
                                                      path + ".services_interface.local_data_address", issues)
        groups = read_keyed(VrrpGroup, _list(raw.get("vrrp_groups"), path + ".vrrp_groups", issues),
                            path + ".vrrp_groups", issues)
        chassis.vrrp_groups = list(groups.values())
        out.append(chassis)
    return out


def _resolve(token: str, chassis: ChassisIntent, path: str, issues: Issues) -> str:
    if token in chassis.interfaces:
        return chassis.interfaces[token]
    if not validation._INTERFACE_RE.match(token) and _ALIAS_RE.match(token):
        issues.add(path, "INPUT-CHASSIS-ALIAS",
                   "%r is neither an interface alias of %s (aliases: %s) nor a Junos interface name."
                   % (token, chassis.hostname, ", ".join(sorted(chassis.interfaces)) or "none"))
    return token


def read(data) -> tuple[str | None, list[ChassisIntent], _Shared, list[Violation]]:
    """Read the document; every input problem is returned as a violation."""
    issues = Issues()
    shared = _Shared()
    if not isinstance(data, dict):
        issues.add("", "INPUT-TYPE", "a pair intent is a mapping (chassis, redundancy_events, ...), got %s."
                   % type_name(data))
        return None, [], shared, issues.items
    _mapping(data, "", issues, TOP_KEYS)
    name = data.get("name")
    chassis = _read_chassis(data.get("chassis"), issues)
    hostnames = [item.hostname for item in chassis]
    iccp = _mapping(data.get("iccp"), "iccp", issues, ICCP_KEYS)
    if iccp.get("authentication_key") is not None:
        shared.iccp_key = read_secret(iccp["authentication_key"], "iccp.authentication_key", issues)
    if iccp.get("session_establishment_hold_time") is not None:
        shared.iccp_hold_time = read_int(iccp["session_establishment_hold_time"],
                                         "iccp.session_establishment_hold_time", issues)
    if iccp.get("liveness_detection") is not None:
        shared.liveness = read_entry(LivenessDetection, iccp["liveness_detection"], "iccp.liveness_detection", issues)
    if iccp.get("redundancy_groups") is not None:
        groups = []
        for index, group in enumerate(_list(iccp["redundancy_groups"], "iccp.redundancy_groups", issues)):
            value = read_int(group, "iccp.redundancy_groups[%d]" % index, issues)
            if value is not None and value not in groups:
                groups.append(value)
        shared.groups = tuple(groups)
    services = _mapping(data.get("services_redundancy"), "services_redundancy", issues, SERVICES_KEYS)
    if services.get("routing_instance") is not None:
        shared.routing_instance = read_str(services["routing_instance"], "services_redundancy.routing_instance",
                                           issues)
    for key in ("replication_threshold", "mtu"):
        if services.get(key) is not None:
            setattr(shared, key, read_int(services[key], "services_redundancy." + key, issues))
    shared.instances = read_keyed(RoutingInstance, _list(data.get("routing_instances"), "routing_instances", issues),
                                  "routing_instances", issues)
    tracking = _mapping(data.get("route_tracking"), "route_tracking", issues, ROUTE_TRACKING_KEYS)
    shared.conditions = read_keyed(RouteCondition, _list(tracking.get("conditions"), "route_tracking.conditions",
                                                         issues), "route_tracking.conditions", issues)
    _read_events(data.get("redundancy_events"), hostnames, issues, shared)
    _read_policies(data.get("redundancy_policies"), hostnames, issues, shared)
    _read_sets(data.get("redundancy_sets"), issues, shared)
    return (name if isinstance(name, str) else None), chassis, shared, issues.items


def _without(entry, attr: str, absent: set):
    """``entry`` without the members that ``only_on`` keeps off this chassis."""
    members = getattr(entry, attr)
    kept = tuple(member for member in members if member not in absent)
    return entry if kept == members else dataclasses.replace(entry, **{attr: kept})


def derive(chassis: list[ChassisIntent], shared: _Shared) -> tuple[dict[str, ChassisConfig], list[Violation]]:
    """Per-chassis models, mirrored where the pair must mirror."""
    configs: dict[str, ChassisConfig] = {}
    found: list[Violation] = []
    for me in chassis:
        others = [item for item in chassis if item.hostname != me.hostname]
        issues = Issues()
        events = {}
        for event, only in shared.events:
            if only is not None and me.hostname not in only:
                continue
            resolved = tuple(_resolve(token, me, "redundancy_events[name=%s].link_down[%d]" % (event.name, index),
                                      issues) for index, token in enumerate(event.link_down))
            events[event.name] = RedundancyEvent(event.name, resolved, event.process_routing_restart,
                                                 event.process_routing_abort, event.peer)
        absent_events = {event.name for event, only in shared.events if only is not None and me.hostname not in only}
        absent_policies = {policy.name for policy, only in shared.policies
                           if only is not None and me.hostname not in only}
        policies = {policy.name: _without(policy, "events", absent_events) for policy, only in shared.policies
                    if only is None or me.hostname in only}
        sets = {rset.id: _without(rset, "policies", absent_policies) for rset in shared.sets}
        group_list = shared.groups if shared.groups is not None else \
            tuple(sorted({rset.redundancy_group for rset in shared.sets if rset.redundancy_group is not None}))
        peers = {}
        for other in others:
            if other.iccp_address:
                peers[other.iccp_address] = IccpPeer(
                    other.iccp_address, group_list, liveness_detection=shared.liveness,
                    backup_peer_ip=other.backup_address)
        iccp = Iccp(me.iccp_address, shared.iccp_hold_time, shared.iccp_key, peers)
        options = {}
        if me.services_interface:
            interface = _resolve(me.services_interface, me, "chassis.%s.services_interface.name" % me.hostname,
                                 issues)
            peer_data = next((o.local_data_address for o in others if o.local_data_address), None)
            options[interface] = RedundancyOptions(interface, peer_data, me.local_data_address,
                                                   shared.routing_instance, shared.replication_threshold, shared.mtu)
        vrrp = {}
        for index, group in enumerate(me.vrrp_groups):
            interface = _resolve(group.interface, me, "chassis.%s.vrrp_groups[%d].interface" % (me.hostname, index),
                                 issues)
            resolved_group = VrrpGroup(interface, group.unit, group.address, group.group, group.priority,
                                       group.track_routes, group.virtual_addresses)
            vrrp[resolved_group.key] = resolved_group
        configs[me.hostname] = ChassisConfig(
            redundancy_events=events, redundancy_policies=policies, redundancy_sets=sets,
            service_sets=dict(shared.bindings), iccp=iccp, redundancy_options=options,
            conditions=dict(shared.conditions), vrrp_groups=vrrp, routing_instances=dict(shared.instances))
        found.extend(Violation(v.path, v.rule, v.message, v.severity, (me.hostname,)) for v in issues.items)
    return configs, found


def _placement_violations(hostnames: list[str], configs: dict[str, ChassisConfig], placement: dict[int, str],
                          judge: bool) -> list[Violation]:
    """Each ``primary`` names a chassis of the pair, and (``judge``: the pair is otherwise valid) the set's own
    policies can move the role there by a manual request without force, as the engine decides."""
    out = []
    for set_id, hostname in sorted(placement.items()):
        path = "redundancy_sets[id=%d].primary" % set_id
        if hostname not in hostnames:
            out.append(Violation(path, "PLACEMENT-CHASSIS", "%r is not a chassis of the pair (%s); primary names the "
                                 "inventory hostname of the chassis where the set should be primary."
                                 % (hostname, ", ".join(hostnames) or "none")))
            continue
        if not judge:
            continue
        refused = placement_mod.unreachable(configs, set_id, hostname)
        if refused is not None:
            other = next(n for n in hostnames if n != hostname)
            out.append(Violation(path, "PLACEMENT-UNREACHABLE", (
                "no manual request can make %s primary for redundancy set %d when %s is (the engine: %s, %s); a "
                "deploy, switchover or restore could never put the set there. Give set %d a release policy with a "
                "bare event on %s or an acquire policy with a bare event on %s." % (
                    hostname, set_id, other, refused.rule_id, refused.reason, set_id, other, hostname)),
                chassis=(hostname,)))
    return out


def load(data) -> PairIntent:
    """Read, derive and validate a pair intent (never raises on bad content)."""
    name, chassis, shared, found = read(data)
    configs, derived = derive(chassis, shared)
    found = list(found) + derived
    gateways: list[validation.Gateway] = []
    if configs:
        report = validation.validate_configs(configs)
        found.extend(report.violations)
        gateways = report.gateways
    hostnames = [item.hostname for item in chassis]
    if shared.placement:
        judge = len(configs) == 2 and not any(item.is_error for item in found)
        found.extend(_placement_violations(hostnames, configs, shared.placement, judge))
    return PairIntent(name, hostnames, configs, merge_chassis(found), gateways, dict(shared.placement))
