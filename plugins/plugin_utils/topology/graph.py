# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A pair's redundancy topology as a small graph, built from the pair intent (and live roles).

Why a graph of its own: the two renderers (Mermaid text, SVG) must draw exactly the same
picture, so what is shown (nodes, their lines, which set is primary where) is decided here
once, and the renderers only lay it out.

The picture follows the direction SRD acts in: redundancy events -> redundancy policies ->
redundancy sets -> redundancy groups (ICCP between the two chassis) and the service sets each
set protects.  Names are the intent's, interface aliases unresolved, because one picture
stands for both chassis.  Nothing here validates: run ``mxha.srd.validate`` for that.
"""

from __future__ import annotations

from dataclasses import dataclass

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import RoleState, state_from_device
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import type_name

__all__ = ["Node", "Edge", "Column", "Topology", "TopologyError", "build", "roles_from_state"]

# Node classes the renderers style.  "primary": exactly one chassis is primary for the set;
# "alert": the state shows no primary or two (split brain); "missing": named but not defined.
PLAIN, PRIMARY, ALERT, MISSING = "plain", "primary", "alert", "missing"


class TopologyError(ValueError):
    """The intent or the state cannot be drawn (a sentence for the user)."""


@dataclass(frozen=True)
class Node:
    id: str                      # safe in Mermaid and SVG ids: [a-z0-9_]
    title: str                   # the Junos name (or "redundancy-set 1")
    lines: tuple[str, ...] = ()  # details under the title
    css: str = PLAIN


@dataclass(frozen=True)
class Edge:
    source: str
    target: str


@dataclass(frozen=True)
class Column:
    key: str        # events | policies | sets | groups | service_sets
    title: str
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Topology:
    name: str | None
    chassis: tuple[Node, ...]    # the two chassis: gateway, ICCP address, sets they are primary for
    columns: tuple[Column, ...]
    edges: tuple[Edge, ...]      # event -> policy -> set -> group / service set
    iccp: tuple[Edge, ...]       # group -> chassis: the ICCP peering each group runs over
    has_state: bool

    def node(self, node_id: str) -> Node | None:
        for column in self.columns:
            for node in column.nodes:
                if node.id == node_id:
                    return node
        return next((node for node in self.chassis if node.id == node_id), None)


# ------------------------------------------------------------------ state


def _role(value, where: str) -> str:
    """A role as the engine names it (primary, standby, wait, warned); device texts accepted."""
    if isinstance(value, dict):
        for key in ("role", "state", "local_rs_state"):
            if key in value:
                return _role(value[key], where)
        raise TopologyError("%s: expected a role (primary, standby ...) or a mapping with role." % where)
    text = str(value).strip()
    try:
        return str(RoleState(text.lower()))
    except ValueError:
        pass
    try:
        return str(state_from_device(text))
    except ValueError:
        return text  # shown as it is, never guessed into primary/standby


def _set_id(key, where: str) -> int:
    try:
        return int(str(key).strip())
    except ValueError:
        raise TopologyError("%s: %r is not a redundancy-set id." % (where, key)) from None


def roles_from_state(state, hostnames: list[str]) -> dict[str, dict[int, str]]:
    """``{hostname: {set id: role}}`` from the redundancy_state / simulate shape.

    Accepted: ``{hostname: {redundancy_sets: {id: role}}}`` (also ``roles:`` instead of
    ``redundancy_sets:``, as the engine's ChassisState prints), optionally wrapped in
    ``{chassis: ...}`` or ``{state: ...}``.  A role is a string or ``{role: ...}``.
    """
    if state is None:
        return {}
    if not isinstance(state, dict):
        raise TopologyError("state must be a mapping {hostname: {redundancy_sets: {id: role}}}, got %s."
                            % type_name(state))
    while len(state) == 1:
        (key, inner), = state.items()
        if key in ("chassis", "state") and key not in hostnames and isinstance(inner, dict):
            state = inner
        else:
            break
    roles: dict[str, dict[int, str]] = {}
    for hostname, per_chassis in state.items():
        where = "state.%s" % hostname
        if hostname not in hostnames:
            raise TopologyError("%s: %r is not a chassis of the pair intent (%s)."
                                % (where, hostname, ", ".join(hostnames) or "none"))
        if not isinstance(per_chassis, dict):
            raise TopologyError("%s: expected a mapping with redundancy_sets." % where)
        sets = per_chassis.get("redundancy_sets", per_chassis.get("roles"))
        if sets is None:
            raise TopologyError("%s: expected redundancy_sets: {id: role}." % where)
        if not isinstance(sets, dict):
            raise TopologyError("%s.redundancy_sets: expected a mapping {id: role}." % where)
        roles[hostname] = {_set_id(key, where): _role(value, "%s.redundancy_sets.%s" % (where, key))
                           for key, value in sets.items()}
    return roles


# ------------------------------------------------------------------ labels


def _only_on(only) -> list[str]:
    return ["only on %s" % ", ".join(sorted(only))] if only is not None else []


def _event_lines(event, only) -> tuple[str, ...]:
    lines = []
    if event.link_down:
        lines.append("link-down " + ", ".join(event.link_down))
    process = [word for word, on in (("restart", event.process_routing_restart),
                                     ("abort", event.process_routing_abort)) if on]
    if process:
        lines.append("routing process " + ", ".join(process))
    if event.peer is not None:
        lines.append("peer " + str(event.peer))
    if not lines:
        lines.append("manual trigger only")
    return tuple(lines + _only_on(only))


def _policy_lines(policy, only) -> tuple[str, ...]:
    lines = [str(policy.action) if policy.action is not None else "no action"]
    add, delete = policy.add_signal_route, policy.delete_signal_route
    if add is not None:
        how = "receive" if add.receive else "next-hop " + str(add.next_hop)
        lines.append("add signal route %s %s%s" % (add.prefix, how, _in(add.routing_instance)))
    if delete is not None:
        lines.append("delete signal route %s%s" % (delete.prefix, _in(delete.routing_instance)))
    return tuple(lines + _only_on(only))


def _in(instance) -> str:
    return " in %s" % instance if instance else ""


def _set_roles(set_id: int, hostnames: list[str], roles: dict[str, dict[int, str]]) -> tuple[list[str], str]:
    """Lines naming each chassis' role in the set (primary first), and the class that highlights it."""
    if not roles:
        return [], PLAIN
    by_role: dict[str, list[str]] = {}
    for name in hostnames:
        by_role.setdefault(roles.get(name, {}).get(set_id) or "unknown", []).append(name)
    primary = str(RoleState.PRIMARY)
    order = [primary] + [str(state) for state in RoleState if state is not RoleState.PRIMARY]
    ranked = sorted(by_role, key=lambda role: (order.index(role) if role in order else len(order), role))
    lines = ["%s: %s" % (role, ", ".join(by_role[role])) for role in ranked]
    count = len(by_role.get(primary, []))
    if count == 1:
        return lines, PRIMARY
    return ["no primary" if not count else "split brain"] + lines, ALERT


# ------------------------------------------------------------------ build


def _without_secrets(data):
    """The ICCP key is never drawn: leave it out so a vaulted key is not even decrypted."""
    if isinstance(data, dict) and isinstance(data.get("iccp"), dict) and "authentication_key" in data["iccp"]:
        data = dict(data)
        data["iccp"] = {key: value for key, value in data["iccp"].items() if key != "authentication_key"}
    return data


def build(data, state=None) -> Topology:
    """The topology of a pair intent (a mapping), with each set's roles when ``state`` is given."""
    if not isinstance(data, dict):
        raise TopologyError("a pair intent is a mapping (chassis, redundancy_events, ...), got %s."
                            % type_name(data))
    data = _without_secrets(data)
    name, chassis, shared, _issues = intent_mod.read(data)
    hostnames = [item.hostname for item in chassis]
    roles = roles_from_state(state, hostnames)
    gateway = {item.hostname: item.number for item in intent_mod.load(data).gateways}
    address = {item.hostname: item.iccp_address for item in chassis}

    ids: dict[tuple[str, object], str] = {}
    counts: dict[str, int] = {}
    missing: dict[str, list[Node]] = {"events": [], "policies": []}

    def node_id(kind: str, key) -> str:
        """Generated ids (ev1, pol2 ...): Junos names may hold characters Mermaid ids may not."""
        if (kind, key) not in ids:
            counts[kind] = counts.get(kind, 0) + 1
            ids[(kind, key)] = "%s%d" % (kind, counts[kind])
        return ids[(kind, key)]

    def ref(kind: str, column: str, key: str, defined: set) -> str:
        """Id of a named entry; a name nothing defines gets a 'missing' node so the edge still shows."""
        if key not in defined and (kind, key) not in ids:
            missing[column].append(Node(node_id(kind, key), key, ("not defined",), MISSING))
        return node_id(kind, key)

    # Order each column so edges cross as little as possible: sets by id, then their policies
    # in the set's order, then those policies' events; anything unattached comes last.
    sets = sorted(shared.sets, key=lambda item: item.id)
    policies = {policy.name: (policy, only) for policy, only in shared.policies}
    events = {event.name: (event, only) for event, only in shared.events}
    policy_order = _ordered([name for rset in sets for name in rset.policies if name in policies], policies)
    event_order = _ordered([name for pol in policy_order for name in policies[pol][0].events if name in events], events)

    edges: list[Edge] = []
    for pol in policy_order:
        for ev in policies[pol][0].events:
            edges.append(Edge(ref("ev", "events", ev, set(events)), node_id("pol", pol)))
    set_nodes, group_nodes, service_nodes = [], [], []
    groups: set[int] = set()
    bindings = sorted(shared.bindings.values(), key=lambda item: (item.redundancy_set_id, item.name))
    for rset in sets:
        lines, css = _set_roles(rset.id, hostnames, roles)
        set_nodes.append(Node(node_id("rs", rset.id), "redundancy-set %d" % rset.id, tuple(lines), css))
        for pol in rset.policies:
            edges.append(Edge(ref("pol", "policies", pol, set(policies)), node_id("rs", rset.id)))
        if rset.redundancy_group is not None:
            groups.add(rset.redundancy_group)
            edges.append(Edge(node_id("rs", rset.id), node_id("rg", rset.redundancy_group)))
        for binding in bindings:
            if binding.redundancy_set_id == rset.id:
                edges.append(Edge(node_id("rs", rset.id), node_id("ss", binding.name)))
    peering = " \u2194 ".join(str(address[name]) for name in hostnames if address.get(name))
    for group in sorted(groups):
        group_nodes.append(Node(node_id("rg", group), "redundancy-group %d" % group,
                                ("ICCP " + peering,) if peering else ()))
    set_css = {node.id: (node.css, node.lines) for node in set_nodes}
    for binding in bindings:
        css, lines = set_css.get(node_id("rs", binding.redundancy_set_id), (PLAIN, ()))
        active = tuple("active on " + line[len("primary: "):] for line in lines[:1] if css == PRIMARY)
        service_nodes.append(Node(node_id("ss", binding.name), binding.name, active, css if css != ALERT else PLAIN))

    columns = (
        Column("events", "Redundancy events", tuple(
            Node(node_id("ev", ev), ev, _event_lines(*events[ev])) for ev in event_order) + tuple(missing["events"])),
        Column("policies", "Redundancy policies", tuple(
            Node(node_id("pol", pol), pol, _policy_lines(*policies[pol])) for pol in policy_order)
            + tuple(missing["policies"])),
        Column("sets", "Redundancy sets", tuple(set_nodes)),
        Column("groups", "Redundancy groups (ICCP)", tuple(group_nodes)),
        Column("service_sets", "Service sets", tuple(service_nodes)),
    )
    known = {rset.id for rset in sets}   # a state may name sets this intent does not have
    chassis_nodes = tuple(_chassis_node(node_id("ch", name), name, gateway.get(name), address.get(name),
                                        {k: v for k, v in roles.get(name, {}).items() if k in known})
                          for name in hostnames)
    iccp = tuple(Edge(group.id, node.id) for group in group_nodes for node in chassis_nodes)
    return Topology(name if isinstance(name, str) else None, chassis_nodes, columns, tuple(edges), iccp, bool(roles))


def _chassis_node(node_id: str, name: str, gateway, address, roles) -> Node:
    """A chassis: gateway number, ICCP address and, from the state, the sets it is primary for."""
    lines = ["gateway %d" % gateway] if gateway else []
    lines.append("ICCP %s" % address if address else "no ICCP address")
    primary_for = sorted(set_id for set_id, role in (roles or {}).items() if role == str(RoleState.PRIMARY))
    if primary_for:
        lines.append("primary for %s %s" % ("set" if len(primary_for) == 1 else "sets",
                                            ", ".join(str(set_id) for set_id in primary_for)))
    return Node(node_id, name, tuple(lines), PRIMARY if primary_for else PLAIN)


def _ordered(attached: list[str], defined: dict) -> list[str]:
    """Attached names first (first mention wins), then the unattached ones in intent order."""
    seen: dict[str, None] = {}
    for name in attached + list(defined):
        seen.setdefault(name, None)
    return list(seen)
