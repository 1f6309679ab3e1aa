"""CLI text of the SRD show commands, rendered from their XML replies (one source of truth).

Layouts are Junos-like, from the field names of Juniper's `show services redundancy-group`
page and the usual `show iccp` / `show route` / `show vrrp` screens; they are for humans (the
collection reads the XML).
"""

from __future__ import annotations

from lxml import etree


def _t(e: etree._Element, tag: str) -> str:
    return e.findtext(tag) or ""


def redundancy_group(xml: etree._Element, level: str) -> str:
    info = xml.find("rg-information")
    assert info is not None
    lines = [f"ICCP process connection: {_t(info, 'iccp-process-connection')}"]
    for rg in info.iterfind("rg-state-information/services-rg-information"):
        lines += [
            "",
            f"Redundancy Group ID: {_t(rg, 'rg-id')}",
            f"  Local RG IP: {_t(rg, 'local-rg-ip')}",
            f"  Peer RG IP: {_t(rg, 'peer-rg-ip')}",
        ]
        sets = rg.findall("services-rg-rs-information")
        if level == "terse":
            lines += ["", f"  {'RS ID':<7} {'Local RS state':<19} {'Peer RS state':<19} Status"]
            for rs in sets:
                lines.append(
                    f"  {_t(rs, 'rs-id'):<7} {_t(rs, 'local-rs-state'):<19} "
                    f"{_t(rs, 'peer-rs-state'):<19} {_t(rs, 'rs-status')}"
                )
            continue
        lines.append(f"  Number of peer RG connections: {_t(rg, 'number-of-peer-rg-connections')}")
        for rs in sets:
            lines += [
                "",
                f"  Redundancy Set ID: {_t(rs, 'rs-id')}",
                f"    Connection status: {_t(rs, 'rs-status')}",
                f"    Redundancy Set state: {_t(rs, 'local-rs-state')}",
                f"    Redundancy Set peer state: {_t(rs, 'peer-rs-state')}",
                f"    Redundancy Set health status: {_t(rs, 'rs-health-status')}",
                f"    Number of Monitored interface down: {_t(rs, 'monitored-interface-down-count')}",
            ]
            if level == "extensive":
                failed = [e.text or "" for e in rs.iterfind("failed-interface")]
                lines.append(f"    Failed Interfaces: {', '.join(failed) if failed else 'None'}")
                for ss in rs.iterfind("service-set"):
                    lines.append(f"    Service Set: {ss.text}")
    return "\n".join(lines) + "\n"


def iccp(xml: etree._Element) -> str:
    lines: list[str] = []
    for peer in xml.iterfind("iccp-peer"):
        state = peer.find("peer-conn-state-information/peer-conn-state")
        lines += [
            "",
            f"Redundancy Group Information for peer {_t(peer, 'peer-address')}",
            f"  TCP Connection       : {_t(state, 'peer-conn-tcp-state') if state is not None else ''}",
            f"  Liveliness Detection : {_t(state, 'peer-conn-bfd-state') if state is not None else ''}",
        ]
        if _t(peer, "backup-liveness-peer-status"):
            lines.append(f"  Backup liveness peer status: {_t(peer, 'backup-liveness-peer-status')}")
        lines.append(f"  {'Redundancy Group ID':<28} Status")
        for entry in peer.iterfind("rg-groups/rg-group-entry"):
            lines.append(f"    {_t(entry, 'redundancy-group'):<28}{_t(entry, 'rg-state')}")
    for client in xml.iterfind("iccp-client"):
        lines += [
            "",
            f"Client Application: {_t(client, 'client-name')}",
            f"  Redundancy Group IDs Joined: {_t(client, 'client-rg-groups')}",
        ]
    return "\n".join(lines) + "\n"


def routes(xml: etree._Element) -> str:
    lines: list[str] = []
    for table in xml.iterfind("route-table"):
        n = _t(table, "destination-count")
        lines += [
            "",
            f"{_t(table, 'table-name')}: {n} destinations, {_t(table, 'total-route-count')} routes "
            f"({_t(table, 'active-route-count')} active, 0 holddown, 0 hidden)",
        ]
        rts = table.findall("rt")
        if rts:
            lines += ["+ = Active Route, - = Last Active, * = Both", ""]
        for rt in rts:
            for entry in rt.iterfind("rt-entry"):
                head = (
                    f"{_t(rt, 'rt-destination'):<18} {_t(entry, 'active-tag')}[{_t(entry, 'protocol-name')}/"
                    f"{_t(entry, 'preference')}] {_t(entry, 'age')}"
                )
                lines.append(head)
                nh_to = entry.findtext("nh/to")
                lines.append(" " * 22 + (f"> to {nh_to}" if nh_to else _t(entry, "nh-type")))
    return "\n".join(lines) + "\n"


def vrrp(xml: etree._Element, level: str) -> str:
    lines = [f"{'Interface':<14}{'State':<8}{'Group':>5}   {'VR state':<9}{'VR Mode':<9}{'Type':<6}Address"]
    for vi in xml.iterfind("vrrp-interface"):
        lines.append(
            f"{_t(vi, 'interface'):<14}{_t(vi, 'interface-state'):<8}{_t(vi, 'group'):>5}   "
            f"{_t(vi, 'vrrp-state'):<9}{_t(vi, 'vrrp-mode'):<9}{'lcl':<6}{_t(vi, 'local-interface-address')}"
        )
        for v in vi.iterfind("virtual-ip-address"):
            lines.append(" " * 50 + f"{'vip':<6}{v.text}")
        if level in ("detail", "extensive"):
            lines.append(f"  Priority: {_t(vi, 'configured-priority')}, Current priority: {_t(vi, 'current-priority')}")
            for t in vi.iterfind("track-route-entry"):
                lines.append(
                    f"  Tracked route: {_t(t, 'route-addr')} (routing-instance {_t(t, 'route-instance')}), "
                    f"state {_t(t, 'route-state')}, priority cost {_t(t, 'route-priority')}"
                )
    return "\n".join(lines) + "\n"
