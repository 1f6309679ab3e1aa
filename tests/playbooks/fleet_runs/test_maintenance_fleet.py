# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Placement, drain and restore over an inventory of 20 A/B pairs, through the shipped playbooks."""
from __future__ import annotations

import json

import pytest

from mxsim import lab, testing

from .conftest import FAST, PAIRS, ROOT, Runner, outcomes

AB = ROOT / "docs" / "examples" / "ab-pair.yml"
ALL = {"ab-pair%d" % n for n in range(1, PAIRS + 1)}


@pytest.fixture(scope="module")
def ab_fleet(tmp_path_factory):
    emu = testing.start(tmp_path_factory.mktemp("mxsim-ab-fleet"), pairs=PAIRS, confirm_minute_seconds=1.0,
                        switchover_seconds=0.2)
    lab.write(emu.options, AB)
    yield emu
    testing.stop(emu)


def primaries(emu, n: int) -> dict:
    shown = emu.state("pair%d-mx1" % n)["srd"]["shown"]
    return {int(s): name for name, part in shown.items() for s, role in part["roles"].items() if role == "primary"}


def test_a_fleet_of_a_b_pairs_is_placed_drained_and_restored(ab_fleet, tmp_path):
    ab_fleet.reset()
    run = Runner(ab_fleet, tmp_path)
    _res, report = run("deploy.yml", *FAST)
    assert outcomes(report) == dict.fromkeys(ALL, "changed")
    assert all(primaries(ab_fleet, n) == {1: "pair%d-mx1" % n, 2: "pair%d-mx2" % n} for n in range(1, PAIRS + 1))
    _res, report = run("drift.yml")
    assert outcomes(report) == dict.fromkeys(ALL, "ok")

    _res, report = run("drain.yml", "-e", "chassis=gateway1", "-e", "force=false", "--check")
    assert report["check_mode"] and outcomes(report) == dict.fromkeys(ALL, "changed")
    assert all(primaries(ab_fleet, n)[1] == "pair%d-mx1" % n for n in range(1, PAIRS + 1))
    res, report = run("drain.yml", "-e", "chassis=gateway1")
    assert outcomes(report) == dict.fromkeys(ALL, "changed"), res.stdout[-3000:]
    assert all(primaries(ab_fleet, n) == {1: "pair%d-mx2" % n, 2: "pair%d-mx2" % n} for n in range(1, PAIRS + 1))
    snapshots = sorted((tmp_path / "reports-4" / "snapshots").glob("*/drain-*.json"))
    assert len(snapshots) == 2 * PAIRS and json.loads(snapshots[0].read_text())["schema"] == "mxha.srd/srd-snapshot"
    pair = next(p for p in report["pairs"] if p["pair"] == "ab-pair1")
    assert pair["details"]["diff"]["ok"] and any(line.startswith("diff: 8 changes as expected") for line in pair["lines"])
    _res, report = run("drain.yml", "-e", "chassis=gateway1")            # idempotent
    assert outcomes(report) == dict.fromkeys(ALL, "ok")

    res, report = run("drift.yml", "-e", "fail_on_drift=true", check_rc=2)  # set 1 now sits on gateway 2: role drift
    assert outcomes(report) == dict.fromkeys(ALL, "drift")
    assert all(p["summary"].endswith("DRIFT: 1 set on the wrong chassis (role drift).") for p in report["pairs"])

    _res, report = run("restore.yml", "--check")
    assert outcomes(report) == dict.fromkeys(ALL, "changed")
    _res, report = run("restore.yml")
    assert outcomes(report) == dict.fromkeys(ALL, "changed")
    assert all(primaries(ab_fleet, n) == {1: "pair%d-mx1" % n, 2: "pair%d-mx2" % n} for n in range(1, PAIRS + 1))
    _res, report = run("restore.yml")
    assert outcomes(report) == dict.fromkeys(ALL, "ok")


def test_a_drain_that_names_no_chassis_of_a_pair_fails_that_pair_only(ab_fleet, tmp_path):
    ab_fleet.reset()
    run = Runner(ab_fleet, tmp_path)
    run("deploy.yml", *FAST, "--limit", "pair1,pair2")
    _res, report = run("drain.yml", "-e", "chassis=pair1-mx2", "--limit", "pair1,pair2", check_rc=2)
    assert outcomes(report) == {"ab-pair1": "changed", "ab-pair2": "failed"}
    assert "drain names no chassis of pair ab-pair2" in next(p["summary"] for p in report["pairs"]
                                                              if p["pair"] == "ab-pair2")
