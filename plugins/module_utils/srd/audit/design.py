# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A pair's design as the audit needs it: independent components and what each failure touches.

Why components: redundancy sets are independent (seed: "not all redundancy sets have to be active
on the same gateway"), and the engine acts on one set at a time, except where the configuration
ties sets together: an event or a policy listed for two sets, a signal route two sets' policies
add or delete, a VRRP group tracking the routes of two sets. Sets tied that way form one
component; every other set is a component of its own, compiled as a small pair of its own. A
failure then costs one small decision per component it reaches instead of one large one, and two
failures that reach different components cannot change each other's outcome (depth 2 evaluates
only the pairs that meet in a component; ``tests/unit/audit`` checks this against the whole pair).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Mapping, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import (
    DEFAULT_VRRP_PRIORITY, PairConfig, VrrpView, compile_pair,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import RouteKey, instance_of_table, route_key
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import ChassisConfig, interface_key

__all__ = ["Component", "Design", "VrrpPair", "physical", "card_of"]

_CARD = re.compile(r"^[a-z]+-(\d+)/(\d+)/\d+$")


def physical(interface: str) -> str:
    """``xe-0/0/1.0`` -> ``xe-0/0/1``: a link goes down as a physical interface."""
    return interface.split(".", 1)[0]


def card_of(interface: str) -> Optional[Tuple[int, int]]:
    """(FPC, PIC) when the name tells (``type-F/P/N``), else None (``ae0``, ``lo0`` ...)."""
    match = _CARD.match(physical(interface))
    return (int(match.group(1)), int(match.group(2))) if match else None


@dataclass(frozen=True)
class VrrpPair:
    """One VRRP group number as both chassis run it, and the sets whose signal routes it tracks."""

    group: int
    views: Mapping[str, VrrpView]
    set_ids: Tuple[int, ...]
    routes: FrozenSet[RouteKey]
    interfaces: FrozenSet[Tuple[str, str]]    # (chassis, physical interface) the group runs on


@dataclass(frozen=True)
class Component:
    """Sets the configuration ties together, compiled as a pair of their own."""

    index: int
    set_ids: Tuple[int, ...]
    pair: PairConfig
    routes: FrozenSet[RouteKey]                              # signal routes of these sets, both chassis
    monitored: Mapping[str, FrozenSet[str]]                  # chassis -> physical interfaces watched
    set_monitored: Mapping[Tuple[str, int], FrozenSet[str]]  # (chassis, set) -> physical interfaces
    route_sets: Mapping[RouteKey, Tuple[int, ...]]           # a set's route: what its acquire policies add
    vrrp: Tuple[VrrpPair, ...]
    events: Mapping[str, FrozenSet[str]]                     # chassis -> events its policies list


class _Union:
    def __init__(self, items) -> None:
        self.parent = {i: i for i in items}

    def find(self, item):
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, items) -> None:
        items = list(items)
        for other in items[1:]:
            a, b = self.find(items[0]), self.find(other)
            if a != b:
                self.parent[max(a, b)] = min(a, b)


def _policy_routes(policy) -> List[RouteKey]:
    out = []
    for route in (policy.add_signal_route, policy.delete_signal_route):
        if route is not None:
            out.append(route_key(route.prefix, route.routing_instance))
    return out


