# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every rule of the rule table, broken (negative) and respected at its edge (positive).

The shipped CGNAT pair is valid; each case changes one thing and checks that
the rule fires (with a path and a sentence) or, for the positive cases, that
it does not.  A meta test makes sure no rule of the table goes untested.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.model import rules, validate
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import ERROR, WARNING
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    AddSignalRoute, ChassisConfig, DeleteSignalRoute, MastershipAction, RedundancyEvent, RedundancyOptions,
    RedundancyPolicy, RedundancySet, RouteCondition, RoutingInstance, Secret, ServiceSetBinding,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_xml
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml_string

from .helpers import ROOT, example_data, load_example, rules_of

R = dataclasses.replace


def _mx1():
    return load_example().configs["pair1-mx1"]


def _policies(config, **new):
    return config.replace(redundancy_policies={**config.redundancy_policies, **new})


def _events(config, **new):
    return config.replace(redundancy_events={**config.redundancy_events, **new})


def _sets(config, *new):
    return config.replace(redundancy_sets={**config.redundancy_sets, **{s.id: s for s in new}})


def _iccp(config, **changes):
    return config.replace(iccp=R(config.iccp, **changes))


def _peer(config, **changes):
    peers = {addr: R(peer, **changes) for addr, peer in config.iccp.peers.items()}
    return _iccp(config, peers=peers)


def _set1(config, **changes):
    return _sets(config, R(config.redundancy_sets[1], **changes))


def _policy(config, name, **changes):
    return _policies(config, **{name: R(config.redundancy_policies[name], **changes)})


def _vrrp(config, **changes):
    groups = [R(g, **changes) for g in config.vrrp_groups.values()]
    return config.replace(vrrp_groups={g.key: g for g in groups})


def _many_policies(config, count):
    events = {f"EV{i}": RedundancyEvent(f"EV{i}") for i in range(count)}
    policies = {f"P{i}": RedundancyPolicy(f"P{i}", (f"EV{i}",), MastershipAction.BROADCAST_WARNING,
                                          delete_signal_route=DeleteSignalRoute("203.0.113.100/32", "HA"))
                for i in range(count)}
    return config.replace(redundancy_events={**config.redundancy_events, **events},
                          redundancy_policies={**config.redundancy_policies, **policies})


def _link_down(config, count):
    interfaces = tuple(f"xe-{i // 48}/{(i // 8) % 6}/{i % 8}" for i in range(10, 10 + count))
    return _events(config, RELS_MSHIP_CRIT_EV=R(config.redundancy_events["RELS_MSHIP_CRIT_EV"],
                                                 link_down=interfaces))


def _set_count(config, count):
    return config.replace(redundancy_sets={i: RedundancySet(i, 1 + i % 16) for i in range(1, count + 1)})


def _policies_in_set(config, count):
    config = _many_policies(config, count)
    return _set1(config, policies=tuple(f"P{i}" for i in range(count)))


def _groups(config, count):
    config = config.replace(redundancy_sets={i: RedundancySet(i, i) for i in range(1, count + 1)})
    return _peer(config, redundancy_group_id_list=tuple(range(1, count + 1)))


def _sets_in_group(config, count):
    return config.replace(redundancy_sets={i: RedundancySet(i, 1) for i in range(1, count + 1)})


