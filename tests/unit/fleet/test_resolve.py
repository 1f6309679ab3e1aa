# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which pairs a run works on, and every way the inventory can be wrong, each reported by name."""
from __future__ import annotations

import copy

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import fleet


def intent(n: int, a: str = "", b: str = "") -> dict:
    a, b = a or "pair%d-mx1" % n, b or "pair%d-mx2" % n
    return {"name": "cgnat-pair%d" % n, "chassis": {a: {"iccp_address": "192.0.2.1"}, b: {"iccp_address": "192.0.2.2"}},
            "redundancy_sets": [{"id": 1}]}


def inventory(pairs: int) -> dict:
    """Chassis hosts whose group_vars hold their pair's intent (the keys as variables)."""
    out = {}
    for n in range(1, pairs + 1):
        for m in (1, 2):
            out["pair%d-mx%d" % (n, m)] = dict(copy.deepcopy(intent(n)), ansible_port=20000 + 2 * n + m)
    return out


def test_every_pair_of_the_play_is_found_from_the_inventory():
    hv = inventory(3)
    result = fleet.resolve(sorted(hv), hv, hv)
    assert [p.name for p in result.pairs] == ["cgnat-pair1", "cgnat-pair2", "cgnat-pair3"]
    assert result.pairs[0].chassis == ("pair1-mx1", "pair1-mx2")
    assert result.pairs[0].connection["pair1-mx2"]["ansible_port"] == 20004
    assert result.problems == [] and result.notes == []


def test_an_intent_in_srd_intent_counts_too():
    hv = {h: {"srd_intent": intent(1)} for h in ("pair1-mx1", "pair1-mx2")}
    assert [p.name for p in fleet.resolve(sorted(hv), hv, hv).pairs] == ["cgnat-pair1"]


def test_a_host_no_intent_names_is_reported_not_left_out():
    hv = inventory(1)
    hv["lonely-mx"] = {"ansible_port": 1}
    result = fleet.resolve(sorted(hv), hv, hv)
    assert [p.name for p in result.pairs] == ["cgnat-pair1"]
    assert [(p.kind, p.hosts) for p in result.problems] == [(fleet.UNCLAIMED, ("lonely-mx",))]
    assert "lonely-mx" in result.problems[0].message and "no pair intent names it" in result.problems[0].message


def test_limit_to_one_chassis_refuses_that_pair_only():
    hv = inventory(2)
    play = ["pair1-mx1", "pair2-mx1", "pair2-mx2"]
    result = fleet.resolve(play, hv, {h: hv[h] for h in play})
    assert [p.name for p in result.pairs] == ["cgnat-pair2"]
    [problem] = result.problems
    assert problem.kind == fleet.MISSING and problem.hosts == ("pair1-mx2", "pair1-mx1") and problem.pair == "cgnat-pair1"
    assert "not in the play" in problem.message


def test_an_intent_naming_a_host_missing_from_the_inventory():
    hv = {"pair1-mx1": intent(1, b="ghost")}
    result = fleet.resolve(["pair1-mx1"], hv, hv)
    assert result.pairs == []
    assert [(p.kind, p.hosts) for p in result.problems] == [(fleet.MISSING, ("ghost", "pair1-mx1"))]
    assert "not in the inventory" in result.problems[0].message


def test_a_chassis_claimed_by_two_intents():
    hv = inventory(2)
    explicit = [("a.yml", intent(1)), ("b.yml", intent(2, a="pair1-mx1"))]
    result = fleet.resolve(sorted(hv), hv, hv, explicit)
    kinds = {(p.kind, p.hosts) for p in result.problems}
    assert (fleet.DOUBLE_CLAIM, ("pair1-mx1",)) in kinds
    assert all("pair1-mx1" not in p.chassis for p in result.pairs)
    assert "claimed by 2 intents (cgnat-pair1, cgnat-pair2)" in [p for p in result.problems
                                                                  if p.kind == fleet.DOUBLE_CLAIM][0].message


