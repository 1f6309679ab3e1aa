# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SRD decision engine: a pure, deterministic model of srd on both chassis of a pair.

``decide(configs, state, action)`` answers "what would srd do": which policies run, whether
each primary-role action is allowed and by which rule, how roles, signal routes, VRRP priority,
route advertisement and stateful-sync roles end up. No I/O, no clock, no randomness: the same
input always gives the same Decision, so the switchover plugin, the emulator and the tests can
all rely on it. The semantics and the readings taken where the sources are silent are in
docs/srd-semantics.md; every rule id used here is listed in ``engine.rules.RULES``.
"""

from __future__ import annotations

from collections import deque
from typing import Deque, Dict, List, Mapping, Optional, Set, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import MastershipAction, PeerEvent
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import (
    order_mismatches,
    sync_roles,
    vrrp_effective,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import PairConfig, PolicyView, compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.result import (
    Action,
    AdvertisementChange,
    Decision,
    DisableDaemon,
    EnableDaemon,
    EventFired,
    Outcome,
    Override,
    PeerMessage,
    RouteChanges,
    Step,
    Switchover,
    Trigger,
    VrrpChange,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.rules import RULES
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import (
    ChassisState,
    PairState,
    RoleState,
    state_from_device,
    state_to_device,
)

__all__ = [
    "decide", "compile_pair", "PairConfig", "PairState", "ChassisState", "RoleState",
    "state_from_device", "state_to_device", "Trigger", "EventFired", "DisableDaemon", "EnableDaemon",
    "Decision", "RULES", "initial_state",
]

_PRIMARY = RoleState.PRIMARY
_STANDBY = RoleState.STANDBY
_WAIT = RoleState.WAIT
_WARNED = RoleState.WARNED


class _Verdict:
    """A judged primary-role action: allowed?, the rule, and the change it makes if applied."""

    __slots__ = ("allowed", "rule", "reason", "change", "override")

    def __init__(self, allowed: bool, rule: str, reason: str, change: Optional[str] = None,
                 override: Optional[Tuple[str, str]] = None) -> None:
        self.allowed = allowed
        self.rule = rule
        self.reason = reason
        self.change = change          # None | "acquire" | "release" | "warn"
        self.override = override      # (what was overridden, by what)


class _Run:
    """One decision in progress: a private, mutable copy of the pair state plus the trace."""

    def __init__(self, pair: PairConfig, state: PairState) -> None:
        self.pair = pair
        self.roles: Dict[str, Dict[int, RoleState]] = {n: dict(state[n].roles) for n in pair.names}
        self.routes: Dict[str, Set] = {n: set(state[n].signal_routes) for n in pair.names}
        self.daemon: Dict[str, bool] = {n: state[n].daemon_enabled for n in pair.names}
        self.steps: List[Step] = []
        self.outcomes: List[Outcome] = []
        self.overrides: List[Override] = []
        self.switchovers: List[Switchover] = []
        self.messages: List[PeerMessage] = []
        self.queue: Deque[PeerMessage] = deque()
        self.fired: Set[Tuple[str, int, str]] = set()  # (chassis, set, policy) run for a peer message

    # -- trace ------------------------------------------------------------

    def step(self, rule: str, text: str, chassis: Optional[str] = None, set_id: Optional[int] = None) -> None:
        if rule not in RULES:  # a typo here must fail loudly in the tests
            raise KeyError(rule)
        self.steps.append(Step(rule, text, chassis, set_id))

    def state(self) -> PairState:
        return PairState({n: ChassisState(self.daemon[n], dict(self.roles[n]), frozenset(self.routes[n]))
                          for n in self.pair.names})

    # -- judging ----------------------------------------------------------

    def _role(self, chassis: str, set_id: int) -> Optional[RoleState]:
        return self.roles[chassis].get(set_id)

    def _dual(self, x: str, y: str, set_id: int) -> Optional[_Verdict]:
        if self._role(x, set_id) is _PRIMARY and self._role(y, set_id) is _PRIMARY:
            return _Verdict(False, "state.dual-primary",
                            "set %d is primary on both %s and %s in the given state; the engine does not act on a split brain"
                            % (set_id, x, y))
        return None

    def judge_acquire(self, x: str, set_id: int, force: bool) -> _Verdict:
        y = self.pair.peer_of(x)
        dual = self._dual(x, y, set_id)
        if dual:
            return dual
        local, peer = self._role(x, set_id), self._role(y, set_id)
        if local is _PRIMARY:
            return _Verdict(True, "acquire.already-primary", "%s is already primary for set %d; nothing to acquire" % (x, set_id))
        if peer is _PRIMARY and not self.daemon[y]:
            return _Verdict(False, "acquire.peer-daemon-disabled",
                            "%s cannot acquire set %d: the primary %s has srd disabled and cannot hand over" % (x, set_id, y))
        if local is _WAIT:
            if force:
                return _Verdict(True, "acquire.force-over-wait",
                                "%s acquires set %d although its state is wait, because force was given" % (x, set_id),
                                "acquire", ("local state wait", "force on the request"))
            return _Verdict(False, "acquire.local-wait",
                            "%s cannot acquire set %d: its local state is wait (acquire needs force to override wait)" % (x, set_id))
        if local is _WARNED:
            if force:
                return _Verdict(True, "acquire.force-over-warned",
                                "%s acquires set %d although it is warned, because force was given" % (x, set_id),
                                "acquire", ("local state warned", "force on the request"))
            return _Verdict(False, "acquire.local-warned",
                            "%s cannot acquire set %d: it is warned (use force to override the warning)" % (x, set_id))
        return _Verdict(True, "acquire.ok", "%s acquires the primary role of set %d (it was %s)" % (x, set_id, local), "acquire")

    def judge_release(self, x: str, set_id: int, kind: MastershipAction, force: bool) -> _Verdict:
        y = self.pair.peer_of(x)
        dual = self._dual(x, y, set_id)
        if dual:
            return dual
        local, peer = self._role(x, set_id), self._role(y, set_id)
        if local is not _PRIMARY:
            return _Verdict(True, "release.not-primary", "%s is %s for set %d, not primary; nothing to release" % (x, local, set_id))
        if peer is None or not self.daemon[y]:
            why = "has no redundancy set %d" % set_id if peer is None else "has srd disabled"
            return _Verdict(False, "release.no-peer", "%s cannot release set %d: the peer %s %s" % (x, set_id, y, why))
        forced_by = "force on the request" if force else ("release-mastership-force" if kind is MastershipAction.RELEASE_FORCE else None)
        if peer is _WAIT:
            extra = " (%s overrides warnings only, not wait)" % forced_by if forced_by else ""
            return _Verdict(False, "release.peer-wait", "%s cannot release set %d: the peer %s is in wait%s" % (x, set_id, y, extra))
        if peer is _WARNED:
            if forced_by:
                return _Verdict(True, "release.force-over-warned",
                                "%s releases set %d to %s although %s is warned, because of %s" % (x, set_id, y, y, forced_by),
                                "release", ("peer warned", forced_by))
            if kind is MastershipAction.RELEASE_IF_STANDBY_CLEAR:
                return _Verdict(False, "release.standby-not-clear",
                                "%s does not release set %d: the standby %s has a warning (release-mastership-if-standby-clear)"
                                % (x, set_id, y))
            return _Verdict(False, "release.peer-warned",
                            "%s cannot release set %d: the standby %s is warned (use force to override)" % (x, set_id, y))
        return _Verdict(True, "release.ok", "%s releases set %d; the ready standby %s takes the primary role" % (x, set_id, y), "release")

    def judge_warning(self, x: str, set_id: int) -> _Verdict:
        local = self._role(x, set_id)
        if local is _STANDBY:
            return _Verdict(True, "warning.raised", "%s broadcasts a warning for set %d and becomes warned" % (x, set_id), "warn")
        if local is _WARNED:
            return _Verdict(True, "warning.already-warned", "%s is already warned for set %d" % (x, set_id))
        if local is _WAIT:
            return _Verdict(True, "warning.while-wait", "%s is in wait for set %d; the warning leaves it in wait" % (x, set_id))
        return _Verdict(True, "warning.on-primary", "%s is primary for set %d; a warning changes no role there" % (x, set_id))

    # -- applying ---------------------------------------------------------

    def run_policy(self, x: str, set_id: int, policy: PolicyView, cause: str, force: bool, direct: bool) -> Outcome:
        action = policy.action
        if action is None:
            verdict = _Verdict(True, "policy.routes-only", "policy %s has no primary-role action" % policy.name)
        elif action is MastershipAction.ACQUIRE:
            verdict = self.judge_acquire(x, set_id, force)
        elif action is MastershipAction.BROADCAST_WARNING:
            verdict = self.judge_warning(x, set_id)
        else:
            verdict = self.judge_release(x, set_id, action, force)
        outcome = Outcome(x, set_id, policy.name, str(action) if action else None, cause, direct,
                          verdict.allowed, verdict.rule, verdict.reason)
        self.outcomes.append(outcome)
        self.step(verdict.rule, "%s: policy %s (%s): %s" % (x, policy.name, action or "no primary-role action", verdict.reason),
                  x, set_id)
        if not verdict.allowed:
            if policy.add_route is not None or policy.delete_route is not None:
                self.step("route.not-run", "%s: signal-route actions of %s not run (action refused)" % (x, policy.name), x, set_id)
            return outcome
        if verdict.override:
            what, by = verdict.override
            self.overrides.append(Override(x, set_id, verdict.rule, what, by))
        # Seed order: signal routes change first, then services switch over.
        if policy.add_route is not None:
            rk = policy.add_route
            self.routes[x].add(rk)
            self.step("route.add", "%s: add signal route %s (%s)" % (x, rk[0], rk[1]), x, set_id)
        if policy.delete_route is not None:
            rk = policy.delete_route
            self.routes[x].discard(rk)
            self.step("route.delete", "%s: delete signal route %s (%s)" % (x, rk[0], rk[1]), x, set_id)
        if verdict.change == "acquire":
            self.move_primary(set_id, x, verdict.rule, PeerEvent.MASTERSHIP_ACQUIRE, sender=x)
        elif verdict.change == "release":
            self.move_primary(set_id, self.pair.peer_of(x), verdict.rule, PeerEvent.MASTERSHIP_RELEASE, sender=x)
        elif verdict.change == "warn":
            self.roles[x][set_id] = _WARNED
        return outcome

    def move_primary(self, set_id: int, new: str, rule: str, message: PeerEvent, sender: str) -> None:
        """Make ``new`` primary, the other chassis standby (if it was primary), and tell the peer of ``sender``."""
        old = self.pair.peer_of(new)
        previous = old if self._role(old, set_id) is _PRIMARY else None
        self.roles[new][set_id] = _PRIMARY
        if previous is not None:
            self.roles[old][set_id] = _STANDBY
        target = old if self._role(old, set_id) is not None else None
        self.switchovers.append(Switchover(set_id, previous, new, rule, target))
        self.step("role.handover", "set %d: primary role %s -> %s; stateful sync source %s, target %s"
                  % (set_id, previous or "(none)", new, new, target or "(none)"), new, set_id)
        receiver = self.pair.peer_of(sender)
        if self._role(receiver, set_id) is not None:
            msg = PeerMessage(receiver, sender, set_id, str(message))
            self.messages.append(msg)
            self.queue.append(msg)

    def deliver_peer_messages(self) -> None:
        while self.queue:
            msg = self.queue.popleft()
            y, set_id = msg.to_chassis, msg.redundancy_set
            self.step("peer.message", "%s receives %s for set %d from %s" % (y, msg.message, set_id, msg.from_chassis), y, set_id)
            if not self.daemon[y]:
                self.step("peer.daemon-disabled", "%s has srd disabled; %s is not acted on" % (y, msg.message), y, set_id)
                continue
            ran = False
            for event, policy in self.pair.chassis[y].policies_for_peer_message(set_id, PeerEvent(msg.message)):
                ran = True
                key = (y, set_id, policy.name)
                if key in self.fired:
                    self.step("peer.loop-guard", "%s: policy %s already ran on %s for set %d in this decision; not run again"
                              % (y, policy.name, msg.message, set_id), y, set_id)
                    continue
                self.fired.add(key)
                self.step("peer.message", "%s: event %s (peer %s) runs policy %s" % (y, event, msg.message, policy.name), y, set_id)
                self.run_policy(y, set_id, policy, "peer", False, False)
            if not ran:
                self.step("peer.no-policy", "%s has no policy of set %d reacting to peer %s" % (y, set_id, msg.message), y, set_id)


# ---------------------------------------------------------------- entry points


def _check_state(pair: PairConfig, state: PairState) -> None:
    if sorted(state.chassis) != sorted(pair.chassis):
        raise ValueError("state chassis %s do not match configuration chassis %s" % (sorted(state.chassis), sorted(pair.chassis)))
    for name in pair.names:
        missing = sorted(pair.chassis[name].set_ids - set(state[name].roles))
        if missing:
            raise ValueError("state of %s lacks a role for redundancy set(s) %s" % (name, missing))


def _refused(pair, state, action, rule, reason, steps=()) -> Decision:
    return _finish(pair, state, action, False, rule, reason, None, steps)


def _finish(pair: PairConfig, before: PairState, action: Action, allowed: bool, rule: str, reason: str,
            run: Optional[_Run], extra_steps=()) -> Decision:
    if run is None:
        steps = tuple(extra_steps) or (Step(rule, reason, getattr(action, "chassis", None), getattr(action, "redundancy_set", None)),)
        return Decision(action=action, allowed=allowed, rule_id=rule, reason=reason, before=before, after=before, steps=steps)
    after = run.state()
    routes = {}
    vrrp: List[VrrpChange] = []
    adverts: List[AdvertisementChange] = []
    for name in pair.names:
        old, new = before[name].signal_routes, after[name].signal_routes
        added, removed = tuple(sorted(new - old)), tuple(sorted(old - new))
        if not (added or removed):
            continue
        routes[name] = RouteChanges(added, removed)
        # Only groups and conditions that look at a changed route can change (keeps 128 sets fast).
        idx = pair.chassis[name]
        views = {id(v): v for rk in added + removed for v in idx.vrrp_for_route(rk)}
        for view in sorted(views.values(), key=lambda v: repr(v.key)):
            b, a = vrrp_effective(view, old), vrrp_effective(view, new)
            if a != b:
                vrrp.append(VrrpChange(name, view.group, view.key, b, a))
        conds = {c.name: c for rk in added + removed for c in idx.conditions_for_route(rk)}
        for cname in sorted(conds):
            cond = conds[cname]
            adverts.append(AdvertisementChange(name, cname, cond.route, cond.route in old, cond.route in new))
    moved = sorted({s.redundancy_set for s in run.switchovers})
    syncs = tuple(sync_roles(pair, after, s) for s in moved)
    touched = {o.redundancy_set for o in run.outcomes} | set(moved)
    warnings = tuple(Step("routing.order-mismatch", m.text, m.chassis, m.redundancy_set)
                     for m in order_mismatches(pair, after, touched))
    return Decision(action=action, allowed=allowed, rule_id=rule, reason=reason, before=before, after=after,
                    outcomes=tuple(run.outcomes), switchovers=tuple(run.switchovers), signal_routes=routes,
                    vrrp=tuple(vrrp), advertisement=tuple(adverts), sync_roles=syncs, overridden=tuple(run.overrides),
                    peer_messages=tuple(run.messages), steps=tuple(run.steps) + tuple(extra_steps),
                    warnings=warnings)


def _summary(run: _Run) -> Tuple[bool, str, str]:
    """The decision's verdict: the first refused direct outcome, else the first direct outcome."""
    direct = [o for o in run.outcomes if o.direct]
    for o in direct:
        if not o.allowed:
            return False, o.rule_id, o.reason
    return True, direct[0].rule_id, direct[0].reason