# (rule id, how to break it on pair1-mx1, a piece of the expected path)
CHASSIS_NEGATIVE = [
    ("LIMIT-POLICIES", lambda c: _many_policies(c, 255), "redundancy_policies"),
    ("LIMIT-LINK-DOWN-PER-POLICY", lambda c: _link_down(c, 257), "redundancy_policies[name=RELS_MSHIP_POL]"),
    ("LIMIT-SETS", lambda c: _set_count(c, 129), "redundancy_sets"),
    ("LIMIT-POLICIES-PER-SET", lambda c: _policies_in_set(c, 17), "redundancy_sets[id=1].policies"),
    ("LIMIT-GROUPS", lambda c: _groups(c, 17), "redundancy_sets"),
    ("LIMIT-SETS-PER-GROUP", lambda c: _sets_in_group(c, 17), "redundancy_sets"),
    ("UNIQUE-INTERFACE-EVENT", lambda c: _events(c, EXTRA=RedundancyEvent("EXTRA", ("xe-0/0/0",))),
     "redundancy_events[name="),
    ("UNIQUE-EVENT-POLICY", lambda c: _policies(c, P2=RedundancyPolicy(
        "P2", ("ACQU_MSHIP_CRIT_EV",), MastershipAction.ACQUIRE, AddSignalRoute("203.0.113.100/32", None, "HA"))),
     "redundancy_policies[name=P2].events[0]"),
    ("UNIQUE-POLICY-SET", lambda c: _sets(c, RedundancySet(2, 1, ("ACQU_MSHIP_POL",))),
     "redundancy_sets[id=2].policies[0]"),
    ("SET-ONE-GROUP", lambda c: _set1(c, redundancy_group=None), "redundancy_sets[id=1].redundancy_group"),
    ("REF-POLICY-EVENT", lambda c: _policy(c, "ACQU_MSHIP_POL", events=("ACQU_MSHIP_CRIT_EV", "NOPE")),
     "redundancy_policies[name=ACQU_MSHIP_POL].events[1]"),
    ("REF-SET-POLICY", lambda c: _set1(c, policies=("ACQU_MSHIP_POL", "RELS_MSHIP_POL", "NOPE")),
     "redundancy_sets[id=1].policies[2]"),
    ("REF-SET-GROUP", lambda c: _set1(c, redundancy_group=2), "redundancy_sets[id=1].redundancy_group"),
    ("REF-SERVICE-SET", lambda c: c.replace(service_sets={"SS9": ServiceSetBinding("SS9", 9)}),
     "service_sets[name=SS9].redundancy_set_id"),
    ("REF-ROUTING-INSTANCE", lambda c: c.replace(routing_instances={}),
     "redundancy_policies[name=ACQU_MSHIP_POL].add_signal_route.routing_instance"),
    ("ROUTING-INSTANCE-UNUSED", lambda c: c.replace(routing_instances={
        **c.routing_instances, "OTHER": RoutingInstance("OTHER")}), "routing_instances[name=OTHER]"),
    ("POLICY-NEEDS-EVENTS", lambda c: _policy(c, "RELS_MSHIP_POL", events=()),
     "redundancy_policies[name=RELS_MSHIP_POL].events"),
    ("POLICY-NEEDS-THEN", lambda c: _policy(c, "RELS_MSHIP_POL", action=None, delete_signal_route=None),
     "redundancy_policies[name=RELS_MSHIP_POL]"),
    ("POLICY-THEN-ROUTE", lambda c: _policy(c, "RELS_MSHIP_POL", delete_signal_route=None),
     "redundancy_policies[name=RELS_MSHIP_POL]"),
    ("ICCP-LOCAL-ADDRESS", lambda c: _iccp(c, local_ip_addr=None), "iccp.local_ip_addr"),
    ("SIGNAL-ROUTE-ORDER", lambda c: _policy(c, "ACQU_MSHIP_POL", add_signal_route=None,
                                             delete_signal_route=DeleteSignalRoute("203.0.113.100/32", "HA")),
     "redundancy_policies[name=ACQU_MSHIP_POL].delete_signal_route"),
    ("SIGNAL-ROUTE-UNUSED", lambda c: c.replace(conditions={"C": RouteCondition("C", "203.0.113.7/32",
                                                                                 "HA.inet.0")}),
     "conditions[name=C]"),
    ("EVENT-UNUSED", lambda c: _events(c, LONELY=RedundancyEvent("LONELY")), "redundancy_events[name=LONELY]"),
    ("POLICY-UNUSED", lambda c: _policies(c, SPARE=RedundancyPolicy(
        "SPARE", ("RELS_MSHIP_MANUAL_EV",), MastershipAction.BROADCAST_WARNING)),
     "redundancy_policies[name=SPARE]"),
    ("SET-NO-POLICIES", lambda c: _sets(c, RedundancySet(2, 1)), "redundancy_sets[id=2].policies"),
    ("EMPTY-ENTRY", lambda c: _vrrp(c, track_routes=()), "vrrp_groups[interface=xe-0/0/1,unit=0"),
    ("SERVICES-INTERFACE", lambda c: c.replace(redundancy_options={
        "xe-0/0/5": RedundancyOptions("xe-0/0/5", routing_instance="HA")}),
     "redundancy_options[interface=xe-0/0/5].interface"),
    ("VALUE-NAME", lambda c: _events(c, **{"A" * 64: RedundancyEvent("A" * 64)}), "redundancy_events[name=AAA"),
    ("VALUE-IPV4-ADDRESS", lambda c: _iccp(c, local_ip_addr="192.0.2.300"), "iccp.local_ip_addr"),
    ("VALUE-IPV4-PREFIX", lambda c: _policy(c, "ACQU_MSHIP_POL", add_signal_route=AddSignalRoute(
        "203.0.113.1/24", None, "HA")), "redundancy_policies[name=ACQU_MSHIP_POL].add_signal_route.prefix"),
    ("VALUE-INTERFACE-NAME", lambda c: _events(c, RELS_MSHIP_CRIT_EV=R(
        c.redundancy_events["RELS_MSHIP_CRIT_EV"], link_down=("eth0",))),
     "redundancy_events[name=RELS_MSHIP_CRIT_EV].link_down[0]"),
    ("VALUE-INTERFACE-ADDRESS", lambda c: _vrrp(c, address="192.0.2.66"), "vrrp_groups["),
    ("VALUE-TABLE", lambda c: c.replace(conditions={"SRD_PRIMARY": RouteCondition(
        "SRD_PRIMARY", "203.0.113.100/32", "HA")}), "conditions[name=SRD_PRIMARY].table"),
    ("VALUE-AUTH-KEY", lambda c: _iccp(c, authentication_key=Secret("k" * 127)), "iccp.authentication_key"),
    ("RANGE-SET-ID", lambda c: _sets(c, RedundancySet(101, 1)), "redundancy_sets[id=101].id"),
    ("RANGE-GROUP-ID", lambda c: _set1(c, redundancy_group=17), "redundancy_sets[id=1].redundancy_group"),
    ("RANGE-VALUE", lambda c: _set1(c, keepalive=61), "redundancy_sets[id=1].keepalive"),
]

