# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render a chassis model to native Junos XML (for ``<load-configuration>``).

Canonical output so diffs and idempotence are exact: no namespaces, list keys
first, hierarchies in the order ``show configuration`` uses, list entries
sorted by their Junos key, leaf-lists in the model's order, children in the
schema's order.  An unchanged model renders byte-identically.

Element names follow JUNOS-SRD-REFERENCE.md §2 (``rs-id-object``,
``mship-actions``, ``<peer><event>``, ``route_address``).
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    interface_key,
    ChassisConfig, Iccp, IccpPeer, RedundancyEvent, RedundancyOptions, RedundancyPolicy,
    RedundancySet, RouteCondition, RoutingInstance, ServiceSetBinding, VrrpGroup,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import MASK

TOP_ORDER = ("services", "interfaces", "event-options", "protocols", "policy-options", "routing-instances")


def _sub(parent: ET.Element, tag: str, text=None) -> ET.Element:
    elem = ET.SubElement(parent, tag)
    if text is not None:
        elem.text = str(text)
    return elem


def _secret(secret, mask: bool) -> str:
    return MASK if mask else secret.reveal()


def _opt(parent: ET.Element, tag: str, value) -> None:
    if value is not None:
        _sub(parent, tag, value)


def _flag(parent: ET.Element, tag: str, value: bool) -> None:
    if value:
        _sub(parent, tag)


# ---------------------------------------------------------------- entries


def event_xml(event: RedundancyEvent) -> ET.Element:
    elem = ET.Element("redundancy-event")
    _sub(elem, "name", event.name)
    if not event.is_bare:
        monitor = _sub(elem, "monitor")
        for interface in event.link_down:
            _sub(_sub(monitor, "link-down"), "name", interface)
        if event.process_routing_restart or event.process_routing_abort:
            routing = _sub(_sub(monitor, "process"), "routing")
            _flag(routing, "restart", event.process_routing_restart)
            _flag(routing, "abort", event.process_routing_abort)
        if event.peer is not None:
            _sub(_sub(monitor, "peer"), "event", event.peer.value)
    return elem


def policy_xml(policy: RedundancyPolicy) -> ET.Element:
    elem = ET.Element("redundancy-policy")
    _sub(elem, "name", policy.name)
    for event in policy.events:
        _sub(elem, "redundancy-events", event)
    if policy.action is not None or policy.add_signal_route or policy.delete_signal_route:
        then = _sub(elem, "then")
        if policy.action is not None:
            _sub(then, "mship-actions", policy.action.value)
        route = policy.add_signal_route
        if route is not None:
            add = _sub(then, "add-static-route")
            _sub(add, "name", route.prefix)
            if route.next_hop is None:
                _sub(add, "receive")
            else:
                _sub(add, "next-hop", route.next_hop)
            _opt(add, "routing-instance", route.routing_instance)
        droute = policy.delete_signal_route
        if droute is not None:
            delete = _sub(then, "delete-static-route")
            _sub(delete, "name", droute.prefix)
            _opt(delete, "routing-instance", droute.routing_instance)
    return elem


def set_xml(rset: RedundancySet) -> ET.Element:
    elem = ET.Element("rs-id-object")
    _sub(elem, "name", rset.id)
    _opt(elem, "redundancy-group", rset.redundancy_group)
    for policy in rset.policies:
        _sub(elem, "redundancy-policy", policy)
    _opt(elem, "keepalive", rset.keepalive)
    _opt(elem, "hold-time", rset.hold_time)
    _opt(elem, "healthcheck-timer-interval", rset.healthcheck_timer_interval)
    return elem


def service_set_xml(binding: ServiceSetBinding) -> ET.Element:
    elem = ET.Element("service-set")
    _sub(elem, "name", binding.name)
    if binding.replication_threshold is not None or binding.disable_replication_capability:
        replicate = _sub(elem, "replicate-services")
        _opt(replicate, "replication-threshold", binding.replication_threshold)
        _flag(replicate, "disable-replication-capability", binding.disable_replication_capability)
    _sub(elem, "redundancy-set-id", binding.redundancy_set_id)
    return elem


