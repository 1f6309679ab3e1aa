"""Small commands clients probe: `show bridge mac-table count`, `show system commit`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from ..rpc.commit_ops import get_commit_information
from ..xmlutil import sub
from . import Output, Request, command

if TYPE_CHECKING:
    from ..state.session import SessionState


@command("show bridge mac-table count")
def bridge_mac_count(session: "SessionState", req: Request) -> Output:
    res = etree.Element("l2ald-rtb-mac-count")
    sub(res, "mac-count-global", "0")
    return Output(xml=res, text="0 MAC address learned in routing instance default-switch\n")


@command("show system commit")
def system_commit(session: "SessionState", req: Request) -> Output:
    info = get_commit_information(session, etree.Element("get-commit-information"))
    lines = []
    for h in info.findall("commit-history"):
        line = f"{h.findtext('sequence-number')}   {h.findtext('date-time')} by {h.findtext('user')} via {h.findtext('client')}"
        lines.append(line)
        if h.findtext("log"):
            lines.append(f"    {h.findtext('log')}")
    return Output(xml=info, text="\n".join(lines) + "\n")
