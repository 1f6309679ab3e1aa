"""`show configuration [path] [| display set|xml|json] [| compare rollback N]` (committed config)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from lxml import etree

from .. import shape, syntax
from ..errors import fail
from ..jsonfmt import to_json
from ..rpc.config_get import decorations, render
from ..rpc.replies import RawText
from ..xmlutil import children
from . import Output, Request, command

if TYPE_CHECKING:
    from ..state.session import SessionState


def select_path(config: etree._Element, words: list[str]) -> tuple[etree._Element, int]:
    """The committed config reduced to a CLI path, and how many brace levels wrap the selection.

    A statement the schema knows but the configuration lacks selects nothing (Junos prints
    nothing); a word the schema does not know is a syntax error.
    """
    out = etree.Element("configuration")
    src, dst, levels, i = config, out, 0, 0
    path: tuple[str, ...] = ()
    gnode = syntax.grammar()
    while i < len(words):
        w = words[i]
        same_tag = [c for c in children(src) if c.tag == w]
        i += 1
        node: etree._Element | None
        if same_tag:
            node = same_tag[0]
            keys = shape.current().keys(path + (w,), node)
            if keys and i < len(words):
                node = next((c for c in same_tag if (c.findtext(keys[0]) or "") == words[i]), None)
                i += 1
            elif keys or len(same_tag) > 1:
                for c in same_tag:
                    dst.append(copy.deepcopy(c))
                return out, levels
        else:  # list keyword omitted on the CLI (`interfaces fxp0`, `routing-instances HA`)
            node = next((c for c in children(src) if children(c) and c.findtext("name") == w), None)
        if node is None:
            if gnode is not None and _child(gnode, w) is None and not _keyword_free_list(gnode):
                raise fail(f"syntax error: {w}", type="protocol", bad_element=w)
            return out, levels
        path += (node.tag,)
        gnode = _child(gnode, node.tag)
        if i == len(words):
            dst.append(copy.deepcopy(node))
            return out, levels + (1 if children(node) else 0)
        shell = etree.SubElement(dst, node.tag, dict(node.attrib))
        for k in shape.current().keys(path, node):
            kn = node.find(k)
            if kn is not None:
                shell.append(copy.deepcopy(kn))
        src, dst, levels = node, shell, levels + 1
    return copy.deepcopy(config), 0


def _child(gnode: Any, name: str) -> Any:
    if gnode is None or getattr(gnode, "passthrough", False):
        return None
    return gnode.child(name)


def _keyword_free_list(gnode: Any) -> bool:
    """Whether a name typed here may be an entry of a list whose keyword the CLI omits."""
    if getattr(gnode, "passthrough", False):
        return True
    return any(c.kind == "list" and getattr(c, "nokeyword", False) for c in gnode.children())


def _strip_levels(text: str, levels: int) -> str:
    if levels == 0:
        return text
    lines = text.rstrip("\n").splitlines()
    body = lines[levels:-levels] if len(lines) > 2 * levels else []
    pad = " " * (4 * levels)
    return "\n".join(ln[len(pad) :] if ln.startswith(pad) else ln.lstrip() for ln in body) + "\n"


def _wrapped(text: str) -> etree._Element:
    info = etree.Element("configuration-information")
    etree.SubElement(info, "configuration-output").text = text
    return info


@command("show configuration")
def show_configuration(session: "SessionState", req: Request) -> Output:
    store = session.chassis.store
    if req.compare is not None:
        if len(req.compare) != 2 or req.compare[0] != "rollback" or not req.compare[1].isdigit():
            raise fail("syntax error: expecting 'compare rollback N'", type="protocol")
        rev = store.rollback(int(req.compare[1]))
        if rev is None:
            raise fail(f"rollback {req.compare[1]} does not exist", tag="invalid-value")
        diff = syntax.compare_text(rev.config, store.committed.config)
        return Output(text_element=_wrapped(diff if diff.strip() else "\n"))
    config, levels = select_path(store.committed.config, req.args)
    attrs = decorations(session, "committed")
    if req.display == "xml":
        return Output(xml=render(config, "xml", attrs))
    if req.display == "json":
        return Output(raw=RawText(to_json(config, {"junos:" + k: v for k, v in attrs.items()})))
    if req.display == "set":
        return Output(text_element=_wrapped(syntax.to_set(config)))
    header = f"## Last commit: {attrs['commit-localtime']} by {attrs['commit-user']}\n" if not req.args else ""
    return Output(text_element=_wrapped(header + _strip_levels(syntax.to_text(config), levels)))
