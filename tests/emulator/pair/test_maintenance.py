# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Drain and restore on a live emulated A/B pair: each chassis drained and restored, idempotently, check mode
predicting exactly what the run then does, snapshots written and diffed, and every check shown failing."""
from __future__ import annotations

import json
import os

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_maintenance as maintenance
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.live import snapshot as snap

from .conftest import NAMES, deploy, links
from .test_placement import MX1, MX2, TRIGGER, ab_intent, placement, roles, wait_roles
from .truth import assert_clean

NO_SEND = ("get-configuration", "get-services-redundancy-group-information",
           "get-inter-chassis-control-protocol-information", "get-route-information", "get-vrrp-information")


@pytest.fixture
def ab(emu):
    """The A/B pair deployed and placed: set 1 primary on pair1-mx1, set 2 on pair1-mx2."""
    data = ab_intent()
    assert deploy(emu, data, extensions=[placement(data)]).outcome == "changed"
    assert roles(emu) == {1: MX1, 2: MX2}
    return data


def run(emu, data, job: str, tmp_path=None, **kw):
    """One drain or restore, as the fleet executor runs it (sessions closed afterwards)."""
    loaded = intent_mod.load(data)
    spec = PairSpec(data["name"], NAMES, data, "test")
    options = maintenance.Options(wait_timeout=5.0, poll_interval=0.05, check_mode=kw.pop("check_mode", False),
                                  force=kw.pop("force", False), snapshot_dir=str(tmp_path) if tmp_path else None)
    held = links(emu)
    try:
        if job == "drain":
            return maintenance.drain(spec, loaded, held, kw.pop("chassis"), options)
        return maintenance.restore(spec, loaded, held, kw.pop("source", "intent"), kw.pop("before", None), options)
    finally:
        for link in held.values():
            link.close()


def sent(emu, marks) -> dict:
    return {n: [r.get("target") or "x" for r in emu.rpcs(n, TRIGGER, since=marks[n])] for n in NAMES}


def only_reads(emu, marks) -> bool:
    return all(set(emu.rpc_names(n, marks[n])) - {"close-session"} <= set(NO_SEND) for n in NAMES)


@pytest.mark.parametrize("drained, moved", [(MX1, 1), (MX2, 2)])
def test_drain_and_restore_each_chassis_predicted_exactly_idempotent_with_snapshots(emu, ab, tmp_path, drained, moved):
    other = MX2 if drained == MX1 else MX1
    marks = {n: emu.mark(n) for n in NAMES}
    predicted = run(emu, ab, "drain", tmp_path, chassis=[drained], check_mode=True)
    assert predicted.outcome == "changed" and only_reads(emu, marks) and roles(emu) == {1: MX1, 2: MX2}
    assert not list(tmp_path.iterdir())                                   # check mode writes no snapshot
    done = run(emu, ab, "drain", tmp_path, chassis=[drained])
    assert done.outcome == "changed", (done.summary, done.lines)
    assert roles(emu) == {1: other, 2: other}
    # predicted == observed: the same requests, and the snapshot after is the one predicted, fact for fact
    assert done.details["plan"]["moves"] == predicted.details["plan"]["moves"]
    assert [m["redundancy_set"] for m in done.details["plan"]["moves"]] == [moved]
    assert snap.facts(done.details["post"]) == snap.facts(predicted.details["predicted"])
    assert done.details["diff"]["ok"] and done.details["diff"]["changes"] == predicted.details["expected"]
    whats = {(c["chassis"], c["what"]) for c in done.details["diff"]["changes"]}
    assert (drained, "set %d role" % moved) in whats and any(w.startswith("VRRP") for _c, w in whats)
    pre = json.loads((tmp_path / "ab-pair1" / "drain-pre.json").read_text())
    post = json.loads((tmp_path / "ab-pair1" / "drain-post.json").read_text())
    assert pre["schema"] == snap.SCHEMA and pre["phase"] == "pre" and post["phase"] == "post"
    assert pre["chassis"][drained]["redundancy_sets"][str(moved)]["role"] == "primary"
    assert post["chassis"][other]["redundancy_sets"][str(moved)]["role"] == "primary"
    assert any(line.startswith("diff: ") for line in done.lines) and any("snapshots: " in line for line in done.lines)
    for outcome in (predicted, done):   # the report is lists of lines, never a string holding newlines
        assert all("\n" not in line for line in outcome.lines + outcome.findings + [outcome.summary])
    # idempotent: nothing to move, nothing sent, the pre-drain snapshot kept
    stamp = os.stat(tmp_path / "ab-pair1" / "drain-pre.json").st_mtime_ns
    marks = {n: emu.mark(n) for n in NAMES}
    again = run(emu, ab, "drain", tmp_path, chassis=[drained])
    assert again.outcome == "ok" and "nothing to move" in again.summary and only_reads(emu, marks)
    assert os.stat(tmp_path / "ab-pair1" / "drain-pre.json").st_mtime_ns == stamp
    # restore to the intent's placement, predicted first
    back_predicted = run(emu, ab, "restore", tmp_path, check_mode=True)
    assert back_predicted.outcome == "changed"
    back = run(emu, ab, "restore", tmp_path)
    assert back.outcome == "changed", (back.summary, back.lines)
    assert roles(emu) == {1: MX1, 2: MX2}
    assert snap.facts(back.details["post"]) == snap.facts(back_predicted.details["predicted"])
    marks = {n: emu.mark(n) for n in NAMES}
    assert run(emu, ab, "restore", tmp_path).outcome == "ok" and only_reads(emu, marks)
    assert_clean(emu)


def test_restore_from_the_pre_drain_snapshot_puts_back_what_was_there(emu, ab, tmp_path):
    """The intent places set 2 on pair1-mx2 but it sat on pair1-mx1 before the drain: the snapshot wins."""
    from .test_placement import trigger
    trigger(emu, MX2, 2, "SFW_REL_MANUAL_EV")
    wait_roles(emu, {1: MX1, 2: MX1})
    assert run(emu, ab, "drain", tmp_path, chassis=[MX1]).outcome == "changed"
    assert roles(emu) == {1: MX2, 2: MX2}
    before = json.loads((tmp_path / "ab-pair1" / "drain-pre.json").read_text())
    back = run(emu, ab, "restore", tmp_path, source="snapshot", before=before)
    assert back.outcome == "changed", back.summary
    assert roles(emu) == {1: MX1, 2: MX1}
    missing = run(emu, ab, "restore", tmp_path, source="snapshot", before="x.json could not be read: no such file")
    assert missing.outcome == "failed" and "no pre-drain snapshot" in missing.summary


def test_drain_gateway1_names_the_chassis_in_every_pair_and_a_pair_named_by_nothing_fails(emu, ab):
    assert maintenance.drained_chassis(PairSpec("p", NAMES, ab, "t"), intent_mod.load(ab), ["gateway2"]) == MX2
    outcome = run(emu, ab, "drain", chassis=["pair7-mx1"])
    assert outcome.outcome == "failed" and "drain names no chassis of pair ab-pair1" in outcome.summary


# -- every check can fail -------------------------------------------------------------------------------

def refused(emu, ab, check_id, **kw):
    marks = {n: emu.mark(n) for n in NAMES}
    outcome = run(emu, ab, "drain", chassis=[MX1], **kw)
    assert outcome.outcome == "failed", outcome.summary
    assert outcome.summary.startswith("refused before anything was sent: ")
    failed = {c["id"] for c in outcome.details["checks"] if not c["passed"]}
    assert check_id in failed, outcome.details["checks"]
    assert only_reads(emu, marks) and roles(emu) == {1: MX1, 2: MX2}
    return outcome


def test_check_srd_running_fails_when_the_receiving_chassis_runs_no_srd(emu, ab):
    emu.inject(MX2, "srd-disable")            # gateway 2, primary for set 2: no switchover (S20)
    refused(emu, ab, "srd-running")


def test_check_iccp_up_and_peer_connected_fail_when_the_peers_cannot_talk(emu, ab):
    emu.inject(MX2, "peer-unreachable")
    outcome = refused(emu, ab, "iccp-up")
    assert "peer-connected" in {c["id"] for c in outcome.details["checks"] if not c["passed"]}


def test_check_no_wait_fails_on_a_set_in_wait_even_with_force(emu, ab):
    emu.inject(MX2, "srd-wait", set=1)
    refused(emu, ab, "no-wait", force=True)


def test_check_peer_not_warned_fails_unless_forced(emu, ab):
    emu.inject(MX2, "srd-warned", set=1)
    outcome = refused(emu, ab, "peer-not-warned")
    assert "force overrides peer-not-warned" in outcome.summary
    forced = run(emu, ab, "drain", chassis=[MX1], force=True)
    assert forced.outcome == "changed", forced.summary
    assert [c["forced"] for c in forced.details["checks"] if c["id"] == "peer-not-warned"] == [True]
    assert forced.details["plan"]["moves"][0]["force"] and roles(emu) == {1: MX2, 2: MX2}


def test_check_peer_healthy_fails_on_a_monitored_link_down_unless_forced(emu, ab):
    emu.inject(MX2, "link-down", interface="xe-1/0/1")   # set 1's NAT downlink on the receiving chassis
    refused(emu, ab, "peer-healthy")


def test_a_move_the_engine_refuses_sends_nothing(emu):
    """Set 2 reacts to the peer only: no request moves it (plan.no-candidate), whatever the checks say."""
    data = ab_intent()
    for policy in data["redundancy_policies"]:
        policy["events"] = [e for e in policy["events"] if not e.startswith("SFW_") or "PEER" in e]
    data["redundancy_events"] = [e for e in data["redundancy_events"] if not e["name"].startswith("SFW_")
                                 or "PEER" in e["name"]]
    del data["redundancy_sets"][1]["primary"]
    assert deploy(emu, data, extensions=[placement(data)]).outcome == "changed"
    assert roles(emu) == {1: MX1, 2: MX1}
    marks = {n: emu.mark(n) for n in NAMES}
    outcome = run(emu, data, "drain", chassis=[MX1])
    assert outcome.outcome == "failed" and all(c["passed"] for c in outcome.details["checks"])
    assert "the engine refuses set 2 to pair1-mx2" in outcome.summary and "plan.no-candidate" in outcome.summary
    assert only_reads(emu, marks)


# -- every verification can fail --------------------------------------------------------------------------

def test_a_switchover_that_never_completes_fails_the_roles_check(emu, ab):
    emu.inject(MX2, "srd-stall")
    outcome = run(emu, ab, "drain", chassis=[MX1])
    assert outcome.outcome == "failed" and "does not show the predicted state" in outcome.summary
    assert any(f.startswith("UNEXPECTED pair1-mx2 set 1 role: standby -> wait (expected primary)") for f in
               outcome.findings), outcome.findings
    emu.control.clear(MX2, "srd-stall")


def test_a_signal_route_that_does_not_appear_fails_the_route_check(emu, ab):
    emu.inject(MX2, "route-hold")
    outcome = run(emu, ab, "drain", chassis=[MX1])
    assert outcome.outcome == "failed"
    bad = {c["what"] for c in outcome.details["diff"]["changes"] if c["verdict"] != snap.AS_EXPECTED}
    assert "signal route 203.0.113.1/32 (HA)" in bad


def test_vrrp_that_does_not_follow_fails_the_vrrp_check(emu, ab):
    emu.inject(MX1, "vrrp-freeze")
    outcome = run(emu, ab, "drain", chassis=[MX1])
    assert outcome.outcome == "failed" and "does not show what was predicted" in outcome.summary
    bad = {(c["chassis"], c["what"]) for c in outcome.details["diff"]["changes"] if c["verdict"] != snap.AS_EXPECTED}
    assert (MX1, "VRRP xe-0/0/1.0 group 10 state") in bad and roles(emu) == {1: MX2, 2: MX2}


def test_a_change_nobody_asked_for_fails_the_diff(emu, ab):
    """A link of set 2 drops on pair1-mx2 as the request arrives (set 2 is not moved by draining pair1-mx1)."""
    emu.inject(MX1, "link-down", interface="xe-0/0/3", on_rpc=TRIGGER)   # set 2's firewall downlink on mx1
    outcome = run(emu, ab, "drain", chassis=[MX1])
    assert outcome.outcome == "failed"
    unexpected = {(c["chassis"], c["what"]) for c in outcome.details["diff"]["changes"]
                  if c["verdict"] == snap.UNEXPECTED}
    assert (MX1, "set 2 health") in unexpected
    assert roles(emu) == {1: MX2, 2: MX2}


# -- snapshots around a fleet switchover --------------------------------------------------------------------

def switch(emu, data, tmp_path=None, check_mode=False):
    from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_switchover

    held = links(emu)
    try:
        return pair_switchover.switch(PairSpec(data["name"], NAMES, data, "test"), intent_mod.load(data), held,
                                      [MX2], [1], False, 5.0, 0.05, check_mode, str(tmp_path) if tmp_path else None)
    finally:
        for link in held.values():
            link.close()


def test_a_switchover_is_snapshotted_before_and_after_and_its_diff_predicted(emu, ab, tmp_path):
    predicted = switch(emu, ab, tmp_path, check_mode=True)
    assert predicted.outcome == "changed" and roles(emu) == {1: MX1, 2: MX2}
    done = switch(emu, ab, tmp_path)
    assert done.outcome == "changed", done.summary
    assert snap.facts(done.details["post"]) == snap.facts(predicted.details["predicted_snapshot"])
    assert done.details["diff"]["ok"] and done.details["diff"]["changes"] == predicted.details["expected"]
    assert (tmp_path / "ab-pair1" / "switchover-pre.json").is_file()
    assert (tmp_path / "ab-pair1" / "switchover-post.json").is_file()
    again = switch(emu, ab)
    assert again.outcome == "ok" and "diff" not in again.details


def test_a_switchover_whose_vrrp_does_not_follow_fails_on_its_diff(emu, ab):
    emu.inject(MX1, "vrrp-freeze")
    outcome = switch(emu, ab)
    assert outcome.outcome == "failed" and "does not show what was predicted" in outcome.summary
    assert roles(emu) == {1: MX2, 2: MX2}
    assert any(f.startswith("did not happen: pair1-mx1 VRRP") for f in outcome.findings), outcome.findings


def test_sixteen_sets_drain_and_restore_in_one_pass_each_as_predicted(emu):
    """A pair at the set limit of one chassis' groups: 16 sets, 16 requests each way, and the snapshot after each
    pass is the one predicted. The RPCs: the configuration and a pre snapshot (5 per chassis), the requests (all on
    the chassis the engine chose), the polls until both chassis show the roles (1 per chassis each), the routes (1),
    and a post snapshot (4)."""
    from mxsim.srd.example import sets_intent

    data = sets_intent(16)
    assert deploy(emu, data).outcome == "changed"
    assert roles(emu) == {n: MX1 for n in range(1, 17)}
    for job, kw, there in (("drain", {"chassis": [MX1]}, MX2), ("restore", {}, MX1)):
        predicted = run(emu, data, job, check_mode=True, **kw)
        marks = {n: emu.mark(n) for n in NAMES}
        done = run(emu, data, job, **kw)
        assert done.outcome == "changed", done.summary
        assert roles(emu) == {n: there for n in range(1, 17)}
        assert snap.facts(done.details["post"]) == snap.facts(predicted.details["predicted"])
        sender = MX1 if job == "drain" else MX2
        assert len(emu.rpcs(sender, TRIGGER, since=marks[sender])) == 16
        assert not emu.rpcs(there, TRIGGER, since=marks[there])
        polls = len(emu.rpcs(there, "get-services-redundancy-group-information", since=marks[there])) - 2
        for name in NAMES:
            count = len([r for r in emu.rpc_names(name, marks[name]) if r != "close-session"])
            assert count == 5 + (16 if name == sender else 0) + polls + 1 + 4, (name, emu.rpc_names(name, marks[name]))
