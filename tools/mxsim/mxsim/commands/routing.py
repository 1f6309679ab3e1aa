"""Routing CLI srd touches: `show route [table T] [protocol P] [DESTINATION]`, `show vrrp`, `show iccp`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..rpc.routing import ICCP_LEVELS, VRRP_LEVELS
from ..srd import routes, show, text, view, vrrp
from . import Output, Request, command
from .srd import pick_level, syntax_error

if TYPE_CHECKING:
    from ..state.session import SessionState

ROUTE_LEVELS = ("terse", "brief", "detail", "extensive")


@command("show route")
def show_route(session: "SessionState", req: Request) -> Output:
    args = list(req.args)
    table: Optional[str] = None
    protocol: Optional[str] = None
    destination: Optional[str] = None
    while args:
        word = args.pop(0)
        if word == "table" and args:
            table = args.pop(0)
        elif word == "protocol" and args:
            protocol = args.pop(0)
        elif pick_level(word, ROUTE_LEVELS) is not None or word == "active-path":
            continue
        elif destination is None and (word[0].isdigit() or ":" in word):
            destination = word
        else:
            raise syntax_error(word)
    session.extras.update(table=table, protocol=protocol, destination=destination)
    xml = routes.route_information_xml(session.chassis, table, protocol, destination)
    return Output(xml=xml, text=text.routes(xml))


@command("show vrrp")
def show_vrrp(session: "SessionState", req: Request) -> Output:
    level = "brief"
    for word in req.args:
        if (lv := pick_level(word, VRRP_LEVELS)) is None:
            raise syntax_error(word)
        level = lv
    xml = vrrp.vrrp_information_xml(session.chassis)
    return Output(xml=xml, text=text.vrrp(xml, level))


@command("show iccp")
def show_iccp(session: "SessionState", req: Request) -> Output:
    for word in req.args:
        if pick_level(word, ICCP_LEVELS) is None:
            raise syntax_error(word)
    srd = session.chassis.srd
    xml = show.iccp_xml(None if srd is None else view.iccp(srd, session.chassis))
    return Output(xml=xml, text=text.iccp(xml))
