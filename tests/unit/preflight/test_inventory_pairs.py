# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pairs without an intent (the compatibility check): named pairs, pair hosts, two-host inventory groups."""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.inventory_pairs import resolve_without_intent

VARS = {h: {"ansible_host": "127.0.0.1", "ansible_port": p}
        for h, p in (("a1", 1), ("a2", 2), ("b1", 3), ("b2", 4), ("c1", 5))}
GROUPS = {"all": list(VARS), "ungrouped": [], "mx": list(VARS), "pairs": ["a1", "a2"], "pair_a": ["a1", "a2"],
          "pair_b": ["b1", "b2"], "site": ["a1", "b1", "c1"]}


def names(fleet):
    return [(p.name, p.chassis) for p in fleet.pairs]


def kinds(fleet):
    return sorted((p.kind, p.hosts) for p in fleet.problems)


def test_two_host_groups_make_the_pairs_and_the_innermost_names_them():
    fleet = resolve_without_intent(["a1", "a2", "b1", "b2"], list(VARS), GROUPS, VARS)
    assert names(fleet) == [("pair_a", ("a1", "a2")), ("pair_b", ("b1", "b2"))] and fleet.problems == []
    assert fleet.pairs[0].connection["a2"] == {"ansible_host": "127.0.0.1", "ansible_port": 2}
    assert fleet.pairs[0].intent == {}


def test_a_host_in_no_pair_group_and_a_limited_pair_are_named():
    fleet = resolve_without_intent(["a1", "c1"], list(VARS), GROUPS, VARS)
    assert names(fleet) == []
    assert kinds(fleet) == [("missing", ("a2",)), ("unclaimed", ("c1",))]


def test_a_host_in_two_pair_groups_with_different_peers_is_ambiguous():
    groups = dict(GROUPS, odd=["a1", "b1"])
    fleet = resolve_without_intent(["a1", "a2", "b1", "b2"], list(VARS), groups, VARS)
    assert kinds(fleet) == [("double-claim", ("a1",)), ("double-claim", ("b1",))] and names(fleet) == []


def test_named_pairs_win_and_are_checked():
    fleet = resolve_without_intent(["a1", "b1", "c1"], list(VARS), GROUPS, VARS,
                                   pairs=[["a1", "b1"], "c1,x9", "a1", ["b1", "b1"]])
    assert names(fleet) == [("a1 + b1", ("a1", "b1"))]
    assert kinds(fleet) == [("invalid", ()), ("invalid", ()), ("missing", ("x9",))]


def test_a_pair_host_brings_its_chassis():
    variables = {"p1": {"ansible_user": "lab", "srd_chassis": {"x1": {"ansible_port": 7}, "x2": {"ansible_port": 8}}}}
    fleet = resolve_without_intent(["p1"], ["p1"], {"all": ["p1"]}, variables)
    assert names(fleet) == [("p1", ("x1", "x2"))] and fleet.pairs[0].via == "p1"
    assert fleet.pairs[0].connection["x2"] == {"ansible_user": "lab", "ansible_port": 8}
