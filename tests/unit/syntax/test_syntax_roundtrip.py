"""XML -> set -> XML and XML -> text -> XML round trips with SRD_GRAMMAR and without a grammar."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import (
    SRD_GRAMMAR,
    canonical,
    compare_text,
    parse_set,
    parse_text,
    to_set,
    to_text,
)

from .conftest import load, srd_only


def same(a: ET.Element, b: ET.Element) -> bool:
    return canonical(a, keep_order=True) == canonical(b, keep_order=True)


def test_set_round_trip_of_srd_configs(fixture_config):
    config = srd_only(fixture_config)
    lines = to_set(config)
    assert lines and all(line.startswith("set ") for line in lines)
    assert same(parse_set(lines), config)


def test_text_round_trip_of_srd_configs(fixture_config):
    config = srd_only(fixture_config)
    assert same(parse_text(to_text(config)), config)


def test_round_trips_reach_a_fixed_point(fixture_config):
    """Rendering what was parsed gives the same text again, even for the heuristic parts."""
    lines = to_set(fixture_config)
    assert to_set(parse_set(lines)) == lines
    text = to_text(fixture_config)
    assert to_text(parse_text(text)) == text


def test_unknown_hierarchies_pass_through_text_with_srd_grammar():
    """Statements SRD_GRAMMAR does not know survive a text round trip (blocks keep their shape)."""
    config = load("cgnat-mx-a.xml")
    nat = config.find("services/nat")
    back = parse_text(to_text(config))
    assert back.find("services/nat/rule/term/then/translated/translation-type/napt-44") is not None
    assert back.find("services/nat/pool/address-allocation/round-robin") is not None
    assert to_text(back.find("services/nat")) == to_text(nat)


def test_reference_set_lines_are_junos_canonical():
    lines = to_set(load("srd-reference.xml"))
    expected = [
        "set event-options redundancy-event RELS_MSHIP_CRIT_EV monitor link-down xe-0/0/1",
        "set event-options redundancy-event RELS_MSHIP_CRIT_EV monitor process routing restart",
        "set event-options redundancy-event ACQU_MSHIP_CRIT_EV monitor peer mastership-release",
        "set event-options redundancy-event ACQU_MSHIP_MANUAL_EV",
        "set policy-options condition SRD_PRIMARY if-route-exists 203.0.113.100/32",
        "set policy-options condition SRD_PRIMARY if-route-exists table HA.inet.0",
        "set policy-options condition SRD_PRIMARY_AF if-route-exists address-family inet 203.0.113.101/32",
        "set policy-options policy-statement EXPORT_POOL term PRIMARY from condition SRD_PRIMARY",
        "set policy-options policy-statement EXPORT_POOL term PRIMARY then accept",
        "set policy-options redundancy-policy ACQU_MSHIP_POL redundancy-events ACQU_MSHIP_CRIT_EV",
        "set policy-options redundancy-policy ACQU_MSHIP_POL then acquire-mastership",
        "set policy-options redundancy-policy ACQU_MSHIP_POL then add-static-route 203.0.113.100/32 receive",
        "set policy-options redundancy-policy ACQU_MSHIP_POL then add-static-route 203.0.113.100/32 "
        "routing-instance HA",
        "set policy-options redundancy-policy ACQU_MSHIP_NH_POL then add-static-route 203.0.113.101/32 "
        "next-hop 10.0.0.1",
        "set policy-options redundancy-policy RELS_MSHIP_POL then delete-static-route 203.0.113.100/32 "
        "routing-instance HA",
        "set services redundancy-set traceoptions file srd.log",
        "set services redundancy-set traceoptions flag all",
        "set services redundancy-set 1 redundancy-group 1",
        "set services redundancy-set 1 redundancy-policy RELS_MSHIP_POL",
        "set services service-set SS1 redundancy-set-id 1",
        "set services service-set SS1 replicate-services replication-threshold 180",
        "set interfaces vms-1/0/0 redundancy-options redundancy-peer ipaddress 10.0.12.2",
        "set interfaces vms-1/0/0 redundancy-options redundancy-local data-address 10.0.12.1",
        "set interfaces ge-0/0/1 unit 0 family inet address 192.0.2.2/24 vrrp-group 10 preempt",
        "set interfaces ge-0/0/1 unit 0 family inet address 192.0.2.2/24 vrrp-group 10 track interface ge-0/0/2 "
        "priority-cost 20",
        "set interfaces ge-0/0/1 unit 0 family inet address 192.0.2.2/24 vrrp-group 10 track route "
        "203.0.113.100/32 routing-instance HA priority-cost 150",
        'set protocols iccp authentication-key "$9$abc.def"',
        "set protocols iccp peer 10.255.0.2 liveness-detection transmit-interval threshold 5000",
        "set protocols iccp peer 10.255.0.2 backup-liveness-detection backup-peer-ip 172.16.0.2",
        "set routing-instances HA instance-type virtual-router",
    ]
    missing = [line for line in expected if line not in lines]
    assert not missing
    # document order is kept: events before policies, set 1 after the traceoptions
    assert lines.index(expected[0]) < lines.index(expected[9]) < lines.index(expected[17])


def test_text_layout_matches_show_configuration():
    config = parse_set("""
