# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every job over an inventory of 20 pairs, each pair isolated, through the shipped playbooks."""
from __future__ import annotations

import json

import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES

from .conftest import FAST, PAIRS, failure_lines, outcomes, pair_names


def holds_intent(emu, n: int) -> bool:
    data = yaml.safe_load((emu.state_dir / "group_vars" / ("pair%d.yml" % n)).read_text())["srd_intent"]
    configs = intent_mod.load(data).configs
    return all(not diff(parse_config(emu.state(name)["committed"]).config.only(*RESOURCES), configs[name], RESOURCES)
               for name in pair_names(n))


def test_every_pair_is_deployed_and_checked_in_one_run(run, fleet):
    res, report = run("deploy.yml", *FAST, "--diff")
    for secret in ("lab123", "example-iccp-key"):  # the inventory's password, the intent's ICCP key
        assert secret not in res.stdout + res.stderr and secret not in json.dumps(report), secret
    assert report["job"] == "deploy" and report["problems"] == []
    assert outcomes(report) == {"cgnat-pair%d" % n: "changed" for n in range(1, PAIRS + 1)}
    assert all(holds_intent(fleet, n) for n in range(1, PAIRS + 1))
    for name in pair_names(1) + pair_names(PAIRS):  # --diff: each changed chassis' show | compare, headed by its name
        assert "[%s]\n[edit" % name in res.stdout, name
    for n in (1, PAIRS):
        for name in pair_names(n):
            fleet.assert_clean(name)
    res, report = run("drift.yml")
    assert outcomes(report) == {"cgnat-pair%d" % n: "ok" for n in range(1, PAIRS + 1)}
    assert report["summary"]["pairs"] == PAIRS and "changed=0" in res.stdout


def test_a_hand_change_is_found_and_attributed_to_its_pair_only(run, fleet):
    run("deploy.yml", *FAST)
    fleet.commit_config("pair7-mx2", "<configuration><services><redundancy-set><rs-id-object><name>1</name>"
                        "<keepalive>5</keepalive></rs-id-object></redundancy-set></services></configuration>")
    res, report = run("drift.yml", "-e", "operational=false")
    drifted = {p: o for p, o in outcomes(report).items() if o != "ok"}
    assert drifted == {"cgnat-pair7": "drift"}
    [pair7] = [p for p in report["pairs"] if p["pair"] == "cgnat-pair7"]
    assert "redundancy_sets[id=1].keepalive is 5 on the device, 10 in the intent" in pair7["findings"]
    assert [p["findings"] for p in report["pairs"] if p["pair"] != "cgnat-pair7"] == [[]] * (PAIRS - 1)
    assert pair7["rpcs"] == {"pair7-mx1": 1, "pair7-mx2": 1}
    assert "FAILED" not in res.stdout
    res, report = run("drift.yml", "-e", "operational=false", "-e", "fail_on_drift=true", check_rc=2)
    assert failure_lines(res.stdout) == ["cgnat-pair7"]


