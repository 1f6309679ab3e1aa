"""Reading configuration: <get-configuration> (Junos), <get-config> and <get> (NETCONF)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from lxml import etree

from .. import syntax
from ..confops import inherit, subtree_filter
from ..errors import Error, RpcFailure, fail
from ..jsonfmt import to_json
from ..state.datastore import localtime
from ..xmlutil import JUNOS_NS, child, children, junos_attr
from . import rpc
from .replies import RawText

if TYPE_CHECKING:
    from ..state.session import SessionState

FORMATS = ("xml", "text", "set", "json")


def decorations(session: "SessionState", database: str) -> dict[str, str]:
    """The junos:changed-* (and commit-*) attributes Junos puts on <configuration>."""
    store = session.chassis.store
    rev = store.committed
    if database == "committed":
        changed = rev.seconds
    else:
        private = session.private_candidate()
        changed = store.candidate_changed if private is None else rev.seconds
    attrs = {"changed-seconds": str(int(changed)), "changed-localtime": localtime(changed)}
    if database == "committed":
        attrs.update(
            {
                "commit-seconds": str(int(rev.seconds)),
                "commit-localtime": localtime(rev.seconds),
                "commit-user": rev.user,
            }
        )
    return attrs


def select(session: "SessionState", database: str, rollback: str | None) -> etree._Element:
    store = session.chassis.store
    if rollback is not None:
        rev = store.rollback(_rollback_number(rollback))
        if rev is None:
            raise fail(f"rollback {rollback} does not exist", tag="invalid-value", bad_element=rollback)
        return rev.config
    if database == "committed":
        return store.committed.config
    if database != "candidate":
        raise fail(f"unsupported database {database!r}", tag="invalid-value", bad_element=database)
    return session.workspace()


def _rollback_number(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise fail("rollback must be a number from 0 to 49", tag="invalid-value", bad_element=text) from None
    if not 0 <= n <= 49:
        raise fail("rollback must be a number from 0 to 49", tag="invalid-value", bad_element=text)
    return n


def render(config: etree._Element, fmt: str, attrs: dict[str, str]) -> Any:
    """<configuration> in the requested Junos format, as the reply body."""
    if fmt == "xml":
        out = copy.deepcopy(config)
        etree.cleanup_namespaces(out)
        res = etree.Element("configuration", nsmap={"junos": JUNOS_NS})
        for k, v in attrs.items():
            res.set(junos_attr(k), v)
        for k, v in out.attrib.items():
            res.set(k, v)
        res.extend(children(out))
        return res
    if fmt == "text":
        header = f"## Last changed: {attrs['changed-localtime']}\n" if "changed-localtime" in attrs else ""
        el = etree.Element("configuration-text")
        el.text = header + syntax.to_text(config)
        return el
    if fmt == "set":
        el = etree.Element("configuration-set")
        el.text = syntax.to_set(config)
        return el
    if fmt == "json":
        return RawText(to_json(config, {"junos:" + k: v for k, v in attrs.items()}))
    raise RpcFailure(Error(f"unsupported format {fmt!r}", tag="invalid-value", bad_element=fmt))


def compare(session: "SessionState", rollback: str | None) -> etree._Element:
    """`show | compare rollback N`: Junos diff text; a lone newline when nothing differs."""
    store = session.chassis.store
    rev = store.rollback(_rollback_number(rollback or "0"))
    if rev is None:
        raise fail(f"rollback {rollback} does not exist", tag="invalid-value", bad_element=rollback)
    diff = syntax.compare_text(rev.config, session.workspace())
    info = etree.Element("configuration-information")
    out = etree.SubElement(info, "configuration-output")
    out.text = diff if diff.strip() else "\n"
    return info


@rpc("get-configuration")
def get_configuration(session: "SessionState", op: etree._Element) -> Any:
    database = op.get("database", "candidate")
    fmt = op.get("format", "xml")
    session.extras.update(database=database, format=fmt)
    if fmt not in FORMATS:
        raise fail(f"unsupported format {fmt!r}", tag="invalid-value", bad_element=fmt)
    if op.get("compare") == "rollback":
        session.extras["compare"] = op.get("rollback", "0")
        return compare(session, op.get("rollback"))
    config = select(session, database, op.get("rollback"))
    if op.get("inherit") in ("inherit", "defaults"):
        config = inherit(config)
    filt = child(op, "configuration")
    if filt is not None and len(filt):
        config = subtree_filter(config, filt)
    return render(config, fmt, decorations(session, database))


def _source(op: etree._Element, default: str) -> str:
    src = child(op, "source")
    if src is None or not len(src):
        return default
    name = children(src)[0].tag
    if name not in ("running", "candidate"):
        raise fail(f"unsupported source <{name}>", tag="invalid-value", type="protocol", bad_element=name)
    return "committed" if name == "running" else "candidate"


def _filtered(session: "SessionState", op: etree._Element, database: str) -> etree._Element:
    config = select(session, database, None)
    f = child(op, "filter")
    if f is not None:
        if f.get("type", "subtree") != "subtree":
            raise fail("only subtree filters are supported", tag="operation-not-supported", type="protocol")
        inner = child(f, "configuration")
        if inner is not None and len(inner):
            config = subtree_filter(config, inner)
        elif inner is None and len(f):
            config = etree.Element("configuration")
    return config


@rpc("get-config")
def get_config(session: "SessionState", op: etree._Element) -> etree._Element:
    database = _source(op, "committed")
    session.extras.update(database=database)
    data = etree.Element("data")
    data.append(render(_filtered(session, op, database), "xml", decorations(session, database)))
    return data


@rpc("get")
def get(session: "SessionState", op: etree._Element) -> etree._Element:
    session.extras.update(database="committed")
    data = etree.Element("data")
    data.append(render(_filtered(session, op, "committed"), "xml", decorations(session, "committed")))
    return data
