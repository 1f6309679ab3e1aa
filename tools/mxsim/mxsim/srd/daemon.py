"""srd on an emulated pair: one engine PairState per pair, fed by the chassis' committed configs.

Everything srd decides goes through the collection's engine (`domain.decide` with Trigger,
EventFired, DisableDaemon, EnableDaemon); this class only keeps the state, derives the
configuration on every commit, starts switchovers (mxsim.srd.switchover), runs the start-up
election (mxsim.srd.election), and logs. What the emulator adds, and documents as its own
reading, is what the engine has no vocabulary for:

- ICCP down: a manual request is refused (`iccp.peer-not-connected`); a monitored event or a
  daemon change is decided with the unreachable peer seen as a peer whose srd cannot act, and
  only the local chassis' part of the decision is applied.
- a switchover in progress: a request on that set is refused (`switchover.in-progress`); events
  and daemon changes wait until it ends, then run in order.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from . import domain
from .election import elect
from .link import IccpLink
from .switchover import Move, Transition, moves_between, route_overlay

if TYPE_CHECKING:
    from ..state.chassis import Chassis

log = logging.getLogger(__name__)


class Refused(Exception):
    """A manual request srd does not carry out: `rule` is the engine's (or the emulator's) rule id."""

    def __init__(self, message: str, rule: str) -> None:
        super().__init__(message)
        self.message = message
        self.rule = rule


@dataclass
class Accepted:
    """A manual request srd carried out (possibly a no-op, e.g. release where not primary)."""

    decision: Any
    moves: list[Move]


def _replace(state: "domain.PairState", name: str, **changes: Any) -> "domain.PairState":
    cs = state[name]
    new = domain.ChassisState(
        changes.get("daemon_enabled", cs.daemon_enabled),
        changes.get("roles", cs.roles),
        changes.get("signal_routes", cs.signal_routes),
    )
    return domain.PairState({**state.chassis, name: new})


class PairSrd:
    """srd on both chassis of one pair."""

    def __init__(self, members: list["Chassis"]) -> None:
        a, b = sorted(members, key=lambda c: c.name)
        self.members = {a.name: a, b.name: b}
        self.names = (a.name, b.name)
        self.link = IccpLink(self.names)
        self.derived = {c.name: domain.derive(c.store.committed.config, c.store.committed.sequence) for c in (a, b)}
        self._pair: Optional["domain.PairConfig"] = None
        self.state = domain.PairState({n: domain.ChassisState(True, {}, frozenset()) for n in self.names})
        self.transitions: list[Transition] = []
        self.queue: deque[Any] = deque()
        self.held_wait: set[tuple[str, int]] = set()
        self.held_warned: set[tuple[str, int]] = set()
        self.resetting: set[str] = set()
        self.route_since: dict[str, dict[tuple[str, str], float]] = {n: {} for n in self.names}
        self.stalled: set[str] = set()  # srd-stall: switchovers onto these chassis do not complete
        self.route_hold: dict[str, frozenset] = {}  # route-hold: the routes a chassis' table still takes
        self._iccp_up = False
        for n in self.names:
            self._conform(n)
        self.reconcile()

    # ---- what srd reads -----------------------------------------------------------------

    @property
    def configs(self) -> dict[str, "domain.ChassisConfig"]:
        return {n: d.config for n, d in self.derived.items()}

    @property
    def pair(self) -> "domain.PairConfig":
        if self._pair is None:
            self._pair = domain.compile_pair(self.configs)
        return self._pair

    @property
    def seconds(self) -> float:
        return float(self.members[self.names[0]].options.switchover_seconds)

    def peer_of(self, name: str) -> str:
        return self.names[1] if name == self.names[0] else self.names[0]

    def configured(self, name: str) -> bool:
        """srd runs on a chassis only when something SRD is configured there."""
        cfg = self.configs[name]
        return bool(cfg.redundancy_sets) or cfg.iccp is not None

    def daemon_running(self, name: str) -> bool:
        return self.state[name].daemon_enabled

    def iccp_up(self) -> bool:
        return self.link.session_up(self.configs)

    def set_group(self, name: str, set_id: int) -> Optional[int]:
        rset = self.configs[name].redundancy_sets.get(set_id)
        return None if rset is None else rset.redundancy_group

    def connected(self, set_id: int) -> bool:
        """srd on both chassis talk about this set: same group on both, up over ICCP, srd running."""
        a, b = self.names
        ga, gb = self.set_group(a, set_id), self.set_group(b, set_id)
        if ga is None or ga != gb or ga not in self.link.groups_up(self.configs):
            return False
        return self.state[a].daemon_enabled and self.state[b].daemon_enabled

    def in_transition(self, set_id: int) -> bool:
        return any(t.covers(set_id) for t in self.transitions)

    # ---- what a client sees (a switchover in progress shows INITIALIZING) ------------------

    def shown_role(self, name: str, set_id: int) -> Optional["domain.RoleState"]:
        role = self.state[name].role(set_id)
        if role is not None and any(t.taking_over(name, set_id) for t in self.transitions):
            return domain.RoleState.WAIT
        return role

    def shown_routes(self, name: str) -> frozenset:
        routes = set(self.state[name].signal_routes)
        for t in self.transitions:
            routes -= t.hidden.get(name, frozenset())
            routes |= t.shown.get(name, frozenset())
        if name in self.route_hold:  # routes srd adds while the table takes none do not appear
            routes &= self.route_hold[name]
        return frozenset(routes)

    def shown_state(self) -> "domain.PairState":
        chassis = {}
        for n in self.names:
            cs = self.state[n]
            roles = {s: self.shown_role(n, s) for s in cs.roles}
            chassis[n] = domain.ChassisState(cs.daemon_enabled, roles, self.shown_routes(n))
        return domain.PairState(chassis)

    # ---- configuration changes -------------------------------------------------------------

    def committed_changed(self, chassis: "Chassis") -> None:
        """Re-derive a chassis' SRD configuration after a commit, rollback or set-committed."""
        if chassis.name in self.resetting:
            return
        committed = chassis.store.committed
        if self.derived[chassis.name].sequence == committed.sequence:
            return
        self.derived[chassis.name] = domain.derive(committed.config, committed.sequence)
        self._pair = None
        self._conform(chassis.name)
        for t in list(self.transitions):  # a set that went away ends its switchover now
            if any(not all(m.set_id in self.configs[n].redundancy_sets for n in self.names) for m in t.moves):
                self._complete(t)
        self.reconcile()

    def _conform(self, name: str) -> None:
        """Make the state fit the configuration: new sets start INITIALIZING, removed sets and
        routes no policy of the chassis names any more go."""
        cfg = self.configs[name]
        cs = self.state[name]
        roles = {s: cs.roles.get(s, domain.RoleState.WAIT) for s in cfg.redundancy_sets}
        routes = frozenset(r for r in cs.signal_routes if r in self.pair.chassis[name].signal_routes)
        self.state = _replace(self.state, name, roles=roles, signal_routes=routes)
        self.held_wait = {(n, s) for n, s in self.held_wait if n != name or s in roles}
        self.held_warned = {(n, s) for n, s in self.held_warned if n != name or s in roles}

    def reconcile(self) -> None:
        """Follow ICCP up/down and elect a primary for every set that just formed; note when each signal
        route a client sees appeared (its age in `show route`)."""
        self._reconcile()
        self.note_routes()

    def note_routes(self) -> None:
        """Keep, per chassis, when each signal route a client sees appeared (`show route`'s age counts from it)."""
        now = time.time()
        for n in self.names:
            shown = self.shown_routes(n)
            since = self.route_since[n]
            for key in list(since):
                if key not in shown:
                    del since[key]
            for key in shown:
                since.setdefault(key, now)

    def _reconcile(self) -> None:
        up = self.iccp_up()
        if up != self._iccp_up:
            self._iccp_up = up
            self._both("iccp-up" if up else "iccp-down")
        a, b = self.names
        candidates = [
            s
            for s in set(self.state[a].roles) & set(self.state[b].roles)
            if self.connected(s) and not self.in_transition(s)
        ]
        if not candidates:
            return
        self.state, winners, promoted = elect(self.pair, self.state, candidates, self.held_wait)
        for s, w in sorted(winners.items()):
            self._both("srd-election", set=s, primary=w)
        for n, s in promoted:
            self.members[n].event("srd-state", set=s, state="STANDBY")

    # ---- decisions ---------------------------------------------------------------------------

    def _decide(self, action: Any) -> tuple["domain.Decision", "domain.PairState"]:
        """The engine's decision and the state to apply (see the module doc for ICCP down)."""
        state = self.state
        masked = None
        if not isinstance(action, domain.Trigger) and not self.iccp_up():
            peer = self.peer_of(action.chassis)
            if state[peer].daemon_enabled:
                masked = peer
                state = _replace(state, peer, daemon_enabled=False)
        decision = domain.decide(self.pair, state, action)
        after = decision.after
        if masked is not None:
            after = _replace(after, masked, daemon_enabled=True)
        return decision, after

    def _log_decision(self, decision: "domain.Decision", rule: str | None = None, reason: str | None = None) -> None:
        """One `srd-decision` line in the acting chassis' RPC log (and a countable event)."""
        action = domain.action_to_dict(decision.action)
        allowed = decision.allowed if rule is None else False
        self.members[decision.action.chassis].event(
            "srd-decision",
            kind=action.pop("kind"),
            set=action.get("redundancy_set"),
            redundancy_event=action.get("event"),
            force=action.get("force") or None,
            allowed=allowed,
            rule=rule or decision.rule_id,
            reason=reason or decision.reason,
            switchovers=([s.to_dict() for s in decision.switchovers] or None) if allowed else None,
        )

    def _apply(self, after: "domain.PairState") -> list[Move]:
        before = self.state
        self.state = after
        self.held_wait = {(n, s) for n, s in self.held_wait if after[n].role(s) is domain.RoleState.WAIT}
        self.held_warned = {(n, s) for n, s in self.held_warned if after[n].role(s) is domain.RoleState.WARNED}
        moves = moves_between(before, after)
        if moves:
            hidden, shown = route_overlay(before, after, moves)
            t = Transition(moves, self.seconds, hidden, shown)
            for m in moves:
                self._both(
                    "srd-switchover-start",
                    set=m.set_id,
                    from_chassis=m.from_chassis,
                    to=m.to_chassis,
                    seconds=t.seconds,
                )
            self.transitions.append(t)
            if any(m.to_chassis in self.stalled for m in moves):
                pass  # srd-stall: completes when the fault is cleared
            elif t.seconds > 0:
                t.handle = asyncio.get_running_loop().call_later(t.seconds, self._complete, t)
            else:
                self._complete(t)
        return moves

    def _complete(self, t: Transition) -> None:
        t.cancel()
        if t not in self.transitions:
            return
        self.transitions.remove(t)
        for m in t.moves:
            self._both("srd-switchover-done", set=m.set_id, to=m.to_chassis)
        self.reconcile()
        self._drain()

    def _drain(self) -> None:
        while self.queue and not self.transitions:
            self._run(self.queue.popleft())

    def _run(self, action: Any) -> "domain.Decision":
        decision, after = self._decide(action)
        self._log_decision(decision)
        self._apply(after)
        self.reconcile()
        return decision

    def submit(self, action: Any) -> None:
        """A monitored event or a daemon change: decided now, or after the switchover in progress."""
        if self.transitions or self.queue:
            self.queue.append(action)
            self.members[action.chassis].event("srd-queued", action=type(action).__name__)
            return
        self._run(action)

    def trigger(self, name: str, set_id: int, event: str, force: bool) -> Accepted:
        """`request services redundancy-set id N trigger redundancy-event E [force]`."""
        action = domain.Trigger(name, set_id, event, force)
        decision, after = self._decide(action)
        refusal: Optional[Refused] = None
        group = self.set_group(name, set_id)
        if not decision.allowed:
            refusal = Refused(decision.reason, decision.rule_id)
        elif self.in_transition(set_id):
            refusal = Refused(f"a switchover of redundancy set {set_id} is in progress", "switchover.in-progress")
        elif group not in self.link.groups_up(self.configs):
            refusal = Refused(
                f"redundancy group {group} is not connected to the peer over ICCP; {name} cannot switch over "
                f"redundancy set {set_id} alone",
                "iccp.peer-not-connected",
            )
        if refusal is not None:
            self._log_decision(decision, refusal.rule, refusal.message)
            raise refusal
        self._log_decision(decision)
        moves = self._apply(after)
        self.reconcile()
        return Accepted(decision, moves)

    # ---- faults --------------------------------------------------------------------------------

    def fire(self, name: str, events: list[str]) -> None:
        for e in events:
            self.submit(domain.EventFired(name, e))

    def set_daemon(self, name: str, enabled: bool) -> None:
        if name in self.resetting:
            return
        self.submit(domain.EnableDaemon(name) if enabled else domain.DisableDaemon(name))

    def set_isolated(self, name: str, isolated: bool) -> None:
        if name in self.resetting:
            return
        (self.link.isolated_by.add if isolated else self.link.isolated_by.discard)(name)
        self.reconcile()

    def hold(self, name: str, set_id: int, role: "domain.RoleState") -> list[int]:
        """Put a chassis in wait (INITIALIZING) or warned (STANDBY (WARNED)) for a set (0 = every
        set where it is not primary). Returns the sets changed; refuses a primary or a set in a
        switchover (the fault would otherwise make or break a primary behind srd's back)."""
        roles = dict(self.state[name].roles)
        if set_id:
            if set_id not in roles:
                raise ValueError(f"{name} has no redundancy set {set_id}")
            if roles[set_id] is domain.RoleState.PRIMARY:
                raise ValueError(f"{name} is primary for redundancy set {set_id}; release it first")
            targets = [set_id]
        else:
            targets = [s for s, r in sorted(roles.items()) if r is not domain.RoleState.PRIMARY]
        if any(self.in_transition(s) for s in targets):
            raise ValueError("a switchover is in progress; try again when it has ended")
        if not targets:
            raise ValueError(f"{name} has no redundancy set where it is not primary")
        held = self.held_wait if role is domain.RoleState.WAIT else self.held_warned
        for s in targets:
            roles[s] = role
            held.add((name, s))
            (self.held_warned if role is domain.RoleState.WAIT else self.held_wait).discard((name, s))
        self.state = _replace(self.state, name, roles=roles)
        return targets

    def unhold(self, name: str, sets: list[int], role: "domain.RoleState") -> None:
        """Clear a wait/warned fault: the chassis is a ready STANDBY again (then elections run)."""
        if name in self.resetting:
            return
        held = self.held_wait if role is domain.RoleState.WAIT else self.held_warned
        roles = dict(self.state[name].roles)
        for s in sets:
            if (name, s) in held:
                held.discard((name, s))
                if roles.get(s) is role:
                    roles[s] = domain.RoleState.STANDBY
                    self.members[name].event("srd-state", set=s, state="STANDBY")
        self.state = _replace(self.state, name, roles=roles)
        self.reconcile()

    def set_stalled(self, name: str, stalled: bool) -> None:
        """srd-stall: a switchover onto the chassis shows INITIALIZING until cleared (then it completes)."""
        if stalled:
            self.stalled.add(name)
            return
        self.stalled.discard(name)
        if name in self.resetting:
            return
        for t in list(self.transitions):
            if any(m.to_chassis == name for m in t.moves) and not any(m.to_chassis in self.stalled for m in t.moves):
                self._complete(t)

    def set_route_hold(self, name: str, held: bool) -> None:
        """route-hold: the chassis' routing table keeps the signal routes it shows now and takes no new one
        (rpd does not install them); routes srd deletes still go. Cleared: what srd's state says appears."""
        if held:
            self.route_hold[name] = self.shown_routes(name)
        else:
            self.route_hold.pop(name, None)
        self.note_routes()

    # ---- reset ---------------------------------------------------------------------------------

    def begin_reset(self, chassis: "Chassis") -> None:
        self.resetting.add(chassis.name)
        for t in self.transitions:
            t.cancel()
        self.transitions.clear()
        self.queue.clear()

    def end_reset(self, chassis: "Chassis") -> None:
        name = chassis.name
        self.resetting.discard(name)
        self.link.isolated_by.discard(name)
        self.stalled.discard(name)
        self.route_hold.pop(name, None)
        self.held_wait = {(n, s) for n, s in self.held_wait if n != name}
        self.held_warned = {(n, s) for n, s in self.held_warned if n != name}
        self.state = _replace(self.state, name, daemon_enabled=True, roles={}, signal_routes=frozenset())
        committed = chassis.store.committed
        self.derived[name] = domain.derive(committed.config, committed.sequence)
        self._pair = None
        self._conform(name)
        self.reconcile()

    # ---- logging -------------------------------------------------------------------------------

    def _both(self, event: str, **fields: Any) -> None:
        for n in self.names:
            if n not in self.resetting:
                self.members[n].event(event, **fields)

    def describe(self) -> dict[str, Any]:
        """For `mxsim state`: the engine state and what is in progress."""
        return {
            "iccp_up": self.iccp_up(),
            "groups_up": sorted(self.link.groups_up(self.configs)),
            "state": self.state.to_dict(),
            "shown": self.shown_state().to_dict(),
            "switchovers": [
                {"sets": [m.set_id for m in t.moves], "to": [m.to_chassis for m in t.moves], "seconds": t.seconds}
                for t in self.transitions
            ],
            "queued": [type(a).__name__ for a in self.queue],
            "held_wait": sorted(self.held_wait),
            "held_warned": sorted(self.held_warned),
            "stalled": sorted(self.stalled),
            "route_hold": {n: sorted(r) for n, r in sorted(self.route_hold.items())},
        }
