"""One emulated MX chassis: identity, configuration databases, sessions, faults and its listener.

The chassis knows nothing above it. What it needs from the layers above is given at wiring time:
`listen_with` (the SSH server), `pair_with` (the other chassis of the pair) and `daemons` (srd,
told when the committed configuration changes and around a reset).
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Protocol

from lxml import etree

from ..baseline import baseline
from ..confops import same
from ..options import Options
from ..rpclog import RpcLog, log_path
from ..xmlutil import JUNOS_VERSION, to_bytes
from .datastore import Datastore
from .faultset import FaultSet


@dataclass
class ConfirmedCommit:
    """A commit waiting to be confirmed; `rollback_to` is what the chassis returns to."""

    rollback_to: etree._Element
    owner: int | None  # session id; None when the commit survives its session (persist)
    deadline: float
    handle: asyncio.TimerHandle

    def describe(self) -> dict[str, object]:
        return {"owner": self.owner, "seconds_left": round(max(0.0, self.deadline - time.time()), 3)}


class OpenSession(Protocol):
    """A client session as the chassis keeps it (mxsim.netconf.session.Session)."""

    id: int
    detached: bool

    def abort(self) -> None: ...


class Listener(Protocol):
    """What `listen_with`'s factory returns (an asyncssh acceptor)."""

    def close(self) -> None: ...

    async def wait_closed(self) -> None: ...


class Daemon(Protocol):
    """A daemon that follows the chassis' committed configuration (srd: mxsim.srd.daemon.PairSrd)."""

    def committed_changed(self, chassis: "Chassis") -> None: ...

    def begin_reset(self, chassis: "Chassis") -> None: ...

    def end_reset(self, chassis: "Chassis") -> None: ...

    def describe(self) -> dict[str, Any]: ...


