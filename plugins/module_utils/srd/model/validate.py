# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline validation: every SRD rule of :mod:`rules`, every violation at once.

:func:`validate_chassis` checks one chassis (values, limits, "one X in only
one Y", cross references, structure); :func:`validate_pair` checks the pair
(mirrored ICCP, same set and group ids, acquire/release per set, routing
priorities in the order of the primary role, gateway 1 / gateway 2).  Each
finding names its path, its stable rule id and says what is wrong in words a
network engineer uses.  Limits and ranges come from the tables in
:mod:`rules`.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field

from ansible_collections.mxha.srd.plugins.module_utils.srd.model import paths
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import Violation, merge_chassis
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    DEFAULT_INSTANCE, ChassisConfig, Iccp, MastershipAction, PeerEvent, RedundancySet, Secret,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.rules import (
    AUTH_KEY_MAX, LIMITS, NAME_MAX, RANGES, RULES, VRRP_DEFAULT_PRIORITY,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.vocabulary import PRIMARY_ROLE_WORDING

_NAME_RE = re.compile(r'^[^\s"\';{}<>]+$')
_NAME_ASCII_RE = re.compile(r"^[\x21-\x7e]+$")   # printable ASCII: what a Junos name, and srd's logs, can hold
_INTERFACE_RE = re.compile(
    r"^(?:[a-z]{2,5}-\d{1,2}/\d{1,2}/\d{1,3}(?::\d{1,3})?"
    r"|ae\d{1,4}|ams\d{1,3}|mams-\d{1,2}/\d{1,2}/\d{1,3}|rlsq\d{1,4}|rms\d{1,4}|rsp\d{1,4}|reth\d{1,4}"
    r"|irb|lo0|fxp\d|em\d|vlan|ps\d{1,4})(?:\.\d{1,10})?$")
_SERVICES_RE = re.compile(r"^(?:vms-|ms-|ams\d|mams-|rms\d|sp-)")
_TABLE_RE = re.compile(r"^(?:[^\s.]+\.)*inet\.\d+$")


class _Check:
    """Collects violations for one chassis."""

    def __init__(self, chassis: str | None) -> None:
        self.chassis = (chassis,) if chassis else ()
        self.found: list[Violation] = []

    def add(self, path: str, rule: str, message: str) -> None:
        self.found.append(Violation(path, rule, message, RULES[rule].severity, self.chassis))

    # -- value checks ----------------------------------------------------------

    def name(self, value, path: str, what: str) -> None:
        if not isinstance(value, str) or not value:
            self.add(path, "VALUE-NAME", "the %s name is empty." % what)
        elif len(value) > NAME_MAX:
            self.add(path, "VALUE-NAME", "the %s name %r is %d characters long; Junos allows at most %d."
                     % (what, value, len(value), NAME_MAX))
        elif not _NAME_RE.match(value):
            self.add(path, "VALUE-NAME", "the %s name %r contains spaces, quotes or one of ;{}<>, "
                     "which a Junos name cannot hold." % (what, value))
        elif not _NAME_ASCII_RE.match(value):
            odd = next(char for char in value if not _NAME_ASCII_RE.match(char))
            self.add(path, "VALUE-NAME", "the %s name %r contains %r (U+%04X), which is not printable ASCII; "
                     "a Junos name is letters, digits and ASCII punctuation." % (what, value, odd, ord(odd)))

    def ipv4(self, value, path: str, what: str) -> bool:
        try:
            ipaddress.IPv4Address(value)
            return True
        except (ipaddress.AddressValueError, ValueError, TypeError):
            self.add(path, "VALUE-IPV4-ADDRESS", "the %s %r is not an IPv4 address." % (what, value))
            return False

    def prefix(self, value, path: str, what: str) -> bool:
        try:
            if not isinstance(value, str) or "/" not in value:
                raise ValueError("no length")
            ipaddress.IPv4Network(value, strict=True)
            return True
        except (ipaddress.AddressValueError, ipaddress.NetmaskValueError, ValueError, TypeError):
            self.add(path, "VALUE-IPV4-PREFIX", "the %s %r is not an IPv4 prefix with a length and no host bits "
                     "(for example 203.0.113.100/32)." % (what, value))
            return False

    def interface(self, value, path: str, what: str = "interface") -> bool:
        if isinstance(value, str) and _INTERFACE_RE.match(value):
            return True
        self.add(path, "VALUE-INTERFACE-NAME", "the %s %r is not a Junos interface name "
                 "(such as xe-0/0/1, vms-1/0/0, ae0)." % (what, value))
        return False

    def ranged(self, value, field_key: str, path: str) -> None:
        if value is None:
            return
        rng = RANGES[field_key]
        if not isinstance(value, int) or isinstance(value, bool) or not rng.minimum <= value <= rng.maximum:
            unit = " " + rng.unit if rng.unit else ""
            extra = ""
            if rng.rule == "RANGE-SET-ID":
                extra = " (the seed allows 128 sets, but the schema numbers them 1-100, so 100 is the real limit)"
            self.add(path, rng.rule, "%s is %s; it must be %d-%d%s%s." % (
                rng.label, value, rng.minimum, rng.maximum, unit, extra))


def _instance_of_table(table: str) -> str:
    parts = table.split(".")
    return ".".join(parts[:-2]) if len(parts) > 2 else DEFAULT_INSTANCE


def _route_instance(instance: str | None) -> str:
    return instance or DEFAULT_INSTANCE


def _wording(keyword: str) -> str:
    nice = PRIMARY_ROLE_WORDING.get(keyword)
    return "%s (%s)" % (keyword, nice) if nice and nice != keyword else keyword


# ---------------------------------------------------------------- one chassis


def validate_chassis(config: ChassisConfig, chassis: str | None = None) -> list[Violation]:
    """Every rule that concerns one chassis; findings carry ``chassis`` when given.

    Entries whose fields have the wrong Python type (possible when a caller
    builds the model by hand) are reported as INPUT-TYPE and left out of the
    other checks, so a bad value never turns into a crash.
    """
    check = _Check(chassis)
    config = _well_typed(config, check)
    _values(config, check)
    _limits(config, check)
    _memberships(config, check)
    _references(config, check)
    _structure(config, check)
    return check.found


def vrrp_groups_to_create(have: ChassisConfig, want: ChassisConfig, present, chassis: str | None = None) -> list[Violation]:
    """VRRP groups ``want`` would create without a virtual address (rule VRRP-GROUP-NEEDS-ADDRESS).

    ``present``: every VRRP group the device's configuration holds, tracked or not (the parser's
    ``vrrp_groups_present``), so a group of the base configuration that tracks nothing yet is not created.
    """
    check = _Check(chassis)
    for key, group in sorted(want.vrrp_groups.items(), key=lambda item: repr(item[0])):
        if key in have.vrrp_groups or key in present or group.virtual_addresses:
            continue
        interface, unit, address, number = key
        check.add(paths.attr(paths.vrrp_group(key), "virtual_addresses"), "VRRP-GROUP-NEEDS-ADDRESS",
                  "vrrp-group %s of %s unit %s address %s is not in this chassis' configuration, and the intent "
                  "gives it no virtual address: the collection would create it with only its priority and tracked "
                  "routes, which Junos most likely refuses at commit. Configure the group (with its "
                  "virtual-address) on the chassis first, or give virtual_addresses in the intent."
                  % (number, interface, unit, address))
    return check.found


_TYPE_PLANS: dict[type, tuple] = {}


def _type_plan(cls: type) -> tuple:
    """Per entry class: (field, kind, expected types, required, nested class), built once."""
    plan = _TYPE_PLANS.get(cls)
    if plan is None:
        from ansible_collections.mxha.srd.plugins.module_utils.srd.model import serialize
        types = {serialize.read_str: (str,), serialize.read_int: (int,), serialize.read_bool: (bool,),
                 serialize.read_action: (MastershipAction,), serialize.read_peer: (PeerEvent,),
                 serialize.read_secret: (Secret,)}
        rows = []
        for spec in serialize.SPECS[cls]:
            if spec.read is not None:
                rows.append((spec.name, "scalar", types[spec.read], spec.required, None))
            elif spec.items is not None:
                rows.append((spec.name, "items", types[spec.items], True, None))
            elif spec.nested is not None:
                rows.append((spec.name, "nested", (spec.nested,), False, spec.nested))
            else:
                rows.append((spec.name, "entries", (spec.list_of,), False, spec.list_of))
        plan = _TYPE_PLANS[cls] = tuple(rows)
    return plan


def _bad(value, expected: tuple, required: bool) -> str | None:
    if value is None:
        return "is required" if required else None
    if isinstance(value, bool) and bool not in expected:
        return "must be %s, not a boolean" % expected[0].__name__
    if not isinstance(value, expected):
        return "must be %s, not %r" % (expected[0].__name__, value)
    return None


def _entry_problems(entry, path: str) -> list[tuple[str, str]]:
    """Fields of ``entry`` whose Python type is wrong (paths built only for those)."""
    problems = []
    for name, kind, expected, required, nested in _type_plan(type(entry)):
        value = getattr(entry, name)
        if kind == "scalar":
            problem = _bad(value, expected, required)
            if problem:
                problems.append((paths.attr(path, name), "%s %s" % (name, problem)))
        elif kind == "items":
            if not isinstance(value, tuple):
                problems.append((paths.attr(path, name), "%s must be a tuple, not %r" % (name, value)))
                continue
            for index, item in enumerate(value):
                problem = _bad(item, expected, True)
                if problem:
                    problems.append((paths.item(paths.attr(path, name), index),
                                     "%s[%d] %s" % (name, index, problem)))
        elif kind == "nested":
            if value is None:
                continue
            if not isinstance(value, nested):
                problems.append((paths.attr(path, name), "%s must be a %s" % (name, nested.__name__)))
            else:
                problems.extend(_entry_problems(value, paths.attr(path, name)))
        else:
            if not isinstance(value, (dict, tuple)):
                problems.append((paths.attr(path, name), "%s must be a collection, not %r" % (name, value)))
                continue
            for index, item in enumerate(value.values() if isinstance(value, dict) else value):
                if not isinstance(item, nested):
                    problems.append((paths.item(paths.attr(path, name), index), "%s holds %r" % (name, item)))
                else:
                    problems.extend(_entry_problems(item, paths.item(paths.attr(path, name), index)))
    return problems


_PATH_OF = {
    "redundancy_events": paths.event, "redundancy_policies": paths.policy, "redundancy_sets": paths.redundancy_set,
    "service_sets": paths.service_set, "redundancy_options": paths.redundancy_options,
    "conditions": paths.condition, "vrrp_groups": paths.vrrp_group, "routing_instances": paths.routing_instance,
}


def _entry_path(collection: str, key) -> str:
    try:
        return _PATH_OF[collection](key)
    except (KeyError, TypeError, ValueError):
        return "%s[%s]" % (collection, key)


def _well_typed(config: ChassisConfig, check: _Check) -> ChassisConfig:
    """``config`` without the entries whose fields have the wrong type (those are reported)."""
    from ansible_collections.mxha.srd.plugins.module_utils.srd.model import serialize
    changes = {}
    for name, (cls, _key) in serialize.COLLECTIONS.items():
        entries = getattr(config, name)
        if not isinstance(entries, dict):
            check.add(name, "INPUT-TYPE", "%s must be a mapping keyed by the Junos key." % name)
            changes[name] = {}
            continue
        kept = {}
        for key, entry in entries.items():
            if not isinstance(entry, cls):
                check.add(_entry_path(name, key), "INPUT-TYPE", "%s holds %r, not a %s." % (name, entry, cls.__name__))
                continue
            problems = _entry_problems(entry, "")
            if problems:
                path = _entry_path(name, key)
                problems = [(path + ("." + where if where and not where.startswith("[") else where), message)
                            for where, message in problems]
            for where, message in problems:
                check.add(where, "INPUT-TYPE", message + "; the entry is not checked further.")
            if problems:
                continue
            if entry.key != key:
                check.add(_entry_path(name, key), "INPUT-TYPE", "the entry is filed under %r but its key is %r." % (key, entry.key))
                continue
            kept[key] = entry
        if len(kept) != len(entries):
            changes[name] = kept
    iccp = config.iccp
    if iccp is not None:
        problems = _entry_problems(iccp, "iccp") if isinstance(iccp, Iccp) else [("iccp", "iccp is %r" % (iccp,))]
        for where, message in problems:
            check.add(where, "INPUT-TYPE", message + "; ICCP is not checked further.")
        if problems:
            changes["iccp"] = None
    return config.replace(**changes) if changes else config


def _values(config: ChassisConfig, check: _Check) -> None:
    for name, event in config.redundancy_events.items():
        path = paths.event(name)
        check.name(name, paths.attr(path, "name"), "redundancy event")
        for index, interface in enumerate(event.link_down):
            check.interface(interface, paths.item(paths.attr(path, "link_down"), index), "monitored interface")
    for name, policy in config.redundancy_policies.items():
        path = paths.policy(name)
        check.name(name, paths.attr(path, "name"), "redundancy policy")
        for attr in ("add_signal_route", "delete_signal_route"):
            route = getattr(policy, attr)
            if route is None:
                continue
            check.prefix(route.prefix, paths.attr(path, attr + ".prefix"), "signal route")
            if attr == "add_signal_route" and route.next_hop is not None:
                check.ipv4(route.next_hop, paths.attr(path, attr + ".next_hop"), "signal route next hop")
    for set_id, rset in config.redundancy_sets.items():
        path = paths.redundancy_set(set_id)
        check.ranged(set_id, "redundancy_sets.id", paths.attr(path, "id"))
        for attr in ("redundancy_group", "keepalive", "hold_time", "healthcheck_timer_interval"):
            check.ranged(getattr(rset, attr), "redundancy_sets." + attr, paths.attr(path, attr))
    for name, binding in config.service_sets.items():
        path = paths.service_set(name)
        check.name(name, paths.attr(path, "name"), "service set")
        check.ranged(binding.redundancy_set_id, "service_sets.redundancy_set_id", paths.attr(path, "redundancy_set_id"))
        check.ranged(binding.replication_threshold, "service_sets.replication_threshold",
                     paths.attr(path, "replication_threshold"))
    iccp = config.iccp
    if iccp is not None:
        if iccp.local_ip_addr is not None:
            check.ipv4(iccp.local_ip_addr, "iccp.local_ip_addr", "ICCP local address")
        check.ranged(iccp.session_establishment_hold_time, "iccp.session_establishment_hold_time",
                     "iccp.session_establishment_hold_time")
        _auth_key(iccp.authentication_key, "iccp.authentication_key", check)
        for address, peer in iccp.peers.items():
            path = paths.iccp_peer(address)
            check.ipv4(address, paths.attr(path, "address"), "ICCP peer address")
            if peer.local_ip_addr is not None:
                check.ipv4(peer.local_ip_addr, paths.attr(path, "local_ip_addr"), "ICCP local address")
            if peer.backup_peer_ip is not None:
                check.ipv4(peer.backup_peer_ip, paths.attr(path, "backup_peer_ip"), "backup liveness peer address")
            check.ranged(peer.session_establishment_hold_time, "iccp.peers.session_establishment_hold_time",
                         paths.attr(path, "session_establishment_hold_time"))
            for index, group in enumerate(peer.redundancy_group_id_list):
                check.ranged(group, "iccp.peers.redundancy_group_id_list",
                             paths.item(paths.attr(path, "redundancy_group_id_list"), index))
            _auth_key(peer.authentication_key, paths.attr(path, "authentication_key"), check)
            live = peer.liveness_detection
            if live is not None:
                for attr in ("minimum_interval", "minimum_receive_interval", "multiplier"):
                    check.ranged(getattr(live, attr), "iccp.peers.liveness_detection." + attr,
                                 paths.attr(path, "liveness_detection." + attr))
    for interface, options in config.redundancy_options.items():
        path = paths.redundancy_options(interface)
        if check.interface(interface, paths.attr(path, "interface"), "services interface") \
                and not _SERVICES_RE.match(interface):
            check.add(paths.attr(path, "interface"), "SERVICES-INTERFACE",
                      "redundancy-options are set on %s, which is not a services interface (vms-, ms-, ams); "
                      "session replication runs over the services PIC." % interface)
        for attr, what in (("peer_address", "redundancy peer address"), ("local_data_address", "local data address")):
            if getattr(options, attr) is not None:
                check.ipv4(getattr(options, attr), paths.attr(path, attr), what)
        check.ranged(options.replication_threshold, "redundancy_options.replication_threshold",
                     paths.attr(path, "replication_threshold"))
        check.ranged(options.mtu, "redundancy_options.mtu", paths.attr(path, "mtu"))
        if all(getattr(options, attr) is None for attr in
               ("peer_address", "local_data_address", "routing_instance", "replication_threshold", "mtu")):
            check.add(path, "EMPTY-ENTRY", "redundancy-options on %s set nothing SRD uses." % interface)
    for name, condition in config.conditions.items():
        path = paths.condition(name)
        check.name(name, paths.attr(path, "name"), "condition")
        check.prefix(condition.prefix, paths.attr(path, "prefix"), "condition route")
        if not isinstance(condition.table, str) or not _TABLE_RE.match(condition.table):
            check.add(paths.attr(path, "table"), "VALUE-TABLE",
                      "the condition table %r is not a routing table such as inet.0 or HA.inet.0." % condition.table)
    for key, group in config.vrrp_groups.items():
        path = paths.vrrp_group(key)
        check.interface(group.interface, paths.attr(path, "interface"))
        try:
            if "/" not in group.address:
                raise ValueError
            ipaddress.IPv4Interface(group.address)
        except (ValueError, TypeError):
            check.add(paths.attr(path, "address"), "VALUE-INTERFACE-ADDRESS",
                      "the interface address %r is not an IPv4 address with a prefix length "
                      "(for example 198.51.100.2/24)." % group.address)
        for attr in ("unit", "group", "priority"):
            check.ranged(getattr(group, attr), "vrrp_groups." + attr, paths.attr(path, attr))
        for index, address in enumerate(group.virtual_addresses):
            check.ipv4(address, paths.item(paths.attr(path, "virtual_addresses"), index), "virtual address")
        if not group.track_routes:
            check.add(paths.attr(path, "track_routes"), "EMPTY-ENTRY",
                      "VRRP group %s tracks no route; only route tracking is SRD's part of a VRRP group."
                      % group.group)
        for index, route in enumerate(group.track_routes):
            where = paths.item(paths.attr(path, "track_routes"), index)
            check.prefix(route.prefix, paths.attr(where, "prefix"), "tracked route")
            check.ranged(route.priority_cost, "vrrp_groups.track_routes.priority_cost",
                         paths.attr(where, "priority_cost"))
    for name in config.routing_instances:
        check.name(name, paths.attr(paths.routing_instance(name), "name"), "routing instance")


def _auth_key(secret, path: str, check: _Check) -> None:
    if secret is None:
        return
    length = len(secret)
    if not 1 <= length <= AUTH_KEY_MAX:
        check.add(path, "VALUE-AUTH-KEY", "the ICCP authentication key is %d characters long; it must be 1-%d."
                  % (length, AUTH_KEY_MAX))


def _over(check: _Check, rule: str, count: int, path: str, owner: str = "") -> None:
    limit = LIMITS[rule]
    if count > limit.maximum:
        where = owner or "this chassis"
        check.add(path, rule, "%s has %d %s; at most %d are allowed per %s." % (
            where[0].upper() + where[1:], count, limit.counts, limit.maximum, limit.scope))


def _limits(config: ChassisConfig, check: _Check) -> None:
    _over(check, "LIMIT-POLICIES", len(config.redundancy_policies), "redundancy_policies")
    _over(check, "LIMIT-SETS", len(config.redundancy_sets), "redundancy_sets")
    groups = set(config.group_ids())
    if config.iccp is not None:
        for peer in config.iccp.peers.values():
            groups.update(peer.redundancy_group_id_list)
    _over(check, "LIMIT-GROUPS", len(groups), "redundancy_sets")
    for name, policy in config.redundancy_policies.items():
        count = sum(len(config.redundancy_events[event].link_down)
                    for event in policy.events if event in config.redundancy_events)
        _over(check, "LIMIT-LINK-DOWN-PER-POLICY", count, paths.policy(name), "redundancy policy %s" % name)
    for set_id, rset in config.redundancy_sets.items():
        _over(check, "LIMIT-POLICIES-PER-SET", len(rset.policies), paths.attr(paths.redundancy_set(set_id), "policies"),
              "redundancy set %s" % set_id)
    per_group: dict[int, list[int]] = {}
    for set_id, rset in config.redundancy_sets.items():
        if rset.redundancy_group is not None:
            per_group.setdefault(rset.redundancy_group, []).append(set_id)
    for group, members in sorted(per_group.items()):
        _over(check, "LIMIT-SETS-PER-GROUP", len(members), "redundancy_sets",
              "redundancy group %d (sets %s)" % (group, ", ".join(str(m) for m in sorted(members)[:20])))


def _memberships(config: ChassisConfig, check: _Check) -> None:
    owner: dict[str, str] = {}
    for name, event in config.redundancy_events.items():
        for index, interface in enumerate(event.link_down):
            first = owner.setdefault(interface, name)
            if first != name:
                check.add(paths.item(paths.attr(paths.event(name), "link_down"), index), "UNIQUE-INTERFACE-EVENT",
                          "interface %s is monitored by events %s and %s; a monitored interface can be part "
                          "of only one redundancy event." % (interface, first, name))
    owner = {}
    for name, policy in config.redundancy_policies.items():
        for index, event in enumerate(policy.events):
            first = owner.setdefault(event, name)
            if first != name:
                check.add(paths.item(paths.attr(paths.policy(name), "events"), index), "UNIQUE-EVENT-POLICY",
                          "event %s is used by policies %s and %s; a redundancy event can be part of only one "
                          "redundancy policy." % (event, first, name))
    owner_set: dict[str, int] = {}
    for set_id, rset in config.redundancy_sets.items():
        for index, policy in enumerate(rset.policies):
            first_set = owner_set.setdefault(policy, set_id)
            if first_set != set_id:
                check.add(paths.item(paths.attr(paths.redundancy_set(set_id), "policies"), index), "UNIQUE-POLICY-SET",
                          "policy %s is attached to redundancy sets %s and %s; a redundancy policy can be part "
                          "of only one redundancy set." % (policy, first_set, set_id))
        if rset.redundancy_group is None:
            check.add(paths.attr(paths.redundancy_set(set_id), "redundancy_group"), "SET-ONE-GROUP",
                      "redundancy set %s has no redundancy group; every set belongs to exactly one group." % set_id)


def _references(config: ChassisConfig, check: _Check) -> None:
    for name, policy in config.redundancy_policies.items():
        for index, event in enumerate(policy.events):
            if event not in config.redundancy_events:
                check.add(paths.item(paths.attr(paths.policy(name), "events"), index), "REF-POLICY-EVENT",
                          "policy %s reacts to event %s, which is not defined under event-options "
                          "redundancy-event." % (name, event))
    carried: dict[int, list[str]] = {}
    if config.iccp is not None:
        for address, peer in config.iccp.peers.items():
            for group in peer.redundancy_group_id_list:
                carried.setdefault(group, []).append(address)
    for set_id, rset in config.redundancy_sets.items():
        path = paths.redundancy_set(set_id)
        for index, policy in enumerate(rset.policies):
            if policy not in config.redundancy_policies:
                check.add(paths.item(paths.attr(path, "policies"), index), "REF-SET-POLICY",
                          "redundancy set %s names policy %s, which is not defined under policy-options "
                          "redundancy-policy." % (set_id, policy))
        group = rset.redundancy_group
        if group is not None and group not in carried:
            if config.iccp is None or not config.iccp.peers:
                why = "no ICCP peer is configured"
            else:
                why = "no ICCP peer lists it in redundancy-group-id-list"
            check.add(paths.attr(path, "redundancy_group"), "REF-SET-GROUP",
                      "redundancy set %s is in redundancy group %d, but %s." % (set_id, group, why))
    for name, binding in config.service_sets.items():
        if binding.redundancy_set_id not in config.redundancy_sets:
            check.add(paths.attr(paths.service_set(name), "redundancy_set_id"), "REF-SERVICE-SET",
                      "service set %s is bound to redundancy set %s, which is not configured "
                      "(Junos: Referenced redundancy set must be defined)." % (name, binding.redundancy_set_id))
    used: set[str] = set()

    def instance(name: str | None, path: str, what: str) -> None:
        if name is None or name == DEFAULT_INSTANCE:
            return
        used.add(name)
        if name not in config.routing_instances:
            check.add(path, "REF-ROUTING-INSTANCE", "%s names routing instance %s, which is not configured "
                      "(routing_instances)." % (what, name))

    for name, policy in config.redundancy_policies.items():
        for attr in ("add_signal_route", "delete_signal_route"):
            route = getattr(policy, attr)
            if route is not None:
                instance(route.routing_instance, paths.attr(paths.policy(name), attr + ".routing_instance"),
                         "the signal route of policy %s" % name)
    for interface, options in config.redundancy_options.items():
        instance(options.routing_instance, paths.attr(paths.redundancy_options(interface), "routing_instance"),
                 "redundancy-options of %s" % interface)
    for key, group in config.vrrp_groups.items():
        for index, route in enumerate(group.track_routes):
            instance(route.routing_instance,
                     paths.attr(paths.item(paths.attr(paths.vrrp_group(key), "track_routes"), index),
                                "routing_instance"), "VRRP group %s's tracked route" % group.group)
    for name, condition in config.conditions.items():
        if isinstance(condition.table, str) and _TABLE_RE.match(condition.table):
            table_instance = _instance_of_table(condition.table)
            instance(None if table_instance == DEFAULT_INSTANCE else table_instance,
                     paths.attr(paths.condition(name), "table"), "condition %s's table" % name)
    for name in config.routing_instances:
        if name not in used:
            check.add(paths.routing_instance(name), "ROUTING-INSTANCE-UNUSED",
                      "routing instance %s is in the SRD configuration but no signal route, redundancy-options, "
                      "tracked route or condition uses it." % name)


def _structure(config: ChassisConfig, check: _Check) -> None:
    used_events: set[str] = set()
    for policy in config.redundancy_policies.values():
        used_events.update(policy.events)
    used_policies: set[str] = set()
    for rset in config.redundancy_sets.values():
        used_policies.update(rset.policies)
    for name in config.redundancy_events:
        if name not in used_events:
            check.add(paths.event(name), "EVENT-UNUSED",
                      "event %s is not listed by any redundancy policy, so it triggers nothing." % name)
    added: set[tuple[str, str]] = set()
    for name, policy in config.redundancy_policies.items():
        path = paths.policy(name)
        if not policy.events:
            check.add(paths.attr(path, "events"), "POLICY-NEEDS-EVENTS",
                      "policy %s lists no redundancy event (Junos: Redundancy policy needs to have a "
                      "redundancy-events-then condition)." % name)
        if policy.action is None and policy.add_signal_route is None and policy.delete_signal_route is None:
            check.add(paths.attr(path, "action"), "POLICY-NEEDS-THEN",
                      "policy %s has no then: no primary-role action and no signal route, so it does nothing." % name)
        elif policy.add_signal_route is None and policy.delete_signal_route is None:
            check.add(path, "POLICY-THEN-ROUTE",
                      "policy %s neither adds nor deletes a signal route; Junos may reject it at commit "
                      "(Add or delete of static route needed)." % name)
        if name not in used_policies:
            check.add(path, "POLICY-UNUSED",
                      "policy %s is not attached to any redundancy set, so srd never runs it." % name)
        if policy.acquires and policy.delete_signal_route is not None:
            check.add(paths.attr(path, "delete_signal_route"), "SIGNAL-ROUTE-ORDER",
                      "policy %s acquires the primary role but deletes signal route %s: routing would then prefer "
                      "the other chassis while this one is primary." % (name, policy.delete_signal_route.prefix))
        if policy.releases and policy.add_signal_route is not None:
            check.add(paths.attr(path, "add_signal_route"), "SIGNAL-ROUTE-ORDER",
                      "policy %s releases the primary role (%s) but adds signal route %s: routing would then prefer "
                      "this chassis while it is standby."
                      % (name, _wording(policy.action.value), policy.add_signal_route.prefix))
        if policy.add_signal_route is not None:
            added.add((policy.add_signal_route.prefix, _route_instance(policy.add_signal_route.routing_instance)))
    for set_id, rset in config.redundancy_sets.items():
        if not rset.policies:
            check.add(paths.attr(paths.redundancy_set(set_id), "policies"), "SET-NO-POLICIES",
                      "redundancy set %s has no redundancy policy, so no event can switch it over." % set_id)
    if config.iccp is not None and config.local_iccp_address() is None:
        check.add("iccp.local_ip_addr", "ICCP-LOCAL-ADDRESS",
                  "ICCP has no local address: set iccp local_ip_addr (or a peer's local_ip_addr).")
    if config.iccp is not None:
        for address, peer in config.iccp.peers.items():
            if config.iccp.local_address_for(peer) is None and config.iccp.local_ip_addr is None \
                    and config.local_iccp_address() is not None:
                check.add(paths.attr(paths.iccp_peer(address), "local_ip_addr"), "ICCP-LOCAL-ADDRESS",
                          "ICCP peer %s has no local address (neither its own nor a global one)." % address)
    for key, group in config.vrrp_groups.items():
        for index, route in enumerate(group.track_routes):
            if (route.prefix, _route_instance(route.routing_instance)) not in added:
                check.add(paths.item(paths.attr(paths.vrrp_group(key), "track_routes"), index), "SIGNAL-ROUTE-UNUSED",
                          "VRRP group %s tracks %s in %s, but no redundancy policy adds that signal route, so the "
                          "priority never follows the primary role." % (group.group, route.prefix,
                                                                        _route_instance(route.routing_instance)))
    for name, condition in config.conditions.items():
        if not isinstance(condition.table, str):
            continue
        where = (condition.prefix, _instance_of_table(condition.table))
        if where not in added:
            check.add(paths.condition(name), "SIGNAL-ROUTE-UNUSED",
                      "condition %s tests %s in table %s, but no redundancy policy adds that signal route there."
                      % (name, condition.prefix, condition.table))


# ---------------------------------------------------------------- the pair


@dataclass
class Gateway:
    """Gateway 1 is the chassis with the lower ICCP address (the seed's rule)."""

    number: int
    hostname: str
    iccp_address: str | None

    def to_dict(self) -> dict:
        return {"gateway": self.number, "hostname": self.hostname, "iccp_address": self.iccp_address}


@dataclass
class PairReport:
    violations: list[Violation] = field(default_factory=list)
    gateways: list[Gateway] = field(default_factory=list)

    def gateway(self, number: int) -> Gateway | None:
        for gateway in self.gateways:
            if gateway.number == number:
                return gateway
        return None


def _ip_key(address):
    try:
        return (0, int(ipaddress.IPv4Address(address)))
    except (ipaddress.AddressValueError, ValueError, TypeError):
        return (1, str(address))


def _can(config: ChassisConfig, rset: RedundancySet) -> tuple[bool, bool]:
    policies = config.policies_of_set(rset.id)
    return any(p.acquires for p in policies), any(p.releases for p in policies)


def validate_pair(name_a: str, config_a: ChassisConfig, name_b: str, config_b: ChassisConfig) -> PairReport:
    """Pair symmetry; per-chassis rules are :func:`validate_chassis`' job."""
    report = PairReport()
    found = report.violations

    def add(path: str, rule: str, message: str, chassis: tuple[str, ...] = ()) -> None:
        found.append(Violation(path, rule, message, RULES[rule].severity, chassis))

    if name_a == name_b:
        add("chassis", "PAIR-TWO-CHASSIS", "both chassis are called %s; a pair is two different chassis." % name_a)
        return report
    both = ((name_a, config_a, name_b, config_b), (name_b, config_b, name_a, config_a))
    address = {name_a: config_a.local_iccp_address(), name_b: config_b.local_iccp_address()}

    # gateways ---------------------------------------------------------------
    if address[name_a] and address[name_b]:
        if address[name_a] == address[name_b]:
            add("iccp.local_ip_addr", "PAIR-GATEWAY",
                "%s and %s both use ICCP address %s; gateway 1 is the chassis with the lower address, so the "
                "two must differ." % (name_a, name_b, address[name_a]), (name_a, name_b))
        else:
            low, high = sorted((name_a, name_b), key=lambda n: _ip_key(address[n]))
            report.gateways = [Gateway(1, low, address[low]), Gateway(2, high, address[high])]

    # ICCP mirrored ----------------------------------------------------------------
    peer_to_other = {}
    for me, mine, other, _theirs in both:
        if mine.iccp is None:
            add("iccp", "PAIR-ICCP-MIRROR", "%s has no ICCP configuration, so srd cannot reach %s." % (me, other),
                (me,))
            continue
        target = address[other]
        peer = mine.iccp.peers.get(target) if target else None
        if peer is None:
            known = ", ".join(mine.iccp.peers) or "none"
            add("iccp.peers", "PAIR-ICCP-MIRROR", "%s has no ICCP peer %s (the ICCP address of %s); its peers: %s."
                % (me, target or "(unknown)", other, known), (me,))
            continue
        peer_to_other[me] = peer

    # sets and groups ---------------------------------------------------------------------
    for me, mine, other, theirs in both:
        for set_id in sorted(set(mine.redundancy_sets) - set(theirs.redundancy_sets)):
            add(paths.redundancy_set(set_id), "PAIR-SET-IDS",
                "redundancy set %s exists on %s but not on %s; both chassis carry the same set ids."
                % (set_id, me, other), (me,))
    for set_id in sorted(set(config_a.redundancy_sets) & set(config_b.redundancy_sets)):
        group_a = config_a.redundancy_sets[set_id].redundancy_group
        group_b = config_b.redundancy_sets[set_id].redundancy_group
        if group_a != group_b:
            add(paths.attr(paths.redundancy_set(set_id), "redundancy_group"), "PAIR-SET-IDS",
                "redundancy set %s is in group %s on %s but in group %s on %s."
                % (set_id, group_a, name_a, group_b, name_b), (name_a, name_b))
    if len(peer_to_other) == 2:
        lists = {name: set(peer.redundancy_group_id_list) for name, peer in peer_to_other.items()}
        if lists[name_a] != lists[name_b]:
            add("iccp.peers", "PAIR-GROUP-IDS", "the ICCP peers carry different redundancy groups: %s lists %s, "
                "%s lists %s." % (name_a, sorted(lists[name_a]), name_b, sorted(lists[name_b])), (name_a, name_b))
        for me, mine, other, _theirs in both:
            missing = sorted(set(mine.group_ids()) - lists[me])
            if missing:
                add(paths.attr(paths.iccp_peer(peer_to_other[me].address), "redundancy_group_id_list"),
                    "PAIR-GROUP-IDS", "on %s the ICCP peer %s (%s) does not list redundancy group(s) %s that the "
                    "redundancy sets use." % (me, peer_to_other[me].address, other,
                                              ", ".join(str(g) for g in missing)), (me,))

    # acquire / release per set ------------------------------------------------------------
    for set_id in sorted(set(config_a.redundancy_sets) & set(config_b.redundancy_sets)):
        acq_a, rel_a = _can(config_a, config_a.redundancy_sets[set_id])
        acq_b, rel_b = _can(config_b, config_b.redundancy_sets[set_id])
        path = paths.redundancy_set(set_id)
        if not ((acq_a and rel_b) or (acq_b and rel_a)):
            add(path, "PAIR-ACQUIRE-RELEASE",
                "redundancy set %s cannot switch over: %s can %s and %s can %s; one chassis must be able to "
                "acquire and the other to release the primary role." % (
                    set_id, name_a, _abilities(acq_a, rel_a), name_b, _abilities(acq_b, rel_b)), (name_a, name_b))
        elif not (acq_a and rel_b and acq_b and rel_a):
            forward = name_a if (acq_a and rel_b) else name_b
            add(path, "PAIR-ONE-WAY",
                "redundancy set %s switches over in one direction only (primary role can move to %s but not back "
                "automatically): %s can %s, %s can %s." % (set_id, forward, name_a, _abilities(acq_a, rel_a),
                                                           name_b, _abilities(acq_b, rel_b)), (name_a, name_b))

    # routing priorities follow the primary role ------------------------------------------------
    _routing_order(name_a, config_a, name_b, config_b, add)

    # replication data addresses mirrored ----------------------------------------------------------
    for me, mine, other, theirs in both:
        theirs_local = {o.local_data_address for o in theirs.redundancy_options.values() if o.local_data_address}
        for interface, options in mine.redundancy_options.items():
            if options.peer_address is not None and options.peer_address not in theirs_local:
                add(paths.attr(paths.redundancy_options(interface), "peer_address"), "PAIR-DATA-ADDRESS",
                    "%s's %s replicates to %s, which is not a local data address of %s (%s)." % (
                        me, interface, options.peer_address, other, ", ".join(sorted(theirs_local)) or "none"),
                    (me,))
        if mine.redundancy_options and not theirs.redundancy_options:
            add("redundancy_options", "PAIR-DATA-ADDRESS",
                "%s has services redundancy-options but %s has none; replication needs both ends." % (me, other),
                (other,))
    report.violations = merge_chassis(found)
    return report


def _abilities(acquire: bool, release: bool) -> str:
    if acquire and release:
        return "acquire and release"
    if acquire:
        return "only acquire"
    if release:
        return "only release"
    return "neither acquire nor release"


def _signal_routes(config: ChassisConfig) -> set[tuple[str, str]]:
    return {(p.add_signal_route.prefix, _route_instance(p.add_signal_route.routing_instance))
            for p in config.redundancy_policies.values() if p.add_signal_route is not None and not p.releases}


def _routing_order(name_a, config_a, name_b, config_b, add) -> None:
    """VRRP: with the signal route only on the primary, the primary must win in both directions."""
    def by_group(config: ChassisConfig) -> dict[int, list]:
        out: dict[int, list] = {}
        signals = _signal_routes(config)
        for group in config.vrrp_groups.values():
            cost = sum(route.priority_cost for route in group.track_routes
                       if (route.prefix, _route_instance(route.routing_instance)) in signals)
            if cost:
                out.setdefault(group.group, []).append((group, cost))
        return out

    groups_a, groups_b = by_group(config_a), by_group(config_b)
    for me, mine, other, theirs in ((name_a, groups_a, name_b, groups_b), (name_b, groups_b, name_a, groups_a)):
        for number in sorted(set(mine) - set(theirs)):
            group = mine[number][0][0]
            add(paths.vrrp_group(group.key), "PAIR-ROUTING-ORDER",
                "VRRP group %d tracks the signal route on %s but not on %s, so VRRP mastership cannot follow the "
                "primary role in both directions." % (number, me, other), (me,))
    for number in sorted(set(groups_a) & set(groups_b)):
        group_a, cost_a = groups_a[number][0]
        group_b, cost_b = groups_b[number][0]
        prio_a = VRRP_DEFAULT_PRIORITY if group_a.priority is None else group_a.priority
        prio_b = VRRP_DEFAULT_PRIORITY if group_b.priority is None else group_b.priority
        for primary, p_prio, p_group, standby, s_prio, s_cost in (
                (name_a, prio_a, group_a, name_b, prio_b, cost_b), (name_b, prio_b, group_b, name_a, prio_a, cost_a)):
            lowered = max(s_prio - s_cost, 0)
            if not p_prio > lowered:
                add(paths.vrrp_group(p_group.key), "PAIR-ROUTING-ORDER",
                    "VRRP group %d: when %s is primary it keeps priority %d while %s (standby, signal route "
                    "deleted) drops to %d - %d = %d; the primary must have the higher priority, so raise "
                    "priority-cost or change the priorities." % (number, primary, p_prio, standby, s_prio, s_cost,
                                                                 lowered), (primary, standby))


# ---------------------------------------------------------------- several chassis


def validate_configs(configs: dict[str, ChassisConfig]) -> PairReport:
    """One or two chassis: per-chassis rules for each, pair rules when there are two."""
    found: list[Violation] = []
    for name, config in configs.items():
        found.extend(validate_chassis(config, name))
    report = PairReport()
    if len(configs) == 2:
        (name_a, config_a), (name_b, config_b) = configs.items()
        report = validate_pair(name_a, config_a, name_b, config_b)
        found.extend(report.violations)
    elif len(configs) > 2:
        found.append(Violation("pair", "PAIR-TWO-CHASSIS", "a pair is two chassis; %d were given (%s)."
                               % (len(configs), ", ".join(configs))))
    report.violations = merge_chassis(found)
    return report
