"""Routing state srd drives or depends on: `get-route-information` (signal routes),
`get-vrrp-information` (priorities after tracked routes) and
`get-inter-chassis-control-protocol-information` (`show iccp`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from ..srd import routes, show, view, vrrp
from ..xmlutil import child_text
from . import rpc
from .srd import level_of

if TYPE_CHECKING:
    from ..state.session import SessionState

ICCP_LEVELS = ("brief", "detail")
VRRP_LEVELS = ("brief", "nsr", "detail", "extensive", "summary")


@rpc("get-route-information")
def get_route_information(session: "SessionState", op: etree._Element) -> etree._Element:
    table, protocol, destination = child_text(op, "table"), child_text(op, "protocol"), child_text(op, "destination")
    session.extras.update(table=table, protocol=protocol, destination=destination)
    return routes.route_information_xml(session.chassis, table or None, protocol or None, destination or None)


@rpc("get-vrrp-information")
def get_vrrp_information(session: "SessionState", op: etree._Element) -> etree._Element:
    return vrrp.vrrp_information_xml(session.chassis)


@rpc("get-inter-chassis-control-protocol-information")
def get_iccp_information(session: "SessionState", op: etree._Element) -> etree._Element:
    session.extras["level"] = level_of(op, ICCP_LEVELS, "brief")
    srd = session.chassis.srd
    return show.iccp_xml(None if srd is None else view.iccp(srd, session.chassis))
