# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Drift of an SRD pair: what the two chassis hold against what the pair intent says.

Pure (no device, no Ansible): models in, findings out, so the drift check and the deploy's
health gate judge a pair the same way, and both can be tested without a router.

Three kinds of finding:

- ``config``: per chassis and resource, each statement that is missing on the device, present
  but not in the intent, or different (path, device value, intent value);
- ``symmetry``: what differs between the two chassis beyond what must differ (ICCP addresses,
  data addresses and VRRP groups are mirrored by design) and beyond what the intent itself makes
  different (interfaces behind aliases, ``only_on``), plus the pair rules the two device
  configurations break and the intent does not (``PAIR-*``);
- ``operational``: from the live state of both chassis: srd not running, ICCP down, a set with
  no primary or two, a set a chassis does not report, a standby not ready (wait/warned), a signal
  route present where the role says it must not be or absent where it must;
- ``placement`` (role drift): a set the intent places on one chassis (``redundancy_sets[].primary``)
  that is primary on the other, with how long that chassis has held the role where the device says so
  (the age of its signal route). Configuration drift and role drift are different repairs: a deploy
  mends the first, a restore (or a deploy with ``place_roles``) the second.

Rendering (JSON by path, JUnit XML, a text table) lives in :mod:`drift_render`.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Mapping, Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import ADDED, REMOVED, between_chassis, diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import order_mismatches
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.placement import route_mends
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import (
    ChassisState, PairState, RoleState, route_key,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    RESOURCES, ChassisConfig, keep_virtual_addresses,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.rules import RANGES
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import MASK, Secret
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_from_dict
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.validate import validate_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import type_name

CONFIG = "config"
SYMMETRY = "symmetry"
OPERATIONAL = "operational"
PLACEMENT = "placement"
KINDS = (CONFIG, SYMMETRY, OPERATIONAL, PLACEMENT)

ERROR = "error"
WARNING = "warning"

# diff(device -> intent): what the change would do, said from the device's side.
MISSING = "missing"        # in the intent, not on the device
UNEXPECTED = "unexpected"  # on the device, not in the intent
DIFFERS = "differs"
_WORDING = {ADDED: MISSING, REMOVED: UNEXPECTED}

# Placeholder for an ICCP key the device holds but a read shows masked and the module found different.
_OTHER_KEY = Secret("\x00a key other than the intent's")


@dataclass(frozen=True)
class Finding:
    """One difference or surprise; ``chassis`` names the chassis concerned (both for the pair)."""

    kind: str
    path: str
    change: str
    message: str
    chassis: tuple[str, ...] = ()
    resource: Optional[str] = None
    device: object = None
    intent: object = None
    severity: str = ERROR

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "path": self.path, "change": self.change, "message": self.message,
               "severity": self.severity, "chassis": list(self.chassis)}
        if self.resource:
            out["resource"] = self.resource
        if self.kind == CONFIG:
            out["device"] = self.device
            out["intent"] = self.intent
        elif self.kind == SYMMETRY and self.device is not None:
            out["values"] = self.device
        elif self.kind == PLACEMENT and isinstance(self.device, Mapping):
            out.update(primary=self.device.get("primary"), intended=self.intent,
                       role_age_seconds=self.device.get("role_age_seconds"))
        return out


@dataclass
class DriftReport:
    """Everything the drift check found for one pair."""

    pair: str
    chassis: tuple[str, ...]
    config: dict = field(default_factory=dict)          # chassis -> resource -> [Finding]
    unread: dict = field(default_factory=dict)          # chassis -> why its configuration was not read
    symmetry: Optional[list] = None                     # None: not checked (a chassis was not read)
    operational: Optional[list] = None                  # None: not checked (switched off)
    live: dict = field(default_factory=dict)            # chassis -> one line of its live state
    notes: list = field(default_factory=list)
    placement: Optional[list] = None                    # None: not checked (no placement, or no live state)
    placed: list = field(default_factory=list)          # one row per placed set: set, intended, primary, age

    def findings(self, kind: Optional[str] = None) -> list[Finding]:
        out: list[Finding] = []
        if kind in (None, CONFIG):
            for name in self.chassis:
                for resource in RESOURCES:
                    out.extend(self.config.get(name, {}).get(resource, []))
        if kind in (None, SYMMETRY):
            out.extend(self.symmetry or [])
        if kind in (None, OPERATIONAL):
            out.extend(self.operational or [])
        if kind in (None, PLACEMENT):
            out.extend(self.placement or [])
        return out

    def errors(self, kind: Optional[str] = None) -> list[Finding]:
        return [f for f in self.findings(kind) if f.severity == ERROR]

    @property
    def drift(self) -> bool:
        """Anything to report: a difference, a surprise, or a chassis that could not be read."""
        return bool(self.findings() or self.unread)

    def counts(self) -> dict:
        return {"config": len(self.findings(CONFIG)), "symmetry": len(self.findings(SYMMETRY)),
                "operational": len(self.findings(OPERATIONAL)), "placement": len(self.findings(PLACEMENT)),
                "unread": len(self.unread)}


