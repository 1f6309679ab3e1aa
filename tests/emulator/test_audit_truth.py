"""The audit's predictions against the emulated pair, one scenario of every kind (and two pairs).

For each scenario the test audits the configuration it reads back from both emulated chassis over
NETCONF (the collection's reader), performs the scenario on the pair (a fault over the control
socket, or a request over NETCONF), waits for the switchovers the audit predicts, reads both
chassis again and compares: srd running or not, each chassis' own role per set, its signal routes,
and which chassis is VRRP master. docs/audit.md says what this can and cannot prove: the emulator
decides with the same engine, so the comparison checks the audit's enumeration, its chaining of
failures, its readings (ICCP down, held states, cards) and the whole read/perform path, not the
engine's rules (docs/srd-semantics.md's case table does that, against the seed).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from audit_truth import MX1, MX2, Chassis, commit_intent, moves, observe, perform, predict, switchovers_done
from mxsim.testing import srd_pair  # noqa: F401 pylint: disable=unused-import

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.run import run_audit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples" / "audit"

# Scenarios of the shipped example (docs/examples/cgnat-pair.yml, committed by srd_pair).
EXAMPLE = [
    "primary:pair1-mx1/steady",
    "primary:pair1-mx1/link-down(pair1-mx1,xe-0/0/1)",                 # switches
    "primary:pair1-mx1/link-down(pair1-mx2,xe-1/0/0)",                 # stays
    "primary:pair1-mx2/link-down(pair1-mx2,vms-2/0/0)",                # switches back to gateway 1
    "primary:pair1-mx1/pic-down(pair1-mx1,0/0)",                       # two links at once
    "primary:pair1-mx1/rpd-restart(pair1-mx1)",
    "primary:pair1-mx1/rpd-abort(pair1-mx2)",
    "primary:pair1-mx1/srd-disable(pair1-mx1)",                        # S19: gateway 1 hands over
    "primary:pair1-mx2/srd-disable(pair1-mx2)",                        # S20: gateway 2 does not
    "primary:pair1-mx1/iccp-down",
    "primary:pair1-mx1/hold-wait(pair1-mx2)",
    "primary:pair1-mx1/hold-warned(pair1-mx2)",
    "primary:pair1-mx1/peer-event(pair1-mx2,1,ACQU_MSHIP_CRIT_EV)",    # AUDIT-VRRP-ORDER: mx1 keeps VRRP
    "primary:pair1-mx1/trigger(pair1-mx1,1,RELS_MSHIP_MANUAL_EV)",
    "primary:pair1-mx1/trigger(pair1-mx2,1,ACQU_MSHIP_MANUAL_EV,force)",
    "primary:pair1-mx1/trigger(pair1-mx2,1,RELS_MSHIP_MANUAL_EV)",     # accepted, changes nothing
    "primary:pair1-mx2/trigger(pair1-mx1,1,RELS_MSHIP_CRIT_EV,force)",
    # depth 2: AUDIT-BLACKHOLE
    "primary:pair1-mx1/hold-warned(pair1-mx2)+link-down(pair1-mx1,xe-0/0/0)",   # release.peer-warned
    "primary:pair1-mx1/iccp-down+link-down(pair1-mx1,xe-0/0/0)",                # release.no-peer
    "primary:pair1-mx2/srd-disable(pair1-mx2)+link-down(pair1-mx2,xe-1/0/1)",   # daemon.disabled
]


def _scenario(audit, scenario_id: str):
    found = [s for s in audit.scenarios + audit.deep if s.id == scenario_id]
    assert found, "the audit has no scenario %s" % scenario_id
    return found[0]


def _check(emu, audit, scenario) -> None:
    sessions = {name: Chassis(emu, name) for name in (MX1, MX2)}
    try:
        if scenario.start == "primary:%s" % MX2:   # the pair starts with gateway 1 primary: move set 1 over
            done = switchovers_done(emu)
            sessions[MX1].request(1, _release_event(audit), False)
            emu.wait_event(MX1, "srd-switchover-done", count=done + 1)
        routes = set().union(*(c.routes for c in audit.design.components))
        start = next(s.state for s in audit.starts if s.id == scenario.start)
        assert observe(sessions, routes).roles == {n: {sid: str(r) for sid, r in start[n].roles.items()}
                                                   for n in (MX1, MX2)}
        for index, failure in enumerate(scenario.failures):
            done = switchovers_done(emu)
            perform(emu, sessions, failure)
            step = scenario if index == len(scenario.failures) - 1 else _scenario(
                audit, "%s/%s" % (scenario.start, failure.id))
            previous = 0 if index == 0 else moves(audit, _scenario(audit, "%s/%s" % (scenario.start,
                                                                                     scenario.failures[0].id)))
            expected = moves(audit, step) - previous if index else moves(audit, step)
            if expected > 0:
                emu.wait_event(MX1, "srd-switchover-done", count=done + expected)
        assert observe(sessions, routes) == predict(audit, scenario), scenario.id
    finally:
        for chassis in sessions.values():
            chassis.close()
        for name in (MX1, MX2):
            emu.control.clear(name)


def _release_event(audit) -> str:
    config = audit.design.configs[MX1]
    return next(e for e, ev in config.redundancy_events.items() if ev.is_bare and e.startswith("REL"))


def _audit_what_the_pair_runs(emu, depth: int = 2):
    sessions = {name: Chassis(emu, name) for name in (MX1, MX2)}
    try:
        configs = {name: chassis.config() for name, chassis in sessions.items()}
    finally:
        for chassis in sessions.values():
            chassis.close()
    return run_audit(configs, depth=depth)


@pytest.mark.parametrize("scenario_id", EXAMPLE)
def test_the_example_pair_does_what_the_audit_predicts(srd_pair, scenario_id):
    audit = _audit_what_the_pair_runs(srd_pair)
    _check(srd_pair, audit, _scenario(audit, scenario_id))


def _clean_on_two_pics() -> dict:
    """clean-pair.yml with each services interface on PIC 1 of the uplinks' FPC: an FPC failure takes all three."""
    data = copy.deepcopy(yaml.safe_load((EXAMPLES / "clean-pair.yml").read_text()))
    data["chassis"][MX1]["interfaces"]["services"] = "vms-0/1/0"
    data["chassis"][MX2]["interfaces"]["services"] = "vms-1/1/0"
    return data


