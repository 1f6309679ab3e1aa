# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.redundancy_state against the emulated pair, and its facts fed into simulate."""

from __future__ import annotations

from srd_play_helpers import EXAMPLE, MX1, MX2, play, primary_role_task, state_task

HA_ROUTE = [{"prefix": "203.0.113.100/32", "routing_instance": "HA"}]
BUDGET = ["get-services-redundancy-group-information", "get-inter-chassis-control-protocol-information",
          "get-route-information"]


def _facts(run, task):
    return {host: r["ansible_facts"]["srd_state"] for host, r in run.by_host(task).items()}


def _simulate(name, **args):
    return {"name": name, "mxha.srd.simulate": {"config": "{{ lookup('ansible.builtin.file', '%s') | from_yaml }}" % EXAMPLE,
                                                "state": {MX1: "{{ hostvars['%s'].srd_state }}" % MX1,
                                                          MX2: "{{ hostvars['%s'].srd_state }}" % MX2}, **args}}


def test_state_of_both_chassis_and_simulate_on_it(srd_pair, plays):
    mx = srd_pair
    marks = {n: mx.mark(n) for n in (MX1, MX2)}
    run = plays(mx, [
        play([state_task()], hosts="pair1"),
        play([_simulate("simulate", action={"trigger": {"chassis": MX1, "redundancy_set": 1,
                                                        "event": "RELS_MSHIP_MANUAL_EV"}})]),
    ])
    assert run.rc == 0, run.output
    facts = _facts(run, "state")
    mx1, mx2 = facts[MX1], facts[MX2]
    assert (mx1["daemon"], mx1["redundancy_sets"], mx1["signal_routes"]) == ("enabled", {"1": "primary"}, HA_ROUTE)
    assert (mx2["daemon"], mx2["redundancy_sets"], mx2["signal_routes"]) == ("enabled", {"1": "standby"}, [])
    assert mx1["peer"] == {"redundancy_sets": {"1": "standby"}, "connected": {"1": True}}
    (group,) = mx1["details"]["redundancy_groups"]
    assert (group["id"], group["local_ip"], group["peer_ip"]) == (1, "192.0.2.1", "192.0.2.2")
    (rset,) = group["redundancy_sets"]
    assert (rset["local_state"], rset["peer_state"], rset["health"]) == ("MASTER", "STANDBY", "Passed")
    assert rset["service_sets"] == ["CGNAT_SS1"] and rset["failed_interfaces"] == []
    assert mx1["details"]["iccp"]["up"] and mx1["details"]["iccp"]["peers"][0]["address"] == "192.0.2.2"
    assert mx1["problems"] == []
    for name in (MX1, MX2):
        result = run.by_host("state")[name]
        assert not result["changed"] and result["rpc_stats"]["rpcs"] == 3 and result["rpc_stats"]["sent"] == BUDGET
        received = mx.rpc_names(name, marks[name])
        assert [n for n in received if n in BUDGET] == BUDGET
        assert mx.rpcs(name, "get-route-information", since=marks[name])[0]["protocol"] == "static"
    sim = run["simulate"]
    assert sim["allowed"] and sim["state_source"] == "given"
    assert sim["before"][MX1]["signal_routes"] == HA_ROUTE
    assert sim["after"][MX2]["redundancy_sets"] == {"1": "primary"}


def test_link_down_on_the_primary_switches_by_itself(srd_pair, plays):
    mx = srd_pair
    run = plays(mx, [play([state_task("before")], hosts="pair1"),
                     play([_simulate("predict", action={"event": {"chassis": MX1, "name": "RELS_MSHIP_CRIT_EV"}})])])
    predicted = run["predict"]["after"]
    mx.inject(MX1, "link-down", interface="xe-0/0/0")   # the uplink, monitored by RELS_MSHIP_CRIT_EV
    mx.wait_event(MX2, "srd-switchover-done")
    run = plays(mx, [play([state_task("after")], hosts="pair1")])
    facts = _facts(run, "after")
    assert facts[MX2]["redundancy_sets"] == {"1": "primary"} and facts[MX1]["redundancy_sets"] == {"1": "standby"}
    for name in (MX1, MX2):
        assert facts[name]["redundancy_sets"] == predicted[name]["redundancy_sets"]
        assert facts[name]["signal_routes"] == predicted[name]["signal_routes"]
    (rset,) = facts[MX1]["details"]["redundancy_groups"][0]["redundancy_sets"]
    assert rset["health"] == "Failed" and rset["failed_interfaces"] == ["xe-0/0/0"]
    assert rset["monitored_interface_down_count"] == 1


def test_daemon_disabled_and_iccp_down_are_states(srd_pair, plays):
    mx = srd_pair
    mx.inject(MX2, "srd-disable")          # gateway 2, standby: no switchover
    run = plays(mx, [play([state_task()], hosts="pair1"), play([primary_role_task("to mx2", MX2)])])
    facts = _facts(run, "state")
    assert run.by_host("state")[MX2]["_status"] == "ok"
    assert facts[MX2]["daemon"] == "disabled" and facts[MX2]["redundancy_sets"] == {}
    assert "not running" in facts[MX2]["details"]["daemon_message"]
    assert facts[MX1]["peer"] == {"redundancy_sets": {}, "connected": {"1": False}}
    refused = run["to mx2"]
    assert refused["_status"] == "failed" and "srd is not running there" in refused["msg"]
    assert "request-services-redundancy-set" not in refused["rpcs"][MX1] + refused["rpcs"][MX2]

    mx.control.clear(MX2, "srd-disable")
    mx.inject(MX1, "peer-unreachable")
    run = plays(mx, [play([state_task()], hosts="pair1")])
    facts = _facts(run, "state")
    iccp = facts[MX1]["details"]["iccp"]
    assert not iccp["up"] and iccp["peers"][0]["tcp_state"] == "Closed"
    (rset,) = facts[MX1]["details"]["redundancy_groups"][0]["redundancy_sets"]
    assert rset["peer_state"] == "UNKNOWN" and rset["status"] == "Not Connected"
    assert facts[MX1]["redundancy_sets"] == {"1": "primary"}


def test_a_bad_signal_route_fails_before_any_rpc(srd_pair, plays):
    mx = srd_pair
    mark = mx.mark(MX1)
    task = {"name": "state", "mxha.srd.redundancy_state": {"signal_routes": [{"routing_instance": "HA"}]},
            "ignore_errors": True}
    run = plays(mx, [play([task], hosts=MX1)])
    result = run["state"]
    assert result["_status"] == "failed" and "signal_routes[0]: a signal route needs a prefix" in result["msg"]
    assert [n for n in mx.rpc_names(MX1, mark) if n != "close-session"] == []
