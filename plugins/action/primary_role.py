# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.primary_role: make a chassis primary for redundancy set(s), safely.

The task runs for one inventory host (a chassis, or localhost with ``run_once``) but must read and
act on both chassis of the pair, so it opens one NETCONF session per chassis from the controller
(``ncclient_sender``), built from each chassis' inventory variables, and closes both whatever
happens. The work itself (read, decide offline, trigger, wait, verify) is
``module_utils.switchover.Runner``.
"""
from __future__ import annotations

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import (
    ConnectError, ConnectionParams, NcclientSession,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import SrdError
from ansible_collections.mxha.srd.plugins.module_utils.jobs.switchover import Request, Runner, SwitchoverFailed
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import NetconfError, Transport
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.table import pair_table

ARGUMENT_SPEC = {
    "redundancy_sets": {"type": "list", "elements": "int", "required": True, "aliases": ["redundancy_set"]},
    "chassis": {"type": "str"},
    "peer": {"type": "str"},
    "pair": {"type": "list", "elements": "str"},
    "force": {"type": "bool", "default": False},
    "wait_timeout": {"type": "float", "default": 60.0},
    "poll_interval": {"type": "float", "default": 1.0},
}

# Inventory variables a session is built from (templated and, when vaulted, decrypted).
CONNECTION_VARS = (
    "ansible_host", "ansible_port", "ansible_ssh_port", "ansible_user", "ansible_ssh_user", "ansible_password",
    "ansible_ssh_pass", "ansible_pass", "ansible_ssh_private_key_file", "ansible_private_key_file",
    "ansible_host_key_checking", "ansible_netconf_host_key_checking", "ansible_ssh_host_key_checking",
    "ansible_connect_timeout", "ansible_command_timeout", "ansible_netconf_ssh_config",
)


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        task_vars = task_vars or {}
        result["changed"] = False
        try:
            _validation, args = self.validate_argument_spec(
                argument_spec=ARGUMENT_SPEC, mutually_exclusive=[["peer", "pair"]], required_one_of=[["peer", "pair"]])
            req = self._request(args, task_vars)
        except (AnsibleError, ValueError) as exc:
            result.update(failed=True, msg="mxha.srd.primary_role: %s" % to_text(exc))
            return result
        sessions = {}
        runner = None
        try:
            for name in (req.target, req.peer):
                params = ConnectionParams.from_hostvars(name, self._connection_vars(name, task_vars))
                sessions[name] = NcclientSession(params).open()
            runner = Runner(req, {name: Transport(s.send) for name, s in sessions.items()})
            result.update(runner.run())
        except SwitchoverFailed as exc:
            result.update(exc.details)
            result.update(failed=True, msg=str(exc))
        except (ConnectError, NetconfError, SrdError) as exc:
            result.update(failed=True, msg="mxha.srd.primary_role: %s" % to_text(exc))
        finally:
            for session in sessions.values():
                session.close()
        if result.get("before"):
            result["table"] = pair_table(result.get("msg", ""), sorted((req.target, req.peer)), req.set_ids,
                                         result["before"], result.get("actual") or result.get("predicted"))
        if runner is not None:
            result["rpcs"] = {name: list(t.stats.sent) for name, t in runner.transports.items()}
            result["rpc_stats"] = {name: t.stats.as_dict() for name, t in runner.transports.items()}
            result["seconds"] = {k: round(v, 3) for k, v in runner.timings.items()}
            if runner.warnings:
                result.setdefault("warnings", []).extend(runner.warnings)
        return result

    def _request(self, args: dict, task_vars: dict) -> Request:
        target = args.get("chassis") or task_vars.get("inventory_hostname")
        if args.get("pair"):
            pair = list(args["pair"])
            if len(pair) != 2 or pair[0] == pair[1]:
                raise ValueError("pair names the two chassis of the pair (two different inventory hostnames), got %s" % pair)
            if target not in pair:
                raise ValueError("chassis %s is not one of pair %s; name the chassis that should become primary"
                                 % (target, ", ".join(pair)))
            peer = pair[1] if pair[0] == target else pair[0]
        else:
            peer = args["peer"]
        if peer == target:
            raise ValueError("peer must be the other chassis of the pair, not %s itself" % target)
        hostvars = task_vars.get("hostvars", {})
        for name in (target, peer):
            if name not in hostvars:
                raise ValueError("%s is not an inventory host; chassis, peer and pair name chassis by inventory hostname"
                                 % name)
        sets = list(dict.fromkeys(args["redundancy_sets"]))
        if not sets or any(s < 1 for s in sets):
            raise ValueError("redundancy_sets lists redundancy-set ids (positive numbers), got %s" % args["redundancy_sets"])
        if args["wait_timeout"] <= 0 or args["poll_interval"] <= 0:
            raise ValueError("wait_timeout and poll_interval must be positive")
        return Request(target=target, peer=peer, set_ids=sets, force=args["force"],
                       wait_timeout=args["wait_timeout"], poll_interval=args["poll_interval"],
                       check_mode=bool(self._task.check_mode))

    def _connection_vars(self, name: str, task_vars: dict) -> dict:
        """The chassis' connection variables, templated (vaulted values decrypted), nothing else."""
        hostvars = task_vars["hostvars"][name]
        out = {}
        for key in CONNECTION_VARS:
            if key not in hostvars:
                continue
            value = self._templar.template(hostvars[key])
            if value is not None and not isinstance(value, (bool, int, float)):
                value = str(value)
            out[key] = value
        if not any(k.endswith("host_key_checking") for k in out):  # as the netconf connection: ansible.cfg's
            out["ansible_host_key_checking"] = bool(C.HOST_KEY_CHECKING)
        return out