class Design:
    """The pair, its components, and per chassis what a link, a card or rpd failing fires."""

    def __init__(self, configs: Mapping[str, ChassisConfig], split: bool = True) -> None:
        """``split=False`` keeps the whole pair as one component (the reference the split is tested against)."""
        self.split = split
        self.pair = compile_pair(configs)
        self.configs = {name: self.pair.chassis[name].config for name in self.pair.names}
        self.names = self.pair.names
        self.gateway = self.pair.gateway
        self.set_ids: Tuple[int, ...] = tuple(sorted(set().union(*(self.pair.chassis[n].set_ids for n in self.names))))
        self.components = self._components()
        self.component_of: Dict[int, Component] = {s: c for c in self.components for s in c.set_ids}
        self.event_component: Dict[Tuple[str, str], int] = {
            (name, event): c.index for c in self.components for name in self.names for event in c.events[name]}
        self.watchers: Dict[Tuple[str, str], Tuple[int, ...]] = {}
        for c in self.components:
            for name in self.names:
                for iface in c.monitored[name]:
                    self.watchers[(name, iface)] = self.watchers.get((name, iface), ()) + (c.index,)

    # -- components ----------------------------------------------------------------------------

    def _components(self) -> Tuple[Component, ...]:
        union = _Union(self.set_ids)
        for name in self.names:
            cfg = self.configs[name]
            by_event: Dict[str, List[int]] = {}
            by_policy: Dict[str, List[int]] = {}
            by_route: Dict[RouteKey, List[int]] = {}
            for sid, rset in cfg.redundancy_sets.items():
                for pname in rset.policies:
                    by_policy.setdefault(pname, []).append(sid)
                    policy = cfg.redundancy_policies.get(pname)
                    if policy is None:
                        continue
                    for event in policy.events:
                        by_event.setdefault(event, []).append(sid)
                    for rk in _policy_routes(policy):
                        by_route.setdefault(rk, []).append(sid)
            for group in list(by_event.values()) + list(by_policy.values()) + list(by_route.values()):
                union.join(group)
            by_link: Dict[str, List[int]] = {}
            for event, sids in by_event.items():
                ev = cfg.redundancy_events.get(event)
                for iface in (ev.link_down if ev is not None else ()):
                    by_link.setdefault(physical(iface), []).extend(sids)
            for vrrp in cfg.vrrp_groups.values():
                owners = [sid for t in vrrp.track_routes
                          for sid in by_route.get(route_key(t.prefix, t.routing_instance), ())]
                if owners:   # a group whose interface another set watches goes down with that set's link
                    union.join(owners + by_link.get(physical(vrrp.interface), []))
        if not self.split:
            union.join(self.set_ids)
        members: Dict[int, List[int]] = {}
        for sid in self.set_ids:
            members.setdefault(union.find(sid), []).append(sid)
        lookups = {name: self._lookups(name) for name in self.names}
        return tuple(self._component(index, tuple(sorted(group)), lookups)
                     for index, group in enumerate(sorted(members.values())))

    def _lookups(self, name: str) -> dict:
        """Per chassis, built once: configuration order, and route -> VRRP groups and conditions."""
        cfg = self.configs[name]
        vrrp: Dict[RouteKey, List] = {}
        for key, group in cfg.vrrp_groups.items():
            for t in group.track_routes:
                vrrp.setdefault(route_key(t.prefix, t.routing_instance), []).append(key)
        conds: Dict[RouteKey, List[str]] = {}
        for cname, cond in cfg.conditions.items():
            instance = instance_of_table(cond.table)
            if instance is not None:
                conds.setdefault(route_key(cond.prefix, instance), []).append(cname)
        return {"policy": {k: i for i, k in enumerate(cfg.redundancy_policies)},
                "event": {k: i for i, k in enumerate(cfg.redundancy_events)},
                "vrrp": vrrp, "conds": conds, "vrrp_order": {k: i for i, k in enumerate(cfg.vrrp_groups)},
                "cond_order": {k: i for i, k in enumerate(cfg.conditions)}}

    def _component(self, index: int, set_ids: Tuple[int, ...], lookups: Mapping[str, dict]) -> Component:
        configs, routes, monitored, set_monitored, events = {}, set(), {}, {}, {}
        for name in self.names:
            cfg, order = self.configs[name], lookups[name]
            sets = {sid: cfg.redundancy_sets[sid] for sid in set_ids if sid in cfg.redundancy_sets}
            policy_names = sorted({p for rset in sets.values() for p in rset.policies if p in order["policy"]},
                                  key=order["policy"].get)
            policies = {k: cfg.redundancy_policies[k] for k in policy_names}
            event_names = sorted({e for p in policies.values() for e in p.events if e in order["event"]},
                                 key=order["event"].get)
            evs = {k: cfg.redundancy_events[k] for k in event_names}
            for policy in policies.values():
                routes.update(_policy_routes(policy))
            configs[name] = (sets, policies, evs)
            events[name] = frozenset(evs)
            watched = set()
            for sid, rset in sets.items():
                ifaces = {physical(i) for p in rset.policies if p in policies
                          for e in policies[p].events if e in evs for i in evs[e].link_down}
                set_monitored[(name, sid)] = frozenset(ifaces)
                watched |= ifaces
            monitored[name] = frozenset(watched)
        built = {}
        for name in self.names:
            cfg, order = self.configs[name], lookups[name]
            sets, policies, evs = configs[name]
            vkeys = sorted({k for rk in routes for k in order["vrrp"].get(rk, ())}, key=order["vrrp_order"].get)
            cnames = sorted({c for rk in routes for c in order["conds"].get(rk, ())}, key=order["cond_order"].get)
            built[name] = ChassisConfig(redundancy_events=evs, redundancy_policies=policies, redundancy_sets=sets,
                                        iccp=cfg.iccp, conditions={c: cfg.conditions[c] for c in cnames},
                                        vrrp_groups={k: cfg.vrrp_groups[k] for k in vkeys})
        pair = compile_pair(built)
        route_sets: Dict[RouteKey, List[int]] = {}
        for name in self.names:
            for sid in sorted(pair.chassis[name].set_ids):
                for rk in pair.chassis[name].acquire_routes(sid):
                    if sid not in route_sets.setdefault(rk, []):
                        route_sets[rk].append(sid)
        frozen_routes = {rk: tuple(sorted(v)) for rk, v in route_sets.items()}
        return Component(index, set_ids, pair, frozenset(routes), monitored, set_monitored, frozen_routes,
                         _vrrp_pairs(pair, frozen_routes), events)

    # -- what fails ------------------------------------------------------------------------------

    def links(self, name: str) -> List[str]:
        """Physical interfaces any redundancy event of the chassis monitors, in Junos order."""
        found = {physical(i) for e in self.configs[name].redundancy_events.values() for i in e.link_down}
        return sorted(found, key=interface_key)

    def cards(self, name: str) -> List[Tuple[str, Tuple[int, ...], Tuple[str, ...]]]:
        """(kind, card, interfaces) for each PIC and FPC that carries more than a single link failure.

        A PIC with one monitored interface fails as that link does, and an FPC with one such PIC as the
        PIC does, so those are left out; the card is what the interface name tells (``xe-F/P/N``).
        """
        pics: Dict[Tuple[int, int], List[str]] = {}
        for iface in self.links(name):
            card = card_of(iface)
            if card is not None:
                pics.setdefault(card, []).append(iface)
        out = []
        for (fpc, pic), ifaces in sorted(pics.items()):
            if len(ifaces) > 1:
                out.append(("pic", (fpc, pic), tuple(ifaces)))
        fpcs: Dict[int, List[Tuple[int, int]]] = {}
        for card in pics:
            fpcs.setdefault(card[0], []).append(card)
        for fpc, cards in sorted(fpcs.items()):
            if len(cards) > 1:
                out.append(("fpc", (fpc,), tuple(i for c in sorted(cards) for i in pics[c])))
        return out

    def rpd_events(self, name: str, how: str) -> Tuple[str, ...]:
        """Events that monitor ``process routing restart`` (how='restart') or ``abort``, in config order."""
        attr = "process_routing_restart" if how == "restart" else "process_routing_abort"
        return tuple(k for k, e in self.configs[name].redundancy_events.items() if getattr(e, attr))

    def link_events(self, component: Component, name: str, interfaces) -> Tuple[str, ...]:
        """The component's events on ``name`` that a failure of ``interfaces`` fires, in config order."""
        down = set(interfaces)
        cfg = component.pair.chassis[name].config
        return tuple(k for k, e in cfg.redundancy_events.items() if any(physical(m) in down for m in e.link_down))

    def set_events(self, name: str, set_id: int) -> List[Tuple[str, Optional[str]]]:
        """(event, peer message or None) for each event of the set's acquire and release policies.

        These are the events a request (``trigger redundancy-event E``) acts on for the set (J3).
        """
        idx = self.pair.chassis[name]
        out, seen = [], set()
        for policy in idx.set_policies(set_id):
            if not (policy.acquires or policy.releases):
                continue
            for event in policy.events:
                if event in seen:
                    continue
                seen.add(event)
                ev = idx.config.redundancy_events.get(event)
                out.append((event, str(ev.peer) if ev is not None and ev.peer is not None else None))
        return out


