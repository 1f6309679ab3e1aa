"""Junos JSON rendering of configuration (format="json", `| display json`)."""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from . import shape
from .xmlutil import children

Path = tuple[str, ...]


def to_json(config: etree._Element, attrs: dict[str, str] | None = None) -> str:
    body = _obj(config, ())
    if attrs:
        body = {"@": attrs, **body}
    return json.dumps({"configuration": body}, indent=4)


def _obj(e: etree._Element, path: Path) -> dict[str, Any]:
    sh = shape.current()
    out: dict[str, Any] = {}
    for c in children(e):
        p = path + (c.tag,)
        if sh.keys(p, c):
            out.setdefault(c.tag, []).append(_with_meta(_obj(c, p), c))
        elif sh.is_leaf_list(p, c):
            out.setdefault(c.tag, []).append(c.text or None)
        elif children(c):
            out[c.tag] = _with_meta(_obj(c, p), c)
        elif c.text:
            out[c.tag] = c.text
            if c.get("inactive") == "inactive":
                out["@" + c.tag] = {"inactive": True}
        else:
            out[c.tag] = [None]
    return out


def _with_meta(body: dict[str, Any], e: etree._Element) -> dict[str, Any]:
    if e.get("inactive") == "inactive":
        return {"@": {"inactive": True}, **body}
    return body


def from_json(text: str) -> etree._Element:
    """Junos JSON configuration -> <configuration> XML (lists, [null] flags, "@" attributes)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"JSON syntax error: {exc}") from exc
    if not isinstance(doc, dict):
        raise ValueError("JSON configuration must be an object")
    body = doc.get("configuration", doc)
    root = etree.Element("configuration")
    _fill(root, body)
    return root


def _fill(parent: etree._Element, obj: dict[str, Any]) -> None:
    meta = obj.get("@")
    if isinstance(meta, dict):
        _attrs(parent, meta)
    for key, value in obj.items():
        if key.startswith("@"):
            continue
        for item in value if isinstance(value, list) else [value]:
            e = etree.SubElement(parent, key)
            if isinstance(item, dict):
                _fill(e, item)
            elif item is not None:
                e.text = str(item)
        leaf_meta = obj.get("@" + key)
        if isinstance(leaf_meta, dict):
            _attrs(parent[-1], leaf_meta)


def _attrs(e: etree._Element, meta: dict[str, Any]) -> None:
    for k, v in meta.items():
        k = k.split(":", 1)[-1]
        if k in ("inactive", "active", "delete", "replace") and v in (True, k):
            e.set(k, k)
        elif k == "operation":
            e.set(k, str(v))
