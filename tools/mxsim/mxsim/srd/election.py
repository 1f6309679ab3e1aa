"""Start-up election of a redundancy set: who becomes primary when a set forms over ICCP.

The sources do not document srd's start-up election (docs/srd-semantics.md §3.6: "not
modelled"), so the emulator takes a deterministic reading: when a set is configured on both
chassis, its redundancy group is up over ICCP and srd runs on both, and neither chassis is
primary, **gateway 1** (the lower ICCP local address) becomes primary if it is ready
(INITIALIZING not held by a fault, or STANDBY), else gateway 2 if it is; the other chassis,
if INITIALIZING, becomes STANDBY. If one chassis already is primary, a newcomer becomes
STANDBY. The new primary's signal routes are those `engine.initial_state` gives it (its
acquire policies' routes). An election is instant: it is not a switchover.
"""

from __future__ import annotations

from typing import Iterable

from . import domain


def elect(
    pair: "domain.PairConfig",
    state: "domain.PairState",
    candidates: Iterable[int],
    held: set[tuple[str, int]],
) -> tuple["domain.PairState", dict[int, str], list[tuple[str, int]]]:
    """(new state, {set: elected primary}, [(chassis, set) that became STANDBY])."""
    RS = domain.RoleState
    a, b = pair.names
    roles = {n: dict(state[n].roles) for n in (a, b)}
    routes = {n: set(state[n].signal_routes) for n in (a, b)}
    order = sorted((a, b), key=lambda n: pair.gateway[n]) if pair.gateway else [a, b]

    def ready(n: str, s: int) -> bool:
        """A chassis that can take the role: a ready standby, or INITIALIZING not held by a fault."""
        return roles[n][s] is RS.STANDBY or (roles[n][s] is RS.WAIT and (n, s) not in held)

    winners: dict[int, str] = {}
    promoted: list[tuple[str, int]] = []
    for s in sorted(candidates):
        primaries = [n for n in (a, b) if roles[n][s] is RS.PRIMARY]
        if not primaries:
            winner = next((n for n in order if ready(n, s)), None)
            if winner is None:
                continue
            winners[s] = winner
            roles[winner][s] = RS.PRIMARY
            primaries = [winner]
        for n in (a, b):
            if n not in primaries and roles[n][s] is RS.WAIT and (n, s) not in held:
                roles[n][s] = RS.STANDBY
                promoted.append((n, s))
    if winners:
        init = domain.initial_state(pair, winners)
        for s, w in winners.items():
            routes[w].update(r for r in init[w].signal_routes if r in pair.chassis[w].acquire_routes(s))
    if not winners and not promoted:
        return state, {}, []
    new = domain.PairState(
        {n: domain.ChassisState(state[n].daemon_enabled, roles[n], frozenset(routes[n])) for n in (a, b)}
    )
    return new, winners, promoted
