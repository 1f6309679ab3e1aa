"""RPC registry: handlers keyed by the operation's local name (namespaces are ignored).

One module per RPC family registers its handlers with `@rpc("name", ...)`. A handler gets the
session (mxsim.state.session.SessionState) and the operation element (namespace-free) and returns
the reply body: an element, a list of elements, replies.OK, replies.RawText, or None (an empty
<rpc-reply/>); it raises errors.RpcFailure for <rpc-error> replies. `dispatch` is what a NETCONF
session is given to run one RPC. The registry does not import its members: mxsim.builtin imports
the families; a plugin registers its own.

May import: commit, faults, srd, chassis state (mxsim.state) and the layers below. Not the CLI
commands (mxsim.commands builds on these handlers), the NETCONF session or the emulator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from lxml import etree

from ..errors import Error, RpcFailure

if TYPE_CHECKING:
    from ..state.session import SessionState

Handler = Callable[["SessionState", etree._Element], Any]

_REGISTRY: dict[str, Handler] = {}


def rpc(*rpc_names: str) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        for n in rpc_names:
            _REGISTRY[n] = fn
        return fn

    return deco


def lookup(name: str) -> Handler | None:
    return _REGISTRY.get(name)


def dispatch(session: "SessionState", name: str, op: etree._Element) -> Any:
    """Run one RPC: its handler's reply body (or awaitable); an unknown RPC is a syntax error."""
    handler = lookup(name)
    if handler is None:
        raise RpcFailure(Error("syntax error", type="protocol", bad_element=name))
    return handler(session, op)


def names() -> list[str]:
    return sorted(_REGISTRY)
