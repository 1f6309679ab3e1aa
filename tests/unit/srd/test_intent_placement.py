# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where each redundancy set belongs: ``redundancy_sets[].primary`` read, checked by the engine, never rendered."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml, to_string
from ansible_collections.mxha.srd.plugins.plugin_utils.pair_input import intent_placement

from .helpers import rules_of

AB = Path(__file__).resolve().parents[3] / "docs" / "examples" / "ab-pair.yml"


@pytest.fixture
def ab() -> dict:
    return yaml.safe_load(AB.read_text())


def test_the_a_b_example_places_set_1_on_gateway_1_and_set_2_on_gateway_2(ab):
    loaded = intent.load(ab)
    assert loaded.ok and loaded.violations == []
    assert loaded.placement == {1: "pair1-mx1", 2: "pair1-mx2"}
    assert {g.hostname: g.number for g in loaded.gateways} == {"pair1-mx1": 1, "pair1-mx2": 2}


def test_primary_is_not_a_junos_statement_and_is_never_rendered(ab):
    without = copy.deepcopy(ab)
    for rset in without["redundancy_sets"]:
        del rset["primary"]
    placed, plain = intent.load(ab), intent.load(without)
    assert placed.configs == plain.configs and plain.placement == {}
    for name, config in placed.configs.items():
        assert name not in to_string(render_xml(config))


def test_a_primary_the_pair_does_not_have_is_refused_by_name(ab):
    ab["redundancy_sets"][1]["primary"] = "pair9-mx2"
    loaded = intent.load(ab)
    assert rules_of(loaded.violations) == {"PLACEMENT-CHASSIS"}
    (found,) = loaded.violations
    assert found.path == "redundancy_sets[id=2].primary" and "pair9-mx2" in found.message
    assert "pair1-mx1, pair1-mx2" in found.message


def test_a_primary_no_request_can_reach_is_refused_with_the_engine_reason(ab):
    """Set 2 reacts to the peer only: no request can be triggered by hand (a monitored event can be: J3)."""
    for policy in ab["redundancy_policies"]:
        policy["events"] = [e for e in policy["events"] if not e.startswith("SFW_") or "PEER" in e]
    ab["redundancy_events"] = [e for e in ab["redundancy_events"] if not e["name"].startswith("SFW_") or "PEER" in e["name"]]
    loaded = intent.load(ab)
    assert rules_of([v for v in loaded.violations if v.is_error]) == {"PLACEMENT-UNREACHABLE"}
    found = next(v for v in loaded.violations if v.rule == "PLACEMENT-UNREACHABLE")
    assert found.path == "redundancy_sets[id=2].primary" and found.chassis == ("pair1-mx2",)
    assert "plan.no-candidate" in found.message and "bare event" in found.message
    ab["redundancy_sets"][1]["primary"] = "pair1-mx1"        # the same set placed on gateway 1: just as unreachable
    assert "PLACEMENT-UNREACHABLE" in rules_of(intent.load(ab).violations)


def test_a_monitored_event_triggered_by_hand_is_enough_to_reach_a_placement(ab):
    """Juniper (J3): the request fires any event of an acquire or release policy of the set, as if it occurred."""
    for policy in ab["redundancy_policies"]:
        policy["events"] = [e for e in policy["events"] if not e.startswith("SFW_") or "MANUAL" not in e]
    ab["redundancy_events"] = [e for e in ab["redundancy_events"] if "SFW_" not in e["name"] or "MANUAL" not in e["name"]]
    assert intent.load(ab).ok


def test_a_placement_is_only_judged_by_the_engine_on_an_otherwise_valid_pair(ab):
    ab["redundancy_sets"][1]["policies"] = ["SFW_ACQ_POL", "NO_SUCH_POL"]
    rules = rules_of(intent.load(ab).violations)
    assert "REF-SET-POLICY" in rules and "PLACEMENT-UNREACHABLE" not in rules


@pytest.mark.parametrize("value", [["pair1-mx1"], {"a": 1}, True])
def test_a_primary_is_one_hostname(ab, value):
    ab["redundancy_sets"][0]["primary"] = value
    loaded = intent.load(ab)
    assert "INPUT-TYPE" in rules_of(loaded.violations) and 1 not in loaded.placement


def test_the_audit_reads_the_placement_from_the_intent(ab):
    assert intent_placement(ab) == {1: "pair1-mx1", 2: "pair1-mx2"}
    ab["redundancy_sets"][0]["primary"] = "elsewhere"
    assert intent_placement(ab) == {2: "pair1-mx2"}
    assert intent_placement({"pair1-mx1": "<configuration/>", "pair1-mx2": "<configuration/>"}) == {}