# ---------------------------------------------------------------------------------------- reading


def _strip_keys(data: dict) -> tuple[dict, bool]:
    """The device dict without masked ICCP keys (a read shows them as the mask); whether any was there."""
    iccp = data.get("iccp")
    if not isinstance(iccp, Mapping):
        return data, False
    found = False
    iccp = dict(iccp)
    if iccp.get("authentication_key") is not None:
        found = iccp.pop("authentication_key") is not None
    if not isinstance(iccp.get("peers"), (list, tuple)):
        return dict(data, iccp=iccp), found     # no peers, or peers the reader will report
    peers = []
    for peer in iccp["peers"]:
        if isinstance(peer, Mapping) and peer.get("authentication_key") is not None:
            peer = {key: value for key, value in peer.items() if key != "authentication_key"}
            found = True
        peers.append(peer)
    iccp["peers"] = peers
    return dict(data, iccp=iccp), found


def device_model(data, intent: ChassisConfig, key_differs: Optional[bool] = None) -> ChassisConfig:
    """The device's SRD model from a read (``gathered`` or ``before`` of mxha.srd.redundancy_config).

    A read masks the ICCP key, so its value cannot be compared here: ``key_differs`` is the verdict
    of the module, which compares it on the device's ``$9$`` form (None: unknown, taken as equal).
    Only the global key is placed back; per-peer keys stay out of the comparison.
    """
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InputError("the device configuration must be a mapping of SRD resources, got %s" % type_name(data))
    stripped, had_key = _strip_keys(dict(data))
    model, issues = chassis_from_dict(stripped)
    bad = [v for v in issues if v.is_error]
    if bad:
        raise InputError("the device configuration could not be read: %s" % "; ".join(str(v) for v in bad[:5]))
    if had_key and model.iccp is not None:
        want = intent.iccp.authentication_key if intent.iccp is not None else None
        key = _OTHER_KEY if key_differs or want is None else want
        model = model.replace(iccp=dataclasses.replace(model.iccp, authentication_key=key))
    return model


def key_verdict(changes) -> Optional[bool]:
    """Whether a module's ``changes`` say the ICCP key differs (None when no changes were given)."""
    if changes is None:
        return None
    for change in changes:
        path = str(change.get("path", ""))
        if path == "iccp" or path.endswith("authentication_key"):
            return True
    return False


# ---------------------------------------------------------------------------------------- config


def _only_intended_instances(device: ChassisConfig, intent: ChassisConfig) -> ChassisConfig:
    """Routing instances are only ever added (other configuration lives in them): extras are no drift."""
    keep = {k: v for k, v in device.routing_instances.items() if k in intent.routing_instances}
    return device.replace(routing_instances=keep)


def junos_default(path: str) -> Optional[str]:
    """What Junos uses when the statement at ``path`` is not configured (the YANG default of
    ``model.rules.RANGES``), with its unit: ``redundancy_sets[id=1].hold_time`` -> ``30 s``; None if unknown."""
    rng = RANGES.get(re.sub(r"\[[^\]]*\]", "", path or ""))
    if rng is None or rng.default is None:
        return None
    return "%d%s" % (rng.default, (" " + rng.unit) if rng.unit else "")


def _unset(path: str, where: str) -> str:
    default = junos_default(path)
    return "%s leaves it unset%s" % (where, " (Junos then uses %s)" % default if default else "")


