# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The primary_role runner (module_utils/switchover.py) on a scripted pair with a fake clock."""

from __future__ import annotations

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.jobs.switchover import Request, Runner, SwitchoverFailed
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import Transport
from srd_fake_pair import HA, MX1, MX2, FakeClock, FakePair, example

READS = ["get-configuration", "get-services-redundancy-group-information", "get-route-information"]
REQUEST = "request-services-redundancy-set"


def _run(fake, target=MX2, sets=(1,), **options):
    clock = FakeClock()
    req = Request(target=target, peer=MX1 if target == MX2 else MX2, set_ids=list(sets), **options)
    runner = Runner(req, {MX1: Transport(fake.sender(MX1)), MX2: Transport(fake.sender(MX2))},
                    clock=clock.clock, sleep=clock.sleep)
    return runner, clock


def _fails(fake, **kw):
    runner, clock = _run(fake, **kw)
    with pytest.raises(SwitchoverFailed) as err:
        runner.run()
    return err.value, runner, clock


@pytest.fixture
def pair():
    return FakePair(example(), {MX1: {1: "MASTER"}, MX2: {1: "STANDBY"}})


def test_switchover_sends_one_request_and_verifies(pair):
    runner, clock = _run(pair)
    result = runner.run()
    assert result["changed"] and result["triggered"] == [
        {"chassis": MX1, "redundancy_set": 1, "event": "RELS_MSHIP_MANUAL_EV", "force": False}]
    assert result["outcome"] == "matched" and clock.slept == []
    assert result["actual"][MX2] == {"daemon": "enabled", "redundancy_sets": {"1": "primary"},
                                     "signal_routes": [{"prefix": HA[0], "routing_instance": "HA"}]}
    assert result["actual"][MX1]["signal_routes"] == []
    assert {n: result["predicted"][n]["redundancy_sets"] for n in (MX1, MX2)} == {
        n: result["actual"][n]["redundancy_sets"] for n in (MX1, MX2)}
    assert pair.sent[MX1] == READS + [REQUEST, "get-services-redundancy-group-information", "get-route-information"]
    assert pair.sent[MX2] == READS + ["get-services-redundancy-group-information", "get-route-information"]


def test_already_primary_reads_only(pair):
    runner, _clock = _run(pair, target=MX1)
    result = runner.run()
    assert not result["changed"] and result["already_primary"] == [1]
    assert pair.sent == {MX1: READS, MX2: READS}


def test_check_mode_predicts_and_sends_nothing(pair):
    runner, _clock = _run(pair, check_mode=True)
    result = runner.run()
    assert result["changed"] and result["predicted"][MX2]["redundancy_sets"] == {"1": "primary"}
    assert result["signal_routes"][MX2]["added"] == [{"prefix": HA[0], "routing_instance": "HA"}]
    assert pair.sent == {MX1: READS, MX2: READS}


def test_refused_by_the_engine_sends_nothing_and_says_what_force_would_do(pair):
    pair.roles[MX2][1] = "STANDBY (WARNED)"
    err, _runner, _clock = _fails(pair)
    assert "release.peer-warned" in str(err) and "nothing was sent" in str(err)
    assert "With force: true it would be allowed, overriding: peer warned on pair1-mx1 (release.force-over-warned)" in str(err)
    assert err.details["changed"] is False and err.details["refused"][0]["rule_id"] == "plan.all-refused"
    assert pair.sent == {MX1: READS, MX2: READS}


def test_device_that_never_switches_times_out_with_before_predicted_actual(pair):
    pair.on_trigger = "ignore"
    err, _runner, clock = _fails(pair, wait_timeout=5, poll_interval=1)
    assert str(err).startswith("after 5.0 s the pair does not show the predicted state for redundancy set(s) 1")
    d = err.details
    assert d["outcome"] == "timeout" and d["changed"] is True
    assert d["before"][MX1]["redundancy_sets"] == {"1": "primary"}
    assert d["predicted"][MX1]["redundancy_sets"] == {"1": "standby"}
    assert d["actual"][MX1]["redundancy_sets"] == {"1": "primary"}
    assert sum(clock.slept) == pytest.approx(5) and len(clock.slept) == 5
    assert pair.sent[MX1].count("get-services-redundancy-group-information") == 1 + 6


