"""One chassis' configuration databases: committed history (rollback 0-49), shared candidate,
private candidates, and who holds the exclusive lock.

Pure state with no I/O; the rules of who may change what live in the RPC handlers and commit.py.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

from lxml import etree

from ..confops import same

MAX_ROLLBACK = 49


def localtime(seconds: float) -> str:
    """Junos `changed-localtime` / `commit-localtime` text (the emulated boxes run on UTC)."""
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(seconds))


@dataclass
class Revision:
    """One committed configuration (rollback N)."""

    config: etree._Element
    seconds: float
    user: str
    client: str = "netconf"
    log: str | None = None
    confirm_minutes: int | None = None
    sequence: int = 0


@dataclass
class LockHolder:
    session_id: int
    user: str
    since: float
    phantom: bool = False

    def message(self) -> str:
        since = localtime(self.since)
        idle = time.strftime("%H:%M:%S", time.gmtime(max(0.0, time.time() - self.since)))
        return (
            f"configuration database locked by:\n  {self.user} terminal p{self.session_id} "
            f"(pid {self.session_id}) on since {since}, idle {idle}\n      exclusive [edit]"
        )


@dataclass
class PrivateCandidate:
    """A `configure private` copy; based on the committed revision it was taken from."""

    config: etree._Element
    base_sequence: int


@dataclass
class Datastore:
    baseline: etree._Element
    history: list[Revision] = field(default_factory=list)
    candidate: etree._Element = field(init=False)
    candidate_changed: float = field(default_factory=time.time)
    lock: LockHolder | None = None
    private: dict[int, PrivateCandidate] = field(default_factory=dict)
    _sequence: int = 0

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Back to the factory baseline: one commit, no candidate changes, no lock."""
        now = time.time()
        self._sequence = 1
        self.history = [Revision(copy.deepcopy(self.baseline), now, "root", "cli", "initial", sequence=1)]
        self.candidate = copy.deepcopy(self.baseline)
        self.candidate_changed = now
        self.lock = None
        self.private.clear()

    @property
    def committed(self) -> Revision:
        return self.history[0]

    def rollback(self, n: int) -> Revision | None:
        return self.history[n] if 0 <= n < len(self.history) else None

    def candidate_modified(self) -> bool:
        return not same(self.candidate, self.committed.config)

    def set_candidate(self, config: etree._Element) -> None:
        if not same(config, self.candidate):
            self.candidate_changed = time.time()
        self.candidate = config

    def discard_candidate(self) -> None:
        """Shared candidate := committed (what <discard-changes/> and rollback 0 do)."""
        self.set_candidate(copy.deepcopy(self.committed.config))

    def push(self, config: etree._Element, user: str, log: str | None, confirm_minutes: int | None = None,
             client: str = "netconf") -> Revision:
        """Record a new committed configuration as rollback 0."""
        self._sequence += 1
        rev = Revision(copy.deepcopy(config), time.time(), user, client, log, confirm_minutes, self._sequence)
        self.history.insert(0, rev)
        del self.history[MAX_ROLLBACK + 1 :]
        return rev
