# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the topology picture shows: nodes, edges and which chassis is primary, from intent and state."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.mxha.srd.plugins.plugin_utils.topology.graph import (
    ALERT, MISSING, PLAIN, PRIMARY, TopologyError, build, roles_from_state,
)


def titles(topology, key):
    return [node.title for column in topology.columns if column.key == key for node in column.nodes]


def edges_by_title(topology):
    return {(topology.node(edge.source).title, topology.node(edge.target).title) for edge in topology.edges}


def by_title(topology, title):
    found = [node for column in topology.columns for node in column.nodes if node.title == title]
    found += [node for node in topology.chassis if node.title == title]
    assert len(found) == 1, title
    return found[0]


def test_example_pair_chain(cgnat):
    topology = build(cgnat)
    assert titles(topology, "events") == ["ACQU_MSHIP_CRIT_EV", "ACQU_MSHIP_MANUAL_EV", "RELS_MSHIP_CRIT_EV",
                                          "RELS_MSHIP_MANUAL_EV"]
    assert titles(topology, "policies") == ["ACQU_MSHIP_POL", "RELS_MSHIP_POL"]
    assert titles(topology, "sets") == ["redundancy-set 1"]
    assert titles(topology, "groups") == ["redundancy-group 1"]
    assert titles(topology, "service_sets") == ["CGNAT_SS1"]
    assert edges_by_title(topology) == {
        ("ACQU_MSHIP_CRIT_EV", "ACQU_MSHIP_POL"), ("ACQU_MSHIP_MANUAL_EV", "ACQU_MSHIP_POL"),
        ("RELS_MSHIP_CRIT_EV", "RELS_MSHIP_POL"), ("RELS_MSHIP_MANUAL_EV", "RELS_MSHIP_POL"),
        ("ACQU_MSHIP_POL", "redundancy-set 1"), ("RELS_MSHIP_POL", "redundancy-set 1"),
        ("redundancy-set 1", "redundancy-group 1"), ("redundancy-set 1", "CGNAT_SS1"),
    }
    assert by_title(topology, "RELS_MSHIP_CRIT_EV").lines == (
        "link-down uplink, downlink, services", "routing process restart, abort")
    assert by_title(topology, "ACQU_MSHIP_CRIT_EV").lines == ("peer mastership-release",)
    assert by_title(topology, "ACQU_MSHIP_MANUAL_EV").lines == ("manual trigger only",)
    assert by_title(topology, "ACQU_MSHIP_POL").lines == (
        "acquire-mastership", "add signal route 203.0.113.100/32 receive in HA")
    assert [node.lines for node in topology.chassis] == [
        ("gateway 1", "ICCP 192.0.2.1"), ("gateway 2", "ICCP 192.0.2.2")]
    assert not topology.has_state
    assert all(node.css == PLAIN for column in topology.columns for node in column.nodes)


def test_primary_is_highlighted_on_set_service_set_and_chassis(cgnat):
    topology = build(cgnat, {"pair1-mx1": {"redundancy_sets": {1: "standby"}},
                             "pair1-mx2": {"redundancy_sets": {1: "primary"}}})
    rset = by_title(topology, "redundancy-set 1")
    assert rset.css == PRIMARY
    assert rset.lines == ("primary: pair1-mx2", "standby: pair1-mx1")
    assert by_title(topology, "CGNAT_SS1").lines == ("active on pair1-mx2",)
    assert by_title(topology, "CGNAT_SS1").css == PRIMARY
    assert by_title(topology, "pair1-mx2").css == PRIMARY
    assert by_title(topology, "pair1-mx2").lines[-1] == "primary for set 1"
    assert by_title(topology, "pair1-mx1").css == PLAIN


@pytest.mark.parametrize("state", [
    {"pair1-mx1": {"redundancy_sets": {1: "primary"}}, "pair1-mx2": {"redundancy_sets": {1: "standby"}}},
    {"pair1-mx1": {"redundancy_sets": {"1": "MASTER"}}, "pair1-mx2": {"redundancy_sets": {"1": "STANDBY"}}},
    {"chassis": {"pair1-mx1": {"roles": {"1": "primary"}}, "pair1-mx2": {"roles": {"1": "standby"}}}},
    {"state": {"pair1-mx1": {"redundancy_sets": {1: {"role": "primary"}}},
               "pair1-mx2": {"redundancy_sets": {1: {"role": "standby"}}}}},
])
def test_state_shapes_read_alike(cgnat, state):
    assert by_title(build(cgnat, state), "redundancy-set 1").lines == ("primary: pair1-mx1", "standby: pair1-mx2")


