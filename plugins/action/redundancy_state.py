# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action of mxha.srd.redundancy_state: the module's reads, in the controller's worker, over the
persistent NETCONF connection (a health gate polls it; each poll then costs its RPCs, not a module
build and a Python start)."""
from __future__ import annotations

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

from ansible_collections.mxha.srd.plugins.module_utils.state_task import (
    ARGUMENT_SPEC, NOT_NETCONF, StateTaskFailed, run, wanted_routes,
)
from ansible_collections.mxha.srd.plugins.module_utils.transport import Transport, connection_sender


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        args = {k: v for k, v in self._task.args.items() if not k.startswith("_ansible_")}
        checked = ArgumentSpecValidator(ARGUMENT_SPEC).validate(args)
        if checked.error_messages:
            result.update(failed=True, msg="Invalid arguments for mxha.srd.redundancy_state: %s"
                          % "; ".join(checked.error_messages))
            return result
        params = checked.validated_parameters
        socket_path = getattr(self._connection, "socket_path", None)
        connection = (self._play_context.connection or "").split(".")[-1]
        try:
            wanted = wanted_routes(params)
            if connection != "netconf" or not socket_path:
                raise StateTaskFailed(NOT_NETCONF)
            # Ansible finds (and closes at the end of the play) the persistent connection a task used here.
            self._task.args["_ansible_socket"] = socket_path
            outcome = run(params, Transport(connection_sender(socket_path)), wanted)
        except StateTaskFailed as exc:
            result.update(exc.details, failed=True, msg=str(exc))
            return result
        warnings = outcome.pop("warnings")
        if warnings:
            outcome["warnings"] = warnings
        result.update(outcome)
        return result
