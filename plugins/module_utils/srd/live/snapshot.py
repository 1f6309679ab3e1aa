# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SRD state of both chassis at one moment (a snapshot), and what changed between two of them.

Why: a switchover, a drain or a restore must say what it changed, what it was expected to change, and what
changed that nobody asked for. A snapshot holds, per chassis, what the device reports: srd running, ICCP up,
each set's role, peer connection and health, the pair's signal routes (with their age) and the VRRP groups
(state and priority, where the device answers). :func:`expected_changes` turns the engine's prediction into
the facts that must change; :func:`diff` judges every fact of two snapshots against it. Nothing passes by
default: a fact expected to change that did not, and one that changed unexpectedly, both fail the diff.

Also here, beside the replies of ``srd.live.replies``: the VRRP reply and the age of the signal routes.
Junos documents no time of the last role change in ``show services redundancy-group`` (its output fields are
ICCP connection, group, set ids, states, status, health, failed interfaces, service sets), so the age of the
set's signal route on its primary stands for it: srd adds that route when the chassis takes the role, and
``show route`` gives each route's age (``rt-entry/age/@junos:seconds``, the field PyEZ's RouteTable reads).

Pure: replies in, plain data out. Element names are searched anywhere in a reply, as in ``replies``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import vrrp_priorities
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import PairConfig
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import (
    PairState, RouteKey, instance_of_table, route_key,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import LiveState, namespace_free

__all__ = [
    "SCHEMA", "VERSION", "VrrpStatus", "vrrp_request", "parse_vrrp", "route_ages", "ages_by_route", "route_text", "chassis_snapshot",
    "snapshot", "facts", "expected_changes", "predict", "Change", "Diff", "diff", "role_age",
]

SCHEMA = "mxha.srd/srd-snapshot"
VERSION = 1

AS_EXPECTED = "as expected"
UNEXPECTED = "unexpected"
NOT_DONE = "did not happen"


# ---------------------------------------------------------------- VRRP and route ages


@dataclass(frozen=True)
class VrrpStatus:
    """One VRRP group as ``show vrrp detail`` reports it (names from Junos' published YANG, vrrp-interface)."""

    interface: str
    group: int
    state: Optional[str]
    current_priority: Optional[int] = None
    configured_priority: Optional[int] = None
    address: Optional[str] = None

    @property
    def label(self) -> str:
        return "VRRP %s group %d" % (self.interface, self.group)


def vrrp_request() -> ET.Element:
    """``show vrrp detail``: state and current priority of every group (get-vrrp-information, level detail)."""
    rpc = ET.Element("get-vrrp-information")
    ET.SubElement(rpc, "detail")
    return rpc


def _first_text(elem: ET.Element, *names: str) -> Optional[str]:
    for name in names:
        for node in elem.iter(name):
            text = " ".join((node.text or "").split())
            if text:
                return text
    return None


def _number(text: Optional[str]) -> Optional[int]:
    try:
        return int(str(text).strip()) if text is not None else None
    except ValueError:
        return None


def parse_vrrp(reply) -> Tuple[VrrpStatus, ...]:
    """``get-vrrp-information`` reply -> every group (records without an interface or a group are skipped)."""
    root = namespace_free(reply)
    out = []
    for record in root.iter("vrrp-interface"):
        interface = _first_text(record, "interface")
        group = _number(_first_text(record, "group"))
        if not interface or group is None:
            continue
        state = _first_text(record, "vrrp-state")
        out.append(VrrpStatus(interface, group, state.lower() if state else None,
                              _number(_first_text(record, "current-priority")),
                              _number(_first_text(record, "configured-priority")),
                              _first_text(record, "local-interface-address")))
    return tuple(sorted(out, key=lambda v: (v.group, v.interface)))


def route_ages(reply) -> Dict[Tuple[str, Optional[str]], int]:
    """``get-route-information`` reply -> {(prefix, table): age in seconds} of the routes that say their age."""
    root = namespace_free(reply)
    out: Dict[Tuple[str, Optional[str]], int] = {}
    for table in root.iter("route-table"):
        name = _first_text(table, "table-name")
        for rt in table.iter("rt"):
            dest = " ".join((rt.findtext("rt-destination") or "").split())
            if not dest:
                continue
            if "/" not in dest:
                length = " ".join((rt.findtext("rt-prefix-length") or "").split())
                dest = "%s/%s" % (dest, length or "32")
            for age in rt.iter("age"):
                seconds = next((v for k, v in age.attrib.items() if k.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
                                == "seconds"), None)
                if _number(seconds) is not None:
                    out.setdefault((dest, name), _number(seconds))
                    break
    return out


def route_text(route: RouteKey) -> str:
    return "%s (%s)" % route


def ages_by_route(ages: Mapping) -> Dict[RouteKey, int]:
    """{(prefix, table): seconds} -> {route key: seconds}, IPv4 tables only (``HA.inet.0`` is instance HA)."""
    out: Dict[RouteKey, int] = {}
    for (prefix, table), seconds in ages.items():
        instance = instance_of_table(table) if table else None
        if instance is not None:
            out.setdefault(route_key(prefix, instance), seconds)
    return out


# ---------------------------------------------------------------- snapshots


def chassis_snapshot(live: LiveState, wanted_routes: Iterable[RouteKey], ages: Optional[Mapping] = None,
                     vrrp: Optional[Tuple[VrrpStatus, ...]] = None, vrrp_error: Optional[str] = None) -> dict:
    """One chassis' part of a snapshot, as plain data (JSON-ready, keys as strings)."""
    wanted = frozenset(wanted_routes)
    present = live.signal_routes(wanted) if live.routes is not None else None
    by_route = ages_by_route(ages or {})
    sets = {}
    for set_id, status in sorted(live.sets.items()):
        sets[str(set_id)] = {"role": str(status.local_state) if status.local_state else status.local_state_text,
                             "peer_role": str(status.peer_state) if status.peer_state else status.peer_state_text,
                             "peer_connected": status.peer_connected, "health": status.health,
                             "failed_interfaces": list(status.failed_interfaces)}
    out = {
        "daemon": "enabled" if live.daemon_running else "disabled",
        "iccp": {"up": live.iccp.up if live.iccp is not None else None},
        "redundancy_sets": sets,
        "signal_routes": None if present is None else {
            route_text(r): {"age_seconds": by_route.get(r)} for r in sorted(present)},
        "vrrp": None if vrrp is None else {
            v.label: {"state": v.state, "priority": v.current_priority, "configured_priority": v.configured_priority,
                      "address": v.address} for v in vrrp},
        "problems": list(live.problems),
    }
    if vrrp is None:
        out["vrrp_note"] = "not read" if vrrp_error is None else "not readable: %s" % vrrp_error
    return out


def snapshot(pair: str, phase: str, job: str, taken: str, chassis: Mapping[str, dict],
             watched_routes: Optional[Mapping[str, Iterable[RouteKey]]] = None) -> dict:
    """Both chassis' parts, with what a reader needs to tell snapshots apart."""
    return {"schema": SCHEMA, "version": VERSION, "pair": pair, "job": job, "phase": phase, "taken": taken,
            "watched_routes": {n: [route_text(r) for r in sorted(rs)] for n, rs in sorted((watched_routes or {}).items())},
            "chassis": {name: chassis[name] for name in sorted(chassis)}}


def role_age(part: Mapping, routes: Iterable[RouteKey]) -> Optional[int]:
    """How long (s) the chassis has held a set's role: the youngest age of the set's signal routes it shows."""
    shown = part.get("signal_routes") or {}
    ages = [shown[route_text(r)]["age_seconds"] for r in routes
            if route_text(r) in shown and shown[route_text(r)].get("age_seconds") is not None]
    return min(ages) if ages else None


# ---------------------------------------------------------------- facts, expectations, diff


def facts(snap: Mapping, routes: Optional[Mapping[str, Iterable[str]]] = None) -> Dict[Tuple[str, str], object]:
    """Every fact of a snapshot a change is judged on, keyed (chassis, what). Route ages are not facts."""
    out: Dict[Tuple[str, str], object] = {}
    watched = routes if routes is not None else snap.get("watched_routes") or {}
    for name, part in sorted((snap.get("chassis") or {}).items()):
        out[(name, "srd")] = "running" if part.get("daemon") == "enabled" else "not running"
        up = (part.get("iccp") or {}).get("up")
        out[(name, "ICCP")] = "not read" if up is None else ("up" if up else "down")
        for set_id, item in sorted((part.get("redundancy_sets") or {}).items(), key=lambda kv: int(kv[0])):
            out[(name, "set %s role" % set_id)] = item.get("role")
            connected = item.get("peer_connected")
            out[(name, "set %s peer" % set_id)] = "not read" if connected is None else (
                "connected" if connected else "not connected")
            out[(name, "set %s health" % set_id)] = item.get("health") or "not read"
        shown = part.get("signal_routes")
        if shown is not None:
            for text in sorted(set(watched.get(name, ())) | set(shown)):
                out[(name, "signal route %s" % text)] = "present" if text in shown else "absent"
        for label, group in sorted((part.get("vrrp") or {}).items()):
            out[(name, "%s state" % label)] = group.get("state")
            out[(name, "%s priority" % label)] = group.get("priority")
    return out


def _vrrp_labels(pair: PairConfig, name: str) -> Dict[tuple, str]:
    """The model's VRRP group keys -> the labels a snapshot uses (``VRRP IFD.UNIT group G``)."""
    return {key: "VRRP %s.%s group %d" % (key[0], key[1], key[3]) for key in pair.chassis[name].config.vrrp_groups}


def expected_changes(pair: PairConfig, before: PairState, after: PairState, pre: Mapping) -> Tuple[dict, List[str]]:
    """The facts the engine's prediction changes: roles, signal routes, VRRP priorities and states.

    VRRP states follow the priorities (higher wins, a tie to the higher address, a group whose interface is
    down stays ``init``), judged only for groups whose state before follows that rule (a group that does not,
    preempt off for instance, is left unjudged with a note). Returns (facts, notes).
    """
    want: dict = {}
    notes: List[str] = []
    for name in pair.names:
        for set_id in sorted(set(before[name].roles) | set(after[name].roles)):
            if before.role(name, set_id) is not after.role(name, set_id):
                want[(name, "set %d role" % set_id)] = str(after.role(name, set_id))
        for route in sorted(before[name].signal_routes ^ after[name].signal_routes):
            want[(name, "signal route %s" % route_text(route))] = "present" if route in after[name].signal_routes \
                else "absent"
    old, new = vrrp_priorities(pair, before), vrrp_priorities(pair, after)
    groups: Dict[int, Dict[str, Tuple[str, Optional[int]]]] = {}
    parts = pre.get("chassis") or {}
    for name in pair.names:
        live = (parts.get(name) or {}).get("vrrp")
        if live is None:
            continue
        labels = _vrrp_labels(pair, name)
        priorities = {label: (live.get(label) or {}).get("priority") for label in live}
        for (chassis, key), prio in new.items():
            if chassis != name or key not in labels or labels[key] not in live:
                continue
            if old[(chassis, key)].effective != prio.effective:
                want[(name, "%s priority" % labels[key])] = prio.effective
                priorities[labels[key]] = prio.effective
        for label, group in live.items():
            number = int(label.rsplit(" ", 1)[1])
            groups.setdefault(number, {})[name] = (label, priorities.get(label))
    for number, members in sorted(groups.items()):
        if len(members) != 2:
            continue
        (a, (la, pa_new)), (b, (lb, pb_new)) = sorted(members.items())
        ga, gb = parts[a]["vrrp"][la], parts[b]["vrrp"][lb]
        if ga.get("state") == "init" or gb.get("state") == "init":
            continue
        if _vrrp_winner(ga.get("priority"), ga.get("address"), gb.get("priority"), gb.get("address")) != (
                ga.get("state"), gb.get("state")):
            notes.append("VRRP group %d: the states before do not follow the priorities (preempt off?); its state "
                         "is not judged" % number)
            continue
        states = _vrrp_winner(pa_new, ga.get("address"), pb_new, gb.get("address"))
        for name, label, state, old_state in ((a, la, states[0], ga.get("state")), (b, lb, states[1], gb.get("state"))):
            if state != old_state:
                want[(name, "%s state" % label)] = state
    return want, notes


def _address(text) -> tuple:
    try:
        return tuple(int(p) for p in str(text).split("/", maxsplit=1)[0].split("."))
    except ValueError:
        return ()


def _vrrp_winner(pa, aa, pb, ab) -> Tuple[str, str]:
    if pa is None or pb is None:
        return ("?", "?")
    a_wins = (pa, _address(aa)) > (pb, _address(ab))
    return ("master", "backup") if a_wins else ("backup", "master")


def predict(pre: Mapping, want: Mapping, phase: str = "predicted") -> dict:
    """The snapshot ``pre`` would become if exactly the ``want`` facts changed (check mode's prediction)."""
    import copy

    out = copy.deepcopy(dict(pre))
    out["phase"] = phase
    for (name, what), value in want.items():
        part = out["chassis"][name]
        words = what.split(" ")
        if words[0] == "set" and words[2] == "role":
            part["redundancy_sets"].setdefault(words[1], {})["role"] = value
        elif words[0] == "signal" and part.get("signal_routes") is not None:
            text = what[len("signal route "):]
            if value == "present":
                part["signal_routes"][text] = {"age_seconds": 0}
            else:
                part["signal_routes"].pop(text, None)
        elif words[0] == "VRRP" and part.get("vrrp") is not None:
            label, key = what.rsplit(" ", 1)
            part["vrrp"].setdefault(label, {})["state" if key == "state" else "priority"] = value
    for name, part in out["chassis"].items():   # the peer's view of each set follows the other chassis' role
        other = next((n for n in out["chassis"] if n != name), None)
        for set_id, item in part["redundancy_sets"].items():
            theirs = (out["chassis"].get(other) or {}).get("redundancy_sets", {}).get(set_id)
            if theirs is not None and item.get("peer_connected"):
                item["peer_role"] = theirs.get("role")
    return out


@dataclass(frozen=True)
class Change:
    chassis: str
    what: str
    before: object
    after: object
    expected: object
    verdict: str

    @property
    def ok(self) -> bool:
        return self.verdict == AS_EXPECTED

    def line(self) -> str:
        if self.verdict == AS_EXPECTED:
            return "%s %s: %s -> %s (as expected)" % (self.chassis, self.what, self.before, self.after)
        if self.verdict == NOT_DONE:
            return "NOT DONE %s %s: still %s, expected %s" % (self.chassis, self.what, self.after, self.expected)
        want = "no change" if self.expected == self.before else "expected %s" % (self.expected,)
        return "UNEXPECTED %s %s: %s -> %s (%s)" % (self.chassis, self.what, self.before, self.after, want)

    def to_dict(self) -> dict:
        return {"chassis": self.chassis, "what": self.what, "before": self.before, "after": self.after,
                "expected": self.expected, "verdict": self.verdict}


@dataclass
class Diff:
    """Every fact that changed or was expected to, each with a verdict."""

    changes: List[Change] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.changes)

    def count(self, verdict: str) -> int:
        return sum(1 for c in self.changes if c.verdict == verdict)

    def summary(self) -> str:
        return "%d change%s as expected, %d expected that did not happen, %d unexpected" % (
            self.count(AS_EXPECTED), "" if self.count(AS_EXPECTED) == 1 else "s", self.count(NOT_DONE),
            self.count(UNEXPECTED))

    def lines(self) -> List[str]:
        out = ["diff: %s" % self.summary()]
        out += ["  %s" % c.line() for c in self.changes]
        out += ["  note: %s" % n for n in self.notes]
        return out

    def to_dict(self) -> dict:
        return {"ok": self.ok, "summary": self.summary(), "changes": [c.to_dict() for c in self.changes],
                "notes": list(self.notes)}


