# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Maintenance of one chassis of a pair: drain it (every set off it), then restore (every set back).

The same steps for both, on one pair:

1. read what both chassis run: their committed SRD configuration (1 RPC each: the engine decides on what
   the devices hold) and a **pre snapshot** of their SRD state (4 RPCs each: sets, ICCP, routes with ages,
   VRRP; ``jobs.pair_snapshot``);
2. the targets: a drain moves every set the drained chassis is primary for onto the other one; a restore
   puts every set where the intent places it (a set without ``primary`` on gateway 1) or, from a saved
   pre-drain snapshot, where it was before the drain;
3. **checks of both peers**, each named, each able to fail: srd running, ICCP up, every set reported, no set
   in wait, the peers connected for every set to move, the receiving chassis neither warned nor with a
   monitored interface down for a set it receives (those two: unless ``force``);
4. the **plan**: every move decided offline by the engine, in one pass, each on the state the moves before it
   leave (``srd.engine.placement``); any refusal ends the job here, with nothing sent;
5. check mode stops here with the prediction: the moves, the snapshot the pair would show after them, and
   that diff;
6. send the requests in the plan's order, wait until both chassis show the predicted roles and signal
   routes (``jobs.pair_placement.carry_out``), take the **post snapshot**, and **diff** it against the pre
   snapshot and the prediction: a change that did not happen and a change nobody expected both fail the pair.

