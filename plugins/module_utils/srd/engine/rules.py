# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stable rule ids of the SRD engine, each with the one sentence that defines it.

Why a registry: every decision and every trace step names the rule that produced it, callers
(playbooks, AWX users) match on these ids, and docs/srd-semantics.md lists the same ids. A
unit test checks that the two lists agree, so a rule cannot be added or renamed silently.
"""

from __future__ import annotations

from typing import Dict

__all__ = ["RULES", "rule_text"]

RULES: Dict[str, str] = {
    # requests and events
    "action.unknown-chassis": "The action names a chassis that is not one of the pair.",
    "daemon.disabled": "srd is not running on the chassis, so nothing there reacts to events or requests.",
    "manual.unknown-set": "The manual request names a redundancy set the chassis does not have.",
    "manual.not-bound": "The manual request does nothing: the event is not listed in an acquire or release policy attached to the named set.",
    "manual.skip-non-mastership": "A policy of the named set lists the event but neither acquires nor releases, so the manual request does not run it.",
    "event.no-policy": "No policy attached to a redundancy set reacts to the event; nothing changes.",
    "policy.unattached": "The policy lists the event but no redundancy set lists the policy, so it never runs.",
    "policy.routes-only": "The policy has no primary-role action; only its signal-route actions run.",
    # acquire
    "acquire.ok": "Acquire succeeds: the local chassis becomes primary and the peer, if primary, becomes standby.",
    "acquire.already-primary": "Acquire where the chassis is already primary changes no role.",
    "acquire.local-wait": "Acquire fails: the local state is wait.",
    "acquire.force-over-wait": "Acquire with force succeeds although the local state is wait.",
    "acquire.local-warned": "Acquire fails: the local chassis is warned (force overrides warnings).",
    "acquire.force-over-warned": "Acquire with force succeeds although the local chassis is warned.",
    "acquire.peer-daemon-disabled": "Acquire fails: the peer holds the primary role and its srd is not running, so it cannot hand over.",
    # release
    "release.ok": "Release succeeds: the peer is a ready standby and takes the primary role.",
    "release.not-primary": "Release where the chassis is not primary changes no role.",
    "release.peer-wait": "Release fails: the peer's state is wait (force overrides warnings only, not wait).",
    "release.peer-warned": "A plain release fails: the standby is warned.",
    "release.standby-not-clear": "release-mastership-if-standby-clear does not release: the standby has a warning.",
    "release.force-over-warned": "A forced release (release-mastership-force or force on the request) succeeds although the standby is warned.",
    "release.no-peer": "Release fails: no peer can take the role (the peer lacks the set or its srd is not running).",
    "state.dual-primary": "The given state has the set primary on both chassis; the engine refuses to act on it.",
    # warning
    "warning.raised": "broadcast-warning on a standby makes it warned (STANDBY (WARNED)).",
    "warning.already-warned": "broadcast-warning on a chassis that is already warned changes nothing.",
    "warning.on-primary": "broadcast-warning on the primary changes no role (only a standby can be warned).",
    "warning.while-wait": "broadcast-warning on a chassis in wait leaves it in wait (not ready outranks warned).",
    # effects, trace
    "route.add": "The policy adds its signal route (add-static-route).",
    "route.delete": "The policy deletes its signal route (delete-static-route).",
    "route.not-run": "The policy's primary-role action was refused, so its signal-route actions do not run.",
    "role.handover": "The primary role of the set moves from one chassis to the other.",
    "peer.message": "The peer receives mastership-release or mastership-acquire for the set from the chassis whose role changed.",
    "peer.no-policy": "The peer has no policy of that set reacting to the peer event.",
    "peer.daemon-disabled": "The peer's srd is not running, so it does not react to the peer event.",
    "peer.loop-guard": "The same policy already ran for a peer message of the same set on the same chassis in this decision; it does not run again.",
    # daemon
    "daemon.gw1-switchover": "srd disabled on gateway 1 (lower ICCP address): the sets it is primary for switch over to gateway 2.",
    "daemon.gw1-no-peer": "srd disabled on gateway 1, but gateway 2 cannot take the set (no set there or its srd is not running).",
    "daemon.gw2-no-switchover": "srd disabled on gateway 2 (higher ICCP address): no switchover occurs.",
    "daemon.not-primary": "srd disabled on a chassis that is primary for no set: no role changes.",
    "daemon.already-disabled": "srd is already disabled on the chassis; nothing changes.",
    "daemon.gateway-unknown": "Gateway 1 and 2 cannot be told apart (ICCP local addresses missing, not IPv4 or equal).",
    "daemon.enabled": "srd enabled again; roles stay as they are (the start-up election is not modelled).",
    "daemon.already-enabled": "srd is already running on the chassis; nothing changes.",
    "route.withdrawn-on-disable": "The chassis whose srd is disabled withdraws the signal routes its acquire policies added for the sets it hands over.",
    # consistency warnings
    "routing.order-mismatch": "A chassis' signal route disagrees with its role, so routing priorities do not follow the primary role.",
    # planning
    "plan.already-primary": "The chassis is already primary for the set; no trigger is needed.",
    "plan.trigger": "The first candidate trigger the engine allows is chosen.",
    "plan.no-candidate": "No release policy on the primary and no acquire policy on the target is attached to the set.",
    "plan.all-refused": "Every candidate trigger is refused; the first refusal is reported.",
}


def rule_text(rule_id: str) -> str:
    """The defining sentence of a rule (KeyError for an unknown id: a typo is a bug)."""
    return RULES[rule_id]