set services redundancy-set traceoptions file srd.log size 10m files 3
set services redundancy-set traceoptions flag all
set services redundancy-set 1 redundancy-group 1
set services redundancy-set 1 redundancy-policy ACQU
set services redundancy-set 1 redundancy-policy RELS
set event-options redundancy-event E monitor peer mastership-acquire
set event-options redundancy-event E monitor link-down xe-0/0/1
set interfaces xe-0/0/1 unit 100 family inet address 100.64.0.2/24 vrrp-group 10 track route 203.0.113.100/32 routing-instance HA priority-cost 150
set system host-name "mx a"
""")
    assert to_text(config) == """\
services {
    redundancy-set {
        traceoptions {
            file srd.log size 10m files 3;
            flag all;
        }
        1 {
            redundancy-group 1;
            redundancy-policy [ ACQU RELS ];
        }
    }
}
event-options {
    redundancy-event E {
        monitor {
            peer mastership-acquire;
            link-down xe-0/0/1;
        }
    }
}
interfaces {
    xe-0/0/1 {
        unit 100 {
            family inet {
                address 100.64.0.2/24 {
                    vrrp-group 10 {
                        track {
                            route 203.0.113.100/32 routing-instance HA priority-cost 150;
                        }
                    }
                }
            }
        }
    }
}
system {
    host-name "mx a";
}
"""


def test_nokeyword_elements_in_xml():
    """The CLI hides rs-id-object, mship-actions, event, address and route_address; the XML keeps them."""
    config = parse_set("""
set services redundancy-set 7 redundancy-group 2
set policy-options redundancy-policy P then release-mastership-force
set event-options redundancy-event E monitor peer mastership-acquire
set policy-options condition C if-route-exists 198.51.100.0/24 table HA.inet.0
set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.2/24 vrrp-group 1 track route 10.1.1.1/32 routing-instance default priority-cost 10
set policy-options prefix-list PL 192.0.2.0/24
set routing-instances HA interface vms-1/0/0.10
""")
    assert config.findtext("services/redundancy-set/rs-id-object/name") == "7"
    assert config.findtext("policy-options/redundancy-policy/then/mship-actions") == "release-mastership-force"
    assert config.findtext("event-options/redundancy-event/monitor/peer/event") == "mastership-acquire"
    assert config.findtext("policy-options/condition/if-route-exists/address") == "198.51.100.0/24"
    route = config.find("interfaces/interface/unit/family/inet/address/vrrp-group/track/route")
    assert [c.tag for c in route] == ["route_address", "routing-instance", "priority-cost"]
    assert config.findtext("policy-options/prefix-list/prefix-list-item/name") == "192.0.2.0/24"
    assert config.findtext("routing-instances/instance/interface/name") == "vms-1/0/0.10"


@pytest.mark.parametrize("grammar", [SRD_GRAMMAR, None], ids=["srd", "no-grammar"])
def test_equal_trees_compare_empty(grammar, fixture_config):
    assert compare_text(fixture_config, parse_text(to_text(fixture_config, grammar), grammar), grammar) == ""


def test_no_grammar_heuristics_round_trip_simple_shapes():
    """Without a grammar, a word followed by a non-keyword (upper case, digits, addresses) is read as a
    list entry keyed by name, a final ``word value`` as a leaf and a final lone word as a flag."""
    config = ET.fromstring(
        "<configuration><snmp><location>lab rack 4</location><community><name>PUBLIC</name>"
        "<authorization>read-only</authorization><clients><name>10.0.0.0/8</name><restrict/></clients>"
        "</community><contact>noc</contact></snmp></configuration>")
    lines = to_set(config, None)
    assert lines == [
        'set snmp location "lab rack 4"',
        "set snmp community PUBLIC authorization read-only",
        "set snmp community PUBLIC clients 10.0.0.0/8 restrict",
        "set snmp contact noc",
    ]
    assert same(parse_set(lines, None), config)
    assert same(parse_text(to_text(config, None), None), config)


def test_no_grammar_heuristics_limits_are_known():
    """A lower-case name reads as a keyword and a key-only list entry as a leaf; compare_text still
    treats both shapes as the same statement because they show the same."""
    config = ET.fromstring("<configuration><snmp><community><name>public</name><authorization>read-only"
                           "</authorization></community><trap-group><name>T1</name></trap-group></snmp>"
                           "</configuration>")
    back = parse_set(to_set(config, None), None)
    assert back.find("snmp/community/public/authorization") is not None
    assert back.findtext("snmp/trap-group") == "T1"
    assert compare_text(config, parse_text(to_text(config, None), None), None) == ""
