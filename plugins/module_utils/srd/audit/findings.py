# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit's rules (stable ids, severity, source, fix hint) and the checks run on every scenario.

Why rules as data: a report, a JUnit file and docs/audit.md name the same ids, and each finding
carries the sentence of Juniper's page (or the reading) it stands on, so a reviewer can argue with
the source rather than with the tool. Checks that look at the whole audit (manual moves, the two
chassis' symmetry, srd deactivated on gateway 2, placement) are in ``judge``.

Severity: ``error`` (the design loses traffic or breaks a rule of the seed), ``warning`` (a
behaviour to know, or a double failure), ``info`` (a double failure no configuration avoids). A
finding that only depth 2 shows is at most a warning: it needs two failures at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.design import Component
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.outcome import Part, primaries, route_text, vrrp_winner
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import PairState

__all__ = ["ERROR", "WARNING", "INFO", "SEVERITIES", "AuditRule", "RULES", "Hit", "Finding", "Findings",
           "check_part", "baseline"]

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
MAX_EVIDENCE = 20


@dataclass(frozen=True)
class AuditRule:
    id: str
    severity: str
    title: str
    source: str
    hint: str


_S1 = '"Only one services PIC in a redundancy pair, the current primary, receives traffic to be serviced."'
_S13 = '"The order of routing priorities must match the order of services primary role."'
_RULES = (
    AuditRule("AUDIT-BLACKHOLE", ERROR, "A failure leaves a set primary on the chassis whose monitored link failed",
              "seed: %s; \"The SRD monitors conditions, and performs a switchover when an event occurs.\"" % _S1,
              "List the link in an event of a release policy of the set; where srd refuses the release, see the rule "
              "in the finding."),
    AuditRule("AUDIT-PRIMARY-COUNT", ERROR, "A redundancy set ends up with no primary or with two",
              "seed: \"At a given time, a particular redundancy set can be active on only one gateway\"",
              "Two primaries is a split brain: restore ICCP, then release one side; with none, trigger an acquire on "
              "the chassis that should carry the set."),
    AuditRule("AUDIT-VRRP-ORDER", ERROR, "VRRP elects another chassis than the services primary",
              "seed: %s; VRRP route tracking \"dynamically changes the priority of the VRRP group\"" % _S13,
              "Make the priority-cost of the tracked signal route larger than the difference of the two configured "
              "priorities, and let each chassis' acquire policy add the route its release policies delete."),
    AuditRule("AUDIT-ADVERTISE-ORDER", ERROR, "A route advertised under if-route-exists does not follow the primary",
              "seed: \"Routing Policies - Policies that advertise routes based on the existence or non-existence of "
              "signal routes.\" and %s" % _S13,
              "Condition the export on the set's signal route: added by its acquire policy on each chassis, deleted "
              "by its release policies."),
    AuditRule("AUDIT-NO-MANUAL-MOVE", WARNING, "No manual request moves a set in one direction",
              "seed: \"You can also use a manual command to trigger a redundancy policy that releases or acquires "
              "primary role.\"; Juniper (J3): a request acts only through events of acquire or release policies "
              "attached to the set",
              "Add a bare event (no monitor) to the set's release policy on each chassis or to its acquire policy, "
              "so `request services redundancy-set id N trigger redundancy-event E` can move it."),
    AuditRule("AUDIT-ASYMMETRY", WARNING, "The two chassis monitor or act differently for a set",
              "seed: a redundancy set is \"assigned to one or more service sets on each MX Series chassis of the "
              "redundant pair\"; Juniper (stateful synchronization): the configuration must be identical on both "
              "chassis",
              "Give both chassis the same events (kind and number of monitored links) and policies for the set, or "
              "mean one-way redundancy (only_on) and accept what it gives up."),
    AuditRule("AUDIT-FLAP", ERROR, "One failure switches a set over and back",
              "seed: \"Services switch over to the standby.\"; engine reading R7 (a policy runs once per peer "
              "message and decision)",
              "A policy that releases on the peer's mastership-release (or acquires on its mastership-acquire) "
              "answers each move with the opposite move: acquire on mastership-release, release on "
              "mastership-acquire."),
    AuditRule("AUDIT-GW2-DISABLE", WARNING, "Deactivating srd on gateway 2 does not move the sets it carries",
              "seed: \"If gateway 2, the chassis that is configured with the higher IP address, is the primary "
              "chassis and you deactivate the services redundancy daemon on it, a switchover does not occur.\"",
              "Before deactivating srd on gateway 2 (maintenance), move its sets with a manual release "
              "(mxha.srd.primary_role), or place them on gateway 1."),
    AuditRule("AUDIT-PLACEMENT-UNRECOVERABLE", ERROR,
              "No single failure or request brings a set back to the chassis it is placed on",
              "Juniper (Next Gen services redundancy): one-way redundancy switches \"only from the original primary "
              "to the original standby\"; seed: the manual command acquires or releases the primary role",
              "Give the set an acquire policy with a bare event on the placed chassis, or a release policy with a "
              "bare event on the other chassis."),
)
RULES: Dict[str, AuditRule] = {rule.id: rule for rule in _RULES}

_MOVED = ("srd hands the primary role over without looking at the receiving chassis' links: only wait and warned "
          "stop a handover (S14, J1), and deactivating srd on gateway 1 moves its sets unconditionally (S19). No "
          "configuration prevents it; bring the failed link back first.")
_INHERENT = {
    "release.peer-wait": "Nothing overrides a peer in wait (S14; force overrides warnings only, R3): keep the "
                         "standby ready.",
    "release.no-peer": "The peer cannot take the role (ICCP down or its srd off): give ICCP a second path "
                       "(backup-liveness-detection) and keep srd running on both chassis.",
}
_HINTS = {
    "release.peer-warned": "Use release-mastership-force for the critical events (S15: \"the primary role release "
                           "succeeds even if the redundancy peer's state is warned\"), or clear the standby's warning.",
    "release.standby-not-clear": "release-mastership-if-standby-clear never releases to a warned standby; use "
                                 "release-mastership-force for critical events (S15).",
    "daemon.disabled": "srd is deactivated on the primary and acts on nothing (S20 leaves gateway 2 primary): "
                       "release its sets before deactivating srd.",
    "daemon.gw1-no-peer": "srd was deactivated on gateway 1 but gateway 2 could not take the set.",
    "warning.on-primary": "Only a warning policy watches this link, so its failure never moves the set: if the link "
                          "carries the set's traffic, list it in an event of a release policy.",
}


_KEPT = ("The chassis that is not primary keeps the set's signal route: its release policy must delete the very route "
         "its acquire policy adds, and must also run when the peer acquires (an event monitoring the peer's "
         "mastership-acquire, as in docs/examples/audit/clean-pair.yml).")
_MISSING = ("The primary lacks the set's signal route: its acquire policy must add it, and must run when it takes "
            "the role (an event monitoring the peer's mastership-release).")


@dataclass(frozen=True)
class Hit:
    """One rule seen in one scenario for one set."""

    rule_id: str
    set_id: int
    chassis: Optional[str]
    detail: str
    cause: str = ""
    severity: Optional[str] = None
    hint: Optional[str] = None


@dataclass
class Finding:
    rule_id: str
    severity: str
    redundancy_set: int
    chassis: Optional[str]
    message: str
    hint: str
    cause: str
    scenarios: List[str] = field(default_factory=list)
    count: int = 0
    depth: int = 2

    @property
    def title(self) -> str:
        return RULES[self.rule_id].title

    def to_dict(self) -> dict:
        return {"rule_id": self.rule_id, "severity": self.severity, "title": self.title,
                "redundancy_set": self.redundancy_set, "chassis": self.chassis, "message": self.message,
                "cause": self.cause or None, "hint": self.hint, "source": RULES[self.rule_id].source,
                "scenarios": list(self.scenarios), "scenario_count": self.count, "depth": self.depth}


class Findings:
    """Hits folded into findings: one per rule, set, chassis and cause, with the scenarios that show it."""

    def __init__(self) -> None:
        self._found: Dict[Tuple[str, int, Optional[str], str], Finding] = {}

    def add(self, hit: Hit, scenario: str, depth: int) -> None:
        key = (hit.rule_id, hit.set_id, hit.chassis, hit.cause)
        rule = RULES[hit.rule_id]
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = Finding(hit.rule_id, hit.severity or rule.severity, hit.set_id, hit.chassis,
                                               hit.detail, hit.hint or rule.hint, hit.cause)
        if depth < found.depth:
            found.depth, found.message = depth, hit.detail
        found.count += 1
        if len(found.scenarios) < MAX_EVIDENCE and scenario not in found.scenarios:
            found.scenarios.append(scenario)

    def result(self) -> List[Finding]:
        out = []
        for finding in self._found.values():
            if finding.depth > 1 and finding.severity == ERROR:
                finding.severity = WARNING
            out.append(finding)
        order = {sev: i for i, sev in enumerate(SEVERITIES)}
        return sorted(out, key=lambda f: (order[f.severity], list(RULES).index(f.rule_id), f.redundancy_set,
                                          f.chassis or "", f.cause))


# ------------------------------------------------------------------------------- per scenario


def _vrrp_mismatches(component: Component, state: PairState, groups) -> Set[tuple]:
    out = set()
    for group in groups:
        winner, unused = vrrp_winner(group, state)
        for sid in group.set_ids:
            prim = primaries(state, sid, component.pair.names)
            if len(prim) == 1 and winner != prim[0]:
                out.add(("vrrp", group.group, sid))
    return out


def _advert_mismatches(component: Component, state: PairState, adverts) -> Set[tuple]:
    out = set()
    for chassis, cond, route in adverts:
        present = route in state[chassis].signal_routes
        for sid in component.route_sets.get(route, ()):
            prim = primaries(state, sid, component.pair.names)
            if len(prim) == 1 and present != (prim[0] == chassis):
                out.add(("adv", chassis, cond, sid))
    return out


def baseline(component: Component, state: PairState) -> Set[tuple]:
    """The VRRP and advertisement mismatches of a starting state (reported once, by ``steady``)."""
    adverts = [(n, c.name, c.route) for n in component.pair.names for c in component.pair.chassis[n].conditions]
    return _vrrp_mismatches(component, state, component.vrrp) | _advert_mismatches(component, state, adverts)


def check_part(component: Component, part: Part, known: Set[tuple], steady: bool = False) -> List[Hit]:
    """The rules one scenario's result on a component breaks (``known``: the start's own mismatches)."""
    hits: List[Hit] = []
    final = part.final
    for s in part.sets:
        if s.outcome == "flaps":
            hits.append(Hit("AUDIT-FLAP", s.set_id, s.after, "set %d switched %d times in one failure and ended on "
                            "%s (%s)" % (s.set_id, s.moves, s.after, s.rule_id)))
        if len(s.roles) == 2 and (s.outcome == "lost" or (steady and len(primaries(final.state, s.set_id, component.pair.names)) != 1)):
            count = len(primaries(final.state, s.set_id, component.pair.names))
            hits.append(Hit("AUDIT-PRIMARY-COUNT", s.set_id, s.after, "set %d has %s (%s)" % (
                s.set_id, "two primaries: %s" % s.after if count == 2 else "no primary", ", ".join(
                    "%s %s" % kv for kv in sorted(s.roles.items())))))
        hits.extend(_blackhole(component, s, final, part.steps))
    groups = {g.group: g for g in component.vrrp}
    for group in part.vrrp:
        for sid in group.set_ids:
            prim = primaries(final.state, sid, component.pair.names)
            if len(prim) == 1 and any(name == prim[0] and iface in final.links_down(name)
                                      for name, iface in groups[group.group].interfaces):
                continue   # the primary's own VRRP link is down: AUDIT-BLACKHOLE tells that story
            if len(prim) == 1 and group.winner != prim[0] and (steady or ("vrrp", group.group, sid) not in known):
                prio = ", ".join("%s %d" % kv for kv in sorted(group.priorities.items()))
                routes = component.pair.chassis[group.winner].acquire_routes(sid) if group.winner else ()
                kept = any(r in final.state[group.winner].signal_routes for r in routes)
                hits.append(Hit("AUDIT-VRRP-ORDER", sid, group.winner, "VRRP group %d is won by %s (priorities %s) "
                                "while %s is primary for set %d%s" % (
                                    group.group, group.winner or "no chassis", prio, prim[0], sid,
                                    ": %s still holds the signal route" % group.winner if kept else ""),
                                cause="group %d" % group.group, hint=_KEPT if kept else None))
    for adv in part.advertisement:
        for sid in component.route_sets.get(adv.route, ()):
            prim = primaries(final.state, sid, component.pair.names)
            key = ("adv", adv.chassis, adv.condition, sid)
            if len(prim) == 1 and adv.after != (prim[0] == adv.chassis) and (steady or key not in known):
                what = "advertises" if adv.after else "does not advertise"
                hits.append(Hit("AUDIT-ADVERTISE-ORDER", sid, adv.chassis, "%s %s under condition %s (%s) while %s is "
                                "primary for set %d" % (adv.chassis, what, adv.condition, route_text(adv.route),
                                                        prim[0], sid), cause=adv.condition,
                                hint=_KEPT if adv.after else _MISSING))
    return hits


def _blackhole(component: Component, s, final, steps) -> List[Hit]:
    prim = primaries(final.state, s.set_id, component.pair.names)
    if len(prim) != 1:
        return []
    primary = prim[0]
    peer = component.pair.peer_of(primary)
    if final.state[peer].role(s.set_id) is None:
        return []
    watched = component.set_monitored.get((primary, s.set_id), frozenset())
    failed = final.links_down(primary) & watched
    if not failed or final.links_down(peer) & component.set_monitored.get((peer, s.set_id), frozenset()):
        return []
    onto, failing = None, []
    for index, applied in enumerate(steps):
        before = steps[index - 1].world.links_down(primary) if index else frozenset()
        mine = [t for t in applied.touches if t.set_id == s.set_id]
        fresh = bool((applied.world.links_down(primary) - before) & watched)
        if any(t.moved_to == primary for t in mine):
            onto = fresh
        if fresh:
            failing += mine
    where = "set %d ends primary on %s with %s down while %s is healthy" % (
        s.set_id, primary, ", ".join(sorted(failed)), peer)
    if onto is None:
        # It stayed: what srd did when the link failed says why.
        deciding = next((t for t in failing if t.refused), failing[0] if failing else None)
        cause = deciding.rule_id if deciding else s.rule_id
        text = "%s: %s (%s)" % (where, deciding.reason if deciding else s.reason, cause)
        severity = INFO if cause in _INHERENT else (WARNING if cause == "warning.on-primary" else None)
        return [Hit("AUDIT-BLACKHOLE", s.set_id, primary, text, cause, severity,
                    _INHERENT.get(cause) or _HINTS.get(cause))]
    text = "%s: it was moved there (%s)" % (where, s.rule_id)
    if onto:
        # The failure of that very link moved the set onto it: an acquire on link-down, the configuration's doing.
        return [Hit("AUDIT-BLACKHOLE", s.set_id, primary, text, "acquired on its own link failure", None,
                    "A link-down event of the set is listed in an acquire policy: move it to a release policy.")]
    # Moved there later by something else: srd does not look at the receiving chassis' links.
    return [Hit("AUDIT-BLACKHOLE", s.set_id, primary, text, "moved onto a failed link", INFO, _MOVED)]
