"""<close-session>, <kill-session>, <request-end-session>."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from ..errors import fail
from . import rpc
from .replies import OK, Ok

if TYPE_CHECKING:
    from ..state.session import SessionState


@rpc("close-session", "request-end-session")
def close_session(session: "SessionState", op: etree._Element) -> Ok:
    session.closing = True
    return OK


@rpc("kill-session")
def kill_session(session: "SessionState", op: etree._Element) -> Ok:
    sid = (op.findtext("session-id") or "").strip()
    if not sid.isdigit():
        raise fail("kill-session needs a numeric <session-id>", tag="missing-element", type="protocol")
    if int(sid) == session.id:
        raise fail("cannot kill your own session", tag="invalid-value", type="protocol")
    victim = session.chassis.sessions.get(int(sid))
    store = session.chassis.store
    if victim is None:
        if store.lock is not None and store.lock.phantom and store.lock.session_id == int(sid):
            store.lock = None  # the phantom lock holder goes away like a real session would
            return OK
        raise fail(f"session {sid} does not exist", tag="invalid-value", type="protocol")
    victim.abort()
    session.chassis.session_ended(victim)
    return OK
