"""One client session as the chassis sees it: who it is (id, user), which candidate it reads and
edits (the shared one, or its private copy) under Junos' lock rules, and what the RPC in progress
adds to its RPC log line.

The NETCONF session (mxsim.netconf.session.Session) extends it with the transport. RPC handlers,
CLI commands and commit take a SessionState, so they never see SSH or framing.
"""

from __future__ import annotations

import copy
import itertools
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..errors import Error, RpcFailure
from .datastore import PrivateCandidate

if TYPE_CHECKING:
    from .chassis import Chassis

_session_ids = itertools.count(40001)


class SessionState:
    def __init__(self, chassis: "Chassis", user: str) -> None:
        self.chassis = chassis
        self.user = user
        self.id = next(_session_ids)
        # Set by <close-session>: the session ends after this reply.
        self.closing = False
        # Fields the RPC in progress adds to its RPC log line (target, format, command ...).
        self.extras: dict[str, Any] = {}

    # ---- workspace: which candidate this session reads and edits -------------------------

    def private_candidate(self) -> PrivateCandidate | None:
        return self.chassis.store.private.get(self.id)

    def workspace(self) -> etree._Element:
        p = self.private_candidate()
        return p.config if p is not None else self.chassis.store.candidate

    def set_workspace(self, config: etree._Element) -> None:
        p = self.private_candidate()
        if p is not None:
            p.config = config
        else:
            self.require_unlocked_by_others()
            self.chassis.store.set_candidate(config)

    def open_private(self) -> None:
        store = self.chassis.store
        store.private[self.id] = PrivateCandidate(copy.deepcopy(store.committed.config), store.committed.sequence)

    def require_unlocked_by_others(self) -> None:
        lock = self.chassis.store.lock
        if lock is not None and lock.session_id != self.id:
            raise RpcFailure(
                Error(lock.message(), tag="lock-denied", type="protocol", info={"session-id": str(lock.session_id)})
            )
