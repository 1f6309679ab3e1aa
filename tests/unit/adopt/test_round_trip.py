# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The import's guarantee, offline: the imported intent gives each chassis exactly what it holds.

Two families: every shipped example intent (rendered as Junos XML per chassis and imported back), and a
pair configured by hand (set lines on one chassis, curly-brace text on the other) in every variation the
issue names: ordering, defaults, spellings, groups, inactive statements; and the asymmetries a pair intent
cannot express, each said precisely, with exactly what a deploy would change.
"""
from __future__ import annotations

import copy
import random
import xml.etree.ElementTree as ET

import pytest
import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt import build, render
from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos import syntax
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import prefilter

from .conftest import MX1, MX2, ROOT, from_intent, from_texts, kinds, reloaded

EXAMPLES = sorted([ROOT / "docs" / "examples" / "cgnat-pair.yml", ROOT / "tests" / "unit" / "filter" /
                   "two_groups_intent.yml"] + [p for p in (ROOT / "docs" / "examples" / "audit").glob("*.yml")
                                               if "chassis" in yaml.safe_load(p.read_text())])


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_intent_comes_back_as_an_intent_that_changes_nothing(path):
    data = yaml.safe_load(path.read_text())
    adoption, original = from_intent(data)
    assert adoption.changes == {name: [] for name in original}, adoption.changes
    assert adoption.reproduces
    # exact (deployable as it is) exactly when the example itself passes the collection's validation
    assert adoption.exact == intent_mod.load(data).ok, [str(f) for f in adoption.errors()]
    # through the YAML text: the file read back derives the same models as the example
    again = intent_mod.load(reloaded(adoption))
    for name, config in original.items():
        assert not diff(again.configs[name], config), (name, diff(again.configs[name], config).changes)


@pytest.mark.parametrize("spelling", [
    {"then": "acquire-mastership", "peer": "mastership-release"},
    {"then": "acquire-primary-role", "peer": "primary-role-release"},
    {"then": "acquire", "peer": "release"},
])
def test_keyword_spellings_of_the_intent_import_to_the_same_intent(spelling):
    data = yaml.safe_load((ROOT / "docs" / "examples" / "cgnat-pair.yml").read_text())
    data["redundancy_policies"][0]["then"] = spelling["then"]
    data["redundancy_events"][2]["peer"] = spelling["peer"]
    adoption, _original = from_intent(data)
    reference, _ = from_intent(yaml.safe_load((ROOT / "docs" / "examples" / "cgnat-pair.yml").read_text()))
    assert adoption.exact and adoption.intent == reference.intent
    assert adoption.intent["redundancy_policies"][0]["then"] == "acquire-primary-role"


def test_a_pair_configured_by_hand_imports_exactly():
    """Groups (keepalive and an event inherited on mx1), another statement order and spelling of lists, $9$ keys
    with different salts, an inactive event and trace options on mx2."""
    adoption = from_texts()
    assert adoption.exact, [str(f) for f in adoption.errors()]
    assert kinds(adoption) == ["groups", "inactive", "unmodelled"]
    chassis = adoption.intent["chassis"]
    assert chassis["pair1-mx1"]["interfaces"] == {"services": "vms-1/0/0", "vrrp_10": "xe-0/0/1", "xe_1": "xe-0/0/0"}
    assert chassis["pair1-mx2"]["interfaces"] == {"services": "vms-2/0/0", "vrrp_10": "xe-1/0/1", "xe_1": "xe-1/0/0"}
    assert adoption.intent["redundancy_sets"][0]["keepalive"] == 10      # from a group on mx1, explicit on mx2
    assert adoption.key is not None and adoption.key.plaintext() == "hand-made-key"
    assert adoption.unmodelled() == {"pair1-mx1": [], "pair1-mx2": [
        "set services redundancy-set traceoptions file srd.log", "set services redundancy-set traceoptions flag all"]}
    assert adoption.inactive()["pair1-mx2"] == ["set event-options redundancy-event OLD_WARN_EV monitor link-down "
                                                "xe-1/0/2", "deactivate event-options redundancy-event OLD_WARN_EV"]
    assert "from configuration group SRD-BASE on pair1-mx1" in adoption.notes.values()


def test_the_same_pair_as_xml_set_or_text_imports_to_the_same_intent():
    element = prefilter.parse_text_srd(MX2)
    as_text = syntax.to_text(element)
    as_set = "\n".join(syntax.to_set(element))
    as_xml = ET.tostring(element, encoding="unicode")
    reference = from_texts().intent
    for other in (as_text, as_set, as_xml):
        assert from_texts(MX1, other).intent == reference


def test_statement_order_does_not_matter():
    lines = [line for line in MX1.splitlines() if line.startswith("set ") and "groups" not in line]
    head = [line for line in MX1.splitlines() if "groups" in line]
    reference = from_texts()
    for seed in range(5):
        shuffled = lines[:]
        random.Random(seed).shuffle(shuffled)
        adoption = from_texts("\n".join(head + shuffled))
        assert adoption.exact and adoption.changes == reference.changes
        assert adoption.intent["chassis"] == reference.intent["chassis"]
        assert {e["name"] for e in adoption.intent["redundancy_events"]} == {
            e["name"] for e in reference.intent["redundancy_events"]}


def test_a_default_left_out_on_both_chassis_stays_out_and_written_on_both_stays_in():
    bare1 = MX1.replace("set groups SRD-BASE services redundancy-set <*> keepalive 10\n", "")
    bare2 = MX2.replace("            keepalive 10;\n", "")
    adoption = from_texts(bare1, bare2)
    assert adoption.exact and "keepalive" not in adoption.intent["redundancy_sets"][0]
    explicit = from_texts(MX1 + "set services redundancy-set 1 healthcheck-timer-interval 5\n",
                          MX2.replace("hold-time 30;", "hold-time 30;\n            healthcheck-timer-interval 5;"))
    assert explicit.exact and explicit.intent["redundancy_sets"][0]["healthcheck_timer_interval"] == 5


def test_a_default_written_on_one_chassis_only_is_said_and_the_change_it_brings_is_named():
    adoption = from_texts(MX1, MX2.replace("            keepalive 10;\n", ""))
    assert not adoption.exact and not adoption.reproduces
    [default] = [f for f in adoption.findings if f.kind == build.DEFAULT]
    assert default.severity == "warning" and default.path == "redundancy_sets[id=1].keepalive"
    assert "keepalive is 10 on pair1-mx1 and not set on pair1-mx2" in default.message
    assert adoption.changes == {"pair1-mx1": [], "pair1-mx2": [
        "a deploy would change redundancy_sets[id=1].keepalive on pair1-mx2 from None to 10"]}


def test_inactive_statements_inside_active_ones_are_kept_out_and_listed():
    mx1 = MX1 + ("set event-options redundancy-event CRIT_EV monitor link-down xe-0/0/5\n"
                 "deactivate event-options redundancy-event CRIT_EV monitor link-down xe-0/0/5\n")
    adoption = from_texts(mx1)
    assert adoption.exact
    assert adoption.inactive()["pair1-mx1"] == [
        "set event-options redundancy-event CRIT_EV monitor link-down xe-0/0/5",
        "deactivate event-options redundancy-event CRIT_EV monitor link-down xe-0/0/5"]


def test_everything_from_groups_on_one_chassis():
    mx2 = MX2.replace("event-options {", "groups {\n    SRD-EVENTS {\n        event-options {", 1)
    mx2 = mx2.replace("policy-options {", "    }\n}\napply-groups SRD-EVENTS;\npolicy-options {", 1)
    adoption = from_texts(MX1, mx2)
    assert adoption.exact, [str(f) for f in adoption.errors()]
    assert any("group SRD-EVENTS on pair1-mx2" in note for note in adoption.notes.values())


def test_one_way_redundancy_uses_only_on():
    mx1 = MX1 + ("set event-options redundancy-event ONE_WAY_EV monitor link-down xe-0/0/7\n"
                 "set policy-options redundancy-policy ONE_WAY_POL redundancy-events ONE_WAY_EV\n"
                 "set policy-options redundancy-policy ONE_WAY_POL then release-mastership-force\n"
                 "set policy-options redundancy-policy ONE_WAY_POL then delete-static-route 203.0.113.100/32 "
                 "routing-instance HA\n"
                 "set services redundancy-set 1 redundancy-policy ONE_WAY_POL\n")
    adoption = from_texts(mx1)
    assert adoption.reproduces, adoption.changes
    events = {e["name"]: e for e in adoption.intent["redundancy_events"]}
    assert events["ONE_WAY_EV"] == {"name": "ONE_WAY_EV", "link_down": ["xe-0/0/7"], "only_on": "pair1-mx1"}
    policies = {p["name"]: p for p in adoption.intent["redundancy_policies"]}
    assert policies["ONE_WAY_POL"]["only_on"] == "pair1-mx1"
    assert "ONE_WAY_POL" in adoption.intent["redundancy_sets"][0]["policies"]


ASYMMETRIES = [
    pytest.param(MX2.replace("keepalive 10;", "keepalive 5;"), "redundancy_sets[id=1].keepalive",
                 "redundancy set 1 keepalive differs between the chassis (pair1-mx1: 10, pair1-mx2: 5)",
                 ["a deploy would change redundancy_sets[id=1].keepalive on pair1-mx2 from 5 to 10"], id="keepalive"),
    pytest.param(MX2.replace("                    abort;\n", ""), "redundancy_events[name=CRIT_EV]",
                 "event CRIT_EV differs in its process routing abort monitor (pair1-mx1: True; pair1-mx2: False)",
                 ["a deploy would change redundancy_events[name=CRIT_EV].process_routing_abort on pair1-mx2 from "
                  "False to True"], id="event-monitor"),
    pytest.param(MX2.replace("            link-down xe-1/0/0;\n", "            link-down xe-1/0/0;\n"
                             "            link-down ae0;\n"), "redundancy_events[name=CRIT_EV].link_down",
                 "event CRIT_EV monitors different interfaces: pair1-mx1: xe-0/0/0, xe-0/0/1, vms-1/0/0; pair1-mx2: "
                 "vms-2/0/0, xe-1/0/1, xe-1/0/0, ae0", None, id="extra-link"),
    pytest.param(MX2.replace("    redundancy-set {\n", "    redundancy-set {\n        2 {\n            "
                             "redundancy-group 1;\n        }\n", 1), "redundancy_sets[id=2]",
                 "redundancy set 2 is configured on pair1-mx2 only; a pair intent gives every set to both chassis, so "
                 "a deploy would add it to pair1-mx1", ["a deploy would add redundancy_sets[id=2] on pair1-mx1"],
                 id="set-on-one-chassis"),
    pytest.param(MX2.replace("$9$7NNVYg4Zk.57-GDi.zFn/CApBcSeLxNBIyKMLbw", "another-key"), "iccp.authentication_key",
                 "the ICCP authentication key differs between the chassis (pair1-mx1: set, pair1-mx2: set)",
                 ["a deploy would change iccp.authentication_key on pair1-mx2 (values not shown)"], id="key"),
    pytest.param(MX2.replace("            redundancy-group-id-list 1;\n", "            redundancy-group-id-list 1;\n"
                             "            authentication-key peer-key;\n"), "iccp.authentication_key",
                 "pair1-mx2 sets authentication-key per ICCP peer (peer 192.0.2.1)", None, id="per-peer-key"),
    pytest.param(MX2.replace("ipaddress 198.51.100.1;", "ipaddress 198.51.100.9;"), "chassis.pair1-mx2.services_interface",
                 "pair1-mx2 replicates to 198.51.100.9 (redundancy-peer ipaddress) but pair1-mx1's data address is "
                 "198.51.100.1", None, id="replication-peer"),
]


@pytest.mark.parametrize("mx2,path,message,changes", ASYMMETRIES)
def test_what_a_pair_intent_cannot_express_is_said_precisely(mx2, path, message, changes):
    adoption = from_texts(MX1, mx2)
    assert not adoption.exact
    said = [f for f in adoption.findings if f.kind == build.ASYMMETRIC]
    assert any(f.path == path and message in f.message for f in said), [str(f) for f in said]
    if changes is not None:
        assert adoption.changes["pair1-mx2"] + adoption.changes["pair1-mx1"] == changes
    else:
        assert any(adoption.changes.values())
    # the file says it too, in its header
    text = "\n".join(render.render(adoption))
    flat = " ".join(word for word in text.split() if word != "#")
    assert "does NOT reproduce the pair" in text and message in flat


def test_link_down_pairs_follow_likeness_not_position():
    mx2 = MX2.replace("            link-down vms-2/0/0;\n            link-down xe-1/0/1;\n            link-down xe-1/0/0;\n",
                      "            link-down xe-1/0/0;\n            link-down vms-2/0/0;\n            link-down xe-1/0/1;\n")
    mx1 = MX1 + "set event-options redundancy-event CRIT_EV monitor link-down xe-0/0/4\n"
    mx2 = mx2.replace("            link-down xe-1/0/0;\n", "            link-down xe-1/0/4;\n            link-down xe-1/0/0;\n")
    adoption = from_texts(mx1, mx2)
    assert adoption.exact
    aliases = adoption.intent["chassis"]
    pairs = {aliases["pair1-mx1"]["interfaces"][a]: aliases["pair1-mx2"]["interfaces"][a]
             for a in aliases["pair1-mx1"]["interfaces"]}
    assert pairs == {"vms-1/0/0": "vms-2/0/0", "xe-0/0/1": "xe-1/0/1", "xe-0/0/0": "xe-1/0/0", "xe-0/0/4": "xe-1/0/4"}


def test_the_same_interface_names_on_both_chassis_need_no_alias():
    mx2 = MX2.replace("xe-1/0/0", "xe-0/0/0")
    adoption = from_texts(MX1, mx2)
    assert adoption.exact
    assert "xe-0/0/0" in adoption.intent["redundancy_events"][0]["link_down"]
    assert "xe_1" not in adoption.intent["chassis"]["pair1-mx1"]["interfaces"]


def test_an_empty_chassis_is_said_to_be_one():
    adoption = from_texts(MX1, "set system host-name pair1-mx2\n")
    assert not adoption.exact
    assert any(f.path == "chassis.pair1-mx2.iccp_address" for f in adoption.findings)
    assert any("pair1-mx2" in change for change in adoption.changes["pair1-mx2"])


def test_the_intent_holds_no_secret_outside_the_key():
    adoption = from_texts()
    data = copy.deepcopy(render.plain_intent(adoption))
    assert data["iccp"]["authentication_key"] == "********"
    assert "hand-made-key" not in "\n".join(render.render(adoption, "placeholder"))
    assert "$9$" not in "\n".join(render.render(adoption, "placeholder"))
