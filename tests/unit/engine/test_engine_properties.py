# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Invariants over random action sequences on the test pair (docs/srd-semantics.md section 7).

The case table pins single steps; these properties pin what must hold after *any* sequence:
S5 (a set is primary on at most one chassis), S13 (routing priorities follow the primary role),
R3/R4 (only force moves the role onto a warned or waiting chassis, and says so), refusals change
nothing, and the same input always gives the same decision.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import (
    ChassisState,
    DisableDaemon,
    EnableDaemon,
    EventFired,
    PairState,
    RoleState,
    Trigger,
    compile_pair,
    decide,
)

from .engine_cases import HA, build_pair, signal_prefix

PAIR = compile_pair(build_pair("std"))
SETS = (1, 2)
CHASSIS = ("A", "B")
MANUAL = ("REL_MAN", "RELF_MAN", "RELC_MAN", "ACQ_MAN", "WARN", "UNBOUND")
MONITORED = ("REL_CRIT", "WARN", "ORPHAN_EV", "UNBOUND")

roles = st.sampled_from([RoleState.PRIMARY, RoleState.STANDBY, RoleState.WAIT, RoleState.WARNED])


@st.composite
def steady_states(draw):
    """A consistent start: at most one primary per set, which holds the set's signal route."""
    chassis_roles = {"A": {}, "B": {}}
    for set_id in SETS:
        a, b = draw(roles), draw(roles)
        if a is RoleState.PRIMARY and b is RoleState.PRIMARY:
            b = RoleState.STANDBY
        chassis_roles["A"][set_id], chassis_roles["B"][set_id] = a, b
    out = {}
    for name in CHASSIS:
        routes = frozenset((signal_prefix(s), HA) for s, r in chassis_roles[name].items() if r is RoleState.PRIMARY)
        out[name] = ChassisState(draw(st.booleans()) or draw(st.booleans()), chassis_roles[name], routes)
    return PairState(out)


def _name(event: str, set_id: int) -> str:
    return event if event in ("UNBOUND", "ORPHAN_EV") else "%s_%d" % (event, set_id)


actions = st.one_of(
    st.builds(lambda c, s, e, f: Trigger(c, s, _name(e, s), f),
              st.sampled_from(CHASSIS), st.sampled_from(SETS), st.sampled_from(MANUAL), st.booleans()),
    st.builds(lambda c, s, e: EventFired(c, _name(e, s)),
              st.sampled_from(CHASSIS), st.sampled_from(SETS), st.sampled_from(MONITORED)),
    st.builds(DisableDaemon, st.sampled_from(CHASSIS)),
    st.builds(EnableDaemon, st.sampled_from(CHASSIS)),
)


def _forced(action) -> bool:
    return isinstance(action, DisableDaemon) or (isinstance(action, Trigger) and action.force)


@settings(max_examples=300, deadline=None)
@given(steady_states(), st.lists(actions, min_size=1, max_size=8))
def test_invariants_hold_along_any_sequence(state, sequence):
    for action in sequence:
        decision = decide(PAIR, state, action)
        after = decision.after
        assert decide(PAIR, state, action) == decision                      # deterministic
        for set_id in SETS:
            primaries = [c for c in CHASSIS if after.role(c, set_id) is RoleState.PRIMARY]
            assert len(primaries) <= 1, (action, set_id)                     # S5
            new = primaries[0] if primaries else None
            if new and state.role(new, set_id) in (RoleState.WARNED, RoleState.WAIT):
                # R3, R4: only force (the request's, a -force policy's, or S19's) moves the role onto
                # a warned or waiting chassis, and the decision says so.
                assert _forced(action) or action.event.startswith("RELF_"), (action, set_id)
                assert any(o.redundancy_set == set_id for o in decision.overridden), (action, set_id)
        if not decision.allowed:
            assert after == state, action
        assert not decision.warnings, (action, decision.warnings)            # S13 in a symmetric pair
        for name in CHASSIS:
            changes = decision.signal_routes.get(name)
            assert set(changes.added if changes else ()) == after[name].signal_routes - state[name].signal_routes
        state = after