def test_device_refusing_what_the_engine_allows_changes_nothing(pair):
    pair.on_trigger = "refuse"
    err, _runner, _clock = _fails(pair)
    assert "the device refused the request the engine allowed; nothing changed" in str(err)
    assert err.details["changed"] is False and err.details["triggered"] == []
    assert pair.sent[MX1] == READS + [REQUEST] and pair.sent[MX2] == READS


def test_two_primaries_seen_stop_the_wait_at_once(pair):
    pair.on_trigger = "dual"
    err, _runner, clock = _fails(pair, wait_timeout=30)
    assert "show primary on both chassis" in str(err) and err.details["outcome"] == "dual-primary"
    assert clock.slept == [] and pair.sent[MX1].count(REQUEST) == 1


def test_session_lost_while_waiting(pair):
    pair.on_trigger = "ignore"
    runner, clock = _run(pair, wait_timeout=30, poll_interval=1)
    runner.sleep = lambda s: pair.lost.add(MX2)         # mx2 goes away after the first poll
    with pytest.raises(SwitchoverFailed) as err:
        runner.run()
    assert str(err.value).startswith("lost the NETCONF session to pair1-mx2 while waiting")
    assert err.value.details["unreachable"] == MX2 and err.value.details["outcome"] == "session-lost"


def test_peers_not_connected_is_refused_even_with_force(pair):
    pair.status[MX1] = "Not Connected"
    err, _runner, _clock = _fails(pair, force=True)
    assert err.details["rule_id"] == "precheck.peer-not-connected" and "set 1 on pair1-mx1" in str(err)
    assert REQUEST not in pair.sent[MX1] + pair.sent[MX2]


def test_peer_daemon_stopped_uses_the_peer_view_or_refuses(pair):
    pair.daemon[MX2] = False
    err, _runner, _clock = _fails(pair)              # mx1 still sees mx2 STANDBY: the engine decides
    assert "release.no-peer" in str(err) and REQUEST not in pair.sent[MX1]
    pair.peer_view[MX1] = "UNKNOWN"
    err, _runner, _clock = _fails(pair)
    assert "cannot read the state of redundancy set 1 on pair1-mx2: srd is not running there" in str(err)


def test_several_sets_only_the_ones_needed():
    pair = FakePair(example(extra_set=True), {MX1: {1: "MASTER", 2: "STANDBY"}, MX2: {1: "STANDBY", 2: "MASTER"}},
                    routes={MX1: {HA}, MX2: {("203.0.113.101/32", "HA")}})
    runner, _clock = _run(pair, sets=(1, 2))
    result = runner.run()
    assert result["already_primary"] == [2] and [p["redundancy_set"] for p in result["plans"]] == [1]
    assert result["actual"][MX2]["redundancy_sets"] == {"1": "primary", "2": "primary"}
    assert pair.sent[MX1].count(REQUEST) == 1 and REQUEST not in pair.sent[MX2]


def test_no_manual_event_configured_says_what_is_needed():
    pair = FakePair(example(peer_events_only=True), {MX1: {1: "MASTER"}, MX2: {1: "STANDBY"}})
    err, _runner, _clock = _fails(pair)
    assert "plan.no-candidate" in str(err) and "A manual switchover needs a redundancy event without monitor" in str(err)
    assert "release-mastership policy of set 1 on pair1-mx1" in str(err)
    assert pair.sent == {MX1: READS, MX2: READS}


def test_unknown_set_fails_before_anything(pair):
    err, _runner, _clock = _fails(pair, sets=(7,))
    assert "has no redundancy set 7" in str(err)
    assert REQUEST not in pair.sent[MX1] + pair.sent[MX2]
