# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""survey: a reply compared with the one vocabulary (replies.NAMES / SHAPES), element by element; and the
text form of show services redundancy-group, parsed by its documented labels."""
from __future__ import annotations

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.live import replies
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.survey import summary, survey

GROUPS = """<rpc-reply xmlns:junos="http://xml.juniper.net/junos/24.4R1/junos">
<services-redundancy-group-information xmlns="http://xml.juniper.net/junos/24.4R1/junos-srd">
 <rg-information><iccp-process-connection>Connected</iccp-process-connection><rg-state-information>
  <services-rg-information><rg-id>1</rg-id><local-rg-ip>192.0.2.1</local-rg-ip><peer-rg-ip>192.0.2.2</peer-rg-ip>
   <number-of-peer-rg-connections>1</number-of-peer-rg-connections>
   <services-rg-rs-information junos:style="extensive"><rs-id>1</rs-id><local-rs-state>MASTER</local-rs-state>
    <peer-rs-state>STANDBY</peer-rs-state><rs-status>Connected</rs-status><rs-health-status>Passed</rs-health-status>
    <monitored-interface-down-count>0</monitored-interface-down-count></services-rg-rs-information>
   <services-rg-rs-information><rs-id>2</rs-id><local-rs-state>STANDBY</local-rs-state>
    <peer-rs-state>MASTER</peer-rs-state><rs-status>Connected</rs-status><rs-health-status>Passed</rs-health-status>
    <monitored-interface-down-count>0</monitored-interface-down-count></services-rg-rs-information>
  </services-rg-information></rg-state-information></rg-information>
