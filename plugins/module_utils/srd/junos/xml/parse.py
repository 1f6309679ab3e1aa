# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse what a box returns (XML, set lines or curly-brace text) into the model.

Accepted: ``<rpc-reply>``/``<data>`` wrappers, namespaces, ``junos:``
attributes, ``groups`` + ``apply-groups`` (expanded, :mod:`xml_groups`) and
inactive statements.  Inactive statements are not in effect on the box, so
they are left out of the model and listed in ``ParseResult.inactive``.
Statements inside the SRD hierarchies that the model does not hold (trace
options, BFD knobs we do not model ...) are listed in ``unmodelled``, never
dropped silently.  Values the model cannot hold (a set id that is not a
number, a second signal route) are reported as violations with a rule id.

Routing instances are kept only when an SRD statement names them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ansible_collections.mxha.srd.plugins.module_utils.srd.model import paths, vocabulary
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError, Violation
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    DEFAULT_INSTANCE, AddSignalRoute, ChassisConfig, DeleteSignalRoute, Iccp, IccpPeer, LivenessDetection,
    RedundancyEvent, RedundancyOptions, RedundancyPolicy, RedundancySet, RouteCondition, RoutingInstance,
    Secret, ServiceSetBinding, TrackedRoute, VrrpGroup,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.groups import (
    INACTIVE, parse_xml_text, prepare,
)

FORMATS = ("auto", "xml", "set", "text")


@dataclass
class ParseResult:
    """The model of what was understood, and everything that was not."""

    config: ChassisConfig
    unmodelled: list[str] = field(default_factory=list)
    inactive: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    # Every (active) VRRP group the configuration holds, tracked or not: (interface, unit, address, group).
    # The model keeps only the groups that track a signal route; a change creating a group checks this.
    vrrp_groups_present: frozenset = frozenset()


def _xp(parent: str, elem: ET.Element) -> str:
    name = elem.findtext("name") if elem.tag != "route" else elem.findtext("route_address")
    step = elem.tag if name is None or not len(elem) else "%s[%s]" % (elem.tag, name.strip())
    return "%s/%s" % (parent, step) if parent else step


def table_instance(table: str) -> str | None:
    """The routing instance of a table name: ``HA.inet.0`` -> ``HA``; ``inet.0`` -> None."""
    parts = table.split(".")
    if len(parts) >= 3 and parts[-2] in ("inet", "inet6", "mpls", "inetflow") and parts[-1].isdigit():
        return ".".join(parts[:-2])
    return None


_SRD_MARKERS = ("redundancy-event", "redundancy-policy", "condition", "redundancy-set", "redundancy-set-id",
                "replicate-services", "redundancy-options", "iccp", "route_address")
_NOT_SRD_CONTAINERS = ("interface", "unit", "family", "inet", "address", "vrrp-group", "track", "service-set",
                       "services", "interfaces", "event-options", "policy-options", "protocols", "instance",
                       "routing-instances", "configuration")


def _holds_srd(elem: ET.Element) -> bool:
    """Whether an element is, or contains, an SRD statement."""
    if elem.tag not in _NOT_SRD_CONTAINERS:
        return True
    if elem.tag == "condition":
        return elem.find("if-route-exists") is not None
    return any(node.tag in _SRD_MARKERS and (node.tag != "condition" or node.find("if-route-exists") is not None)
               for node in elem.iter())


