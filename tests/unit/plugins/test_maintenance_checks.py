# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The drain/restore checks of both peers, on replies shaped as the device's: each passes on a healthy pair and
fails on its own case. (tests/emulator/pair/test_maintenance.py fails them on the emulated pair; a chassis whose
running srd leaves a configured set out of its reply is a case the emulator never shows, so it is shown here.)"""

from __future__ import annotations

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_maintenance import CHECKS, Options, _Job
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_snapshot import ChassisRead, PairRead, pair_state
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import live_state
from srd_fake_pair import MX1, MX2, example

GROUPS = ("<services-redundancy-group-information><rg-information><iccp-process-connection>Connected"
          "</iccp-process-connection><rg-state-information><services-rg-information><rg-id>1</rg-id>{sets}"
          "</services-rg-information></rg-state-information></rg-information></services-redundancy-group-information>")
SET = ("<services-rg-rs-information><rs-id>{id}</rs-id><local-rs-state>{state}</local-rs-state><peer-rs-state>{peer}"
       "</peer-rs-state><rs-status>{status}</rs-status><rs-health-status>{health}</rs-health-status>{failed}"
       "</services-rg-rs-information>")
ICCP = ("<iccp-information><iccp-peer><peer-address>x</peer-address><peer-conn-state-information><peer-conn-state>"
        "<peer-conn-tcp-state>{tcp}</peer-conn-tcp-state></peer-conn-state></peer-conn-state-information></iccp-peer>"
        "</iccp-information>")


def chassis(sets, tcp="Established", daemon_error=None):
    body = "".join(SET.format(id=i, state=s, peer=p, status=st, health="Failed" if f else "Passed",
                              failed="".join("<failed-interface>%s</failed-interface>" % x for x in f))
                   for i, (s, p, st, f) in sorted(sets.items()))
    live = live_state(None if daemon_error else GROUPS.format(sets=body), ICCP.format(tcp=tcp), None, daemon_error)
    return ChassisRead(live, {})


def checks(reads, moving=None, force=False):
    pair = compile_pair(example(extra_set=True))
    pre = PairRead(reads, pair_state(pair, {n: r.live for n, r in reads.items()}), {})
    job = _Job("drain", None, {}, Options(force=force), None, None)
    return {c.id: c for c in job._checks(pair, pre, moving if moving is not None else {1: MX2, 2: MX2})}


def healthy():
    return {MX1: chassis({1: ("MASTER", "STANDBY", "Connected", ()), 2: ("MASTER", "STANDBY", "Connected", ())}),
            MX2: chassis({1: ("STANDBY", "MASTER", "Connected", ()), 2: ("STANDBY", "MASTER", "Connected", ())})}


def test_a_healthy_pair_passes_every_check():
    found = checks(healthy())
    assert set(found) == set(CHECKS) and all(c.passed for c in found.values())


@pytest.mark.parametrize("check_id, change", [
    ("srd-running", lambda r: r.update({MX2: chassis({}, daemon_error="services redundancy daemon is not running")})),
    ("iccp-up", lambda r: r.update({MX2: chassis({1: ("STANDBY", "MASTER", "Connected", ()),
                                                  2: ("STANDBY", "MASTER", "Connected", ())}, tcp="Closed")})),
    ("sets-reported", lambda r: r.update({MX2: chassis({1: ("STANDBY", "MASTER", "Connected", ())})})),
    ("no-wait", lambda r: r.update({MX1: chassis({1: ("MASTER", "STANDBY", "Connected", ()),
                                                  2: ("INITIALIZING", "MASTER", "Connected", ())})})),
    ("peer-connected", lambda r: r.update({MX2: chassis({1: ("STANDBY", "UNKNOWN", "Not Connected", ()),
                                                         2: ("STANDBY", "MASTER", "Connected", ())})})),
    ("peer-not-warned", lambda r: r.update({MX2: chassis({1: ("STANDBY (WARNED)", "MASTER", "Connected", ()),
                                                          2: ("STANDBY", "MASTER", "Connected", ())})})),
    ("peer-healthy", lambda r: r.update({MX2: chassis({1: ("STANDBY", "MASTER", "Connected", ("xe-1/0/1",)),
                                                       2: ("STANDBY", "MASTER", "Connected", ())})})),
])
def test_each_check_fails_on_its_own_case(check_id, change):
    reads = healthy()
    change(reads)
    found = checks(reads)
    assert not found[check_id].passed and found[check_id].detail
    assert found[check_id].line().startswith("check %s: FAILED" % check_id)


def test_force_overrides_only_the_forcible_checks():
    reads = healthy()
    reads[MX2] = chassis({1: ("STANDBY (WARNED)", "MASTER", "Connected", ("xe-1/0/1",)),
                          2: ("INITIALIZING", "MASTER", "Connected", ())})
    found = checks(reads, force=True)
    assert found["peer-not-warned"].forced and found["peer-healthy"].forced
    assert not found["no-wait"].passed and not found["no-wait"].forced


def test_a_set_that_does_not_move_is_not_judged_by_the_receiving_checks():
    reads = healthy()
    reads[MX2] = chassis({1: ("STANDBY", "MASTER", "Connected", ()),
                          2: ("STANDBY (WARNED)", "MASTER", "Connected", ("xe-1/0/1",))})
    found = checks(reads, moving={1: MX2})
    assert found["peer-not-warned"].passed and found["peer-healthy"].passed
