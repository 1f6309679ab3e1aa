# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit: every scenario from every starting state, evaluated by the engine, then judged.

Depth 1: each failure and request from each starting state. Depth 2: each ordered pair of two
different failures (requests left out). Two failures that act on different components cannot
change each other's outcome, so the engine evaluates only the pairs that meet in a component
(``counts['depth2_evaluated']``); the other pairs behave as their two single failures do, whose
findings depth 1 already reports.
"""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.apply import Applied, apply, world_of
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.design import Design
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.findings import Finding, Findings, baseline, check_part
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.judge import judge
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.matrix import Matrix
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.outcome import Part, SetOutcome, evaluate
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.scenarios import (
    FAILURE_KINDS, Failure, Start, failures, project, starting_states,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import PairState
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError

__all__ = ["Scenario", "Audit", "run_audit"]


@dataclass
class Scenario:
    """One scenario: a starting state and one failure (depth 1) or two (depth 2), with its result."""

    id: str
    start: str
    failures: Tuple[Failure, ...]
    parts: List[Part] = field(default_factory=list)
    findings: List[str] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return len(self.failures) if self.failures[0].kind != "steady" else 0

    @property
    def sets(self) -> List[SetOutcome]:
        return [s for part in self.parts for s in part.sets]

    def outcome(self, set_id: int) -> Optional[SetOutcome]:
        return next((s for s in self.sets if s.set_id == set_id), None)


@dataclass
class Audit:
    design: Design
    depth: int
    starts: List[Start]
    scenarios: List[Scenario]
    deep: List[Scenario]
    findings: List[Finding]
    matrix: Matrix
    counts: Dict[str, int]
    seconds: Dict[str, float]
    placement: Mapping[int, str]

    @property
    def errors(self) -> List[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _check_placement(design: Design, placement: Optional[Mapping]) -> Dict[int, str]:
    out = {}
    for key, host in (placement or {}).items():
        try:
            sid = int(str(key).strip())
        except ValueError:
            raise InputError("placement: %r is not a redundancy-set id" % (key,)) from None
        if sid not in design.set_ids:
            raise InputError("placement: the pair has no redundancy set %d (it has %s)" % (
                sid, ", ".join(map(str, design.set_ids)) or "none"))
        if str(host) not in design.names:
            raise InputError("placement: set %d is placed on %r, which is not a chassis of the pair (%s)" % (
                sid, host, ", ".join(design.names)))
        out[sid] = str(host)
    return out


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while the audit builds its (acyclic) results.

    Why: the audit keeps tens of thousands of small objects alive, and every collection pass walks
    them all; at the seed's limits that is a fifth of the run. Nothing here makes cycles, and the
    previous setting is restored however the audit ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_audit(configs, live: Optional[PairState] = None, placement: Optional[Mapping] = None, depth: int = 1,
              clock: Callable[[], float] = time.perf_counter, split: bool = True) -> Audit:
    """Audit a pair's configurations ({chassis: ChassisConfig}) from its steady states (and ``live``).

    ``split=False`` evaluates the whole pair as one component (slow; the tests' reference).
    """
    with _gc_paused():
        return _run(configs, live, placement, depth, clock, split)


def _run(configs, live, placement, depth, clock, split) -> Audit:
    if depth not in (1, 2):
        raise InputError("depth must be 1 or 2, not %r" % (depth,))
    t0 = clock()
    design = Design(configs, split)
    placed = _check_placement(design, placement)
    starts = starting_states(design, live, placed)
    folded, matrix = Findings(), Matrix()
    scenarios: List[Scenario] = []
    deep: Dict[str, Scenario] = {}
    counts = {"starting_states": len(starts), "components": len(design.components), "depth1": 0,
              "depth2_pairs": 0, "depth2_evaluated": 0}
    t1 = clock()
    singles = []
    for start in starts:
        worlds = {c.index: world_of(project(c, start.state)) for c in design.components}
        known = {c.index: baseline(c, worlds[c.index].state) for c in design.components}
        listed = failures(design, start.state)
        cache: Dict[Tuple[int, str], Applied] = {}
        for failure in listed:
            scenario = Scenario("%s/%s" % (start.id, failure.id), start.id, (failure,))
            steady = failure.kind == "steady"
            indexes = [c.index for c in design.components] if steady else sorted(failure.parts)
            for index in indexes:
                comp = design.components[index]
                steps = []
                if not steady:
                    applied = cache[(index, failure.id)] = _apply(design, comp, worlds[index], failure, cache)
                    steps = [applied]
                part = evaluate(comp, worlds[index], steps, steady)
                scenario.parts.append(part)
                hits = check_part(comp, part, known[index], steady)
                for hit in hits:
                    folded.add(hit, scenario.id, 0 if steady else 1)
                    scenario.findings.append(hit.rule_id)
                hit_sets = {h.set_id for h in hits}
                for outcome in part.sets:
                    matrix.add(start.id, start.state, failure, scenario.id, outcome, outcome.set_id in hit_sets)
            scenarios.append(scenario)
        counts["depth1"] += len(listed) - 1
        singles.append((start, worlds, known, listed, cache))
    t2 = clock()
    for hit, evidence in judge(design, starts, scenarios, matrix, placed):
        for scenario_id in evidence:
            folded.add(hit, scenario_id, 1)
    if depth == 2:
        for start, worlds, known, listed, cache in singles:
            _depth2(design, start, worlds, known, listed, cache, folded, deep, counts)
    t3 = clock()
    return Audit(design, depth, starts, scenarios, list(deep.values()), folded.result(), matrix, counts,
                 {"prepare": t1 - t0, "depth1": t2 - t1, "depth2": t3 - t2 if depth == 2 else 0.0, "total": t3 - t0},
                 placed)


def _apply(design: Design, comp, world, failure: Failure, cache) -> Applied:
    """``failure`` on one component; a forced request reuses its unforced twin when nothing was refused
    (force only changes what would otherwise be refused, docs/srd-semantics.md sections 3.2 and 3.3)."""
    if failure.kind == "trigger" and failure.force:
        twin = cache.get((comp.index, failure.id.replace(",force)", ")")))
        if twin is not None and not any(t.refused for t in twin.touches):
            return twin
    return apply(design, comp, world, failure.parts[comp.index])


def _depth2(design: Design, start: Start, worlds, known, listed, cache, folded: Findings, deep: Dict[str, Scenario],
            counts: Dict[str, int]) -> None:
    chosen = [f for f in listed if f.kind in FAILURE_KINDS]
    counts["depth2_pairs"] += len(chosen) * (len(chosen) - 1)
    for comp in design.components:
        here = [f for f in chosen if comp.index in f.parts]
        counts["depth2_evaluated"] += len(here) * (len(here) - 1)
        for first in here:
            applied = cache[(comp.index, first.id)]
            for second in here:
                if second is first:
                    continue
                after = apply(design, comp, applied.world, second.parts[comp.index])
                part = evaluate(comp, worlds[comp.index], [applied, after])
                hits = check_part(comp, part, known[comp.index])
                if not hits:
                    continue
                sid = "%s/%s+%s" % (start.id, first.id, second.id)
                scenario = deep.get(sid)
                if scenario is None:
                    scenario = deep[sid] = Scenario(sid, start.id, (first, second))
                scenario.parts.append(part)
                for hit in hits:
                    folded.add(hit, sid, 2)
                    scenario.findings.append(hit.rule_id)
