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
"""
from __future__ import annotations

from typing import Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import (
    LiveState,
    daemon_not_running,
    iccp_request,
    live_state,
    redundancy_group_request,
    route_request,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcError, Transport


def read_groups(transport: Transport):
    """(reply, None) or (None, message) when srd is not running; other rpc-errors propagate."""
    try:
        return transport.rpc(redundancy_group_request("extensive")), None
    except RpcError as exc:
        messages = [e.message for e in exc.errors]
        if daemon_not_running(messages):
            return None, "; ".join(messages)
        raise


def read_live(transport: Transport, iccp: bool = True, routes: bool = True,
              route_table: Optional[str] = None) -> LiveState:
    """One chassis' live state: 1 RPC, plus 1 for ICCP and 1 for routes when asked for."""
    groups, daemon_error = read_groups(transport)
    iccp_reply = transport.rpc(iccp_request()) if iccp else None
    routes_reply = transport.rpc(route_request(route_table)) if routes else None
    return live_state(groups, iccp_reply, routes_reply, daemon_error)
