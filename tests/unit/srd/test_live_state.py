# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_state: operational replies (docs/srd-operational-replies.md) in, state out; and
state_facts: that state as the facts redundancy_state returns and simulate reads back.

The element names of real replies are only partly documented, so besides the contract's exact
shapes these fixtures move the records under other roots, wrap them differently, add unknown
elements and namespaces: the parser must find every record by name wherever it is.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import RoleState
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import (
    NAMES,
    daemon_not_running,
    iccp_request,
    live_state,
    parse_iccp,
    parse_redundancy_groups,
    parse_routes,
    read_routes,
    redundancy_group_request,
    route_request,
    trigger_request,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import (
    chassis_facts,
    pair_state_from_facts,
    pair_state_to_facts,
    route_from_input,
)

HA_ROUTE = ("203.0.113.100/32", "HA")

# ---------------------------------------------------------------- fixtures (contract shapes)

EXTENSIVE = """<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"
    xmlns:junos="http://xml.juniper.net/junos/24.4R1/junos" message-id="101">
<services-redundancy-group-information>
  <rg-information>
    <iccp-process-connection>Connected</iccp-process-connection>
    <rg-state-information>
      <services-rg-information>
        <rg-id>1</rg-id>
        <local-rg-ip>192.0.2.1</local-rg-ip>
        <peer-rg-ip>192.0.2.2</peer-rg-ip>
        <number-of-peer-rg-connections>1</number-of-peer-rg-connections>
        <services-rg-rs-information>
          <rs-id>1</rs-id>
          <local-rs-state>MASTER</local-rs-state>
          <peer-rs-state>STANDBY</peer-rs-state>
          <rs-status>Connected</rs-status>
          <rs-health-status>Passed</rs-health-status>
          <monitored-interface-down-count>0</monitored-interface-down-count>
          <service-set>SS-CGNAT</service-set>
        </services-rg-rs-information>
        <services-rg-rs-information>
          <rs-id>2</rs-id>
          <local-rs-state>STANDBY (WARNED)</local-rs-state>
          <peer-rs-state>MASTER</peer-rs-state>
          <rs-status>Connected</rs-status>
          <rs-health-status>Failed</rs-health-status>
          <monitored-interface-down-count>2</monitored-interface-down-count>
          <failed-interface>xe-0/0/1</failed-interface>
          <failed-interface>xe-0/0/2</failed-interface>
          <service-set>SS-A</service-set>
          <service-set>SS-B</service-set>
        </services-rg-rs-information>
      </services-rg-information>
      <services-rg-information>
        <rg-id>2</rg-id>
        <local-rg-ip>192.0.2.1</local-rg-ip>
        <peer-rg-ip>192.0.2.2</peer-rg-ip>
        <services-rg-rs-information>
          <rs-id>3</rs-id>
          <local-rs-state>INITIALIZING</local-rs-state>
          <peer-rs-state>MASTER</peer-rs-state>
          <rs-status>Connected</rs-status>
        </services-rg-rs-information>
      </services-rg-information>
    </rg-state-information>
  </rg-information>
</services-redundancy-group-information>
</rpc-reply>"""

TERSE_PEER_DOWN = """<rpc-reply><services-redundancy-group-information><rg-information>
  <iccp-process-connection>Not connected</iccp-process-connection>
  <rg-state-information><services-rg-information>
    <rg-id>1</rg-id><local-rg-ip>192.0.2.2</local-rg-ip><peer-rg-ip>192.0.2.1</peer-rg-ip>
    <services-rg-rs-information>
      <rs-id>1</rs-id><local-rs-state>STANDBY</local-rs-state><peer-rs-state>UNKNOWN</peer-rs-state>
      <rs-status>Not Connected</rs-status>
    </services-rg-rs-information>
  </services-rg-information></rg-state-information>
</rg-information></services-redundancy-group-information></rpc-reply>"""

# The PyEZ evidence's root (rg-information) with no outer wrapper, records in a different nesting,
# unknown elements everywhere, a namespace on the records and the set outside its usual container.
OTHER_ROOT = """<rg-information xmlns:x="urn:example:extra">
  <x:future-field>ignored</x:future-field>
  <iccp-process-connection>Connected</iccp-process-connection>
  <some-new-wrapper>
    <services-rg-information xmlns="urn:example:srd">
      <rg-id>7</rg-id>
      <rg-uptime>12:00:01</rg-uptime>
      <deeper><still-deeper>
        <redundancy-set-entry>
          <rs-id>4</rs-id>
          <rs-new-counter>17</rs-new-counter>
          <local-rs-state>  standby  </local-rs-state>
          <peer-rs-state>Master</peer-rs-state>
          <rs-status>Connected</rs-status>
        </redundancy-set-entry>
      </still-deeper></deeper>
    </services-rg-information>
  </some-new-wrapper>
</rg-information>"""

# A set record outside any group record.
ORPHAN_SET = """<reply><services-rg-rs-information><rs-id>9</rs-id><local-rs-state>MASTER</local-rs-state>
</services-rg-rs-information></reply>"""

ICCP_UP = """<rpc-reply><iccp-information>
  <iccp-peer>
    <peer-address>192.0.2.2</peer-address>
    <backup-liveness-peer-status></backup-liveness-peer-status>
    <peer-conn-state-information><peer-conn-state>
        <peer-conn-tcp-state>Established</peer-conn-tcp-state>
        <peer-conn-bfd-state>Up</peer-conn-bfd-state>
    </peer-conn-state></peer-conn-state-information>
    <rg-groups><rg-group-entry><redundancy-group>1</redundancy-group><rg-state>Up</rg-state></rg-group-entry>
      <rg-group-entry><redundancy-group>2</redundancy-group><rg-state>Up</rg-state></rg-group-entry></rg-groups>
  </iccp-peer>
  <iccp-client><client-name>srd</client-name><client-rg-groups>1</client-rg-groups></iccp-client>
</iccp-information></rpc-reply>"""

ICCP_DOWN = ICCP_UP.replace("Established", "Closed").replace("<peer-conn-bfd-state>Up", "<peer-conn-bfd-state>Down")

ROUTES = """<rpc-reply><route-information xmlns="http://xml.juniper.net/junos/24.4R1/junos-routing">
  <route-table><table-name>inet.0</table-name>
    <rt><rt-destination>0.0.0.0/0</rt-destination>
      <rt-entry><active-tag>*</active-tag><protocol-name>Static</protocol-name><nh-type>Router</nh-type></rt-entry></rt>
    <rt><rt-destination>192.0.2.0</rt-destination><rt-prefix-length>26</rt-prefix-length>
      <rt-entry><active-tag>*</active-tag><protocol-name>Direct</protocol-name></rt-entry></rt>
  </route-table>
  <route-table><table-name>HA.inet.0</table-name>
    <rt><rt-destination>203.0.113.100/32</rt-destination>
      <rt-entry><active-tag>*</active-tag><protocol-name>Static</protocol-name><nh-type>Receive</nh-type></rt-entry></rt>
  </route-table>
  <route-table><table-name>HA.inet6.0</table-name>
    <rt><rt-destination>2001:db8::1/128</rt-destination>
      <rt-entry><protocol-name>Static</protocol-name></rt-entry></rt>
  </route-table>
</route-information></rpc-reply>"""

NO_ROUTES = "<rpc-reply><route-information><route-table><table-name>HA.inet.0</table-name></route-table></route-information></rpc-reply>"


def _sets(reply):
    _conn, groups, problems = parse_redundancy_groups(reply)
    return {s.id: s for g in groups for s in g.sets}, groups, problems


# ---------------------------------------------------------------- requests


def test_requests_match_the_contract():
    assert ET.tostring(trigger_request(1, "ACQU_MSHIP_MANUAL_EV", True), encoding="unicode") == (
        "<request-services-redundancy-set><id>1</id><trigger /><redundancy-event>ACQU_MSHIP_MANUAL_EV"
        "</redundancy-event><force /></request-services-redundancy-set>")
    assert trigger_request(2, "E").find("force") is None
    assert [c.tag for c in redundancy_group_request()] == ["extensive"]
    assert redundancy_group_request().tag == "get-services-redundancy-group-information"
    by_id = redundancy_group_request("terse", group=3)
    assert by_id.tag == "get-services-redundancy-group-id-information" and by_id.findtext("id") == "3"
    assert iccp_request().tag == "get-inter-chassis-control-protocol-information"
    routes = route_request("HA.inet.0")
    assert routes.findtext("table") == "HA.inet.0" and routes.findtext("protocol") == "static"
    assert route_request().find("table") is None
    with pytest.raises(ValueError):
        redundancy_group_request("verbose")


# ---------------------------------------------------------------- redundancy groups


def test_extensive_reply_gives_every_group_and_set():
    connection, groups, problems = parse_redundancy_groups(EXTENSIVE)
    assert connection == "Connected" and problems == ()
    assert [g.id for g in groups] == [1, 2]
    g1 = groups[0]
    assert (g1.local_ip, g1.peer_ip, g1.peer_connections) == ("192.0.2.1", "192.0.2.2", 1)
    s1, s2 = g1.sets
    assert (s1.id, s1.group, s1.local_state, s1.peer_state) == (1, 1, RoleState.PRIMARY, RoleState.STANDBY)
    assert s1.peer_connected is True and s1.health == "Passed" and s1.service_sets == ("SS-CGNAT",)
    assert s2.local_state is RoleState.WARNED and s2.health == "Failed"
    assert s2.failed_interfaces == ("xe-0/0/1", "xe-0/0/2") and s2.monitored_interface_down_count == 2
    assert s2.service_sets == ("SS-A", "SS-B")
    (s3,) = groups[1].sets
    assert (s3.id, s3.group, s3.local_state) == (3, 2, RoleState.WAIT)
    assert s3.health is None and s3.failed_interfaces == ()


def test_peer_unreachable_is_unknown_not_a_problem():
    connection, groups, problems = parse_redundancy_groups(TERSE_PEER_DOWN)
    (s,) = groups[0].sets
    assert connection == "Not connected"
    assert s.local_state is RoleState.STANDBY and s.peer_state is None and s.peer_state_text == "UNKNOWN"
    assert s.peer_connected is False and problems == ()


def test_other_root_wrappers_extra_elements_and_namespaces():
    connection, groups, problems = parse_redundancy_groups(OTHER_ROOT)
    assert connection == "Connected" and problems == ()
    (group,) = groups
    (s,) = group.sets
    assert (group.id, s.id, s.group) == (7, 4, 7)
    assert s.local_state is RoleState.STANDBY and s.peer_state is RoleState.PRIMARY


def test_a_set_outside_any_group_is_still_found():
    sets, groups, unused = _sets(ORPHAN_SET)
    assert sets[9].local_state is RoleState.PRIMARY and groups[0].id is None and sets[9].group is None


def test_element_input_is_not_modified():
    root = ET.fromstring(EXTENSIVE)
    before = ET.tostring(root)
    assert _sets(root)[0][1].local_state is RoleState.PRIMARY
    assert ET.tostring(root) == before


@pytest.mark.parametrize("text, role", [
    ("MASTER", RoleState.PRIMARY), ("master", RoleState.PRIMARY), ("STANDBY", RoleState.STANDBY),
    ("INITIALIZING", RoleState.WAIT), ("STANDBY (WARNED)", RoleState.WARNED), ("Standby( Warned )", RoleState.WARNED),
])
def test_device_texts(text, role):
    reply = EXTENSIVE.replace("<local-rs-state>MASTER</local-rs-state>", "<local-rs-state>%s</local-rs-state>" % text)
    assert _sets(reply)[0][1].local_state is role


def test_unknown_state_text_is_reported_not_guessed():
    reply = EXTENSIVE.replace("<local-rs-state>MASTER</local-rs-state>", "<local-rs-state>WAITING</local-rs-state>")
    sets, _groups, problems = _sets(reply)
    assert sets[1].local_state is None and sets[1].local_state_text == "WAITING"
    assert len(problems) == 1 and "WAITING" in problems[0] and "redundancy set 1" in problems[0]
    live = live_state(reply, None, None)
    assert 1 not in live.roles and live.roles[2] is RoleState.WARNED
    assert "1" not in chassis_facts(live)["redundancy_sets"]


def test_records_without_id_and_duplicates_are_problems():
    reply = EXTENSIVE.replace("<rs-id>2</rs-id>", "<rs-id>1</rs-id>").replace("<rs-id>3</rs-id>", "")
    sets, _groups, problems = _sets(reply)
    assert sets[1].local_state is RoleState.PRIMARY  # the first record wins
    assert any("reported twice" in p for p in problems) and any("without an id" in p for p in problems)


def test_not_xml_is_an_input_error():
    with pytest.raises(InputError):
        parse_redundancy_groups("show services redundancy-group: syntax error")


def test_names_are_the_single_source():
    # Renaming a record in the reply and in NAMES together keeps the parser working.
    original = NAMES["set_local_state"]
    try:
        NAMES["set_local_state"] = ("rs-local-state",)
        reply = EXTENSIVE.replace("local-rs-state", "rs-local-state")
        assert _sets(reply)[0][1].local_state is RoleState.PRIMARY
    finally:
        NAMES["set_local_state"] = original


# ---------------------------------------------------------------- daemon


@pytest.mark.parametrize("message, down", [
    ("services redundancy daemon is not running", True),
    ("error: the services-redundancy-daemon subsystem is not running", True),
    ("srd is not running", True),
    ("syntax error, expecting <command>", False),
    ("the routing subsystem is not running", False),
])
def test_daemon_not_running(message, down):
    assert daemon_not_running([message]) is down


def test_routes_not_read_are_not_absent(pair):
    facts = chassis_facts(live_state(TERSE_PEER_DOWN.replace("STANDBY</local", "MASTER</local"), None, None))
    assert facts["signal_routes"] is None and facts["details"]["iccp"] is None
    mx2 = chassis_facts(live_state(TERSE_PEER_DOWN, None, NO_ROUTES))
    state = pair_state_from_facts({"pair1-mx1": facts, "pair1-mx2": mx2}, compile_pair(pair.configs))
    assert state["pair1-mx1"].signal_routes == {HA_ROUTE}      # the primary's acquire route, assumed
    assert state["pair1-mx2"].signal_routes == frozenset()     # read: none


def test_daemon_disabled_state_and_facts():
    live = live_state(None, ICCP_UP, NO_ROUTES, daemon_error="services redundancy daemon is not running")
    facts = chassis_facts(live)
    assert facts["daemon"] == "disabled" and facts["redundancy_sets"] == {}
    assert facts["details"]["daemon_message"] == "services redundancy daemon is not running"
    assert facts["details"]["iccp"]["up"] is True


# ---------------------------------------------------------------- ICCP


def test_iccp_up():
    status = parse_iccp(ICCP_UP)
    (peer,) = status.peers
    assert peer.address == "192.0.2.2" and peer.up and peer.bfd_state == "Up" and status.up
    assert peer.groups == ((1, "Up"), (2, "Up")) and peer.backup_liveness is None
    assert status.clients == (("srd", "1"),)


def test_iccp_down():
    status = parse_iccp(ICCP_DOWN)
    assert status.peers[0].tcp_state == "Closed" and not status.peers[0].up and not status.up
    assert status.to_dict()["peers"][0]["bfd_state"] == "Down"


def test_iccp_without_peers_is_not_up():
    status = parse_iccp("<rpc-reply><iccp-information/></rpc-reply>")
    assert status.peers == () and not status.up


# ---------------------------------------------------------------- routes


def test_routes_with_tables():
    routes = parse_routes(ROUTES)
    by_prefix = {r.prefix: r for r in routes}
    assert by_prefix["192.0.2.0/26"].protocol == "Direct"          # prefix length from its own element
    ha = by_prefix["203.0.113.100/32"]
    assert ha.table == "HA.inet.0" and ha.routing_instance == "HA" and ha.static and ha.active
    assert ha.nh_type == "Receive"
    assert by_prefix["2001:db8::1/128"].key is None                # not an IPv4 table: never a signal route
    assert read_routes(routes) == {HA_ROUTE, ("0.0.0.0/0", "default")}
    assert read_routes(routes, [HA_ROUTE, ("198.51.100.0/24", "HA")]) == {HA_ROUTE}
    assert read_routes(parse_routes(NO_ROUTES)) == frozenset()


# ---------------------------------------------------------------- facts <-> engine state


@pytest.fixture
def example_pair(pair):
    return compile_pair(pair.configs)


def _facts(reply, routes=ROUTES, wanted=None):
    return chassis_facts(live_state(reply, ICCP_UP, routes), wanted)


def test_facts_shape():
    facts = _facts(TERSE_PEER_DOWN.replace("STANDBY</local", "MASTER</local"), wanted=[HA_ROUTE])
    assert facts["daemon"] == "enabled" and facts["redundancy_sets"] == {"1": "primary"}
    assert facts["signal_routes"] == [{"prefix": "203.0.113.100/32", "routing_instance": "HA"}]
    assert facts["peer"] == {"redundancy_sets": {}, "connected": {"1": False}}
    assert facts["details"]["redundancy_groups"][0]["redundancy_sets"][0]["peer_state"] == "UNKNOWN"
    assert {r["prefix"] for r in facts["details"]["static_routes"]} == {"0.0.0.0/0", "203.0.113.100/32",
                                                                        "2001:db8::1/128"}


def test_facts_feed_the_engine_state(example_pair):
    mx1 = _facts(TERSE_PEER_DOWN.replace("STANDBY</local", "MASTER</local"))
    mx2 = _facts(TERSE_PEER_DOWN, routes=NO_ROUTES)
    # as piped from a registered result, from ansible_facts, or from hostvars' srd_state
    state = pair_state_from_facts({"pair1-mx1": {"ansible_facts": {"srd_state": mx1}, "rpc_stats": {}},
                                   "pair1-mx2": mx2}, example_pair)
    assert state.role("pair1-mx1", 1) is RoleState.PRIMARY and state.role("pair1-mx2", 1) is RoleState.STANDBY
    assert HA_ROUTE in state["pair1-mx1"].signal_routes and not state["pair1-mx2"].signal_routes
    assert state["pair1-mx1"].daemon_enabled
    # the state written back reads the same
    assert pair_state_from_facts(pair_state_to_facts(state), example_pair) == state


def test_simple_state_input_defaults(example_pair):
    state = pair_state_from_facts({"pair1-mx1": {"redundancy_sets": {1: "MASTER"}},
                                   "pair1-mx2": {"redundancy_sets": {"1": "standby"}, "daemon": "disabled"}},
                                  example_pair)
    assert state["pair1-mx1"].signal_routes == {HA_ROUTE}      # a primary holds its acquire route
    assert state["pair1-mx2"].signal_routes == frozenset() and not state["pair1-mx2"].daemon_enabled


def test_engine_to_dict_shape_is_accepted(example_pair):
    given = {"pair1-mx1": {"daemon_enabled": True, "roles": {"1": "primary"},
                           "signal_routes": [{"prefix": "203.0.113.100/32", "routing_instance": "HA"}]},
             "pair1-mx2": {"daemon_enabled": False, "roles": {"1": "standby"}, "signal_routes": []}}
    state = pair_state_from_facts(given, example_pair)
    assert state.to_dict() == given


@pytest.mark.parametrize("given, words", [
    ({"pair1-mx1": {"redundancy_sets": {1: "primary"}}}, "missing pair1-mx2"),
    ({"pair1-mx1": {"redundancy_sets": {1: "primary"}}, "pair1-mx2": {"redundancy_sets": {1: "standby"}},
      "mx3": {}}, "not in the configuration: mx3"),
    ({"pair1-mx1": {"redundancy_sets": {}}, "pair1-mx2": {"redundancy_sets": {1: "standby"}}},
     "no state for redundancy set(s) 1"),
    ({"pair1-mx1": {"redundancy_sets": {1: "primary", 5: "standby"}}, "pair1-mx2": {"redundancy_sets": {1: "standby"}}},
     "set(s) 5 are not in the configuration"),
    ({"pair1-mx1": {"redundancy_sets": {1: "boss"}}, "pair1-mx2": {"redundancy_sets": {1: "standby"}}},
     "'boss' is not a redundancy-set state"),
    ({"pair1-mx1": {"redundancy_sets": {"one": "primary"}}, "pair1-mx2": {"redundancy_sets": {1: "standby"}}},
     "'one' is not a redundancy-set id"),
    ({"pair1-mx1": {"redundancy_set": {1: "primary"}}, "pair1-mx2": {"redundancy_sets": {1: "standby"}}},
     "unknown key(s) redundancy_set"),
    ({"pair1-mx1": {"redundancy_sets": {1: "primary"}, "daemon": "sleepy"}, "pair1-mx2": {"redundancy_sets": {1: "standby"}}},
     "'sleepy' is neither enabled nor disabled"),
    ({"pair1-mx1": {"redundancy_sets": {1: "primary"}, "signal_routes": [42]}, "pair1-mx2": {"redundancy_sets": {1: "standby"}}},
     "state.pair1-mx1.signal_routes[0]"),
    ("primary", "state must map each chassis"),
])
def test_bad_state_input_names_the_problem(example_pair, given, words):
    with pytest.raises(InputError) as err:
        pair_state_from_facts(given, example_pair)
    assert words in str(err.value)


@pytest.mark.parametrize("value, key", [
    ("203.0.113.100/32", ("203.0.113.100/32", "default")),
    ("203.0.113.100/32 (HA)", HA_ROUTE),
    ({"prefix": "203.0.113.100", "routing_instance": "HA"}, HA_ROUTE),
    ({"prefix": "10.1.0.1/24"}, ("10.1.0.0/24", "default")),
])
def test_route_input_forms(value, key):
    assert route_from_input(value, "x") == key
