# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an action plugin that talks through the task's persistent NETCONF connection needs from Ansible."""
from __future__ import annotations

from typing import Optional


def task_args(action) -> dict:
    """The task's own arguments, without the ``_ansible_*`` keys Ansible and these helpers add."""
    return {k: v for k, v in action._task.args.items() if not k.startswith("_ansible_")}


def netconf_socket(action) -> Optional[str]:
    """The persistent ansible.netcommon.netconf connection's socket, None for any other connection.

    The socket is recorded in the task's arguments, where Ansible looks for the connections a task
    used so that it closes them at the end of the play."""
    socket_path = getattr(action._connection, "socket_path", None)
    connection = (action._play_context.connection or "").split(".")[-1]
    if connection != "netconf" or not socket_path:
        return None
    action._task.args["_ansible_socket"] = socket_path
    return socket_path


# ansible_network_os values whose netconf plugin leaves ncclient's 100 ms poll in the persistent connection.
SLOW_NETWORK_OS = ("junipernetworks.junos.junos", "junos", "juniper.device.junos")
SLOW_POLLING = (
    "ansible_network_os is %s: its netconf plugin leaves ncclient polling every 100 ms in the persistent "
    "connection, which adds about 0.1 s to every RPC of mxha.srd's modules (a deploy of one chassis sends 7). "
    "Set ansible_network_os: mxha.srd.junos (the same ansible.netcommon.netconf connection; it needs only "
    "ansible.netcommon and polls every 10 ms, see its ncclient_poll_interval). The pair jobs (deploy, drift, "
    "preflight) and primary_role open their own sessions and are fast with either."
)


def slow_polling_warning(action, task_vars: dict) -> Optional[str]:
    """A warning when the task's persistent connection polls slowly; the same text for every task and host,
    so Ansible (which shows a warning once per run) shows it once."""
    network_os = getattr(action._play_context, "network_os", None) or task_vars.get("ansible_network_os")
    name = str(network_os or "").strip()
    return SLOW_POLLING % name if name in SLOW_NETWORK_OS else None
