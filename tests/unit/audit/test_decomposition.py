# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit splits a pair into independent components for speed; this checks that the split changes
nothing: every scenario's outcome per set, routes, VRRP and advertisement, and every finding, equal
what the engine gives when the whole pair is decided at once (``split=False``), at depth 1 and 2.

Designs: the engine's test pair (docs/srd-semantics.md section 7: two sets whose links share a PIC)
and its variants, and a three-set pair where one VRRP group tracks two sets' routes (those two form
one component) while a PIC carries links of all three.
"""

from __future__ import annotations

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.design import Design
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.render import scenario_to_dict
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.run import run_audit

from engine.engine_cases import build_pair  # tests/unit/engine (the same rootdir)
from .audit_helpers import configs, data


def three_sets() -> dict:
    design = data("clean-pair")
    for n, route in ((2, "203.0.113.101/32"), (3, "203.0.113.102/32")):
        design["redundancy_events"] += [
            {"name": "REL%d" % n, "link_down": ["extra%d" % n]}, {"name": "REL%d_MAN" % n},
            {"name": "REL%d_PEER" % n, "peer": "primary-role-acquire"},
            {"name": "ACQ%d_PEER" % n, "peer": "primary-role-release"}, {"name": "ACQ%d_MAN" % n}]
        design["redundancy_policies"] += [
            {"name": "ACQ%d" % n, "events": ["ACQ%d_PEER" % n, "ACQ%d_MAN" % n], "then": "acquire",
             "add_signal_route": {"prefix": route, "receive": True, "routing_instance": "HA"}},
            {"name": "REL%d" % n, "events": ["REL%d" % n, "REL%d_MAN" % n, "REL%d_PEER" % n], "then": "release",
             "delete_signal_route": {"prefix": route, "routing_instance": "HA"}}]
        design["redundancy_sets"].append({"id": n, "redundancy_group": 1, "policies": ["ACQ%d" % n, "REL%d" % n]})
        design["route_tracking"]["conditions"].append({"name": "C%d" % n, "prefix": route, "table": "HA.inet.0"})
    for name, chassis in design["chassis"].items():
        slot = chassis["interfaces"]["uplink"].split("-")[1].split("/")[0]
        chassis["interfaces"].update(extra2="ge-%s/0/5" % slot, extra3="ge-%s/0/6" % slot)
        chassis["vrrp_groups"][0]["track_routes"].append(   # group 10 also follows set 2: sets 1 and 2 are tied
            {"prefix": "203.0.113.101/32", "routing_instance": "HA", "priority_cost": 20})
    return configs(design)


DESIGNS = {
    "std": lambda: build_pair("std"),
    "ping-pong": lambda: build_pair("ping-pong"),
    "extra-policies": lambda: build_pair("extra-policies"),
    "b-no-set2": lambda: build_pair("b-no-set2"),
    "three-sets": three_sets,
}


def _scenarios(result) -> dict:
    out = {}
    for scenario in result.scenarios + result.deep:
        item = scenario_to_dict(scenario)
        for key in ("vrrp", "advertisement", "sync_roles", "steps"):
            item[key] = sorted(item[key], key=repr)
        for routes in item["signal_routes"].values():
            routes["added"].sort()
            routes["removed"].sort()
        item["findings"] = sorted(set(item["findings"]))
        for outcome in item["redundancy_sets"].values():
            outcome.pop("reason")   # the engine's sentence may name the other sets a decision acted on
        for step in item["steps"]:
            step.pop("reason")
        out[item["id"]] = item
    return out


def _findings(result) -> set:
    return {(f.rule_id, f.redundancy_set, f.chassis, f.cause, f.severity, f.depth, f.message) for f in result.findings}


def test_components():
    assert [c.set_ids for c in Design(three_sets()).components] == [(1, 2), (3,)]
    assert [c.set_ids for c in Design(build_pair("std")).components] == [(1,), (2,)]
    assert [c.set_ids for c in Design(build_pair("std"), split=False).components] == [(1, 2)]


@pytest.mark.parametrize("name", sorted(DESIGNS))
def test_depth1_split_equals_the_whole_pair(name):
    pair = DESIGNS[name]()
    split, whole = run_audit(pair), run_audit(pair, split=False)
    assert split.counts["depth1"] == whole.counts["depth1"]
    assert _scenarios(split) == _scenarios(whole)
    assert _findings(split) == _findings(whole)
    assert split.matrix.to_dict() == whole.matrix.to_dict()


@pytest.mark.parametrize("name", sorted(DESIGNS))
def test_depth2_split_equals_the_whole_pair(name):
    pair = DESIGNS[name]()
    split, whole = run_audit(pair, depth=2), run_audit(pair, depth=2, split=False)
    assert split.counts["depth2_pairs"] == whole.counts["depth2_pairs"] == whole.counts["depth2_evaluated"]
    assert _findings(split) == _findings(whole)
    # a pair the split evaluated and found something in is found alike by the whole pair, set by set
    mine, reference = _scenarios(split), _scenarios(whole)
    for sid, item in mine.items():
        if item["depth"] == 2:
            for set_id, outcome in item["redundancy_sets"].items():
                assert reference[sid]["redundancy_sets"][set_id] == outcome, (sid, set_id)


def test_the_split_evaluates_fewer_pairs():
    pair = three_sets()
    split = run_audit(pair, depth=2)
    assert split.counts["depth2_evaluated"] < split.counts["depth2_pairs"]
