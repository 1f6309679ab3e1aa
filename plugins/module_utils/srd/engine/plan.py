# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
""""Set S should be primary on chassis X": which manual request to send where.

Why here and not in the action plugin: the choice is a question about the configuration and
the state only, so it is decided offline by the engine and the plugin merely sends the trigger.

Preference order (see docs/srd-semantics.md, "Planning a switchover"):
1. a release policy of the set on the current primary (a release checks that the standby is
   ready, so it is the careful way), before an acquire policy of the set on the target;
2. plain ``release-mastership`` before ``release-mastership-if-standby-clear``; every
   unforced candidate before any forced one, and forced candidates (the request's ``force``,
   ``release-mastership-force`` policies) only when force was asked for, so force is used
   only where it is needed and the decision says what it overrode;
3. within a policy, bare (manual-only) events before monitored ones, in the policy's order;
   events that monitor the peer are never triggered by hand.
The first candidate the engine allows, and after which the target is primary, is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import MastershipAction
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import decide
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.result import Decision, Trigger
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import PairState, RoleState

__all__ = ["Candidate", "SwitchoverPlan", "plan_primary"]

_RELEASE_ORDER = (MastershipAction.RELEASE, MastershipAction.RELEASE_IF_STANDBY_CLEAR, MastershipAction.RELEASE_FORCE)


@dataclass(frozen=True)
class Candidate:
    trigger: Trigger
    allowed: bool
    rule_id: str
    reason: str

    def to_dict(self) -> dict:
        return {"chassis": self.trigger.chassis, "redundancy_set": self.trigger.redundancy_set,
                "event": self.trigger.event, "force": self.trigger.force,
                "allowed": self.allowed, "rule_id": self.rule_id, "reason": self.reason}


@dataclass(frozen=True)
class SwitchoverPlan:
    """The trigger to send (None when nothing is needed or nothing works) and its predicted decision."""

    redundancy_set: int
    target: str
    allowed: bool
    rule_id: str
    reason: str
    trigger: Optional[Trigger] = None
    decision: Optional[Decision] = None
    candidates: Tuple[Candidate, ...] = ()

    def to_dict(self) -> dict:
        return {"redundancy_set": self.redundancy_set, "target": self.target, "allowed": self.allowed,
                "rule_id": self.rule_id, "reason": self.reason,
                "trigger": {"chassis": self.trigger.chassis, "redundancy_set": self.trigger.redundancy_set,
                            "event": self.trigger.event, "force": self.trigger.force} if self.trigger else None,
                "decision": self.decision.to_dict() if self.decision else None,
                "candidates": [c.to_dict() for c in self.candidates]}


def _events_by_preference(config, policy) -> List[str]:
    bare, monitored = [], []
    for name in policy.events:
        event = config.redundancy_events.get(name)
        if event is not None and event.peer is not None:
            continue
        (bare if event is None or event.is_bare else monitored).append(name)
    return bare + monitored


def _pass(pair, state: PairState, set_id: int, target: str, force: bool) -> List[Trigger]:
    out: List[Trigger] = []
    current = pair.peer_of(target)
    if state[current].role(set_id) is RoleState.PRIMARY:
        idx = pair.chassis[current]
        policies = idx.set_policies(set_id)
        for kind in _RELEASE_ORDER:
            if kind is MastershipAction.RELEASE_FORCE and not force:
                continue
            for policy in policies:
                if policy.action is kind:
                    out.extend(Trigger(current, set_id, e, force) for e in _events_by_preference(idx.config, policy))
    idx = pair.chassis[target]
    for policy in idx.set_policies(set_id):
        if policy.action is MastershipAction.ACQUIRE:
            out.extend(Trigger(target, set_id, e, force) for e in _events_by_preference(idx.config, policy))
    return out


def _candidates(pair, state: PairState, set_id: int, target: str, force: bool) -> List[Trigger]:
    """Unforced candidates first; forced ones (and release-mastership-force policies) only if force was asked."""
    out = _pass(pair, state, set_id, target, False)
    if force:
        out += _pass(pair, state, set_id, target, True)
    seen, unique = set(), []
    for t in out:
        if t not in seen:
            seen.add(t)
            unique.append(t)
    return unique


def plan_primary(configs, state: PairState, set_id: int, target: str, force: bool = False) -> SwitchoverPlan:
    """Find the manual trigger that makes ``target`` primary for ``set_id``, checked by :func:`decide`."""
    pair = compile_pair(configs)
    if target not in pair.chassis:
        return SwitchoverPlan(set_id, target, False, "action.unknown-chassis",
                              "%r is not a chassis of this pair (%s)" % (target, ", ".join(pair.names)))
    if set_id not in pair.chassis[target].set_ids:
        return SwitchoverPlan(set_id, target, False, "manual.unknown-set", "%s has no redundancy set %d" % (target, set_id))
    if state[target].role(set_id) is RoleState.PRIMARY:
        return SwitchoverPlan(set_id, target, True, "plan.already-primary",
                              "%s is already primary for set %d; no trigger is needed" % (target, set_id))
    triggers = _candidates(pair, state, set_id, target, force)
    if not triggers:
        return SwitchoverPlan(set_id, target, False, "plan.no-candidate",
                              "no release policy of set %d on %s and no acquire policy of set %d on %s lists a triggerable event"
                              % (set_id, pair.peer_of(target), set_id, target))
    candidates: List[Candidate] = []
    for trig in triggers:
        decision = decide(pair, state, trig)
        ok = decision.allowed and decision.after.role(target, set_id) is RoleState.PRIMARY
        candidates.append(Candidate(trig, ok, decision.rule_id, decision.reason))
        if ok:
            how = " with force" if trig.force else ""
            return SwitchoverPlan(set_id, target, True, "plan.trigger",
                                  "trigger %s on %s for set %d%s: %s" % (trig.event, trig.chassis, set_id, how, decision.reason),
                                  trig, decision, tuple(candidates))
    first = candidates[0]
    return SwitchoverPlan(set_id, target, False, "plan.all-refused",
                          "no trigger makes %s primary for set %d; first refusal (%s): %s"
                          % (target, set_id, first.rule_id, first.reason), None, None, tuple(candidates))
