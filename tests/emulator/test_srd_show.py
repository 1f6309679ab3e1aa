"""What the SRD show commands print (XML and text), and srd following commits and rollbacks."""

from __future__ import annotations

import json

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError

from emulator_helpers import rpc
from mxsim.testing import srd_pair  # noqa: F401 pylint: disable=unused-import
from test_srd_switchover import MX1, MX2, RELEASE, SIGNAL, rs, signal_routes, states, trigger


def text(m, line: str) -> str:
    return etree.fromstring(m.command(line, format="text").tostring).findtext(".//output")


def xml(m, line: str) -> etree._Element:
    return etree.fromstring(m.command(line, format="xml").tostring)


def test_redundancy_group_levels(srd_pair):
    with srd_pair.ncclient(MX1) as m1:
        terse = rs(m1, "terse")
        assert terse.find(".//rs-health-status") is None and terse.find(".//service-set") is None
        brief = rs(m1, "brief")
        assert brief.findtext(".//rs-health-status") == "Passed" and brief.find(".//service-set") is None
        ext = rs(m1, "extensive")
        assert [e.text for e in ext.iterfind(".//service-set")] == ["CGNAT_SS1"]
        assert ext.find(".//failed-interface") is None
        one = rpc(
            m1,
            "<get-services-redundancy-group-id-information><id>1</id><brief/></get-services-redundancy-group-id-information>",
        )
        assert one.findtext(".//rg-id") == "1" and one.findtext(".//rs-health-status") == "Passed"
        other = rpc(
            m1,
            "<get-services-redundancy-group-id-information><id>9</id></get-services-redundancy-group-id-information>",
        )
        assert other.find(".//services-rg-information") is None


def test_redundancy_group_text(srd_pair):
    with srd_pair.ncclient(MX2) as m2:
        terse = text(m2, "show services redundancy-group")
        assert "ICCP process connection: Connected" in terse
        assert "Redundancy Group ID: 1" in terse and "Peer RG IP: 192.0.2.1" in terse
        row = [ln.split() for ln in terse.splitlines() if ln.strip().startswith("1 ")]
        assert row == [["1", "STANDBY", "MASTER", "Connected"]]
        ext = text(m2, "show services redundancy-group 1 ext")
        assert "Redundancy Set state: STANDBY" in ext and "Redundancy Set peer state: MASTER" in ext
        assert "Redundancy Set health status: Passed" in ext and "Service Set: CGNAT_SS1" in ext
        assert xml(m2, "show services redundancy-group brief").findtext(".//rs-health-status") == "Passed"
        data = json.loads(
            m2.command("show services redundancy-group | display json", format="text").xpath("//text()")[0]
        )
        assert "services-redundancy-group-information" in data
        with pytest.raises(RPCError, match="syntax error"):
            m2.command("show services redundancy-group verbose", format="text")


def test_iccp_xml_and_text(srd_pair):
    with srd_pair.ncclient(MX1) as m1:
        x = rpc(
            m1,
            "<get-inter-chassis-control-protocol-information><detail/></get-inter-chassis-control-protocol-information>",
        )
        assert x.findtext(".//peer-address") == "192.0.2.2"
        assert (x.findtext(".//peer-conn-tcp-state"), x.findtext(".//peer-conn-bfd-state")) == ("Established", "Up")
        assert (x.findtext(".//redundancy-group"), x.findtext(".//rg-state")) == ("1", "Up")
        assert (x.findtext(".//client-name"), x.findtext(".//client-rg-groups")) == ("srd", "1")
        t = text(m1, "show iccp")
        assert "Redundancy Group Information for peer 192.0.2.2" in t
        assert "TCP Connection       : Established" in t and "Client Application: srd" in t


