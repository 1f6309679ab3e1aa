# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The executor isolates pairs: a job that raises or cannot connect fails its own pair only."""
from __future__ import annotations

import threading

from ansible_collections.mxha.srd.plugins.module_utils.fleet.executor import run_fleet
from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import FAILED, OK, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import ConnectError, ConnectionParams
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec


class FakeSession:
    closed = 0

    def send(self, xml: str) -> str:
        return "<rpc-reply><ok/></rpc-reply>"

    def close(self) -> None:
        FakeSession.closed += 1


def spec(n: int) -> PairSpec:
    return PairSpec("pair%d" % n, ("p%d-a" % n, "p%d-b" % n), {}, "test")


def link(name: str, variables) -> ChassisLink:
    def opener(params):
        if name == "p2-a":
            raise ConnectError("cannot open a NETCONF session to p2-a: refused")
        return FakeSession()
    return ChassisLink(ConnectionParams(name=name, host="127.0.0.1"), opener)


def test_one_pair_failing_never_touches_the_others():
    FakeSession.closed = 0
    active, peak = [0], [0]
    guard = threading.Lock()

    def job(pair, links):
        with guard:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        try:
            for chassis in pair.chassis:
                links[chassis].transport.rpc("<get-configuration/>")
            if pair.name == "pair3":
                raise RuntimeError("a bug in one pair's job")
            return PairOutcome(pair.name, pair.chassis, OK, "fine")
        finally:
            with guard:
                active[0] -= 1

    outcomes = run_fleet([spec(n) for n in range(1, 9)], job, max_sessions=4, link_factory=link)
    assert [o.pair for o in outcomes] == ["pair%d" % n for n in range(1, 9)]
    assert {o.pair: o.outcome for o in outcomes if o.outcome != OK} == {"pair2": FAILED, "pair3": FAILED}
    assert "refused" in outcomes[1].summary and "RuntimeError: a bug" in outcomes[2].summary
    assert outcomes[0].rpcs == {"p1-a": 1, "p1-b": 1}
    assert peak[0] <= 2  # max_sessions 4: two pairs at once
    assert FakeSession.closed == 14  # every session opened was closed (pair2 stopped at p2-a, before p2-b)
