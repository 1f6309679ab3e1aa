"""<edit-config> (NETCONF standard; what ansible.netcommon.netconf_config sends)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from lxml import etree

from .. import syntax
from ..confops import clean, merge
from ..errors import RpcFailure, fail
from ..loadcheck import unknown_statements
from ..xmlutil import child, children
from . import rpc
from .config_load import unwrap
from .replies import OK, Ok

if TYPE_CHECKING:
    from ..state.session import SessionState


def target_of(op: etree._Element) -> str:
    t = child(op, "target")
    name = children(t)[0].tag if t is not None and len(t) else "(none)"
    if name != "candidate":
        raise fail(
            f"<{name}> is not a writable target here; use <candidate/>",
            tag="invalid-value",
            type="protocol",
            bad_element=name,
        )
    return name


@rpc("edit-config")
def edit_config(session: "SessionState", op: etree._Element) -> Ok:
    session.extras["target"] = target_of(op)
    default_op = op.findtext("default-operation") or "merge"
    session.extras["default_operation"] = default_op
    if default_op not in ("merge", "replace", "none"):
        raise fail(f"invalid default-operation {default_op!r}", tag="invalid-value", type="protocol")
    session.require_unlocked_by_others()
    text = child(op, "config-text")
    if text is not None:
        src = syntax.parse_text(text.findtext("configuration-text") or "")
        for e in src.iter():  # config-text follows load-merge rules: no replace: tags
            if e.get("operation") == "replace" and default_op != "replace":
                del e.attrib["operation"]
    else:
        cfg = child(op, "config")
        if cfg is None:
            raise fail("missing <config>", tag="missing-element", type="protocol", bad_element="config")
        inner = child(cfg, "configuration")
        if inner is None:
            raise fail("<config> must contain <configuration>", tag="missing-element", bad_element="config")
        src = unwrap(inner)
        errors = unknown_statements(src)
        if errors:
            raise RpcFailure(errors)
    if default_op == "replace":
        new = clean(src)
    else:
        new = copy.deepcopy(session.workspace())
        merge(new, src, default_op, strict=True)
    session.set_workspace(new)
    return OK