def _decide_trigger(pair: PairConfig, state: PairState, action: Trigger) -> Decision:
    x, set_id = action.chassis, action.redundancy_set
    idx = pair.chassis[x]
    if set_id not in idx.set_ids:
        return _refused(pair, state, action, "manual.unknown-set", "%s has no redundancy set %d" % (x, set_id))
    reactions = idx.reactions_for(action.event, set_id)
    bound = [(s, p) for s, p in reactions if p.acquires or p.releases]
    if not bound:
        others = ", ".join(p.name for unused, p in reactions)
        why = (" (it is listed only in %s, which neither acquires nor releases)" % others) if others else ""
        return _refused(pair, state, action, "manual.not-bound",
                        "event %s is not bound to a release or acquire policy attached to redundancy set %d on %s%s; "
                        "the request does nothing" % (action.event, set_id, x, why))
    run = _Run(pair, state)
    for s, policy in reactions:
        if not (policy.acquires or policy.releases):
            run.step("manual.skip-non-mastership", "%s: policy %s lists %s but neither acquires nor releases; not run by the request"
                     % (x, policy.name, action.event), x, s)
            continue
        run.run_policy(x, s, policy, "manual", action.force, True)
    run.deliver_peer_messages()
    allowed, rule, reason = _summary(run)
    return _finish(pair, state, action, allowed, rule, reason, run)