def peer_xml(peer: IccpPeer, mask_secrets: bool = False) -> ET.Element:
    elem = ET.Element("peer")
    _sub(elem, "name", peer.address)
    _opt(elem, "local-ip-addr", peer.local_ip_addr)
    _opt(elem, "session-establishment-hold-time", peer.session_establishment_hold_time)
    for group in peer.redundancy_group_id_list:
        _sub(elem, "redundancy-group-id-list", group)
    if peer.backup_peer_ip is not None:
        _sub(_sub(elem, "backup-liveness-detection"), "backup-peer-ip", peer.backup_peer_ip)
    live = peer.liveness_detection
    if live is not None:
        liveness = _sub(elem, "liveness-detection")
        _opt(liveness, "minimum-interval", live.minimum_interval)
        _opt(liveness, "minimum-receive-interval", live.minimum_receive_interval)
        _opt(liveness, "multiplier", live.multiplier)
    if peer.authentication_key is not None:
        _sub(elem, "authentication-key", _secret(peer.authentication_key, mask_secrets))
    return elem


def iccp_xml(iccp: Iccp, mask_secrets: bool = False) -> ET.Element:
    elem = ET.Element("iccp")
    _opt(elem, "local-ip-addr", iccp.local_ip_addr)
    _opt(elem, "session-establishment-hold-time", iccp.session_establishment_hold_time)
    if iccp.authentication_key is not None:
        _sub(elem, "authentication-key", _secret(iccp.authentication_key, mask_secrets))
    for address in sorted(iccp.peers, key=_address_key):
        elem.append(peer_xml(iccp.peers[address], mask_secrets))
    return elem


def redundancy_options_xml(options: RedundancyOptions) -> ET.Element:
    elem = ET.Element("redundancy-options")
    if options.peer_address is not None:
        _sub(_sub(elem, "redundancy-peer"), "ipaddress", options.peer_address)
    if options.local_data_address is not None:
        _sub(_sub(elem, "redundancy-local"), "data-address", options.local_data_address)
    _opt(elem, "routing-instance", options.routing_instance)
    _opt(elem, "replication-threshold", options.replication_threshold)
    if options.mtu is not None:
        _sub(_sub(elem, "replication-options"), "mtu", options.mtu)
    return elem


def vrrp_group_xml(group: VrrpGroup) -> ET.Element:
    elem = ET.Element("vrrp-group")
    _sub(elem, "name", group.group)
    for address in group.virtual_addresses:
        _sub(elem, "virtual-address", address)
    _opt(elem, "priority", group.priority)
    if group.track_routes:
        track = _sub(elem, "track")
        for route in group.track_routes:
            entry = _sub(track, "route")
            _sub(entry, "route_address", route.prefix)
            _sub(entry, "routing-instance", route.routing_instance)
            _sub(entry, "priority-cost", route.priority_cost)
    return elem


def condition_xml(condition: RouteCondition) -> ET.Element:
    elem = ET.Element("condition")
    _sub(elem, "name", condition.name)
    exists = _sub(elem, "if-route-exists")
    holder = _sub(_sub(exists, "address-family"), "inet") if condition.family_inet else exists
    _sub(holder, "address", condition.prefix)
    _sub(holder, "table", condition.table)
    return elem


def routing_instance_xml(instance: RoutingInstance) -> ET.Element:
    elem = ET.Element("instance")
    _sub(elem, "name", instance.name)
    _opt(elem, "instance-type", instance.instance_type)
    return elem


# ---------------------------------------------------------------- sort keys


def _address_key(address: str):
    """IPv4 addresses numerically, anything else after them by text."""
    parts = address.split("/")[0].split(".")
    if len(parts) == 4 and all(part.isdigit() for part in parts):
        return (0, tuple(int(part) for part in parts), address)
    return (1, (), address)


