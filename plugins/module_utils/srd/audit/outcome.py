# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a chain of failures did to one component: per set, routes, VRRP, advertisement, sync.

Why apart from the checks: this is the prediction (what the reports show and the truth tests
compare with the emulator); ``findings`` only judges it.

A set's outcome, worst first:
- ``lost``: no chassis, or both, primary afterwards (S5);
- ``flaps``: one failure moved its primary role more than once (switched and switched back);
- ``switches``: its primary role moved to the other chassis;
- ``refused``: srd refused an action for it and the role stayed where it was;
- ``stays``: the role stayed, nothing refused.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.apply import Applied, World
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.design import Component, VrrpPair, physical
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import SyncRoles, sync_roles, vrrp_effective
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import PairState, RoleState, RouteKey

__all__ = ["OUTCOMES", "SetOutcome", "VrrpOutcome", "Advert", "Part", "evaluate", "primaries", "vrrp_winner",
           "route_text"]

_PRIMARY = RoleState.PRIMARY
OUTCOMES = ("lost", "flaps", "switches", "refused", "stays")


def route_text(route: RouteKey) -> str:
    return "%s (%s)" % route


def primaries(state: PairState, set_id: int, names: Sequence[str] = ()) -> List[str]:
    """The chassis primary for the set (``names``: the pair's sorted names, to skip sorting)."""
    return [name for name in (names or sorted(state.chassis)) if state.chassis[name].roles.get(set_id) is _PRIMARY]


def _who(names: Sequence[str]) -> Optional[str]:
    return names[0] if len(names) == 1 else (None if not names else "+".join(names))


@dataclass(frozen=True)
class SetOutcome:
    set_id: int
    outcome: str
    rule_id: str
    reason: str
    before: Optional[str]          # the primary at the start; None for none, "a+b" for two
    after: Optional[str]
    roles: Mapping[str, str]       # each chassis' role afterwards (absent: no such set)
    moves: int

    def to_dict(self) -> dict:
        return {"outcome": self.outcome, "rule_id": self.rule_id, "reason": self.reason, "primary_before": self.before,
                "primary_after": self.after, "roles": dict(self.roles), "switchovers": self.moves}


@dataclass(frozen=True)
class VrrpOutcome:
    group: int
    set_ids: Tuple[int, ...]
    winner: Optional[str]
    priorities: Mapping[str, int]

    def to_dict(self) -> dict:
        return {"group": self.group, "redundancy_sets": list(self.set_ids), "winner": self.winner,
                "priorities": dict(self.priorities)}


@dataclass(frozen=True)
class Advert:
    chassis: str
    condition: str
    route: RouteKey
    before: bool
    after: bool

    def to_dict(self) -> dict:
        return {"chassis": self.chassis, "condition": self.condition, "route": route_text(self.route),
                "advertises": self.after, "advertised_before": self.before}


@dataclass(frozen=True)
class Part:
    """One scenario's result on one component."""

    component: int
    sets: Tuple[SetOutcome, ...]
    routes: Mapping[str, Tuple[Tuple[RouteKey, ...], Tuple[RouteKey, ...]]]   # chassis -> (added, removed)
    vrrp: Tuple[VrrpOutcome, ...]
    advertisement: Tuple[Advert, ...]
    sync: Tuple[SyncRoles, ...]
    final: World
    steps: Tuple[Applied, ...]


def _address(view) -> int:
    try:
        return int(ipaddress.ip_interface(str(view.key[2])).ip)
    except (ValueError, IndexError, TypeError):
        return 0


