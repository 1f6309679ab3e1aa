# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Model <-> plain dicts (Ansible's side)."""

from __future__ import annotations

import json

from ansible_collections.mxha.srd.plugins.module_utils.srd.model import serialize
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import MastershipAction, PeerEvent


def test_round_trip_with_secrets_revealed(mx1, mx2):
    for config in (mx1, mx2):
        data = serialize.chassis_to_dict(config, reveal=True)
        json.dumps(data)
        again, issues = serialize.chassis_from_dict(data)
        assert issues == [] and again == config


def test_output_is_canonical_and_uses_junos_keywords(mx1):
    data = serialize.chassis_to_dict(mx1)
    assert [p["name"] for p in data["redundancy_policies"]] == ["ACQU_MSHIP_POL", "RELS_MSHIP_POL"]
    assert data["redundancy_policies"][0]["action"] == "acquire-mastership"
    assert data["redundancy_events"][0] == {"name": "ACQU_MSHIP_CRIT_EV", "peer": "mastership-release"}
    assert set(data) == set(serialize.CHASSIS_KEYS)
    assert serialize.resource_to_dict(mx1, "redundancy_sets").keys() == {"redundancy_sets", "service_sets"}


def test_input_sugar_and_spellings():
    config, issues = serialize.chassis_from_dict({
        "redundancy_events": {"E": {"peer": "primary-role-release"}},
        "redundancy_policies": [{"name": "P", "events": ["E"], "action": "acquire_primary_role"}],
        "redundancy_sets": [{"id": "1", "redundancy_group": 1, "policies": ["P"]}],
    })
    assert issues == []
    assert config.redundancy_events["E"].peer is PeerEvent.MASTERSHIP_RELEASE
    assert config.redundancy_policies["P"].action is MastershipAction.ACQUIRE
    assert config.redundancy_sets[1].policies == ("P",)


def test_every_input_problem_is_reported_with_its_path():
    _config, issues = serialize.chassis_from_dict({
        "redundancy_sets": [{"id": 1, "policies": "P"}, {"id": 1}, {"redundancy_group": 2}, "x"],
        "redundancy_events": [{"name": "E", "link_down": ["xe-0/0/1", "xe-0/0/1"], "colour": "red"}],
        "iccp": {"peers": [{"address": "192.0.2.2", "redundancy_group_id_list": [1, True]}]},
        "bogus": 1,
    })
    found = {(v.path, v.rule) for v in issues}
    assert found == {
        ("redundancy_sets[id=1].policies", "INPUT-TYPE"),
        ("redundancy_sets[id=1]", "DUPLICATE-ENTRY"),
        ("redundancy_sets[2].id", "INPUT-REQUIRED"),
        ("redundancy_sets[3]", "INPUT-TYPE"),
        ("redundancy_events[name=E].link_down[1]", "DUPLICATE-ENTRY"),
        ("redundancy_events[name=E].colour", "INPUT-UNKNOWN-KEY"),
        ("iccp.peers[address=192.0.2.2].redundancy_group_id_list[1]", "INPUT-TYPE"),
        ("bogus", "INPUT-UNKNOWN-KEY"),
    }


def test_not_a_mapping():
    config, issues = serialize.chassis_from_dict(["x"])
    assert config.is_empty() and [v.rule for v in issues] == ["INPUT-TYPE"]
