# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ncclient_sender: session parameters from inventory variables; the password never shows."""

from __future__ import annotations

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import (
    ConnectError, ConnectionParams, NcclientSession,
)


def test_from_netconf_inventory_vars():
    p = ConnectionParams.from_hostvars("mx1", {
        "ansible_host": "192.0.2.10", "ansible_port": "22830", "ansible_user": "lab", "ansible_ssh_pass": "s3cret",
        "ansible_host_key_checking": "False", "ansible_command_timeout": 90})
    assert (p.host, p.port, p.username, p.password, p.hostkey_verify, p.command_timeout) == (
        "192.0.2.10", 22830, "lab", "s3cret", False, 90)
    assert "s3cret" not in repr(p) and "s3cret" not in str(p.describe())
    assert p.describe()["password"] == "********"


def test_defaults_and_key_file():
    p = ConnectionParams.from_hostvars("mx2", {"ansible_ssh_private_key_file": "/keys/id", "ansible_user": "ops"})
    assert (p.host, p.port, p.password, p.key_filename, p.hostkey_verify) == ("mx2", 830, None, "/keys/id", True)
    assert ConnectionParams.from_hostvars("mx2", {"ansible_password": "a", "ansible_ssh_pass": "b"}).password == "a"


@pytest.mark.parametrize("value, expected", [(None, None), ("true", True), (True, True), ("no", None),
                                             ("/etc/ssh/jump.conf", "/etc/ssh/jump.conf")])
def test_ssh_config_like_the_netconf_connection(value, expected):
    from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import _ssh_config
    hostvars = {} if value is None else {"ansible_netconf_ssh_config": value}
    assert _ssh_config(ConnectionParams.from_hostvars("mx1", hostvars).ssh_config) == expected


def test_bad_port_is_a_sentence():
    with pytest.raises(ConnectError, match="mx1: port and timeouts in the inventory must be numbers"):
        ConnectionParams.from_hostvars("mx1", {"ansible_port": "netconf"})


def test_refused_connection_names_the_chassis_not_the_password():
    params = ConnectionParams.from_hostvars("mx1", {"ansible_host": "127.0.0.1", "ansible_port": 1,
                                                    "ansible_password": "s3cret", "ansible_connect_timeout": 5,
                                                    "ansible_host_key_checking": False})
    session = NcclientSession(params)
    with pytest.raises(ConnectError) as err:
        session.open()
    assert str(err.value).startswith("cannot open a NETCONF session to mx1 (127.0.0.1:1)")
    assert "s3cret" not in str(err.value)
    session.close()                                   # closing what never opened is harmless
    with pytest.raises(ConnectError, match="not open"):
        session.send("<get-route-information/>")