class _Reader:
    def __init__(self) -> None:
        self.unmodelled: list[str] = []
        self.inactive: list[str] = []
        self.violations: list[Violation] = []
        self.vrrp_present: set = set()

    # -- helpers ------------------------------------------------------------

    def active(self, elem: ET.Element, where: str, skip=("name",), only=None):
        """Active children of ``elem`` (keys skipped; with ``only``, just those tags).

        An inactive child is recorded when it holds SRD statements, so inactive
        statements outside SRD (an interface description ...) make no noise.
        """
        for child in elem:
            if child.tag in skip or (only is not None and child.tag not in only):
                continue
            if child.get(INACTIVE) == INACTIVE:
                if _holds_srd(child):
                    self.inactive.append(_xp(where, child))
                continue
            yield child

    def other(self, where: str, child: ET.Element) -> None:
        self.unmodelled.append(_xp(where, child))

    def violate(self, path: str, rule: str, message: str) -> None:
        self.violations.append(Violation(path, rule, message))

    def integer(self, elem: ET.Element, path: str, what: str) -> int | None:
        text = (elem.text or "").strip()
        try:
            return int(text)
        except ValueError:
            self.violate(path, "INPUT-TYPE", "%s must be a number, the configuration has %r." % (what, text))
            return None

    def key(self, elem: ET.Element, where: str, what: str) -> str | None:
        name = (elem.findtext("name") or "").strip()
        if not name:
            self.violate(where, "INPUT-REQUIRED", "a %s without a name cannot be read." % what)
            return None
        return name

    def unique(self, seen: dict, key, path: str, what: str) -> bool:
        if key in seen:
            self.violate(path, "DUPLICATE-ENTRY", "%s %s is configured twice; the second is ignored." % (what, key))
            return False
        return True

    # -- event-options ----------------------------------------------------------

    def events(self, section: ET.Element, where: str) -> dict[str, RedundancyEvent]:
        out: dict[str, RedundancyEvent] = {}
        for entry in self.active(section, where, skip=(), only=("redundancy-event",)):
            here = _xp(where, entry)
            name = self.key(entry, here, "redundancy event")
            if name is None or not self.unique(out, name, paths.event(name), "redundancy event"):
                continue
            path = paths.event(name)
            link_down: list[str] = []
            restart = abort = False
            peer = None
            for child in self.active(entry, here):
                if child.tag != "monitor":
                    self.other(here, child)
                    continue
                mhere = _xp(here, child)
                for monitor in self.active(child, mhere):
                    if monitor.tag == "link-down":
                        interface = (monitor.findtext("name") or "").strip()
                        for extra in self.active(monitor, _xp(mhere, monitor)):
                            self.other(_xp(mhere, monitor), extra)
                        if interface in link_down:
                            self.violate(paths.attr(path, "link_down"), "DUPLICATE-ENTRY",
                                         "interface %s is monitored twice by event %s." % (interface, name))
                        elif interface:
                            link_down.append(interface)
                    elif monitor.tag == "process":
                        phere = _xp(mhere, monitor)
                        for process in self.active(monitor, phere):
                            if process.tag != "routing":
                                self.other(phere, process)
                                continue
                            for flag in self.active(process, _xp(phere, process)):
                                if flag.tag == "restart":
                                    restart = True
                                elif flag.tag == "abort":
                                    abort = True
                                else:
                                    self.other(_xp(phere, process), flag)
                    elif monitor.tag == "peer":
                        for item in self.active(monitor, _xp(mhere, monitor)):
                            if item.tag != "event":
                                self.other(_xp(mhere, monitor), item)
                                continue
                            peer = vocabulary.peer_event(item.text or "")
                            if peer is None:
                                self.violate(paths.attr(path, "peer"), "VALUE-ENUM",
                                             "peer event %r is not mastership-acquire or mastership-release."
                                             % (item.text or ""))
                    else:
                        self.other(mhere, monitor)
            out[name] = RedundancyEvent(name, tuple(link_down), restart, abort, peer)
        return out

    # -- policy-options ---------------------------------------------------------

    def policies(self, section: ET.Element, where: str) -> dict[str, RedundancyPolicy]:
        out: dict[str, RedundancyPolicy] = {}
        for entry in self.active(section, where, skip=(), only=("redundancy-policy",)):
            here = _xp(where, entry)
            name = self.key(entry, here, "redundancy policy")
            if name is None or not self.unique(out, name, paths.policy(name), "redundancy policy"):
                continue
            path = paths.policy(name)
            events: list[str] = []
            action = add = delete = None
            for child in self.active(entry, here):
                if child.tag == "redundancy-events":
                    value = (child.text or "").strip()
                    if value in events:
                        self.violate(paths.attr(path, "events"), "DUPLICATE-ENTRY",
                                     "event %s is listed twice in policy %s." % (value, name))
                    elif value:
                        events.append(value)
                elif child.tag == "then":
                    action, add, delete = self.then(child, _xp(here, child), path)
                else:
                    self.other(here, child)
            out[name] = RedundancyPolicy(name, tuple(events), action, add, delete)
        return out

    def then(self, then: ET.Element, here: str, path: str):
        action = add = delete = None
        for child in self.active(then, here):
            if child.tag == "mship-actions":
                action = vocabulary.action(child.text or "")
                if action is None:
                    self.violate(paths.attr(path, "action"), "VALUE-ENUM",
                                 "action %r is not a redundancy-policy action." % (child.text or ""))
            elif child.tag in ("add-static-route", "delete-static-route"):
                attr = "add_signal_route" if child.tag == "add-static-route" else "delete_signal_route"
                if (add if attr == "add_signal_route" else delete) is not None:
                    self.violate(paths.attr(path, attr), "LIMIT-SIGNAL-ROUTES",
                                 "a redundancy policy has at most one %s; the second (%s) is ignored."
                                 % (child.tag, child.findtext("name")))
                    continue
                route = self.route(child, _xp(here, child), paths.attr(path, attr))
                if attr == "add_signal_route":
                    add = route
                else:
                    delete = route
            else:
                self.other(here, child)
        return action, add, delete

    def route(self, elem: ET.Element, here: str, path: str):
        prefix = (elem.findtext("name") or "").strip()
        next_hop = instance = None
        receive = False
        for child in self.active(elem, here):
            if child.tag == "next-hop" and elem.tag == "add-static-route":
                next_hop = (child.text or "").strip()
            elif child.tag == "receive" and elem.tag == "add-static-route":
                receive = True
            elif child.tag == "routing-instance":
                instance = (child.text or "").strip()
            else:
                self.other(here, child)
        if elem.tag == "delete-static-route":
            return DeleteSignalRoute(prefix, instance)
        if next_hop is None and not receive:
            self.violate(path, "INPUT-REQUIRED",
                         "add-static-route %s needs receive or next-hop; read as receive." % prefix)
        return AddSignalRoute(prefix, next_hop, instance)

    def conditions(self, section: ET.Element, where: str) -> dict[str, RouteCondition]:
        out: dict[str, RouteCondition] = {}
        for entry in self.active(section, where, skip=(), only=("condition",)):
            if entry.find("if-route-exists") is None:
                continue      # route-active-on (SRX clusters) is not SRD plumbing
            here = _xp(where, entry)
            name = self.key(entry, here, "condition")
            if name is None or not self.unique(out, name, paths.condition(name), "condition"):
                continue
            prefix = table = None
            family = False
            for child in self.active(entry, here):
                if child.tag != "if-route-exists":
                    self.other(here, child)
                    continue
                ehere = _xp(here, child)
                holders = [(child, ehere)]
                for sub in self.active(child, ehere):
                    if sub.tag == "address-family":
                        for fam in self.active(sub, _xp(ehere, sub)):
                            if fam.tag == "inet":
                                family = True
                                holders.append((fam, _xp(_xp(ehere, sub), fam)))
                            else:
                                self.other(_xp(ehere, sub), fam)
                for holder, hhere in holders:
                    for leaf in self.active(holder, hhere):
                        if leaf.tag == "address":
                            prefix = (leaf.text or "").strip()
                        elif leaf.tag == "table":
                            table = (leaf.text or "").strip()
                        elif leaf.tag != "address-family" or holder is not child:
                            self.other(hhere, leaf)
            if prefix is None or table is None:
                self.violate(paths.condition(name), "INPUT-REQUIRED",
                             "condition %s needs both an address and a table; it is ignored." % name)
                continue
            out[name] = RouteCondition(name, prefix, table, family)
        return out

    # -- services -------------------------------------------------------------------

    def sets(self, holder: ET.Element, where: str) -> dict[int, RedundancySet]:
        out: dict[int, RedundancySet] = {}
        for entry in self.active(holder, where, skip=()):
            if entry.tag != "rs-id-object":
                self.other(where, entry)          # traceoptions
                continue
            here = _xp(where, entry)
            name = self.key(entry, here, "redundancy set")
            if name is None:
                continue
            set_id = self.integer(entry.find("name"), "redundancy_sets[id=%s]" % name, "a redundancy set id")
            if set_id is None or not self.unique(out, set_id, paths.redundancy_set(set_id), "redundancy set"):
                continue
            path = paths.redundancy_set(set_id)
            values: dict = {"policies": []}
            for child in self.active(entry, here):
                attr = {"redundancy-group": "redundancy_group", "keepalive": "keepalive", "hold-time": "hold_time",
                        "healthcheck-timer-interval": "healthcheck_timer_interval"}.get(child.tag)
                if attr:
                    values[attr] = self.integer(child, paths.attr(path, attr), child.tag)
                elif child.tag == "redundancy-policy":
                    value = (child.text or "").strip()
                    if value in values["policies"]:
                        self.violate(paths.attr(path, "policies"), "DUPLICATE-ENTRY",
                                     "policy %s is listed twice in redundancy set %d." % (value, set_id))
                    elif value:
                        values["policies"].append(value)
                else:
                    self.other(here, child)
            values["policies"] = tuple(values["policies"])
            out[set_id] = RedundancySet(set_id, **values)
        return out

    def service_set(self, entry: ET.Element, where: str) -> ServiceSetBinding | None:
        here = _xp(where, entry)
        name = (entry.findtext("name") or "").strip()
        set_id = threshold = None
        disable = False
        replicate_path = None
        for child in self.active(entry, here, only=("redundancy-set-id", "replicate-services")):
            if child.tag == "redundancy-set-id":
                set_id = self.integer(child, paths.attr(paths.service_set(name), "redundancy_set_id"),
                                      "redundancy-set-id")
            elif child.tag == "replicate-services":
                replicate_path = _xp(here, child)
                for item in self.active(child, replicate_path):
                    if item.tag == "replication-threshold":
                        threshold = self.integer(item, paths.attr(paths.service_set(name), "replication_threshold"),
                                                 "replication-threshold")
                    elif item.tag == "disable-replication-capability":
                        disable = True
                    else:
                        self.other(replicate_path, item)
        if set_id is None:
            if replicate_path is not None:
                self.unmodelled.append(replicate_path)
            return None
        return ServiceSetBinding(name, set_id, threshold, disable)

    # -- interfaces -----------------------------------------------------------------

    def redundancy_options(self, interface: str, elem: ET.Element, here: str) -> RedundancyOptions | None:
        values: dict = {}
        path = paths.redundancy_options(interface)
        for child in self.active(elem, here, skip=()):
            chere = _xp(here, child)
            if child.tag in ("redundancy-peer", "redundancy-local", "replication-options"):
                leaf_tag, attr = {"redundancy-peer": ("ipaddress", "peer_address"),
                                  "redundancy-local": ("data-address", "local_data_address"),
                                  "replication-options": ("mtu", "mtu")}[child.tag]
                for leaf in self.active(child, chere):
                    if leaf.tag != leaf_tag:
                        self.other(chere, leaf)
                    elif attr == "mtu":
                        values[attr] = self.integer(leaf, paths.attr(path, attr), "replication-options mtu")
                    else:
                        values[attr] = (leaf.text or "").strip()
            elif child.tag == "routing-instance":
                values["routing_instance"] = (child.text or "").strip()
            elif child.tag == "replication-threshold":
                values["replication_threshold"] = self.integer(child, paths.attr(path, "replication_threshold"),
                                                               "replication-threshold")
            elif child.tag in ("primary", "secondary", "hot-standby", "warm-standby"):
                continue                            # intra-chassis (rsp/rms) redundancy, not SRD
            else:
                self.other(here, child)
        values = {name: value for name, value in values.items() if value is not None}
        return RedundancyOptions(interface, **values) if values else None

    def vrrp_groups(self, interface: str, entry: ET.Element, here: str) -> list[VrrpGroup]:
        out = []
        for unit in self.active(entry, here, skip=(), only=("unit",)):
            uhere = _xp(here, unit)
            unit_id = self.integer(unit.find("name"), "vrrp_groups[interface=%s]" % interface, "unit") \
                if unit.find("name") is not None else None
            if unit_id is None:
                continue
            for family in self.active(unit, uhere, skip=(), only=("family",)):
                for inet in self.active(family, _xp(uhere, family), skip=(), only=("inet",)):
                    ihere = _xp(_xp(uhere, family), inet)
                    for address in self.active(inet, ihere, skip=(), only=("address",)):
                        ahere = _xp(ihere, address)
                        addr = (address.findtext("name") or "").strip()
                        for vrrp in self.active(address, ahere, skip=(), only=("vrrp-group",)):
                            group = self.vrrp_group(interface, unit_id, addr, vrrp, _xp(ahere, vrrp))
                            if group is not None:
                                out.append(group)
        return out

    def vrrp_group(self, interface: str, unit: int, address: str, vrrp: ET.Element, here: str):
        group_id = self.integer(vrrp.find("name"), "vrrp_groups[interface=%s,unit=%d]" % (interface, unit),
                                "vrrp-group") if vrrp.find("name") is not None else None
        if group_id is None:
            return None
        key = (interface, unit, address, group_id)
        self.vrrp_present.add(key)
        path = paths.vrrp_group(key)
        priority = None
        routes: list[TrackedRoute] = []
        addresses: list[str] = []
        for child in self.active(vrrp, here, only=("priority", "track", "virtual-address")):
            if child.tag == "virtual-address":
                text = (child.text or "").strip()
                if text and text not in addresses:
                    addresses.append(text)
            elif child.tag == "priority":
                priority = self.integer(child, paths.attr(path, "priority"), "vrrp-group priority")
            elif child.tag == "track":
                there = _xp(here, child)
                for route in self.active(child, there, skip=(), only=("route",)):  # not track interface
                    rhere = _xp(there, route)
                    prefix = (route.findtext("route_address") or "").strip()
                    instance = (route.findtext("routing-instance") or "").strip()
                    cost = None
                    for leaf in self.active(route, rhere, skip=("route_address", "routing-instance")):
                        if leaf.tag == "priority-cost":
                            cost = self.integer(leaf, paths.attr(path, "track_routes"), "priority-cost")
                        else:
                            self.other(rhere, leaf)
                    if not prefix or not instance or cost is None:
                        self.violate(paths.attr(path, "track_routes"), "INPUT-REQUIRED",
                                     "track route %s needs a routing-instance and a priority-cost; it is ignored."
                                     % (prefix or "?"))
                        continue
                    if any(existing.key == (prefix, instance) for existing in routes):
                        self.violate(paths.attr(path, "track_routes"), "DUPLICATE-ENTRY",
                                     "route %s in %s is tracked twice." % (prefix, instance))
                        continue
                    routes.append(TrackedRoute(prefix, instance, cost))
        if not routes:
            return None                               # a VRRP group that tracks no route is not SRD's
        return VrrpGroup(interface, unit, address, group_id, priority, tuple(routes), tuple(addresses))

    # -- protocols iccp -------------------------------------------------------------

    def iccp(self, elem: ET.Element, here: str) -> Iccp:
        values: dict = {}
        peers: dict[str, IccpPeer] = {}
        for child in self.active(elem, here):
            if child.tag == "local-ip-addr":
                values["local_ip_addr"] = (child.text or "").strip()
            elif child.tag == "session-establishment-hold-time":
                values["session_establishment_hold_time"] = self.integer(
                    child, "iccp.session_establishment_hold_time", child.tag)
            elif child.tag == "authentication-key":
                values["authentication_key"] = Secret((child.text or "").strip())
            elif child.tag == "peer":
                peer = self.iccp_peer(child, _xp(here, child))
                if peer is not None and self.unique(peers, peer.address, paths.iccp_peer(peer.address), "ICCP peer"):
                    peers[peer.address] = peer
            else:
                self.other(here, child)
        return Iccp(peers=peers, **values)

    def iccp_peer(self, elem: ET.Element, here: str) -> IccpPeer | None:
        address = self.key(elem, here, "ICCP peer")
        if address is None:
            return None
        path = paths.iccp_peer(address)
        values: dict = {}
        groups: list[int] = []
        for child in self.active(elem, here):
            chere = _xp(here, child)
            if child.tag == "local-ip-addr":
                values["local_ip_addr"] = (child.text or "").strip()
            elif child.tag == "session-establishment-hold-time":
                values["session_establishment_hold_time"] = self.integer(
                    child, paths.attr(path, "session_establishment_hold_time"), child.tag)
            elif child.tag == "redundancy-group-id-list":
                group = self.integer(child, paths.attr(path, "redundancy_group_id_list"), child.tag)
                if group in groups:
                    self.violate(paths.attr(path, "redundancy_group_id_list"), "DUPLICATE-ENTRY",
                                 "group %d is listed twice for ICCP peer %s." % (group, address))
                elif group is not None:
                    groups.append(group)
            elif child.tag == "authentication-key":
                values["authentication_key"] = Secret((child.text or "").strip())
            elif child.tag == "backup-liveness-detection":
                for leaf in self.active(child, chere):
                    if leaf.tag == "backup-peer-ip":
                        values["backup_peer_ip"] = (leaf.text or "").strip()
                    else:
                        self.other(chere, leaf)
            elif child.tag == "liveness-detection":
                live: dict = {}
                for leaf in self.active(child, chere):
                    attr = leaf.tag.replace("-", "_")
                    if attr in ("minimum_interval", "minimum_receive_interval", "multiplier"):
                        live[attr] = self.integer(leaf, paths.attr(path, "liveness_detection." + attr), leaf.tag)
                    else:
                        self.other(chere, leaf)
                values["liveness_detection"] = LivenessDetection(**live)
            else:
                self.other(here, child)
        return IccpPeer(address, tuple(groups), **values)


