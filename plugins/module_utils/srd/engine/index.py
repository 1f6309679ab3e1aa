# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Indexes over the two chassis' configurations that the engine looks things up in.

Why: a decision for 128 redundancy sets must take well under 10 ms, so "which policies react to
this event, in which order" is answered from a dict built once, not by scanning the model. The
order is fixed here (redundancy sets by ascending id, then the set's own policy order) so every
decision is deterministic whatever order the configuration dicts were filled in.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cached_property
from typing import Dict, FrozenSet, List, Mapping, NamedTuple, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    ChassisConfig,
    MastershipAction,
    PeerEvent,
    RedundancyPolicy,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import (
    RouteKey,
    instance_of_table,
    route_key,
)

__all__ = ["PolicyView", "ChassisIndex", "PairConfig", "compile_pair", "DEFAULT_VRRP_PRIORITY"]

DEFAULT_VRRP_PRIORITY = 100
"""Junos' VRRP priority when ``priority`` is not configured."""

_RELEASES = frozenset({MastershipAction.RELEASE, MastershipAction.RELEASE_FORCE, MastershipAction.RELEASE_IF_STANDBY_CLEAR})


class PolicyView(NamedTuple):
    """A redundancy policy as the engine needs it: its signal routes already normalized.

    This is the only place that reads the model's policy fields, so a rename in the model
    touches one function (``_policy_view``). A NamedTuple because a 128-set pair has over a
    thousand policies and building frozen dataclasses for them would dominate compile time.
    """

    name: str
    events: Tuple[str, ...]
    action: Optional[MastershipAction]
    add_route: Optional[RouteKey]
    delete_route: Optional[RouteKey]
    acquires: bool
    releases: bool


def _policy_view(policy: RedundancyPolicy) -> PolicyView:
    add, delete = policy.add_signal_route, policy.delete_signal_route
    action = policy.action
    if action is not None and not isinstance(action, MastershipAction):
        action = MastershipAction(action)
    return PolicyView(
        policy.name,
        tuple(policy.events),
        action,
        route_key(add.prefix, add.routing_instance) if add is not None else None,
        route_key(delete.prefix, delete.routing_instance) if delete is not None else None,
        action is MastershipAction.ACQUIRE,
        action in _RELEASES,
    )


Reaction = Tuple[int, PolicyView]


class VrrpView(NamedTuple):
    """A VRRP group reduced to what signal routes do to it."""

    key: tuple
    group: int
    priority: int
    tracks: Tuple[Tuple[RouteKey, int], ...]  # (signal route, priority-cost); other tracked routes omitted


class ConditionView(NamedTuple):
    """An ``if-route-exists`` condition on a signal route."""

    name: str
    route: RouteKey


class ChassisIndex:
    """One chassis' configuration, indexed lazily for the engine.

    Lazily, because a decision usually concerns one redundancy set: building views of all
    1 000+ policies of a 128-set pair up front would cost more than the decision itself.
    Every lookup is memoized, so the index is still a pure function of the configuration
    (which the engine, like the model's contract, treats as immutable).
    """

    def __init__(self, name: str, config: ChassisConfig) -> None:
        self.name = name
        self.config = config
        self.set_ids: FrozenSet[int] = frozenset(config.redundancy_sets)
        self.iccp_address: Optional[str] = config.local_iccp_address()
        self._views: Dict[str, PolicyView] = {}
        self._set_policies: Dict[int, Tuple[PolicyView, ...]] = {}
        self._reactions: Dict[str, Tuple[Reaction, ...]] = {}
        self._attached: Optional[FrozenSet[str]] = None
        self._signal_routes: Optional[FrozenSet[RouteKey]] = None
        self._vrrp: Optional[Tuple[VrrpView, ...]] = None
        self._conditions: Optional[Tuple[ConditionView, ...]] = None
        self._vrrp_by_route: Optional[Dict[RouteKey, Tuple[tuple, ...]]] = None
        self._conditions_by_route: Optional[Dict[RouteKey, Tuple[ConditionView, ...]]] = None
        self._vrrp_views: Dict[RouteKey, Tuple[VrrpView, ...]] = {}

    # -- policies and events ----------------------------------------------

    def _view(self, name: str) -> Optional[PolicyView]:
        view = self._views.get(name)
        if view is None:
            policy = self.config.redundancy_policies.get(name)
            if policy is None:
                return None
            view = self._views[name] = _policy_view(policy)
        return view

    def set_policies(self, set_id: int) -> Tuple[PolicyView, ...]:
        """The set's policies that exist, in the set's order."""
        found = self._set_policies.get(set_id)
        if found is None:
            rset = self.config.redundancy_sets.get(set_id)
            views = (self._view(p) for p in rset.policies) if rset is not None else ()
            found = self._set_policies[set_id] = tuple(v for v in views if v is not None)
        return found

    def reactions_for(self, event: str, set_id: Optional[int] = None) -> Tuple[Reaction, ...]:
        """(set id, policy) pairs an occurrence of ``event`` runs: sets by id, then the set's order."""
        if set_id is not None:
            return tuple((set_id, p) for p in self.set_policies(set_id) if event in p.events)
        found = self._reactions.get(event)
        if found is None:
            listing = {p.name for p in self.config.redundancy_policies.values() if event in p.events}
            out = []
            if listing:
                for sid in sorted(self.set_ids):
                    if listing.intersection(self.config.redundancy_sets[sid].policies):
                        out.extend((sid, p) for p in self.set_policies(sid) if p.name in listing)
            found = self._reactions[event] = tuple(out)
        return found

    def unattached_for(self, event: str) -> Tuple[str, ...]:
        """Policies that list ``event`` but that no redundancy set lists (they never run)."""
        if self._attached is None:
            self._attached = frozenset(p for rset in self.config.redundancy_sets.values() for p in rset.policies)
        return tuple(sorted(p.name for p in self.config.redundancy_policies.values()
                            if event in p.events and p.name not in self._attached))

    def acquire_routes(self, set_id: int) -> Tuple[RouteKey, ...]:
        """The set's signal routes: what its acquire policies add."""
        return tuple(p.add_route for p in self.set_policies(set_id) if p.acquires and p.add_route is not None)

    # -- route tracking ---------------------------------------------------

    @property
    def signal_routes(self) -> FrozenSet[RouteKey]:
        """Every route a policy adds or deletes (only these are srd's business)."""
        if self._signal_routes is None:
            raw = set()  # normalize each distinct (prefix, instance) once, not once per policy
            for policy in self.config.redundancy_policies.values():
                add, delete = policy.add_signal_route, policy.delete_signal_route
                if add is not None:
                    raw.add((add.prefix, add.routing_instance))
                if delete is not None:
                    raw.add((delete.prefix, delete.routing_instance))
            self._signal_routes = frozenset(route_key(p, ri) for p, ri in raw)
        return self._signal_routes

    @property
    def vrrp(self) -> Tuple[VrrpView, ...]:
        """VRRP groups that track at least one signal route (other tracked routes are left out)."""
        if self._vrrp is None:
            signal = self.signal_routes
            views = []
            for key in sorted(self.config.vrrp_groups, key=repr):
                group = self.config.vrrp_groups[key]
                tracks = tuple((rk, t.priority_cost) for t in group.track_routes
                               for rk in (route_key(t.prefix, t.routing_instance),) if rk in signal)
                if tracks:
                    priority = group.priority if group.priority is not None else DEFAULT_VRRP_PRIORITY
                    views.append(VrrpView(key, group.group, priority, tracks))
            self._vrrp = tuple(views)
        return self._vrrp

    @property
    def conditions(self) -> Tuple[ConditionView, ...]:
        """``if-route-exists`` conditions on signal routes, by name."""
        if self._conditions is None:
            signal = self.signal_routes
            views = []
            for cname in sorted(self.config.conditions):
                cond = self.config.conditions[cname]
                instance = instance_of_table(cond.table)
                if instance is None:
                    continue
                rk = route_key(cond.prefix, instance)
                if rk in signal:
                    views.append(ConditionView(cname, rk))
            self._conditions = tuple(views)
        return self._conditions

    def vrrp_for_route(self, route: RouteKey) -> Tuple[VrrpView, ...]:
        """VRRP groups that track ``route``, a signal route (one a policy just added or deleted).

        Answered from a route -> group index rather than from :attr:`vrrp`, so a decision on a
        128-set pair does not build views of every group; the set of all signal routes is only
        computed when a group also tracks some other route. Memoized per route (an audit asks
        thousands of times).
        """
        found_views = self._vrrp_views.get(route)
        if found_views is not None:
            return found_views
        if self._vrrp_by_route is None:
            found: Dict[RouteKey, List[tuple]] = {}
            for key, group in self.config.vrrp_groups.items():
                for track in group.track_routes:
                    found.setdefault(route_key(track.prefix, track.routing_instance), []).append(key)
            self._vrrp_by_route = {k: tuple(sorted(v, key=repr)) for k, v in found.items()}
        views = []
        for key in self._vrrp_by_route.get(route, ()):
            group = self.config.vrrp_groups[key]
            tracks = tuple((route_key(t.prefix, t.routing_instance), t.priority_cost) for t in group.track_routes)
            if any(rk != route for rk, unused in tracks):
                tracks = tuple((rk, c) for rk, c in tracks if rk == route or rk in self.signal_routes)
            priority = group.priority if group.priority is not None else DEFAULT_VRRP_PRIORITY
            views.append(VrrpView(key, group.group, priority, tracks))
        found_views = self._vrrp_views[route] = tuple(views)
        return found_views

    def conditions_for_route(self, route: RouteKey) -> Tuple[ConditionView, ...]:
        """``if-route-exists`` conditions on ``route`` (a signal route), by name."""
        if self._conditions_by_route is None:
            found: Dict[RouteKey, List[ConditionView]] = {}
            for cname in sorted(self.config.conditions):
                cond = self.config.conditions[cname]
                instance = instance_of_table(cond.table)
                if instance is not None:
                    rk = route_key(cond.prefix, instance)
                    found.setdefault(rk, []).append(ConditionView(cname, rk))
            self._conditions_by_route = {k: tuple(v) for k, v in found.items()}
        return self._conditions_by_route.get(route, ())

    def policies_for_peer_message(self, set_id: int, message: PeerEvent) -> Tuple[Tuple[str, PolicyView], ...]:
        """(event, policy) for each policy of the set that lists an event monitoring ``message``.

        In the set's policy order (R15); looks only at the set's own events, not all 1 000+.
        """
        events = self.config.redundancy_events
        out = []
        for policy in self.set_policies(set_id):
            for name in policy.events:
                event = events.get(name)
                if event is not None and event.peer is not None and PeerEvent(event.peer) is message:
                    out.append((name, policy))
                    break
        return tuple(out)


@dataclass(frozen=True)
class PairConfig:
    """Both chassis, indexed; ``gateway`` maps each chassis to 1 or 2 (None if undecidable)."""

    chassis: Mapping[str, ChassisIndex]
    gateway: Optional[Mapping[str, int]]

    @cached_property
    def names(self) -> Tuple[str, str]:
        """The two chassis, sorted (computed once: every step of a decision asks)."""
        a, b = sorted(self.chassis)
        return a, b

    def peer_of(self, name: str) -> str:
        a, b = self.names
        return b if name == a else a


def _gateways(chassis: Mapping[str, ChassisIndex]) -> Optional[Dict[str, int]]:
    """Gateway 1 is the chassis with the lower ICCP local IPv4 address (seed)."""
    addrs = {}
    for name, idx in chassis.items():
        try:
            addrs[name] = ipaddress.IPv4Address(str(idx.iccp_address).split("/", maxsplit=1)[0])
        except ValueError:
            return None
    a, b = sorted(addrs)
    if addrs[a] == addrs[b]:
        return None
    low, high = (a, b) if addrs[a] < addrs[b] else (b, a)
    return {low: 1, high: 2}


def compile_pair(configs: Mapping[str, ChassisConfig]) -> PairConfig:
    """Index a pair's two configurations (keyed by chassis name) once for many decisions."""
    if isinstance(configs, PairConfig):
        return configs
    if len(configs) != 2:
        raise ValueError("an SRD pair has exactly two chassis, got %d: %s" % (len(configs), sorted(configs)))
    chassis = {name: ChassisIndex(name, cfg) for name, cfg in configs.items()}
    return PairConfig(chassis=chassis, gateway=_gateways(chassis))
