"""Control socket (STATE_DIR/control.sock, JSON lines): faults, resets and state inspection.

The running emulator serves it (`serve`); tests and `mxsim inject/reset/status` use `Control`:

    from mxsim.control import Control
    ctl = Control(state_dir)
    ctl.inject("pair1-mx1", "drop-session", after=2)
    ctl.state("pair1-mx1")["lock"]      # None when nobody holds the candidate lock
    ctl.reset("all")
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .options import Options
from .state.faultset import FAULTS, FaultError

if TYPE_CHECKING:
    from .state.chassis import Chassis

SOCKET = "control.sock"
MAX_UNIX_PATH = 104


class ControlError(RuntimeError):
    """The emulator refused a control request (unknown chassis, bad fault parameters ...)."""


def socket_path(state_dir: Path | str) -> Path:
    p = Path(state_dir).resolve() / SOCKET
    if len(str(p)) >= MAX_UNIX_PATH:
        raise ControlError(f"state dir path too long for a unix socket ({len(str(p))} chars): {p}")
    return p


class Controlled(Protocol):
    """What the control socket drives: the running emulator (mxsim.emulator.Emulator)."""

    options: Options
    chassis: dict[str, "Chassis"]

    def status(self) -> dict[str, Any]: ...

    def set_committed(self, chassis: "Chassis", xml: str) -> int: ...

    def request_stop(self) -> None: ...


class Control:
    """Synchronous client; one short connection per call."""

    def __init__(self, state_dir: Path | str, timeout: float = 30.0) -> None:
        self.path = socket_path(state_dir)
        self.timeout = timeout

    def call(self, op: str, **args: Any) -> Any:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(self.timeout)
            s.connect(str(self.path))
            s.sendall(json.dumps({"op": op, **args}).encode() + b"\n")
            buf = b""
            while not buf.endswith(b"\n"):
                chunk = s.recv(1 << 16)
                if not chunk:
                    break
                buf += chunk
        if not buf:
            raise ControlError(f"no answer to {op!r}")
        reply = json.loads(buf)
        if not reply.get("ok"):
            raise ControlError(reply.get("error", "unknown error"))
        return reply.get("result")

    def ping(self) -> dict[str, Any]:
        return self.call("ping")

    def status(self) -> dict[str, Any]:
        return self.call("status")

    def state(self, chassis: str) -> dict[str, Any]:
        return self.call("state", chassis=chassis)

    def inject(self, chassis: str, fault: str, **params: Any) -> dict[str, Any]:
        return self.call("inject", chassis=chassis, fault=fault, params=params)

    def clear(self, chassis: str, fault: str | None = None) -> int:
        return self.call("clear", chassis=chassis, fault=fault)

    def reset(self, chassis: str = "all") -> None:
        self.call("reset", chassis=chassis)

    def wait(
        self, chassis: str, event: str | None = None, count: int = 1, idle: bool = False, timeout: float = 10.0
    ) -> bool:
        """Block until `event` has happened `count` times since the last reset (e.g.
        "confirmed-rollback", "session-end", "commit"), or until no session is open (idle)."""
        old = self.timeout
        self.timeout = timeout + 5
        try:
            return bool(self.call("wait", chassis=chassis, event=event, count=count, idle=idle, timeout=timeout))
        finally:
            self.timeout = old

    def faults(self) -> dict[str, Any]:
        return self.call("faults")

    def set_committed(self, chassis: str, config_xml: str) -> int:
        """Make `config_xml` (<configuration>) the committed and candidate config, no checks."""
        return self.call("set-committed", chassis=chassis, config=config_xml)

    def shutdown(self) -> None:
        self.call("shutdown")


async def serve(emulator: Controlled) -> asyncio.AbstractServer:
    path = socket_path(emulator.options.state_dir)
    if path.exists():
        path.unlink()

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while line := await reader.readline():
                try:
                    req = json.loads(line)
                    result = await _dispatch(emulator, req)
                    reply = {"ok": True, "result": result}
                except (ControlError, FaultError, KeyError, ValueError, TypeError) as exc:
                    reply = {"ok": False, "error": str(exc)}
                writer.write(json.dumps(reply).encode() + b"\n")
                await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_unix_server(client, path=str(path))
    os.chmod(path, 0o600)
    return server


def _chassis(emulator: Controlled, name: str) -> "Chassis":
    try:
        return emulator.chassis[name]
    except KeyError:
        raise ControlError(f"no chassis {name!r}; known: {', '.join(emulator.chassis)}") from None


async def _dispatch(emulator: Controlled, req: dict[str, Any]) -> Any:
    op = req.get("op")
    if op == "ping":
        return {"pid": os.getpid(), "chassis": len(emulator.chassis)}
    if op == "status":
        return emulator.status()
    if op == "state":
        return _chassis(emulator, req["chassis"]).state(full=True)
    if op == "inject":
        fault = await _chassis(emulator, req["chassis"]).faults.inject(req["fault"], **(req.get("params") or {}))
        return fault.describe()
    if op == "clear":
        return await _chassis(emulator, req["chassis"]).faults.clear(req.get("fault"))
    if op == "reset":
        name = req.get("chassis", "all")
        targets = list(emulator.chassis.values()) if name == "all" else [_chassis(emulator, name)]
        for c in targets:
            await c.reset()
        return None
    if op == "wait":
        c = _chassis(emulator, req["chassis"])
        event, count, idle = req.get("event"), int(req.get("count", 1)), bool(req.get("idle"))
        return await c.wait_until(
            lambda: (not idle or not c.sessions) and (event is None or c.events[event] >= count),
            float(req.get("timeout", 10)),
        )
    if op == "faults":
        return {n: {"help": c.help, "params": c.params} for n, c in sorted(FAULTS.items())}
    if op == "set-committed":
        return emulator.set_committed(_chassis(emulator, req["chassis"]), req["config"])
    if op == "shutdown":
        emulator.request_stop()
        return None
    raise ControlError(f"unknown control op {op!r}")
