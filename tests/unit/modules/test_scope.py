"""One filter covers the resources of a task; the compare check tells our changes from others'."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.scope import compare_statements, foreign_statements, read_filter
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES


def test_filter_merges_hierarchies_and_keeps_interfaces_narrow():
    filt = read_filter(RESOURCES)
    tops = [child.tag for child in filt]
    assert sorted(tops) == sorted(set(tops)), "one element per hierarchy"
    assert filt.find("policy-options/redundancy-policy") is not None and filt.find("policy-options/condition") is not None
    interface = filt.find("interfaces/interface")
    assert [child.tag for child in interface] == ["name", "redundancy-options", "unit"]
    assert interface.find("unit/family/inet/address/vrrp-group/track") is not None
    assert len(filt.findall("routing-instances")) == 1


def test_filter_of_one_resource_reads_only_its_hierarchies():
    filt = read_filter(["redundancy_events"])
    assert ET.tostring(filt, encoding="unicode") == (
        "<configuration><event-options><redundancy-event /></event-options></configuration>")


COMPARE = """[edit interfaces xe-0/0/1 unit 0 family inet address 192.0.2.66/26]
+      vrrp-group 10 {
+          priority 200;
+          track {
+              route 203.0.113.100/32 routing-instance HA priority-cost 150;
+          }
+      }
[edit services]
+   service-set CGNAT_SS1 {
+       redundancy-set-id 1;
+   }
[edit protocols iccp]
-    authentication-key "$9$abc"; ## SECRET-DATA
+    authentication-key "$9$def"; ## SECRET-DATA
"""


def test_compare_statements_know_their_full_path():
    found = compare_statements(COMPARE)
    assert ("+", ["services", "service-set", "CGNAT_SS1", "redundancy-set-id", "1"]) in found
    assert ("-", ["protocols", "iccp", "authentication-key", "$9$abc"]) in found


def test_our_own_changes_are_not_foreign():
    assert foreign_statements(COMPARE, ["redundancy_sets", "redundancy_groups", "route_tracking"]) == []


def test_someone_elses_changes_are_foreign_even_inside_a_partly_owned_object():
    other = COMPARE + "[edit services service-set CGNAT_SS1]\n+    interface-service {\n+        service-interface vms-1/0/0;\n+    }\n"
    assert foreign_statements(other, ["redundancy_sets", "redundancy_groups", "route_tracking"]) == [
        "+ services service-set CGNAT_SS1 interface-service service-interface vms-1/0/0"]
    assert foreign_statements(COMPARE, ["redundancy_events"]) != []
