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
