# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a pair state means outside srd: VRRP priority, route advertisement, sync roles.

Why separate from the state machine: these are pure functions of (configuration, state), so
callers can also evaluate a live state they read from the devices, not only a decision's result.
Seed: "Resulting route changes cause: The routing policy connected to this route to advertise
routes differently. VRRP to change advertised priorities." and "The order of routing priorities
must match the order of services primary role."
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import PairConfig
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import PairState, RoleState, RouteKey

__all__ = [
    "VrrpPriority", "Advertisement", "SyncRoles", "Mismatch",
    "vrrp_effective", "vrrp_priorities", "advertisements", "sync_roles", "order_mismatches",
]


@dataclass(frozen=True)
class VrrpPriority:
    """Effective priority of one VRRP group: configured priority minus the priority-cost of
    every tracked signal route that is absent (floored at 0)."""

    chassis: str
    group: int
    key: tuple
    configured: int
    effective: int
    missing_routes: Tuple[RouteKey, ...]

    def to_dict(self) -> dict:
        return {"chassis": self.chassis, "group": self.group, "key": list(self.key),
                "configured": self.configured, "effective": self.effective,
                "missing_routes": ["%s (%s)" % r for r in self.missing_routes]}


@dataclass(frozen=True)
class Advertisement:
    """An ``if-route-exists`` condition on a signal route: export terms gated by it advertise
    only where it is true."""

    chassis: str
    condition: str
    route: RouteKey
    advertises: bool

    def to_dict(self) -> dict:
        return {"chassis": self.chassis, "condition": self.condition,
                "route": "%s (%s)" % self.route, "advertises": self.advertises}


@dataclass(frozen=True)
class SyncRoles:
    """Stateful synchronization of one set: the primary is the source, the other the target."""

    redundancy_set: int
    source: Optional[str]
    target: Optional[str]

    def to_dict(self) -> dict:
        return {"redundancy_set": self.redundancy_set, "source": self.source, "target": self.target}


@dataclass(frozen=True)
class Mismatch:
    """A signal route of a set's acquire policy that disagrees with the chassis' role."""

    chassis: str
    redundancy_set: int
    route: RouteKey
    role: Optional[RoleState]
    present: bool

    @property
    def text(self) -> str:
        if self.present:
            return ("%s is %s for set %d but its signal route %s (%s) is present: its routing priority is that of a primary"
                    % (self.chassis, self.role, self.redundancy_set, self.route[0], self.route[1]))
        return ("%s is primary for set %d but its signal route %s (%s) is absent: its routing priority is that of a standby"
                % (self.chassis, self.redundancy_set, self.route[0], self.route[1]))


def vrrp_effective(view, present) -> int:
    """Configured priority minus the cost of every absent tracked signal route, floored at 0."""
    cost = 0
    for rk, c in view.tracks:
        if rk not in present:
            cost += c
    return max(view.priority - cost, 0)


def vrrp_priorities(pair: PairConfig, state: PairState) -> Dict[Tuple[str, tuple], VrrpPriority]:
    """Every VRRP group that tracks a signal route, keyed by (chassis, group key)."""
    out = {}
    for name in pair.names:
        present = state[name].signal_routes
        for view in pair.chassis[name].vrrp:
            out[(name, view.key)] = VrrpPriority(
                chassis=name, group=view.group, key=view.key, configured=view.priority,
                effective=vrrp_effective(view, present),
                missing_routes=tuple(rk for rk, unused in view.tracks if rk not in present))
    return out


def advertisements(pair: PairConfig, state: PairState) -> Dict[Tuple[str, str], Advertisement]:
    """Every condition on a signal route, keyed by (chassis, condition name)."""
    out = {}
    for name in pair.names:
        present = state[name].signal_routes
        for cond in pair.chassis[name].conditions:
            out[(name, cond.name)] = Advertisement(
                chassis=name, condition=cond.name, route=cond.route, advertises=cond.route in present)
    return out


def sync_roles(pair: PairConfig, state: PairState, set_id: int) -> SyncRoles:
    """Source = the primary of the set; target = the other chassis if it has the set."""
    primary = state.primary_of(set_id)
    if primary is None:
        return SyncRoles(set_id, None, None)
    peer = pair.peer_of(primary)
    target = peer if state[peer].role(set_id) is not None else None
    return SyncRoles(set_id, primary, target)


def order_mismatches(pair: PairConfig, state: PairState, set_ids=None) -> List[Mismatch]:
    """Where a set's signal route (what its acquire policies add) is present on a non-primary or
    absent on the primary: the routing priorities then do not follow the primary role (S13)."""
    out = []
    for name in pair.names:
        idx = pair.chassis[name]
        peer = pair.chassis[pair.peer_of(name)]
        cs = state[name]
        for set_id in sorted(idx.set_ids if set_ids is None else set(set_ids) & idx.set_ids):
            role = cs.role(set_id)
            if role is None:
                continue
            primary = role is RoleState.PRIMARY
            # The set's signal route is what its acquire policies add; if this chassis has no
            # acquire policy for the set (a one-sided config), the peer's tells which route it is.
            for rk in idx.acquire_routes(set_id) or peer.acquire_routes(set_id):
                present = rk in cs.signal_routes
                if present != primary:
                    out.append(Mismatch(name, set_id, rk, role, present))
    return out
