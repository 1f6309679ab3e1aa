# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
""""Redundancy set(s) S should be primary on chassis X": read both chassis, decide offline, act, verify.

Why a module of its own (and not inside the action plugin): it needs only two :class:`Transport`
objects, a clock and a sleep, so it is tested against real NETCONF servers and fake clocks alike;
the action plugin just builds the transports from the inventory.

Order of work, so that nothing is sent to a device unless the engine allows it:

1. read, per chassis: the SRD configuration (one filtered ``get-configuration``), the redundancy
   groups and the static routes (``live_reader``): 3 RPCs each;
2. decide: ``engine.plan.plan_primary`` per set, each on the state the previous sets' plans
   predict. Any refusal fails here, before anything is sent (with whether force would help);
   already primary everywhere: nothing to do (changed false); check mode stops here;
3. act: one ``request-services-redundancy-set`` per set, on the chassis the plan names;
4. wait: poll both chassis (1 RPC each per poll) until every set shows the predicted roles, then
   read the routes (1 RPC each) and compare the signal routes with the prediction; a mismatch when
   ``wait_timeout`` passes, or a lost session, fails with before / predicted / actual.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Mapping, Optional, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import ConfigSession
from ansible_collections.mxha.srd.plugins.module_utils.jobs.decision_result import (
    decision_to_result, reason_text, vrrp_to_dict,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.live_reader import read_groups, read_live
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.scope import read_filter
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import vrrp_priorities
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import PairConfig, compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.plan import SwitchoverPlan, plan_primary
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import ChassisState, PairState, RoleState
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import errors as error_violations
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import (
    LiveState, live_state, parse_routes, route_request, trigger_request,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import pair_state_to_facts, routes_to_facts
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.validate import validate_configs
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_element
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import NetconfError, RpcError, SessionLost, Transport

_CONFIG_RESOURCES = RESOURCES  # events, policies, sets, ICCP (gateway 1/2), VRRP and conditions


class SwitchoverFailed(Exception):
    """The task fails; ``details`` go into the result next to ``msg``."""

    def __init__(self, msg: str, **details):
        super().__init__(msg)
        self.details = details


@dataclass
class Request:
    target: str
    peer: str
    set_ids: Sequence[int]
    force: bool = False
    wait_timeout: float = 60.0
    poll_interval: float = 1.0
    check_mode: bool = False


@dataclass
class Snapshot:
    """What was read from both chassis at one moment."""

    live: Dict[str, LiveState]
    state: PairState


@dataclass
class Runner:
    """One primary_role task over two transports (keyed by chassis name)."""

    req: Request
    transports: Mapping[str, Transport]
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    warnings: List[str] = field(default_factory=list)
    timings: Dict[str, float] = field(default_factory=dict)
    pair: Optional[PairConfig] = None

    # -- reading ------------------------------------------------------------------------------

    def _names(self) -> List[str]:
        return [self.req.target, self.req.peer]

    def read_configs(self) -> PairConfig:
        configs = {}
        for name in self._names():
            elem = ConfigSession(self.transports[name], host=name).get_configuration(read_filter(_CONFIG_RESOURCES))
            parsed = parse_element(elem, source=name)
            if parsed.violations:
                raise SwitchoverFailed("the SRD configuration of %s holds values the collection cannot read: %s"
                                       % (name, "; ".join(str(v) for v in parsed.violations[:5])),
                                       violations=[v.to_dict() for v in parsed.violations])
            configs[name] = parsed.config
        for item in error_violations(validate_configs(configs).violations):
            self.warnings.append("the committed configuration breaks an SRD rule: %s" % item)
        return compile_pair(configs)

    def _route_table(self) -> Optional[str]:
        """One table when every signal route of the pair is in one routing instance, else all tables."""
        instances = {ri for name in self._names() for _p, ri in self.pair.chassis[name].signal_routes}
        if len(instances) != 1:
            return None
        instance = instances.pop()
        return "inet.0" if instance == "default" else "%s.inet.0" % instance

    def read_state(self) -> Snapshot:
        """Redundancy groups and static routes of both chassis (2 RPCs each; ICCP is not needed:
        each set's own status says whether its peers are connected)."""
        live = {}
        for name in self._names():
            live[name] = read_live(self.transports[name], iccp=False, routes=True, route_table=self._route_table())
        return Snapshot(live, self.to_pair_state(live))

    def to_pair_state(self, live: Mapping[str, LiveState]) -> PairState:
        """Engine state from both chassis' own views; a chassis whose srd is stopped gets its roles
        from the peer's view of it, and the task fails if even that is unknown."""
        chassis = {}
        for name in self._names():
            idx = self.pair.chassis[name]
            other = live[self.pair.peer_of(name)]
            roles = dict(live[name].roles)
            for set_id in sorted(idx.set_ids - set(roles)):
                seen = other.peer_roles.get(set_id) if other.daemon_running else None
                if seen is None:
                    why = ("srd is not running there (%s) and %s does not know its state"
                           % (live[name].daemon_message, self.pair.peer_of(name))) if not live[name].daemon_running \
                        else "it does not report the set (%s)" % ("; ".join(live[name].problems) or "not in its reply")
                    raise SwitchoverFailed("cannot read the state of redundancy set %d on %s: %s; nothing was sent"
                                           % (set_id, name, why), live={n: _live_dict(v) for n, v in live.items()})
                roles[set_id] = seen
            roles = {s: r for s, r in roles.items() if s in idx.set_ids}
            present = live[name].signal_routes(idx.signal_routes) if live[name].routes is not None else frozenset()
            chassis[name] = ChassisState(live[name].daemon_running, roles, present)
        return PairState(chassis)

    # -- deciding -----------------------------------------------------------------------------

    def plan(self, state: PairState) -> tuple:
        """(plans to carry out, already-primary sets, predicted state); refusals raise."""
        todo: List[SwitchoverPlan] = []
        already: List[int] = []
        refused = []
        current = state
        for set_id in self.req.set_ids:
            plan = plan_primary(self.pair, current, set_id, self.req.target, self.req.force)
            if plan.rule_id == "plan.already-primary":
                already.append(set_id)
            elif plan.allowed:
                todo.append(plan)
                current = plan.decision.after
            else:
                refused.append(plan)
        if refused:
            raise SwitchoverFailed(self._refusal_text(refused, state), refused=[p.to_dict() for p in refused],
                                   before=pair_state_to_facts(state), changed=False)
        return todo, already, current

    def _refusal_text(self, refused: List[SwitchoverPlan], state: PairState) -> str:
        lines = []
        for plan in refused:
            line = "redundancy set %d: %s" % (plan.redundancy_set, reason_text(plan.rule_id, plan.reason))
            if plan.rule_id == "plan.no-candidate":
                line += ". " + self._needed_config(plan.redundancy_set)
            elif not self.req.force and plan.rule_id == "plan.all-refused":
                forced = plan_primary(self.pair, state, plan.redundancy_set, self.req.target, True)
                if forced.allowed and forced.decision is not None:
                    what = "; ".join("%s on %s (%s)" % (o.overrode, o.chassis, o.rule_id) for o in forced.decision.overridden)
                    line += ". With force: true it would be allowed, overriding: %s" % (what or "nothing")
                else:
                    line += ". Force would not change the answer (%s)" % forced.rule_id
            lines.append(line)
        return "%s cannot become primary; nothing was sent to either chassis.\n%s" % (self.req.target, "\n".join(lines))

    def _needed_config(self, set_id: int) -> str:
        current = self.pair.peer_of(self.req.target)
        return ("A manual switchover needs a redundancy event without monitor (fired only by request services "
                "redundancy-set ... trigger) listed in a release-mastership policy of set {s} on {cur} or in an "
                "acquire-mastership policy of set {s} on {tgt}, e.g. on {cur}: set event-options redundancy-event "
                "RELS_MSHIP_MANUAL_EV; set policy-options redundancy-policy RELS_MSHIP_POL redundancy-events "
                "RELS_MSHIP_MANUAL_EV then release-mastership; set services redundancy-set {s} redundancy-policy "
                "RELS_MSHIP_POL".format(s=set_id, cur=current, tgt=self.req.target))

    # -- acting and waiting ---------------------------------------------------------------------

    def trigger(self, plans: List[SwitchoverPlan]) -> tuple:
        """Send each plan's request; stop at the first the device refuses. (sent plans, error)"""
        sent = []
        for plan in plans:
            t = plan.trigger
            try:
                self.transports[t.chassis].rpc(trigger_request(t.redundancy_set, t.event, t.force))
            except RpcError as exc:
                return sent, "%s refused request-services-redundancy-set id %d trigger redundancy-event %s%s: %s" % (
                    t.chassis, t.redundancy_set, t.event, " force" if t.force else "", exc)
            sent.append(plan)
        return sent, None

    def _matches_roles(self, live: Mapping[str, LiveState], predicted: PairState, set_ids) -> bool:
        for name in self._names():
            roles = live[name].roles
            for set_id in set_ids:
                if roles.get(set_id) is not predicted.role(name, set_id):
                    return False
        return True

    def wait(self, predicted: PairState, set_ids, watched: Mapping[str, frozenset]) -> tuple:
        """Poll until roles and signal routes match the prediction.

        Returns (outcome, last live views, message, chassis whose session was lost): outcome is ``matched``, ``timeout``,
        ``peer-lost`` (a set's peers stopped seeing each other), ``dual-primary`` or ``session-lost``.
        """
        deadline = self.clock() + self.req.wait_timeout
        live: Dict[str, LiveState] = {}
        while True:
            current: Dict[str, LiveState] = {}
            for name in self._names():
                try:
                    groups, daemon_error = read_groups(self.transports[name])
                except SessionLost as exc:
                    return "session-lost", live, ("lost the NETCONF session to %s while waiting for the switchover: %s"
                                                  % (name, exc)), name
                current[name] = live_state(groups, None, None, daemon_error)
            live = current
            both = [s for s in set_ids if all(live[n].roles.get(s) is RoleState.PRIMARY for n in self._names())]
            if both:
                return "dual-primary", live, ("redundancy set(s) %s show primary on both chassis; check the pair now "
                                              "(nothing more was sent)" % ", ".join(map(str, both))), None
            lost = [(n, s) for n in self._names() for s in set_ids
                    if live[n].sets.get(s) is not None and live[n].sets[s].peer_connected is False]
            if lost:
                return "peer-lost", live, ("the chassis lost their peer connection during the switchover (%s); the "
                                           "result could not be verified" % ", ".join(
                                               "%s set %d: %s" % (n, s, live[n].sets[s].status) for n, s in lost)), None
            if self._matches_roles(live, predicted, set_ids):
                for name in self._names():
                    try:
                        reply = self.transports[name].rpc(route_request(self._route_table()))
                    except SessionLost as exc:
                        return "session-lost", live, ("lost the NETCONF session to %s while waiting for the "
                                                      "switchover: %s" % (name, exc)), name
                    live[name] = replace(live[name], routes=parse_routes(reply))
                if all(live[n].signal_routes(watched[n]) == predicted[n].signal_routes & watched[n] for n in self._names()):
                    return "matched", live, None, None
            if self.clock() >= deadline:
                return "timeout", live, ("after %.1f s the pair does not show the predicted state for redundancy set(s) "
                                         "%s (see before / predicted / actual)"
                                         % (self.req.wait_timeout, ", ".join(map(str, set_ids)))), None
            self.sleep(max(0.0, min(self.req.poll_interval, deadline - self.clock())))

    def actual_facts(self, live: Mapping[str, LiveState]) -> dict:
        """What was last read, in the shape of ``before`` / ``predicted`` (routes: None if not read)."""
        out = {}
        for name in self._names():
            view = live.get(name)
            if view is None:
                out[name] = None
                continue
            routes = view.signal_routes(self.pair.chassis[name].signal_routes) if view.routes is not None else None
            out[name] = {"daemon": "enabled" if view.daemon_running else "disabled",
                         "redundancy_sets": {str(s): str(r) for s, r in sorted(view.roles.items())},
                         "signal_routes": routes_to_facts(routes) if routes is not None else None}
        return dict(sorted(out.items()))

    # -- the whole task -----------------------------------------------------------------------

    def run(self) -> dict:
        req = self.req
        t0 = self.clock()
        self.pair = self.read_configs()
        for name in self._names():
            missing = [s for s in req.set_ids if s not in self.pair.chassis[name].set_ids]
            if missing:
                raise SwitchoverFailed("%s has no redundancy set %s in its committed configuration; nothing was sent"
                                       % (name, ", ".join(map(str, missing))), changed=False)
        before = self.read_state()
        self.timings["read"] = self.clock() - t0
        result = {"changed": False, "chassis": req.target, "peer": req.peer, "redundancy_sets": list(req.set_ids),
                  "force": req.force, "before": pair_state_to_facts(before.state)}
        plans, already, predicted = self.plan(before.state)
        result.update(self._prediction(before.state, predicted, plans, already))
        if not plans:
            result["msg"] = "%s is already primary for redundancy set(s) %s; nothing to do" % (
                req.target, ", ".join(map(str, already)))
            return result
        self._precheck_peer_connection(before, [p.redundancy_set for p in plans])
        result["changed"] = True
        if req.check_mode:
            result["msg"] = "check mode: would trigger %s" % "; ".join(_trigger_text(p) for p in plans)
            return result
        t1 = self.clock()
        sent, refused = self.trigger(plans)
        result["triggered"] = [p.to_dict()["trigger"] for p in sent]
        if not sent:
            result["changed"] = False
            raise SwitchoverFailed("the device refused the request the engine allowed; nothing changed: %s" % refused,
                                   **result)
        acted = [p.redundancy_set for p in sent]
        if refused is not None:  # what the sets actually triggered should lead to
            result["predicted"] = pair_state_to_facts(self._partial_prediction(before.state, sent))
        expected = predicted if refused is None else self._partial_prediction(before.state, sent)
        outcome, live, problem, unreachable = self.wait(expected, acted, self._watched_routes(acted))
        self.timings["switchover"] = self.clock() - t1
        result["actual"] = self.actual_facts(live)
        result["outcome"] = outcome
        if unreachable is not None:
            result["unreachable"] = unreachable
        if refused is not None:
            raise SwitchoverFailed("%s; the set(s) already triggered (%s) %s" % (
                refused, ", ".join(map(str, acted)), "reached their predicted state" if outcome == "matched"
                else "were not verified (%s)" % problem), **result)
        if outcome != "matched":
            raise SwitchoverFailed(problem, **result)
        result["msg"] = "%s is primary for redundancy set(s) %s (%s)" % (
            req.target, ", ".join(map(str, req.set_ids)), "; ".join(_trigger_text(p) for p in sent))
        return result

    # -- helpers ------------------------------------------------------------------------------

    def _precheck_peer_connection(self, snap: Snapshot, set_ids) -> None:
        """The engine assumes the two srd talk to each other; a set whose peer is not connected would
        not hand over cleanly (two primaries, or none), whatever force says."""
        down = [(n, s, snap.live[n].sets[s].status) for n in self._names() for s in set_ids
                if snap.live[n].daemon_running and snap.live[n].sets.get(s) is not None
                and snap.live[n].sets[s].peer_connected is False]
        if down:
            raise SwitchoverFailed("the peers are not connected for %s; a switchover now could leave the set with two "
                                   "primaries or none, so nothing was sent (even with force)"
                                   % ", ".join("set %d on %s (%s)" % (s, n, st) for n, s, st in down),
                                   rule_id="precheck.peer-not-connected", changed=False)

    def _partial_prediction(self, state: PairState, sent: List[SwitchoverPlan]) -> PairState:
        current = state
        for plan in sent:
            current = plan_primary(self.pair, current, plan.redundancy_set, self.req.target, self.req.force).decision.after
        return current

    def _watched_routes(self, set_ids) -> Dict[str, frozenset]:
        out = {}
        for name in self._names():
            idx = self.pair.chassis[name]
            keys = set()
            for set_id in set_ids:
                for policy in idx.set_policies(set_id):
                    keys.update(rk for rk in (policy.add_route, policy.delete_route) if rk is not None)
            out[name] = frozenset(keys)
        return out

    def _prediction(self, before: PairState, predicted: PairState, plans: List[SwitchoverPlan], already) -> dict:
        vrrp_before, vrrp_after = vrrp_priorities(self.pair, before), vrrp_priorities(self.pair, predicted)
        vrrp = []
        for key in sorted(vrrp_after, key=repr):
            old, new = vrrp_before.get(key), vrrp_after[key]
            if old is not None and old.effective != new.effective:
                change = _VrrpChange(new.chassis, new.group, new.key, old.effective, new.effective)
                vrrp.append(vrrp_to_dict(change))
        routes = {}
        for name in sorted(before.chassis):
            old, new = before[name].signal_routes, predicted[name].signal_routes
            routes[name] = {"added": routes_to_facts(new - old), "removed": routes_to_facts(old - new)}
        decisions = [dict(decision_to_result(p.decision), redundancy_set=p.redundancy_set) for p in plans]
        return {
            "already_primary": already,
            "plans": [{"redundancy_set": p.redundancy_set, "rule_id": p.rule_id, "reason": reason_text(p.rule_id, p.reason),
                       "trigger": p.to_dict()["trigger"], "candidates": [c.to_dict() for c in p.candidates]} for p in plans],
            "predicted": pair_state_to_facts(predicted),
            "signal_routes": routes,
            "vrrp": vrrp,
            "overridden": [o.to_dict() for p in plans for o in p.decision.overridden],
            "decisions": decisions,
        }


@dataclass(frozen=True)
class _VrrpChange:
    chassis: str
    group: int
    key: tuple
    before: int
    after: int


def _trigger_text(plan: SwitchoverPlan) -> str:
    t = plan.trigger
    return "set %d: %s on %s%s" % (t.redundancy_set, t.event, t.chassis, " with force" if t.force else "")


def _live_dict(live: LiveState) -> dict:
    return {"daemon_running": live.daemon_running, "daemon_message": live.daemon_message,
            "redundancy_groups": [g.to_dict() for g in live.groups], "problems": list(live.problems)}


__all__ = ["Request", "Runner", "SwitchoverFailed", "NetconfError"]
