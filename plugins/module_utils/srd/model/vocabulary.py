# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Keyword spellings: what users may write, and the Junos keyword it means.

Junos (to 24.4R1) spells the actions and peer events with ``mastership``; the
documentation prose now says "primary role".  Input accepts both (and the
short forms ``acquire``/``release``...); output and the device get the Junos
keyword.  Spaces and underscores are read as hyphens, case is ignored, so the
seed's "release-primary role-force" is understood too.
"""

from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import MastershipAction, PeerEvent

_A = MastershipAction
_P = PeerEvent

ACTION_SPELLINGS: dict[str, MastershipAction] = {
    "acquire-mastership": _A.ACQUIRE,
    "acquire-primary-role": _A.ACQUIRE,
    "acquire": _A.ACQUIRE,
    "release-mastership": _A.RELEASE,
    "release-primary-role": _A.RELEASE,
    "release": _A.RELEASE,
    "release-mastership-force": _A.RELEASE_FORCE,
    "release-primary-role-force": _A.RELEASE_FORCE,
    "release-force": _A.RELEASE_FORCE,
    "release-mastership-if-standby-clear": _A.RELEASE_IF_STANDBY_CLEAR,
    "release-primary-role-if-standby-clear": _A.RELEASE_IF_STANDBY_CLEAR,
    "release-if-standby-clear": _A.RELEASE_IF_STANDBY_CLEAR,
    "broadcast-warning": _A.BROADCAST_WARNING,
    "warning": _A.BROADCAST_WARNING,
}

PEER_EVENT_SPELLINGS: dict[str, PeerEvent] = {
    "mastership-acquire": _P.MASTERSHIP_ACQUIRE,
    "primary-role-acquire": _P.MASTERSHIP_ACQUIRE,
    "acquire": _P.MASTERSHIP_ACQUIRE,
    "mastership-release": _P.MASTERSHIP_RELEASE,
    "primary-role-release": _P.MASTERSHIP_RELEASE,
    "release": _P.MASTERSHIP_RELEASE,
}

PROCESS_ROUTING_SPELLINGS = {"restart": "restart", "abort": "abort"}

PRIMARY_ROLE_WORDING: dict[str, str] = {
    _A.ACQUIRE.value: "acquire-primary-role",
    _A.RELEASE.value: "release-primary-role",
    _A.RELEASE_FORCE.value: "release-primary-role-force",
    _A.RELEASE_IF_STANDBY_CLEAR.value: "release-primary-role-if-standby-clear",
    _A.BROADCAST_WARNING.value: "broadcast-warning",
    _P.MASTERSHIP_ACQUIRE.value: "primary-role-acquire",
    _P.MASTERSHIP_RELEASE.value: "primary-role-release",
}
"""The documentation's wording of each Junos keyword, for messages."""


def normalize_word(value: str) -> str:
    return "-".join(str(value).strip().lower().replace("_", " ").replace("-", " ").split())


def action(value) -> MastershipAction | None:
    """The Junos action for any accepted spelling, or None if not understood."""
    if isinstance(value, MastershipAction):
        return value
    return ACTION_SPELLINGS.get(normalize_word(value))


def peer_event(value) -> PeerEvent | None:
    """The Junos peer event for any accepted spelling, or None if not understood."""
    if isinstance(value, PeerEvent):
        return value
    return PEER_EVENT_SPELLINGS.get(normalize_word(value))


def accepted_actions() -> list[str]:
    return sorted(ACTION_SPELLINGS)


def accepted_peer_events() -> list[str]:
    return sorted(PEER_EVENT_SPELLINGS)
