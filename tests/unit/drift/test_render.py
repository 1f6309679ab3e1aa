"""module_utils.drift_render: the JSON by path, the JUnit XML and the table."""
from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd.drift import compare as drift, render as drift_render

from .conftest import ROUTE, live


def _drifted(configs, devices, copy_of):
    devices = copy_of(devices)
    devices["pair1-mx2"]["redundancy_sets"][0]["keepalive"] = 5
    states = {"pair1-mx1": live("primary", [ROUTE]), "pair1-mx2": live("standby", iccp=False)}
    return drift.check_pair("cgnat-pair1", configs, devices, states, key_verdicts={"pair1-mx1": False, "pair1-mx2": True})


def test_json_is_structured_by_chassis_resource_and_path(configs, devices, copy_of):
    report = _drifted(configs, devices, copy_of)
    data = json.loads(drift_render.to_json_text(report, generated="2026-11-25T10:00:00+00:00"))
    assert data["schema"] == drift_render.SCHEMA and data["drift"] is True
    sets = data["chassis"]["pair1-mx2"]["resources"]["redundancy_sets"]
    assert sets["status"] == "drift"
    assert sets["changes"] == [{"kind": "config", "path": "redundancy_sets[id=1].keepalive", "change": "differs",
                                "message": "redundancy_sets[id=1].keepalive is 5 on the device, 10 in the intent",
                                "severity": "error", "chassis": ["pair1-mx2"], "resource": "redundancy_sets",
                                "device": 5, "intent": 10}]
    assert data["chassis"]["pair1-mx1"]["resources"]["redundancy_sets"]["status"] == "in-sync"
    assert [f["change"] for f in data["operational"]["findings"]] == ["iccp-down"]
    assert "example-iccp-key" not in json.dumps(data)


def test_junit_has_one_case_per_chassis_and_resource_plus_symmetry_and_live_state(configs, devices, copy_of):
    root = ET.fromstring(drift_render.to_junit(_drifted(configs, devices, copy_of)))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 2 * 5 + 1 + 2
    failed = {(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None}
    assert failed == {("mxha.srd.drift.pair1-mx2", "redundancy_sets"), ("mxha.srd.drift.pair1-mx2", "redundancy_groups"),
                      ("mxha.srd.drift.pair", "symmetry"), ("mxha.srd.drift.pair1-mx2", "live state")}
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("13", "4", "0")


def test_junit_marks_a_chassis_not_read_as_errors_and_unchecked_parts_as_skipped(configs, devices):
    report = drift.check_pair("p", configs, {"pair1-mx1": devices["pair1-mx1"], "pair1-mx2": "unreachable: x"})
    root = ET.fromstring(drift_render.to_junit(report))
    suite = root.find("testsuite")
    assert suite.get("errors") == "5"          # pair1-mx2 x 5 resources
    assert suite.get("skipped") == "3"         # symmetry, and live state of both chassis
    assert suite.get("failures") == "0"


def test_the_table_has_a_row_per_chassis_and_resource_and_the_details(configs, devices, copy_of):
    lines = drift_render.table(_drifted(configs, devices, copy_of))
    text = "\n".join(lines)
    assert lines[0].split() == ["chassis", "checked", "status", "details"]
    assert "pair1-mx2  redundancy_sets      DRIFT     ~ redundancy_sets[id=1].keepalive: device 5, intent 10" in text
    assert "pair1-mx1  redundancy_sets      in sync" in text
    assert "pair       symmetry             DRIFT" in text
    assert "pair1-mx2  live state           PROBLEM   set 1 standby; ICCP down; signal routes: none" in text
    assert all(line == line.rstrip() for line in lines)


def test_summary(configs, devices, copy_of, same_key):
    assert drift_render.summary(drift.check_pair("p", configs, devices, key_verdicts=same_key)) == \
        "p: no drift (config, symmetry checked)."
    assert drift_render.summary(_drifted(configs, devices, copy_of)) == \
        "cgnat-pair1: DRIFT: 2 config findings, 2 symmetry findings, 1 operational finding."


def test_a_value_the_intent_leaves_unset_says_what_junos_uses(configs, devices, copy_of):
    """Not "intent null": the intent leaves hold-time unset, and Junos then uses its default (30 s, YANG)."""
    intent = copy_of(configs)
    intent["pair1-mx2"] = intent["pair1-mx2"].replace(redundancy_sets={
        k: dataclasses.replace(v, hold_time=None) for k, v in intent["pair1-mx2"].redundancy_sets.items()})
    on_device = copy_of(devices)
    on_device["pair1-mx2"]["redundancy_sets"][0]["hold_time"] = 120
    report = drift.check_pair("p", intent, on_device, key_verdicts={"pair1-mx1": True, "pair1-mx2": True})
    text = "\n".join(drift_render.table(report))
    assert "~ redundancy_sets[id=1].hold_time: device 120, intent leaves it unset (Junos then uses 30 s)" in text
    assert "null" not in text
    (finding,) = [f for f in report.findings() if f.path.endswith("hold_time") and f.kind == "config"]
    assert finding.message == ("redundancy_sets[id=1].hold_time is 120 on the device; the intent leaves it unset "
                               "(Junos then uses 30 s)")
