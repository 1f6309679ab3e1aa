# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pair intent: mirroring, aliases, per-chassis differences, and bad documents."""

from __future__ import annotations

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import MastershipAction

from .helpers import rules_of


def test_each_iccp_peer_points_at_the_other(pair):
    mx1, mx2 = pair.configs["pair1-mx1"], pair.configs["pair1-mx2"]
    assert mx1.iccp.local_ip_addr == "192.0.2.1" and list(mx1.iccp.peers) == ["192.0.2.2"]
    assert mx2.iccp.local_ip_addr == "192.0.2.2" and list(mx2.iccp.peers) == ["192.0.2.1"]
    assert mx1.iccp.peers["192.0.2.2"].redundancy_group_id_list == (1,)


def test_services_interfaces_replicate_to_each_other(pair):
    mx1, mx2 = pair.configs["pair1-mx1"], pair.configs["pair1-mx2"]
    assert mx1.redundancy_options["vms-1/0/0"].peer_address == "198.51.100.2"
    assert mx2.redundancy_options["vms-2/0/0"].peer_address == "198.51.100.1"
    assert mx2.redundancy_options["vms-2/0/0"].routing_instance == "HA"


def test_aliases_resolve_per_chassis(pair):
    assert pair.configs["pair1-mx1"].redundancy_events["RELS_MSHIP_CRIT_EV"].link_down == (
        "xe-0/0/0", "xe-0/0/1", "vms-1/0/0")
    assert pair.configs["pair1-mx2"].redundancy_events["RELS_MSHIP_CRIT_EV"].link_down == (
        "xe-1/0/0", "xe-1/0/1", "vms-2/0/0")
    assert list(pair.configs["pair1-mx2"].vrrp_groups)[0][0] == "xe-1/0/1"


def test_same_set_and_group_ids_on_both(pair):
    mx1, mx2 = pair.configs.values()
    assert mx1.redundancy_sets == mx2.redundancy_sets and mx1.service_sets == mx2.service_sets


def test_only_on_makes_a_one_way_pair(intent_data):
    intent_data["redundancy_policies"][0]["only_on"] = ["pair1-mx2"]     # only mx2 can acquire
    result = intent.load(intent_data)
    assert "ACQU_MSHIP_POL" not in result.configs["pair1-mx1"].redundancy_policies
    assert "PAIR-ACQUIRE-RELEASE" not in rules_of(result.violations)    # mx2 acquires, mx1 releases
    # but mx1 never adds the signal route its VRRP group tracks: routing cannot follow the role
    assert "PAIR-ROUTING-ORDER" in rules_of(result.violations)
    assert "PAIR-ONE-WAY" in rules_of(result.violations)
    assert result.configs["pair1-mx1"].redundancy_sets[1].policies == ("RELS_MSHIP_POL",)
    assert result.configs["pair1-mx2"].redundancy_sets[1].policies == ("ACQU_MSHIP_POL", "RELS_MSHIP_POL")
    assert "EVENT-UNUSED" in rules_of(result.violations)        # mx1's acquire events now trigger nothing


def test_explicit_group_list_must_cover_the_sets(intent_data):
    intent_data["iccp"]["redundancy_groups"] = [2]
    result = intent.load(intent_data)
    assert {"REF-SET-GROUP", "PAIR-GROUP-IDS"} <= rules_of(result.violations)


def test_signal_route_receive_false_needs_next_hop(intent_data):
    intent_data["redundancy_policies"][0]["add_signal_route"]["receive"] = False
    result = intent.load(intent_data)
    assert "INPUT-REQUIRED" in rules_of(result.violations)
    intent_data["redundancy_policies"][0]["add_signal_route"]["next_hop"] = "198.51.100.9"
    result = intent.load(intent_data)
    assert result.ok
    assert result.configs["pair1-mx1"].redundancy_policies["ACQU_MSHIP_POL"].add_signal_route.next_hop \
        == "198.51.100.9"


def test_action_given_twice(intent_data):
    intent_data["redundancy_policies"][0]["action"] = "acquire"
    assert "INPUT-UNKNOWN-KEY" in rules_of(intent.load(intent_data).violations)


def test_chassis_as_list_is_accepted(intent_data):
    intent_data["chassis"] = [dict(value, hostname=name) for name, value in intent_data["chassis"].items()]
    result = intent.load(intent_data)
    assert result.ok and result.hostnames == ["pair1-mx1", "pair1-mx2"]


def test_violation_shared_by_both_chassis_is_reported_once(intent_data):
    intent_data["redundancy_sets"][0]["keepalive"] = 99
    hits = [v for v in intent.load(intent_data).violations if v.rule == "RANGE-VALUE"]
    assert len(hits) == 1 and hits[0].chassis == ("pair1-mx1", "pair1-mx2")
    assert hits[0].path == "redundancy_sets[id=1].keepalive"


@pytest.mark.parametrize("document", [None, [], "text", 5, {"chassis": "x"}, {"chassis": {}},
                                      {"chassis": {"a": None, "b": 3}}, {"redundancy_events": "x"}])
def test_bad_documents_never_raise(document):
    result = intent.load(document)
    assert not result.ok
    assert all(v.rule and v.message for v in result.violations)


def test_process_routing_words(intent_data):
    intent_data["redundancy_events"][0]["process_routing"] = ["restart", "crash"]
    result = intent.load(intent_data)
    assert "VALUE-ENUM" in rules_of(result.violations)
    assert result.configs["pair1-mx1"].redundancy_events["RELS_MSHIP_CRIT_EV"].process_routing_restart


def test_release_force_counts_as_release(intent_data):
    intent_data["redundancy_policies"][1]["then"] = "release-primary-role-force"
    result = intent.load(intent_data)
    assert result.ok
    assert result.configs["pair1-mx1"].redundancy_policies["RELS_MSHIP_POL"].action is MastershipAction.RELEASE_FORCE


def test_doc_shows_the_shipped_example_and_its_set_lines():
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_set

    from .helpers import EXAMPLE, ROOT, load_example
    doc = (ROOT / "docs" / "pair-intent.md").read_text()
    assert "```yaml\n" + EXAMPLE.read_text() + "```" in doc
    assert render_set(load_example().configs["pair1-mx1"], mask_secrets=True) in doc
