"""One emulated MX chassis: identity, configuration databases, sessions, faults and its listener."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import TYPE_CHECKING, Any, Callable

from . import commit
from .baseline import baseline
from .confops import same
from .datastore import Datastore
from .faults import FaultSet
from .options import Options, peer_name
from .rpclog import RpcLog, log_path
from .xmlutil import JUNOS_VERSION, to_bytes

if TYPE_CHECKING:
    from .emulator import Emulator
    from .session import Session


class Chassis:
    model = "mx480"
    re_model = "RE-S-2X00x6"

    def __init__(self, emulator: "Emulator", name: str, pair: int, member: int, port: int) -> None:
        self.emulator = emulator
        self.name = name
        self.pair = pair
        self.member = member
        self.port = port
        self.hostname = name
        self.serial = f"JN{0x1A000 + pair * 2 + member:X}AFA"
        self.version = JUNOS_VERSION
        self.store = Datastore(baseline(name, pair, member))
        self.sessions: dict[int, "Session"] = {}
        self.faults = FaultSet(self)
        self.log = RpcLog(log_path(emulator.options.state_dir, name))
        self.log.truncate()
        self.events: Counter[str] = Counter()
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[bool]]] = []
        self.pending: commit.ConfirmedCommit | None = None
        self.listener: Any = None
        # Operational state that later modules (SRD roles, links, ICCP) keep per chassis.
        self.ops: dict[str, Any] = {}
        # srd of this chassis' pair (mxsim.srd.daemon.PairSrd), shared with the peer; set by srd.attach.
        self.srd: Any = None

    @property
    def options(self) -> Options:
        return self.emulator.options

    @property
    def peer(self) -> "Chassis":
        return self.emulator.chassis[peer_name(self.name)]

    async def start_listening(self) -> None:
        if self.listener is None:
            from .server import listen

            self.listener = await listen(self)

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
        if self.srd is not None:
            self.srd.committed_changed(self)

    def session_ended(self, session: "Session") -> None:
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
        commit.session_ended(self, session.id)
        self.notify()

    async def reset(self) -> None:
        """Factory state: no sessions, no faults, baseline committed, empty log."""
        for s in list(self.sessions.values()):
            s.detached = True  # its own cleanup must not touch the fresh state or log
            s.abort()
            self.session_ended(s)
        if self.srd is not None:
            self.srd.begin_reset(self.name)
        await self.faults.clear()
        if self.pending is not None:
            self.pending.handle.cancel()
            self.pending = None
        self.store.reset()
        self.ops.clear()
        if self.srd is not None:
            self.srd.end_reset(self)
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
        if full and self.srd is not None:
            out["srd"] = self.srd.describe()
        if full:
            out["committed"] = to_bytes(store.committed.config, pretty=True).decode()
            out["candidate"] = to_bytes(store.candidate, pretty=True).decode()
            out["history"] = [
                {"sequence": r.sequence, "user": r.user, "log": r.log, "seconds": r.seconds} for r in store.history
            ]
        return out