DESIGNS = {
    "flap": (lambda: yaml.safe_load((EXAMPLES / "flap.yml").read_text()), [
        "primary:pair1-mx1/link-down(pair1-mx1,xe-0/0/0)",           # AUDIT-FLAP: three moves, one shown
        "primary:pair1-mx1/trigger(pair1-mx1,1,RELS_MSHIP_MANUAL_EV)"]),
    "clean-on-two-pics": (_clean_on_two_pics, [
        "primary:pair1-mx1/fpc-down(pair1-mx1,0)",
        "primary:pair1-mx2/fpc-down(pair1-mx1,0)",
        "primary:pair1-mx1/peer-event(pair1-mx1,1,RELS_MSHIP_PEER_EV)",
        "primary:pair1-mx1/trigger(pair1-mx2,1,ACQU_MSHIP_MANUAL_EV)",   # the fix: mx1 lets go of its route
        "primary:pair1-mx1/hold-wait(pair1-mx2)+link-down(pair1-mx1,xe-0/0/1)"]),   # release.peer-wait
}


@pytest.mark.parametrize("design, scenario_id", [(d, s) for d, (unused, ids) in DESIGNS.items() for s in ids])
def test_other_designs_do_what_the_audit_predicts(mx, design, scenario_id):
    commit_intent(mx, DESIGNS[design][0]())
    audit = _audit_what_the_pair_runs(mx)
    _check(mx, audit, _scenario(audit, scenario_id))


def test_every_kind_is_checked_against_the_pair():
    from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.scenarios import KINDS

    ids = EXAMPLE + [s for unused, scenarios in DESIGNS.values() for s in scenarios]
    kinds = {part.split("(")[0] for sid in ids for part in sid.split("/", 1)[1].split("+")}
    assert kinds == set(KINDS)
