"""srd faults on the emulated pair: monitored link down, PIC reboot, rpd restart, ICCP down,
daemon disabled on gateway 1 and on gateway 2. Each is seen through the operational RPCs and in
the RPC log."""

from __future__ import annotations

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError

from emulator_helpers import rpc
from mxsim.testing import srd_pair  # noqa: F401 pylint: disable=unused-import
from test_srd_switchover import MX1, MX2, RELEASE, SIGNAL, rs, signal_routes, states, trigger

NOT_RUNNING = "services redundancy daemon is not running"


def iccp(m) -> etree._Element:
    return rpc(m, "<get-inter-chassis-control-protocol-information/>")


def vrrp(m) -> tuple[str, str]:
    x = rpc(m, "<get-vrrp-information/>")
    return x.findtext(".//vrrp-state"), x.findtext(".//current-priority")


def test_link_down_on_the_primarys_monitored_interface_switches_over(srd_pair):
    srd_pair.inject(MX1, "link-down", interface="xe-0/0/1")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        assert states(m1)[0] == "STANDBY" and states(m2)[0] == "INITIALIZING"
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert states(m2) == ("MASTER", "STANDBY", "Connected")
        ext = rs(m1, "extensive")
        assert ext.findtext(".//rs-health-status") == "Failed"
        assert ext.findtext(".//monitored-interface-down-count") == "1"
        assert [e.text for e in ext.iterfind(".//failed-interface")] == ["xe-0/0/1"]
        ifd = rpc(
            m1, "<get-interface-information><interface-name>xe-0/0/1</interface-name></get-interface-information>"
        )
        assert ifd.findtext(".//oper-status") == "down"
        assert vrrp(m1)[0] == "init" and vrrp(m2)[0] == "master"
        assert signal_routes(m2) == [SIGNAL]
        srd_pair.control.clear(MX1, "link-down")
        assert rs(m1, "brief").findtext(".//rs-health-status") == "Passed"
        assert states(m2)[0] == "MASTER"  # link up fires nothing: no switchback
    decision = srd_pair.events(MX1, "srd-decision")[-1]
    assert (decision["kind"], decision["redundancy_event"], decision["rule"]) == (
        "event",
        "RELS_MSHIP_CRIT_EV",
        "release.ok",
    )
    assert [e["event"] for e in srd_pair.events(MX1) if e["event"].startswith("link-")] == ["link-down", "link-up"]


def test_link_down_on_the_standby_changes_no_role(srd_pair):
    srd_pair.inject(MX2, "link-down", interface="xe-1/0/0")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        assert states(m1)[0] == "MASTER"
        assert rs(m2, "brief").findtext(".//rs-health-status") == "Failed"
    assert srd_pair.events(MX2, "srd-decision")[-1]["rule"] == "release.not-primary"
    assert srd_pair.events(MX1, "srd-switchover-start") == []


def test_pic_reboot_takes_the_services_interface_down_then_up(srd_pair):
    srd_pair.inject(MX1, "pic-reboot", fpc=1, pic=0, seconds=0.2)
    srd_pair.wait_event(MX2, "srd-switchover-done")
    srd_pair.wait_event(MX1, "link-up")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        assert states(m2)[0] == "MASTER"
        assert rs(m1, "brief").findtext(".//rs-health-status") == "Passed"
    down = srd_pair.events(MX1, "link-down")
    assert [e["interface"] for e in down] == ["vms-1/0/0"]
    assert srd_pair.state(MX1)["faults"] == []


def test_rpd_restart_fires_the_process_routing_events(srd_pair):
    srd_pair.inject(MX1, "rpd-restart")
    srd_pair.wait_event(MX2, "srd-switchover-done")
    with srd_pair.ncclient(MX2) as m2:
        assert states(m2)[0] == "MASTER"
    assert srd_pair.events(MX1, "rpd-restart")
    assert srd_pair.events(MX1, "srd-decision")[-1]["redundancy_event"] == "RELS_MSHIP_CRIT_EV"


