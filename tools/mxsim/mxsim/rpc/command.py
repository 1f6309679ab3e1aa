"""The <command> RPC: a CLI line run through the command registry (mxsim.commands)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from .. import commands
from . import rpc

if TYPE_CHECKING:
    from ..state.session import SessionState


@rpc("command")
def command(session: "SessionState", op: etree._Element) -> Any:
    line = (op.text or "").strip()
    fmt = op.get("format", "xml")
    session.extras.update(command=line, format=fmt)
    return commands.run(session, line, fmt)