Nothing to move is ``ok`` (idempotent) and writes no snapshot, so the last drain's pre snapshot, the one a
restore from snapshot reads, is never overwritten by a drain that found the chassis already empty.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Mapping, Optional, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import CHANGED, FAILED, OK, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_placement import carry_out, move_text, refusal_text
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import both, errors_of, read_config
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_snapshot import (
    PairRead, read_pair, read_post, write_snapshot,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import NetconfError
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import PairConfig, compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.placement import gateway_one, plan_placement
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import RoleState
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import SrdError
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.pair import PairIntent
from ansible_collections.mxha.srd.plugins.module_utils.srd.live import snapshot as snap

__all__ = ["Options", "Check", "drain", "restore", "drained_chassis", "CHECKS"]

GATEWAYS = {"gateway1": 1, "gateway2": 2}
FROM_INTENT, FROM_SNAPSHOT = "intent", "snapshot"

CHECKS = {
    "srd-running": "srd runs on both chassis",
    "iccp-up": "ICCP is up on both chassis",
    "sets-reported": "both chassis report a role for every set",
    "no-wait": "no set is in wait (INITIALIZING) on either chassis",
    "peer-connected": "the peers are connected for every set to move",
    "peer-not-warned": "the receiving chassis is not warned for a set it receives",
    "peer-healthy": "the receiving chassis has no monitored interface down for a set it receives",
}
FORCIBLE = ("peer-not-warned", "peer-healthy")


@dataclass
class Options:
    force: bool = False
    wait_timeout: float = 60.0
    poll_interval: float = 1.0
    check_mode: bool = False
    snapshot_dir: Optional[str] = None
    vrrp: bool = True


@dataclass
class Check:
    id: str
    passed: bool
    detail: str = ""
    forced: bool = False

    def line(self) -> str:
        verdict = "ok" if self.passed else ("FAILED, overridden by force" if self.forced else "FAILED")
        return "check %s: %s%s" % (self.id, verdict, " (%s)" % self.detail if self.detail else "")

    def to_dict(self) -> dict:
        return {"id": self.id, "meaning": CHECKS[self.id], "passed": self.passed, "forced": self.forced,
                "detail": self.detail}


class Refused(Exception):
    """The job stops before anything is sent (or, from check mode, would)."""


def drained_chassis(spec: PairSpec, intent: PairIntent, drain: Sequence[str]) -> str:
    """The chassis of this pair to drain: one named per pair, or gateway1 / gateway2; ValueError otherwise."""
    if len(drain) == 1 and drain[0] in GATEWAYS:
        for gateway in intent.gateways:
            if gateway.number == GATEWAYS[drain[0]]:
                return gateway.hostname
        raise ValueError("the intent of %s does not tell gateway 1 from gateway 2 (ICCP addresses)" % spec.name)
    named = [name for name in drain if name in spec.chassis]
    if len(named) != 1:
        which = "no chassis" if not named else "both chassis"
        raise ValueError("drain names %s of pair %s (%s); name exactly one chassis per pair (or gateway1 / gateway2), "
                         "or leave the pair out of the play" % (which, spec.name, " + ".join(spec.chassis)))
    return named[0]


# ---------------------------------------------------------------------------------------------- the jobs


def drain(spec: PairSpec, intent: PairIntent, links: Mapping[str, ChassisLink], chassis: Sequence[str],
          options: Options, clock: Callable[[], float] = time.monotonic,
          sleep: Callable[[float], None] = time.sleep) -> PairOutcome:
    """Move every redundancy set off the drained chassis (one per pair, from ``chassis``)."""
    try:
        drained = drained_chassis(spec, intent, chassis)
    except ValueError as exc:
        return PairOutcome(spec.name, spec.chassis, FAILED, "%s; nothing was sent" % exc, findings=[str(exc)])
    other = spec.chassis[1] if spec.chassis[0] == drained else spec.chassis[0]

    def targets(pair: PairConfig, pre: PairRead) -> tuple:
        sets = sorted(s for s in pair.chassis[drained].set_ids if pre.state.role(drained, s) is RoleState.PRIMARY)
        return {s: other for s in sets}, "drain %s: every set primary there to %s" % (drained, other)

    return _Job("drain", spec, links, options, clock, sleep).run(targets)


def restore(spec: PairSpec, intent: PairIntent, links: Mapping[str, ChassisLink], source: str,
            before: Optional[Mapping], options: Options, clock: Callable[[], float] = time.monotonic,
            sleep: Callable[[float], None] = time.sleep) -> PairOutcome:
    """Put every set back: where the intent places it (``source`` intent; unplaced sets on gateway 1), or where
    the pre-drain snapshot ``before`` shows it primary (``source`` snapshot)."""
    def targets(pair: PairConfig, _pre: PairRead) -> tuple:
        if source == FROM_SNAPSHOT:
            if not isinstance(before, Mapping):
                raise Refused("no pre-drain snapshot of %s to restore from (%s)" % (spec.name, before or "none given"))
            return _snapshot_targets(spec, pair, before), "restore from the snapshot of %s taken %s" % (
                before.get("job", "?"), before.get("taken", "?"))
        first = gateway_one(pair)
        placed = dict(intent.placement)
        out = {}
        for set_id in sorted(pair.chassis[pair.names[0]].set_ids):
            where = placed.get(set_id, first)
            if where is None:
                raise Refused("set %d names no primary and gateway 1 cannot be told from gateway 2" % set_id)
            out[set_id] = where
        unplaced = [s for s in out if s not in placed]
        how = "restore to the intent's placement"
        if unplaced:
            how += " (set%s %s without primary: gateway 1, %s)" % (
                "s" if len(unplaced) > 1 else "", ", ".join(map(str, unplaced)), first)
        return out, how

    return _Job("restore", spec, links, options, clock, sleep).run(targets)


def _snapshot_targets(spec: PairSpec, pair: PairConfig, before: Mapping) -> Dict[int, str]:
    parts = before.get("chassis") or {}
    if set(parts) != set(spec.chassis):
        raise Refused("the snapshot is of %s, not of this pair's chassis %s" % (
            " + ".join(sorted(parts)) or "no chassis", " + ".join(spec.chassis)))
    out = {}
    for name in pair.names:
        for key, item in (parts[name].get("redundancy_sets") or {}).items():
            if item.get("role") == "primary" and int(key) in pair.chassis[name].set_ids:
                out[int(key)] = name
    return out


# ---------------------------------------------------------------------------------------------- one run


class _Job:
    def __init__(self, job: str, spec: PairSpec, links: Mapping[str, ChassisLink], options: Options,
                 clock: Callable[[], float], sleep: Callable[[float], None]):
        self.job = job
        self.spec = spec
        self.links = links
        self.options = options
        self.clock = clock
        self.sleep = sleep
        self.lines: List[str] = []
        self.details: dict = {"job": job, "force": options.force, "check_mode": options.check_mode}

    def outcome(self, outcome: str, summary: str, findings: Optional[list] = None) -> PairOutcome:
        return PairOutcome(self.spec.name, self.spec.chassis, outcome, summary,
                           findings=findings or ([summary] if outcome == FAILED else []), lines=list(self.lines),
                           details=self.details)

    def run(self, targets_of) -> PairOutcome:
        try:
            return self._run(targets_of)
        except Refused as exc:
            return self.outcome(FAILED, "refused before anything was sent: %s" % exc)
        except (NetconfError, SrdError, RuntimeError) as exc:
            return self.outcome(FAILED, "%s: %s" % (self.job, exc))

    def _read_configs(self) -> PairConfig:
        results = both(self.spec.chassis, lambda n: read_config(self.links[n].transport, n))
        failed = errors_of(results)
        if failed:
            raise RuntimeError("could not read the configuration of %s; nothing was sent" % "; ".join(
                "%s (%s)" % item for item in sorted(failed.items())))
        bad = {n: r.violations for n, r in results.items() if any(v.is_error for v in r.violations)}
        if bad:
            raise Refused("the SRD configuration of %s holds values the collection cannot read: %s" % (
                ", ".join(sorted(bad)), "; ".join(str(v) for vs in bad.values() for v in vs[:3])))
        return compile_pair({n: r.config for n, r in results.items()})

    def _run(self, targets_of) -> PairOutcome:
        opts = self.options
        pair = self._read_configs()
        transports = {n: self.links[n].transport for n in pair.names}
        pre = read_pair(self.spec.name, "pre", self.job, pair, transports, opts.vrrp)
        targets, how = targets_of(pair, pre)
        self.details.update(targets={str(s): c for s, c in sorted(targets.items())}, how=how)
        moving = {s: c for s, c in targets.items() if pre.state.role(c, s) is not RoleState.PRIMARY}
        checks = self._checks(pair, pre, moving)
        self.details["checks"] = [c.to_dict() for c in checks]
        self.lines.append("%s%s" % (how, "" if targets else ": no set to move"))
        if all(c.passed for c in checks):
            self.lines.append("checks: all %d passed (%s)" % (len(checks), ", ".join(c.id for c in checks)))
        else:
            self.lines += [c.line() for c in checks]
        if not moving:
            self.details["pre"] = pre.snapshot
            return self.outcome(OK, "%s: nothing to move, every set already where it belongs (%s)" % (
                self.job, _where(targets) or "no set"))
        blocking = [c for c in checks if not c.passed and not c.forced]
        if blocking:
            raise Refused("; ".join("%s: %s" % (c.id, c.detail) for c in blocking) + (
                " (force overrides %s)" % ", ".join(c.id for c in blocking if c.id in FORCIBLE)
                if any(c.id in FORCIBLE for c in blocking) and not opts.force else ""))
        plan = plan_placement(pair, pre.state, targets, opts.force)
        self.details["plan"] = plan.to_dict()
        if not plan.ok:
            raise Refused("the engine refuses %s" % refusal_text(pair, pre.state, plan))
        want, notes = snap.expected_changes(pair, pre.state, plan.predicted, pre.snapshot)
        predicted = snap.predict(pre.snapshot, want)
        expected = snap.diff(pre.snapshot, predicted, want, notes)
        self.details.update(expected=[c.to_dict() for c in expected.changes], notes=list(expected.notes))
        moves = "; ".join(move_text(p) for p in plan.moves)
        if opts.check_mode:
            self.details.update(pre=pre.snapshot, predicted=predicted)
            self.lines += ["would move %s" % move_text(p) for p in plan.moves]
            self.lines += ["predicted %s" % line.strip() for line in expected.lines()]
            return self.outcome(CHANGED, "%s (check mode): would move %d set%s in one pass: %s" % (
                self.job, len(plan.moves), "" if len(plan.moves) == 1 else "s", moves))
        files = {"pre": write_snapshot(opts.snapshot_dir, pre.snapshot)}
        deadline = self.clock() + opts.wait_timeout
        done = carry_out(plan, pair, transports, opts.wait_timeout, opts.poll_interval, self.clock, self.sleep)
        self.lines += ["moved %s" % move_text(p) for p in done.sent]
        post, result = read_post(self.spec.name, self.job, pair, transports, pre.snapshot, want, notes, deadline,
                                 opts.poll_interval, opts.vrrp, self.clock, self.sleep, wait=done.ok)
        files["post"] = write_snapshot(opts.snapshot_dir, post.snapshot)
        self.details.update(sent=[p.to_dict()["trigger"] for p in done.sent], outcome=done.outcome,
                            pre=pre.snapshot, post=post.snapshot, diff=result.to_dict(),
                            files={k: v for k, v in files.items() if v})
        self.lines += result.lines()
        if any(files.values()):
            self.lines.append("snapshots: %s" % ", ".join("%s %s" % (k, v) for k, v in files.items() if v))
        if not done.ok:
            sent = "; ".join(move_text(p) for p in done.sent) or "nothing"
            return self.outcome(FAILED, "%s: %s (sent: %s)" % (self.job, done.problem, sent),
                                [done.problem] + [c.line() for c in result.changes if not c.ok])
        if not result.ok:
            return self.outcome(FAILED, "%s: the pair does not show what was predicted: %s" % (
                self.job, result.summary()), [c.line() for c in result.changes if not c.ok])
        self.lines.append("verified in %.1f s: roles, signal routes%s as predicted" % (
            done.seconds, " and VRRP" if opts.vrrp else ""))
        return self.outcome(CHANGED, "%s: moved %d set%s in one pass, verified: %s" % (
            self.job, len(done.sent), "" if len(done.sent) == 1 else "s", _where(
                {p.redundancy_set: p.target for p in done.sent})))

    def _checks(self, pair: PairConfig, pre: PairRead, moving: Mapping[int, str]) -> List[Check]:
        names = pair.names
        live = {n: pre.reads[n].live for n in names}
        out = []

        def add(check_id, bad, forcible=False):
            forced = bool(bad) and forcible and self.options.force
            out.append(Check(check_id, not bad, "; ".join(bad) if bad else "", forced))

        add("srd-running", ["%s: %s" % (n, live[n].daemon_message or "not running") for n in names
                            if not live[n].daemon_running])
        add("iccp-up", ["%s: ICCP %s" % (n, "not read" if live[n].iccp is None else "down") for n in names
                        if live[n].iccp is None or not live[n].iccp.up])
        add("sets-reported", ["%s does not report set %d" % (n, s) for n in names for s in sorted(pair.chassis[n].set_ids)
                              if live[n].daemon_running and s not in live[n].roles])
        add("no-wait", ["%s is in wait for set %d" % (n, s) for n in names for s, r in sorted(live[n].roles.items())
                        if r is RoleState.WAIT])
        add("peer-connected", ["set %d on %s: %s" % (s, n, live[n].sets[s].status) for s in sorted(moving)
                               for n in names if live[n].sets.get(s) is not None
                               and live[n].sets[s].peer_connected is False])
        add("peer-not-warned", ["%s is warned for set %d" % (c, s) for s, c in sorted(moving.items())
                                if live[c].roles.get(s) is RoleState.WARNED], forcible=True)
        unhealthy = []
        for s, c in sorted(moving.items()):
            status = live[c].sets.get(s)
            if status is not None and (status.failed_interfaces or (status.health or "").lower() == "failed"):
                down = ", ".join(status.failed_interfaces) or "a monitored interface"
                unhealthy.append("%s has %s down for set %d" % (c, down, s))
        add("peer-healthy", unhealthy, forcible=True)
        return out


def _where(targets: Mapping[int, str]) -> str:
    return ", ".join("set %d on %s" % item for item in sorted(targets.items()))
