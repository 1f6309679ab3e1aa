"""Injectable faults, per chassis: the registry of fault classes and the set active on a chassis.

Fault classes (mxsim.faults) register here with `register`; the NETCONF session and commit call
their hooks through the chassis' FaultSet (before/after an RPC, at commit), the control socket
injects and clears them. This module knows a fault only through the FaultLike Protocol, so the
chassis holds a FaultSet without importing the faults, which act on the chassis.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from ..errors import Error


class FaultError(ValueError):
    """Bad fault name or parameters (reported back to `mxsim inject`)."""


class FaultLike(Protocol):
    """An active fault (mxsim.faults.base.Fault). `session` is the SessionState of the RPC."""

    name: str
    done: bool

    async def activate(self) -> None: ...

    async def deactivate(self) -> None: ...

    def before_rpc(self, session: Any, rpc: str) -> str | None: ...

    async def delay(self, session: Any, rpc: str) -> None: ...

    def reject(self, session: Any, rpc: str) -> Error | None: ...

    def on_commit(self, session: Any, check: bool) -> list[Error]: ...

    def describe(self) -> dict[str, Any]: ...


class FaultClass(Protocol):
    """A registered fault class: called with the chassis and the fault's parameters."""

    name: str
    help: str
    params: dict[str, Any]

    def __call__(self, chassis: Any, **params: Any) -> FaultLike: ...


FAULTS: dict[str, FaultClass] = {}
F = TypeVar("F")


def register(cls: F) -> F:
    """Class decorator: make a fault injectable under its `name`."""
    FAULTS[cls.name] = cls  # type: ignore[attr-defined]
    return cls


class FaultSet:
    """The faults active on one chassis (`chassis` is what each fault is created with)."""

    def __init__(self, chassis: Any) -> None:
        self.chassis = chassis
        self.active: list[FaultLike] = []

    async def inject(self, name: str, **params: Any) -> FaultLike:
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

    def get(self, name: str) -> FaultLike | None:
        for f in self.active:
            if f.name == name and not f.done:
                return f
        return None

    def _prune(self) -> None:
        self.active = [f for f in self.active if not f.done]

    def before_rpc(self, session: Any, rpc: str) -> str | None:
        verdict = None
        for f in list(self.active):
            v = f.before_rpc(session, rpc)
            verdict = verdict or v
        self._prune()
        return verdict

    async def delay(self, session: Any, rpc: str) -> None:
        for f in list(self.active):
            await f.delay(session, rpc)
        self._prune()

    def reject(self, session: Any, rpc: str) -> Error | None:
        """The first error an active fault answers `rpc` with, if any."""
        for f in list(self.active):
            error = f.reject(session, rpc)
            if error is not None:
                self._prune()
                return error
        return None

    def on_commit(self, session: Any, check: bool) -> list[Error]:
        errors: list[Error] = []
        for f in list(self.active):
            errors.extend(f.on_commit(session, check))
        self._prune()
        return errors

    def describe(self) -> list[dict[str, Any]]:
        return [f.describe() for f in self.active if not f.done]
