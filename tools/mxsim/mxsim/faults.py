"""Injectable faults, per chassis: a registry of Fault classes and the set active on a chassis.

A fault reacts through hooks the session and commit code call (before/after an RPC, at commit,
when activated/cleared). Transport faults live here; later modules register their own (e.g. SRD
link-down or peer-unreachable) with `@register` and read them with `chassis.faults.get(name)`.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import TYPE_CHECKING, Any, ClassVar

from .state.datastore import LockHolder
from .errors import Error

if TYPE_CHECKING:
    from .state.session import SessionState
    from .state.chassis import Chassis

FAULTS: dict[str, type["Fault"]] = {}
_phantom_ids = itertools.count(90001)


def register(cls: type["Fault"]) -> type["Fault"]:
    FAULTS[cls.name] = cls
    return cls


class FaultError(ValueError):
    """Bad fault name or parameters (reported back to `mxsim inject`)."""


class Fault:
    name: ClassVar[str] = ""
    params: ClassVar[dict[str, Any]] = {}  # parameter -> default
    help: ClassVar[str] = ""

    def __init__(self, chassis: "Chassis", **params: Any) -> None:
        unknown = set(params) - set(self.params)
        if unknown:
            raise FaultError(f"{self.name}: unknown parameter(s) {sorted(unknown)}; known: {sorted(self.params)}")
        self.chassis = chassis
        self.values = {**self.params, **params}
        for k, default in self.params.items():
            v = self.values[k]
            if isinstance(default, bool):
                self.values[k] = v if isinstance(v, bool) else str(v).lower() in ("1", "true", "yes", "on")
            elif isinstance(default, int) and not isinstance(v, int):
                self.values[k] = int(v)
            elif isinstance(default, float):
                self.values[k] = float(v)
        self.done = False

    async def activate(self) -> None:
        """Called once when injected."""

    async def deactivate(self) -> None:
        """Called when cleared (or reset)."""

    def before_rpc(self, session: "SessionState", rpc: str) -> str | None:
        """Return "drop" to close the connection before `rpc` runs, or "drop-after" to run it first."""
        return None

    async def delay(self, session: "SessionState", rpc: str) -> None:
        """Awaited before a reply is sent."""

    def on_commit(self, session: "SessionState", check: bool) -> list[Error]:
        """Errors that make this commit fail."""
        return []

    def describe(self) -> dict[str, Any]:
        return {"fault": self.name, **self.values}


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
    help = "delay every reply (or only replies to `rpc`) by `ms` milliseconds"
    params = {"ms": 100, "rpc": ""}

    async def delay(self, session: "SessionState", rpc: str) -> None:
        if not self.values["rpc"] or rpc == self.values["rpc"]:
            await asyncio.sleep(self.values["ms"] / 1000.0)


@register
class RefuseConnections(Fault):
    name = "refuse-connections"
    help = "stop listening: new connections are refused (existing sessions stay) until cleared"
    params: ClassVar[dict[str, Any]] = {}

    async def activate(self) -> None:
        await self.chassis.stop_listening()

    async def deactivate(self) -> None:
        await self.chassis.start_listening()


class FaultSet:
    """The faults active on one chassis."""

    def __init__(self, chassis: "Chassis") -> None:
        self.chassis = chassis
        self.active: list[Fault] = []

    async def inject(self, name: str, **params: Any) -> Fault:
        cls = FAULTS.get(name)
        if cls is None:
            raise FaultError(f"unknown fault {name!r}; known: {', '.join(sorted(FAULTS))}")
        fault = cls(self.chassis, **params)
        await fault.activate()
        self.active.append(fault)
        return fault

    async def clear(self, name: str | None = None) -> int:
        gone = [f for f in self.active if name is None or f.name == name]
        for f in gone:
            self.active.remove(f)
            await f.deactivate()
        return len(gone)

    def get(self, name: str) -> Fault | None:
        for f in self.active:
            if f.name == name and not f.done:
                return f
        return None

    def _prune(self) -> None:
        self.active = [f for f in self.active if not f.done]

    def before_rpc(self, session: "SessionState", rpc: str) -> str | None:
        verdict = None
        for f in list(self.active):
            v = f.before_rpc(session, rpc)
            verdict = verdict or v
        self._prune()
        return verdict

    async def delay(self, session: "SessionState", rpc: str) -> None:
        for f in list(self.active):
            await f.delay(session, rpc)

    def on_commit(self, session: "SessionState", check: bool) -> list[Error]:
        errors: list[Error] = []
        for f in list(self.active):
            errors.extend(f.on_commit(session, check))
        self._prune()
        return errors

    def describe(self) -> list[dict[str, Any]]:
        return [f.describe() for f in self.active if not f.done]
