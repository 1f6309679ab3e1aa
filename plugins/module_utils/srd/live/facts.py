# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SRD state as plain data: what ``redundancy_state`` returns and ``simulate`` takes as ``state``.

Why one module: the shape is a contract between three plugins (facts out of one, state into the
others, ``after`` of a simulation back in as ``state``), so writing it and reading it back live
together, and the reader accepts every form a user can pipe in (a registered result, its
``ansible_facts``, ``hostvars[X].srd_state``, the engine's own ``to_dict``), with a sentence and a
path for anything it cannot take.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Mapping, Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import (
    ChassisState,
    PairState,
    RoleState,
    RouteKey,
    route_key,
    state_from_device,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import LiveState
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import type_name

__all__ = ["chassis_facts", "route_from_input", "pair_state_from_facts", "pair_state_to_facts", "routes_to_facts"]

DAEMON_WORDS = {"enabled": True, "running": True, "on": True, "up": True,
                "disabled": False, "not running": False, "off": False, "down": False, "stopped": False}
# What redundancy_state adds to a chassis' facts beyond the state simulate reads.
FACT_EXTRAS = ("peer", "details", "problems", "iccp", "redundancy_groups", "chassis")


def routes_to_facts(routes: Iterable[RouteKey]) -> List[dict]:
    return [{"prefix": p, "routing_instance": ri} for p, ri in sorted(routes)]


def chassis_facts(live: LiveState, wanted_routes: Optional[Iterable[RouteKey]] = None) -> dict:
    """The facts of one chassis: the state ``simulate`` reads, plus the details read."""
    facts = {
        "daemon": "enabled" if live.daemon_running else "disabled",
        "redundancy_sets": {str(i): str(r) for i, r in sorted(live.roles.items())},
        # None when not read: simulate then takes a primary's acquire routes as present
        "signal_routes": routes_to_facts(live.signal_routes(wanted_routes)) if live.routes is not None else None,
        "peer": {
            "redundancy_sets": {str(i): str(r) for i, r in sorted(live.peer_roles.items())},
            "connected": {str(i): s.peer_connected for i, s in sorted(live.sets.items())},
        },
        "details": {
            "daemon_message": live.daemon_message,
            "iccp_process_connection": live.iccp_process_connection,
            "redundancy_groups": [g.to_dict() for g in live.groups],
            "iccp": live.iccp.to_dict() if live.iccp is not None else None,
            "static_routes": [r.to_dict() for r in (live.routes or ()) if r.static],
        },
        "problems": list(live.problems),
    }
    return facts


def _unwrap(value):
    """Accept a registered redundancy_state result, its ansible_facts, or the srd_state facts."""
    for unused in range(3):
        if isinstance(value, Mapping) and "redundancy_sets" not in value and "roles" not in value:
            for key in ("ansible_facts", "srd_state"):
                if isinstance(value.get(key), Mapping):
                    value = value[key]
                    break
            else:
                return value
    return value


def _role(value, where: str) -> RoleState:
    try:
        return RoleState(str(value).strip().lower())
    except ValueError:
        pass
    try:
        return state_from_device(str(value))
    except ValueError:
        raise InputError("%s: %r is not a redundancy-set state; use primary, standby, wait or warned "
                         "(or the device's MASTER, STANDBY, INITIALIZING, STANDBY (WARNED))" % (where, value)) from None


def _daemon(data: Mapping, where: str) -> bool:
    if "daemon_enabled" in data:
        value = data["daemon_enabled"]
    else:
        value = data.get("daemon", "enabled")
    if isinstance(value, bool):
        return value
    word = " ".join(str(value).lower().split())
    if word in DAEMON_WORDS:
        return DAEMON_WORDS[word]
    raise InputError("%s.daemon: %r is neither enabled nor disabled" % (where, value))


def route_from_input(value, where: str) -> RouteKey:
    if isinstance(value, Mapping):
        prefix, instance = value.get("prefix"), value.get("routing_instance")
        if not prefix:
            raise InputError("%s: a signal route needs a prefix" % where)
        if not isinstance(prefix, str) or not isinstance(instance, (str, type(None))):
            raise InputError("%s: the prefix and the routing_instance of a signal route are strings, got %s and %s"
                             % (where, type_name(prefix), type_name(instance)))
        return route_key(prefix, instance or None)
    if isinstance(value, str):
        match = re.match(r"^\s*(\S+)\s*(?:\((\S+)\))?\s*$", value)
        if match:
            return route_key(match.group(1), match.group(2))
    raise InputError("%s: %r is not a signal route ({prefix, routing_instance} or 'PREFIX (INSTANCE)')" % (where, value))


def _set_id(key, where: str) -> int:
    try:
        set_id = int(str(key).strip())
    except ValueError:
        raise InputError("%s: %r is not a redundancy-set id" % (where, key)) from None
    return set_id


def pair_state_from_facts(data, pair, default_routes=True) -> PairState:
    """Read a pair state given per chassis in the facts shape (or the engine's ``to_dict`` shape).

    ``pair`` is the compiled pair (``engine.index.PairConfig``): it names the chassis, the sets each
    one must have a role for, and the acquire routes that stand for a primary's signal routes when
    a chassis gives no ``signal_routes`` (``default_routes``). Raises InputError with the path.
    """
    if not isinstance(data, Mapping):
        raise InputError("state must map each chassis to its state, got %s" % type_name(data))
    names = set(pair.chassis)
    given = {str(k) for k in data}
    if given != names:
        missing, extra = sorted(names - given), sorted(given - names)
        parts = []
        if missing:
            parts.append("missing %s" % ", ".join(missing))
        if extra:
            parts.append("not in the configuration: %s" % ", ".join(extra))
        raise InputError("state must give both chassis of the pair (%s): %s" % (", ".join(sorted(names)), "; ".join(parts)))
    chassis = {}
    for raw_name, raw in data.items():
        name = str(raw_name)
        where = "state.%s" % name
        value = _unwrap(raw)
        if not isinstance(value, Mapping):
            raise InputError("%s: expected a mapping with redundancy_sets and daemon, got %s" % (where, type_name(value)))
        known = ("redundancy_sets", "roles", "daemon", "daemon_enabled", "signal_routes") + FACT_EXTRAS
        unknown = sorted(str(k) for k in value if k not in known)
        if unknown:
            raise InputError("%s: unknown key(s) %s; known: redundancy_sets, daemon, signal_routes"
                             % (where, ", ".join(unknown)))
        sets = value.get("redundancy_sets", value.get("roles")) or {}
        if not isinstance(sets, Mapping):
            raise InputError("%s.redundancy_sets: expected a mapping {SET_ID: primary|standby|wait|warned}" % where)
        roles = {}
        for key, state in sets.items():
            set_id = _set_id(key, "%s.redundancy_sets" % where)
            roles[set_id] = _role(state, "%s.redundancy_sets.%s" % (where, set_id))
        idx = pair.chassis[name]
        missing_sets = sorted(idx.set_ids - set(roles))
        extra_sets = sorted(set(roles) - idx.set_ids)
        if missing_sets:
            raise InputError("%s: no state for redundancy set(s) %s, which the configuration of %s has"
                             % (where, ", ".join(map(str, missing_sets)), name))
        if extra_sets:
            raise InputError("%s: redundancy set(s) %s are not in the configuration of %s"
                             % (where, ", ".join(map(str, extra_sets)), name))
        routes = value.get("signal_routes")
        if routes is None and not default_routes:
            routes = []
        if routes is None:
            keys = {rk for s, r in roles.items() if r is RoleState.PRIMARY for rk in idx.acquire_routes(s)}
        elif isinstance(routes, (list, tuple)):
            keys = {route_from_input(r, "%s.signal_routes[%d]" % (where, i)) for i, r in enumerate(routes)}
        else:
            raise InputError("%s.signal_routes: expected a list of {prefix, routing_instance}" % where)
        chassis[name] = ChassisState(_daemon(value, where), roles, frozenset(keys))
    return PairState(chassis)


def pair_state_to_facts(state: PairState) -> dict:
    """The pair state in the shape :func:`pair_state_from_facts` reads (``after`` of simulate)."""
    return {name: {"daemon": "enabled" if cs.daemon_enabled else "disabled",
                   "redundancy_sets": {str(i): str(r) for i, r in sorted(cs.roles.items())},
                   "signal_routes": routes_to_facts(cs.signal_routes)}
            for name, cs in sorted(state.chassis.items())}