def _referenced_instances(config: ChassisConfig) -> set[str]:
    names: set[str] = set()
    for _policy, route in config.signal_routes():
        if route.routing_instance:
            names.add(route.routing_instance)
    for options in config.redundancy_options.values():
        if options.routing_instance:
            names.add(options.routing_instance)
    for group in config.vrrp_groups.values():
        for route in group.track_routes:
            if route.routing_instance and route.routing_instance != DEFAULT_INSTANCE:
                names.add(route.routing_instance)
    for condition in config.conditions.values():
        instance = table_instance(condition.table)
        if instance:
            names.add(instance)
    return names


def parse_element(root: ET.Element, source: str | None = None) -> ParseResult:
    """Parse an element tree (``<configuration>`` or a wrapper around it)."""
    config = prepare(root, source)
    reader = _Reader()
    parts: dict = {"redundancy_events": {}, "redundancy_policies": {}, "conditions": {}, "redundancy_sets": {},
                   "service_sets": {}, "redundancy_options": {}, "vrrp_groups": {}, "iccp": None}
    instances: dict[str, RoutingInstance] = {}
    sections = ("event-options", "policy-options", "services", "interfaces", "protocols", "routing-instances")
    for section in reader.active(config, "", skip=(), only=sections):
        where = section.tag
        if section.tag == "event-options":
            parts["redundancy_events"].update(reader.events(section, where))
        elif section.tag == "policy-options":
            parts["redundancy_policies"].update(reader.policies(section, where))
            parts["conditions"].update(reader.conditions(section, where))
        elif section.tag == "services":
            for child in reader.active(section, where, skip=(), only=("redundancy-set", "service-set")):
                if child.tag == "redundancy-set":
                    parts["redundancy_sets"].update(reader.sets(child, _xp(where, child)))
                elif child.tag == "service-set":
                    binding = reader.service_set(child, where)
                    if binding is not None and reader.unique(parts["service_sets"], binding.name,
                                                             paths.service_set(binding.name), "service set"):
                        parts["service_sets"][binding.name] = binding
        elif section.tag == "interfaces":
            for entry in reader.active(section, where, skip=(), only=("interface",)):
                here = _xp(where, entry)
                name = (entry.findtext("name") or "").strip()
                for child in reader.active(entry, here, only=("redundancy-options",)):
                    if child.tag == "redundancy-options":
                        options = reader.redundancy_options(name, child, _xp(here, child))
                        if options is not None:
                            parts["redundancy_options"][name] = options
                for group in reader.vrrp_groups(name, entry, here):
                    parts["vrrp_groups"][group.key] = group
        elif section.tag == "protocols":
            for child in reader.active(section, where, skip=(), only=("iccp",)):
                if child.tag == "iccp":
                    iccp = reader.iccp(child, _xp(where, child))
                    # an ICCP container with nothing SRD in it (say, only traceoptions) is no ICCP
                    parts["iccp"] = None if iccp == Iccp() else iccp
        elif section.tag == "routing-instances":
            for entry in reader.active(section, where, skip=(), only=("instance",)):
                name = (entry.findtext("name") or "").strip()
                if name:
                    kind = entry.findtext("instance-type")
                    instances[name] = RoutingInstance(name, kind.strip() if kind else None)
    model = ChassisConfig(**parts)
    wanted = _referenced_instances(model)
    model = model.replace(routing_instances={name: instances[name] for name in sorted(wanted) if name in instances})
    return ParseResult(model, reader.unmodelled, reader.inactive, reader.violations, frozenset(reader.vrrp_present))


