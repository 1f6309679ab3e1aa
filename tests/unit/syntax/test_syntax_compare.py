"""compare_text: the ``show | compare`` rendering of differences between two configurations."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import compare_text, parse_set

from .conftest import load

BASE = """
set services redundancy-set 1 redundancy-group 1
set services redundancy-set 1 redundancy-policy ACQU
set services redundancy-set 1 hold-time 30
set protocols iccp local-ip-addr 10.255.0.1
set protocols iccp peer 10.255.0.2 redundancy-group-id-list 1
set policy-options policy-statement EXPORT term A then accept
set policy-options policy-statement EXPORT term B then reject
"""


def changed(*extra: str) -> ET.Element:
    return parse_set(BASE + "\n".join(extra))


def test_identical_trees_give_empty_text(fixture_config):
    assert compare_text(fixture_config, copy.deepcopy(fixture_config)) == ""


def test_added_list_entry():
    new = changed("set services redundancy-set 2 redundancy-group 1")
    assert compare_text(parse_set(BASE), new) == (
        "[edit services redundancy-set]\n"
        "+   2 {\n"
        "+       redundancy-group 1;\n"
        "+   }\n")


def test_removed_list_entry_and_changed_leaf():
    old = changed("set services redundancy-set 2 redundancy-group 1")
    new = parse_set(BASE.replace("hold-time 30", "hold-time 60"))
    assert compare_text(old, new) == (
        "[edit services redundancy-set 1]\n"
        "-   hold-time 30;\n"
        "+   hold-time 60;\n"
        "[edit services redundancy-set]\n"
        "-   2 {\n"
        "-       redundancy-group 1;\n"
        "-   }\n")


def test_leaf_list_values_and_removed_leaf():
    old = parse_set(BASE)
    new = parse_set(BASE.replace("set services redundancy-set 1 hold-time 30\n", "")
                    + "set services redundancy-set 1 redundancy-policy RELS\n")
    assert compare_text(old, new) == (
        "[edit services redundancy-set 1]\n"
        "+   redundancy-policy RELS;\n"
        "-   hold-time 30;\n")


def test_nested_container_added_under_existing_entry():
    new = changed("set protocols iccp peer 10.255.0.2 liveness-detection minimum-interval 1000",
                  "set protocols iccp peer 10.255.0.2 liveness-detection multiplier 3")
    assert compare_text(parse_set(BASE), new) == (
        "[edit protocols iccp peer 10.255.0.2]\n"
        "+   liveness-detection {\n"
        "+       minimum-interval 1000;\n"
        "+       multiplier 3;\n"
        "+   }\n")


def test_new_top_level_hierarchy_goes_under_edit():
    new = changed("set event-options redundancy-event E monitor peer mastership-release")
    assert compare_text(parse_set(BASE), new) == (
        "[edit]\n"
        "+   event-options {\n"
        "+       redundancy-event E {\n"
        "+           monitor {\n"
        "+               peer mastership-release;\n"
        "+           }\n"
        "+       }\n"
        "+   }\n")


def test_deactivation_is_shown_with_bang():
    new = parse_set(BASE + "deactivate services redundancy-set 1\n")
    assert compare_text(parse_set(BASE), new) == (
        "[edit services redundancy-set]\n"
        "!   inactive: 1 { ... }\n")
    assert compare_text(new, parse_set(BASE)) == (
        "[edit services redundancy-set]\n"
        "!   active: 1 { ... }\n")


def test_order_is_ignored_unless_asked():
    reordered = parse_set(BASE.replace("set policy-options policy-statement EXPORT term A then accept\n", "")
                          + "set policy-options policy-statement EXPORT term A then accept\n")
    assert compare_text(parse_set(BASE), reordered) == ""
    assert compare_text(parse_set(BASE), reordered, check_order=True) == (
        "[edit policy-options policy-statement EXPORT]\n"
        "!   term A { ... }\n")


def test_key_change_in_a_multi_key_list():
    base = "set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.2/24 vrrp-group 1 track route " \
           "203.0.113.1/32 routing-instance {ri} priority-cost 100\n"
    diff = compare_text(parse_set(base.format(ri="HA")), parse_set(base.format(ri="default")))
    assert diff == (
        "[edit interfaces ge-0/0/0 unit 0 family inet address 192.0.2.2/24 vrrp-group 1 track]\n"
        "+   route 203.0.113.1/32 routing-instance default priority-cost 100;\n"
        "-   route 203.0.113.1/32 routing-instance HA priority-cost 100;\n")


def test_pair_fixtures_differ_in_addresses_only():
    diff = compare_text(load("cgnat-mx-a.xml"), load("cgnat-mx-b.xml"))
    assert "[edit system]\n-   host-name mx-a;\n+   host-name mx-b;\n" in diff
    assert "[edit interfaces xe-0/0/1 unit 100 family inet]\n" in diff
    assert "[edit protocols iccp]\n-   local-ip-addr 10.255.0.1;\n+   local-ip-addr 10.255.0.2;\n" in diff
    assert "redundancy-set" not in diff and "redundancy-policy" not in diff
