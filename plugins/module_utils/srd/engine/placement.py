# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
""""Each set primary where it belongs": every request that puts a pair's sets in place, decided offline.

Why here: a deploy that places the sets of an A/B design, a drain that moves every set off one chassis and
a restore that puts them back all ask the same question of the engine, for many sets at once, and must
refuse before anything is sent when one move would fail. :func:`plan_primary` answers it for one set;
this module chains those answers.

- :func:`plan_placement`: the moves for ``{set id: chassis}``, each decided on the state the moves before
  it predict, in the order the engine allows them. Sets are independent in srd (peer messages stay in
  their set, R7), so that order is ascending set id; a set refused there is still tried again after the
  others, so a planner never gives up on an order a later move would make possible.
- :func:`unreachable`: whether the set's own policies can move the role onto a chassis at all (from the
  other chassis primary and this one a ready standby, unforced): what validation asks of a placement.
- :func:`route_mends`: a primary that lacks the signal route its acquire policy adds (the route changed
  while it held the role: srd adds the route only when the policy runs) gets the request that runs the
  acquire policy again without moving the role (``acquire.already-primary``, reading R9).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import decide, initial_state
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import order_mismatches
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.plan import (
    SwitchoverPlan, _events_by_preference, plan_primary,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.result import Decision, Trigger
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import PairState, RoleState, RouteKey

__all__ = ["PlacementPlan", "Mend", "plan_placement", "unreachable", "route_mends", "gateway_one"]


@dataclass(frozen=True)
class PlacementPlan:
    """The moves that put every set of ``targets`` on its chassis, in the order to send them."""

    targets: Mapping[int, str]
    moves: Tuple[SwitchoverPlan, ...] = ()
    already: Tuple[int, ...] = ()
    refused: Tuple[SwitchoverPlan, ...] = ()
    before: Optional[PairState] = None
    predicted: Optional[PairState] = None
    force: bool = False

    @property
    def ok(self) -> bool:
        return not self.refused

    @property
    def moved_sets(self) -> Tuple[int, ...]:
        return tuple(p.redundancy_set for p in self.moves)

    def to_dict(self) -> dict:
        return {"targets": {str(s): c for s, c in sorted(self.targets.items())}, "force": self.force,
                "moves": [_move_dict(p) for p in self.moves], "already": list(self.already),
                "refused": [{"redundancy_set": p.redundancy_set, "target": p.target, "rule_id": p.rule_id,
                             "reason": p.reason} for p in self.refused],
                "predicted": self.predicted.to_dict() if self.predicted is not None else None}


def _move_dict(plan: SwitchoverPlan) -> dict:
    t = plan.trigger
    return {"redundancy_set": plan.redundancy_set, "target": plan.target, "chassis": t.chassis, "event": t.event,
            "force": t.force, "rule_id": plan.decision.rule_id if plan.decision else plan.rule_id,
            "overridden": [o.to_dict() for o in plan.decision.overridden] if plan.decision else []}


def plan_placement(configs, state: PairState, targets: Mapping[int, str], force: bool = False) -> PlacementPlan:
    """The requests that make ``targets[s]`` primary for every set ``s``, checked by :func:`decide`.

    ``configs`` is a compiled pair or the two chassis' models. A set already primary where it belongs needs
    nothing. Every move is decided on the state the moves before it leave; a refused set is retried after the
    others until no more progress is made, then reported in ``refused`` with the engine's first refusal.
    """
    pair = compile_pair(configs)
    current = state
    moves: List[SwitchoverPlan] = []
    already: List[int] = []
    pending = sorted(int(s) for s in targets)
    last: Dict[int, SwitchoverPlan] = {}
    while pending:
        progress, waiting = False, []
        for set_id in pending:
            plan = plan_primary(pair, current, set_id, targets[set_id], force)
            if plan.rule_id == "plan.already-primary":
                already.append(set_id)
                progress = True
            elif plan.allowed and plan.decision is not None:
                moves.append(plan)
                current = plan.decision.after
                progress = True
            else:
                last[set_id] = plan
                waiting.append(set_id)
        pending = waiting
        if not progress:
            break
    refused = tuple(last[s] for s in pending)
    return PlacementPlan(dict(targets), tuple(moves), tuple(sorted(already)), refused, state, current, force)


def unreachable(configs, set_id: int, target: str) -> Optional[SwitchoverPlan]:
    """None when the set's policies can move its primary role onto ``target`` unforced, from the other chassis
    primary and ``target`` a ready standby; else the engine's refusal (a plan with ``allowed`` False)."""
    pair = compile_pair(configs)
    if target not in pair.chassis:
        return plan_primary(pair, initial_state(pair, pair.names[0]), set_id, target)
    other = pair.peer_of(target)
    start = initial_state(pair, {s: other for s in pair.chassis[other].set_ids})
    plan = plan_primary(pair, start, set_id, target)
    return None if plan.allowed else plan


@dataclass(frozen=True)
class Mend:
    """A primary without its signal route, and the request that runs its acquire policy again."""

    redundancy_set: int
    chassis: str
    route: RouteKey
    trigger: Optional[Trigger] = None
    decision: Optional[Decision] = None
    reason: str = ""
    candidates: Tuple[str, ...] = field(default=())

    @property
    def possible(self) -> bool:
        return self.trigger is not None

    def command(self) -> str:
        t = self.trigger
        if t is None:
            return ""
        return "request services redundancy-set id %d trigger redundancy-event %s" % (t.redundancy_set, t.event)


def route_mends(configs, state: PairState, set_ids=None) -> List[Mend]:
    """Every primary that lacks a signal route its acquire policy adds, with the request that adds it.

    The request fires a bare event of the set's acquire policy on the primary itself: the engine allows it
    as ``acquire.already-primary`` (no role moves, no peer message) and runs the policy's route action
    (reading R9). Only a request after which the route is present, and the roles unchanged, is chosen.
    """
    pair = compile_pair(configs)
    out: List[Mend] = []
    for miss in order_mismatches(pair, state, set_ids):
        if miss.present or miss.role is not RoleState.PRIMARY:
            continue
        idx = pair.chassis[miss.chassis]
        tried: List[str] = []
        chosen: Optional[Mend] = None
        for policy in idx.set_policies(miss.redundancy_set):
            if not policy.acquires or policy.add_route != miss.route:
                continue
            for event in _events_by_preference(idx.config, policy):
                trig = Trigger(miss.chassis, miss.redundancy_set, event)
                decision = decide(pair, state, trig)
                tried.append("%s (%s)" % (event, decision.rule_id))
                after = decision.after
                if decision.allowed and miss.route in after[miss.chassis].signal_routes and all(
                        after.role(n, miss.redundancy_set) is state.role(n, miss.redundancy_set) for n in pair.names):
                    chosen = Mend(miss.redundancy_set, miss.chassis, miss.route, trig, decision,
                                  decision.reason, tuple(tried))
                    break
            if chosen is not None:
                break
        if chosen is None:
            chosen = Mend(miss.redundancy_set, miss.chassis, miss.route, reason=(
                "no event of an acquire policy of set %d on %s that adds %s (%s) can be triggered by hand%s" % (
                    miss.redundancy_set, miss.chassis, miss.route[0], miss.route[1],
                    " (tried: %s)" % ", ".join(tried) if tried else "")), candidates=tuple(tried))
        out.append(chosen)
    return out


def gateway_one(configs) -> Optional[str]:
    """The chassis with the lower ICCP local address (gateway 1), or None when the two cannot be told apart."""
    pair = compile_pair(configs)
    for name, number in (pair.gateway or {}).items():
        if number == 1:
            return name
    return None