# ---------------------------------------------------------------- whole chassis


def _interfaces(config: ChassisConfig) -> list[ET.Element]:
    names = set(config.redundancy_options) | {group.interface for group in config.vrrp_groups.values()}
    out = []
    for name in sorted(names, key=interface_key):
        interface = ET.Element("interface")
        _sub(interface, "name", name)
        if name in config.redundancy_options:
            interface.append(redundancy_options_xml(config.redundancy_options[name]))
        groups = [group for group in config.vrrp_groups.values() if group.interface == name]
        for unit in sorted({group.unit for group in groups}):
            unit_elem = _sub(interface, "unit")
            _sub(unit_elem, "name", unit)
            inet = _sub(_sub(unit_elem, "family"), "inet")
            in_unit = [group for group in groups if group.unit == unit]
            for address in sorted({group.address for group in in_unit}, key=_address_key):
                address_elem = _sub(inet, "address")
                _sub(address_elem, "name", address)
                for group in sorted((g for g in in_unit if g.address == address), key=lambda g: g.group):
                    address_elem.append(vrrp_group_xml(group))
        out.append(interface)
    return out


def render_xml(config: ChassisConfig, mask_secrets: bool = False) -> ET.Element:
    """The chassis' SRD configuration as a ``<configuration>`` element.

    The ICCP key is in clear (the device needs it) unless ``mask_secrets``:
    use that for anything shown to a user (``rendered`` output, logs).
    """
    root = ET.Element("configuration")
    sections: dict[str, ET.Element] = {}

    def section(tag: str) -> ET.Element:
        if tag not in sections:
            sections[tag] = ET.Element(tag)
        return sections[tag]

    if config.redundancy_sets:
        holder = _sub(section("services"), "redundancy-set")
        for set_id in sorted(config.redundancy_sets):
            holder.append(set_xml(config.redundancy_sets[set_id]))
    for name in sorted(config.service_sets):
        section("services").append(service_set_xml(config.service_sets[name]))
    for interface in _interfaces(config):
        section("interfaces").append(interface)
    for name in sorted(config.redundancy_events):
        section("event-options").append(event_xml(config.redundancy_events[name]))
    if config.iccp is not None:
        section("protocols").append(iccp_xml(config.iccp, mask_secrets))
    for name in sorted(config.conditions):
        section("policy-options").append(condition_xml(config.conditions[name]))
    for name in sorted(config.redundancy_policies):
        section("policy-options").append(policy_xml(config.redundancy_policies[name]))
    for name in sorted(config.routing_instances):
        section("routing-instances").append(routing_instance_xml(config.routing_instances[name]))
    for tag in TOP_ORDER:
        if tag in sections:
            root.append(sections[tag])
    return root


def to_string(elem: ET.Element, indent: bool = True) -> str:
    """Serialize canonically (two-space indent, no XML declaration)."""
    elem = copy.deepcopy(elem)
    if indent:
        ET.indent(elem, space="  ")
    return ET.tostring(elem, encoding="unicode") + ("\n" if indent else "")


def render_xml_string(config: ChassisConfig, mask_secrets: bool = False) -> str:
    return to_string(render_xml(config, mask_secrets))


# ---------------------------------------------------------------- delete