def diff(pre: Mapping, post: Mapping, want: Mapping, notes: Iterable[str] = ()) -> Diff:
    """Judge every fact of ``post`` against ``pre`` and the expected changes ``want`` ((chassis, what) -> value).

    A fact that is in only one snapshot counts as ``None`` in the other (a set that appeared, a VRRP group no
    longer reported). VRRP facts are judged only when both snapshots read VRRP on that chassis.
    """
    watched = {n: set(pre.get("watched_routes", {}).get(n, ())) | set(post.get("watched_routes", {}).get(n, ()))
               for n in set(pre.get("chassis") or {}) | set(post.get("chassis") or {})}
    before, after = facts(pre, watched), facts(post, watched)
    out = Diff(notes=list(notes))
    skipped = set()
    for name in sorted(watched):
        if ((pre.get("chassis") or {}).get(name) or {}).get("vrrp") is None or \
                ((post.get("chassis") or {}).get(name) or {}).get("vrrp") is None:
            skipped.add(name)
            out.notes.append("%s: VRRP not compared (not readable in both snapshots)" % name)
    for key in sorted(set(before) | set(after) | set(want), key=lambda k: (k[0], _order(k[1]))):
        if key[1].startswith("VRRP ") and key[0] in skipped:
            continue
        old, new = before.get(key), after.get(key)
        expected = want.get(key, old)
        if old == new == expected:
            continue
        if new == expected:
            verdict = AS_EXPECTED
        elif new == old:
            verdict = NOT_DONE
        else:
            verdict = UNEXPECTED
        out.changes.append(Change(key[0], key[1], old, new, expected, verdict))
    return out


def _order(what: str) -> tuple:
    rank = {"srd": 0, "ICCP": 1, "set": 2, "signal": 3, "VRRP": 4}.get(what.split(" ", 1)[0], 5)
    return (rank, what)
