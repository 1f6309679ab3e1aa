"""Reply bodies a handler returns besides elements (which mxsim.netconf.session renders)."""

from __future__ import annotations


class Ok:
    """Reply body <ok/>."""


class RawText(str):
    """Reply body that is text placed directly inside <rpc-reply> (format="json")."""


OK = Ok()