# (rule id, a change that stays within the rule; often the very edge of a limit)
CHASSIS_POSITIVE = [
    ("LIMIT-POLICIES", lambda c: _many_policies(c, 254)),          # 2 + 254 = 256
    ("LIMIT-LINK-DOWN-PER-POLICY", lambda c: _link_down(c, 256)),
    ("LIMIT-SETS", lambda c: _set_count(c, 100)),
    ("LIMIT-POLICIES-PER-SET", lambda c: _policies_in_set(c, 16)),
    ("LIMIT-GROUPS", lambda c: _groups(c, 16)),
    ("LIMIT-SETS-PER-GROUP", lambda c: _sets_in_group(c, 16)),
    ("RANGE-SET-ID", lambda c: _sets(c, RedundancySet(100, 1))),
    ("RANGE-GROUP-ID", lambda c: _peer(_set1(c, redundancy_group=16), redundancy_group_id_list=(16,))),
    ("RANGE-VALUE", lambda c: _set1(c, keepalive=60, hold_time=0, healthcheck_timer_interval=3600)),
    ("VALUE-NAME", lambda c: _events(c, **{"A" * 63: RedundancyEvent("A" * 63)})),
    ("VALUE-AUTH-KEY", lambda c: _iccp(c, authentication_key=Secret("k" * 126))),
    ("VALUE-INTERFACE-NAME", lambda c: _events(c, RELS_MSHIP_CRIT_EV=R(
        c.redundancy_events["RELS_MSHIP_CRIT_EV"], link_down=("ae0", "et-1/0/0:2", "vms-1/0/0.0", "ams0")))),
    ("SIGNAL-ROUTE-ORDER", lambda c: _policy(c, "RELS_MSHIP_POL", action=MastershipAction.RELEASE_FORCE)),
    ("UNIQUE-POLICY-SET", lambda c: _sets(c, RedundancySet(2, 1, ()))),
    ("REF-ROUTING-INSTANCE", lambda c: c),
    ("POLICY-THEN-ROUTE", lambda c: c),
]


@pytest.mark.parametrize("rule_id, mutate, where", CHASSIS_NEGATIVE, ids=[c[0] for c in CHASSIS_NEGATIVE])
def test_chassis_rule_fires(rule_id, mutate, where):
    found = validate.validate_chassis(mutate(_mx1()), "pair1-mx1")
    hits = [v for v in found if v.rule == rule_id]
    assert hits, "rule %s did not fire; found %s" % (rule_id, sorted(rules_of(found)))
    assert any(where in v.path for v in hits), [v.path for v in hits]
    for hit in hits:
        assert hit.message.endswith(".") and len(hit.message) > 20
        assert hit.severity == rules.RULES[rule_id].severity
        assert hit.chassis == ("pair1-mx1",)


