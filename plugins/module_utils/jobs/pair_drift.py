# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The drift check of one pair, as a fleet job: read both chassis, judge them against the intent.

Read-only: one filtered ``get-configuration`` per chassis (no lock, the candidate untouched) and,
when asked, the live state (three RPCs). A chassis that could not be read makes the pair *failed*
(never a silent pass); the user may downgrade that to drift with ``unread_is_failure=False``.
With ``placement`` checked and an intent that places sets, the same three live-state RPCs also give
the age of each signal route: how long a misplaced set's primary has held the role (role drift).
"""
from __future__ import annotations

from typing import Mapping, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import DRIFT, FAILED, OK, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import both, read_config, read_state
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_snapshot import read_chassis
from ansible_collections.mxha.srd.plugins.module_utils.srd.drift import compare as drift
from ansible_collections.mxha.srd.plugins.module_utils.srd.drift import render as drift_render
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.pair import PairIntent


def check(spec: PairSpec, intent: PairIntent, links: Mapping[str, ChassisLink],
          checks: Sequence[str] = drift.KINDS, unread_is_failure: bool = True) -> PairOutcome:
    """Read and judge one pair; ``intent`` was loaded and validated offline by the caller."""
    names = spec.chassis
    want_config = drift.CONFIG in checks or drift.SYMMETRY in checks
    want_placement = drift.PLACEMENT in checks and bool(intent.placement)
    want_state = drift.OPERATIONAL in checks or want_placement

    def read(name: str) -> dict:
        transport = links[name].transport
        out: dict = {}
        if want_config:
            out["config"] = read_config(transport, name)
        if want_placement:
            chassis = read_chassis(transport)
            out["state"], out["ages"] = chassis.facts(), chassis.route_ages()
        elif want_state:
            out["state"] = read_state(transport)
        return out

    results = both(names, read)
    models: dict = {}
    states: dict = {}
    ages: dict = {}
    unmodelled: dict = {}
    for name in names:
        value = results[name]
        if isinstance(value, Exception):
            reason = "not read: %s" % value
            models[name] = reason
            states[name] = reason
            continue
        if "config" in value:
            models[name] = value["config"].config
            if value["config"].unmodelled:
                unmodelled[name] = list(value["config"].unmodelled)
        if "state" in value:
            states[name] = value["state"]
        if "ages" in value:
            ages[name] = value["ages"]
    report = drift.judge_pair(spec.name, intent.configs, models, states if want_state else None, checks,
                              intent.placement, ages)
    if want_state and not want_config:
        report.unread.update({n: str(states[n]) for n in names if isinstance(states.get(n), str)})
    lines = drift_render.table(report)
    findings = ["%s: %s" % (name, reason) for name, reason in report.unread.items()]
    findings += [f.message for f in report.findings()]
    details = {"drift": drift_render.to_json(report), "unmodelled": unmodelled}
    if report.unread and unread_is_failure:
        outcome = FAILED
        summary = "NOT READ: %s" % "; ".join("%s: %s" % item for item in sorted(report.unread.items()))
    else:
        outcome = DRIFT if report.drift else OK
        summary = drift_render.summary(report)
    return PairOutcome(spec.name, names, outcome, summary, findings=findings, lines=lines, details=details)
