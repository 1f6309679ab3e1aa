"""Exclusive lock of the shared candidate (<lock>, <lock-configuration>) and private candidates
(<open-configuration><private/>, <close-configuration/>), with Junos' rules.

Junos refuses an exclusive lock while the shared candidate has uncommitted changes
("configuration database modified"), and discards changes made under a lock when the lock is
released or its session ends before a commit.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import Error, RpcFailure, fail
from ..state.datastore import LockHolder
from ..xmlutil import child, children
from . import rpc
from .replies import OK, Ok

if TYPE_CHECKING:
    from ..state.session import SessionState


def _target(op: etree._Element) -> str:
    t = child(op, "target")
    name = children(t)[0].tag if t is not None and len(t) else "candidate"
    if name != "candidate":
        raise fail(
            f"cannot lock <{name}>; only the candidate can be locked",
            tag="invalid-value",
            type="protocol",
            bad_element=name,
        )
    return name


def acquire(session: "SessionState") -> None:
    store = session.chassis.store
    if store.lock is not None:
        if store.lock.session_id == session.id:
            return
        raise RpcFailure(
            Error(
                store.lock.message(),
                tag="lock-denied",
                type="protocol",
                info={"session-id": str(store.lock.session_id)},
            )
        )
    if session.private_candidate() is not None:
        raise fail(
            "cannot lock the shared candidate while a private candidate is open", tag="lock-denied", type="protocol"
        )
    if store.candidate_modified():
        raise RpcFailure(Error("configuration database modified", tag="lock-denied", type="protocol"))
    store.lock = LockHolder(session.id, session.user, time.time())


def release(session: "SessionState") -> None:
    store = session.chassis.store
    if store.lock is None or store.lock.session_id != session.id:
        raise fail("configuration database is not locked by this session", tag="operation-failed", type="protocol")
    store.lock = None
    if store.candidate_modified():
        store.discard_candidate()


@rpc("lock")
def lock(session: "SessionState", op: etree._Element) -> Ok:
    session.extras["target"] = _target(op)
    acquire(session)
    return OK


@rpc("unlock")
def unlock(session: "SessionState", op: etree._Element) -> Ok:
    session.extras["target"] = _target(op)
    release(session)
    return OK


@rpc("lock-configuration")
def lock_configuration(session: "SessionState", op: etree._Element) -> None:
    session.extras["target"] = "candidate"
    acquire(session)
    return None


@rpc("unlock-configuration")
def unlock_configuration(session: "SessionState", op: etree._Element) -> None:
    session.extras["target"] = "candidate"
    release(session)
    return None


@rpc("open-configuration")
def open_configuration(session: "SessionState", op: etree._Element) -> list[etree._Element] | None:
    if child(op, "private") is None:
        raise fail(
            "only <private/> is supported by open-configuration here", tag="operation-not-supported", bad_element=op.tag
        )
    session.extras["target"] = "private"
    store = session.chassis.store
    if session.private_candidate() is not None:
        return None
    if store.lock is not None and store.lock.session_id != session.id:
        raise RpcFailure(Error(store.lock.message(), tag="lock-denied", type="protocol"))
    if store.candidate_modified():
        raise fail("shared configuration database modified", tag="operation-failed", type="protocol")
    session.open_private()
    # Junos answers with a warning; PyEZ expects exactly this message.
    return [Error("uncommitted changes will be discarded on exit", severity="warning", type="protocol").to_element()]


@rpc("close-configuration")
def close_configuration(session: "SessionState", op: etree._Element) -> Ok:
    session.extras["target"] = "private"
    session.chassis.store.private.pop(session.id, None)
    return OK
