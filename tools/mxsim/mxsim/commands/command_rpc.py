"""The <command> RPC: a CLI line run through the command registry (mxsim.commands).

It lives with the commands, not with the other RPC families: commands build on RPC handlers
(`show version` is get-software-information), so this package sits above mxsim.rpc.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from ..rpc import rpc
from . import run

if TYPE_CHECKING:
    from ..state.session import SessionState


@rpc("command")
def command(session: "SessionState", op: etree._Element) -> Any:
    line = (op.text or "").strip()
    fmt = op.get("format", "xml")
    session.extras.update(command=line, format=fmt)
    return run(session, line, fmt)