def _message(change, kind: str) -> str:
    if kind == MISSING:
        return "%s is in the intent but not on the device" % change.path
    if kind == UNEXPECTED:
        return "%s is on the device but not in the intent" % change.path
    if "authentication_key" in change.path:
        return "%s differs from the intent (values not shown)" % change.path
    if change.after is None:
        return "%s is %r on the device; the %s" % (change.path, change.before, _unset(change.path, "intent"))
    if change.before is None:
        return "%s is %r in the intent; the %s" % (change.path, change.after, _unset(change.path, "device"))
    return "%s is %r on the device, %r in the intent" % (change.path, change.before, change.after)


def config_findings(name: str, device: ChassisConfig, intent: ChassisConfig) -> dict[str, list[Finding]]:
    """Per resource, what differs between the device and the intent (every resource present). A VRRP
    group's virtual addresses are add-only: one the intent gives and the device lacks is drift, one the
    device has beyond the intent's is not."""
    out: dict[str, list[Finding]] = {resource: [] for resource in RESOURCES}
    for change in diff(_only_intended_instances(device, intent), keep_virtual_addresses(device, intent)).changes:
        kind = _WORDING.get(change.kind, DIFFERS)
        out[change.resource].append(Finding(
            CONFIG, change.path, kind, _message(change, kind), (name,), change.resource,
            device=change.before if change.kind != ADDED else None,
            intent=change.after if change.kind != REMOVED else None))
    return out


# ---------------------------------------------------------------------------------------- symmetry


def _unordered(value):
    """A value with its lists sorted: the diff ignores leaf-list order, so must a signature of its changes."""
    if isinstance(value, (list, tuple)):
        return sorted((_unordered(item) for item in value), key=repr)
    if isinstance(value, dict):
        return {key: _unordered(item) for key, item in value.items()}
    return value


def _signature(change) -> tuple:
    return (change.kind, change.path, repr(_unordered(change.before)), repr(_unordered(change.after)))


def symmetry_findings(devices: Mapping[str, ChassisConfig], intent: Optional[Mapping[str, ChassisConfig]] = None
                      ) -> list[Finding]:
    """What differs between the two chassis and should not, and the pair rules they break together.

    Mirrored parts (ICCP and data addresses, VRRP groups) never count; with the intent given, neither
    does a difference the intent itself makes (interfaces behind an alias, ``only_on`` entries).
    """
    (name_a, config_a), (name_b, config_b) = sorted(devices.items())
    expected: set = set()
    intended_rules: set = set()
    if intent is not None and set(intent) == set(devices):
        expected = {_signature(c) for c in between_chassis(name_a, intent[name_a], name_b, intent[name_b]).changes}
        intended_rules = {(v.path, v.rule) for v in validate_pair(name_a, intent[name_a], name_b, intent[name_b]).violations}
    out = []
    for change in between_chassis(name_a, config_a, name_b, config_b).changes:
        if _signature(change) in expected:
            continue
        values = {name_a: change.before, name_b: change.after}
        if change.kind == ADDED:
            message = "%s is on %s but not on %s" % (change.path, name_b, name_a)
        elif change.kind == REMOVED:
            message = "%s is on %s but not on %s" % (change.path, name_a, name_b)
        elif "authentication_key" in change.path:
            message = "%s differs between %s and %s (values not shown)" % (change.path, name_a, name_b)
        else:
            message = "%s is %r on %s, %r on %s" % (change.path, change.before, name_a, change.after, name_b)
        out.append(Finding(SYMMETRY, change.path, DIFFERS, message, (name_a, name_b), change.resource,
                           device=values))
    if not config_a.is_empty() or not config_b.is_empty():
        for violation in validate_pair(name_a, config_a, name_b, config_b).violations:
            if violation.is_error and (violation.path, violation.rule) not in intended_rules:
                out.append(Finding(SYMMETRY, violation.path or "pair", violation.rule, violation.message,
                                   tuple(violation.chassis) or (name_a, name_b)))
    return out


# ---------------------------------------------------------------------------------------- operational


def _facts(value) -> Optional[Mapping]:
    """Accept a registered redundancy_state result, its ansible_facts or the srd_state facts."""
    for _depth in range(3):
        if not isinstance(value, Mapping):
            return None
        if "redundancy_sets" in value or "daemon" in value:
            return value
        value = value.get("ansible_facts", value.get("srd_state"))
    return None


_NOT_READY = {RoleState.WAIT: "in wait (INITIALIZING)", RoleState.WARNED: "warned (STANDBY (WARNED))"}


