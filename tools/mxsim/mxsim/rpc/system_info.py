"""Chassis identity RPCs: software, inventory, routing engines (and PyEZ's fact probes)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from lxml import etree

from ..xmlutil import JUNOS_NS, junos_attr, sub
from . import rpc

if TYPE_CHECKING:
    from ..state.chassis import Chassis
    from ..state.session import SessionState


def software_information(chassis: "Chassis") -> etree._Element:
    si = etree.Element("software-information")
    sub(si, "host-name", chassis.hostname)
    sub(si, "product-model", chassis.model)
    sub(si, "product-name", chassis.model)
    sub(si, "junos-version", chassis.version)
    pkg = sub(si, "package-information")
    sub(pkg, "name", "junos")
    sub(pkg, "comment", f"JUNOS Software Release [{chassis.version}]")
    return si


def multi_re(chassis: "Chassis", payload: etree._Element) -> etree._Element:
    """`... invoke-on all-routing-engines` shape (single RE: re0)."""
    res = etree.Element("multi-routing-engine-results")
    item = sub(res, "multi-routing-engine-item")
    sub(item, "re-name", "re0")
    item.append(payload)
    return res


@rpc("get-software-information")
def get_software_information(session: "SessionState", op: etree._Element) -> etree._Element:
    return software_information(session.chassis)


@rpc("get-chassis-inventory")
def get_chassis_inventory(session: "SessionState", op: etree._Element) -> etree._Element:
    c = session.chassis
    inv = etree.Element("chassis-inventory")
    ch = etree.SubElement(inv, "chassis", nsmap={"junos": JUNOS_NS})
    ch.set(junos_attr("style"), "inventory")
    sub(ch, "name", "Chassis")
    sub(ch, "serial-number", c.serial)
    sub(ch, "description", c.model.upper())
    for name, desc, serial in (
        ("Midplane", "Enhanced MX480 Midplane", f"AB{c.serial[2:]}"),
        ("Routing Engine 0", c.re_model, f"RE{c.serial[2:]}"),
        ("FPC 1", "SPC3", f"SP{c.serial[2:]}"),
    ):
        m = sub(ch, "chassis-module")
        sub(m, "name", name)
        sub(m, "serial-number", serial)
        sub(m, "description", desc)
    return inv


@rpc("get-route-engine-information")
def get_route_engine_information(session: "SessionState", op: etree._Element) -> etree._Element:
    c = session.chassis
    info = etree.Element("route-engine-information")
    re0 = sub(info, "route-engine")
    sub(re0, "slot", "0")
    sub(re0, "mastership-state", "master")
    sub(re0, "mastership-priority", "master (default)")
    sub(re0, "status", "OK")
    sub(re0, "model", c.re_model)
    sub(re0, "serial-number", f"RE{c.serial[2:]}")
    sub(re0, "last-reboot-reason", "Router rebooted after a normal shutdown.")
    up = int(time.time() - c.started)
    sub(re0, "up-time", f"{up // 86400} days, {up % 86400 // 3600} hours, {up % 3600 // 60} minutes")
    return info


@rpc("request-shell-execute")
def request_shell_execute(session: "SessionState", op: etree._Element) -> etree._Element:
    """Only the probe PyEZ sends: not a VM-host RE."""
    from ..errors import fail

    command = (op.findtext("command") or "").strip()
    if command == "sysctl -n hw.re.vmhost_mode":
        out = etree.Element("output")
        out.text = "0\n"
        return out
    raise fail(f"shell command not available in mxsim: {command}", tag="operation-not-supported")
