"""<file-show> and <file-list> over a tiny read-only virtual filesystem (what PyEZ facts read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from ..errors import fail
from ..xmlutil import sub
from . import rpc

if TYPE_CHECKING:
    from ..state.session import SessionState

# /etc/hosts.junos maps the internal routing-engine addresses PyEZ uses to find the current RE.
FILES = {
    "/etc/hosts.junos": (
        "#\n# internal router addresses\n#\n" "128.0.0.1\tmaster\n128.0.0.4\tre0\n128.0.0.5\tre1\n128.0.0.6\tbackup\n"
    ),
}


@rpc("file-show")
def file_show(session: "SessionState", op: etree._Element) -> etree._Element:
    name = (op.findtext("filename") or "").strip()
    session.extras["filename"] = name
    if name not in FILES:
        raise fail(f"could not resolve file: {name}", tag="operation-failed", type="protocol")
    out = etree.Element("file-content", filename=name)
    out.text = FILES[name]
    return out


@rpc("file-list")
def file_list(session: "SessionState", op: etree._Element) -> etree._Element:
    path = (op.findtext("path") or "~").strip()
    home = f"/var/home/{session.user}/"
    root = home if path in ("~", "~/", home) else path
    info = etree.Element("directory-list", {"root-path": root})
    d = sub(info, "directory", name=root)
    sub(d, "total-files", "0")
    return info
