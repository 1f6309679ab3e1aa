"""Operations on Junos configuration trees: load semantics, subtree filters, inheritance, equality.

Every tree here is namespace-free Junos XML rooted at <configuration> (see xmlutil.strip_ns).
Load semantics follow the Junos XML API: elements merge by identity (tag + list keys, or tag +
value for leaf-lists); `delete="delete"`, `replace="replace"`, `inactive="inactive"`,
`active="active"` and NETCONF `operation=` attributes change what happens to one element.
"""

from __future__ import annotations

import copy

from lxml import etree

from . import shape
from .errors import Error, RpcFailure, edit_path
from .xmlutil import children


def identity(path: tuple[str, ...], e: etree._Element) -> tuple[str, ...]:
    """How Junos tells this element apart from its siblings."""
    sh = shape.current()
    keys = sh.keys(path, e)
    if keys:
        return (e.tag, *((e.findtext(k) or "").strip() for k in keys))
    if sh.is_leaf_list(path, e):
        return (e.tag, (e.text or "").strip())
    return (e.tag,)


def find_match(parent: etree._Element, path: tuple[str, ...], e: etree._Element) -> etree._Element | None:
    want = identity(path, e)
    for c in parent:
        if c.tag == e.tag and identity(path, c) == want:
            return c
    return None


def label(path: tuple[str, ...], e: etree._Element) -> str:
    """CLI-like label of an element for error paths: 'interface ge-0/0/0' or 'system'."""
    ident = identity(path, e)
    return " ".join(x for x in ident if x)


def operation(e: etree._Element, default: str) -> str:
    op = e.get("operation")
    if op:
        return op
    if e.get("delete") == "delete":
        return "delete"
    if e.get("replace") == "replace":
        return "replace"
    return default


def clean(e: etree._Element) -> etree._Element:
    """Copy of a loaded element as it is stored: deleted children dropped, and no attributes but
    `inactive="inactive"` (load directives and output decoration such as changed-seconds go)."""
    new = copy.deepcopy(e)
    for node in list(new.iter()):
        if node is not new and operation(node, "merge") in ("delete", "remove"):
            p = node.getparent()
            if p is not None:
                p.remove(node)
            continue
        inactive = node.get("inactive") == "inactive"
        node.attrib.clear()
        if inactive:
            node.set("inactive", "inactive")
    return new


def _insert(parent: etree._Element, new: etree._Element) -> None:
    """Append, but keep repeated tags (list entries, leaf-list values) together."""
    last = None
    for c in parent:
        if c.tag == new.tag:
            last = c
    if last is None:
        parent.append(new)
    else:
        last.addnext(new)


def _set_activation(target: etree._Element, src: etree._Element) -> None:
    if src.get("inactive") == "inactive":
        target.set("inactive", "inactive")
    elif src.get("active") == "active" or src.get("inactive") == "active":
        target.attrib.pop("inactive", None)


class _Siblings:
    """Finds a target's child by identity; indexed once the parent has many children, so a
    load of thousands of list entries stays linear instead of quadratic."""

    INDEX_FROM = 16

    def __init__(self, parent: etree._Element, path: tuple[str, ...]) -> None:
        self.parent = parent
        self.path = path
        self.index: dict[tuple[str, ...], etree._Element] | None = None
        self.last: dict[str, etree._Element] = {}
        if len(parent) >= self.INDEX_FROM:
            self.index = {}
            for c in reversed(children(parent)):
                self.index[identity(path + (c.tag,), c)] = c
                self.last.setdefault(c.tag, c)

    def find(self, p: tuple[str, ...], e: etree._Element) -> etree._Element | None:
        if self.index is None:
            return find_match(self.parent, p, e)
        return self.index.get(identity(p, e))

    def insert(self, p: tuple[str, ...], new: etree._Element) -> None:
        if self.index is None:
            _insert(self.parent, new)
            return
        last = self.last.get(new.tag)
        if last is not None and last.getparent() is self.parent:
            last.addnext(new)
        else:
            _insert(self.parent, new)
        self.last[new.tag] = new
        self.index.setdefault(identity(p, new), new)

    def replace(self, p: tuple[str, ...], old: etree._Element, new: etree._Element) -> None:
        self.parent.replace(old, new)
        if self.index is not None:
            self.index[identity(p, new)] = new

    def remove(self, p: tuple[str, ...], old: etree._Element) -> None:
        if self.index is not None:
            self.index.pop(identity(p, old), None)
        self.parent.remove(old)