def _decide_event(pair: PairConfig, state: PairState, action: EventFired) -> Decision:
    x = action.chassis
    idx = pair.chassis[x]
    reactions = idx.reactions_for(action.event)
    unattached = idx.unattached_for(action.event)
    notes = tuple(Step("policy.unattached", "%s: policy %s lists %s but no redundancy set lists %s" % (x, p, action.event, p), x)
                  for p in unattached)
    if not reactions:
        return _finish(pair, state, action, True, "event.no-policy",
                       "no policy attached to a redundancy set on %s reacts to %s; nothing changes" % (x, action.event), None,
                       notes + (Step("event.no-policy", "%s: event %s runs no policy" % (x, action.event), x),))
    run = _Run(pair, state)
    run.steps.extend(notes)
    for s, policy in reactions:
        run.run_policy(x, s, policy, "event", False, True)
    run.deliver_peer_messages()
    allowed, rule, reason = _summary(run)
    return _finish(pair, state, action, allowed, rule, reason, run)


def _decide_disable(pair: PairConfig, state: PairState, action: DisableDaemon) -> Decision:
    x = action.chassis
    if not state[x].daemon_enabled:
        return _finish(pair, state, action, True, "daemon.already-disabled", "srd is already disabled on %s" % x, None)
    primary_sets = sorted(s for s, r in state[x].roles.items() if r is _PRIMARY)
    run = _Run(pair, state)
    if not primary_sets:
        run.daemon[x] = False
        reason = "srd disabled on %s, which is primary for no set; no role changes" % x
        run.step("daemon.not-primary", reason, x)
        return _finish(pair, state, action, True, "daemon.not-primary", reason, run)
    if pair.gateway is None:
        return _refused(pair, state, action, "daemon.gateway-unknown",
                        "cannot tell gateway 1 from gateway 2 (ICCP local addresses: %s), so the effect of disabling srd on %s "
                        "cannot be predicted" % (", ".join("%s=%s" % (n, pair.chassis[n].iccp_address) for n in pair.names), x))
    run.daemon[x] = False
    y = pair.peer_of(x)
    if pair.gateway[x] == 2:
        reason = ("srd disabled on %s (gateway 2, the higher ICCP address) while primary for set(s) %s: no switchover occurs"
                  % (x, ", ".join(map(str, primary_sets))))
        run.step("daemon.gw2-no-switchover", reason, x)
        return _finish(pair, state, action, True, "daemon.gw2-no-switchover", reason, run)
    moved, stuck = [], []
    for s in primary_sets:
        peer = state[y].role(s)
        if peer is _PRIMARY:
            run.step("state.dual-primary", "set %d is primary on both chassis; left as is" % s, x, s)
            stuck.append(s)
            continue
        if peer is None or not state[y].daemon_enabled:
            run.step("daemon.gw1-no-peer", "%s cannot take set %d (%s)" % (y, s, "no such set" if peer is None else "srd disabled"), x, s)
            stuck.append(s)
            continue
        if peer in (_WARNED, _WAIT):
            run.overrides.append(Override(y, s, "daemon.gw1-switchover", "peer %s" % peer, "srd disabled on gateway 1"))
        for rk in pair.chassis[x].acquire_routes(s):
            if rk in run.routes[x]:
                run.routes[x].discard(rk)
                run.step("route.withdrawn-on-disable", "%s: withdraw signal route %s (%s) of set %d" % (x, rk[0], rk[1], s), x, s)
        run.move_primary(s, y, "daemon.gw1-switchover", PeerEvent.MASTERSHIP_RELEASE, sender=x)
        moved.append(s)
    run.deliver_peer_messages()
    if moved:
        rule = "daemon.gw1-switchover"
        reason = ("srd disabled on %s (gateway 1, the lower ICCP address): set(s) %s switch over to %s"
                  % (x, ", ".join(map(str, moved)), y))
    else:
        rule = "daemon.gw1-no-peer"
        reason = "srd disabled on %s (gateway 1), but %s cannot take set(s) %s" % (x, y, ", ".join(map(str, stuck)))
    run.steps.insert(0, Step(rule, reason, x))
    return _finish(pair, state, action, True, rule, reason, run)


