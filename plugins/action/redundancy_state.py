# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action of mxha.srd.redundancy_state: the module's reads, in the controller's worker, over the
persistent NETCONF connection (a health gate polls it; each poll then costs its RPCs, not a module
build and a Python start)."""
from __future__ import annotations

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

from ansible_collections.mxha.srd.plugins.module_utils.jobs.state_task import (
    ARGUMENT_SPEC, NOT_NETCONF, StateTaskFailed, run, wanted_routes,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import Transport, connection_sender
from ansible_collections.mxha.srd.plugins.plugin_utils.persistent_netconf import (
    netconf_socket, slow_polling_warning, task_args,
)


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        checked = ArgumentSpecValidator(ARGUMENT_SPEC).validate(task_args(self))
        if checked.error_messages:
            result.update(failed=True, msg="Invalid arguments for mxha.srd.redundancy_state: %s"
                          % "; ".join(checked.error_messages))
            return result
        params = checked.validated_parameters
        try:
            wanted = wanted_routes(params)
            socket_path = netconf_socket(self)
            if socket_path is None:
                raise StateTaskFailed(NOT_NETCONF)
            outcome = run(params, Transport(connection_sender(socket_path)), wanted)
        except StateTaskFailed as exc:
            result.update(exc.details, failed=True, msg=str(exc))
            return result
        warnings = list(outcome.pop("warnings") or [])
        slow = slow_polling_warning(self, task_vars or {})
        if slow:
            warnings.append(slow)
        if warnings:
            outcome["warnings"] = warnings
        result.update(outcome)
        return result
