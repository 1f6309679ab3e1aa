# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One failure applied to one component: the engine decides, this module only carries the world.

Why the readings live here: the engine knows requests, monitored events and srd on or off. What a
failure adds around them is the audit's (and the emulator's) reading, written once:

- a link stays down: a later failure fires only the events of interfaces that were still up;
- several events that one failure fires are decided one after the other, in configuration order;
- ICCP down (``iccp.peer-down``): roles stay. A monitored event or srd being deactivated is then
  decided with the peer seen as a peer whose srd cannot act, and only the local part applies. A
  manual request is refused (``iccp.peer-not-connected``). Juniper documents only the hold-time
  ("Time before SRD peer is declared down"), so this is a reading, shared with the emulator;
- a request srd refuses changes nothing (the device answers with an error);
- ``hold.wait`` / ``hold.warned``: a chassis is held not ready or warned for the sets it is not
  primary for (a fault of the standby, as the emulator's ``srd-wait`` / ``srd-warned``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import FrozenSet, List, Mapping, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.design import Component, Design
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.scenarios import Op
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import decide
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.result import (
    Decision, DisableDaemon, EventFired, Trigger,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import ChassisState, PairState, RoleState

__all__ = ["World", "Touch", "Applied", "apply", "world_of", "READINGS"]

READINGS = {
    "iccp.peer-down": "ICCP to the peer is lost: roles stay; events are decided as if the peer's srd could not act",
    "iccp.peer-not-connected": "a manual request while ICCP is down is refused",
    "hold.wait": "the chassis is held in wait (not ready) for the set",
    "hold.warned": "the chassis is held warned for the set",
    "hold.none": "the chassis is primary for every set; nothing to hold",
    "daemon.off-standby": "srd deactivated on a chassis that is not primary for the set: the set stays where it is, "
                          "and that chassis can no longer take it over",
    "link.already-down": "the interfaces are already down; no event fires again",
    "event.no-policy": "no policy attached to a set reacts; nothing changes",
}
"""Rule ids of the readings above (the engine's own ids are in engine.rules.RULES)."""

_SET_STEP_RULES = frozenset({"daemon.gw1-no-peer", "state.dual-primary"})


@dataclass(frozen=True)
class World:
    """A component's state during a scenario: roles and routes, links down, ICCP."""

    state: PairState
    down: Mapping[str, FrozenSet[str]] = field(default_factory=dict)
    iccp_up: bool = True

    def links_down(self, chassis: str) -> FrozenSet[str]:
        return self.down.get(chassis, frozenset())


@dataclass(frozen=True)
class Touch:
    """What one decision (or reading) did to one set."""

    set_id: int
    rule_id: str
    reason: str
    refused: bool = False
    moved_to: Optional[str] = None


@dataclass(frozen=True)
class Applied:
    """The world after one failure, the engine's decisions, and what each set saw."""

    world: World
    decisions: Tuple[Decision, ...]
    touches: Tuple[Touch, ...]
    rule_id: str
    reason: str


def world_of(state: PairState) -> World:
    return World(state, {name: frozenset() for name in state.chassis})


def _with_daemon(state: PairState, name: str, enabled: bool) -> PairState:
    cs = state[name]
    return PairState(dict(state.chassis, **{name: ChassisState(enabled, cs.roles, cs.signal_routes)}))


_MASKED = " (ICCP is down: the peer is seen as a peer whose srd cannot act)"


def _decide(component: Component, world: World, action) -> Tuple[Decision, PairState, bool]:
    """The engine's decision, the state it leaves (ICCP down: only the local part), and whether the
    peer was masked."""
    pair, state = component.pair, world.state
    masked = None
    if not world.iccp_up and not isinstance(action, Trigger):
        peer = pair.peer_of(action.chassis)
        if state[peer].daemon_enabled:
            masked, state = peer, _with_daemon(state, peer, False)
    decision = decide(pair, state, action)
    after = decision.after
    if masked is not None:
        after = _with_daemon(after, masked, True)
    return decision, after, masked is not None


def _told(found: List[Touch], masked: bool) -> List[Touch]:
    return [replace(t, reason=t.reason + _MASKED) for t in found] if masked else found


def touches(component: Component, before: PairState, decision: Decision) -> List[Touch]:
    """Per set, what the decision did: each policy it ran, each switchover, and the sets a refusal
    or srd being deactivated concerned without running a policy."""
    out = [Touch(o.redundancy_set, o.rule_id, o.reason, not o.allowed) for o in decision.outcomes]
    out += [Touch(s.redundancy_set, s.rule_id, "primary role of set %d: %s -> %s" % (
        s.redundancy_set, s.from_chassis or "(none)", s.to_chassis), moved_to=s.to_chassis) for s in decision.switchovers]
    seen = {t.set_id for t in out}
    for step in decision.steps:
        if step.redundancy_set is not None and step.rule_id in _SET_STEP_RULES and step.redundancy_set not in seen:
            out.append(Touch(step.redundancy_set, step.rule_id, step.text, True))
            seen.add(step.redundancy_set)
    action = decision.action
    if isinstance(action, DisableDaemon):
        for sid, role in sorted(before[action.chassis].roles.items()):
            if sid in seen or not before[action.chassis].daemon_enabled:
                continue
            if role is RoleState.PRIMARY:
                out.append(Touch(sid, decision.rule_id, decision.reason, not decision.allowed))
            else:
                out.append(Touch(sid, "daemon.off-standby", READINGS["daemon.off-standby"]))
    elif not decision.outcomes and not decision.allowed:
        if isinstance(action, Trigger):
            sets = [action.redundancy_set]
        else:
            sets = sorted({sid for sid, unused in component.pair.chassis[action.chassis].reactions_for(action.event)})
        out += [Touch(sid, decision.rule_id, decision.reason, True) for sid in sets if sid not in seen]
    return out


def apply(design: Design, component: Component, world: World, op: Op) -> Applied:
    """``op`` (one failure's part) on ``world``; never raises for a refusal."""
    if op.kind == "links":
        return _links(design, component, world, op)
    if op.kind == "fire":
        return _events(component, world, op.chassis, op.items)
    if op.kind == "daemon":
        decision, after, masked = _decide(component, world, DisableDaemon(op.chassis))
        return Applied(replace(world, state=after), (decision,),
                       tuple(_told(touches(component, world.state, decision), masked)), decision.rule_id,
                       decision.reason + (_MASKED if masked else ""))
    if op.kind == "iccp":
        sets = sorted(set().union(*(component.pair.chassis[n].set_ids for n in component.pair.names)))
        text = READINGS["iccp.peer-down"]
        return Applied(replace(world, iccp_up=False), (), tuple(Touch(s, "iccp.peer-down", text) for s in sets),
                       "iccp.peer-down", text)
    if op.kind == "hold":
        return _hold(component, world, op.chassis, op.role)
    if op.kind == "request":
        return _request(component, world, op.trigger)
    return Applied(world, (), (), "event.no-policy", READINGS["event.no-policy"])


def _links(design: Design, component: Component, world: World, op: Op) -> Applied:
    name = op.chassis
    new = frozenset(op.items) - world.links_down(name)
    if not new:
        return Applied(world, (), (), "link.already-down", READINGS["link.already-down"])
    down = dict(world.down)
    down[name] = world.links_down(name) | new
    return _events(component, replace(world, down=down), name, design.link_events(component, name, new))


def _events(component: Component, world: World, name: str, events) -> Applied:
    decisions, found = [], []
    for event in events:
        decision, after, masked = _decide(component, world, EventFired(name, event))
        found.extend(_told(touches(component, world.state, decision), masked))
        decisions.append(decision)
        world = replace(world, state=after)
    if not decisions:
        return Applied(world, (), (), "event.no-policy", READINGS["event.no-policy"])
    first = next((d for d in decisions if not d.allowed), decisions[0])
    return Applied(world, tuple(decisions), tuple(found), first.rule_id, first.reason)


def _hold(component: Component, world: World, name: str, role: RoleState) -> Applied:
    cs = world.state[name]
    held = sorted(sid for sid, r in cs.roles.items() if r is not RoleState.PRIMARY)
    if not held:
        return Applied(world, (), (), "hold.none", READINGS["hold.none"])
    rule = "hold.%s" % role
    roles = {**cs.roles, **{sid: role for sid in held}}
    state = PairState(dict(world.state.chassis, **{name: ChassisState(cs.daemon_enabled, roles, cs.signal_routes)}))
    text = "%s is held %s for the sets it is not primary for" % (name, role)
    return Applied(replace(world, state=state), (), tuple(Touch(sid, rule, "%s is held %s for set %d" % (
        name, role, sid)) for sid in held), rule, text)


def _request(component: Component, world: World, trigger: Trigger) -> Applied:
    decision, after, unused = _decide(component, world, trigger)
    found = touches(component, world.state, decision)
    if not decision.allowed:
        return Applied(world, (decision,), tuple(found), decision.rule_id, decision.reason)
    if not world.iccp_up:
        text = "%s cannot switch set %d over alone: ICCP to the peer is down" % (trigger.chassis, trigger.redundancy_set)
        return Applied(world, (decision,), (Touch(trigger.redundancy_set, "iccp.peer-not-connected", text, True),),
                       "iccp.peer-not-connected", text)
    return Applied(replace(world, state=after), (decision,), tuple(found), decision.rule_id, decision.reason)