def live_summary(facts) -> str:
    """One line of what a chassis reports: its role per set, ICCP, and the signal routes present."""
    found = _facts(facts)
    if found is None:
        return facts if isinstance(facts, str) else "not read"
    if str(found.get("daemon", "enabled")).lower() != "enabled":
        return "srd not running"
    roles = ", ".join("set %s %s" % (k, v) for k, v in sorted((found.get("redundancy_sets") or {}).items(),
                                                              key=lambda kv: str(kv[0]).zfill(4)))
    iccp = {True: "ICCP up", False: "ICCP down", None: "ICCP not read"}[_iccp_up(found)]
    routes = ", ".join("%s (%s)" % rk for rk in sorted(_routes(found))) or "none"
    return "%s; %s; signal routes: %s" % (roles or "no redundancy set", iccp, routes)


def _role(text) -> Optional[RoleState]:
    try:
        return RoleState(str(text).strip().lower())
    except ValueError:
        return None


def _iccp_up(facts: Mapping) -> Optional[bool]:
    iccp = (facts.get("details") or {}).get("iccp")
    if not isinstance(iccp, Mapping):
        return None
    return bool(iccp.get("up"))


def _routes(facts: Mapping) -> frozenset:
    out = set()
    for item in facts.get("signal_routes") or []:
        if isinstance(item, Mapping) and item.get("prefix"):
            out.add(route_key(str(item["prefix"]), item.get("routing_instance") or None))
    return frozenset(out)


def operational_findings(intent: Mapping[str, ChassisConfig], states: Mapping[str, object]) -> list[Finding]:
    """Surprises in the live state of both chassis, judged against the intended configuration.

    ``states`` maps each chassis to its ``srd_state`` facts (mxha.srd.redundancy_state), or to a
    string saying why it could not be read.
    """
    names = tuple(sorted(intent))
    out: list[Finding] = []
    facts: dict[str, Mapping] = {}
    for name in names:
        value = states.get(name)
        found = _facts(value)
        if found is None:
            why = value if isinstance(value, str) and value else "no state was read"
            out.append(Finding(OPERATIONAL, "chassis", "state-unread", "%s: live state not read: %s" % (name, why),
                               (name,)))
            continue
        facts[name] = found
        if str(found.get("daemon", "enabled")).lower() != "enabled":
            out.append(Finding(OPERATIONAL, "daemon", "srd-not-running",
                               "%s: the services redundancy daemon is not running" % name, (name,)))
            continue
        if _iccp_up(found) is False:
            out.append(Finding(OPERATIONAL, "iccp", "iccp-down", "%s: ICCP to the peer is not up" % name, (name,)))
    set_ids = sorted({s for config in intent.values() for s in config.redundancy_sets})
    roles: dict[str, dict[int, Optional[RoleState]]] = {}
    for name, found in facts.items():
        reported = {}
        for key, text in (found.get("redundancy_sets") or {}).items():
            try:
                reported[int(str(key))] = _role(text)
            except ValueError:
                continue
        roles[name] = reported
    for set_id in set_ids:
        path = "redundancy_sets[id=%d]" % set_id
        holders = [n for n in names if set_id in intent[n].redundancy_sets]
        if any(n not in facts for n in holders):
            continue  # already reported: unread, or srd not running there
        running = [n for n in holders if str(facts[n].get("daemon", "enabled")).lower() == "enabled"]
        for name in running:
            if set_id not in roles[name]:
                out.append(Finding(OPERATIONAL, path, "set-not-reported",
                                   "%s does not report redundancy set %d" % (name, set_id), (name,)))
            elif roles[name][set_id] in (RoleState.WAIT, RoleState.WARNED):
                out.append(Finding(OPERATIONAL, path, "standby-not-ready",
                                   "%s is %s for redundancy set %d: a switchover to it would be refused"
                                   % (name, _NOT_READY[roles[name][set_id]], set_id), (name,), severity=WARNING))
        primaries = [n for n in running if roles[n].get(set_id) is RoleState.PRIMARY]
        if len(primaries) > 1:
            out.append(Finding(OPERATIONAL, path, "two-primaries",
                               "redundancy set %d is primary on both chassis" % set_id, tuple(primaries)))
        elif not primaries and len(running) == len(holders) and all(set_id in roles[n] for n in running):
            out.append(Finding(OPERATIONAL, path, "no-primary",
                               "redundancy set %d has no primary" % set_id, tuple(running)))
    out.extend(_route_findings(intent, facts, roles))
    return out