@pytest.mark.parametrize("rule_id, mutate", CHASSIS_POSITIVE, ids=[c[0] for c in CHASSIS_POSITIVE])
def test_chassis_rule_respected_at_the_edge(rule_id, mutate):
    found = validate.validate_chassis(mutate(_mx1()), "pair1-mx1")
    assert rule_id not in rules_of(found), [str(v) for v in found if v.rule == rule_id]


def test_the_example_pair_is_clean(pair):
    assert pair.violations == []
    assert [g.hostname for g in pair.gateways] == ["pair1-mx1", "pair1-mx2"]


def test_set_id_limit_explains_which_bites():
    found = validate.validate_chassis(_set_count(_mx1(), 129))
    message = next(v.message for v in found if v.rule == "RANGE-SET-ID")
    assert "100 is the real limit" in message
    assert "bites first" in rules.RULES["LIMIT-SETS"].summary


def test_wrong_python_types_are_reported_not_crashed():
    config = _set1(_mx1(), keepalive="often")
    config = config.replace(redundancy_events={**config.redundancy_events, "X": "not an event"})
    found = validate.validate_chassis(config)
    assert {(v.path, v.rule) for v in found if v.rule == "INPUT-TYPE"} == {
        ("redundancy_sets[id=1].keepalive", "INPUT-TYPE"), ("redundancy_events[name=X]", "INPUT-TYPE")}


def test_all_violations_are_reported_together():
    config = _set1(_mx1(), keepalive=61, redundancy_group=17, policies=("NOPE",))
    config = _iccp(config, local_ip_addr="bad")
    found = rules_of(validate.validate_chassis(config))
    assert {"RANGE-VALUE", "RANGE-GROUP-ID", "REF-SET-POLICY", "VALUE-IPV4-ADDRESS"} <= found


# ---------------------------------------------------------------- pair rules


def _pair_after(**changes):
    """validate_pair on the example after replacing configs (hostname -> function)."""
    configs = load_example().configs
    for host, change in changes.items():
        configs[host] = change(configs[host])
    a, b = configs
    return validate.validate_pair(a, configs[a], b, configs[b])


PAIR_NEGATIVE = [
    ("PAIR-ICCP-MIRROR", {"pair1-mx1": lambda c: _iccp(c, peers={"192.0.2.9": R(
        next(iter(c.iccp.peers.values())), address="192.0.2.9")})}),
    ("PAIR-GATEWAY", {"pair1-mx2": lambda c: _iccp(c, local_ip_addr="192.0.2.1")}),
    ("PAIR-SET-IDS", {"pair1-mx1": lambda c: _sets(c, RedundancySet(2, 1))}),
    ("PAIR-GROUP-IDS", {"pair1-mx1": lambda c: _peer(c, redundancy_group_id_list=(1, 2))}),
    ("PAIR-ACQUIRE-RELEASE", {h: (lambda c: _set1(c, policies=("RELS_MSHIP_POL",)))
                              for h in ("pair1-mx1", "pair1-mx2")}),
    ("PAIR-ONE-WAY", {"pair1-mx2": lambda c: _set1(c, policies=("RELS_MSHIP_POL",)),
                      "pair1-mx1": lambda c: _set1(c, policies=("ACQU_MSHIP_POL",))}),
    ("PAIR-ROUTING-ORDER", {"pair1-mx2": lambda c: _vrrp(c, priority=40)}),
    ("PAIR-DATA-ADDRESS", {"pair1-mx1": lambda c: c.replace(redundancy_options={
        k: R(o, peer_address="198.51.100.77") for k, o in c.redundancy_options.items()})}),
]


@pytest.mark.parametrize("rule_id, changes", PAIR_NEGATIVE, ids=[c[0] for c in PAIR_NEGATIVE])
def test_pair_rule_fires(rule_id, changes):
    report = _pair_after(**changes)
    hits = [v for v in report.violations if v.rule == rule_id]
    assert hits, sorted(rules_of(report.violations))
    assert all(v.message and v.path for v in hits)
    assert all(v.severity == rules.RULES[rule_id].severity for v in hits)


def test_pair_rules_quiet_on_the_example():
    report = _pair_after()
    assert report.violations == []
    assert report.gateway(1).hostname == "pair1-mx1" and report.gateway(2).iccp_address == "192.0.2.2"