def _decide_enable(pair: PairConfig, state: PairState, action: EnableDaemon) -> Decision:
    x = action.chassis
    if state[x].daemon_enabled:
        return _finish(pair, state, action, True, "daemon.already-enabled", "srd is already running on %s" % x, None)
    run = _Run(pair, state)
    run.daemon[x] = True
    reason = "srd enabled on %s; roles stay as they are" % x
    run.step("daemon.enabled", reason, x)
    return _finish(pair, state, action, True, "daemon.enabled", reason, run)


def decide(configs, state: PairState, action: Action) -> Decision:
    """What srd on the pair does for ``action`` in ``state``.

    ``configs`` is ``{chassis name: ChassisConfig}`` (two entries) or a ``PairConfig`` from
    :func:`compile_pair` (compile once when deciding many actions on the same configuration).
    Raises ValueError only for malformed input (not two chassis, state not matching the
    configuration); a refused action is a normal Decision with ``allowed=False``.
    """
    pair = compile_pair(configs)
    _check_state(pair, state)
    chassis = getattr(action, "chassis", None)
    if chassis not in pair.chassis:
        return _refused(pair, state, action, "action.unknown-chassis",
                        "%r is not a chassis of this pair (%s)" % (chassis, ", ".join(pair.names)))
    if isinstance(action, (Trigger, EventFired)) and not state[chassis].daemon_enabled:
        return _refused(pair, state, action, "daemon.disabled", "srd is disabled on %s; it does not act on %s"
                        % (chassis, "the request" if isinstance(action, Trigger) else "event %s" % action.event))
    if isinstance(action, Trigger):
        return _decide_trigger(pair, state, action)
    if isinstance(action, EventFired):
        return _decide_event(pair, state, action)
    if isinstance(action, DisableDaemon):
        return _decide_disable(pair, state, action)
    if isinstance(action, EnableDaemon):
        return _decide_enable(pair, state, action)
    raise TypeError("unknown action %r" % (action,))


def initial_state(configs, primary) -> PairState:
    """A steady state: each set primary on ``primary`` (a chassis name, or {set id: name}),
    standby on the other chassis, and each primary holding its acquire policies' signal routes.

    For the emulator's start and for examples; the tests build their states by hand.
    """
    pair = compile_pair(configs)
    chassis = {}
    for name in pair.names:
        idx = pair.chassis[name]
        roles, routes = {}, set()
        for s in sorted(idx.set_ids):
            owner = primary.get(s) if isinstance(primary, Mapping) else primary
            roles[s] = _PRIMARY if owner == name else _STANDBY
            if owner == name:
                routes.update(idx.acquire_routes(s))
        chassis[name] = ChassisState(True, roles, frozenset(routes))
    return PairState(chassis)