def _vrrp_pairs(pair: PairConfig, route_sets: Mapping[RouteKey, Tuple[int, ...]]) -> Tuple[VrrpPair, ...]:
    """VRRP groups matched across the chassis by group number (a VRRP group is one LAN's election).

    A group that tracks a route no policy of its own chassis adds or deletes keeps its configured
    priority: the engine takes such a tracked route as present (docs/srd-semantics.md section 4).
    """
    found: Dict[int, Dict[str, VrrpView]] = {}
    for name in pair.names:
        idx = pair.chassis[name]
        views = {v.key: v for v in idx.vrrp}
        for key in sorted(idx.config.vrrp_groups, key=repr):
            group = idx.config.vrrp_groups[key]
            view = views.get(key) or VrrpView(key, group.group, group.priority if group.priority is not None
                                              else DEFAULT_VRRP_PRIORITY, ())
            found.setdefault(view.group, {}).setdefault(name, view)
    out = []
    for group, views in sorted(found.items()):
        routes = frozenset(route_key(t.prefix, t.routing_instance) for name, v in views.items()
                           for t in pair.chassis[name].config.vrrp_groups[v.key].track_routes)
        sets = tuple(sorted({sid for rk in routes for sid in route_sets.get(rk, ())}))
        out.append(VrrpPair(group, views, sets, routes,
                            frozenset((name, physical(str(v.key[0]))) for name, v in views.items())))
    return tuple(out)