def test_gateway_one_is_the_lower_address_numerically():
    def repeer(c):
        peer = next(iter(c.iccp.peers.values()))
        return _iccp(c, peers={"192.0.2.10": R(peer, address="192.0.2.10")})
    report = _pair_after(**{"pair1-mx1": lambda c: _iccp(c, local_ip_addr="192.0.2.10"), "pair1-mx2": repeer})
    assert report.violations == []
    assert report.gateway(1).hostname == "pair1-mx2"        # 192.0.2.2 < 192.0.2.10 (not as text)


def test_routing_order_edge_is_allowed():
    # mx1 primary: 200 > 190-150; mx2 primary: 51 > 200-150 = 50
    report = _pair_after(**{"pair1-mx2": lambda c: _vrrp(c, priority=51)})
    assert "PAIR-ROUTING-ORDER" not in rules_of(report.violations)
    report = _pair_after(**{"pair1-mx2": lambda c: _vrrp(c, priority=50)})
    assert "PAIR-ROUTING-ORDER" in rules_of(report.violations)


def test_pair_two_chassis_same_name():
    config = _mx1()
    report = validate.validate_pair("x", config, "x", config)
    assert rules_of(report.violations) == {"PAIR-TWO-CHASSIS"}


# ---------------------------------------------------------------- input rules (pair intent)


def _intent_after(change):
    data = example_data()
    change(data)
    return intent.load(data)


def _dup_service_set(d):
    d["redundancy_sets"].append({"id": 2, "redundancy_group": 1, "service_sets": ["CGNAT_SS1"]})


def _unreachable_placement(d):
    """Set 1's policies react to the peer only: no request can be triggered by hand."""
    d["redundancy_sets"][0]["primary"] = "pair1-mx2"
    d["redundancy_events"] = [{"name": "ACQU_MSHIP_CRIT_EV", "peer": "primary-role-release"},
                              {"name": "RELS_MSHIP_PEER_EV", "peer": "primary-role-acquire"}]
    d["redundancy_policies"][0]["events"] = ["ACQU_MSHIP_CRIT_EV"]
    d["redundancy_policies"][1]["events"] = ["RELS_MSHIP_PEER_EV"]


INPUT_NEGATIVE = [
    ("UNIQUE-SERVICE-SET-BINDING", _dup_service_set, "redundancy_sets[id=2].service_sets[0]"),
    ("DUPLICATE-ENTRY", lambda d: d["redundancy_events"].append({"name": "ACQU_MSHIP_MANUAL_EV"}),
     "redundancy_events[name=ACQU_MSHIP_MANUAL_EV]"),
    ("VALUE-ENUM", lambda d: d["redundancy_policies"][0].update(then="jump"),
     "redundancy_policies[name=ACQU_MSHIP_POL].action"),
    ("INPUT-UNKNOWN-KEY", lambda d: d.update(redundancy_event=[]), "redundancy_event"),
    ("INPUT-TYPE", lambda d: d["redundancy_sets"][0].update(keepalive="often"), "redundancy_sets[id=1].keepalive"),
    ("INPUT-REQUIRED", lambda d: d["chassis"]["pair1-mx2"].pop("iccp_address"),
     "chassis.pair1-mx2.iccp_address"),
    ("INPUT-CHASSIS-ALIAS", lambda d: d["redundancy_events"][0]["link_down"].append("uplnk"),
     "redundancy_events[name=RELS_MSHIP_CRIT_EV].link_down[3]"),
    ("PAIR-TWO-CHASSIS", lambda d: d["chassis"].update({"pair1-mx3": {"iccp_address": "192.0.2.3"}}), "chassis"),
    ("PLACEMENT-CHASSIS", lambda d: d["redundancy_sets"][0].update(primary="pair1-mx3"), "redundancy_sets[id=1].primary"),
    ("PLACEMENT-UNREACHABLE", _unreachable_placement, "redundancy_sets[id=1].primary"),
]


@pytest.mark.parametrize("rule_id, change, where", INPUT_NEGATIVE, ids=[c[0] for c in INPUT_NEGATIVE])
def test_input_rule_fires(rule_id, change, where):
    result = _intent_after(change)
    hits = [v for v in result.violations if v.rule == rule_id]
    assert hits, [str(v) for v in result.violations]
    assert any(v.path == where for v in hits), [v.path for v in hits]
    assert not result.ok or rules.RULES[rule_id].severity == WARNING


