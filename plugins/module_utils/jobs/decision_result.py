# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An engine Decision as the plain data ``simulate`` and ``primary_role`` return.

Why one place: both plugins report the same prediction (verdict, state after, signal routes, VRRP,
trace, what force overrode), and ``primary_role`` compares it with what the devices then show, so
the two must use one shape. States use the facts shape of ``srd.live.facts`` (the shape ``simulate``
takes), so a result's ``after`` can be fed back in as ``state``.
"""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.result import Decision, action_to_dict
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import pair_state_to_facts, routes_to_facts


def vrrp_to_dict(change) -> dict:
    interface, unit, address, group = (tuple(change.key) + (None,) * 4)[:4]
    return {"chassis": change.chassis, "interface": interface, "unit": unit, "address": address,
            "group": change.group, "priority_before": change.before, "priority_after": change.after}


def signal_routes_to_dict(decision: Decision) -> dict:
    """Per chassis of the pair (both always present): routes added and removed, net."""
    out = {}
    for name in sorted(decision.before.chassis):
        change = decision.signal_routes.get(name)
        out[name] = {"added": routes_to_facts(change.added) if change else [],
                     "removed": routes_to_facts(change.removed) if change else []}
    return out


def reason_text(rule_id: str, reason: str) -> str:
    return "%s (%s)" % (reason, rule_id)


def decision_to_result(decision: Decision) -> dict:
    """Everything a user needs to judge an action, as plain data."""
    return {
        "action": action_to_dict(decision.action),
        "allowed": decision.allowed,
        "rule_id": decision.rule_id,
        "reason": reason_text(decision.rule_id, decision.reason),
        "before": pair_state_to_facts(decision.before),
        "after": pair_state_to_facts(decision.after),
        "state_changed": decision.changed,
        "switchovers": [s.to_dict() for s in decision.switchovers],
        "signal_routes": signal_routes_to_dict(decision),
        "vrrp": [vrrp_to_dict(v) for v in decision.vrrp],
        "advertisement": [a.to_dict() for a in decision.advertisement],
        "sync_roles": [s.to_dict() for s in decision.sync_roles],
        "overridden": [o.to_dict() for o in decision.overridden],
        "peer_messages": [m.to_dict() for m in decision.peer_messages],
        "outcomes": [o.to_dict() for o in decision.outcomes],
        "steps": [s.to_dict() for s in decision.steps],
        "consistency_warnings": [w.to_dict() for w in decision.warnings],
    }