class Chassis:
    model = "mx480"
    re_model = "RE-S-2X00x6"

    def __init__(
        self, options: Options, name: str, pair: int, member: int, port: int, started: float | None = None
    ) -> None:
        self.options = options
        self.started = time.time() if started is None else started
        self.name = name
        self.pair = pair
        self.member = member
        self.port = port
        self.hostname = name
        self.serial = f"JN{0x1A000 + pair * 2 + member:X}AFA"
        self.version = JUNOS_VERSION
        self.store = Datastore(baseline(name, pair, member))
        self.sessions: dict[int, OpenSession] = {}
        self.faults = FaultSet(self)
        self.log = RpcLog(log_path(options.state_dir, name))
        self.log.truncate()
        self.events: Counter[str] = Counter()
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[bool]]] = []
        self.pending: ConfirmedCommit | None = None
        self.listener: Listener | None = None
        self._listen: Callable[[Chassis], Awaitable[Listener]] | None = None
        self._peer: Chassis | None = None
        # Operational state that later modules (SRD roles, links, ICCP) keep per chassis.
        self.ops: dict[str, Any] = {}
        # srd of this chassis' pair (mxsim.srd.daemon.PairSrd), shared with the peer; set by srd.attach.
        self.srd: Any = None
        # Daemons told about commits and resets, by name (`mxsim state` shows each one's describe()).
        self.daemons: dict[str, Daemon] = {}

    # ---- wiring ---------------------------------------------------------------------------

    def listen_with(self, factory: Callable[["Chassis"], Awaitable[Listener]]) -> None:
        """The SSH server's listener factory, used by start_listening."""
        self._listen = factory

    def pair_with(self, other: "Chassis") -> None:
        self._peer, other._peer = other, self

    @property
    def peer(self) -> "Chassis":
        """The other chassis of the pair."""
        if self._peer is None:
            raise RuntimeError(f"{self.name} has no peer (pair_with was not called)")
        return self._peer

    async def start_listening(self) -> None:
        if self.listener is None:
            if self._listen is None:
                raise RuntimeError(f"{self.name}: no listener factory (listen_with was not called)")
            self.listener = await self._listen(self)

    async def stop_listening(self) -> None:
        if self.listener is not None:
            self.listener.close()
            await self.listener.wait_closed()
            self.listener = None

    def event(self, name: str, **fields: Any) -> None:
        """Log something that happened without an RPC and wake whoever waits for it."""
        self.log.write(event=name, **fields)
        self.events[name] += 1
        self.notify()

    def notify(self) -> None:
        for pred, fut in list(self._waiters):
            if not fut.done() and pred():
                fut.set_result(True)

    async def wait_until(self, pred: Callable[[], bool], timeout: float) -> bool:
        """Wait for a condition on this chassis (event counts, no sessions) without polling."""
        if pred():
            return True
        fut: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        entry = (pred, fut)
        self._waiters.append(entry)
        try:
            return await asyncio.wait_for(fut, timeout)
        except asyncio.TimeoutError:
            return False
        finally:
            self._waiters.remove(entry)

    def committed_changed(self) -> None:
        """The committed configuration changed (commit, confirmed rollback, set-committed):
        daemons that read it (srd) re-derive their configuration now."""
        for daemon in self.daemons.values():
            daemon.committed_changed(self)

    def rollback_pending(self, reason: str) -> None:
        """Undo an unconfirmed commit: commit the configuration from before it, as Junos does (a new
        history entry 0 "by root via other", even when nothing differs)."""
        pending = self.pending
        if pending is None:
            return
        pending.handle.cancel()
        self.pending = None
        rev = self.store.push(pending.rollback_to, "root", reason, client="other")
        self.store.set_candidate(copy.deepcopy(rev.config))
        self.event("confirmed-rollback", reason=reason, sequence=rev.sequence)
        self.committed_changed()

    def session_ended(self, session: OpenSession) -> None:
        """Junos semantics when a session goes away, however it ends.

        Its lock is released and the changes made under that lock are discarded; its private
        candidate is discarded; an unconfirmed commit it made is rolled back. Changes it made to
        the shared candidate without a lock stay, as on Junos.
        """
        self.sessions.pop(session.id, None)
        store = self.store
        if store.lock is not None and store.lock.session_id == session.id:
            store.lock = None
            if store.candidate_modified():
                store.discard_candidate()
        store.private.pop(session.id, None)
        if self.pending is not None and self.pending.owner == session.id:  # it dies with its session
            self.rollback_pending(f"commit confirmed rollback (session {session.id} ended)")
        self.notify()

    async def reset(self) -> None:
        """Factory state: no sessions, no faults, baseline committed, empty log."""
        for s in list(self.sessions.values()):
            s.detached = True  # its own cleanup must not touch the fresh state or log
            s.abort()
            self.session_ended(s)
        for daemon in self.daemons.values():
            daemon.begin_reset(self)
        await self.faults.clear()
        if self.pending is not None:
            self.pending.handle.cancel()
            self.pending = None
        self.store.reset()
        self.ops.clear()
        for daemon in self.daemons.values():
            daemon.end_reset(self)
        self.log.truncate()
        self.events.clear()

    def state(self, full: bool = True) -> dict[str, Any]:
        """Inspection for tests (control socket `state`)."""
        store = self.store
        lock = store.lock
        out: dict[str, Any] = {
            "name": self.name,
            "port": self.port,
            "listening": self.listener is not None,
            "sessions": sorted(self.sessions),
            "lock": None if lock is None else {"session": lock.session_id, "user": lock.user, "phantom": lock.phantom},
            "candidate_modified": store.candidate_modified(),
            "private": {str(sid): not same(p.config, store.committed.config) for sid, p in store.private.items()},
            "confirmed_pending": None if self.pending is None else self.pending.describe(),
            "commits": len(store.history),
            "committed_sequence": store.committed.sequence,
            "faults": self.faults.describe(),
            "events": dict(self.events),
        }
        if full:
            out.update({name: daemon.describe() for name, daemon in self.daemons.items()})
            out["committed"] = to_bytes(store.committed.config, pretty=True).decode()
            out["candidate"] = to_bytes(store.candidate, pretty=True).decode()
            out["history"] = [
                {"sequence": r.sequence, "user": r.user, "log": r.log, "seconds": r.seconds} for r in store.history
            ]
        return out
