"""srd RPCs: `get-services-redundancy-group-information` (and the `-id-` form), and
`request-services-redundancy-set` (the manual trigger). Reply shapes: docs/srd-operational-replies.md.

A refused trigger is an rpc-error naming the event, the set, the engine's reason and its rule id
in parentheses; the switchover of an accepted one runs in the background (mxsim.srd.switchover).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from lxml import etree

from ..errors import Error, RpcFailure, fail
from ..srd import show, view
from ..srd.daemon import Refused
from ..xmlutil import child, child_text
from . import rpc

if TYPE_CHECKING:
    from ..state.session import SessionState

NOT_RUNNING = "services redundancy daemon is not running"


def running_srd(session: "SessionState") -> Any:
    """The pair's srd, or the rpc-error Junos gives when the daemon is not running here."""
    srd = session.chassis.srd
    if srd is None or not srd.daemon_running(session.chassis.name):
        raise RpcFailure(Error(NOT_RUNNING, tag="operation-failed"))
    return srd


def level_of(op: etree._Element, levels: tuple[str, ...], default: str) -> str:
    """A nokeyword enumeration: `<brief/>`, or `<verbose>brief</verbose>` and the like."""
    return level_and_form(op, levels, default)[0]


def level_and_form(op: etree._Element, levels: tuple[str, ...], default: str) -> tuple[str, str, Optional[str]]:
    """(level, form, the argument's element): form is empty-element, verbose-leaf or no-argument."""
    for lv in levels:
        if child(op, lv) is not None:
            return lv, "empty-element", lv
    for c in op:
        if isinstance(c.tag, str) and (c.text or "").strip() in levels:
            return (c.text or "").strip(), "verbose-leaf", etree.QName(c).localname
    return default, "no-argument", None


def _level(session: "SessionState", op: etree._Element) -> str:
    """The verbosity asked for; a chassis with the `verbosity-form` variant refuses the other forms."""
    level, form, element = level_and_form(op, show.LEVELS, "terse")
    variant = session.chassis.faults.get("verbosity-form")
    session.extras.update(form=form)
    if variant is not None and form != variant.values["accept"]:
        raise RpcFailure(Error("syntax error", type="protocol", bad_element=element or op.tag))
    return level


def redundancy_group(session: "SessionState", level: str, group: Optional[int] = None) -> etree._Element:
    srd = running_srd(session)
    session.extras.update(level=level, group=group)
    return show.redundancy_group_xml(view.redundancy(srd, session.chassis), level, group)


def _int(text: Optional[str], what: str) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        raise fail(f"invalid value for {what}: {text!r}", tag="invalid-value", bad_element=what) from None


@rpc("get-services-redundancy-group-information")
def get_redundancy_group(session: "SessionState", op: etree._Element) -> etree._Element:
    return redundancy_group(session, _level(session, op))


@rpc("get-services-redundancy-group-id-information")
def get_redundancy_group_id(session: "SessionState", op: etree._Element) -> etree._Element:
    rg = child_text(op, "id")
    if rg is None:
        raise fail("missing mandatory argument: id", tag="missing-element", bad_element="id")
    return redundancy_group(session, _level(session, op), _int(rg, "id"))


def trigger(session: "SessionState", set_text: Optional[str], event: Optional[str], force: bool) -> etree._Element:
    """Run the manual request; the reply's <output>, or an rpc-error if srd refuses it."""
    if set_text is None:
        raise fail("missing mandatory argument: id", tag="missing-element", bad_element="id")
    if not event:
        raise fail(
            "missing mandatory argument: redundancy-event", tag="missing-element", bad_element="redundancy-event"
        )
    set_id = _int(set_text, "id")
    srd = session.chassis.srd
    if srd is None:
        raise RpcFailure(Error(NOT_RUNNING, tag="operation-failed"))
    session.extras.update(set=set_id, redundancy_event=event, force=force or None)
    try:
        accepted = srd.trigger(session.chassis.name, set_id, event, force)
    except Refused as exc:
        session.extras["rule"] = exc.rule
        prefix = f"{NOT_RUNNING}: " if exc.rule == "daemon.disabled" else ""
        raise RpcFailure(
            Error(
                f"{prefix}redundancy event {event} not triggered on redundancy set {set_id}: {exc.message} ({exc.rule})",
                tag="operation-failed",
                bad_element=event,
            )
        ) from None
    session.extras["rule"] = accepted.decision.rule_id
    out = etree.Element("output")
    out.text = f"Triggered redundancy event {event} on redundancy set {set_id}"
    return out


@rpc("request-services-redundancy-set")
def request_redundancy_set(session: "SessionState", op: etree._Element) -> etree._Element:
    if child(op, "trigger") is None:
        raise fail("missing mandatory argument: trigger", tag="missing-element", bad_element="trigger")
    return trigger(session, child_text(op, "id"), child_text(op, "redundancy-event"), child(op, "force") is not None)
