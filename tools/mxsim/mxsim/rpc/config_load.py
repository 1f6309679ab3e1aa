"""<load-configuration>: merge / replace / override / update / set, XML, text, set or JSON, rollback."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from lxml import etree

from .. import syntax
from ..confops import load_into, merge
from ..errors import Error, RpcFailure
from ..jsonfmt import from_json
from ..loadcheck import unknown_statements
from ..xmlutil import child, children
from . import rpc

if TYPE_CHECKING:
    from ..state.session import SessionState

ACTIONS = ("merge", "replace", "override", "update", "set")


def results(ok: bool = True) -> etree._Element:
    res = etree.Element("load-configuration-results")
    if ok:
        etree.SubElement(res, "ok")
    return res


def load_failure(errors: list[Error]) -> RpcFailure:
    count = etree.Element("load-error-count")
    count.text = str(len(errors))
    return RpcFailure(errors, wrapper="load-configuration-results", trailer=[count])


def unwrap(config: etree._Element) -> etree._Element:
    """ncclient and junos_config send <configuration><configuration>...; PyEZ sends one layer."""
    while len(config) == 1 and children(config) and children(config)[0].tag == "configuration":
        config = children(config)[0]
    return config


def incoming(op: etree._Element, action: str, fmt: str) -> list[etree._Element]:
    """The configuration(s) the request carries, as XML with load directives, applied in order
    (one per line for set loads)."""
    if action == "set" or child(op, "configuration-set") is not None:
        text = op.findtext("configuration-set")
        if text is None:
            text = op.findtext("configuration-text")
        return syntax.parse_set(text or "")
    if fmt == "text" or child(op, "configuration-text") is not None:
        parsed = syntax.parse_text(op.findtext("configuration-text") or "")
        if action != "replace":  # `replace:` tags only mean something to load replace
            for e in parsed.iter():
                if e.get("operation") == "replace":
                    del e.attrib["operation"]
        return [parsed]
    if fmt == "json" or child(op, "configuration-json") is not None:
        try:
            cfg = from_json(op.findtext("configuration-json") or "")
        except ValueError as exc:
            raise load_failure([Error(str(exc), tag="invalid-value", path="[edit]")]) from None
        errors = unknown_statements(cfg)
        if errors:
            raise load_failure(errors)
        return [cfg]
    cfg = child(op, "configuration")
    if cfg is None:
        raise load_failure([Error("syntax error, expecting <configuration>", tag="missing-element", path="[edit]")])
    cfg = unwrap(cfg)
    errors = unknown_statements(cfg)
    if errors:
        raise load_failure(errors)
    return [cfg]


def _drop_replace_tags(config: etree._Element) -> None:
    """`replace:`/replace="replace" only means something with action="replace" (as on Junos)."""
    for e in config.iter():
        if e.get("replace") == "replace":
            del e.attrib["replace"]


@rpc("load-configuration")
def load_configuration(session: "SessionState", op: etree._Element) -> etree._Element:
    rollback = op.get("rollback")
    action = op.get("action", "merge")
    fmt = op.get("format", "xml")
    if rollback is not None:
        session.extras["rollback"] = rollback
    else:
        session.extras.update(action=action, format=fmt)
    if op.get("url"):
        raise load_failure([Error("loading from a URL is not supported by mxsim", tag="operation-not-supported")])
    try:
        session.require_unlocked_by_others()
    except RpcFailure as exc:
        raise load_failure(exc.errors) from None
    if rollback is not None:
        from .config_get import _rollback_number

        rev = session.chassis.store.rollback(_rollback_number(rollback))
        if rev is None:
            raise load_failure(
                [Error(f"rollback {rollback} does not exist", tag="invalid-value", bad_element=rollback)]
            )
        session.set_workspace(copy.deepcopy(rev.config))
        return results()
    if action not in ACTIONS:
        raise load_failure([Error(f"invalid action {action!r}", tag="invalid-value", bad_element=action)])
    try:
        sources = incoming(op, action, fmt)
    except RpcFailure as exc:
        if exc.wrapper:
            raise
        raise load_failure(exc.errors) from None
    try:
        if len(sources) == 1:
            if action != "replace":
                _drop_replace_tags(sources[0])
            new = load_into(session.workspace(), sources[0], action)
        else:  # set lines, applied one after the other
            new = copy.deepcopy(session.workspace())
            for src in sources:
                merge(new, src, "merge")
    except RpcFailure as exc:
        raise load_failure(exc.errors) from None
    session.set_workspace(new)
    return results()