def merge(
    target: etree._Element,
    src: etree._Element,
    default_op: str = "merge",
    path: tuple[str, ...] = (),
    strict: bool = False,
) -> None:
    """Apply `src`'s children to `target` in place.

    default_op is "merge" (load merge/replace, edit-config merge) or "none" (edit-config
    default-operation none: only explicit operations act). `strict` makes NETCONF `create` of an
    existing element and `delete` of a missing one fail, as edit-config requires.
    """
    sh = shape.current()
    siblings = _Siblings(target, path)
    for s in children(src):
        p = path + (s.tag,)
        op = operation(s, default_op)
        t = siblings.find(p, s)
        keys = sh.keys(p, s)
        if op in ("delete", "remove"):
            if t is not None:
                siblings.remove(p, t)
            elif sh.is_leaf_list(p, s) and not (s.text or "").strip():
                for c in [c for c in target if c.tag == s.tag]:
                    siblings.remove(p, c)
            elif op == "delete" and strict:
                raise RpcFailure(
                    Error("statement not found", tag="data-missing", path=edit_path(path), bad_element=label(p, s))
                )
            continue
        if op == "create" and t is not None and strict:
            raise RpcFailure(
                Error("statement exists", tag="data-exists", path=edit_path(path), bad_element=label(p, s))
            )
        if op == "replace" or (t is None and op != "none"):
            new = clean(s)
            if t is not None:
                siblings.replace(p, t, new)
            else:
                siblings.insert(p, new)
            continue
        if t is None:  # default "none" and no explicit operation: descend only to find operations
            holder = etree.Element(s.tag)
            merge(holder, s, default_op, p, strict)
            continue
        _set_activation(t, s)
        kids = children(s)
        if not kids:
            if not sh.is_leaf_list(p, s) and op != "none":
                t.text = (s.text or "").strip() or None
            continue
        sub = [k for k in kids if k.tag not in keys or len(children(k)) or k.get("operation") or k.get("delete")]
        holder = etree.Element(s.tag)
        holder.extend(copy.deepcopy(k) for k in sub)
        merge(t, holder, default_op, p, strict)


def load_into(candidate: etree._Element, src: etree._Element, action: str) -> etree._Element:
    """Result of <load-configuration action=...> of `src` onto `candidate` (both <configuration>)."""
    if action in ("override", "update"):
        return clean(src)
    # merge, replace, set: elements merge unless their own attributes say otherwise
    result = copy.deepcopy(candidate)
    merge(result, src, "merge")
    return result


def subtree_filter(config: etree._Element, filt: etree._Element) -> etree._Element:
    """Junos/NETCONF subtree filtering: empty elements select subtrees, leaf text selects entries."""
    out = etree.Element(config.tag)
    _select(config, filt, out)
    return out


def _select(node: etree._Element, filt: etree._Element, out: etree._Element) -> None:
    for f in children(filt):
        fkids = children(f)
        ftext = (f.text or "").strip()
        conds = [k for k in fkids if not children(k) and (k.text or "").strip()]
        rest = [k for k in fkids if k not in conds]
        for c in node:
            if c.tag != f.tag:
                continue
            if not fkids:
                if not ftext or (c.text or "").strip() == ftext:
                    out.append(copy.deepcopy(c))
                continue
            if any((c.findtext(k.tag) or "").strip() != (k.text or "").strip() for k in conds):
                continue
            if not rest:
                out.append(copy.deepcopy(c))
                continue
            new = etree.SubElement(out, c.tag, dict(c.attrib))
            for k in conds:
                m = c.find(k.tag)
                if m is not None:
                    new.append(copy.deepcopy(m))
            sub_filter = etree.Element(f.tag)
            sub_filter.extend(copy.deepcopy(k) for k in rest)
            _select(c, sub_filter, new)
            if len(new) == len(conds):
                out.remove(new)


def strip_inactive(config: etree._Element) -> etree._Element:
    """Copy without inactive statements: what the router actually applies and checks."""
    new = copy.deepcopy(config)
    for node in list(new.iter()):
        if node.get("inactive") == "inactive" and node is not new:
            p = node.getparent()
            if p is not None:
                p.remove(node)
    return new


def inherit(config: etree._Element) -> etree._Element:
    """Apply configuration groups (`inherit="inherit"`): group content fills in, config wins."""
    cfg = copy.deepcopy(config)
    groups = {g.findtext("name"): g for g in cfg.findall("groups")}

    def fill(node: etree._Element, gnode: etree._Element, path: tuple[str, ...]) -> None:
        for gc in children(gnode):
            p = path + (gc.tag,)
            m = find_match(node, p, gc)
            if m is None:
                _insert(node, copy.deepcopy(gc))
            elif children(gc):
                fill(m, gc, p)

    def walk(node: etree._Element, path: tuple[str, ...]) -> None:
        for c in children(node):
            if c.tag not in ("groups", "apply-groups", "apply-groups-except"):
                walk(c, path + (c.tag,))
        for ag in node.findall("apply-groups"):
            g = groups.get((ag.text or "").strip())
            if g is None:
                continue
            gnode = g
            for tag_path in _element_path(node, cfg):
                gnode = _find_like(gnode, tag_path)
                if gnode is None:
                    break
            if gnode is not None:
                fill(node, gnode, path)

    walk(cfg, ())
    for tag in ("groups", "apply-groups", "apply-groups-except"):
        for e in cfg.iter(tag):
            p = e.getparent()
            if p is not None:
                p.remove(e)
    return cfg


def _element_path(node: etree._Element, root: etree._Element) -> list[etree._Element]:
    chain = []
    while node is not None and node is not root:
        chain.append(node)
        node = node.getparent()
    return list(reversed(chain))


def _find_like(gparent: etree._Element, e: etree._Element) -> etree._Element | None:
    name = e.findtext("name")
    for c in gparent:
        if c.tag == e.tag and (name is None or c.findtext("name") in (name, "<*>")):
            return c
    return None


def canonical(config: etree._Element) -> bytes:
    """Bytes that are equal exactly when two configurations are equal (order-sensitive)."""
    return etree.tostring(config, method="c14n")


def same(a: etree._Element, b: etree._Element) -> bool:
    return canonical(a) == canonical(b)
