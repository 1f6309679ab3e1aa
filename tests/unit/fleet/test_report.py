# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet report: verdicts, its three forms, and the merge of job slices."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import (
    CHANGED, DRIFT, FAILED, OK, FleetReport, PairOutcome, comparable, merge,
)


def outcome(n: int, kind: str, **kw) -> PairOutcome:
    return PairOutcome("pair%02d" % n, ("p%d-a" % n, "p%d-b" % n), kind, "%s summary" % kind,
                       rpcs={"p%d-a" % n: 1, "p%d-b" % n: 2}, seconds=0.5, **kw)


def report(*outcomes, problems=(), job="drift") -> FleetReport:
    return FleetReport(job=job, pairs=list(outcomes), problems=list(problems), started="2026-12-04T00:00:00+00:00",
                       seconds=1.0)


def test_verdicts_and_failing_hosts():
    rep = report(outcome(1, OK), outcome(2, DRIFT), outcome(3, FAILED, details={"via": "pair3"}))
    assert rep.failed() and rep.failed(fail_on_drift=True)
    assert rep.failing_hosts() == ["p3-a", "p3-b", "pair3"]
    assert rep.failing_hosts(fail_on_drift=True) == ["p2-a", "p2-b", "p3-a", "p3-b", "pair3"]
    clean = report(outcome(1, OK), outcome(2, DRIFT))
    assert not clean.failed() and clean.failed(fail_on_drift=True)
    problem = {"kind": "unclaimed", "hosts": ["x"], "message": "x is unclaimed"}
    assert report(outcome(1, OK), problems=[problem]).failing_hosts() == ["x"]


def test_table_lines_hold_a_row_per_pair_and_the_details_of_the_others():
    rep = report(outcome(1, OK), outcome(2, CHANGED, lines=["p2-a: new"]),
                 problems=[{"kind": "missing", "hosts": ["z"], "message": "pair z needs both chassis"}])
    lines = rep.table()
    assert lines[0] == "drift: 2 pairs, 1 ok, 1 changed, 1 inventory problem in 1.0 s"
    assert lines[1].split() == ["pair", "chassis", "outcome", "findings", "RPCs", "seconds"]
    assert lines[2].split() == ["pair01", "p1-a", "+", "p1-b", "ok", "0", "1/2", "0.5"]
    assert "INVENTORY missing: pair z needs both chassis" in lines
    assert lines[-2:] == ["-- pair02: changed summary", "   p2-a: new"]
    assert all("\n" not in line for line in lines)


def test_junit_has_a_failing_case_per_failed_or_drifted_pair_and_per_problem():
    rep = report(outcome(1, OK), outcome(2, DRIFT, findings=["x differs"]), outcome(3, FAILED),
                 problems=[{"kind": "unclaimed", "hosts": ["h"], "message": "h"}])
    suite = ET.fromstring(rep.junit())
    assert suite.get("tests") == "4" and suite.get("failures") == "3"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert cases["pair01"].find("failure") is None
    assert cases["pair02"].find("failure").get("type") == "drift"
    assert "x differs" in cases["pair02"].find("failure").text
    assert cases["h"].find("failure").get("type") == "unclaimed"


def test_json_round_trip_and_schema_check():
    rep = report(outcome(1, OK), outcome(2, DRIFT))
    data = rep.to_dict()
    assert data["schema"] == "mxha.srd/fleet-report" and data["version"] == 1
    assert FleetReport.from_dict(data).to_dict() == data
    with pytest.raises(ValueError, match="not a fleet report"):
        FleetReport.from_dict({"schema": "other"})
    with pytest.raises(ValueError, match="newer"):
        FleetReport.from_dict(dict(data, version=99))


def test_merged_slices_equal_one_run_over_all_pairs():
    full = report(*(outcome(n, OK if n % 3 else DRIFT) for n in range(1, 11)),
                  problems=[{"kind": "unclaimed", "hosts": ["h"], "message": "h"}])
    half1 = report(*(p for p in full.pairs if int(p.pair[-2:]) % 2), problems=full.problems)
    half2 = report(*(p for p in full.pairs if not int(p.pair[-2:]) % 2))
    merged = merge([half2.to_dict(), half1.to_dict()])
    assert comparable(merged.to_dict()) == comparable(full.to_dict())
    assert merged.counts() == full.counts()


def test_merge_refuses_overlapping_slices_and_mixed_jobs():
    one = report(outcome(1, OK))
    with pytest.raises(ValueError, match="pair01 is in reports 1 and 2"):
        merge([one.to_dict(), one.to_dict()])
    with pytest.raises(ValueError, match="different jobs"):
        merge([one.to_dict(), report(outcome(2, OK), job="deploy").to_dict()])
    with pytest.raises(ValueError, match="no report"):
        merge([])


def test_a_problem_naming_no_play_host_still_fails_the_run():
    problem = {"kind": "missing", "hosts": ["ghost"], "message": "pair p needs both chassis, but ghost is not in the inventory"}
    rep = report(outcome(1, OK), problems=[problem])
    assert rep.failing_hosts(play=["p1-a", "p1-b"]) == ["p1-a"]
    assert report(outcome(1, OK)).failing_hosts(play=["p1-a", "p1-b"]) == []
    assert report(outcome(1, FAILED)).failing_hosts(play=["p1-b"]) == ["p1-b"]
