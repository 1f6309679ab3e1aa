# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action behind every SRD resource module (plugins/action/<module>.py subclass it): runs the same
runner as the modules, in the controller's worker process, through the persistent NETCONF connection.

Why an action and not only the module: a module run costs an AnsiballZ build, a Python start and
the import of the domain package for every task (about twice what the device work costs); the
action does the same work without that, checks the arguments with the module's own argument spec
(built from its DOCUMENTATION) and names the task in the commit log. The module stays the
documented interface and works on its own too.
"""
from __future__ import annotations

import importlib

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase

from ansible_collections.mxha.srd.plugins.module_utils.resource.argspec import spec_from_doc
from ansible_collections.mxha.srd.plugins.module_utils.resource.docs import SHARED_DOC
from ansible_collections.mxha.srd.plugins.module_utils.resource.runner import (
    ARGSPEC_RULES, MODULES, OFFLINE, Request, RunFailed, run,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import Transport, connection_sender
from ansible_collections.mxha.srd.plugins.plugin_utils.persistent_netconf import (
    netconf_socket, slow_polling_warning, task_args,
)


class ResourceAction(ActionBase):
    """Base of the SRD resource modules' action plugins."""

    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}
        action = self._task.resolved_action or self._task.action
        name = action.split(".")[-1]
        if name not in MODULES:
            return dict(result, failed=True, msg="this action serves the SRD resource modules, not %s." % action)
        module = importlib.import_module("ansible_collections.mxha.srd.plugins.modules." + name)
        checked = ArgumentSpecValidator(spec_from_doc(module.DOCUMENTATION, SHARED_DOC), **ARGSPEC_RULES).validate(
            task_args(self))
        no_log_values = checked._no_log_values
        if checked.error_messages:
            return dict(result, failed=True, msg="Invalid arguments for %s: %s" % (
                action, "; ".join(checked.error_messages)))
        params = checked.validated_parameters
        if not params.get("comment"):
            params["comment"] = "mxha.srd.%s: %s" % (name, self._task.get_name())
        socket_path = netconf_socket(self)
        if params["state"] not in OFFLINE and socket_path is None:
            return dict(result, failed=True, msg="%s talks to the router over NETCONF: set ansible_connection="
                        "ansible.netcommon.netconf (state rendered and parsed work with any connection), not %s."
                        % (action, self._play_context.connection))

        def connect() -> Transport:
            return Transport(connection_sender(socket_path))

        req = Request.from_params(name, params, check_mode=bool(self._task.check_mode), diff_mode=bool(self._task.diff),
                                  host=task_vars.get("inventory_hostname", "the device"))
        try:
            outcome = run(req, connect)
        except RunFailed as exc:
            outcome = dict(exc.details, failed=True, msg=str(exc))
        slow = slow_polling_warning(self, task_vars) if params["state"] not in OFFLINE else None
        if slow:
            req.warnings.append(slow)
        if req.warnings:
            outcome["warnings"] = list(req.warnings)
        result.update(remove_values(outcome, no_log_values))
        return result
