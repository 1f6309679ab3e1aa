#!/usr/bin/env python3
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time one SRD engine decision for a pair with 1 and with 128 redundancy sets.

Why: the issue asks for "well under 10 ms" for 128 sets. Each set gets the policies of a
typical pair (acquire on the peer's release, release on a link down / the peer's acquire /
a manual event, force and if-standby-clear releases, a warning), a condition and a VRRP group,
so the index and the effect computation are as large as a full configuration makes them.

Measured: ``decide`` given the raw configurations (compiles the pair on each call) and given a
pair compiled once with ``compile_pair``, for a manual release (which also runs the peer's
reaction), a monitored link-down on the primary and a request that is refused.

    .venv/bin/python tools/bench/bench_engine.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / ".venv" / "collections"))

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (  # noqa: E402
    AddSignalRoute, ChassisConfig, DeleteSignalRoute, Iccp, IccpPeer, MastershipAction, PeerEvent,
    RedundancyEvent, RedundancyPolicy, RedundancySet, RouteCondition, TrackedRoute, VrrpGroup,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import (  # noqa: E402
    EventFired, Trigger, compile_pair, decide, initial_state,
)

ADDR = {"A": "10.255.0.1", "B": "10.255.0.2"}


def chassis(name: str, n_sets: int) -> ChassisConfig:
    events, policies, sets, conds, vrrp = [], [], [], [], []
    for n in range(1, n_sets + 1):
        route = "10.%d.%d.1/32" % (n // 256, n % 256)
        events += [
            RedundancyEvent("REL_CRIT_%d" % n, link_down=("xe-0/0/%d" % n,)),
            RedundancyEvent("REL_PEER_%d" % n, peer=PeerEvent.MASTERSHIP_ACQUIRE),
            RedundancyEvent("REL_MAN_%d" % n), RedundancyEvent("RELF_MAN_%d" % n), RedundancyEvent("RELC_MAN_%d" % n),
            RedundancyEvent("ACQ_PEER_%d" % n, peer=PeerEvent.MASTERSHIP_RELEASE), RedundancyEvent("ACQ_MAN_%d" % n),
            RedundancyEvent("WARN_%d" % n, link_down=("xe-0/1/%d" % n,)),
        ]
        delete = DeleteSignalRoute(route, "HA")
        policies += [
            RedundancyPolicy("ACQ_POL_%d" % n, ("ACQ_PEER_%d" % n, "ACQ_MAN_%d" % n), MastershipAction.ACQUIRE,
                             add_signal_route=AddSignalRoute(route, None, "HA")),
            RedundancyPolicy("REL_POL_%d" % n, ("REL_CRIT_%d" % n, "REL_PEER_%d" % n, "REL_MAN_%d" % n),
                             MastershipAction.RELEASE, delete_signal_route=delete),
            RedundancyPolicy("RELF_POL_%d" % n, ("RELF_MAN_%d" % n,), MastershipAction.RELEASE_FORCE, delete_signal_route=delete),
            RedundancyPolicy("RELC_POL_%d" % n, ("RELC_MAN_%d" % n,), MastershipAction.RELEASE_IF_STANDBY_CLEAR,
                             delete_signal_route=delete),
            RedundancyPolicy("WARN_POL_%d" % n, ("WARN_%d" % n,), MastershipAction.BROADCAST_WARNING,
                             add_signal_route=AddSignalRoute("10.200.%d.1/32" % (n % 256), None, "HA")),
        ]
        sets.append(RedundancySet(n, redundancy_group=1 + (n - 1) // 16 % 16,
                                  policies=tuple(p.name for p in policies[-5:])))
        conds.append(RouteCondition("PRIMARY_%d" % n, route, "HA.inet.0"))
        vrrp.append(VrrpGroup("ge-0/0/9", n, "198.51.%d.%d/24" % (n, 2 if name == "A" else 3), n,
                              priority=200 if name == "A" else 190, track_routes=(TrackedRoute(route, "HA", 50),)))
    peer = "B" if name == "A" else "A"
    iccp = Iccp(local_ip_addr=ADDR[name], peers={ADDR[peer]: IccpPeer(ADDR[peer], redundancy_group_id_list=tuple(range(1, 17)))})
    return ChassisConfig.build(redundancy_events=events, redundancy_policies=policies, redundancy_sets=sets,
                               conditions=conds, vrrp_groups=vrrp, iccp=iccp)


def pair(n_sets: int) -> dict:
    return {name: chassis(name, n_sets) for name in ("A", "B")}


def timed(fn, repeat: int) -> tuple:
    fn()  # warm up
    samples = []
    for unused in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], samples[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    print("%-6s %-34s %10s %10s %10s" % ("sets", "decision", "median ms", "p95 ms", "max ms"))
    for n in (1, 128):
        configs = pair(n)
        compiled = compile_pair(configs)
        state = initial_state(compiled, "A")
        mid = max(1, n // 2)
        release = Trigger("A", mid, "REL_MAN_%d" % mid)
        link_down = EventFired("A", "REL_CRIT_%d" % mid)
        refused = Trigger("A", mid, "NOT_BOUND")
        assert decide(compiled, state, release).allowed
        cases = [
            ("compile pair only", lambda: compile_pair(configs)),
            ("manual release (compile + decide)", lambda: decide(configs, state, release)),
            ("manual release (precompiled)", lambda: decide(compiled, state, release)),
            ("link-down release (precompiled)", lambda: decide(compiled, state, link_down)),
            ("refused request (precompiled)", lambda: decide(compiled, state, refused)),
        ]
        for label, fn in cases:
            med, p95, worst = timed(fn, args.repeat)
            print("%-6d %-34s %10.3f %10.3f %10.3f" % (n, label, med, p95, worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
