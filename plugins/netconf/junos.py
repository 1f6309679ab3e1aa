# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Netconf plugin for Junos that needs nothing but ansible.netcommon.

Inventories may name ``ansible_network_os: mxha.srd.junos`` instead of ``junipernetworks.junos.junos``
(deprecated, and leaving the Ansible package); mxha.srd's modules work with either, because they
send raw Junos RPCs through the connection.
"""
from __future__ import annotations

DOCUMENTATION = """
author: mxha.srd maintainers (@mxha)
name: junos
short_description: NETCONF plugin for Juniper Junos (MX) that depends only on ansible.netcommon
description:
  - Lets the C(ansible.netcommon.netconf) connection talk to Junos with the ncclient C(junos) device
    handler, report device facts from C(get-software-information), and send raw Junos RPCs.
  - Use it with C(ansible_network_os=mxha.srd.junos). The mxha.srd modules also work with
    C(junipernetworks.junos.junos).
version_added: 0.1.0
options:
  ncclient_device_handler:
    type: str
    default: junos
    description:
      - The ncclient device handler to use. Junos needs C(junos) for its RPC replies to be parsed.
  ncclient_poll_interval:
    type: float
    default: 0.01
    description:
      - Seconds between the polls of ncclient's session thread, which sends a queued request only
        when a poll ends. ncclient's own 0.1 adds about 100 ms to every RPC; 0.01 costs a few more
        wake-ups of an idle persistent connection and makes each round trip about 90 ms shorter.
      - The value only ever lowers ncclient's interval in the persistent connection process; set
        it to C(0.1) for ncclient's stock behaviour.
    vars:
      - name: ansible_netconf_ncclient_poll_interval
    env:
      - name: MXHA_NCCLIENT_POLL_INTERVAL
"""

import json

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.ansible.netcommon.plugins.plugin_utils.netconf_base import (
    NetconfBase,
    ensure_ncclient,
)

from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import lower_poll_interval

try:
    from ncclient.xml_ import new_ele, sub_ele, to_ele, to_xml

    HAS_NCCLIENT = True
except (ImportError, AttributeError):  # paramiko/gssapi mismatches raise AttributeError
    HAS_NCCLIENT = False


def _text(parent, tag):
    node = parent.find(".//" + tag) if parent is not None else None
    return to_text(node.text, errors="surrogate_then_replace").strip() if node is not None and node.text else None


class Netconf(NetconfBase):
    """Junos flavour of the netcommon NETCONF plugin."""

    def set_options(self, task_keys=None, var_options=None, direct=None):
        """Apply the poll interval in the persistent connection process, before its first RPC."""
        super(Netconf, self).set_options(task_keys=task_keys, var_options=var_options, direct=direct)
        if HAS_NCCLIENT:
            lower_poll_interval(self.get_option("ncclient_poll_interval"))

    @ensure_ncclient
    def get_device_info(self):
        reply = to_ele(self.execute_rpc(to_xml(new_ele("get-software-information"))))
        info = reply.find(".//software-information")
        return {
            "network_os": "junos",
            "network_os_version": _text(info, "junos-version"),
            "network_os_hostname": _text(info, "host-name"),
            "network_os_model": _text(info, "product-model"),
        }

    def execute_rpc(self, name):
        """Send one raw RPC (an XML string) and return the reply as a string."""
        return self.rpc(name)

    @ensure_ncclient
    def commit(self, confirmed=False, timeout=None, persist=None, check=False, comment=None):
        """Commit with Junos' own <commit-configuration> (ncclient's junos Commit takes no persist).

        ``timeout`` is in seconds, as netcommon passes it; Junos counts confirm-timeout in whole
        minutes, so it is rounded up.
        """
        if persist:
            raise ValueError("Junos does not support persist tokens on confirmed commits; confirm from any session with a plain commit")
        rpc = new_ele("commit-configuration")
        if check:
            sub_ele(rpc, "check")
        if confirmed:
            sub_ele(rpc, "confirmed")
            if timeout:
                sub_ele(rpc, "confirm-timeout").text = str(max(1, -(-int(timeout) // 60)))
        if comment:
            sub_ele(rpc, "log").text = str(comment)
        return self.execute_rpc(to_xml(rpc))

    def get_capabilities(self):
        result = {
            "rpc": self.get_base_rpc() + ["commit", "discard_changes", "validate", "lock", "unlock", "execute_rpc"],
            "network_api": "netconf",
            "device_info": self.get_device_info(),
            "server_capabilities": list(self.m.server_capabilities),
            "client_capabilities": list(self.m.client_capabilities),
            "session_id": self.m.session_id,
        }
        result["device_operations"] = self.get_device_operations(result["server_capabilities"])
        return json.dumps(result)

    @staticmethod
    def guess_network_os(obj):
        """Never guess: users name the network OS explicitly (and junipernetworks.junos guesses too)."""
        return None
