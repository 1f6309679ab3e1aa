"""`show version` (and `invoke-on all-routing-engines`, which PyEZ facts send)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..rpc.system_info import multi_re, software_information
from . import Output, Request, command

if TYPE_CHECKING:
    from ..state.session import SessionState


def _text(session: "SessionState") -> str:
    c = session.chassis
    return (
        f"Hostname: {c.hostname}\nModel: {c.model}\nJunos: {c.version}\n"
        f"JUNOS OS Kernel 64-bit  [{c.version}]\nJUNOS Software Release [{c.version}]\n"
    )


@command("show version")
def show_version(session: "SessionState", req: Request) -> Output:
    xml = software_information(session.chassis)
    text = _text(session)
    if req.args[:2] == ["invoke-on", "all-routing-engines"]:
        xml = multi_re(session.chassis, xml)
        text = "re0:\n--------------------------------------------------------------------------\n" + text
    return Output(xml=xml, text=text)