def _route_findings(intent, facts, roles) -> list[Finding]:
    """Signal routes against the roles (present on the primary only), where both chassis were read."""
    if len(facts) != 2 or len(intent) != 2:
        return []
    pair = compile_pair(dict(intent))
    state = PairState({name: ChassisState(str(facts[name].get("daemon", "enabled")).lower() == "enabled",
                                          {s: r for s, r in roles[name].items() if r is not None},
                                          _routes(facts[name]))
                       for name in pair.names})
    mends = {(m.chassis, m.redundancy_set, m.route): m for m in route_mends(pair, state)}
    out = []
    for mismatch in order_mismatches(pair, state):
        path = "redundancy_sets[id=%d].signal_route" % mismatch.redundancy_set
        text = mismatch.text
        mend = mends.get((mismatch.chassis, mismatch.redundancy_set, mismatch.route))
        if mend is not None:
            text += mend_advice(mend)
        out.append(Finding(OPERATIONAL, path, "signal-route", text, (mismatch.chassis,)))
    return out


def mend_advice(mend) -> str:
    """What to do about a primary without its signal route (srd adds it only when the acquire policy runs)."""
    if not mend.possible:
        return (". srd adds a set's signal route only when its acquire policy runs, and %s; move set %d to the other "
                "chassis and back to run it" % (mend.reason, mend.redundancy_set))
    return (". srd adds a set's signal route only when its acquire policy runs (the route changed, or went, while "
            "%s held the role): run it again there without moving the role: %s (the engine allows it: %s)"
            % (mend.chassis, mend.command(), mend.decision.rule_id))


# ---------------------------------------------------------------------------------------- placement


