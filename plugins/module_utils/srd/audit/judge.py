# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The checks that look at the whole single-failure audit rather than at one scenario.

- ``AUDIT-NO-MANUAL-MOVE``: from "set primary on X", no request (forced or not) makes the other
  chassis primary; ``engine.plan.plan_primary`` says why.
- ``AUDIT-ASYMMETRY``: the set's policies and monitors differ between the chassis, or the same
  class of failure ends differently depending on which chassis is primary.
- ``AUDIT-GW2-DISABLE``: a set placed (or found live) on gateway 2 stays there when srd is
  deactivated on it (S20).
- ``AUDIT-PLACEMENT-UNRECOVERABLE``: once a placed set is on the other chassis, no single failure
  or request brings it back.
"""
from __future__ import annotations

from collections import Counter
from typing import Dict, Iterator, List, Mapping, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.design import Design
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.findings import ERROR, Hit
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.matrix import Matrix
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.outcome import primaries, route_text
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.scenarios import project
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.plan import plan_primary
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import route_key

__all__ = ["judge", "behaviour"]

Evidence = Tuple[Hit, List[str]]
_MAX = 20


def judge(design: Design, starts, scenarios, matrix: Matrix, placement: Mapping[int, str]) -> Iterator[Evidence]:
    """Every design-level hit with the scenarios that show it."""
    by_start = {start.id: start for start in starts}
    index: Dict[Tuple[str, int], List[Tuple[object, object, str]]] = {}
    for scenario in scenarios:
        for outcome in scenario.sets:
            index.setdefault((scenario.start, outcome.set_id), []).append((scenario.failures[0], outcome, scenario.id))
    yield from _manual_moves(design, by_start, index)
    yield from _asymmetry(design, matrix)
    yield from _gateway2(design, by_start, index, placement)
    yield from _placement(design, index, placement)


def _both(design: Design, sid: int) -> bool:
    return all(sid in design.pair.chassis[n].set_ids for n in design.names)


def _manual_moves(design: Design, starts, index) -> Iterator[Evidence]:
    for sid in design.set_ids:
        if not _both(design, sid):
            continue
        missing = []
        for source in design.names:
            target = design.pair.peer_of(source)
            start_id = "primary:%s" % source
            rows = [(f, o, s) for f, o, s in index.get((start_id, sid), []) if f.kind == "trigger"]
            if any(o.after == target for unused, o, unused2 in rows):
                continue
            comp = design.component_of[sid]
            plan = plan_primary(comp.pair, project(comp, starts[start_id].state), sid, target, True)
            evidence = [s for unused, unused2, s in rows][:_MAX] or ["%s/steady" % start_id]
            missing.append((source, target, plan, evidence))
        for source, target, plan, evidence in missing:
            hit = Hit("AUDIT-NO-MANUAL-MOVE", sid, target,
                      "no request moves set %d from %s to %s, forced or not: %s (%s)" % (
                          sid, source, target, plan.reason, plan.rule_id),
                      cause="%s->%s" % (source, target), severity=ERROR if len(missing) == 2 else None)
            yield hit, evidence


def behaviour(config, sid: int) -> Counter:
    """What a chassis does for a set, policy by policy, in words that do not name interfaces."""
    out: Counter = Counter()
    for policy in config.policies_of_set(sid):
        links, monitors = 0, []
        for name in policy.events:
            event = config.redundancy_events.get(name)
            if event is None:
                monitors.append("undefined event")
                continue
            links += len(event.link_down)
            monitors += ["rpd restart"] * event.process_routing_restart + ["rpd abort"] * event.process_routing_abort
            monitors += ["peer %s" % event.peer] if event.peer is not None else []
            monitors += ["request"] if event.is_bare else []
        if links:
            monitors.append("link-down of %d interface%s" % (links, "" if links == 1 else "s"))
        routes = []
        if policy.add_signal_route is not None:
            r = policy.add_signal_route
            routes.append("adds %s" % route_text(route_key(r.prefix, r.routing_instance)))
        if policy.delete_signal_route is not None:
            r = policy.delete_signal_route
            routes.append("deletes %s" % route_text(route_key(r.prefix, r.routing_instance)))
        out["%s on %s%s" % (policy.action or "no primary-role action", ", ".join(sorted(monitors)) or "no event",
                            "; " + ", ".join(routes) if routes else "")] += 1
    return out


def _asymmetry(design: Design, matrix: Matrix) -> Iterator[Evidence]:
    a, b = design.names
    for sid in design.set_ids:
        if not _both(design, sid):
            continue
        mine, theirs = behaviour(design.configs[a], sid), behaviour(design.configs[b], sid)
        differences = ["only on %s: %s" % (name, line) for name, diff in ((a, mine - theirs), (b, theirs - mine))
                       for line in sorted(diff)]
        evidence, classes = [], []
        for column, unused, label in matrix.used_columns():
            if column.startswith("srd-disable") or column == "steady":
                continue   # gateway 1 and 2 differ by design (S19, S20); AUDIT-GW2-DISABLE covers it
            left, right = matrix.cell("primary:%s" % a, sid, column), matrix.cell("primary:%s" % b, sid, column)
            shape = [frozenset(c.counts) if c else frozenset() for c in (left, right)]
            if shape[0] != shape[1]:
                classes.append("%s: %s when %s is primary, %s when %s is" % (
                    label, "/".join(sorted(shape[0])) or "nothing", a, "/".join(sorted(shape[1])) or "nothing", b))
                evidence += [s for c in (left, right) if c for s in c.scenarios[:3]]
        if not differences and not classes:
            continue
        if not evidence:
            evidence = ["primary:%s/steady" % a, "primary:%s/steady" % b]
        if len(classes) > 3:
            classes = classes[:3] + ["%d more classes of failure differ (see the matrix)" % (len(classes) - 3)]
        yield Hit("AUDIT-ASYMMETRY", sid, None, "set %d: %s" % (sid, "; ".join(differences + classes))), evidence[:_MAX]


def _gateway2(design: Design, starts, index, placement: Mapping[int, str]) -> Iterator[Evidence]:
    if not design.gateway:
        return
    gw2 = [name for name, number in design.gateway.items() if number == 2][0]
    live = starts.get("live")
    for sid in design.set_ids:
        why = None
        if placement.get(sid) == gw2:
            why = "placed on gateway 2 (%s)" % gw2
        elif live is not None and primaries(live.state, sid) == [gw2]:
            why = "primary on gateway 2 (%s) in the live state" % gw2
        if why is None:
            continue
        for failure, outcome, scenario in index.get(("primary:%s" % gw2, sid), []):
            if failure.kind == "srd-disable" and failure.chassis == gw2 and outcome.after == gw2:
                yield Hit("AUDIT-GW2-DISABLE", sid, gw2, "set %d is %s: deactivating srd there leaves it primary "
                          "there, with srd deaf to every event (%s)" % (sid, why, outcome.rule_id)), [scenario]


def _placement(design: Design, index, placement: Mapping[int, str]) -> Iterator[Evidence]:
    for sid, home in sorted(placement.items()):
        away = design.pair.peer_of(home)
        if not _both(design, sid):
            continue
        rows = index.get(("primary:%s" % away, sid), [])
        if any(o.after == home for unused, o, unused2 in rows):
            continue
        yield Hit("AUDIT-PLACEMENT-UNRECOVERABLE", sid, home, "set %d is placed on %s; once it is primary on %s, "
                  "none of the %d single failures and requests acting on it brings it back" % (
                      sid, home, away, len(rows))), [s for unused, unused2, s in rows][:_MAX] or [
                          "primary:%s/steady" % away]