def test_route_information_filters_and_text(srd_pair):
    with srd_pair.ncclient(MX1) as m1:
        every = rpc(m1, "<get-route-information/>")
        assert [t.text for t in every.iterfind(".//table-name")] == ["inet.0", "HA.inet.0"]
        entry = every.find(".//rt-entry")
        assert (entry.findtext("protocol-name"), entry.findtext("nh-type"), entry.findtext("active-tag")) == (
            "Static",
            "Receive",
            "*",
        )
        static = rpc(
            m1, "<get-route-information><table>HA.inet.0</table><protocol>static</protocol></get-route-information>"
        )
        assert [r.text for r in static.iterfind(".//rt-destination")] == [SIGNAL]
        bgp = rpc(m1, "<get-route-information><table>HA.inet.0</table><protocol>bgp</protocol></get-route-information>")
        assert bgp.find(".//rt") is None
        hit = rpc(m1, "<get-route-information><destination>203.0.113.100</destination></get-route-information>")
        assert [r.text for r in hit.iterfind(".//rt-destination")] == [SIGNAL]
        miss = rpc(m1, "<get-route-information><destination>198.51.100.1</destination></get-route-information>")
        assert miss.find(".//rt") is None
        t = text(m1, "show route table HA.inet.0")
        assert "HA.inet.0: 1 destinations, 1 routes (1 active, 0 holddown, 0 hidden)" in t
        assert SIGNAL in t and "*[Static/5]" in t and "Receive" in t
        assert xml(m1, "show route table HA.inet.0 protocol static").findtext(".//rt-destination") == SIGNAL


def test_vrrp_priority_follows_the_signal_route(srd_pair):
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        v1 = rpc(m1, "<get-vrrp-information/>")
        assert (v1.findtext(".//vrrp-state"), v1.findtext(".//current-priority")) == ("master", "200")
        assert v1.findtext(".//track-route-entry/route-state") == "up"
        trigger(m1, RELEASE)
        srd_pair.wait_event(MX2, "srd-switchover-done")
        v1 = rpc(m1, "<get-vrrp-information/>")
        v2 = rpc(m2, "<get-vrrp-information/>")
        assert (v1.findtext(".//vrrp-state"), v1.findtext(".//current-priority")) == ("backup", "50")
        assert (v2.findtext(".//vrrp-state"), v2.findtext(".//current-priority")) == ("master", "190")
        assert "Current priority: 50" in text(m1, "show vrrp detail")


def test_srd_follows_commits_and_rollbacks(srd_pair):
    """Deleting the set on gateway 2 leaves gateway 1 alone (peer UNKNOWN); rolling back re-forms it."""
    delete = '<configuration><services><redundancy-set><rs-id-object operation="delete"><name>1</name></rs-id-object></redundancy-set><service-set operation="delete"><name>CGNAT_SS1</name></service-set></services></configuration>'
    srd_pair.commit_config(MX2, delete)
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        assert states(m1) == ("MASTER", "UNKNOWN", "Not Connected")
        assert rs(m2).find(".//services-rg-rs-information") is None
        m2.lock()
        rpc(m2, '<load-configuration rollback="1"/>')
        m2.commit()
        m2.unlock()
        assert states(m1) == ("MASTER", "STANDBY", "Connected")
        assert states(m2) == ("STANDBY", "MASTER", "Connected")
        assert signal_routes(m2) == []


def test_chassis_without_srd_configuration(mx):
    with mx.ncclient(MX1) as m1:
        x = rs(m1)
        assert x.findtext(".//iccp-process-connection") == "Not connected"
        assert x.find(".//services-rg-information") is None
        assert rpc(m1, "<get-inter-chassis-control-protocol-information/>").find(".//iccp-peer") is None
        routes = rpc(m1, "<get-route-information/>")
        assert [t.text for t in routes.iterfind(".//table-name")] == ["inet.0"]
        with pytest.raises(RPCError, match=r"manual\.unknown-set"):
            trigger(m1, RELEASE)


def test_srd_follows_a_confirmed_commit_rolling_back(srd_pair):
    """An unconfirmed commit that removed ICCP on gateway 1 rolls back by itself: ICCP comes back."""
    delete = '<configuration><protocols><iccp operation="delete"/></protocols></configuration>'
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        m1.lock()
        m1.load_configuration(action="merge", format="xml", config=etree.fromstring(delete))
        m1.commit(confirmed=True, timeout="1")
        m1.unlock()
        assert rs(m1).findtext(".//iccp-process-connection") == "Not connected"
        assert states(m2) == ("STANDBY", "UNKNOWN", "Not Connected")
        srd_pair.wait_event(MX1, "confirmed-rollback")
        assert states(m2) == ("STANDBY", "MASTER", "Connected")
        assert states(m1) == ("MASTER", "STANDBY", "Connected")
