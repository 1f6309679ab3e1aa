# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read a chassis' live SRD state through :class:`Transport`, in as few RPCs as possible.

Why separate from ``srd/live/replies.py``: that module is pure (replies in, data out); this one
decides which RPCs to spend. The budget, per chassis:

- ``get-services-redundancy-group-information <extensive/>``: every group and set with local and
  peer state, health, failed interfaces and service sets in one reply (1 RPC);
- ``get-inter-chassis-control-protocol-information``: the ICCP peers (1 RPC, optional);
- ``get-route-information <protocol>static</protocol>`` [``<table>``]: the signal routes, which srd
  adds as static routes; without a table, one reply covers every routing instance (1 RPC, optional).

A stopped srd makes the first RPC fail with an rpc-error: that is a state (daemon disabled), not
a failure.

Two variants of Junos are met without a failure, each costing RPCs only where it occurs:

- the verbosity argument's form is not documented (``replies.VERBOSITY_FORMS``): a chassis that
  answers ``<extensive/>`` with a syntax error is asked with ``<verbose>extensive</verbose>``, then
  with no argument; the form that worked is remembered for that session;
- a reply that holds none of the element names the parser knows, but elements it does not expect,
  is read again as CLI text (``<command format="text">``) and parsed by the documented labels.
"""
from __future__ import annotations

import weakref
from typing import Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import (
    EMPTY_ELEMENT,
    NAMES,
    VERBOSITY_FORMS,
    LiveState,
    command_request,
    daemon_not_running,
    iccp_request,
    live_state,
    redundancy_group_request,
    route_request,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.survey import survey
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcError, RpcErrorDetail, Transport

# The verbosity form each open session accepted (forgotten with the transport).
_FORMS: "weakref.WeakKeyDictionary[Transport, str]" = weakref.WeakKeyDictionary()

# error-tags a NETCONF server gives a request argument it does not take (RFC 6241 appendix A)
_ARGUMENT_TAGS = ("unknown-element", "bad-element", "invalid-value", "unknown-attribute", "missing-element")


def argument_refused(errors: list[RpcErrorDetail], sent: tuple[str, ...]) -> bool:
    """Whether an rpc-error refuses the request's arguments (not the request itself or the device state).

    Structured first: an ``error-tag`` of the argument kind, or ``bad-element`` naming an argument we
    sent; the wording "syntax error" (Junos' message for a request it cannot parse) as a fallback.
    """
    for error in errors:
        if error.tag in _ARGUMENT_TAGS or (error.element and error.element in sent):
            return True
        if "syntax error" in error.message.lower():
            return True
    return False


def groups_form(transport: Transport) -> Optional[str]:
    """The verbosity form this session's chassis accepted, None until one was tried."""
    return _FORMS.get(transport)


def _sent_names(request) -> tuple[str, ...]:
    names = []
    for node in request.iter():
        names.append(node.tag)
        if node.text and node.text.strip():
            names.append(node.text.strip())
    return tuple(names[1:])


def read_groups(transport: Transport, verbosity: str = "extensive", group: Optional[int] = None):
    """(reply, None) or (None, message) when srd is not running; other rpc-errors propagate.

    Tries the verbosity forms from the one this session last accepted; an argument refused moves on
    to the next form, anything else is final.
    """
    known = _FORMS.get(transport)
    forms = [known] if known else list(VERBOSITY_FORMS)
    last: Optional[RpcError] = None
    for form in forms:
        request = redundancy_group_request(verbosity, group, form)
        try:
            reply = transport.rpc(request)
        except RpcError as exc:
            messages = [e.message for e in exc.errors]
            if daemon_not_running(messages):
                return None, "; ".join(messages)
            if known is None and argument_refused(exc.errors, _sent_names(request)):
                last = exc
                continue
            raise
        if known is None:
            _FORMS[transport] = form
        return reply, None
    if last is None:  # pragma: no cover  # every form was tried or one answered
        raise ValueError("no verbosity form to try")
    raise last


def needs_text(reply) -> bool:
    """A groups reply none of whose set or group names the parser found, though it holds elements it
    does not expect: the names differ on this release, so the CLI text is the better source."""
    found = survey("groups", reply)
    keys = set(NAMES["set_local_state"]) | set(NAMES["group_id"])
    has_keys = any(node.tag.rsplit("}", 1)[-1] in keys for node in reply.iter())
    return not has_keys and bool(found["unexpected"])


def read_groups_text(transport: Transport, verbosity: str = "extensive") -> str:
    """``show services redundancy-group VERBOSITY`` as CLI text (one ``<command>`` RPC)."""
    reply = transport.rpc(command_request("show services redundancy-group %s" % verbosity))
    texts = [node.text or "" for node in reply.iter() if node.tag.rsplit("}", 1)[-1] == "output"]
    return "\n".join(texts) if texts else (reply.text or "")


def read_live(transport: Transport, iccp: bool = True, routes: bool = True,
              route_table: Optional[str] = None) -> LiveState:
    """One chassis' live state: 1 RPC, plus 1 for ICCP and 1 for routes when asked for."""
    groups, daemon_error = read_groups(transport)
    text = read_groups_text(transport) if groups is not None and needs_text(groups) else None
    iccp_reply = transport.rpc(iccp_request()) if iccp else None
    routes_reply = transport.rpc(route_request(route_table)) if routes else None
    return live_state(groups, iccp_reply, routes_reply, daemon_error, groups_text=text,
                      groups_form=groups_form(transport) if groups is not None else None)


__all__ = ["read_groups", "read_groups_text", "read_live", "needs_text", "groups_form", "argument_refused",
           "EMPTY_ELEMENT"]
