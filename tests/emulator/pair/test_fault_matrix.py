# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault matrix: every RPC of a pair deploy x each chassis x {session dropped before the reply,
session dropped after applying, reply delayed past the commit-confirmed timer}.

Each case asserts, from the emulator's own state once every commit-confirmed window has closed,
that both chassis hold the same thing (both the intent or both what they held before), that no
lock, uncommitted change or private candidate is left, and that what the run says each chassis
holds is what the emulator holds. A split pair fails the case whatever the run reported.
"""
from __future__ import annotations

import pytest

from .conftest import NAMES, deploy, example_intent, inject, settle
from .truth import assert_clean, holds, snapshot

# The RPCs a changing deploy sends on each chassis, as (name, occurrence among RPCs of that name).
STEPS = [
    ("get-configuration", 0, "read"),
    ("get-commit-information", 0, "foreign-pending check"),
    ("lock", 0, "lock"),
    ("load-configuration", 0, "load"),
    ("commit-configuration", 0, "commit check"),
    ("get-configuration", 1, "compare"),
    ("get-configuration", 2, "candidate read-back"),
    ("commit-configuration", 1, "commit confirmed"),
    ("get-services-redundancy-group-information", 0, "health: roles"),
    ("get-inter-chassis-control-protocol-information", 0, "health: ICCP"),
    ("get-route-information", 0, "health: signal routes"),
    ("get-commit-information", 1, "check before confirming"),
    ("commit-configuration", 2, "confirming commit"),
    ("unlock", 0, "unlock"),
    ("get-commit-information", 2, "proof of the confirmation"),
    ("get-configuration", 3, "final re-read"),
    ("close-session", 0, "close"),
]
FAULTS = ("drop", "drop-after-apply", "delay-past-timer")
CASES = [pytest.param(rpc, nth, chassis, fault, id="%s-%s-%s" % (label.replace(" ", "_"), chassis[-3:], fault))
         for rpc, nth, label in STEPS for chassis in NAMES for fault in FAULTS]


@pytest.mark.slow
@pytest.mark.parametrize("rpc,nth,chassis,fault", CASES)
def test_the_pair_never_ends_split(emu, rpc, nth, chassis, fault, record_property):
    before = snapshot(emu)
    inject(emu, chassis, rpc, nth, fault)
    outcome = deploy(emu)
    settle(emu)
    truth = holds(emu, example_intent(), before)
    reported = {n: outcome.details["chassis"][n]["state"] for n in NAMES}
    record_property("ended", ",".join(sorted(set(truth.values()))))  # the JUnit report counts new / old
    assert len(set(truth.values())) == 1 and "neither" not in truth.values(), (
        "SPLIT: the emulator holds %s; the run said %s: %s" % (truth, outcome.outcome, outcome.summary))
    assert reported == truth, "the run says %s, the emulator holds %s: %s" % (reported, truth, outcome.summary)
    if truth[NAMES[0]] == "new":
        assert outcome.outcome == "changed", outcome.summary
    else:
        assert outcome.outcome == "failed", outcome.summary
        assert "back on its old configuration" in outcome.summary or "nothing was changed" in outcome.summary
    assert "may be" not in outcome.summary.lower()
    assert_clean(emu)
