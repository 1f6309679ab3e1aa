# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsing what real boxes return: the CGNAT pair's pair1-mx1 in XML, set and text.

The three files in data/ hold the same realistic configuration: namespaces and
junos: attributes (XML), a group applied with apply-groups (a ``<*>``
wildcard for the redundancy set timers and two bare events), inactive
statements, and plenty that is not SRD (BGP, NAT rules, an export policy).
All three must read to the model the pair intent derives for pair1-mx1.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml import groups as xml_groups
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import MastershipAction
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import (
    detect_format, parse_config, parse_element, parse_xml, table_instance,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml, render_xml_string

from .helpers import DATA, load_example

FILES = {"xml": "pair1-mx1.xml", "set": "pair1-mx1.set", "text": "pair1-mx1.conf"}
INACTIVE = [
    "interfaces/interface[xe-0/0/1]/unit[0]/family/inet/address[192.0.2.66/26]/vrrp-group[10]/track"
    "/route[203.0.113.200/32]",
    "event-options/redundancy-event[RELS_MSHIP_CRIT_EV]/monitor/link-down[xe-0/0/3]",
    "event-options/redundancy-event[WARN_EV]",
]
UNMODELLED = ["services/redundancy-set/traceoptions", "protocols/iccp/traceoptions"]


@pytest.fixture(params=sorted(FILES))
def parsed(request):
    text = (DATA / FILES[request.param]).read_text()
    assert detect_format(text) == request.param
    return parse_config(text, "auto", source=FILES[request.param])


def test_device_config_reads_to_the_intent_model(parsed):
    want = load_example().configs["pair1-mx1"]
    assert parsed.violations == []
    assert diff.diff(parsed.config, want).empty, [str(c) for c in diff.diff(parsed.config, want).changes]
    # the device keeps its own leaf-list order: the model keeps it too (the diff ignores it)
    assert parsed.config.redundancy_sets[1].policies == ("RELS_MSHIP_POL", "ACQU_MSHIP_POL")


def test_groups_are_applied(parsed):
    rset = parsed.config.redundancy_sets[1]
    assert (rset.keepalive, rset.hold_time, rset.healthcheck_timer_interval) == (10, 30, 5)
    assert {"RELS_MSHIP_MANUAL_EV", "ACQU_MSHIP_MANUAL_EV"} <= set(parsed.config.redundancy_events)
    assert "NEVER_APPLIED_EV" not in parsed.config.redundancy_events


def test_inactive_statements_are_left_out_and_listed(parsed):
    assert sorted(parsed.inactive) == sorted(INACTIVE)
    assert "WARN_EV" not in parsed.config.redundancy_events
    assert "xe-0/0/3" not in parsed.config.redundancy_events["RELS_MSHIP_CRIT_EV"].link_down
    vrrp = next(iter(parsed.config.vrrp_groups.values()))
    assert [r.prefix for r in vrrp.track_routes] == ["203.0.113.100/32"]


def test_unmodelled_srd_statements_are_reported(parsed):
    assert sorted(parsed.unmodelled) == sorted(UNMODELLED)


def test_non_srd_statements_stay_out(parsed):
    config = parsed.config
    assert set(config.routing_instances) == {"HA"}          # CUST is not named by SRD
    assert set(config.service_sets) == {"CGNAT_SS1"}        # OLD_SS is inactive and not SRD
    assert list(config.vrrp_groups) == [("xe-0/0/1", 0, "192.0.2.66/26", 10)]   # group 20 tracks nothing


def test_junos9_key_equals_the_plaintext(parsed):
    want = load_example().configs["pair1-mx1"]
    assert parsed.config.iccp.authentication_key.reveal().startswith("$9$")
    assert parsed.config.iccp.authentication_key == want.iccp.authentication_key


def test_render_of_parsed_keeps_every_statement_understood(parsed):
    again = parse_xml(render_xml_string(parsed.config))
    assert again.config == parsed.config
    assert again.unmodelled == [] and again.inactive == []


def test_inherit_output_with_junos_group_attributes():
    xml = """<rpc-reply xmlns:junos="http://xml.juniper.net/junos/24.4R1/junos"><configuration
      xmlns="http://xml.juniper.net/xnm/1.1/xnm" junos:changed-seconds="1">
      <event-options><redundancy-event junos:group="SRD-COMMON"><name junos:group="SRD-COMMON">E</name>
      </redundancy-event></event-options></configuration></rpc-reply>"""
    assert list(parse_xml(xml).config.redundancy_events) == ["E"]


def test_explicit_statement_wins_over_group_and_first_group_wins():
    xml = """<configuration>
      <groups><name>A</name><services><redundancy-set><rs-id-object><name>&lt;*&gt;</name>
        <keepalive>20</keepalive><hold-time>40</hold-time></rs-id-object></redundancy-set></services></groups>
      <groups><name>B</name><services><redundancy-set><rs-id-object><name>&lt;*&gt;</name>
        <keepalive>30</keepalive><hold-time>50</hold-time><healthcheck-timer-interval>7</healthcheck-timer-interval>
        </rs-id-object></redundancy-set></services></groups>
      <apply-groups>A</apply-groups><apply-groups>B</apply-groups>
      <services><redundancy-set><rs-id-object><name>1</name><redundancy-group>1</redundancy-group>
        <keepalive>5</keepalive></rs-id-object></redundancy-set></services></configuration>"""
    rset = parse_xml(xml).config.redundancy_sets[1]
    assert (rset.keepalive, rset.hold_time, rset.healthcheck_timer_interval) == (5, 40, 7)


def test_nested_apply_groups_and_except():
    xml = """<configuration>
      <groups><name>G</name><event-options><redundancy-event><name>FROM_G</name></redundancy-event></event-options>
        <policy-options><redundancy-policy><name>&lt;*&gt;</name><then><mship-actions>broadcast-warning</mship-actions>
        </then></redundancy-policy></policy-options></groups>
      <event-options><apply-groups>G</apply-groups></event-options>
      <policy-options><apply-groups>G</apply-groups>
        <redundancy-policy><name>P1</name><redundancy-events>FROM_G</redundancy-events></redundancy-policy>
        <redundancy-policy><name>P2</name><apply-groups-except>G</apply-groups-except>
          <redundancy-events>X</redundancy-events></redundancy-policy></policy-options></configuration>"""
    config = parse_xml(xml).config
    assert list(config.redundancy_events) == ["FROM_G"]
    assert config.redundancy_policies["P1"].action is MastershipAction.BROADCAST_WARNING
    assert config.redundancy_policies["P2"].action is None


def test_get_config_data_wrapper_and_bare_section():
    data = "<rpc-reply><data><configuration><protocols><iccp><local-ip-addr>192.0.2.1</local-ip-addr>" \
           "</iccp></protocols></configuration></data></rpc-reply>"
    assert parse_xml(data).config.iccp.local_ip_addr == "192.0.2.1"
    bare = "<event-options><redundancy-event><name>E</name></redundancy-event></event-options>"
    assert list(parse_xml(bare).config.redundancy_events) == ["E"]
    empty = "<rpc-reply><ok/></rpc-reply>"
    assert parse_xml(empty).config.is_empty()


@pytest.mark.parametrize("text, fragment", [
    ("<configuration><event-options>", "not well-formed"),
    ("", "empty"),
    ("<foo/>", "no <configuration>"),
    ('<!DOCTYPE x [<!ENTITY a "b">]><configuration/>', "DOCTYPE"),
])
def test_broken_xml_is_a_clear_error(text, fragment):
    with pytest.raises(InputError) as caught:
        parse_config(text, "xml", source="backup.xml")
    assert fragment in str(caught.value)
    assert "Traceback" not in str(caught.value)


@pytest.mark.parametrize("fmt, text", [
    ("set", "set event-options redundancy-event E monitor bogus-thing 1\n"),
    ("text", "event-options { redundancy-event E { monitor { peer mastership-release; }\n"),
])
def test_broken_set_and_text_are_clear_errors(fmt, text):
    with pytest.raises(InputError) as caught:
        parse_config(text, fmt, source="backup")
    assert "cannot be read" in str(caught.value) and "backup" in str(caught.value)


def test_xml_declaration_and_byte_order_mark():
    text = '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<configuration><event-options><redundancy-event>' \
           '<name>E</name></redundancy-event></event-options></configuration>'
    assert list(parse_config(text).config.redundancy_events) == ["E"]


def test_unknown_format_and_non_string():
    with pytest.raises(InputError):
        parse_config("x", "json")
    with pytest.raises(InputError):
        parse_config(None)


def test_bad_values_become_violations_not_crashes():
    xml = """<configuration><services><redundancy-set><rs-id-object><name>one</name></rs-id-object>
      <rs-id-object><name>2</name><keepalive>soon</keepalive></rs-id-object></redundancy-set></services>
      <event-options><redundancy-event><name>E</name><monitor><peer><event>mastership-steal</event></peer>
      </monitor></redundancy-event></event-options></configuration>"""
    result = parse_xml(xml)
    assert {v.rule for v in result.violations} == {"INPUT-TYPE", "VALUE-ENUM"}
    assert set(result.config.redundancy_sets) == {2}
    assert result.config.redundancy_sets[2].keepalive is None


def test_duplicates_in_xml_are_reported():
    xml = """<configuration><event-options><redundancy-event><name>E</name></redundancy-event>
      <redundancy-event><name>E</name><monitor><peer><event>mastership-release</event></peer></monitor>
      </redundancy-event></event-options></configuration>"""
    result = parse_xml(xml)
    assert [v.rule for v in result.violations] == ["DUPLICATE-ENTRY"]
    assert result.config.redundancy_events["E"].is_bare


def test_condition_forms_and_table_instance():
    xml = """<configuration><policy-options>
      <condition><name>A</name><if-route-exists><address-family><inet><address>203.0.113.1/32</address>
        <table>HA.inet.0</table></inet></address-family></if-route-exists></condition>
      <condition><name>B</name><route-active-on>node0</route-active-on></condition>
      </policy-options></configuration>"""
    config = parse_xml(xml).config
    assert list(config.conditions) == ["A"] and config.conditions["A"].family_inet
    assert parse_xml(render_xml_string(config)).config == config
    assert table_instance("HA.inet.0") == "HA" and table_instance("inet.0") is None


def test_strip_keeps_only_inactive_and_group():
    elem = ET.fromstring('<a xmlns:junos="urn:j" junos:changed="x" inactive="inactive" junos:group="G">'
                         '<!-- c --><b>t</b></a>')
    clean = xml_groups.strip(elem)
    assert clean.attrib == {"inactive": "inactive", "group": "G"} and [c.tag for c in clean] == ["b"]


def test_parse_element_accepts_rendered_tree():
    config = load_example().configs["pair1-mx2"]
    assert parse_element(render_xml(config)).config == config
