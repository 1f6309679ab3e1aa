# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A switchover of one pair as a fleet job: "these sets should be primary on that chassis".

The work is :class:`jobs.switchover.Runner` (read both chassis, decide offline with the engine, send
the request the engine chose, wait, verify); this module only says, per pair, which chassis is the
target and which sets move, from a rule that reads the same for every pair of a fleet:
``gateway1`` / ``gateway2`` (the chassis with the lower / higher ICCP address, the seed's naming),
or explicit chassis names (one per pair).

Around it, a pre and a post snapshot of both chassis' SRD state (``jobs.pair_snapshot``: 4 RPCs per chassis
each) and their diff against the engine's prediction, in the pair's lines and details, and as JSON files under
``snapshot_dir`` when given; a change the prediction did not expect, or one it expected that did not happen,
fails the pair. In check mode the predicted snapshot and its diff. A switchover with nothing to move writes none.
"""
from __future__ import annotations

import time
from typing import Mapping, Optional, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import CHANGED, FAILED, OK, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_snapshot import read_pair, read_post, write_snapshot
from ansible_collections.mxha.srd.plugins.module_utils.jobs.switchover import Request, Runner, SwitchoverFailed
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import NetconfError
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import SrdError
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.pair import PairIntent
from ansible_collections.mxha.srd.plugins.module_utils.srd.live import snapshot as snap
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import pair_state_from_facts

GATEWAYS = {"gateway1": 1, "gateway2": 2}


def target_of(spec: PairSpec, intent: PairIntent, primary: Sequence[str]) -> str:
    """The chassis of this pair that should become primary, or ValueError saying why none is."""
    if len(primary) == 1 and primary[0] in GATEWAYS:
        for gateway in intent.gateways:
            if gateway.number == GATEWAYS[primary[0]]:
                return gateway.hostname
        raise ValueError("the intent of %s does not tell gateway 1 from gateway 2 (ICCP addresses)" % spec.name)
    named = [name for name in primary if name in spec.chassis]
    if len(named) != 1:
        raise ValueError("primary names %s of pair %s (%s); name exactly one chassis per pair, or gateway1 / gateway2"
                         % ("no chassis" if not named else "both chassis", spec.name, " + ".join(spec.chassis)))
    return named[0]


def switch(spec: PairSpec, intent: PairIntent, links: Mapping[str, ChassisLink], primary: Sequence[str],
           set_ids: Optional[Sequence[int]], force: bool, wait_timeout: float, poll_interval: float,
           check_mode: bool, snapshot_dir: Optional[str] = None) -> PairOutcome:
    try:
        target = target_of(spec, intent, primary)
    except ValueError as exc:
        return PairOutcome(spec.name, spec.chassis, FAILED, "%s; nothing was sent" % exc, findings=[str(exc)])
    peer = spec.chassis[1] if spec.chassis[0] == target else spec.chassis[0]
    sets = list(set_ids or sorted(intent.configs[target].redundancy_sets))
    req = Request(target=target, peer=peer, set_ids=sets, force=force, wait_timeout=wait_timeout,
                  poll_interval=poll_interval, check_mode=check_mode)
    transports = {name: links[name].transport for name in spec.chassis}
    runner = Runner(req, transports)
    snaps = _Snapshots(spec.name, runner, transports, snapshot_dir, wait_timeout, poll_interval)
    try:
        snaps.before()
        result = runner.run()
    except SwitchoverFailed as exc:
        lines, details, _ok = snaps.after(exc.details, check_mode, sent=bool(exc.details.get("triggered")))
        return PairOutcome(spec.name, spec.chassis, FAILED, str(exc).split("\n", 1)[0], findings=[str(exc)],
                           lines=_lines(exc.details) + str(exc).split("\n")[1:] + lines,
                           details=dict(_details(exc.details), **details))
    except (NetconfError, SrdError, RuntimeError) as exc:
        return PairOutcome(spec.name, spec.chassis, FAILED, str(exc), findings=[str(exc)])
    lines, details, ok = snaps.after(result, check_mode, sent=bool(result.get("changed")) and not check_mode)
    if not ok:
        summary = "%s, but the pair does not show what was predicted: %s" % (result["msg"], details["diff"]["summary"])
        return PairOutcome(spec.name, spec.chassis, FAILED, summary, findings=[
            c["verdict"] + ": " + c["chassis"] + " " + c["what"] for c in details["diff"]["changes"]
            if c["verdict"] != snap.AS_EXPECTED], lines=_lines(result) + lines, details=dict(_details(result), **details))
    outcome = CHANGED if result.get("changed") else OK
    return PairOutcome(spec.name, spec.chassis, outcome, result["msg"], lines=_lines(result) + lines,
                       details=dict(_details(result), **details))


class _Snapshots:
    """The pre snapshot before the switchover, and the post snapshot (or, in check mode, the predicted one) with
    its diff after it."""

    def __init__(self, pair_name: str, runner: Runner, transports, folder: Optional[str], wait_timeout: float,
                 poll_interval: float):
        self.pair_name = pair_name
        self.runner = runner
        self.transports = transports
        self.folder = folder
        self.wait_timeout = wait_timeout
        self.poll_interval = poll_interval
        self.pair = None
        self.pre = None

    def before(self) -> None:
        self.pair = self.runner.read_configs()
        self.pre = read_pair(self.pair_name, "pre", "switchover", self.pair, self.transports)

    def after(self, result: Mapping, check_mode: bool, sent: bool) -> tuple:
        """(lines, details, whether the diff holds) once the runner is done."""
        if self.pre is None or not result.get("predicted") and not sent:
            return [], {}, True
        if not result.get("changed") and not sent:
            return [], {"pre": self.pre.snapshot}, True
        predicted = pair_state_from_facts(result.get("predicted") or result.get("before"), self.pair,
                                          default_routes=False)
        want, notes = snap.expected_changes(self.pair, self.pre.state, predicted, self.pre.snapshot)
        if check_mode:
            forecast = snap.predict(self.pre.snapshot, want)
            expected = snap.diff(self.pre.snapshot, forecast, want, notes)
            return (["predicted %s" % line.strip() for line in expected.lines()],
                    {"pre": self.pre.snapshot, "predicted_snapshot": forecast,
                     "expected": [c.to_dict() for c in expected.changes]}, True)
        deadline = time.monotonic() + self.wait_timeout
        post, result_diff = read_post(self.pair_name, "switchover", self.pair, self.transports, self.pre.snapshot,
                                      want, notes, deadline, self.poll_interval)
        files = {"pre": write_snapshot(self.folder, self.pre.snapshot),
                 "post": write_snapshot(self.folder, post.snapshot)}
        lines = result_diff.lines()
        if any(files.values()):
            lines.append("snapshots: %s" % ", ".join("%s %s" % (k, v) for k, v in files.items() if v))
        return lines, {"pre": self.pre.snapshot, "post": post.snapshot, "diff": result_diff.to_dict(),
                       "files": {k: v for k, v in files.items() if v}}, result_diff.ok


def _details(result: Mapping) -> dict:
    keep = ("chassis", "peer", "redundancy_sets", "force", "before", "predicted", "actual", "plans", "triggered",
            "signal_routes", "vrrp", "overridden", "already_primary", "outcome")
    return {key: result[key] for key in keep if key in result}


def _lines(result: Mapping) -> list:
    """Before and after (predicted or read), one line per chassis and set."""
    before = result.get("before") or {}
    after = result.get("actual") or result.get("predicted") or {}
    lines = []
    for name in sorted(before):
        was = (before.get(name) or {}).get("redundancy_sets", {})
        now = (after.get(name) or {}).get("redundancy_sets", {})
        for set_id in sorted(set(was) | set(now), key=lambda s: int(s) if str(s).isdigit() else 0):
            lines.append("%s set %s: %s -> %s" % (name, set_id, was.get(set_id, "-"), now.get(set_id, "-")))
    return lines
