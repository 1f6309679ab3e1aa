# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Placement on a live emulated pair: an A/B intent deploys with each set on its chassis, check mode predicts it
exactly, a refused move sends nothing, a changed signal route is mended before the health gate, and drift
reports a set moved by hand as role drift."""
from __future__ import annotations

import copy
import time
from pathlib import Path

import yaml

from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_drift
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_placement import Placement
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec

from .conftest import NAMES, deploy, example_intent, links
from .truth import assert_clean

AB = Path(__file__).resolve().parents[3] / "docs" / "examples" / "ab-pair.yml"
MX1, MX2 = NAMES
TRIGGER = "request-services-redundancy-set"


def ab_intent() -> dict:
    return yaml.safe_load(AB.read_text())


def placement(data=None, **kw) -> Placement:
    return Placement(intent_mod.load(data or ab_intent()).placement, wait_timeout=10, poll_interval=0.05, **kw)


def roles(emu) -> dict:
    """{set: primary chassis} as the emulator's srd shows it, no switchover running (its state, not a client's read)."""
    srd = emu.state(MX1)["srd"]
    if srd["switchovers"]:
        return {"switchover": "in progress"}
    state = srd["shown"]
    out = {}
    for name, part in state.items():
        for set_id, role in part["roles"].items():
            if role == "primary":
                out.setdefault(int(set_id), []).append(name)
    return {s: names[0] if len(names) == 1 else names for s, names in sorted(out.items())}


def routes(emu, name: str) -> list:
    return sorted(r["prefix"] for r in emu.state(MX1)["srd"]["state"][name]["signal_routes"])


def wait_roles(emu, want: dict, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while roles(emu) != want and time.monotonic() < end:
        time.sleep(0.05)
    assert roles(emu) == want


def trigger(emu, chassis: str, set_id: int, event: str) -> None:
    from lxml import etree

    with emu.ncclient(chassis) as m:
        m.rpc(etree.fromstring("<request-services-redundancy-set><id>%d</id><trigger/><redundancy-event>%s"
                               "</redundancy-event></request-services-redundancy-set>" % (set_id, event)))


def test_an_a_b_intent_deploys_with_each_set_on_its_chassis_as_check_mode_predicted(emu):
    predictor = placement()
    predicted = deploy(emu, ab_intent(), extensions=[predictor], check_mode=True)
    assert predicted.outcome == "changed" and roles(emu) == {}
    assert "placement (check mode): would move set 2 to pair1-mx2 (SFW_REL_MANUAL_EV on pair1-mx1, release.ok)" \
        in predicted.lines
    assert any("assumed primary on pair1-mx1" in line for line in predicted.lines)
    marks = {n: emu.mark(n) for n in NAMES}
    mover = placement()
    outcome = deploy(emu, ab_intent(), extensions=[mover])
    assert outcome.outcome == "changed", outcome.summary
    assert "placement: moved set 2 to pair1-mx2 (SFW_REL_MANUAL_EV on pair1-mx1, release.ok)" in outcome.lines
    assert roles(emu) == {1: MX1, 2: MX2}
    assert routes(emu, MX1) == ["203.0.113.1/32"] and routes(emu, MX2) == ["203.0.113.2/32"]
    # predicted == observed: the same requests, the same roles and routes after
    assert mover.result["plan"]["moves"] == predictor.result["plan"]["moves"]
    assert mover.result["actual"] == {n: dict(predictor.result["predicted"][n]) for n in NAMES}
    assert emu.rpcs(MX1, TRIGGER, since=marks[MX1]) and not emu.rpcs(MX2, TRIGGER, since=marks[MX2])
    assert_clean(emu)


def test_a_second_deploy_of_a_placed_pair_reads_and_moves_nothing(emu):
    assert deploy(emu, ab_intent(), extensions=[placement()]).outcome == "changed"
    marks = {n: emu.mark(n) for n in NAMES}
    again = deploy(emu, ab_intent(), extensions=[placement()])
    assert again.outcome == "ok", again.summary
    assert "placement: every placed set is primary where the intent places it (set 1 on pair1-mx1, set 2 on " \
        "pair1-mx2)" in again.lines
    for name in NAMES:
        assert [n for n in emu.rpc_names(name, marks[name]) if n != "close-session"] == [
            "get-configuration", "get-services-redundancy-group-information", "get-route-information"]
    predicted = deploy(emu, ab_intent(), extensions=[placement()], check_mode=True)
    assert predicted.outcome == "ok" and any("already where the intent places it" in line for line in predicted.lines)


def test_a_set_moved_back_by_hand_is_put_in_place_again_by_the_next_deploy(emu):
    assert deploy(emu, ab_intent(), extensions=[placement()]).outcome == "changed"
    trigger(emu, MX2, 2, "SFW_REL_MANUAL_EV")
    wait_roles(emu, {1: MX1, 2: MX1})
    outcome = deploy(emu, ab_intent(), extensions=[placement()])
    assert outcome.outcome == "changed", outcome.summary
    assert outcome.summary.startswith("both chassis already hold the intent")
    assert roles(emu) == {1: MX1, 2: MX2}


def test_a_move_the_engine_refuses_fails_the_pair_before_any_request_is_sent(emu):
    assert deploy(emu, ab_intent(), extensions=[placement()]).outcome == "changed"
    trigger(emu, MX2, 2, "SFW_REL_MANUAL_EV")
    wait_roles(emu, {1: MX1, 2: MX1})
    emu.inject(MX2, "srd-warned", set=2)
    marks = {n: emu.mark(n) for n in NAMES}
    outcome = deploy(emu, ab_intent(), extensions=[placement()])
    assert outcome.outcome == "failed"
    assert "placement refused before any request was sent: set 2 to pair1-mx2" in outcome.summary
    assert "release.peer-warned" in outcome.summary and "force would allow it" in outcome.summary
    assert not any(emu.rpcs(n, TRIGGER, since=marks[n]) for n in NAMES)
    assert roles(emu) == {1: MX1, 2: MX1}


def test_drift_reports_a_set_moved_by_hand_as_role_drift_per_set(emu):
    data = ab_intent()
    assert deploy(emu, data, extensions=[placement()]).outcome == "changed"
    loaded = intent_mod.load(data)
    spec = PairSpec(data["name"], NAMES, data, "test")

    def check():
        held = links(emu)
        try:
            return pair_drift.check(spec, loaded, held)
        finally:
            for link in held.values():
                link.close()

    clean = check()
    assert clean.outcome == "ok", clean.lines
    assert clean.summary == "ab-pair1: no drift (config, symmetry, operational, placement checked)."
    trigger(emu, MX2, 2, "SFW_REL_MANUAL_EV")
    wait_roles(emu, {1: MX1, 2: MX1})
    time.sleep(1.1)   # so the role's age reads at least a second
    moved = check()
    assert moved.outcome == "drift"
    assert moved.summary == "ab-pair1: DRIFT: 1 set on the wrong chassis (role drift)."
    (finding,) = moved.findings
    assert finding.startswith("redundancy set 2 is primary on pair1-mx1, the intent places it on pair1-mx2 (role "
                              "drift): pair1-mx1 has held the role for ")
    age = moved.details["drift"]["placement"]["findings"][0]["role_age_seconds"]
    assert 1 <= age < 60
    assert [row["status"] for row in moved.details["drift"]["placement"]["sets"]] == ["in place", "role drift"]
    assert moved.details["drift"]["counts"]["config"] == 0
    assert any("placement of set 2" in line and "DRIFT" in line and "role drift" in line for line in moved.lines)


def test_a_changed_signal_route_on_a_primary_is_mended_before_the_health_gate(emu):
    """The getting-started walk-through leaves set 1 primary on pair1-mx2; a new signal route prefix then
    cannot appear there until the acquire policy runs again."""
    assert deploy(emu).outcome == "changed"
    trigger(emu, MX1, 1, "RELS_MSHIP_MANUAL_EV")
    wait_roles(emu, {1: MX2})
    changed = yaml.safe_load(yaml.safe_dump(example_intent()).replace("203.0.113.100/32", "203.0.113.200/32"))
    refused = deploy(emu, copy.deepcopy(changed), health_timeout=1.0)
    assert refused.outcome == "failed"
    assert "pair1-mx2 is primary for set 1 but its signal route 203.0.113.200/32 (HA) is absent" in refused.summary
    assert "request services redundancy-set id 1 trigger redundancy-event ACQU_MSHIP_MANUAL_EV" in refused.summary
    assert "place_roles" in refused.summary
    marks = {n: emu.mark(n) for n in NAMES}
    mended = deploy(emu, changed, extensions=[placement(changed)])
    assert mended.outcome == "changed", mended.summary
    assert any(line.startswith("step: mend: set 1: pair1-mx2 lacks its signal route 203.0.113.200/32 (HA)") and
               "ran ACQU_MSHIP_MANUAL_EV on pair1-mx2 again in place (acquire.already-primary)" in line
               for line in mended.lines), mended.lines
    assert roles(emu) == {1: MX2} and routes(emu, MX2) == ["203.0.113.200/32"]
    assert len(emu.rpcs(MX2, TRIGGER, since=marks[MX2])) == 1 and not emu.rpcs(MX1, TRIGGER, since=marks[MX1])
    assert_clean(emu)