def test_the_two_chassis_of_a_pair_carrying_different_intents():
    hv = inventory(1)
    hv["pair1-mx2"]["redundancy_sets"] = [{"id": 2}]
    result = fleet.resolve(sorted(hv), hv, hv)
    assert result.pairs == []
    assert [p.kind for p in result.problems] == [fleet.CONFLICT]


def test_one_explicit_intent_leaves_other_hosts_out_with_a_note():
    hv = inventory(2)
    result = fleet.resolve(sorted(hv), hv, hv, [("pair.yml", intent(2))])
    assert [p.name for p in result.pairs] == ["cgnat-pair2"]
    assert result.problems == []
    assert result.notes == ["pair1-mx1: left out, the intent given (pair.yml) does not name it",
                            "pair1-mx2: left out, the intent given (pair.yml) does not name it"]


def test_a_directory_of_intents_reports_hosts_none_of_them_names():
    hv = inventory(2)
    result = fleet.resolve(sorted(hv), hv, hv, [("a.yml", intent(1)), ("c.yml", intent(3))])
    assert [p.name for p in result.pairs] == ["cgnat-pair1"]
    kinds = sorted((p.kind, p.hosts) for p in result.problems)
    assert kinds == [(fleet.MISSING, ("pair3-mx1", "pair3-mx2")), (fleet.UNCLAIMED, ("pair2-mx1",)),
                     (fleet.UNCLAIMED, ("pair2-mx2",))]


def test_pair_hosts_bring_their_chassis_and_connection_variables():
    hv = {"pair1": dict(intent(1), ansible_user="lab", srd_chassis={
        "pair1-mx1": {"ansible_port": 1001}, "pair1-mx2": {"ansible_port": 1002, "ansible_user": "other"}})}
    result = fleet.resolve(["pair1"], ["pair1"], hv)
    [pair] = result.pairs
    assert pair.via == "pair1" and pair.chassis == ("pair1-mx1", "pair1-mx2")
    assert pair.connection["pair1-mx1"]["ansible_user"] == "lab"
    assert pair.connection["pair1-mx2"] == {"ansible_user": "other", "ansible_port": 1002,
                                            **{k: v for k, v in intent(1).items()}} | {"ansible_user": "other"}
    assert "srd_chassis" not in pair.connection["pair1-mx1"]


def test_a_pair_host_whose_chassis_do_not_match_its_intent():
    hv = {"pair1": dict(intent(1), srd_chassis={"pair1-mx1": {}, "other": {}})}
    result = fleet.resolve(["pair1"], ["pair1"], hv)
    assert result.pairs == [] and [p.kind for p in result.problems] == [fleet.CONFLICT]


def test_an_intent_that_does_not_name_two_chassis():
    hv = {"x": {"srd_intent": {"name": "broken", "chassis": {"only-one": {}}}}}
    result = fleet.resolve(["x"], ["x"], hv)
    assert [(p.kind, p.pair) for p in result.problems] == [(fleet.INVALID, "broken")]


def test_two_intents_with_one_name_are_told_apart_by_their_chassis():
    hv = inventory(2)
    hv["pair2-mx1"]["name"] = hv["pair2-mx2"]["name"] = "cgnat-pair1"
    result = fleet.resolve(sorted(hv), hv, hv)
    assert [p.name for p in result.pairs] == ["cgnat-pair1 (pair1-mx1 + pair1-mx2)", "cgnat-pair1 (pair2-mx1 + pair2-mx2)"]


def test_intents_for_pairs_outside_the_play_are_left_out_with_a_note():
    """--limit to one pair with a directory of every pair's intent: the others are not this run's business."""
    hv = inventory(3)
    play = ["pair2-mx1", "pair2-mx2"]
    explicit = [("p%d.yml" % n, intent(n)) for n in (1, 2, 3)]
    result = fleet.resolve(play, hv, {h: hv[h] for h in play}, explicit)
    assert [p.name for p in result.pairs] == ["cgnat-pair2"] and result.problems == []
    assert result.notes == ["cgnat-pair1: left out, neither of its chassis (pair1-mx1 + pair1-mx2) is among the "
                            "play's hosts", "cgnat-pair3: left out, neither of its chassis (pair3-mx1 + pair3-mx2) "
                            "is among the play's hosts"]
