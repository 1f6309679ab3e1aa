"""The base class of injectable faults: parameters with defaults, and the hooks a fault may use.

A fault reacts through hooks the session and commit code call (before/after an RPC, at commit,
when activated/cleared). Subclasses register with `@register` (mxsim.state.faultset) and keep
their state on the chassis (`chassis.ops`) or the pair's srd.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import Error
from ..state.faultset import FaultError

if TYPE_CHECKING:
    from ..state.chassis import Chassis
    from ..state.session import SessionState


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

    def reject(self, session: "SessionState", rpc: str) -> Error | None:
        """An error to answer `rpc` with instead of running it."""
        return None

    def on_commit(self, session: "SessionState", check: bool) -> list[Error]:
        """Errors that make this commit fail."""
        return []

    def describe(self) -> dict[str, Any]:
        return {"fault": self.name, **self.values}
