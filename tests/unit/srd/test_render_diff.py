# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rendering (XML, set, text, delete) and the structured diff."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RedundancySet
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import (
    render_delete_xml, render_set, render_text, render_xml, render_xml_string,
)


def test_xml_is_native_keys_first_and_sorted(mx1):
    root = render_xml(mx1)
    assert root.tag == "configuration" and all("}" not in e.tag for e in root.iter())
    assert [c.tag for c in root] == ["services", "interfaces", "event-options", "protocols", "policy-options",
                                     "routing-instances"]
    for elem in root.iter():
        if elem.find("name") is not None and len(elem) > 1:
            assert elem[0].tag == "name", elem.tag
    names = [e.findtext("name") for e in root.find("event-options")]
    assert names == sorted(names)
    assert root.find("services/redundancy-set/rs-id-object/name").text == "1"
    assert root.find("policy-options/redundancy-policy/then/mship-actions").text == "acquire-mastership"


def test_set_and_text_round_trip(mx1, mx2):
    for config in (mx1, mx2):
        assert parse_config(render_set(config), "set").config == config
        assert parse_config(render_text(config), "text").config == config
    assert "set services redundancy-set 1 redundancy-group 1" in render_set(mx1)


def test_delete_xml_targets_only_srd_statements(mx1):
    root = render_delete_xml(mx1)
    # Junos' own form for <load-configuration> (the NETCONF operation= is for <edit-config>)
    assert not any("operation" in e.attrib for e in root.iter())
    deleted = {(e.tag, e.findtext("name")) for e in root.iter() if e.get("delete") == "delete"}
    assert ("redundancy-event", "RELS_MSHIP_CRIT_EV") in deleted
    assert ("rs-id-object", "1") in deleted and ("peer", "192.0.2.2") in deleted
    assert ("redundancy-set-id", None) in deleted                       # not the whole service set
    assert root.find("services/service-set").get("delete") is None
    assert root.find("routing-instances") is None                       # never deleted
    assert root.find("interfaces/interface/redundancy-options").get("delete") is None
    assert "example-iccp-key" not in ET.tostring(root, encoding="unicode")


def test_delete_of_subset(mx1):
    subset = mx1.only("redundancy_events")
    root = render_delete_xml(subset)
    assert [c.tag for c in root] == ["event-options"]


def test_diff_by_resource(mx1):
    want = mx1.replace(redundancy_sets={1: dataclasses.replace(mx1.redundancy_sets[1], keepalive=20),
                                        2: RedundancySet(2, 1)},
                       redundancy_events={k: v for k, v in mx1.redundancy_events.items() if k != "ACQU_MSHIP_MANUAL_EV"})
    result = diff.diff(mx1, want)
    table = result.by_resource()
    assert [c["path"] for c in table["redundancy_sets"]["changed"]] == ["redundancy_sets[id=1].keepalive"]
    assert table["redundancy_sets"]["changed"][0]["before"] == 10 and table["redundancy_sets"]["changed"][0]["after"] == 20
    assert [c["path"] for c in table["redundancy_sets"]["added"]] == ["redundancy_sets[id=2]"]
    assert [c["path"] for c in table["redundancy_events"]["removed"]] == ["redundancy_events[name=ACQU_MSHIP_MANUAL_EV]"]
    assert result.resources() == ["redundancy_events", "redundancy_sets"]
    assert diff.diff(mx1, want, resources=("route_tracking",)).empty


def test_diff_ignores_leaf_list_order(mx1):
    reordered = mx1.replace(redundancy_sets={1: dataclasses.replace(
        mx1.redundancy_sets[1], policies=tuple(reversed(mx1.redundancy_sets[1].policies)))})
    assert reordered != mx1 and diff.diff(mx1, reordered).empty


def test_diff_iccp_and_peers(mx1):
    assert [c.kind for c in diff.diff(mx1, mx1.replace(iccp=None)).changes] == ["removed"]
    assert [c.kind for c in diff.diff(mx1.replace(iccp=None), mx1).changes] == ["added"]
    peers = {"192.0.2.3": dataclasses.replace(mx1.iccp.peers["192.0.2.2"], address="192.0.2.3")}
    other = mx1.replace(iccp=dataclasses.replace(mx1.iccp, peers=peers))
    assert {(c.kind, c.path) for c in diff.diff(mx1, other).changes} == {
        ("removed", "iccp.peers[address=192.0.2.2]"), ("added", "iccp.peers[address=192.0.2.3]")}


def test_between_chassis_shows_only_real_differences(pair):
    result = diff.between_chassis("pair1-mx1", pair.configs["pair1-mx1"], "pair1-mx2", pair.configs["pair1-mx2"])
    assert [c.path for c in result.changes] == ["redundancy_events[name=RELS_MSHIP_CRIT_EV].link_down"]


def test_byte_identical_rendering(pair):
    text = render_xml_string(pair.configs["pair1-mx1"])
    assert text == render_xml_string(pair.configs["pair1-mx1"])
    assert text.startswith("<configuration>\n  <services>")