def test_both_vocabularies_are_accepted():
    data = example_data()
    data["redundancy_policies"][0]["then"] = "acquire-mastership"
    data["redundancy_policies"][1]["then"] = "Release Primary Role"
    data["redundancy_events"][2]["peer"] = "mastership-release"
    result = intent.load(data)
    assert result.ok
    mx1 = result.configs["pair1-mx1"]
    assert mx1.redundancy_policies["RELS_MSHIP_POL"].action is MastershipAction.RELEASE
    assert result.configs == load_example().configs


def test_limit_signal_routes_when_parsing():
    xml = ("<configuration><policy-options><redundancy-policy><name>P</name>"
           "<redundancy-events>E</redundancy-events><then><mship-actions>acquire-mastership</mship-actions>"
           "<add-static-route><name>203.0.113.1/32</name><receive/></add-static-route>"
           "<add-static-route><name>203.0.113.2/32</name><receive/></add-static-route>"
           "</then></redundancy-policy></policy-options></configuration>")
    result = parse_xml(xml)
    assert rules_of(result.violations) == {"LIMIT-SIGNAL-ROUTES"}
    assert result.config.redundancy_policies["P"].add_signal_route.prefix == "203.0.113.1/32"


# ---------------------------------------------------------------- the table itself


def test_a_change_that_creates_a_vrrp_group_gives_it_a_virtual_address():
    """Checked against a device read: the model holds only tracked groups, the read lists every group."""
    want = load_example().configs["pair1-mx1"]
    bare = _vrrp(want, virtual_addresses=())
    (key,) = bare.vrrp_groups
    empty = ChassisConfig()
    found = validate.vrrp_groups_to_create(empty, bare, frozenset(), "pair1-mx1")
    assert [(v.rule, v.severity, v.chassis) for v in found] == [("VRRP-GROUP-NEEDS-ADDRESS", ERROR, ("pair1-mx1",))]
    assert found[0].path == "vrrp_groups[interface=xe-0/0/1,unit=0,address=192.0.2.66/26,group=10].virtual_addresses"
    assert "virtual_addresses" in found[0].message and "before" not in found[0].message
    assert validate.vrrp_groups_to_create(empty, bare, frozenset({key})) == []   # the base configuration holds it
    assert validate.vrrp_groups_to_create(bare, bare, frozenset()) == []          # tracked already: not created
    assert validate.vrrp_groups_to_create(empty, want, frozenset()) == []         # the intent gives the address


def test_every_rule_has_a_negative_test():
    tested = {c[0] for c in CHASSIS_NEGATIVE} | {c[0] for c in PAIR_NEGATIVE} | {c[0] for c in INPUT_NEGATIVE}
    tested.add("LIMIT-SIGNAL-ROUTES")
    tested.add("VRRP-GROUP-NEEDS-ADDRESS")  # a change against a device read, tested above
    assert set(rules.RULES) - tested == set()


def test_rule_table_is_well_formed():
    for rule in rules.RULES.values():
        assert rule.severity in (ERROR, WARNING)
        assert rule.summary.endswith(".") and rule.source
    for limit in rules.LIMITS.values():
        assert limit.rule in rules.RULES
    for rng in rules.RANGES.values():
        assert rng.rule in rules.RULES and rng.minimum <= rng.maximum


def test_rules_doc_is_generated_from_the_table():
    doc = (ROOT / "docs" / "rules.md").read_text()
    assert rules.rules_markdown() in doc, "docs/rules.md is stale: regenerate with tools/gen_rules_doc.py"


def test_validator_only_reports_known_rules():
    source = (Path(validate.__file__)).read_text() + Path(intent.__file__).read_text()
    import re
    used = set(re.findall(r'"([A-Z]+(?:-[A-Z0-9]+)+)"', source))
    assert used - set(rules.RULES) == set()


def test_unchanged_example_renders_byte_identically():
    first = {h: render_xml_string(c) for h, c in load_example().configs.items()}
    second = {h: render_xml_string(c) for h, c in load_example().configs.items()}
    assert first == second
    ET.fromstring(first["pair1-mx1"])


@pytest.mark.parametrize("name", ["ÉV_📡", "EV\u00a0X", "EV\x07", "ÉVÉNEMENT"])
def test_a_name_that_is_not_printable_ascii_breaks_value_name(name):
    found = validate.validate_chassis(_events(_mx1(), **{name: RedundancyEvent(name)}), "pair1-mx1")
    hits = [v for v in found if v.rule == "VALUE-NAME"]
    assert len(hits) == 1 and hits[0].path.startswith("redundancy_events[name="), found
    assert "printable ASCII" in hits[0].message or "spaces" in hits[0].message
