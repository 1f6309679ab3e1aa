#!/usr/bin/env python3
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time mxha.srd.audit on the example pair and on a pair at the seed's maximum sizes.

Why: the issue asks for the full single-failure audit of a pair at the seed's limits (256
redundancy policies, 100 redundancy sets, 16 redundancy groups) in under 1 s, and every pair of
failures (depth 2) in under 30 s, on the 2-core development box. This prints both, with the
number of scenarios, beside those limits; it asserts nothing (a busy machine is not a failure).

The maximum-size pair is built as a pair intent (so it goes through the same reader as a user's):
100 sets in 16 groups, each set with an acquire policy (the peer's release, a manual event) and a
release policy (two monitored links, rpd restart and abort, the peer's acquire, a manual event),
56 sets with a forced-release manual policy besides (256 policies), a VRRP group and a condition
per set; the links sit on 10 FPCs of 4 PICs, so PIC and FPC failures take several down at once.

    .venv/bin/python tools/bench/bench_audit.py [--repeat N] [--no-depth2]
"""
from __future__ import annotations

import argparse
import copy
import gc
import os
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / ".venv" / "collections"))

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.run import run_audit  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent  # noqa: E402

EXAMPLE = ROOT / "docs" / "examples" / "cgnat-pair.yml"
LIMITS = {1: 1.0, 2: 30.0}   # seconds, from the issue


def _port(index: int, kind: str) -> str:
    return "%s-%d/%d/%d" % (kind, index // 20, (index % 20) // 5, index % 5)


def max_size_intent(sets: int = 100, policies: int = 256) -> dict:
    """A valid pair intent at the seed's limits (256 policies, 100 sets, 16 groups)."""
    extra = policies - 2 * sets
    chassis = {}
    for number, (host, kind, base) in enumerate((("pair1-mx1", "xe", 66), ("pair1-mx2", "et", 67)), start=1):
        aliases = {}
        for n in range(1, sets + 1):
            aliases["up%d" % n] = _port(2 * (n - 1), kind)
            aliases["down%d" % n] = _port(2 * (n - 1) + 1, kind)
        chassis[host] = {
            "iccp_address": "192.0.2.%d" % number,
            "interfaces": aliases,
            "vrrp_groups": [{"interface": "ge-11/0/0", "unit": n, "address": "198.18.%d.%d/24" % (n, base - 64),
                             "group": n, "priority": 200 if number == 1 else 190,
                             "track_routes": [{"prefix": _route(n), "routing_instance": "HA", "priority_cost": 150}]}
                            for n in range(1, sets + 1)],
        }
    events, pols, rsets, conds = [], [], [], []
    for n in range(1, sets + 1):
        events += [{"name": "REL_CRIT_%d" % n, "link_down": ["up%d" % n, "down%d" % n],
                    "process_routing": ["restart", "abort"]},
                   {"name": "REL_PEER_%d" % n, "peer": "primary-role-acquire"},
                   {"name": "REL_MAN_%d" % n},
                   {"name": "ACQ_PEER_%d" % n, "peer": "primary-role-release"},
                   {"name": "ACQ_MAN_%d" % n}]
        route = {"prefix": _route(n), "routing_instance": "HA"}
        pols += [{"name": "ACQ_POL_%d" % n, "events": ["ACQ_PEER_%d" % n, "ACQ_MAN_%d" % n],
                  "then": "acquire-primary-role", "add_signal_route": dict(route, receive=True)},
                 {"name": "REL_POL_%d" % n, "events": ["REL_CRIT_%d" % n, "REL_PEER_%d" % n, "REL_MAN_%d" % n],
                  "then": "release-primary-role", "delete_signal_route": route}]
        names = ["ACQ_POL_%d" % n, "REL_POL_%d" % n]
        if n <= extra:
            events.append({"name": "RELF_MAN_%d" % n})
            pols.append({"name": "RELF_POL_%d" % n, "events": ["RELF_MAN_%d" % n], "then": "release-primary-role-force",
                         "delete_signal_route": route})
            names.append("RELF_POL_%d" % n)
        rsets.append({"id": n, "redundancy_group": (n - 1) % 16 + 1, "policies": names,
                      "service_sets": ["SS%d" % n]})
        conds.append({"name": "PRIMARY_%d" % n, "prefix": _route(n), "table": "HA.inet.0"})
    return {"name": "max-size-pair", "chassis": chassis, "routing_instances": [{"name": "HA",
                                                                                 "instance_type": "virtual-router"}],
            "redundancy_events": events, "redundancy_policies": pols, "redundancy_sets": rsets,
            "route_tracking": {"conditions": conds}}


def _route(n: int) -> str:
    return "10.%d.%d.1/32" % (n // 256, n % 256)


def configs_of(data: dict) -> dict:
    pair = intent.load(copy.deepcopy(data))
    errors = [v for v in pair.violations if v.is_error]
    if errors:
        raise SystemExit("the benchmark pair is not valid: %s" % errors[:3])
    return pair.configs


def timed(configs: dict, depth: int, repeat: int):
    """Median wall and CPU seconds of ``repeat`` audits (the audit is one thread: on a box shared with other
    jobs its wall time is its CPU time plus the wait for a core)."""
    wall, cpu, audit = [], [], None
    for unused in range(repeat):
        audit = None
        gc.collect()   # the previous audit's objects are not this one's cost
        t0, c0 = time.perf_counter(), time.process_time()
        audit = run_audit(configs, depth=depth)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu), audit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-depth2", action="store_true", help="only the single-failure audit")
    args = parser.parse_args()
    pairs = [("example (docs/examples/cgnat-pair.yml)", configs_of(yaml.safe_load(EXAMPLE.read_text()))),
             ("maximum size (256 policies, 100 sets, 16 groups)", configs_of(max_size_intent()))]
    print("load average %.2f (2 cores expected)" % os.getloadavg()[0])
    print("%-50s %5s %10s %10s %8s %8s %8s  %s" % ("pair", "depth", "scenarios", "evaluated", "wall s", "cpu s",
                                               "limit s", "findings"))
    for label, configs in pairs:
        for depth in (1,) if args.no_depth2 else (1, 2):
            med, cpu, audit = timed(configs, depth, args.repeat if depth == 1 else 1)
            scenarios = audit.counts["depth1"] if depth == 1 else audit.counts["depth2_pairs"]
            evaluated = audit.counts["depth1"] if depth == 1 else audit.counts["depth2_evaluated"]
            found = {}
            for finding in audit.findings:
                found[finding.severity] = found.get(finding.severity, 0) + 1
            print("%-50s %5d %10d %10d %8.3f %8.3f %8.1f  %s" % (
                label, depth, scenarios, evaluated, med, cpu, LIMITS[depth],
                ", ".join("%d %s" % (n, s) for s, n in sorted(found.items())) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