def parse_xml(text: str, source: str | None = None) -> ParseResult:
    """Parse Junos XML text (get-configuration reply or ``show configuration | display xml``)."""
    return parse_element(parse_xml_text(text, source), source)


def detect_format(text: str) -> str:
    """Guess xml / set / text from the content."""
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return "xml"
    for line in stripped.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("/*"):
            continue
        first = line.split()[0]
        return "set" if first in ("set", "deactivate", "delete", "activate") else "text"
    return "text"


def parse_config(text: str, fmt: str = "auto", source: str | None = None) -> ParseResult:
    """Parse a configuration in any of the formats a user may hand us."""
    if not isinstance(text, str):
        raise InputError("the configuration must be a string", source)
    if fmt not in FORMATS:
        raise InputError("format must be one of %s, not %r" % (", ".join(FORMATS), fmt), source)
    text = text.lstrip("\ufeff")            # a byte-order mark left by an editor
    if fmt == "auto":
        fmt = detect_format(text)
    if fmt == "xml":
        return parse_xml(text, source)
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import prefilter as text_prefilter
    try:
        elem = text_prefilter.parse_set_srd(text) if fmt == "set" else text_prefilter.parse_text_srd(text)
    except InputError:
        raise
    except (ValueError, SyntaxError, KeyError) as exc:
        raise InputError("the %s configuration cannot be read: %s" % (fmt, exc), source) from None
    return parse_element(elem, source)
