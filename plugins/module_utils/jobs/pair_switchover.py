# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A switchover of one pair as a fleet job: "these sets should be primary on that chassis".

The work is :class:`jobs.switchover.Runner` (read both chassis, decide offline with the engine, send
the request the engine chose, wait, verify); this module only says, per pair, which chassis is the
target and which sets move, from a rule that reads the same for every pair of a fleet:
``gateway1`` / ``gateway2`` (the chassis with the lower / higher ICCP address, the seed's naming),
or explicit chassis names (one per pair).
"""
from __future__ import annotations

from typing import Mapping, Optional, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import CHANGED, FAILED, OK, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.jobs.switchover import Request, Runner, SwitchoverFailed
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import NetconfError
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import SrdError
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.pair import PairIntent

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
           check_mode: bool) -> PairOutcome:
    try:
        target = target_of(spec, intent, primary)
    except ValueError as exc:
        return PairOutcome(spec.name, spec.chassis, FAILED, "%s; nothing was sent" % exc, findings=[str(exc)])
    peer = spec.chassis[1] if spec.chassis[0] == target else spec.chassis[0]
    sets = list(set_ids or sorted(intent.configs[target].redundancy_sets))
    req = Request(target=target, peer=peer, set_ids=sets, force=force, wait_timeout=wait_timeout,
                  poll_interval=poll_interval, check_mode=check_mode)
    runner = Runner(req, {name: links[name].transport for name in spec.chassis})
    try:
        result = runner.run()
    except SwitchoverFailed as exc:
        return PairOutcome(spec.name, spec.chassis, FAILED, str(exc).split("\n", 1)[0], findings=[str(exc)],
                           lines=_lines(exc.details) + str(exc).split("\n")[1:], details=_details(exc.details))
    except (NetconfError, SrdError) as exc:
        return PairOutcome(spec.name, spec.chassis, FAILED, str(exc), findings=[str(exc)])
    outcome = CHANGED if result.get("changed") else OK
    return PairOutcome(spec.name, spec.chassis, outcome, result["msg"], lines=_lines(result), details=_details(result))


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
