"""SRD commit-time rules that Junos enforces through `junos:must` (JUNOS-SRD-REFERENCE §2.11)."""

from __future__ import annotations

from typing import Iterator

from lxml import etree

from ..errors import Error, edit_path
from . import register


def _must(path: list[str], bad: str, message: str) -> Error:
    return Error(message, tag="invalid-value", path=edit_path(path), bad_element=bad)


@register("srd-redundancy-set-defined")
def redundancy_set_defined(cfg: etree._Element) -> Iterator[Error]:
    """`services service-set N redundancy-set-id X` needs `services redundancy-set X`."""
    defined = {(n.text or "").strip() for n in cfg.findall("services/redundancy-set/rs-id-object/name")}
    for ss in cfg.findall("services/service-set"):
        rid = ss.findtext("redundancy-set-id")
        if rid is not None and rid.strip() not in defined:
            yield _must(
                ["services", "service-set", ss.findtext("name") or ""],
                f"redundancy-set-id {rid.strip()}",
                "Referenced redundancy set must be defined",
            )


@register("srd-policy-needs-events")
def policy_needs_events(cfg: etree._Element) -> Iterator[Error]:
    """A redundancy-policy `then` needs `redundancy-events`."""
    for pol in cfg.findall("policy-options/redundancy-policy"):
        if pol.find("then") is not None and pol.find("redundancy-events") is None:
            yield _must(
                ["policy-options", "redundancy-policy", pol.findtext("name") or ""],
                "then",
                "Redundancy policy needs to have a redundancy-events-then condition",
            )


@register("srd-policy-needs-signal-route", enabled=False)
def policy_needs_signal_route(cfg: etree._Element) -> Iterator[Error]:
    """Literal reading of the grouping's must (UNVERIFIED on a device; off unless enabled)."""
    for pol in cfg.findall("policy-options/redundancy-policy"):
        then = pol.find("then")
        if then is not None and then.find("add-static-route") is None and then.find("delete-static-route") is None:
            yield _must(
                ["policy-options", "redundancy-policy", pol.findtext("name") or "", "then"],
                "then",
                "Add or delete of static route needed",
            )


@register("srd-redundancy-routing-instance-defined")
def redundancy_routing_instance(cfg: etree._Element) -> Iterator[Error]:
    """`interfaces I redundancy-options routing-instance R` needs `routing-instances R`."""
    instances = {(n.text or "").strip() for n in cfg.findall("routing-instances/instance/name")}
    for ifd in cfg.findall("interfaces/interface"):
        ri = ifd.findtext("redundancy-options/routing-instance")
        if ri is not None and ri.strip() not in instances:
            yield _must(
                ["interfaces", ifd.findtext("name") or "", "redundancy-options"],
                f"routing-instance {ri.strip()}",
                "referenced routing-instance must be defined",
            )


@register("iccp-backup-liveness-not-in-logical-systems")
def backup_liveness_logical_systems(cfg: etree._Element) -> Iterator[Error]:
    for ls in cfg.findall("logical-systems"):
        for peer in ls.findall("protocols/iccp/peer"):
            if peer.find("backup-liveness-detection") is not None:
                yield _must(
                    [
                        "logical-systems",
                        ls.findtext("name") or "",
                        "protocols",
                        "iccp",
                        "peer",
                        peer.findtext("name") or "",
                    ],
                    "backup-liveness-detection",
                    "backup-liveness-detection not supported with Logical Systems",
                )
