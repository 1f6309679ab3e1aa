"""Per-chassis RPC log (JSON lines at STATE_DIR/rpclog/<chassis>.jsonl), written and read.

One line per RPC: {"ts", "session", "rpc" (local name), "ms", "ok", extras such as "target",
"action", "format", "database"}. Lines with "event" instead of "rpc" record things that happen
without an RPC (session start/end, automatic rollback, injected drops). Tests and benchmarks
count RPCs and locks from these files.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Iterable


class RpcLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "a", buffering=1, encoding="utf-8")

    def write(self, **entry: Any) -> None:
        line = {"ts": round(time.time(), 6), **{k: v for k, v in entry.items() if v is not None}}
        self._fh.write(json.dumps(line, separators=(",", ":")) + "\n")

    def truncate(self) -> None:
        self._fh.seek(0)
        self._fh.truncate()

    def close(self) -> None:
        self._fh.close()


def log_path(state_dir: Path | str, chassis: str) -> Path:
    return Path(state_dir) / "rpclog" / f"{chassis}.jsonl"


def read(state_dir: Path | str, chassis: str, since: int = 0) -> list[dict[str, Any]]:
    """All entries of one chassis' log from byte offset `since` (see `mark`)."""
    p = log_path(state_dir, chassis)
    if not p.exists():
        return []
    with open(p, "rb") as fh:
        fh.seek(since)
        data = fh.read()
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def mark(state_dir: Path | str, chassis: str) -> int:
    """Current end of a chassis' log; pass it as `since` to read only later entries."""
    p = log_path(state_dir, chassis)
    return p.stat().st_size if p.exists() else 0


def rpcs(entries: Iterable[dict[str, Any]], name: str | None = None, **match: Any) -> list[dict[str, Any]]:
    """RPC entries, optionally only those with this local name and matching extras."""
    out = []
    for e in entries:
        if "rpc" not in e or (name is not None and e["rpc"] != name):
            continue
        if all(e.get(k) == v for k, v in match.items()):
            out.append(e)
    return out


def names(entries: Iterable[dict[str, Any]]) -> list[str]:
    """The RPC names in order, e.g. ['lock', 'load-configuration', 'commit-configuration', 'unlock']."""
    return [e["rpc"] for e in entries if "rpc" in e]
