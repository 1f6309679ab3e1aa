# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One chassis' NETCONF session as a pair job holds it: opened lazily, reopened on demand.

Why a wrapper around :class:`NcclientSession`: a pair transaction must re-read a chassis after its
session dropped (the commit may or may not have applied), so the job asks for a fresh session and
keeps counting RPCs across both. Every RPC still goes through :class:`Transport`.
"""
from __future__ import annotations

import threading
import time
from typing import Callable, Optional

from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import (
    ConnectError, ConnectionParams, NcclientSession,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcStats, Transport

Opener = Callable[[ConnectionParams], "object"]


class ChassisLink:
    """The controller's session to one chassis; ``transport`` opens it on first use."""

    def __init__(self, params: ConnectionParams, opener: Optional[Opener] = None,
                 clock: Callable[[], float] = time.monotonic):
        self.params = params
        self.name = params.name
        self._opener = opener or (lambda p: NcclientSession(p).open())
        self._clock = clock
        self._session = None
        self._transport: Optional[Transport] = None
        self._previous = RpcStats()
        self.opens = 0
        self.connect_seconds = 0.0
        self._lock = threading.Lock()

    @property
    def transport(self) -> Transport:
        with self._lock:
            if self._transport is None:
                started = self._clock()
                try:
                    self._session = self._opener(self.params)
                finally:
                    self.connect_seconds += self._clock() - started
                self.opens += 1
                self._transport = Transport(self._session.send, self._clock)
            return self._transport

    def reopen(self) -> Transport:
        """Close the current session (if any) and open a new one; the RPC count carries over."""
        self.close()
        return self.transport

    def close(self) -> None:
        with self._lock:
            if self._transport is not None:
                _add(self._previous, self._transport.stats)
            session, self._session, self._transport = self._session, None, None
        if session is not None:
            session.close()

    @property
    def stats(self) -> RpcStats:
        total = RpcStats()
        _add(total, self._previous)
        if self._transport is not None:
            _add(total, self._transport.stats)
        return total

    @property
    def warnings(self) -> list:
        return list(self._transport.warnings) if self._transport is not None else []


def _add(total: RpcStats, more: RpcStats) -> None:
    total.rpcs += more.rpcs
    total.seconds += more.seconds
    total.checks += more.checks
    total.sent.extend(more.sent)
    for name, count in more.by_rpc.items():
        total.by_rpc[name] = total.by_rpc.get(name, 0) + count


__all__ = ["ChassisLink", "ConnectError", "ConnectionParams"]