def vrrp_winner(group: VrrpPair, state: PairState, down: Optional[Mapping[str, frozenset]] = None
                ) -> Tuple[Optional[str], Dict[str, int]]:
    """The chassis whose effective priority is highest (a tie goes to the higher interface address, as
    VRRP elects); a group whose interface is down (``down``: physical interfaces down per chassis) does
    not take part. Priority 0 competes like any other: Junos' behaviour there is not documented
    (docs/srd-semantics.md section 4), and the emulator reads it the same way."""
    priorities = {name: vrrp_effective(view, state[name].signal_routes) for name, view in sorted(group.views.items())}
    down = down or {}
    candidates = [n for n in priorities
                  if physical(str(group.views[n].key[0])) not in down.get(n, ())]
    if not candidates:
        return None, priorities
    best = max(priorities[n] for n in candidates)
    top = [n for n in candidates if priorities[n] == best]
    if len(top) > 1:
        top.sort(key=lambda n: _address(group.views[n]), reverse=True)
    return top[0], priorities


def _set_outcome(component: Component, sid: int, w0: World, wn: World, steps: Sequence[Applied]) -> SetOutcome:
    mine = [(index, t) for index, applied in enumerate(steps) for t in applied.touches if t.set_id == sid]
    names = component.pair.names
    before, after = primaries(w0.state, sid, names), primaries(wn.state, sid, names)
    roles = {}
    for n in names:
        role = wn.state.chassis[n].roles.get(sid)
        if role is not None:
            roles[n] = role.value
    moves = [(i, t) for i, t in mine if t.moved_to is not None]
    per_step: Dict[int, int] = {}
    for i, unused in moves:
        per_step[i] = per_step.get(i, 0) + 1
    both = len(roles) == 2
    if both and len(after) != 1 and len(before) == 1:
        outcome, (unused, deciding) = "lost", (mine[-1] if mine else (0, None))
    elif any(count > 1 for count in per_step.values()):
        outcome, deciding = "flaps", moves[-1][1]
    elif before != after and moves:
        outcome, deciding = "switches", moves[-1][1]
    elif any(t.refused for unused, t in mine):
        outcome, deciding = "refused", next(t for unused, t in mine if t.refused)
    else:
        outcome, deciding = "stays", (mine[0][1] if mine else None)
    rule = deciding.rule_id if deciding is not None else "state.unchanged"
    reason = deciding.reason if deciding is not None else "nothing acted on set %d" % sid
    return SetOutcome(sid, outcome, rule, reason, _who(before), _who(after), roles, len(moves))


def evaluate(component: Component, w0: World, steps: Sequence[Applied], steady: bool = False) -> Part:
    """The result of ``steps`` (applied in order from ``w0``) on the component."""
    wn = steps[-1].world if steps else w0
    touched = sorted({t.set_id for applied in steps for t in applied.touches})
    if steady:
        touched = list(component.set_ids)
    sets = tuple(_set_outcome(component, sid, w0, wn, steps) for sid in touched)
    routes, changed = {}, set()
    for name in component.pair.names:
        old, new = w0.state[name].signal_routes, wn.state[name].signal_routes
        added, removed = tuple(sorted(new - old)), tuple(sorted(old - new))
        if added or removed:
            routes[name] = (added, removed)
            changed.update(added + removed)
    moved = {s.set_id for s in sets if s.before != s.after}
    downed = {(name, iface) for name in component.pair.names for iface in wn.links_down(name) - w0.links_down(name)}
    vrrp = []
    for group in component.vrrp:
        if steady or group.routes & changed or moved.intersection(group.set_ids) or group.interfaces & downed:
            winner, priorities = vrrp_winner(group, wn.state, wn.down)
            vrrp.append(VrrpOutcome(group.group, group.set_ids, winner, priorities))
    adverts = []
    for name in component.pair.names:
        for cond in component.pair.chassis[name].conditions:
            if steady or cond.route in changed:
                adverts.append(Advert(name, cond.name, cond.route, cond.route in w0.state[name].signal_routes,
                                      cond.route in wn.state[name].signal_routes))
    sync = tuple(sync_roles(component.pair, wn.state, sid) for sid in sorted(moved))
    return Part(component.index, sets, routes, tuple(vrrp), tuple(adverts), sync, wn, tuple(steps))
