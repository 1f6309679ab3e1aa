# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Put every redundancy set where the intent places it, as a step of the pair transaction (``place_roles``).

The deploy's :class:`Placement` extension, after both chassis hold the configuration: read both chassis'
roles and signal routes (2 RPCs each), plan every move offline with the engine
(``srd.engine.placement.plan_placement``, each move decided on the state the moves before it leave), refuse
before sending anything when one would fail, then send the requests the engine chose
(``jobs.switchover.Runner``'s trigger), wait until both chassis show the predicted roles and signal routes,
and report. In check mode (``predict``) it stops after the plan: sets the chassis do not run yet are taken
as srd's start-up election leaves them, gateway 1 primary (the emulator's election; Junos does not
document its own), and the lines say so.

Between the push and the health gate (``after_push``), a primary whose signal route changed in this deploy
gets its acquire policy run again, in place (``srd.engine.placement.route_mends``): srd adds a signal route
only when that policy runs, so without it the primary's VRRP priority would drop to a standby's and the
gate would (rightly) roll the deploy back.

:func:`carry_out` (send, wait, verify) is shared with the drain and the restore (``jobs.pair_maintenance``).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional

from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_chassis import StepFailed
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_deploy import Extension
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_snapshot import pair_state, read_chassis, route_table
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import both, errors_of
from ansible_collections.mxha.srd.plugins.module_utils.jobs.switchover import Request, Runner
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcError, Transport
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import PairConfig, compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.placement import (
    PlacementPlan, gateway_one, plan_placement, route_mends,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.plan import SwitchoverPlan, plan_primary
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import ChassisState, PairState, RoleState
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import pair_state_to_facts
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import LiveState, trigger_request

__all__ = ["Placement", "Carried", "carry_out", "move_text", "refusal_text", "watched_routes", "read_roles"]


def move_text(plan: SwitchoverPlan) -> str:
    t = plan.trigger
    force = " with force" if t.force else ""
    return "set %d to %s (%s on %s%s, %s)" % (
        plan.redundancy_set, plan.target, t.event, t.chassis, force, plan.decision.rule_id)


def refusal_text(pair: PairConfig, state: PairState, plan: PlacementPlan) -> str:
    """Why each refused set cannot move, and whether force would change that (nothing was sent)."""
    parts = []
    for refused in plan.refused:
        text = "set %d to %s: %s (%s)" % (refused.redundancy_set, refused.target, refused.reason, refused.rule_id)
        if not plan.force and refused.rule_id == "plan.all-refused":
            forced = plan_primary(pair, state, refused.redundancy_set, refused.target, True)
            if forced.allowed and forced.decision is not None:
                text += "; force would allow it, overriding %s" % "; ".join(
                    "%s on %s" % (o.overrode, o.chassis) for o in forced.decision.overridden) or "nothing"
            else:
                text += "; force would not help (%s)" % forced.rule_id
        parts.append(text)
    return "; ".join(parts)


def watched_routes(pair: PairConfig, set_ids) -> Dict[str, frozenset]:
    """Per chassis, every signal route a policy of these sets adds or deletes (what a move may change)."""
    out = {}
    for name in pair.names:
        keys = set()
        for set_id in set_ids:
            for policy in pair.chassis[name].set_policies(set_id):
                keys.update(rk for rk in (policy.add_route, policy.delete_route) if rk is not None)
        out[name] = frozenset(keys)
    return out


def read_roles(pair: PairConfig, transports: Mapping[str, Transport]) -> tuple:
    """Both chassis' roles and signal routes (2 RPCs each): (live views, engine state)."""
    table = route_table(pair)
    results = both(pair.names, lambda n: read_chassis(transports[n], iccp=False, table=table))
    failed = errors_of(results)
    if failed:
        raise StepFailed("the live state could not be read: %s" % "; ".join(
            "%s: %s" % item for item in sorted(failed.items())), "read")
    live = {n: r.live for n, r in results.items()}
    return live, pair_state(pair, live)


@dataclass
class Carried:
    """What sending a placement plan did: the requests sent, and whether both chassis then matched it."""

    sent: List[SwitchoverPlan] = field(default_factory=list)
    outcome: str = "nothing"          # matched | timeout | peer-lost | dual-primary | session-lost | refused
    problem: Optional[str] = None
    live: Dict[str, LiveState] = field(default_factory=dict)
    actual: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome in ("matched", "nothing")


def carry_out(plan: PlacementPlan, pair: PairConfig, transports: Mapping[str, Transport], wait_timeout: float,
              poll_interval: float, clock: Callable[[], float] = time.monotonic,
              sleep: Callable[[float], None] = time.sleep) -> Carried:
    """Send every move of ``plan`` in its order, then wait until both chassis show the predicted roles and
    signal routes of the moved sets (``Runner.wait``: 1 RPC per chassis per poll, then the routes)."""
    if not plan.moves:
        return Carried()
    names = pair.names
    runner = Runner(Request(target=names[0], peer=names[1], set_ids=list(plan.moved_sets), wait_timeout=wait_timeout,
                            poll_interval=poll_interval), transports, clock, sleep)
    runner.pair = pair
    started = clock()
    sent, refused = runner.trigger(list(plan.moves))
    if refused is not None:
        done = Carried(sent, "refused", refused)
        if not sent:
            return done
        expected = sent[-1].decision.after
    else:
        expected = plan.predicted
        done = Carried(sent)
    acted = [p.redundancy_set for p in sent]
    outcome, live, problem, _lost = runner.wait(expected, acted, watched_routes(pair, acted))
    done.live, done.seconds = live, clock() - started
    done.actual = runner.actual_facts(live) if live else {}
    if done.outcome != "refused":
        done.outcome, done.problem = outcome, problem
    return done


class Placement(Extension):
    """The deploy's ``place_roles``: every placed set primary where the intent says, and changed signal routes
    present on the primaries before the health gate judges them."""

    def __init__(self, placement: Mapping[int, str], wait_timeout: float = 60.0, poll_interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.placement = {int(k): str(v) for k, v in placement.items()}
        self.wait_timeout = wait_timeout
        self.poll_interval = poll_interval
        self.clock = clock
        self.sleep = sleep
        self.result: dict = {}

    # -- between the push and the health gate -----------------------------------------------------

    def after_push(self, deploy) -> list:
        """Run the acquire policy again where a primary lacks the signal route the new configuration adds."""
        pair = compile_pair(deploy.configs)
        transports = {n: deploy.links[n].transport for n in pair.names}
        try:
            live, state = read_roles(pair, transports)
        except StepFailed:
            return []   # the health gate reads and judges the pair itself
        settled = [s for s in sorted(pair.chassis[pair.names[0]].set_ids)
                   if all(state.role(n, s) in (RoleState.PRIMARY, RoleState.STANDBY) for n in pair.names)]
        lines = []
        for mend in route_mends(pair, state, settled):
            where = "set %d: %s lacks its signal route %s (%s)" % (mend.redundancy_set, mend.chassis, *mend.route)
            if not mend.possible:
                lines.append("mend: %s and no request adds it: %s" % (where, mend.reason))
                continue
            t = mend.trigger
            try:
                transports[t.chassis].rpc(trigger_request(t.redundancy_set, t.event))
            except RpcError as exc:
                lines.append("mend: %s; %s refused %s: %s" % (where, t.chassis, mend.command(), exc))
                continue
            lines.append("mend: %s (it changed while %s held the role): ran %s on %s again in place (%s)"
                         % (where, mend.chassis, t.event, t.chassis, mend.decision.rule_id))
        return lines

    # -- after the confirmation -------------------------------------------------------------------

    def after_confirm(self, deploy) -> tuple:
        pair = compile_pair(deploy.configs)
        names = pair.names
        transports = {n: deploy.links[n].transport for n in names}
        live, state = read_roles(pair, transports)
        targets = self._targets(pair)
        if not targets:
            return False, []
        missing = [(n, s) for s in targets for n in names if state.role(n, s) is None]
        if missing:
            raise StepFailed("placement: cannot read the role of %s; no set was moved" % ", ".join(
                "set %d on %s" % (s, n) for n, s in missing), "placement")
        plan = plan_placement(pair, state, targets)
        self.result = {"before": pair_state_to_facts(state), "plan": plan.to_dict()}
        if not plan.ok:
            raise StepFailed("placement refused before any request was sent: %s" % refusal_text(pair, state, plan),
                             "placement")
        if not plan.moves:
            return False, ["placement: every placed set is primary where the intent places it (%s)" % _where(targets)]
        down = [(n, s) for n in names for s in plan.moved_sets
                if live[n].sets.get(s) is not None and live[n].sets[s].peer_connected is False]
        if down:
            raise StepFailed("placement: the peers are not connected for %s, so no set was moved" % ", ".join(
                "set %d on %s" % (s, n) for n, s in down), "placement")
        done = carry_out(plan, pair, transports, self.wait_timeout, self.poll_interval, self.clock, self.sleep)
        self.result.update(sent=[p.to_dict()["trigger"] for p in done.sent], outcome=done.outcome,
                           actual=done.actual, predicted=pair_state_to_facts(plan.predicted))
        moved = "; ".join(move_text(p) for p in done.sent)
        if not done.ok:
            raise StepFailed("placement: %s%s" % (done.problem, " (sent: %s)" % moved if moved else ""), "placement")
        lines = ["placement: moved %s" % move_text(p) for p in done.sent]
        lines.append("placement: verified in %.1f s: %s (roles and signal routes as predicted)" % (
            done.seconds, _where(targets)))
        return True, lines

    # -- check mode ---------------------------------------------------------------------------------

    def predict(self, deploy) -> tuple:
        pair = compile_pair(deploy.configs)
        targets = self._targets(pair)
        if not targets:
            return False, []
        transports = {n: deploy.links[n].transport for n in pair.names}
        try:
            live, state = read_roles(pair, transports)
        except StepFailed as exc:
            return False, ["placement (check mode): not predicted: %s" % exc]
        assumed, notes = _assume_election(pair, state)
        plan = plan_placement(pair, assumed, targets)
        self.result = {"before": pair_state_to_facts(assumed), "plan": plan.to_dict(),
                       "predicted": pair_state_to_facts(plan.predicted)}
        lines = ["placement (check mode): %s" % note for note in notes]
        if not plan.ok:
            lines.append("! placement would be refused: %s" % refusal_text(pair, assumed, plan))
        lines += ["placement (check mode): would move %s" % move_text(p) for p in plan.moves]
        if plan.ok and not plan.moves:
            lines.append("placement (check mode): every placed set is already where the intent places it (%s)"
                         % _where(targets))
        del live
        return bool(plan.moves), lines

    def _targets(self, pair: PairConfig) -> Dict[int, str]:
        return {s: c for s, c in sorted(self.placement.items()) if c in pair.chassis and s in
                pair.chassis[c].set_ids}


def _where(targets: Mapping[int, str]) -> str:
    return ", ".join("set %d on %s" % item for item in sorted(targets.items()))


def _assume_election(pair: PairConfig, state: PairState) -> tuple:
    """The state after the push as far as it can be known: sets both chassis report keep their roles; sets they
    do not run yet start with gateway 1 primary (the emulator's election; Junos does not document its own)."""
    first = gateway_one(pair) or pair.names[0]
    new = sorted(s for s in pair.chassis[first].set_ids if any(state.role(n, s) is None for n in pair.names))
    if not new:
        return state, []
    chassis = {}
    for name in pair.names:
        roles = dict(state[name].roles)
        routes = set(state[name].signal_routes)
        for s in new:
            roles[s] = RoleState.PRIMARY if name == first else RoleState.STANDBY
            if name == first:
                routes.update(pair.chassis[name].acquire_routes(s))
        chassis[name] = ChassisState(True, roles, frozenset(routes))
    note = ("set%s %s not running yet: assumed primary on %s after the deploy (gateway 1, where srd's start-up "
            "election puts a new set on the emulator; Junos does not document its election)"
            % ("s" if len(new) > 1 else "", ", ".join(map(str, new)), first))
    return PairState(chassis), [note]
