# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.primary_role against the emulated pair (CGNAT example committed on both chassis).

The emulator's RPC log is the independent record: what the plugin says it sent must be what the
chassis received, and a refused or check-mode run must not have sent a request.
"""

from __future__ import annotations

from srd_play_helpers import MX1, MX2, commit_intent, play, primary_role_task, roles, state_task, triggers, two_set_intent

HA_ROUTE = [{"prefix": "203.0.113.100/32", "routing_instance": "HA"}]
READS = ["get-configuration", "get-services-redundancy-group-information", "get-route-information"]
REQUEST = "request-services-redundancy-set"


def _log_names(mx, chassis, since):
    """RPCs the chassis received (the session's close excluded: the plugin does not count it)."""
    return [n for n in mx.rpc_names(chassis, since) if n != "close-session"]


def _one_master(mx):
    shown = roles(mx)
    assert sorted(shown[MX1].values()) + sorted(shown[MX2].values()) in (["MASTER", "STANDBY"], ["STANDBY", "MASTER"]), shown
    return shown


def test_switchover_both_ways_then_already_primary(srd_pair, plays):
    mx = srd_pair
    marks = {n: mx.mark(n) for n in (MX1, MX2)}
    run = plays(mx, [
        # from a chassis of the pair (no persistent connection is opened for it) ...
        play([{"name": "to mx2",
               "mxha.srd.primary_role": {"chassis": MX2, "peer": MX1, "redundancy_set": 1, "poll_interval": 0.1,
                                         "wait_timeout": 15}}], hosts=MX1),
        play([state_task("after to mx2")], hosts="pair1"),
        # ... and from the controller
        play([primary_role_task("back to mx1", MX1), primary_role_task("again mx1", MX1)]),
        play([state_task("after back")], hosts="pair1"),
    ])
    assert run.rc == 0, run.output
    to_mx2, back, again = run["to mx2"], run["back to mx1"], run["again mx1"]

    assert to_mx2["changed"] and to_mx2["triggered"] == [
        {"chassis": MX1, "redundancy_set": 1, "event": "RELS_MSHIP_MANUAL_EV", "force": False}]
    assert to_mx2["actual"] == {MX1: {"daemon": "enabled", "redundancy_sets": {"1": "standby"}, "signal_routes": []},
                                MX2: {"daemon": "enabled", "redundancy_sets": {"1": "primary"}, "signal_routes": HA_ROUTE}}
    assert to_mx2["predicted"][MX2]["signal_routes"] == HA_ROUTE and to_mx2["overridden"] == []
    assert [v["priority_after"] for v in to_mx2["vrrp"]] == [50, 190]
    state = run.by_host("after to mx2")
    assert state[MX2]["ansible_facts"]["srd_state"]["redundancy_sets"] == {"1": "primary"}
    assert state[MX1]["ansible_facts"]["srd_state"]["redundancy_sets"] == {"1": "standby"}
    assert state[MX2]["ansible_facts"]["srd_state"]["signal_routes"] == HA_ROUTE

    # the way back releases on the new primary
    assert back["changed"] and back["triggered"][0]["chassis"] == MX2
    assert back["actual"] == back["predicted"] and back["actual"][MX1]["redundancy_sets"] == {"1": "primary"}
    assert run.by_host("after back")[MX1]["ansible_facts"]["srd_state"]["signal_routes"] == HA_ROUTE

    # already primary: reads only, nothing sent, no change
    assert not again["changed"] and again["_status"] == "ok" and again["already_primary"] == [1]
    assert again["rpcs"] == {MX1: READS, MX2: READS}
    assert "already primary" in again["msg"]

    # the chassis received exactly what the plugin reports, and one request each way
    requests = {n: triggers(mx, n, since=marks[n]) for n in (MX1, MX2)}
    assert [(r["set"], r["redundancy_event"], r.get("force")) for r in requests[MX1]] == [(1, "RELS_MSHIP_MANUAL_EV", None)]
    assert [(r["set"], r["redundancy_event"]) for r in requests[MX2]] == [(1, "RELS_MSHIP_MANUAL_EV")]
    for name in (MX1, MX2):
        sent = to_mx2["rpcs"][name] + back["rpcs"][name] + again["rpcs"][name]
        received = [n for n in _log_names(mx, name, marks[name])
                    if n not in ("get-inter-chassis-control-protocol-information",)]
        state_reads = 2 * ["get-services-redundancy-group-information", "get-route-information"]
        assert sorted(received) == sorted(sent + state_reads), (name, received, sent)
    # per switchover, on the chassis that received the request: its reads, the request, the polls, one route read
    assert to_mx2["rpcs"][MX1][:4] == READS + [REQUEST] and to_mx2["rpcs"][MX1][-1] == "get-route-information"
    assert REQUEST not in to_mx2["rpcs"][MX2]
    _one_master(mx)
    mx.wait_idle(MX1)
    mx.wait_idle(MX2)


def test_check_mode_predicts_what_happens(srd_pair, plays):
    mx = srd_pair
    marks = {n: mx.mark(n) for n in (MX1, MX2)}
    predict = dict(primary_role_task("predict", MX2), check_mode=True)
    run = plays(mx, [play([predict])])
    assert run.rc == 0, run.output
    prediction = run["predict"]
    assert prediction["changed"] and "would trigger" in prediction["msg"]
    assert prediction["rpcs"] == {MX1: READS, MX2: READS}
    assert triggers(mx, MX1, marks[MX1]) == [] and triggers(mx, MX2, marks[MX2]) == []
    assert roles(mx) == {MX1: {1: "MASTER"}, MX2: {1: "STANDBY"}}

    run = plays(mx, [play([primary_role_task("for real", MX2)])])
    real = run["for real"]
    assert real["changed"] and real["predicted"] == prediction["predicted"]
    assert real["plans"] == prediction["plans"] and real["vrrp"] == prediction["vrrp"]
    assert real["actual"] == prediction["predicted"]       # what check mode predicted is what happened
    assert roles(mx) == {MX1: {1: "STANDBY"}, MX2: {1: "MASTER"}}


def test_refused_when_the_peer_is_in_wait_sends_nothing(srd_pair, plays):
    mx = srd_pair
    mx.inject(MX2, "srd-wait", set=1)
    marks = {n: mx.mark(n) for n in (MX1, MX2)}
    run = plays(mx, [play([primary_role_task("to mx2", MX2)])])
    result = run["to mx2"]
    assert result["_status"] == "failed" and not result["changed"]
    assert "nothing was sent" in result["msg"] and "release.peer-wait" in result["msg"]
    assert "With force: true it would be allowed" in result["msg"] and "acquire.force-over-wait" in result["msg"]
    candidates = result["refused"][0]["candidates"]     # releases on mx1 first, then the acquire on mx2
    assert [(c["chassis"], c["rule_id"]) for c in candidates][0] == (MX1, "release.peer-wait")
    assert [(c["chassis"], c["rule_id"]) for c in candidates][-1] == (MX2, "acquire.local-wait")
    assert not any(c["allowed"] for c in candidates)
    assert result["rpcs"] == {MX1: READS, MX2: READS}
    for name in (MX1, MX2):
        assert REQUEST not in mx.rpc_names(name, marks[name])
    assert roles(mx) == {MX1: {1: "MASTER"}, MX2: {1: "INITIALIZING"}}


def test_forced_through_a_warned_standby(srd_pair, plays):
    mx = srd_pair
    mx.inject(MX2, "srd-warned", set=1)
    marks = {n: mx.mark(n) for n in (MX1, MX2)}
    run = plays(mx, [play([primary_role_task("plain", MX2), primary_role_task("forced", MX2, force=True)])])
    plain, forced = run["plain"], run["forced"]
    assert plain["_status"] == "failed" and "release.peer-warned" in plain["msg"]
    assert "With force: true it would be allowed, overriding: peer warned on pair1-mx1" in plain["msg"]
    assert plain["rpcs"] == {MX1: READS, MX2: READS}
    assert forced["_status"] == "ok" and forced["changed"]
    assert forced["before"][MX2]["redundancy_sets"] == {"1": "warned"}
    assert forced["triggered"] == [{"chassis": MX1, "redundancy_set": 1, "event": "RELS_MSHIP_MANUAL_EV", "force": True}]
    assert [(o["rule_id"], o["overrode"], o["by"]) for o in forced["overridden"]] == [
        ("release.force-over-warned", "peer warned", "force on the request")]
    (request,) = triggers(mx, MX1, marks[MX1])      # only the forced run sent one
    assert request["force"] is True and request["rule"] == "release.force-over-warned"
    assert triggers(mx, MX2, marks[MX2]) == []
    assert roles(mx) == {MX1: {1: "STANDBY"}, MX2: {1: "MASTER"}}


def test_peer_unreachable_mid_switchover_fails_cleanly(srd_pair, background):
    mx = srd_pair
    # poll every 3 s: the fault lands well before the poll after the request
    proc, finish = background(mx, [play([primary_role_task("to mx2", MX2, poll_interval=3)])])
    try:
        assert mx.control.wait(MX1, event="srd-switchover-start", count=1, timeout=60)
        mx.inject(MX1, "peer-unreachable")
    finally:
        run = finish()
    result = run["to mx2"]
    assert result["_status"] == "failed", run.output
    assert "lost their peer connection during the switchover" in result["msg"]
    assert "Traceback" not in run.output
    assert result["triggered"][0]["chassis"] == MX1 and result["outcome"] == "peer-lost"
    assert result["actual"][MX1]["redundancy_sets"] == {"1": "standby"}   # released at once; never verified
    assert result["predicted"][MX2]["redundancy_sets"] == {"1": "primary"}
    mx.wait_idle(MX1)
    mx.wait_idle(MX2)
    mx.wait_event(MX2, "srd-switchover-done")
    shown = roles(mx)
    assert list(shown[MX1].values()).count("MASTER") + list(shown[MX2].values()).count("MASTER") <= 1, shown


def test_session_lost_while_waiting_fails_cleanly(srd_pair, plays):
    mx = srd_pair
    # mx2 answers the read before the request, then drops its session at the first poll
    mx.inject(MX2, "drop-session", after=1, rpc="get-services-redundancy-group-information")
    run = plays(mx, [play([primary_role_task("to mx2", MX2)])])
    result = run["to mx2"]
    assert result["_status"] == "failed" and "Traceback" not in run.output
    assert result["msg"].startswith("lost the NETCONF session to pair1-mx2 while waiting for the switchover")
    assert result["unreachable"] == MX2
    assert len(triggers(mx, MX1)) == 1
    mx.wait_event(MX2, "srd-switchover-done")
    _one_master(mx)
    mx.wait_idle(MX1)


def test_bad_names_and_unreachable_chassis(srd_pair, plays):
    mx = srd_pair
    bad_pair = primary_role_task("bad pair", MX2)
    bad_pair["mxha.srd.primary_role"]["pair"] = [MX2, "nosuch"]
    run = plays(mx, [play([bad_pair])])
    assert "nosuch is not an inventory host" in run["bad pair"]["msg"]
    run = plays(mx, [play([primary_role_task("closed port", MX2)])], "-e", "ansible_port=1")
    closed = run["closed port"]
    assert closed["_status"] == "failed"
    assert "cannot open a NETCONF session to pair1-mx2 (127.0.0.1:1)" in closed["msg"]
    assert "lab123" not in run.output and "Traceback" not in run.output


def test_two_sets_switch_together_and_back(srd_pair, plays, tmp_path):
    mx = srd_pair
    commit_intent(mx, two_set_intent(), tmp_path)
    assert roles(mx) == {MX1: {1: "MASTER", 2: "MASTER"}, MX2: {1: "STANDBY", 2: "STANDBY"}}
    marks = {n: mx.mark(n) for n in (MX1, MX2)}
    run = plays(mx, [play([primary_role_task("both to mx2", MX2, sets=(1, 2)),
                           primary_role_task("set 2 back", MX1, sets=(2,)),
                           primary_role_task("both to mx2 again", MX2, sets=(2, 1))])])
    first, back, again = run["both to mx2"], run["set 2 back"], run["both to mx2 again"]
    assert first["_status"] == "ok", first.get("msg")
    assert [(t["chassis"], t["redundancy_set"], t["event"]) for t in first["triggered"]] == [
        (MX1, 1, "RELS_MSHIP_MANUAL_EV"), (MX1, 2, "REL2_MAN")]
    assert first["actual"][MX2]["redundancy_sets"] == {"1": "primary", "2": "primary"}
    assert first["actual"][MX2]["signal_routes"] == [
        {"prefix": "203.0.113.100/32", "routing_instance": "HA"}, {"prefix": "203.0.113.101/32", "routing_instance": "HA"}]
    assert back["triggered"] == [{"chassis": MX2, "redundancy_set": 2, "event": "REL2_MAN", "force": False}]
    assert again["already_primary"] == [1] and [t["redundancy_set"] for t in again["triggered"]] == [2]
    assert [(r["set"], r["redundancy_event"]) for r in triggers(mx, MX1, marks[MX1])] == [
        (1, "RELS_MSHIP_MANUAL_EV"), (2, "REL2_MAN"), (2, "REL2_MAN")]
    assert [(r["set"], r["redundancy_event"]) for r in triggers(mx, MX2, marks[MX2])] == [(2, "REL2_MAN")]
    assert roles(mx) == {MX1: {1: "STANDBY", 2: "STANDBY"}, MX2: {1: "MASTER", 2: "MASTER"}}
