"""Emulator options, fixed credentials and chassis naming shared by the CLI, server and tests."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

USER = "lab"
PASSWORD = "lab123"
HOST = "127.0.0.1"
DEFAULT_BASE_PORT = 18300
DEFAULT_NETWORK_OS = "mxha.srd.junos"


@dataclass
class Options:
    state_dir: Path
    pairs: int = 1
    base_port: int = DEFAULT_BASE_PORT
    base11: bool = False
    schema: bool = True
    # How many real seconds one Junos "minute" lasts (confirm-timeout is in minutes): 60 on a real
    # box, 1 in tests so an unconfirmed commit rolls back in seconds.
    confirm_minute_seconds: float = 60.0
    # How long an SRD switchover takes (the chassis taking over shows INITIALIZING meanwhile).
    switchover_seconds: float = 2.0
    network_os: str = DEFAULT_NETWORK_OS
    plugins: list[str] = field(default_factory=list)
    enable_checks: list[str] = field(default_factory=list)
    disable_checks: list[str] = field(default_factory=list)
    # Stop when this process exits (tests pass their own pid so a killed test run leaves nothing).
    owner_pid: int | None = None

    def chassis(self) -> list[tuple[str, int, int, int]]:
        """(name, pair number, member 1|2, port) for every chassis, in port order."""
        out = []
        for p in range(1, self.pairs + 1):
            for m in (1, 2):
                out.append((chassis_name(p, m), p, m, self.base_port + 2 * (p - 1) + (m - 1)))
        return out

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["state_dir"] = str(self.state_dir)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Options":
        d = dict(d)
        d["state_dir"] = Path(d["state_dir"])
        return cls(**d)


def chassis_name(pair: int, member: int) -> str:
    return f"pair{pair}-mx{member}"


def peer_name(name: str) -> str:
    """The other chassis of the same pair."""
    return name[:-1] + ("2" if name.endswith("1") else "1")