def age_text(seconds: Optional[int]) -> str:
    """``4000`` -> ``1 h 6 min``: how long ago, as an operator reads it."""
    if seconds is None:
        return "unknown"
    seconds = max(int(seconds), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return "%d d %d h" % (days, hours)
    if hours:
        return "%d h %d min" % (hours, minutes)
    if minutes:
        return "%d min %d s" % (minutes, secs)
    return "%d s" % secs


def _role_age(ages: Optional[Mapping], routes) -> Optional[int]:
    """The youngest age (s) of the routes a chassis shows, from {route key: seconds}."""
    if not ages:
        return None
    found = [ages[r] for r in routes if ages.get(r) is not None]
    return min(found) if found else None


def placement_findings(intent: Mapping[str, ChassisConfig], placement: Mapping[int, str], states: Mapping[str, object],
                       ages: Optional[Mapping[str, Mapping]] = None) -> tuple[list[Finding], list[dict]]:
    """Role drift: each placed set primary on the other chassis than the intent's, per set.

    ``ages`` maps each chassis to ``{signal route key: age in seconds}`` as its ``show route`` says; the
    age of the set's signal route on its primary is how long ago that chassis took the role. A set with no
    primary, two, or a chassis not read is the operational check's finding, not judged here. Returns the
    findings and one row per placed set (for the table).
    """
    pair = compile_pair(dict(intent))
    facts = {name: _facts(states.get(name)) for name in pair.names}
    out: list[Finding] = []
    rows: list[dict] = []
    for set_id, wanted in sorted(placement.items()):
        path = "redundancy_sets[id=%d].primary" % set_id
        row = {"set": set_id, "intended": wanted, "primary": None, "role_age_seconds": None, "status": "not judged"}
        rows.append(row)
        if wanted not in pair.chassis or any(f is None for f in facts.values()) or any(
                str(f.get("daemon", "enabled")).lower() != "enabled" for f in facts.values()):
            row["why"] = "both chassis' live state is needed (see the live state rows)"
            continue
        roles = {name: _role((facts[name].get("redundancy_sets") or {}).get(str(set_id))) for name in pair.names}
        primaries = [name for name, role in roles.items() if role is RoleState.PRIMARY]
        if len(primaries) != 1:
            row["why"] = "no single primary (see the live state rows)"
            continue
        actual = primaries[0]
        age = _role_age((ages or {}).get(actual), pair.chassis[actual].acquire_routes(set_id))
        row.update(primary=actual, role_age_seconds=age, status="in place" if actual == wanted else "role drift")
        if actual == wanted:
            continue
        since = ("%s has held the role for %s (the age of its signal route %s)" % (
            actual, age_text(age), ", ".join("%s (%s)" % r for r in pair.chassis[actual].acquire_routes(set_id)))
            if age is not None else "the device does not say since when (no signal route of the set with an age)")
        ready = roles.get(wanted)
        hint = ("mxha.srd.restore, or a deploy with place_roles, puts it back" if ready is RoleState.STANDBY else
                "a move back would be refused now: %s is %s for the set" % (wanted, _NOT_READY.get(ready, ready)))
        out.append(Finding(PLACEMENT, path, "misplaced", "redundancy set %d is primary on %s, the intent places it on "
                           "%s (role drift): %s; %s" % (set_id, actual, wanted, since, hint), (actual, wanted),
                           "redundancy_sets", device={"primary": actual, "role_age_seconds": age}, intent=wanted))
    return out, rows


# ---------------------------------------------------------------------------------------- the report


def check_pair(pair: str, intent: Mapping[str, ChassisConfig], devices: Mapping[str, object],
               states: Optional[Mapping[str, object]] = None, key_verdicts: Optional[Mapping] = None,
               checks=KINDS, placement: Optional[Mapping[int, str]] = None) -> DriftReport:
    """The drift report of one pair, from what earlier tasks read.

    ``devices`` maps each chassis to its read SRD configuration (a dict in the modules' format), or
    to a string saying why it could not be read; ``states`` (optional) to its live state facts.
    """
    models: dict[str, object] = {}
    if CONFIG in checks or SYMMETRY in checks:
        for name in sorted(intent):
            value = devices.get(name)
            if isinstance(value, str) or value is None:
                models[name] = value or "its configuration was not read"
                continue
            try:
                models[name] = device_model(value, intent[name], (key_verdicts or {}).get(name))
            except InputError as exc:
                models[name] = str(exc)
    report = judge_pair(pair, intent, models, states, checks, placement)
    read = [n for n, m in models.items() if isinstance(m, ChassisConfig)]
    if key_verdicts is None or any(key_verdicts.get(n) is None for n in read):
        if any(intent[n].iccp is not None and intent[n].iccp.authentication_key is not None for n in read):
            report.notes.append("The ICCP key was not compared (a read shows it masked); a wrong key shows as "
                                "ICCP down in the operational check.")
    return report


def judge_pair(pair: str, intent: Mapping[str, ChassisConfig], models: Mapping[str, object],
               states: Optional[Mapping[str, object]] = None, checks=KINDS,
               placement: Optional[Mapping[int, str]] = None, ages: Optional[Mapping[str, Mapping]] = None
               ) -> DriftReport:
    """The drift report of one pair from the device models themselves (a string: why not read).

    A model parsed from the device keeps the ICCP key in its ``$9$`` form, which compares equal to
    the intent's plaintext, so the key is judged too. ``placement`` (the intent's ``{set: chassis}``)
    and the live ``states`` make the placement check; ``ages`` give each chassis' signal route ages.
    """
    names = tuple(sorted(intent))
    report = DriftReport(pair, names)
    read: dict[str, ChassisConfig] = {}
    if CONFIG in checks or SYMMETRY in checks:
        for name in names:
            model = models.get(name)
            if not isinstance(model, ChassisConfig):
                report.unread[name] = str(model or "its configuration was not read")
                continue
            read[name] = model
            if CONFIG in checks:
                report.config[name] = config_findings(name, model, intent[name])
    if SYMMETRY in checks and len(read) == 2:
        report.symmetry = symmetry_findings(read, intent)
    if OPERATIONAL in checks and states is not None:
        report.operational = operational_findings(intent, states)
        report.live = {name: live_summary(states.get(name)) for name in names}
    if PLACEMENT in checks and states is not None and placement and len(intent) == 2:
        report.placement, report.placed = placement_findings(intent, placement, states, ages)
    return report


__all__ = ["CONFIG", "SYMMETRY", "OPERATIONAL", "PLACEMENT", "KINDS", "MISSING", "UNEXPECTED", "DIFFERS", "MASK",
           "Finding", "DriftReport", "device_model", "key_verdict", "config_findings", "symmetry_findings",
           "operational_findings", "placement_findings", "age_text", "live_summary", "check_pair", "judge_pair"]
