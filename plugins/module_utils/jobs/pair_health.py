# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The health gate of a pair transaction: is the pair healthy on its new configuration?

Healthy means: srd running and ICCP up on both chassis, every redundancy set of the intent primary on
exactly one chassis and standby on the other, signal routes where the roles say (the drift check's
operational judgement, ``srd.drift.compare.operational_findings``). The gate polls both chassis
until they have settled or its deadline (which the pair transaction keeps well before the automatic
rollback). An answer that cannot improve by waiting ends it at once: a session lost (the chassis'
commit confirmed is likely gone with it) or an ``<rpc-error>`` such as a syntax error or an
operation the device does not support, quoted in the verdict.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Mapping

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import both, read_state
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcError, SessionLost
from ansible_collections.mxha.srd.plugins.module_utils.srd.drift import compare as drift
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import ERROR
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import ChassisConfig

SETTLED_ROLES = ("primary", "standby")


@dataclass
class Verdict:
    healthy: bool
    summary: str
    lines: list = field(default_factory=list)
    states: dict = field(default_factory=dict)
    reads: int = 0


def settled(facts: object, config: ChassisConfig) -> bool:
    """srd running, ICCP up, and every set of the intent primary or standby on this chassis."""
    if not isinstance(facts, Mapping) or str(facts.get("daemon", "")).lower() != "enabled":
        return False
    if not (facts.get("details") or {}).get("iccp", {}).get("up"):
        return False
    roles = facts.get("redundancy_sets") or {}
    wanted = {str(k) for k in config.redundancy_sets}
    return wanted <= {str(k) for k in roles} and all(str(v) in SETTLED_ROLES for v in roles.values())


class HealthGate:
    def __init__(self, intent: Mapping[str, ChassisConfig], links: Mapping[str, ChassisLink], interval: float,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.intent = intent
        self.links = links
        self.interval = interval
        self.clock = clock
        self.sleep = sleep

    def wait(self, deadline: float) -> Verdict:
        names = tuple(sorted(self.intent))
        reads = 0
        while True:
            reads += 1
            results = both(names, lambda n: read_state(self.links[n].transport))
            for name, value in results.items():
                if isinstance(value, SessionLost):
                    return Verdict(False, "the session to %s was lost while reading its live state (%s); its commit "
                                   "confirmed may have gone with it" % (name, value), reads=reads)
                if isinstance(value, RpcError):
                    return Verdict(False, "%s answered the live-state read with an error that waiting cannot mend: %s"
                                   % (name, "; ".join(str(e) for e in value.errors)), reads=reads)
                if isinstance(value, Exception):
                    return Verdict(False, "%s: the live state could not be read: %s" % (name, value), reads=reads)
            if all(settled(results[n], self.intent[n]) for n in names):
                break
            if self.clock() + self.interval > deadline:
                break
            self.sleep(self.interval)
        findings = drift.operational_findings(self.intent, results)
        errors = [f for f in findings if f.severity == ERROR]
        unsettled = [n for n in names if not settled(results[n], self.intent[n])]
        lines = ["%s: %s" % (n, drift.live_summary(results[n])) for n in names]
        lines += ["%s %s" % ("!" if f.severity == ERROR else "?", f.message) for f in findings]
        if unsettled:
            lines.append("not settled before the gate's deadline: %s" % ", ".join(unsettled))
        healthy = not errors and not unsettled
        if any(f.change == "signal-route" and "run it again there" in f.message for f in errors):
            lines.append("the deploy can do this itself: with place_roles (deploy_place_roles) it re-runs the acquire "
                         "policy on the primary between the push and this gate")
        summary = ("healthy after %d read%s" % (reads, "" if reads == 1 else "s")) if healthy else (
            "%d problem%s after %d read%s: %s" % (
                len(errors) + len(unsettled), "" if len(errors) + len(unsettled) == 1 else "s", reads,
                "" if reads == 1 else "s", "; ".join([f.message for f in errors][:3] + (
                    ["%s did not settle" % ", ".join(unsettled)] if unsettled else []) + [
                    line for line in lines if line.startswith("the deploy can do this itself")])))
        return Verdict(healthy, summary, lines, results, reads)
