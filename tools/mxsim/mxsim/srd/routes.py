"""Per-chassis routing tables as srd leaves them: the signal routes it added, as static routes.

Table names follow Junos: the master instance's IPv4 table is `inet.0`, instance HA's is
`HA.inet.0`. Every configured routing instance has a table (possibly empty), so `show route
table HA.inet.0` answers before srd added anything. Only srd's signal routes are modelled
(no interface or protocol routes): that is what the collection reads.
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from lxml import etree

from ..xmlutil import JUNOS_NS, junos_attr, sub

if TYPE_CHECKING:
    from ..state.chassis import Chassis

PREFERENCE = 5  # Junos' static route preference


@dataclass
class Route:
    table: str
    prefix: str
    next_hop: Optional[str]  # None: receive
    since: float

    @property
    def age(self) -> int:
        return max(0, int(time.time() - self.since))


def table_name(instance: str) -> str:
    return "inet.0" if instance in ("default", "master", "") else f"{instance}.inet.0"


def _next_hop(chassis: "Chassis", key: tuple[str, str]) -> Optional[str]:
    from .domain import route_key

    for policy in chassis.srd.configs[chassis.name].redundancy_policies.values():
        add = policy.add_signal_route
        if add is not None and route_key(add.prefix, add.routing_instance) == key:
            return add.next_hop
    return None


def tables(chassis: "Chassis") -> dict[str, list[Route]]:
    """{table name: routes}, tables of the master instance and every configured instance."""
    out: dict[str, list[Route]] = {"inet.0": []}
    for name in chassis.store.committed.config.findall("routing-instances/instance/name"):
        out.setdefault(table_name((name.text or "").strip()), [])
    srd = chassis.srd
    if srd is None:
        return out
    srd.note_routes()  # when each route a client sees appeared: its age
    seen = srd.route_since[chassis.name]
    present = srd.shown_routes(chassis.name)
    for key in sorted(present):
        since = seen.get(key, time.time())
        table = table_name(key[1])
        out.setdefault(table, []).append(Route(table, key[0], _next_hop(chassis, key), since))
    return out


def _matches(route: Route, destination: Optional[str]) -> bool:
    if not destination:
        return True
    try:
        want = ipaddress.ip_network(destination, strict=False)
        have = ipaddress.ip_network(route.prefix, strict=False)
    except ValueError:
        return route.prefix == destination
    return want.version == have.version and want.subnet_of(have)  # type: ignore[arg-type]


def _table_wanted(name: str, want: Optional[str]) -> bool:
    return not want or name == want or name.startswith(want + ".")


def route_information_xml(
    chassis: "Chassis", table: Optional[str] = None, protocol: Optional[str] = None, destination: Optional[str] = None
) -> etree._Element:
    root = etree.Element("route-information", nsmap={"junos": JUNOS_NS})
    for name, routes in sorted(tables(chassis).items(), key=lambda kv: (kv[0] != "inet.0", kv[0])):
        if not _table_wanted(name, table):
            continue
        shown = [r for r in routes if _matches(r, destination) and (not protocol or protocol.lower() == "static")]
        rt_table = sub(root, "route-table")
        sub(rt_table, "table-name", name)
        for tag in ("destination-count", "total-route-count", "active-route-count"):
            sub(rt_table, tag, str(len(routes)))
        sub(rt_table, "holddown-route-count", "0")
        sub(rt_table, "hidden-route-count", "0")
        for r in shown:
            rt = sub(rt_table, "rt")
            rt.set(junos_attr("style"), "brief")
            sub(rt, "rt-destination", r.prefix)
            entry = sub(rt, "rt-entry")
            sub(entry, "active-tag", "*")
            sub(entry, "current-active")
            sub(entry, "last-active")
            sub(entry, "protocol-name", "Static")
            sub(entry, "preference", str(PREFERENCE))
            age = sub(entry, "age", _hms(r.age))
            age.set(junos_attr("seconds"), str(r.age))
            if r.next_hop is None:
                sub(entry, "nh-type", "Receive")
            else:
                nh = sub(entry, "nh")
                sub(nh, "selected-next-hop")
                sub(nh, "to", r.next_hop)
    return root


def _hms(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}"
