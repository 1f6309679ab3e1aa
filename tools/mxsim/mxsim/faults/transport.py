"""Transport and datastore faults: drop-session, fail-commit, hold-lock, delay, fail-rpc, refuse-connections."""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import Error
from ..state.datastore import LockHolder
from ..state.faultset import FaultError, register
from .base import Fault

if TYPE_CHECKING:
    from ..state.session import SessionState

_phantom_ids = itertools.count(90001)


@register
class DropSession(Fault):
    name = "drop-session"
    help = (
        "answer `after` more RPCs (counting only `rpc` if given), then close the connection abruptly "
        "at the next one; apply=true runs that RPC first (its reply is lost)"
    )
    params = {"after": 0, "rpc": "", "apply": False}

    def before_rpc(self, session: "SessionState", rpc: str) -> str | None:
        if self.done or (self.values["rpc"] and rpc != self.values["rpc"]):
            return None
        if self.values["after"] > 0:
            self.values["after"] -= 1
            return None
        self.done = True
        return "drop-after" if self.values["apply"] else "drop"


@register
class FailCommit(Fault):
    name = "fail-commit"
    help = "the next `count` commits fail with an rpc-error (commit check too when check=true)"
    params = {"count": 1, "check": False, "message": "commit failed: emulated fault (mxsim)"}

    def on_commit(self, session: "SessionState", check: bool) -> list[Error]:
        if self.done or (check and not self.values["check"]):
            return []
        self.values["count"] -= 1
        if self.values["count"] <= 0:
            self.done = True
        return [Error(self.values["message"], tag="operation-failed", path="[edit]")]


@register
class HoldLock(Fault):
    name = "hold-lock"
    help = "a phantom session holds the exclusive candidate lock until cleared"
    params = {"user": "phantom"}

    async def activate(self) -> None:
        store = self.chassis.store
        if store.lock is not None:
            raise FaultError(f"{self.chassis.name}: candidate already locked by session {store.lock.session_id}")
        self.session_id = next(_phantom_ids)
        store.lock = LockHolder(self.session_id, self.values["user"], time.time(), phantom=True)

    async def deactivate(self) -> None:
        store = self.chassis.store
        if store.lock is not None and store.lock.phantom:
            store.lock = None


@register
class Delay(Fault):
    name = "delay"
    help = (
        "delay every reply (or only replies to `rpc`) by `ms` milliseconds; `after` lets that many matching "
        "replies go first, `count` (0: every one) limits how many are delayed"
    )
    params = {"ms": 100, "rpc": "", "after": 0, "count": 0}

    async def delay(self, session: "SessionState", rpc: str) -> None:
        if self.done or (self.values["rpc"] and rpc != self.values["rpc"]):
            return
        if self.values["after"] > 0:
            self.values["after"] -= 1
            return
        if self.values["count"] > 0:
            self.values["count"] -= 1
            self.done = self.values["count"] == 0
        await asyncio.sleep(self.values["ms"] / 1000.0)


@register
class FailRpc(Fault):
    name = "fail-rpc"
    help = (
        "answer `rpc` with an rpc-error instead of running it (`tag`, `message`, `severity`), after letting "
        "`after` go through; `count` (0: every one) limits how many fail"
    )
    params = {"rpc": "", "after": 0, "count": 0, "tag": "operation-not-supported",
              "message": "syntax error, expecting <rpc> element", "severity": "error"}

    def reject(self, session: "SessionState", rpc: str) -> Error | None:
        if self.done or rpc != self.values["rpc"]:
            return None
        if self.values["after"] > 0:
            self.values["after"] -= 1
            return None
        if self.values["count"] > 0:
            self.values["count"] -= 1
            self.done = self.values["count"] == 0
        return Error(self.values["message"], tag=self.values["tag"], severity=self.values["severity"])


@register
class RefuseConnections(Fault):
    name = "refuse-connections"
    help = "stop listening: new connections are refused (existing sessions stay) until cleared"
    params: ClassVar[dict[str, Any]] = {}

    async def activate(self) -> None:
        await self.chassis.stop_listening()

    async def deactivate(self) -> None:
        await self.chassis.start_listening()