</services-redundancy-group-information></rpc-reply>"""


def test_a_reply_as_expected_has_nothing_to_report():
    found = survey("groups", GROUPS, "extensive")
    assert found["unexpected"] == [] and found["missing"] == []
    assert found["records"] == {"services-rg-information": 1, "services-rg-rs-information": 2}
    assert summary(found) == "every element as expected"


def test_a_renamed_field_is_missing_where_it_should_be_and_unexpected_where_it_is():
    renamed = GROUPS.replace("<peer-rs-state>MASTER</peer-rs-state>", "<peer-state>MASTER</peer-state>")
    found = survey("groups", renamed, "extensive")
    assert found["missing"] == [{"element": "peer-rs-state", "meaning": "set_peer_state",
                                 "record": "services-rg-rs-information", "missing_in": 1, "records": 2}]
    assert found["unexpected"] == [{"element": "peer-state", "count": 1, "path": (
        "services-redundancy-group-information/rg-information/rg-state-information/services-rg-information/"
        "services-rg-rs-information/peer-state")}]
    assert "peer-rs-state (1 of 2 services-rg-rs-information)" in summary(found)


def test_a_record_with_another_tag_is_found_by_the_name_the_parser_keys_on():
    other = GROUPS.replace("services-rg-rs-information", "rs-record")
    found = survey("groups", other, "extensive")
    assert found["missing"] == [] and [u["element"] for u in found["unexpected"]] == ["rs-record"]
    assert found["records"]["services-rg-rs-information"] == 2


def test_the_verbosity_decides_what_is_expected():
    terse = GROUPS.replace("<rs-health-status>Passed</rs-health-status>", "")
    assert survey("groups", terse, "terse")["missing"] == []
    assert [m["element"] for m in survey("groups", terse, "brief")["missing"]] == ["rs-health-status"]


def test_a_missing_top_level_field_is_reported():
    found = survey("groups", GROUPS.replace("<iccp-process-connection>Connected</iccp-process-connection>", ""))
    assert [m["element"] for m in found["missing"]] == ["iccp-process-connection"]


@pytest.mark.parametrize("kind,reply", [
    ("iccp", "<iccp-information><iccp-peer><peer-address>192.0.2.2</peer-address><peer-conn-state-information>"
             "<peer-conn-state><peer-conn-tcp-state>Established</peer-conn-tcp-state></peer-conn-state>"
             "</peer-conn-state-information><rg-groups><rg-group-entry><redundancy-group>1</redundancy-group>"
             "<rg-state>Up</rg-state></rg-group-entry></rg-groups></iccp-peer></iccp-information>"),
    ("routes", "<route-information><route-table><table-name>HA.inet.0</table-name><destination-count>1"
               "</destination-count><rt><rt-destination>203.0.113.100/32</rt-destination><rt-entry><active-tag>*"
               "</active-tag><protocol-name>Static</protocol-name><preference>5</preference><age seconds=\"3\">"
               "00:00:03</age><nh-type>Receive</nh-type></rt-entry></rt></route-table></route-information>"),
    ("software", "<software-information><host-name>mx1</host-name><product-model>mx480</product-model>"
                 "<product-name>mx480</product-name><junos-version>24.4R1.9</junos-version></software-information>"),
    ("commits", "<commit-information><commit-history><sequence-number>0</sequence-number><user>lab</user>"
                "<client>netconf</client><date-time seconds=\"1\">2026-01-01 00:00:00 UTC</date-time>"
                "<comment>commit confirmed, rollback in 5mins</comment></commit-history></commit-information>"),
])
def test_the_other_replies_as_expected(kind, reply):
    found = survey(kind, reply)
    assert found["unexpected"] == [] and found["missing"] == [], found


def test_every_name_of_a_shape_comes_from_names():
    for shape in replies.SHAPES.values():
        for meaning in shape.meanings():
            assert meaning in replies.NAMES


def test_the_multi_routing_engine_form_of_show_version():
    info = replies.parse_software(
        "<multi-routing-engine-results><multi-routing-engine-item><re-name>re0</re-name><software-information>"
        "<host-name>mx1</host-name><product-model>mx960</product-model><junos-version>23.4R2.13</junos-version>"
        "</software-information></multi-routing-engine-item><multi-routing-engine-item><re-name>re1</re-name>"
        "<software-information><host-name>mx1-re1</host-name><product-model>mx960</product-model>"
        "<junos-version>23.4R2.13</junos-version></software-information></multi-routing-engine-item>"
        "</multi-routing-engine-results>")
    assert (info.host_name, info.model, info.version, info.routing_engines) == ("mx1", "mx960", "23.4R2.13",
                                                                               ("re0", "re1"))


TERSE_TEXT = """ICCP process connection: Connected

Redundancy Group ID: 1
  Local RG IP: 192.0.2.1
  Peer RG IP: 192.0.2.2

  RS ID   Local RS state      Peer RS state       Status
  1       MASTER              STANDBY (WARNED)    Connected
  2       STANDBY             UNKNOWN             Not Connected
"""


def test_the_terse_text_is_cut_at_its_columns():
    connection, groups, problems = replies.parse_redundancy_groups_text(TERSE_TEXT)
    assert connection == "Connected" and problems == ()
    one, two = groups[0].sets
    assert (one.local_state_text, one.peer_state_text, one.status) == ("MASTER", "STANDBY (WARNED)", "Connected")
    assert (two.local_state.value, two.peer_state, two.status, two.peer_connected) == (
        "standby", None, "Not Connected", False)


def test_text_labels_are_matched_whatever_their_case_and_spacing():
    text = ("iccp   process connection :  Connected\nREDUNDANCY GROUP ID: 3\n  redundancy set id: 7\n"
            "  Redundancy  Set state: STANDBY\n  Health Status: Failed\n  Failed Interfaces: xe-0/0/1\n")
    _c, groups, problems = replies.parse_redundancy_groups_text(text)
    assert groups[0].id == 3 and groups[0].sets[0].id == 7 and groups[0].sets[0].health == "Failed"
    assert groups[0].sets[0].failed_interfaces == ("xe-0/0/1",) and problems == ()
