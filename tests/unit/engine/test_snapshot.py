# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Snapshots of a pair's SRD state and their diff: every verdict can be reached, none passes by default."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import vrrp_priorities
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.placement import plan_placement
from ansible_collections.mxha.srd.plugins.module_utils.srd.live import snapshot as snap
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import live_state

from .engine_cases import build_pair, parse_given

GROUPS = """<services-redundancy-group-information><rg-information>
<iccp-process-connection>Connected</iccp-process-connection><rg-state-information>
<services-rg-information><rg-id>1</rg-id>
 <services-rg-rs-information><rs-id>1</rs-id><local-rs-state>{s1}</local-rs-state><peer-rs-state>{p1}</peer-rs-state>
  <rs-status>Connected</rs-status><rs-health-status>Passed</rs-health-status></services-rg-rs-information>
 <services-rg-rs-information><rs-id>2</rs-id><local-rs-state>{s2}</local-rs-state><peer-rs-state>{p2}</peer-rs-state>
  <rs-status>Connected</rs-status><rs-health-status>Passed</rs-health-status></services-rg-rs-information>
</services-rg-information></rg-state-information></rg-information></services-redundancy-group-information>"""
ROUTES = """<route-information xmlns:junos="http://xml.juniper.net/junos/24.4R1/junos"><route-table>
<table-name>HA.inet.0</table-name>{rts}</route-table></route-information>"""
RT = ("<rt><rt-destination>{p}</rt-destination><rt-entry><active-tag>*</active-tag><protocol-name>Static</protocol-name>"
      "<age junos:seconds=\"{a}\">00:01:00</age><nh-type>Receive</nh-type></rt-entry></rt>")
VRRP = """<vrrp-information>{groups}</vrrp-information>"""
VG = ("<vrrp-interface><interface>ge-0/0/9.0</interface><group>{g}</group><vrrp-state>{s}</vrrp-state>"
      "<local-interface-address>{addr}</local-interface-address><configured-priority>{c}</configured-priority>"
      "<current-priority>{p}</current-priority></vrrp-interface>")
ADDR = {"A": "198.51.100.2", "B": "198.51.100.3"}
WORD = {"primary": "MASTER", "standby": "STANDBY", "wait": "INITIALIZING", "warned": "STANDBY (WARNED)"}


def chassis_part(pair, state, name, vrrp_states=None, ages=None):
    """One chassis' snapshot part from replies shaped as the device's, built from an engine state."""
    peer = pair.peer_of(name)
    groups = GROUPS.format(s1=WORD[str(state.role(name, 1))], p1=WORD[str(state.role(peer, 1))],
                           s2=WORD[str(state.role(name, 2))], p2=WORD[str(state.role(peer, 2))])
    rts = "".join(RT.format(p=p, a=(ages or {}).get(p, 60)) for p, _ri in sorted(state[name].signal_routes))
    routes = ROUTES.format(rts=rts)
    prios = {}
    for (chassis, key), prio in vrrp_priorities(pair, state).items():
        if chassis == name:
            prios[key[3]] = (prio.configured, prio.effective)
    vrrp = VRRP.format(groups="".join(VG.format(g=g, s=(vrrp_states or {}).get(g, "backup"), addr=ADDR[name],
                                                c=c, p=p) for g, (c, p) in sorted(prios.items())))
    live = live_state(groups, None, routes)
    return snap.chassis_snapshot(live, pair.chassis[name].signal_routes, snap.route_ages(routes),
                                 snap.parse_vrrp(vrrp))


def pair_snapshot(pair, state, phase, masters):
    parts = {n: chassis_part(pair, state, n, {g: ("master" if masters[g] == n else "backup") for g in masters})
             for n in pair.names}
    return snap.snapshot("p", phase, "drain", "2024-01-01T00:00:00+00:00", parts,
                         {n: pair.chassis[n].signal_routes for n in pair.names})


@pytest.fixture
def drain():
    """Set 1 and 2 primary on A; drain A: both move to B, B's VRRP groups become master."""
    configs = build_pair("std")
    pair = compile_pair(configs)
    before = parse_given("std", "1:A=primary,B=standby 2:A=primary,B=standby")
    plan = plan_placement(pair, before, {1: "B", 2: "B"})
    pre = pair_snapshot(pair, before, "pre", {1: "A", 2: "A"})
    want, notes = snap.expected_changes(pair, before, plan.predicted, pre)
    return pair, before, plan, pre, want, notes


def test_replies_in_a_snapshot_out():
    pair = compile_pair(build_pair("std"))
    state = parse_given("std", "1:A=primary,B=standby 2:A=standby,B=primary")
    part = chassis_part(pair, state, "A", {1: "master"}, ages={"10.1.0.1/32": 4242})
    assert part["redundancy_sets"]["1"] == {"role": "primary", "peer_role": "standby", "peer_connected": True,
                                            "health": "Passed", "failed_interfaces": []}
    assert part["signal_routes"] == {"10.1.0.1/32 (HA)": {"age_seconds": 4242}}
    assert part["vrrp"]["VRRP ge-0/0/9.0 group 1"]["state"] == "master"
    assert part["vrrp"]["VRRP ge-0/0/9.0 group 2"]["priority"] == 200 - 50
    assert snap.role_age(part, pair.chassis["A"].acquire_routes(1)) == 4242
    assert snap.role_age(part, pair.chassis["A"].acquire_routes(2)) is None