def test_one_bad_pair_of_each_kind_never_stops_the_others(run, fleet, tmp_path):
    """An invalid intent, an unreachable chassis, a held lock: three pairs fail, each named; 17 succeed."""
    bad = yaml.safe_load((fleet.state_dir / "group_vars" / "pair3.yml").read_text())
    bad["srd_intent"]["redundancy_sets"][0]["redundancy_group"] = 99  # no such redundancy group
    inventory = tmp_path / "inventory"
    inventory.mkdir()
    (inventory / "hosts.yml").write_text((fleet.state_dir / "inventory.yml").read_text())
    (inventory / "group_vars").mkdir()
    for n in range(1, PAIRS + 1):  # the intent's keys as the group's variables (the form -e @pair.yml gives)
        data = bad if n == 3 else yaml.safe_load((fleet.state_dir / "group_vars" / ("pair%d.yml" % n)).read_text())
        (inventory / "group_vars" / ("pair%d.yml" % n)).write_text(yaml.safe_dump(data["srd_intent"]))
    fleet.inject("pair5-mx2", "refuse-connections")
    fleet.inject("pair9-mx1", "hold-lock", user="another-operator")
    marks = {name: fleet.mark(name) for name in pair_names(3)}
    res, report = run("deploy.yml", *FAST, inventory=str(inventory / "hosts.yml"), check_rc=2)
    result = outcomes(report)
    assert {p: o for p, o in result.items() if o != "changed"} == {
        "cgnat-pair3": "failed", "cgnat-pair5": "failed", "cgnat-pair9": "failed"}
    by_name = {p["pair"]: p for p in report["pairs"]}
    assert "the intent is not valid" in by_name["cgnat-pair3"]["summary"]
    assert "pair5-mx2" in by_name["cgnat-pair5"]["summary"] and "nothing was changed" in by_name["cgnat-pair5"]["summary"]
    assert "locked by another session" in by_name["cgnat-pair9"]["summary"]
    assert "back on its old configuration" in by_name["cgnat-pair9"]["summary"]
    assert failure_lines(res.stdout) == ["cgnat-pair3", "cgnat-pair5", "cgnat-pair9"]
    assert all(fleet.rpc_names(name, marks[name]) == [] for name in pair_names(3)), "an invalid intent touched a device"
    fleet.control.clear("pair9-mx1")
    for n in (5, 9):
        assert not holds_intent(fleet, n)
    assert all(holds_intent(fleet, n) for n in range(1, PAIRS + 1) if n not in (3, 5, 9))


def test_limit_to_one_chassis_of_a_pair_is_refused(run, fleet):
    res, report = run("drift.yml", "--limit", "pair2-mx1,pair4", "-e", "operational=false", check_rc=2)
    assert list(outcomes(report)) == ["cgnat-pair4"]
    [problem] = report["problems"]
    assert problem["kind"] == "missing" and problem["pair"] == "cgnat-pair2"
    assert "pair2-mx2 not in the play" in problem["message"]
    assert "inventory missing: pair cgnat-pair2 needs both chassis" in res.stdout


def test_a_chassis_that_cannot_be_read_fails_the_drift_check(run, fleet):
    run("deploy.yml", *FAST)
    fleet.inject("pair2-mx1", "refuse-connections")
    fleet.inject("pair2-mx2", "refuse-connections")
    res, report = run("drift.yml", check_rc=2)
    assert outcomes(report)["cgnat-pair2"] == "failed"
    assert "NOT READ" in [p for p in report["pairs"] if p["pair"] == "cgnat-pair2"][0]["summary"]
    assert failure_lines(res.stdout) == ["cgnat-pair2"]
    res, report = run("drift.yml", "-e", "drift_unread_is_failure=false")
    assert outcomes(report)["cgnat-pair2"] == "drift"


def test_every_pair_switches_over_in_one_run_and_check_mode_predicts_it(run, fleet):
    run("deploy.yml", *FAST)
    res, predicted = run("switchover_pairs.yml", "-e", "primary=gateway2", "-e", "poll_interval=0.2", "--check")
    assert outcomes(predicted) == {"cgnat-pair%d" % n: "changed" for n in range(1, PAIRS + 1)}
    assert all(fleet.rpcs(name, "request-services-redundancy-set") == [] for name in pair_names(4))
    res, moved = run("switchover_pairs.yml", "-e", "primary=gateway2")
    assert outcomes(moved) == {"cgnat-pair%d" % n: "changed" for n in range(1, PAIRS + 1)}
    for pair in moved["pairs"]:
        assert [line for line in pair["lines"] if " set 1: " in line] == [
            "%s set 1: primary -> standby" % pair["chassis"][0], "%s set 1: standby -> primary" % pair["chassis"][1]]
    res, again = run("switchover_pairs.yml", "-e", "primary=gateway2")
    assert outcomes(again) == {"cgnat-pair%d" % n: "ok" for n in range(1, PAIRS + 1)}
