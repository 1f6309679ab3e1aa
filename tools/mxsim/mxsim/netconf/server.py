"""SSH side: one asyncssh listener per chassis on 127.0.0.1, password auth with the fixed
credentials, and the NETCONF subsystem (or the Junos exec fallback) handed to a Session, which
runs its RPCs through the dispatcher given to `listen`."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import asyncssh

from ..options import HOST, PASSWORD, USER
from .session import Dispatch, Session

if TYPE_CHECKING:
    from ..state.chassis import Chassis

log = logging.getLogger(__name__)

NETCONF_EXEC = ("xml-mode netconf need-trailer", "netconf")
HOST_KEY_FILE = "ssh_host_ed25519_key"


def host_key(state_dir: Path) -> asyncssh.SSHKey:
    """The state dir's host key: generated once, reused by every later `mxsim up`."""
    path = state_dir / HOST_KEY_FILE
    if path.exists():
        return asyncssh.read_private_key(str(path))
    key = asyncssh.generate_private_key("ssh-ed25519")
    key.write_private_key(str(path))
    path.chmod(0o600)
    key.write_public_key(str(path) + ".pub")
    return key


class _SSHServer(asyncssh.SSHServer):
    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return username == USER and password == PASSWORD


def _process_factory(chassis: "Chassis", dispatch: Dispatch):  # type: ignore[no-untyped-def]
    async def handle(process: asyncssh.SSHServerProcess) -> None:
        command = (process.command or "").strip()
        if process.subsystem == "netconf" or command in NETCONF_EXEC:
            user = process.get_extra_info("username") or USER
            await Session(chassis, process, user, dispatch).run()
            return
        what = f"subsystem {process.subsystem}" if process.subsystem else f"command {command!r}"
        process.stderr.write(f"mxsim: {what} is not available; use the netconf subsystem\n".encode())
        process.exit(1)

    return handle


async def listen(
    chassis: "Chassis", options: asyncssh.SSHServerConnectionOptions, dispatch: Dispatch
) -> asyncssh.SSHAcceptor:
    """Listen on the chassis' port; every NETCONF session runs its RPCs through `dispatch`."""
    return await asyncssh.create_server(
        _SSHServer,
        HOST,
        chassis.port,
        options=options,
        process_factory=_process_factory(chassis, dispatch),
    )


def ssh_options(key: asyncssh.SSHKey) -> asyncssh.SSHServerConnectionOptions:
    """Options shared by every listener (built once: 100 listeners start fast)."""
    return asyncssh.SSHServerConnectionOptions(
        server_host_keys=[key],
        encoding=None,
        line_editor=False,
        allow_scp=False,
        agent_forwarding=False,
        x11_forwarding=False,
        login_timeout=30,
        keepalive_interval=0,
    )
