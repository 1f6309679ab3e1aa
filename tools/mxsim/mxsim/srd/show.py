"""XML replies of `show services redundancy-group` and `show iccp`.

Element names and nesting are exactly those of docs/srd-operational-replies.md (the
collection's parser is written against it); `show iccp` follows the published YANG output.
"""

from __future__ import annotations

from typing import Optional

from lxml import etree

from ..xmlutil import sub
from .view import IccpView, RedundancyView

LEVELS = ("terse", "brief", "extensive")


def redundancy_group_xml(view: RedundancyView, level: str = "terse", group: Optional[int] = None) -> etree._Element:
    root = etree.Element("services-redundancy-group-information")
    info = sub(root, "rg-information")
    sub(info, "iccp-process-connection", view.iccp_connection)
    states = sub(info, "rg-state-information")
    for g in view.groups:
        if group is not None and g.rg_id != group:
            continue
        rg = sub(states, "services-rg-information")
        sub(rg, "rg-id", str(g.rg_id))
        sub(rg, "local-rg-ip", g.local_ip)
        sub(rg, "peer-rg-ip", g.peer_ip)
        sub(rg, "number-of-peer-rg-connections", str(g.connections))
        for s in g.sets:
            rs = sub(rg, "services-rg-rs-information")
            sub(rs, "rs-id", str(s.rs_id))
            sub(rs, "local-rs-state", s.local_state)
            sub(rs, "peer-rs-state", s.peer_state)
            sub(rs, "rs-status", s.status)
            if level in ("brief", "extensive"):
                sub(rs, "rs-health-status", s.health)
                sub(rs, "monitored-interface-down-count", str(len(s.failed_interfaces)))
            if level == "extensive":
                for i in s.failed_interfaces:
                    sub(rs, "failed-interface", i)
                for name in s.service_sets:
                    sub(rs, "service-set", name)
    return root


def iccp_xml(view: Optional[IccpView]) -> etree._Element:
    root = etree.Element("iccp-information")
    if view is None:
        return root
    for p in view.peers:
        peer = sub(root, "iccp-peer")
        sub(peer, "peer-address", p.address)
        sub(peer, "backup-liveness-peer-status", p.backup_liveness)
        conn = sub(sub(peer, "peer-conn-state-information"), "peer-conn-state")
        sub(conn, "peer-conn-tcp-state", p.tcp_state)
        sub(conn, "peer-conn-bfd-state", p.bfd_state)
        for g, state in p.groups:  # YANG: list rg-groups, each holding one rg-group-entry
            entry = sub(sub(peer, "rg-groups"), "rg-group-entry")
            sub(entry, "redundancy-group", str(g))
            sub(entry, "rg-state", state)
    for name, groups in view.clients:
        client = sub(root, "iccp-client")
        sub(client, "client-name", name)
        sub(client, "client-rg-groups", groups)
    return root