def render_delete_xml(config: ChassisConfig) -> ET.Element:
    """XML that deletes, on the device, every SRD statement in ``config``.

    List entries the collection owns get ``delete="delete"``; in objects it
    only partly owns (service sets, VRRP groups, the services interface's
    redundancy-options, which also hold intra-chassis primary/secondary) only
    the SRD statements the model sets are deleted.  Routing instances are never deleted.
    ICCP: its peers are deleted, and the global leaves the subset sets.
    """
    root = ET.Element("configuration")
    sections: dict[str, ET.Element] = {}

    def section(tag: str) -> ET.Element:
        if tag not in sections:
            sections[tag] = ET.Element(tag)
        return sections[tag]

    def deleted(tag: str, keys: list[tuple[str, object]]) -> ET.Element:
        elem = ET.Element(tag, {"delete": "delete"})
        for key_tag, value in keys:
            _sub(elem, key_tag, value)
        return elem

    if config.redundancy_sets:
        holder = _sub(section("services"), "redundancy-set")
        for set_id in sorted(config.redundancy_sets):
            holder.append(deleted("rs-id-object", [("name", set_id)]))
    for name in sorted(config.service_sets):
        service_set = _sub(section("services"), "service-set")
        _sub(service_set, "name", name)
        binding = config.service_sets[name]
        if binding.replication_threshold is not None or binding.disable_replication_capability:
            service_set.append(ET.Element("replicate-services", {"delete": "delete"}))
        service_set.append(ET.Element("redundancy-set-id", {"delete": "delete"}))
    interfaces = sorted(set(config.redundancy_options) | {g.interface for g in config.vrrp_groups.values()},
                        key=interface_key)
    for name in interfaces:
        interface = _sub(section("interfaces"), "interface")
        _sub(interface, "name", name)
        if name in config.redundancy_options:
            options = config.redundancy_options[name]
            holder = _sub(interface, "redundancy-options")
            for tag, value in (("redundancy-peer", options.peer_address),
                               ("redundancy-local", options.local_data_address),
                               ("routing-instance", options.routing_instance),
                               ("replication-threshold", options.replication_threshold),
                               ("replication-options", options.mtu)):
                if value is not None:
                    holder.append(ET.Element(tag, {"delete": "delete"}))
        for group in sorted((g for g in config.vrrp_groups.values() if g.interface == name),
                            key=lambda g: (g.unit, _address_key(g.address), g.group)):
            unit = _sub(interface, "unit")
            _sub(unit, "name", group.unit)
            address = _sub(_sub(_sub(unit, "family"), "inet"), "address")
            _sub(address, "name", group.address)
            vrrp = _sub(address, "vrrp-group")
            _sub(vrrp, "name", group.group)
            if group.priority is not None:
                vrrp.append(ET.Element("priority", {"delete": "delete"}))
            if group.track_routes:
                track = _sub(vrrp, "track")
                for route in group.track_routes:
                    track.append(deleted("route", [("route_address", route.prefix),
                                                   ("routing-instance", route.routing_instance)]))
    for name in sorted(config.redundancy_events):
        section("event-options").append(deleted("redundancy-event", [("name", name)]))
    if config.iccp is not None:
        iccp = _sub(section("protocols"), "iccp")
        for tag, value in (("local-ip-addr", config.iccp.local_ip_addr),
                           ("session-establishment-hold-time", config.iccp.session_establishment_hold_time),
                           ("authentication-key", config.iccp.authentication_key)):
            if value is not None:
                iccp.append(ET.Element(tag, {"delete": "delete"}))
        for address in sorted(config.iccp.peers, key=_address_key):
            iccp.append(deleted("peer", [("name", address)]))
    for name in sorted(config.conditions):
        section("policy-options").append(deleted("condition", [("name", name)]))
    for name in sorted(config.redundancy_policies):
        section("policy-options").append(deleted("redundancy-policy", [("name", name)]))
    for tag in TOP_ORDER:
        if tag in sections:
            root.append(sections[tag])
    return root


# ---------------------------------------------------------------- set / text


def _syntax():
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos import syntax as junos_syntax
    return junos_syntax


def render_set(config: ChassisConfig, mask_secrets: bool = False) -> str:
    """``set`` lines (through the grammar-driven converter in srd.junos.syntax)."""
    lines = _syntax().to_set(render_xml(config, mask_secrets))
    return "\n".join(lines) + ("\n" if lines else "")


def render_text(config: ChassisConfig, mask_secrets: bool = False) -> str:
    """Curly-brace text as ``show configuration`` prints it."""
    return _syntax().to_text(render_xml(config, mask_secrets))
