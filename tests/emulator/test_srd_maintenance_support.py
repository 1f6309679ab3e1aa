"""What the maintenance and placement tests need from the emulated pair, each behind a fault or a documented
mechanism: a signal route's age counts from when the chassis started showing it; a switchover that stalls
(srd-stall); a routing table that takes no new signal route (route-hold); VRRP that stops following its
tracked routes (vrrp-freeze); a link that goes down when a given RPC arrives (link-down on_rpc); and
`mxsim intents` carrying a placement over to every emulated pair."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from emulator_helpers import rpc
from mxsim import lab
from mxsim.testing import srd_pair  # noqa: F401 pylint: disable=unused-import
from test_srd_faults import vrrp
from test_srd_switchover import MX1, MX2, RELEASE, SIGNAL, signal_routes, states, trigger

ROOT = Path(__file__).resolve().parents[2]


def route_age(m) -> int:
    x = rpc(m, "<get-route-information><table>HA.inet.0</table></get-route-information>")
    age = x.find(".//rt-entry/age")
    return int(next(v for k, v in age.attrib.items() if k.endswith("seconds")))


def test_a_signal_route_age_counts_from_when_it_appeared_not_from_the_first_read(srd_pair):
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        trigger(m1, RELEASE)
        srd_pair.wait_event(MX2, "srd-switchover-done")
        time.sleep(1.2)
        assert signal_routes(m2) == [SIGNAL] and route_age(m2) >= 1   # first read, over a second after it appeared


def test_srd_stall_keeps_the_chassis_taking_over_initializing_until_cleared(srd_pair):
    srd_pair.inject(MX2, "srd-stall")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        trigger(m1, RELEASE)
        time.sleep(0.6)   # twice the test emulator's switchover time
        assert states(m1)[0] == "STANDBY" and states(m2)[0] == "INITIALIZING" and signal_routes(m2) == []
        srd_pair.control.clear(MX2, "srd-stall")
        assert states(m2)[0] == "MASTER" and signal_routes(m2) == [SIGNAL]
    assert srd_pair.events(MX2, "srd-stall")


def test_route_hold_keeps_a_new_signal_route_out_of_the_table_and_vrrp_sees_it_absent(srd_pair):
    srd_pair.inject(MX2, "route-hold")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        trigger(m1, RELEASE)
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert states(m2)[0] == "MASTER" and signal_routes(m2) == [] and signal_routes(m1) == []
        assert vrrp(m2) == ("backup", "40") and vrrp(m1) == ("master", "50")   # 190 - 150 against 200 - 150
        srd_pair.control.clear(MX2, "route-hold")
        assert signal_routes(m2) == [SIGNAL] and vrrp(m2) == ("master", "190")


def test_vrrp_freeze_keeps_each_group_as_it_was(srd_pair):
    srd_pair.inject(MX1, "vrrp-freeze")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        trigger(m1, RELEASE)
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert signal_routes(m1) == [] and vrrp(m1) == ("master", "200")      # frozen: still master at 200
        assert vrrp(m2) == ("backup", "190")                                  # 190 loses to the frozen 200
        srd_pair.control.clear(MX1, "vrrp-freeze")
        assert vrrp(m1) == ("backup", "50") and vrrp(m2) == ("master", "190")


def test_link_down_on_rpc_waits_for_that_rpc(srd_pair):
    srd_pair.inject(MX2, "link-down", interface="xe-1/0/1", on_rpc="get-vrrp-information")
    with srd_pair.ncclient(MX2) as m2:
        assert rpc(m2, "<get-services-redundancy-group-information><brief/></get-services-redundancy-group-information>"
                   ).findtext(".//rs-health-status") == "Passed"
        assert vrrp(m2)[0] == "init"        # the link went down as this RPC arrived, before it ran
    assert [e["interface"] for e in srd_pair.events(MX2, "link-down")] == ["xe-1/0/1"]


def test_mxsim_intents_carries_the_placement_to_every_pair():
    example = yaml.safe_load((ROOT / "docs" / "examples" / "ab-pair.yml").read_text())
    third = lab.pair_intent(example, 3)
    assert [s["primary"] for s in third["redundancy_sets"]] == ["pair3-mx1", "pair3-mx2"]
    assert sorted(third["chassis"]) == ["pair3-mx1", "pair3-mx2"] and third["name"] == "ab-pair3"
    example["redundancy_events"][0]["only_on"] = ["pair1-mx2"]
    assert lab.pair_intent(example, 2)["redundancy_events"][0]["only_on"] == ["pair2-mx2"]


def test_the_new_faults_are_listed(srd_pair):
    assert {"srd-stall", "route-hold", "vrrp-freeze"} <= set(srd_pair.control.faults())
