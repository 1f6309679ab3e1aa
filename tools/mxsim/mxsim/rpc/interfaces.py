"""<get-interface-information> (terse): configured interfaces, all up unless a module says not.

PyEZ's current-RE fact reads the private routing instance's internal addresses. Later issues
mark links down through `chassis.ops["links_down"]` (a set of interface names).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from ..xmlutil import sub
from . import rpc

if TYPE_CHECKING:
    from ..state.session import SessionState

PRIVATE_INSTANCE = "__juniper_private1__"


def _physical(info: etree._Element, name: str, up: bool) -> etree._Element:
    p = sub(info, "physical-interface")
    sub(p, "name", name)
    sub(p, "admin-status", "up")
    sub(p, "oper-status", "up" if up else "down")
    return p


def _logical(phys: etree._Element, name: str, up: bool, family: str, addresses: list[str]) -> None:
    lg = sub(phys, "logical-interface")
    sub(lg, "name", name)
    sub(lg, "admin-status", "up")
    sub(lg, "oper-status", "up" if up else "down")
    af = sub(lg, "address-family")
    sub(af, "address-family-name", family)
    for a in addresses:
        ia = sub(af, "interface-address")
        sub(ia, "ifa-local", a)


@rpc("get-interface-information")
def get_interface_information(session: "SessionState", op: etree._Element) -> etree._Element:
    info = etree.Element("interface-information")
    wanted = (op.findtext("interface-name") or "").strip()
    if (op.findtext("routing-instance") or "").strip() == PRIVATE_INSTANCE:
        em0 = _physical(info, "em0", True)
        _logical(em0, "em0.0", True, "inet", ["128.0.0.1/2", "128.0.0.4/2"])
        return info
    down = session.chassis.ops.get("links_down", set())
    for ifd in session.chassis.store.committed.config.findall("interfaces/interface"):
        name = ifd.findtext("name") or ""
        if wanted and not (name == wanted or wanted.startswith(name + ".")):
            continue
        up = name not in down
        phys = _physical(info, name, up)
        for unit in ifd.findall("unit"):
            for fam in unit.findall("family/*"):
                addrs = [a.findtext("name") or "" for a in fam.findall("address")]
                _logical(phys, f"{name}.{unit.findtext('name')}", up, fam.tag, addrs)
    return info
