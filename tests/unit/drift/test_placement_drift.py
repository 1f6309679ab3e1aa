"""Role drift: a placed set primary on the other chassis is its own finding, per set, with the role's age."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.drift import compare as drift
from ansible_collections.mxha.srd.plugins.module_utils.srd.drift import render

from .conftest import ROUTE, live

MX1, MX2 = "pair1-mx1", "pair1-mx2"
KEY = ("203.0.113.100/32", "HA")


def judge(configs, states, placement, ages=None, checks=drift.KINDS):
    return drift.judge_pair("p", configs, {n: configs[n] for n in configs}, states, checks, placement, ages)


def test_a_set_on_its_intended_chassis_is_in_place_and_says_for_how_long(configs, healthy):
    report = judge(configs, healthy, {1: MX1}, {MX1: {KEY: 4000}})
    assert not report.drift and report.placement == []
    assert report.placed == [{"set": 1, "intended": MX1, "primary": MX1, "role_age_seconds": 4000, "status": "in place"}]
    assert render.summary(report) == "p: no drift (config, symmetry, operational, placement checked)."
    assert any("placement of set 1" in line and "primary on pair1-mx1 as intended, held for 1 h 6 min" in line
               for line in render.table(report))


def test_a_set_moved_by_hand_is_role_drift_not_config_drift(configs):
    moved = {MX1: live("standby"), MX2: live("primary", [ROUTE])}
    report = judge(configs, moved, {1: MX1}, {MX2: {KEY: 93784}})
    assert report.drift and report.counts()["placement"] == 1 and report.counts()["config"] == 0
    (finding,) = report.placement
    assert finding.kind == drift.PLACEMENT and finding.path == "redundancy_sets[id=1].primary"
    assert finding.to_dict()["primary"] == MX2 and finding.to_dict()["intended"] == MX1
    assert finding.to_dict()["role_age_seconds"] == 93784
    assert "pair1-mx2 has held the role for 1 d 2 h (the age of its signal route 203.0.113.100/32 (HA))" in \
        finding.message and "mxha.srd.restore" in finding.message
    assert render.summary(report) == "p: DRIFT: 1 set on the wrong chassis (role drift)."
    rows = [line for line in render.table(report) if "placement of set 1" in line]
    assert rows and "DRIFT" in rows[0] and "(role drift)" in rows[0]
    assert render.to_json(report)["placement"]["status"] == "drift"
    junit = ET.fromstring(render.to_junit(report))
    case = [c for c in junit.iter("testcase") if c.get("name") == "placement of set 1"]
    assert case and case[0].find("failure") is not None


def test_without_an_age_the_finding_says_the_device_does_not_say(configs):
    moved = {MX1: live("standby"), MX2: live("primary", [ROUTE])}
    (finding,) = judge(configs, moved, {1: MX1}).placement
    assert "the device does not say since when" in finding.message


def test_a_move_back_that_would_be_refused_is_said(configs):
    moved = {MX1: live("warned"), MX2: live("primary", [ROUTE])}
    (finding,) = judge(configs, moved, {1: MX1}).placement
    assert "a move back would be refused now: pair1-mx1 is warned" in finding.message


@pytest.mark.parametrize("states", [
    {MX1: live("primary", [ROUTE]), MX2: live("primary", [ROUTE])},            # two primaries
    {MX1: live("standby"), MX2: live("standby")},                              # none
    {MX1: "not read: timeout", MX2: live("primary", [ROUTE])},                 # a chassis not read
    {MX1: live("primary", daemon="disabled"), MX2: live("standby")},            # srd stopped
])
def test_what_the_operational_check_reports_is_not_judged_twice(configs, states):
    report = judge(configs, states, {1: MX2})
    assert report.placement == [] and report.placed[0]["status"] == "not judged"


def test_no_placement_in_the_intent_or_no_live_state_is_not_checked(configs, healthy):
    assert judge(configs, healthy, {}).placement is None
    assert judge(configs, None, {1: MX1}).placement is None
    assert judge(configs, healthy, {1: MX1}, checks=(drift.CONFIG, drift.OPERATIONAL)).placement is None
    assert "placement" not in render.summary(judge(configs, healthy, {}))
