# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""NETCONF sessions the controller opens itself (ncclient), for action plugins that need two chassis.

Why: an action plugin runs for one inventory host, and Ansible's persistent connection serves only
that host. ``mxha.srd.primary_role`` must read and act on both chassis of a pair in one task, so it
opens one session per chassis from the controller, built from each chassis' inventory variables,
and hands ``Transport`` a ``send`` function: Transport stays the one place RPCs go through (counted,
rpc-errors parsed). Sessions are closed by :meth:`NcclientSession.close` (callers use ``finally``).

ncclient is imported when a session is opened, so this file imports without it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

DEFAULT_PORT = 830
# ncclient's session thread sends queued requests only between polls of TICK seconds (0.1 by
# default), so every RPC costs ~100 ms. The action plugin's worker process is ours alone; 10 ms
# makes a poll loop of a switchover ten times cheaper for a few more wake-ups.
FAST_TICK = 0.01


def lower_poll_interval(seconds: Optional[float]) -> None:
    """Make ncclient's session thread poll at least every ``seconds`` in this process (never slower)."""
    if not seconds or seconds <= 0:
        return
    import ncclient.transport.session as nc_session

    if nc_session.TICK > seconds:
        nc_session.TICK = seconds


class ConnectError(Exception):
    """A session to a chassis could not be opened (message names the chassis, never a password)."""


def _truthy(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "yes", "true", "on", "y", "t")


@dataclass
class ConnectionParams:
    """What ncclient needs for one chassis; ``password`` is never shown in ``repr``/``describe``."""

    name: str
    host: str
    port: int = DEFAULT_PORT
    username: Optional[str] = None
    password: Optional[str] = field(default=None, repr=False)
    key_filename: Optional[str] = None
    hostkey_verify: bool = True
    connect_timeout: int = 30
    command_timeout: int = 30
    ssh_config: Optional[str] = None

    @classmethod
    def from_hostvars(cls, name: str, hostvars: Mapping[str, Any]) -> "ConnectionParams":
        """Build from a host's inventory variables (the ones ``ansible.netcommon.netconf`` reads)."""
        def var(*keys, default=None):
            for key in keys:
                value = hostvars.get(key)
                if value is not None and value != "":
                    return value
            return default

        checking = var("ansible_host_key_checking", "ansible_netconf_host_key_checking")
        if checking is None:
            checking = var("ansible_ssh_host_key_checking", default=True)
        try:
            port = int(var("ansible_port", "ansible_ssh_port", default=DEFAULT_PORT))
            connect_timeout = int(var("ansible_connect_timeout", default=30))
            command_timeout = int(var("ansible_command_timeout", default=30))
        except (TypeError, ValueError) as exc:
            raise ConnectError("%s: port and timeouts in the inventory must be numbers (%s)" % (name, exc)) from None
        password = var("ansible_password", "ansible_ssh_pass", "ansible_pass")
        return cls(
            name=name,
            host=str(var("ansible_host", default=name)),
            port=port,
            username=None if var("ansible_user", "ansible_ssh_user") is None else str(var("ansible_user", "ansible_ssh_user")),
            password=None if password is None else str(password),
            key_filename=var("ansible_ssh_private_key_file", "ansible_private_key_file"),
            hostkey_verify=_truthy(checking),
            connect_timeout=connect_timeout,
            command_timeout=command_timeout,
            ssh_config=var("ansible_netconf_ssh_config"),
        )

    def describe(self) -> dict:
        return {"chassis": self.name, "host": self.host, "port": self.port, "username": self.username,
                "password": "********" if self.password else None, "key_file": self.key_filename,
                "host_key_checking": self.hostkey_verify}


class NcclientSession:
    """One NETCONF session (ncclient, Junos device handler); ``send`` is a Transport sender."""

    def __init__(self, params: ConnectionParams, tick: Optional[float] = FAST_TICK):
        self.params = params
        self._tick = tick
        self._manager = None

    def open(self) -> "NcclientSession":
        try:
            from ncclient import manager
            from ncclient.operations.rpc import RaiseMode
        except ImportError:
            raise ConnectError("mxha.srd needs the ncclient Python package on the controller "
                               "(pip install ncclient) to reach %s" % self.params.name) from None
        lower_poll_interval(self._tick)
        p = self.params
        use_keys = not p.password
        try:
            self._manager = manager.connect(
                host=p.host, port=p.port, username=p.username, password=p.password,
                key_filename=p.key_filename, hostkey_verify=p.hostkey_verify,
                look_for_keys=use_keys and not p.key_filename, allow_agent=use_keys,
                device_params={"name": "junos"}, timeout=p.connect_timeout, ssh_config=_ssh_config(p.ssh_config))
        except Exception as exc:  # pylint: disable=broad-except  # ssh, auth, socket: one clear sentence
            raise ConnectError("cannot open a NETCONF session to %s (%s:%s): %s: %s"
                               % (p.name, p.host, p.port, type(exc).__name__, _scrub(str(exc), p.password))) from None
        self._manager.timeout = p.command_timeout
        # rpc-errors come back in the reply text; Transport parses and raises them (all of them).
        self._manager.raise_mode = RaiseMode.NONE
        return self

    def send(self, xml: str) -> str:
        if self._manager is None:
            raise ConnectError("the NETCONF session to %s is not open" % self.params.name)
        from ncclient.xml_ import to_ele

        reply = self._manager.rpc(to_ele(xml))
        return reply.xml if hasattr(reply, "xml") else str(reply)

    @property
    def connected(self) -> bool:
        return self._manager is not None and bool(getattr(self._manager, "connected", False))

    def close(self) -> None:
        """Close the session; never raises (the peer may already be gone)."""
        manager, self._manager = self._manager, None
        if manager is None:
            return
        try:
            if manager.connected:
                manager.close_session()
        except Exception:  # pylint: disable=broad-except
            pass
        try:
            manager._session.close()  # pylint: disable=protected-access  # stop the session thread
        except Exception:  # pylint: disable=broad-except
            pass


def _ssh_config(value):
    """``ansible_netconf_ssh_config`` as the netconf connection reads it: a path, or true for ~/.ssh/config."""
    if value is None or isinstance(value, bool):
        return value or None
    if str(value).strip().lower() in ("true", "yes", "1", "on"):
        return True
    if str(value).strip().lower() in ("false", "no", "0", "off", ""):
        return None
    return str(value)


def _scrub(text: str, secret: Optional[str]) -> str:
    return text.replace(secret, "********") if secret else text
