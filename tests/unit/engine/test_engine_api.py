# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine's contract beyond the case table: device-state parsing, gateway numbering,
purity, determinism, serialization, input checks and policy order."""

from __future__ import annotations

import copy
import json

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    AddSignalRoute,
    ChassisConfig,
    Iccp,
    IccpPeer,
    MastershipAction,
    RedundancyEvent,
    RedundancyPolicy,
    RedundancySet,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import (
    ChassisState,
    DisableDaemon,
    EventFired,
    PairState,
    RoleState,
    Trigger,
    compile_pair,
    decide,
    initial_state,
    state_from_device,
    state_to_device,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.plan import plan_primary

from .engine_cases import HA, build_pair, parse_given, signal_prefix


@pytest.mark.parametrize("text,state", [
    ("master", RoleState.PRIMARY),
    ("  Master ", RoleState.PRIMARY),
    ("standby", RoleState.STANDBY),
    ("Initializing", RoleState.WAIT),
    ("standby (warned)", RoleState.WARNED),
    ("STANDBY(WARNED)", RoleState.WARNED),
    ("STANDBY  ( WARNED )", RoleState.WARNED),
])
def test_state_from_device_tolerates_case_and_spacing(text, state):
    assert state_from_device(text) is state


@pytest.mark.parametrize("text", ["", "WAITING", "PRIMARY", "STANDBY WARNED", "MASTER (WARNED)"])
def test_state_from_device_refuses_unknown_text(text):
    with pytest.raises(ValueError, match="unknown redundancy-set state"):
        state_from_device(text)


def test_every_state_round_trips_through_device_text():
    for state in RoleState:
        assert state_from_device(state_to_device(state)) is state


def _iccp_pair(a_local, b_local, per_peer=False):
    def chassis(local, peer_addr):
        if per_peer:
            iccp = Iccp(peers={peer_addr: IccpPeer(peer_addr, (1,), local_ip_addr=local)})
        else:
            iccp = Iccp(local_ip_addr=local, peers={peer_addr: IccpPeer(peer_addr, (1,))})
        return ChassisConfig.build(iccp=iccp)
    return {"A": chassis(a_local, b_local), "B": chassis(b_local, a_local)}


@pytest.mark.parametrize("a,b,per_peer,expected", [
    ("10.255.0.1", "10.255.0.2", False, {"A": 1, "B": 2}),
    ("10.255.0.9", "10.255.0.10", False, {"A": 1, "B": 2}),   # numeric, not text, order
    ("192.0.2.7", "10.0.0.1", False, {"A": 2, "B": 1}),
    ("10.0.0.2", "10.0.0.1", True, {"A": 2, "B": 1}),        # per-peer local-ip-addr only
    ("10.0.0.1", "10.0.0.1", False, None),                   # equal: undecidable
    ("2001:db8::1", "10.0.0.1", False, None),                # not IPv4
])
def test_gateway_one_is_the_lower_iccp_address(a, b, per_peer, expected):
    assert compile_pair(_iccp_pair(a, b, per_peer)).gateway == expected


def test_gateway_unknown_without_iccp():
    assert compile_pair({"A": ChassisConfig(), "B": ChassisConfig()}).gateway is None


def test_decide_does_not_touch_its_inputs_and_is_deterministic():
    configs = build_pair("std")
    state = parse_given("std", "1:A=primary,B=standby")
    snapshot = copy.deepcopy(state)
    first = decide(configs, state, Trigger("A", 1, "REL_MAN_1"))
    second = decide(compile_pair(configs), state, Trigger("A", 1, "REL_MAN_1"))
    assert state == snapshot
    assert first == second
    assert first.after != state


def test_decision_serializes_to_json():
    configs = build_pair("std")
    for action in (Trigger("A", 1, "REL_MAN_1"), Trigger("A", 1, "NOPE"), EventFired("B", "WARN_1"), DisableDaemon("A")):
        data = json.loads(json.dumps(decide(configs, parse_given("std", ""), action).to_dict()))
        assert data["rule_id"] and data["reason"]
    data = decide(configs, parse_given("std", ""), Trigger("A", 1, "REL_MAN_1")).to_dict()
    assert data["switchovers"] == [{"redundancy_set": 1, "from": "A", "to": "B", "rule_id": "release.ok",
                                    "sync_source": "B", "sync_target": "A"}]
    assert data["signal_routes"]["A"] == {"added": [], "removed": ["10.1.0.1/32 (HA)"]}
    assert data["vrrp"][0] == {"chassis": "A", "group": 1, "key": ["ge-0/0/9", 0, "198.51.100.2/24", 1],
                               "before": 200, "after": 150}


def test_plan_serializes_to_json():
    plan = plan_primary(build_pair("std"), parse_given("std", ""), 1, "B")
    data = json.loads(json.dumps(plan.to_dict()))
    assert data["trigger"] == {"chassis": "A", "redundancy_set": 1, "event": "REL_MAN_1", "force": False}
    assert data["decision"]["allowed"] is True


def test_state_must_cover_every_configured_set():
    configs = build_pair("std")
    state = PairState({"A": ChassisState(True, {1: RoleState.PRIMARY}), "B": ChassisState(True, {1: RoleState.STANDBY, 2: RoleState.PRIMARY})})
    with pytest.raises(ValueError, match="lacks a role for redundancy set"):
        decide(configs, state, Trigger("A", 1, "REL_MAN_1"))


def test_state_must_name_the_same_chassis():
    configs = build_pair("std")
    state = PairState({"A": ChassisState(), "X": ChassisState()})
    with pytest.raises(ValueError, match="do not match"):
        decide(configs, state, Trigger("A", 1, "REL_MAN_1"))


def test_a_pair_has_two_chassis():
    with pytest.raises(ValueError, match="exactly two chassis"):
        compile_pair({"A": ChassisConfig()})


def test_initial_state_is_a_steady_state():
    configs = build_pair("std")
    state = initial_state(configs, {1: "B", 2: "A"})
    assert state.role("A", 1) is RoleState.STANDBY and state.role("B", 1) is RoleState.PRIMARY
    assert state.role("A", 2) is RoleState.PRIMARY and state.role("B", 2) is RoleState.STANDBY
    assert state["B"].signal_routes == {(signal_prefix(1), HA)}
    assert state["A"].signal_routes == {(signal_prefix(2), HA)}


def _two_set_event_pair():
    """One event listed by a policy of set 2 and one of set 1 (breaks S6 on purpose)."""
    def chassis(local, peer):
        return ChassisConfig.build(
            redundancy_events=[RedundancyEvent("SHARED", link_down=("xe-0/0/0",))],
            redundancy_policies=[
                RedundancyPolicy("P_SET2", ("SHARED",), MastershipAction.BROADCAST_WARNING,
                                 add_signal_route=AddSignalRoute("10.2.9.1/32", None, "HA")),
                RedundancyPolicy("P_SET1", ("SHARED",), MastershipAction.BROADCAST_WARNING,
                                 add_signal_route=AddSignalRoute("10.1.9.1/32", None, "HA")),
            ],
            redundancy_sets=[RedundancySet(2, 1, ("P_SET2",)), RedundancySet(1, 1, ("P_SET1",))],
            iccp=Iccp(local_ip_addr=local, peers={peer: IccpPeer(peer, (1,))}))
    return {"A": chassis("10.0.0.1", "10.0.0.2"), "B": chassis("10.0.0.2", "10.0.0.1")}


def test_policies_run_in_set_id_order_whatever_the_config_order():
    configs = _two_set_event_pair()
    state = initial_state(configs, "A")
    decision = decide(configs, state, EventFired("B", "SHARED"))
    assert [(o.redundancy_set, o.policy) for o in decision.outcomes] == [(1, "P_SET1"), (2, "P_SET2")]
    assert decision.after.role("B", 1) is RoleState.WARNED and decision.after.role("B", 2) is RoleState.WARNED


def test_a_refused_request_changes_nothing_and_says_why():
    configs = build_pair("std")
    state = parse_given("std", "1:A=primary,B=standby")
    decision = decide(configs, state, Trigger("A", 1, "WARN_1"))
    assert not decision.allowed and decision.after == state and not decision.changed
    assert "not bound to a release or acquire policy" in decision.reason
    assert "WARN_1" in decision.reason and "redundancy set 1" in decision.reason
