# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What mxha.srd.redundancy_state does, shared by the module and its action plugin (which runs it in
the controller's worker, without an AnsiballZ build and a Python start per poll of a health gate)."""
from __future__ import annotations

from typing import Any, Mapping

from ansible_collections.mxha.srd.plugins.module_utils.netconf.live_reader import read_live
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import chassis_facts, route_from_input
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import NetconfError, RpcError, Transport

ARGUMENT_SPEC = {
    "routes": {"type": "bool", "default": True},
    "route_table": {"type": "str"},
    "signal_routes": {"type": "list", "elements": "raw"},
    "iccp": {"type": "bool", "default": True},
}

NOT_NETCONF = ("mxha.srd.redundancy_state reads the router over NETCONF: set "
               "ansible_connection=ansible.netcommon.netconf.")


class StateTaskFailed(Exception):
    """The task fails; ``details`` go into the result next to ``msg``."""

    def __init__(self, msg: str, **details: Any):
        super().__init__(msg)
        self.details = details


def wanted_routes(params: Mapping[str, Any]):
    """The signal routes to look for, checked before any RPC (None: report what is there)."""
    if params.get("signal_routes") is None:
        return None
    try:
        return [route_from_input(item, "signal_routes[%d]" % i) for i, item in enumerate(params["signal_routes"])]
    except InputError as exc:
        raise StateTaskFailed(str(exc)) from exc


def run(params: Mapping[str, Any], transport: Transport, wanted=None) -> dict:
    """Read the chassis (at most 3 RPCs) and return the task result; ``warnings`` holds the problems."""
    try:
        live = read_live(transport, iccp=params["iccp"], routes=params["routes"], route_table=params.get("route_table"))
    except RpcError as exc:
        raise StateTaskFailed(str(exc), rpc_errors=[e.as_dict() for e in exc.errors],
                              rpc_stats=transport.stats.as_dict()) from exc
    except NetconfError as exc:
        raise StateTaskFailed(str(exc), rpc_stats=transport.stats.as_dict()) from exc
    return {"changed": False, "ansible_facts": {"srd_state": chassis_facts(live, wanted)},
            "rpc_stats": transport.stats.as_dict(), "warnings": list(live.problems)}