def test_iccp_down_peer_unknown_and_trigger_refused(srd_pair):
    since = srd_pair.mark(MX2)
    srd_pair.inject(MX1, "peer-unreachable")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        assert states(m1) == ("MASTER", "UNKNOWN", "Not Connected")
        assert states(m2) == ("STANDBY", "UNKNOWN", "Not Connected")
        assert rs(m1).findtext(".//number-of-peer-rg-connections") == "0"
        for m in (m1, m2):
            x = iccp(m)
            assert x.findtext(".//peer-conn-tcp-state") == "Closed"
            assert x.findtext(".//rg-state") == "Down"
        with pytest.raises(RPCError, match=r"iccp\.peer-not-connected"):
            trigger(m1, RELEASE)
        assert states(m1)[0] == "MASTER"
        srd_pair.control.clear(MX1, "peer-unreachable")
        assert states(m1) == ("MASTER", "STANDBY", "Connected")
        assert iccp(m2).findtext(".//peer-conn-tcp-state") == "Established"
    assert [e["event"] for e in srd_pair.events(MX2, since=since) if e["event"].startswith("iccp-")] == [
        "iccp-down",
        "iccp-up",
    ]


def test_link_down_while_iccp_is_down_cannot_release(srd_pair):
    srd_pair.inject(MX1, "peer-unreachable")
    srd_pair.inject(MX1, "link-down", interface="xe-0/0/0")
    with srd_pair.ncclient(MX1) as m1:
        assert states(m1)[0] == "MASTER"
    assert srd_pair.events(MX1, "srd-decision")[-1]["rule"] == "release.no-peer"


def test_daemon_disabled_on_gateway1_switches_over(srd_pair):
    srd_pair.inject(MX1, "srd-disable")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        with pytest.raises(RPCError, match=NOT_RUNNING):
            rs(m1)
        with pytest.raises(RPCError, match=NOT_RUNNING + r".*\(daemon\.disabled\)"):
            trigger(m1, RELEASE)
        assert states(m2)[0] == "INITIALIZING"
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert states(m2) == ("MASTER", "UNKNOWN", "Not Connected")
        assert signal_routes(m1) == [] and signal_routes(m2) == [SIGNAL]
        assert [c.findtext("client-name") for c in iccp(m1).iterfind(".//iccp-client")] == []
        srd_pair.control.clear(MX1, "srd-disable")
        assert states(m1) == ("STANDBY", "MASTER", "Connected")
    assert srd_pair.events(MX1, "srd-decision")[0]["rule"] == "daemon.gw1-switchover"


def test_daemon_disabled_on_gateway2_does_not_switch_over(srd_pair):
    with srd_pair.ncclient(MX2) as m2:
        trigger(m2, "ACQU_MSHIP_MANUAL_EV")
    srd_pair.wait_event(MX2, "srd-switchover-done")
    srd_pair.inject(MX2, "srd-disable")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        with pytest.raises(RPCError, match=NOT_RUNNING):
            rs(m2)
        assert states(m1) == ("STANDBY", "UNKNOWN", "Not Connected")
        assert signal_routes(m2) == [SIGNAL]
    assert srd_pair.events(MX2, "srd-decision")[-1]["rule"] == "daemon.gw2-no-switchover"
    assert len(srd_pair.events(MX1, "srd-switchover-start")) == 1


def test_events_during_a_switchover_wait_for_it(srd_pair):
    """Link down on the chassis taking over: srd decides when the switchover is done (it then
    releases back)."""
    with srd_pair.ncclient(MX1) as m1:
        trigger(m1, RELEASE)
        srd_pair.inject(MX2, "link-down", interface="xe-1/0/1")
        assert srd_pair.events(MX2, "srd-queued")
        srd_pair.wait_event(MX1, "srd-switchover-done", count=2)
        assert states(m1)[0] == "MASTER"
    assert srd_pair.events(MX2, "srd-decision")[-1]["rule"] == "release.ok"


def test_unknown_fault_parameters_are_refused(srd_pair):
    from mxsim.control import ControlError

    with pytest.raises(ControlError, match="primary"):
        srd_pair.inject(MX1, "srd-wait", set=1)
    with pytest.raises(ControlError, match="interface"):
        srd_pair.inject(MX1, "link-down")
