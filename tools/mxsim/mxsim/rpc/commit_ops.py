"""<commit-configuration> (Junos), <commit>, <validate>, <discard-changes>, <cancel-commit>,
<get-commit-information> (`show system commit`)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from lxml import etree

from .. import commit
from ..errors import fail
from ..state.datastore import localtime
from ..xmlutil import JUNOS_NS, child, child_text, junos_attr
from . import rpc
from .replies import OK, Ok

if TYPE_CHECKING:
    from ..state.session import SessionState


def _number(text: str | None, what: str) -> float | None:
    if text is None or text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise fail(f"invalid {what} {text!r}", tag="invalid-value", bad_element=what) from None
    if value <= 0:
        raise fail(f"{what} must be positive", tag="invalid-value", bad_element=what)
    return value


@rpc("commit-configuration")
def commit_configuration(session: "SessionState", op: etree._Element) -> etree._Element:
    check = child(op, "check") is not None
    confirmed = child(op, "confirmed") is not None
    if child(op, "at-time") is not None:
        raise fail("commit at is not supported by mxsim", tag="operation-not-supported", bad_element="at-time")
    minutes = _number(child_text(op, "confirm-timeout"), "confirm-timeout")
    session.extras.update(check=check or None, confirmed=confirmed or None, confirm_timeout=minutes)
    return commit.commit(session, check=check, confirmed=confirmed, minutes=minutes, log=child_text(op, "log"))


@rpc("commit")
def commit_standard(session: "SessionState", op: etree._Element) -> Ok:
    confirmed = child(op, "confirmed") is not None
    seconds = _number(child_text(op, "confirm-timeout"), "confirm-timeout")
    minutes = None if seconds is None else seconds / 60.0
    if confirmed and minutes is None:
        minutes = 10.0  # RFC 6241 default: 600 seconds
    persist = child(op, "persist") is not None
    session.extras.update(confirmed=confirmed or None)
    commit.commit(session, confirmed=confirmed, minutes=minutes, persist=persist)
    return OK


@rpc("validate")
def validate(session: "SessionState", op: etree._Element) -> Ok:
    session.extras["target"] = "candidate"
    commit.validate(session)
    return OK


@rpc("discard-changes")
def discard_changes(session: "SessionState", op: etree._Element) -> Ok:
    session.require_unlocked_by_others()
    private = session.private_candidate()
    if private is not None:
        private.config = copy.deepcopy(session.chassis.store.committed.config)
    else:
        session.chassis.store.discard_candidate()
    return OK


@rpc("cancel-commit")
def cancel_commit(session: "SessionState", op: etree._Element) -> Ok:
    if session.chassis.pending is None:
        raise fail("no confirmed commit is pending", tag="operation-failed", type="protocol")
    session.chassis.rollback_pending("commit confirmed cancelled")
    return OK


@rpc("get-commit-information")
def get_commit_information(session: "SessionState", op: etree._Element) -> etree._Element:
    info = etree.Element("commit-information")
    for n, rev in enumerate(session.chassis.store.history):
        h = etree.SubElement(info, "commit-history")
        etree.SubElement(h, "sequence-number").text = str(n)
        etree.SubElement(h, "user").text = rev.user
        etree.SubElement(h, "client").text = rev.client
        dt = etree.SubElement(h, "date-time", nsmap={"junos": JUNOS_NS})
        dt.set(junos_attr("seconds"), str(int(rev.seconds)))  # as Junos dates its XML output
        dt.text = localtime(rev.seconds)
        if rev.log:
            etree.SubElement(h, "log").text = rev.log
        if rev.confirm_minutes:
            etree.SubElement(h, "comment").text = f"commit confirmed, rollback in {rev.confirm_minutes}mins"
    return info
