# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hypothesis strategies: valid SRD configurations of one chassis, and junk.

A *valid* configuration respects every error rule (warnings may appear):
each monitored interface in one event, each event in one policy, each
policy in one set, set ids 1-100, groups 1-16 carried by the ICCP peer,
signal routes added by acquiring policies and deleted by releasing ones,
routing instances exactly those SRD statements name.
"""

from __future__ import annotations

import ipaddress
import string

from hypothesis import strategies as st

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    AddSignalRoute, ChassisConfig, DeleteSignalRoute, Iccp, IccpPeer, LivenessDetection, MastershipAction,
    PeerEvent, RedundancyEvent, RedundancyOptions, RedundancyPolicy, RedundancySet, RouteCondition,
    RoutingInstance, Secret, ServiceSetBinding, TrackedRoute, VrrpGroup,
)

FLAVOURS = st.sampled_from(["", "_", "-", "x", "_MSHIP_EV_", "-rel-", "ACQU", "a.b"])
KEY_TEXT = st.text(alphabet=string.ascii_letters + string.digits + "-_.!@%+=", min_size=1, max_size=40)
INSTANCES = ("HA", "SIGNAL", "SRD-1")


def ipv4(low: int = 0x0A000001, high: int = 0xDFFFFFFE):
    return st.integers(low, high).map(lambda n: str(ipaddress.IPv4Address(n)))


def prefixes():
    return st.tuples(st.integers(0x0B000000, 0xDFFFFFFF), st.integers(8, 32)).map(
        lambda t: str(ipaddress.IPv4Network((t[0], t[1]), strict=False)))


def _interface(index: int, kind: str = "xe") -> str:
    return "%s-%d/%d/%d" % (kind, index // 64, (index // 16) % 4, index % 16)


@st.composite
def chassis_configs(draw, max_sets: int = 5, max_policies_per_set: int = 3, max_events_per_policy: int = 3):
    counter = iter(range(1, 100000))

    def name(prefix: str) -> str:
        # unique by a counter; the flavour varies case, digits, '-' and '_' cheaply
        return "%s%s%d" % (prefix, draw(FLAVOURS), next(counter))

    interfaces = iter(range(0, 4096))
    set_ids = draw(st.lists(st.integers(1, 100), min_size=1, max_size=max_sets, unique=True))
    groups = {set_id: draw(st.integers(1, 16)) for set_id in set_ids}
    route_pool = draw(st.lists(prefixes(), min_size=1, max_size=4, unique=True))
    instance_choice = st.sampled_from((None,) + INSTANCES)

    events: dict[str, RedundancyEvent] = {}
    policies: dict[str, RedundancyPolicy] = {}
    sets: dict[int, RedundancySet] = {}
    added: list[tuple[str, str | None]] = []
    for set_id in set_ids:
        names = []
        for _ in range(draw(st.integers(0, max_policies_per_set))):
            event_names = []
            for _ in range(draw(st.integers(1, max_events_per_policy))):
                event = RedundancyEvent(
                    name("E"),
                    tuple(_interface(next(interfaces), draw(st.sampled_from(("xe", "ge", "et", "vms"))))
                          for _ in range(draw(st.integers(0, 3)))),
                    draw(st.booleans()), draw(st.booleans()),
                    draw(st.none() | st.sampled_from(list(PeerEvent))))
                events[event.name] = event
                event_names.append(event.name)
            action = draw(st.none() | st.sampled_from(list(MastershipAction)))
            add = delete = None
            if action is None or not action.releases:
                if draw(st.booleans()) or action is None:
                    add = AddSignalRoute(draw(st.sampled_from(route_pool)),
                                         draw(st.none() | ipv4()), draw(instance_choice))
                    added.append((add.prefix, add.routing_instance))
            if action is None or not action.acquires:
                if draw(st.booleans()):
                    delete = DeleteSignalRoute(draw(st.sampled_from(route_pool)), draw(instance_choice))
            policy = RedundancyPolicy(name("P"), tuple(event_names), action, add, delete)
            policies[policy.name] = policy
            names.append(policy.name)
        sets[set_id] = RedundancySet(
            set_id, groups[set_id], tuple(names), draw(st.none() | st.integers(1, 60)),
            draw(st.none() | st.integers(0, 3600)), draw(st.none() | st.integers(1, 3600)))
    # at most 16 sets per group is guaranteed by max_sets <= 16
    service_sets = {}
    for _ in range(draw(st.integers(0, 3))):
        binding = ServiceSetBinding(name("SS"), draw(st.sampled_from(set_ids)),
                                    draw(st.none() | st.integers(180, 86400)), draw(st.booleans()))
        service_sets[binding.name] = binding
    group_list = sorted(set(groups.values()))
    local = draw(ipv4(0xC0000201, 0xC00002FE))
    peer_address = draw(ipv4(0xC6336401, 0xC63364FE))
    peer = IccpPeer(
        peer_address, tuple(draw(st.permutations(group_list))), draw(st.none() | ipv4()),
        draw(st.none() | st.integers(45, 600)), draw(st.none() | KEY_TEXT.map(Secret)),
        draw(st.none() | st.builds(LivenessDetection, st.none() | st.integers(1, 255000),
                                   st.none() | st.integers(1, 255000), st.none() | st.integers(1, 255))),
        draw(st.none() | ipv4()))
    iccp = Iccp(local, draw(st.none() | st.integers(45, 600)), draw(st.none() | KEY_TEXT.map(Secret)),
                {peer.address: peer})
    options = {}
    if draw(st.booleans()):
        interface = _interface(next(interfaces), draw(st.sampled_from(("vms", "ms"))))
        options[interface] = RedundancyOptions(
            interface, draw(ipv4()), draw(ipv4()), draw(instance_choice),
            draw(st.none() | st.integers(60, 3600)), draw(st.none() | st.integers(1500, 8000)))
    conditions = {}
    vrrp = {}
    if added:
        for _ in range(draw(st.integers(0, 2))):
            prefix, instance = draw(st.sampled_from(added))
            condition = RouteCondition(name("C"), prefix, "%s.inet.0" % instance if instance else "inet.0",
                                       draw(st.booleans()))
            conditions[condition.name] = condition
        for _ in range(draw(st.integers(0, 2))):
            routes = draw(st.lists(st.sampled_from(added), min_size=1, max_size=3, unique=True))
            group = VrrpGroup(
                _interface(next(interfaces), "ge"), draw(st.integers(0, 4094)),
                "%s/%d" % (draw(ipv4(0xC0000201, 0xC00002FE)), draw(st.integers(8, 30))),
                draw(st.integers(0, 255)), draw(st.none() | st.integers(0, 255)),
                tuple(TrackedRoute(p, i or "default", draw(st.integers(1, 254))) for p, i in routes))
            vrrp[group.key] = group
    config = ChassisConfig(events, policies, sets, service_sets, iccp, options, conditions, vrrp)
    named = _referenced(config)
    instances = {n: RoutingInstance(n, draw(st.none() | st.just("virtual-router"))) for n in sorted(named)}
    return config.replace(routing_instances=instances)


def _referenced(config: ChassisConfig) -> set[str]:
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import _referenced_instances
    return _referenced_instances(config)


# ---------------------------------------------------------------- junk

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 300) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=25)

SRD_KEYS = ["name", "id", "link_down", "peer", "events", "action", "then", "policies", "redundancy_group",
            "keepalive", "hold_time", "prefix", "routing_instance", "service_sets", "iccp_address", "interfaces",
            "authentication_key", "redundancy_group_id_list", "address", "unit", "group", "track_routes",
            "priority_cost", "only_on", "process_routing", "add_signal_route", "chassis", "table"]

SRDISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 300) | st.sampled_from(
        ["acquire", "release-primary-role", "xe-0/0/1", "203.0.113.1/32", "192.0.2.1", "HA", "E1", "<*>", ""]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(SRD_KEYS), children,
                                                                      max_size=5),
    max_leaves=30)

XML_TAGS = ["configuration", "event-options", "redundancy-event", "name", "monitor", "link-down", "peer", "event",
            "process", "routing", "restart", "policy-options", "redundancy-policy", "redundancy-events", "then",
            "mship-actions", "add-static-route", "receive", "services", "redundancy-set", "rs-id-object",
            "redundancy-group", "keepalive", "service-set", "redundancy-set-id", "protocols", "iccp", "peer",
            "redundancy-group-id-list", "interfaces", "interface", "redundancy-options", "groups", "apply-groups",
            "condition", "if-route-exists", "address", "table", "unit", "family", "inet", "vrrp-group", "track",
            "route", "route_address", "routing-instance", "priority-cost", "routing-instances", "instance"]


@st.composite
def xml_trees(draw, depth: int = 0):
    tag = draw(st.sampled_from(XML_TAGS))
    attrs = draw(st.sampled_from([{}, {"inactive": "inactive"}, {"{urn:junos}changed": "x"}]))
    text = draw(st.none() | st.sampled_from(["1", "E", "<*>", "acquire-mastership", "xe-0/0/1", "abc", ""]))
    children = [] if depth > 4 else draw(st.lists(xml_trees(depth=depth + 1), max_size=4))
    return (tag, attrs, text, children)


def build_xml(tree):
    import xml.etree.ElementTree as ET
    tag, attrs, text, children = tree
    elem = ET.Element(tag, attrs)
    elem.text = text
    for child in children:
        elem.append(build_xml(child))
    return elem


# ---------------------------------------------------------------- any Python value (the Python API)

HASHABLE_LEAVES = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10 ** 30)
                   | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12) | st.binary(max_size=8)
                   | st.sampled_from(["name", "id", "E1", "P1", "primary", "xe-0/0/1", "192.0.2.1", "1"]))
HASHABLES = st.recursive(HASHABLE_LEAVES, lambda children: st.tuples(children, children) | st.frozensets(
    children, max_size=3), max_leaves=4)

PYTHON_VALUES = st.recursive(
    HASHABLE_LEAVES | st.just(float("nan")) | st.just(10 ** 400),
    lambda children: (st.lists(children, max_size=4) | st.tuples(children) | st.tuples(children, children)
                      | st.sets(HASHABLE_LEAVES, max_size=3) | st.frozensets(HASHABLES, max_size=3)
                      | st.dictionaries(HASHABLES, children, max_size=4)
                      | st.dictionaries(st.sampled_from(SRD_KEYS), children, max_size=4)),
    max_leaves=20)
"""Anything a Python caller could pass: tuples, sets, bytes, NaN, huge numbers, bool for int, nesting."""


def _nodes(data, path=()):
    """Every (path, value) of a dict/list/tuple structure, the top included."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _nodes(value, path + (key,))
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from _nodes(value, path + (index,))