def test_the_expected_changes_are_the_roles_routes_and_vrrp_the_engine_predicts(drain):
    _pair, _before, _plan, _pre, want, notes = drain
    assert notes == []
    assert want[("A", "set 1 role")] == "standby" and want[("B", "set 2 role")] == "primary"
    assert want[("A", "signal route 10.1.0.1/32 (HA)")] == "absent"
    assert want[("B", "signal route 10.2.0.1/32 (HA)")] == "present"
    assert want[("A", "VRRP ge-0/0/9.0 group 1 priority")] == 150
    assert want[("B", "VRRP ge-0/0/9.0 group 1 priority")] == 190
    assert want[("A", "VRRP ge-0/0/9.0 group 1 state")] == "backup"
    assert want[("B", "VRRP ge-0/0/9.0 group 1 state")] == "master"


def test_a_drain_that_went_as_predicted_diffs_clean_and_the_prediction_equals_it(drain):
    pair, _before, plan, pre, want, notes = drain
    post = pair_snapshot(pair, plan.predicted, "post", {1: "B", 2: "B"})
    result = snap.diff(pre, post, want, notes)
    assert result.ok, result.lines()
    assert result.count(snap.AS_EXPECTED) == len(want) and result.count(snap.UNEXPECTED) == 0
    predicted = snap.predict(pre, want)
    assert snap.facts(predicted) == snap.facts(post)


def test_an_expected_change_that_did_not_happen_fails(drain):
    pair, before, _plan, pre, want, notes = drain
    post = pair_snapshot(pair, before, "post", {1: "A", 2: "A"})   # nothing moved
    result = snap.diff(pre, post, want, notes)
    assert not result.ok and result.count(snap.NOT_DONE) == len(want) and result.count(snap.AS_EXPECTED) == 0
    assert any(line.startswith("  NOT DONE A set 1 role: still primary, expected standby") for line in result.lines())


def test_a_change_nobody_asked_for_fails(drain):
    pair, _before, plan, pre, want, notes = drain
    post = pair_snapshot(pair, plan.predicted, "post", {1: "B", 2: "B"})
    post["chassis"]["B"]["redundancy_sets"]["2"]["health"] = "Failed"
    post["chassis"]["A"]["iccp"]["up"] = False
    result = snap.diff(pre, post, want, notes)
    assert not result.ok and result.count(snap.UNEXPECTED) == 2
    assert "UNEXPECTED B set 2 health: Passed -> Failed (no change)" in [c.line() for c in result.changes]


def test_a_route_kept_where_it_should_have_gone_and_a_vrrp_group_that_did_not_follow_fail(drain):
    pair, _before, plan, pre, want, notes = drain
    post = pair_snapshot(pair, plan.predicted, "post", {1: "A", 2: "B"})   # group 1 stayed master on A
    post["chassis"]["A"]["signal_routes"]["10.1.0.1/32 (HA)"] = {"age_seconds": 99}
    result = snap.diff(pre, post, want, notes)
    bad = {(c.chassis, c.what) for c in result.changes if not c.ok}
    assert bad == {("A", "signal route 10.1.0.1/32 (HA)"), ("A", "VRRP ge-0/0/9.0 group 1 state"),
                   ("B", "VRRP ge-0/0/9.0 group 1 state")}


def test_vrrp_is_not_judged_where_it_could_not_be_read(drain):
    pair, _before, plan, pre, want, notes = drain
    post = pair_snapshot(pair, plan.predicted, "post", {1: "A", 2: "A"})
    post["chassis"]["A"]["vrrp"] = None
    result = snap.diff(pre, post, want, notes)
    assert all(not (c.chassis == "A" and c.what.startswith("VRRP")) for c in result.changes)
    assert "A: VRRP not compared (not readable in both snapshots)" in result.notes
    assert not result.ok   # B's group states still did not follow


def test_a_vrrp_group_whose_states_do_not_follow_its_priorities_is_left_unjudged(drain):
    pair, before, plan, pre, _want, _notes = drain
    odd = copy.deepcopy(pre)
    odd["chassis"]["A"]["vrrp"]["VRRP ge-0/0/9.0 group 2"]["state"] = "backup"
    odd["chassis"]["B"]["vrrp"]["VRRP ge-0/0/9.0 group 2"]["state"] = "master"
    want, notes = snap.expected_changes(pair, before, plan.predicted, odd)
    assert ("A", "VRRP ge-0/0/9.0 group 2 state") not in want and "VRRP group 2" in notes[0]


def test_vrrp_and_route_ages_read_from_device_replies():
    vrrp = snap.parse_vrrp(VRRP.format(groups=VG.format(g=10, s="Master", addr="192.0.2.66", c=200, p=50)
                                       + "<vrrp-interface><group>3</group></vrrp-interface>"))
    assert vrrp == (snap.VrrpStatus("ge-0/0/9.0", 10, "master", 50, 200, "192.0.2.66"),)
    ages = snap.route_ages(ROUTES.format(rts=RT.format(p="203.0.113.1/32", a=7)))
    assert ages == {("203.0.113.1/32", "HA.inet.0"): 7}
    assert snap.vrrp_request().find("detail") is not None
