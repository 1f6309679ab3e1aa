# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The two renderings of the topology: Mermaid text and a self-contained SVG, and the filter plugin."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.mxha.srd.plugins.filter.topology import FilterModule
from ansible_collections.mxha.srd.plugins.plugin_utils.topology import mermaid as topology_mermaid, svg as topology_svg
from ansible_collections.mxha.srd.plugins.plugin_utils.topology.graph import (
    PRIMARY, Column, Edge, Node, Topology, build,
)

SVG = "{http://www.w3.org/2000/svg}"
STATE = {"pair1-mx1": {"redundancy_sets": {1: "standby"}}, "pair1-mx2": {"redundancy_sets": {1: "primary"}}}


def test_filters_are_registered_and_wrap_errors(cgnat):
    filters = FilterModule().filters()
    assert set(filters) == {"topology_mermaid", "topology_svg"}
    assert filters["topology_mermaid"](cgnat).startswith("---\ntitle: \"cgnat-pair1\"\n---\nflowchart LR\n")
    assert filters["topology_svg"](cgnat).startswith("<svg ")
    with pytest.raises(AnsibleFilterError, match=r"^mxha.srd.topology_svg: state.nobody: 'nobody' is not a chassis"):
        filters["topology_svg"](cgnat, {"nobody": {"redundancy_sets": {}}})


def test_mermaid_declares_every_node_once_and_edges_between_declared_nodes(two_groups):
    text = topology_mermaid.render(build(two_groups))
    declared = re.findall(r"^    ([a-z]+\d+)\[", text, flags=re.M)
    assert len(declared) == len(set(declared)) == 4 + 4 + 3 + 2 + 3 + 2
    for source, target in re.findall(r"^  ([a-z]+\d+) (?:-->|---\|ICCP\|) ([a-z]+\d+)$", text, flags=re.M):
        assert source in declared and target in declared
    assert text.count(" --> ") == 13 and text.count("---|ICCP|") == 4
    assert "class pol4 missing" in text and "classDef primary" not in text


def test_mermaid_highlights_the_primary(cgnat):
    text = topology_mermaid.render(build(cgnat, STATE))
    assert 'rs1["<b>redundancy-set 1</b><br/>primary: pair1-mx2<br/>standby: pair1-mx1"]' in text
    assert text.rstrip().splitlines()[-1] == "  class rs1,ss1,ch2 primary"


def test_mermaid_escapes_label_text():
    node = Node("ev1", 'A "quoted" <name> #1 & co', ("x > y",))
    text = topology_mermaid.render(Topology('pair "x": 1', (), (Column("events", "Events", (node,)),), (), (), False))
    assert 'ev1["<b>A #quot;quoted#quot; #lt;name#gt; #35;1 #amp; co</b><br/>x #gt; y"]' in text
    assert 'title: "pair \\"x\\": 1"' in text


def svg_root(text: str) -> ET.Element:
    assert "<script" not in text and "href" not in text and "@import" not in text
    return ET.fromstring(text)


def boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float, ET.Element]]:
    out = {}
    for group in root.iter(SVG + "g"):
        rect = group.find(SVG + "rect")
        size = tuple(float(rect.get(key)) for key in ("x", "y", "width", "height"))
        out[group.get("id")[len("node-"):]] = size + (group,)
    return out


def test_svg_is_self_contained_and_draws_every_node(two_groups):
    topology = build(two_groups)
    root = svg_root(topology_svg.render(topology))
    assert root.find(SVG + "title").text == "pair7: services redundancy topology"
    drawn = boxes(root)
    expected = {node.id for column in topology.columns for node in column.nodes} | {n.id for n in topology.chassis}
    assert set(drawn) == expected
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    for x, y, w, h, group in drawn.values():
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height
        longest = max(len(text.text) for text in group.iter(SVG + "text"))
        assert longest * topology_svg.CHAR_W + 2 * topology_svg.PAD_X <= w + 0.01   # the text fits its box
    assert len(root.findall(SVG + "path")) == len(topology.edges) + 1   # + the ICCP link between the chassis


def test_svg_boxes_never_overlap(two_groups):
    drawn = list(boxes(svg_root(topology_svg.render(build(two_groups)))).values())
    for index, (x1, y1, w1, h1, _g) in enumerate(drawn):
        for x2, y2, w2, h2, _h in drawn[index + 1:]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1


def test_svg_edges_run_left_to_right(cgnat):
    root = svg_root(topology_svg.render(build(cgnat)))
    paths = root.findall(SVG + "path[@class='edge']")
    assert len(paths) == 8
    for path in paths:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        assert numbers[0] < numbers[-2]


def test_svg_highlights_the_primary(cgnat):
    root = svg_root(topology_svg.render(build(cgnat, STATE)))
    drawn = boxes(root)
    stroke = topology_svg.STYLES[PRIMARY][1]
    green = {node_id for node_id, (*_xywh, group) in drawn.items() if group.find(SVG + "rect").get("stroke") == stroke}
    assert green == {"rs1", "ss1", "ch2"}
    assert "redundancy-set 1 (primary: pair1-mx2; standby: pair1-mx1)" in root.find(SVG + "desc").text


def test_svg_escapes_text():
    node = Node("ev1", "<b>&", ())
    topology = Topology("a<b", (), (Column("events", "Events", (node,)), Column("policies", "P", ()),
                                    Column("sets", "S", ()), Column("groups", "G", ()),
                                    Column("service_sets", "SS", ())), (Edge("ev1", "nowhere"),), (), False)
    root = svg_root(topology_svg.render(topology))
    assert [text.text for text in root.iter(SVG + "text")][-1] == "<b>&"


def test_renderings_are_deterministic(two_groups):
    first = build(two_groups, {"pair7-a": {"redundancy_sets": {1: "primary"}}})
    second = build(two_groups, {"pair7-a": {"redundancy_sets": {1: "primary"}}})
    assert topology_mermaid.render(first) == topology_mermaid.render(second)
    assert topology_svg.render(first) == topology_svg.render(second)


@pytest.mark.parametrize("intent", [
    {},
    {"chassis": {"pair1-mx1": {}}},
    {"chassis": [{"hostname": "a", "iccp_address": "10.0.0.1"}], "redundancy_sets": [{"id": "x"}]},
    {"redundancy_sets": [{"id": 1, "policies": ["P"]}], "redundancy_policies": "not a list"},
    {"redundancy_events": [{"name": "E"}], "redundancy_policies": [{"name": "P", "events": ["E", "F"]}]},
], ids=["empty", "one-chassis", "bad-set-id", "bad-policies", "missing-event"])
def test_broken_intents_still_draw(intent):
    """The picture is not the validator: whatever could be read is drawn, nothing raises."""
    topology = build(intent)
    assert topology_mermaid.render(topology).startswith("flowchart LR\n")
    svg_root(topology_svg.render(topology))