def _replaced(data, path, new, as_key: bool):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        out = dict(data)
        if as_key and not rest:
            value = out.pop(head)
            try:
                out[new] = value
            except TypeError:           # an unhashable key: keep the value under the old key
                out[head] = value
            return out
        out[head] = _replaced(data[head], rest, new, as_key)
        return out
    out = list(data)
    out[head] = _replaced(data[head], rest, new, as_key)
    return tuple(out) if isinstance(data, tuple) else out


@st.composite
def mutations_of(draw, data, max_changes: int = 3):
    """``data`` with 1 to ``max_changes`` of its values (or keys) replaced by any Python value, and its
    lists sometimes turned into tuples: the shapes a Python caller gets wrong, deep inside real input."""
    for _ in range(draw(st.integers(1, max_changes))):
        nodes = list(_nodes(data))
        path, value = draw(st.sampled_from(nodes))
        if isinstance(value, list) and draw(st.booleans()):
            data = _replaced(data, path, tuple(value), False)
            continue
        as_key = bool(path) and isinstance(_at(data, path[:-1]), dict) and draw(st.booleans())
        data = _replaced(data, path, draw(HASHABLES if as_key else PYTHON_VALUES), as_key)
    return data


def _at(data, path):
    for part in path:
        data = data[part]
    return data
