# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Placing many sets at once (engine.placement): the moves, their order, refusals, and route mends.

The pair is the doc's test pair (docs/srd-semantics.md section 7): A is gateway 1, B gateway 2, sets 1
and 2 with release and acquire policies that have bare events.
"""
from __future__ import annotations

import dataclasses

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.placement import (
    gateway_one, plan_placement, route_mends, unreachable,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import ChassisState, PairState, RoleState

from .engine_cases import HA, build_pair, parse_given, signal_prefix


def test_an_a_b_placement_moves_only_the_misplaced_set():
    configs = build_pair("std")
    state = parse_given("std", "1:A=primary,B=standby 2:A=primary,B=standby")
    plan = plan_placement(configs, state, {1: "A", 2: "B"})
    assert plan.ok and plan.already == (1,) and plan.moved_sets == (2,)
    move = plan.moves[0]
    assert (move.trigger.chassis, move.trigger.event, move.trigger.force) == ("A", "REL_MAN_2", False)
    assert plan.predicted.role("B", 2) is RoleState.PRIMARY and plan.predicted.role("A", 1) is RoleState.PRIMARY
    assert (signal_prefix(2), HA) in plan.predicted["B"].signal_routes


def test_a_drain_moves_every_set_in_one_pass_each_decided_on_the_state_before_it():
    configs = build_pair("std")
    state = parse_given("std", "1:A=primary,B=standby 2:A=primary,B=standby")
    plan = plan_placement(configs, state, {2: "B", 1: "B"})
    assert plan.moved_sets == (1, 2)
    assert plan.moves[1].decision.before == plan.moves[0].decision.after   # chained, not both from the start
    assert all(plan.predicted.role("B", s) is RoleState.PRIMARY for s in (1, 2))
    assert plan.to_dict()["moves"][0] == {"redundancy_set": 1, "target": "B", "chassis": "A", "event": "REL_MAN_1",
                                          "force": False, "rule_id": "release.ok", "overridden": []}


def test_a_placement_already_in_place_moves_nothing():
    configs = build_pair("std")
    state = parse_given("std", "1:A=primary,B=standby 2:A=standby,B=primary")
    plan = plan_placement(configs, state, {1: "A", 2: "B"})
    assert plan.ok and plan.moves == () and plan.already == (1, 2) and plan.predicted == state


def test_a_refused_set_is_reported_and_the_others_still_planned():
    configs = build_pair("std")
    state = parse_given("std", "1:A=primary,B=wait 2:A=primary,B=standby")
    plan = plan_placement(configs, state, {1: "B", 2: "B"})
    assert not plan.ok and plan.moved_sets == (2,)
    assert [(p.redundancy_set, p.rule_id) for p in plan.refused] == [(1, "plan.all-refused")]
    assert "release.peer-wait" in plan.refused[0].reason
    forced = plan_placement(configs, state, {1: "B", 2: "B"}, force=True)
    assert forced.ok and forced.moves[0].trigger.force and forced.moves[0].trigger.chassis == "B"


def test_a_warned_peer_needs_force_and_the_forced_plan_says_what_it_overrode():
    configs = build_pair("std")
    state = parse_given("std", "1:A=primary,B=warned")
    assert not plan_placement(configs, state, {1: "B"}).ok
    forced = plan_placement(configs, state, {1: "B"}, force=True)
    assert forced.ok and forced.to_dict()["moves"][0]["overridden"]


def test_a_set_without_a_manual_event_cannot_be_placed_and_validation_sees_it():
    configs = build_pair("empty-set3")
    assert unreachable(configs, 1, "B") is None and unreachable(configs, 1, "A") is None
    refused = unreachable(configs, 3, "B")
    assert refused is not None and refused.rule_id == "plan.no-candidate"
    assert unreachable(configs, 1, "C").rule_id == "action.unknown-chassis"


def test_gateway_one_is_the_lower_iccp_address():
    assert gateway_one(build_pair("std")) == "A"
    assert gateway_one(build_pair("no-iccp")) is None


def test_a_primary_without_its_signal_route_gets_its_acquire_policy_run_again_in_place():
    configs = build_pair("std")
    state = parse_given("std", "1:A=standby,B=primary 2:A=primary,B=standby")
    lost = PairState({"A": state["A"], "B": ChassisState(True, state["B"].roles, frozenset())})
    (mend,) = route_mends(configs, lost)
    assert mend.possible and (mend.chassis, mend.redundancy_set) == ("B", 1)
    assert mend.trigger.event == "ACQ_MAN_1" and mend.decision.rule_id == "acquire.already-primary"
    assert mend.command() == "request services redundancy-set id 1 trigger redundancy-event ACQ_MAN_1"
    assert mend.decision.after.role("B", 1) is RoleState.PRIMARY and not mend.decision.switchovers
    assert route_mends(configs, state) == []   # nothing missing, nothing to mend


def test_a_route_no_bare_event_can_add_back_is_reported_without_a_request():
    configs = build_pair("std")
    # only the peer-monitoring event is left in set 1's acquire policy on B
    b = configs["B"]
    policy = b.redundancy_policies["ACQ_POL_1"]
    b = b.replace(redundancy_policies=dict(b.redundancy_policies, ACQ_POL_1=dataclasses.replace(
        policy, events=("ACQ_PEER_1",))))
    pair = {"A": configs["A"], "B": b}
    state = parse_given("std", "1:A=standby,B=primary")
    lost = PairState({"A": state["A"], "B": ChassisState(True, state["B"].roles, frozenset())})
    (mend,) = route_mends(pair, lost)
    assert not mend.possible and "can be triggered by hand" in mend.reason
