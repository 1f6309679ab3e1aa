# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit's outputs: the table (lines for Ansible's default callback), the JSON report, JUnit,
HTML and Markdown."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit import render, report
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.findings import RULES

from .audit_helpers import MX1, audit


@pytest.fixture(scope="module")
def example():
    return audit("cgnat-pair")


@pytest.fixture(scope="module")
def clean():
    return audit("clean-pair")


def test_table_is_a_list_of_single_lines(example):
    lines = render.table(example, "cgnat-pair1")
    assert all(isinstance(line, str) and "\n" not in line for line in lines)
    assert lines[0].startswith("cgnat-pair1: audit depth 1: 62 scenarios from 2 starting states in ")
    assert lines[0].endswith(": 3 errors")
    assert any(line.startswith("  ERROR   AUDIT-VRRP-ORDER set 1 on pair1-mx1: VRRP group 10 is won by") for line in lines)
    assert any(line.strip().startswith("fix: ") for line in lines)
    header = next(i for i, line in enumerate(lines) if line.startswith("  set, start"))
    assert lines[header].split()[2:5] == ["start", "link@P", "link@S"]
    assert lines[header + 1].split()[:5] == ["1", "primary", MX1, "=", "S3"]   # 3 links of the primary: 3 switches


def test_clean_table(clean):
    lines = render.table(clean, "clean-pair")
    assert lines[0].endswith(": no findings") and not any("ERROR" in line for line in lines)


def test_json_report(example):
    doc = json.loads(render.to_json_text(example, "cgnat-pair1", generated="2026-01-01T00:00:00+00:00"))
    assert doc["schema"] == "mxha.srd/audit-report/v1" and doc["ok"] is False and doc["depth"] == 1
    assert doc["chassis"] == {MX1: {"gateway": 1, "iccp_address": "192.0.2.1"},
                              "pair1-mx2": {"gateway": 2, "iccp_address": "192.0.2.2"}}
    assert doc["counts"]["findings"] == {"error": 3, "warning": 0, "info": 0}
    assert [r["id"] for r in doc["rules"]] == list(RULES)
    assert {"iccp.peer-down", "iccp.peer-not-connected", "hold.warned"} <= set(doc["readings"])
    assert len(doc["scenarios"]) == 64 and doc["starting_states"][0]["state"][MX1]["redundancy_sets"] == {"1": "primary"}
    scenario = next(s for s in doc["scenarios"] if s["id"] == "primary:pair1-mx1/link-down(pair1-mx1,xe-0/0/1)")
    assert scenario["redundancy_sets"]["1"]["outcome"] == "switches"
    assert scenario["signal_routes"] == {MX1: {"added": [], "removed": ["203.0.113.100/32 (HA)"]},
                                         "pair1-mx2": {"added": ["203.0.113.100/32 (HA)"], "removed": []}}
    assert scenario["vrrp"] == [{"group": 10, "redundancy_sets": [1], "winner": "pair1-mx2",
                                 "priorities": {MX1: 50, "pair1-mx2": 190}}]
    assert [(s["failure"], s["redundancy_sets"]) for s in scenario["steps"]] == [("link-down(pair1-mx1,xe-0/0/1)", [1])]
    assert scenario["steps"][0]["rule_ids"] == ["acquire.already-primary", "release.ok"]   # R6: handed over, then the
    # peer's acquire policy runs on mastership-release (already primary: it adds its signal route)
    assert "scenarios" not in render.to_json(example, "x", detail="summary")
    matrix = doc["matrix"]
    assert matrix["columns"][0]["id"] == "steady" and matrix["rows"][0]["cells"]["link-down@primary"] == {
        "outcomes": {"switches": 3}, "worst": "switches", "finding": False, "scenarios": [
            "primary:pair1-mx1/link-down(pair1-mx1,%s)" % i for i in ("vms-1/0/0", "xe-0/0/0", "xe-0/0/1")]}


def test_junit_fails_per_rule_with_errors(example, clean):
    root = ET.fromstring(render.to_junit(example, "cgnat-pair1"))
    cases = {c.get("name").split(":")[0]: c for c in root.iter("testcase")}
    assert set(cases) == {"validation"} | set(RULES)
    failed = sorted(name for name, case in cases.items() if case.find("failure") is not None)
    assert failed == ["AUDIT-ADVERTISE-ORDER", "AUDIT-VRRP-ORDER"] and root.get("failures") == "2"
    assert "fix:" in cases["AUDIT-VRRP-ORDER"].find("failure").text
    assert ET.fromstring(render.to_junit(clean, "clean")).get("failures") == "0"
    warned = ET.fromstring(render.to_junit(audit("clean-pair", depth=2), "clean"))
    assert warned.get("failures") == "0"   # warnings and info are output, not failures
    assert any(c.find("system-out") is not None for c in warned.iter("testcase"))
    with_rules = ET.fromstring(render.to_junit(clean, "clean", validation=[{"severity": "error", "rule": "PAIR-X",
                                                                           "path": "p", "message": "m"}]))
    assert with_rules.get("failures") == "1"


class _Checker(HTMLParser):
    VOID = {"meta", "br", "img", "input", "hr", "link", "path", "rect", "line", "polygon", "circle", "ellipse",
            "polyline", "stop", "use"}

    def __init__(self):
        super().__init__()
        self.stack, self.problems, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(tag)


def test_html_is_self_contained_and_balanced(example):
    svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    text = report.to_html(example, "cgnat-pair1", svg, generated="now")
    checker = _Checker()
    checker.feed(text)
    assert not checker.problems and not checker.stack
    assert "script" not in checker.tags and "link" not in checker.tags and "<?xml" not in text
    assert "<svg" in text and "AUDIT-VRRP-ORDER" in text and report.COLOURS["switches"][0] in text
    assert text.count("<details>") == 64
    assert 'class="hit"' in text   # a matrix cell whose scenario shows a finding


def test_markdown_holds_the_picture_and_the_matrix(example):
    text = report.to_markdown(example, "cgnat-pair1", "flowchart LR\n  a --> b\n")
    assert "```mermaid\nflowchart LR\n  a --> b\n```" in text
    assert "| set | starting state | start | link@P |" in text and "\U0001f7e6 S3" in text
    assert "No picture" in report.to_markdown(example, "cgnat-pair1", None)


def test_a_large_html_lists_only_the_scenarios_with_a_finding(example, monkeypatch):
    monkeypatch.setattr(report, "LISTED", 10)
    text = report.to_html(example, "cgnat-pair1")
    assert text.count("<details>") == 6 and "only the 6 that show a finding are listed" in text