def test_split_brain_and_no_primary_are_alerts(two_groups):
    topology = build(two_groups, {"pair7-a": {"redundancy_sets": {1: "primary", 2: "primary", 3: "standby"}},
                                  "pair7-b": {"redundancy_sets": {1: "standby", 2: "primary",
                                                                  3: "STANDBY (WARNED)"}}})
    assert by_title(topology, "redundancy-set 2").css == ALERT
    assert by_title(topology, "redundancy-set 2").lines[0] == "split brain"
    assert by_title(topology, "redundancy-set 3").css == ALERT
    assert by_title(topology, "redundancy-set 3").lines == ("no primary", "standby: pair7-a", "warned: pair7-b")
    assert by_title(topology, "FW_1").css == PLAIN and by_title(topology, "FW_1").lines == ()
    assert by_title(topology, "pair7-a").lines[-1] == "primary for sets 1, 2"


def test_unknown_role_text_is_shown_never_read_as_primary(cgnat):
    topology = build(cgnat, {"pair1-mx1": {"redundancy_sets": {1: "ACTIVE-ISH"}}})
    rset = by_title(topology, "redundancy-set 1")
    assert rset.css == ALERT
    assert rset.lines == ("no primary", "ACTIVE-ISH: pair1-mx1", "unknown: pair1-mx2")


def test_missing_policy_only_on_and_unattached_event(two_groups):
    topology = build(two_groups)
    ghost = by_title(topology, "GHOST_POL")
    assert ghost.css == MISSING and ghost.lines == ("not defined",)
    assert ("GHOST_POL", "redundancy-set 2") in edges_by_title(topology)
    assert by_title(topology, "WARN_POL").lines == ("broadcast-warning", "only on pair7-a")
    assert by_title(topology, "ACQ_POL").lines == (
        "acquire-mastership", "add signal route 192.0.2.10/32 next-hop 192.0.2.254 in HA")
    assert by_title(topology, "REL_POL").lines[0] == "release-mastership-force"
    assert titles(topology, "events")[-1] == "LONELY_EV"       # unattached: drawn, last
    assert not any(edge.source == by_title(topology, "LONELY_EV").id for edge in topology.edges)
    assert titles(topology, "groups") == ["redundancy-group 1", "redundancy-group 2"]
    # gateway 1 is the lower ICCP address, whatever the order of the chassis in the intent
    assert [node.lines[0] for node in topology.chassis] == ["gateway 2", "gateway 1"]
    assert len(topology.iccp) == 4   # each group joins both chassis


def test_iccp_key_is_never_read(cgnat):
    class Vaulted:
        def __str__(self):
            raise AssertionError("the topology filter decrypted the ICCP key")

    cgnat["iccp"]["authentication_key"] = Vaulted()
    before = copy.copy(cgnat["iccp"])
    assert titles(build(cgnat), "sets") == ["redundancy-set 1"]
    assert cgnat["iccp"] == before   # the caller's intent is not changed


@pytest.mark.parametrize("state, message", [
    ({"pair9-x": {"redundancy_sets": {1: "primary"}}}, "not a chassis of the pair intent"),
    ({"pair1-mx1": {"redundancy_sets": {"one": "primary"}}}, "not a redundancy-set id"),
    ({"pair1-mx1": {"sessions": {}}}, "expected redundancy_sets"),
    ({"pair1-mx1": {"redundancy_sets": {1: {"colour": "green"}}}}, "expected a role"),
    (["pair1-mx1"], "state must be a mapping"),
])
def test_bad_state_is_a_sentence(state, message):
    with pytest.raises(TopologyError, match=message):
        roles_from_state(state, ["pair1-mx1", "pair1-mx2"])


def test_intent_must_be_a_mapping():
    with pytest.raises(TopologyError, match="a pair intent is a mapping"):
        build("chassis: {}")
