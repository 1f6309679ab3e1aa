# -*- coding: utf-8 -*-
# Copyright: (c) 2025, mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SRD_GRAMMAR: the Junos hierarchies the collection renders, written by hand.

Element names, kinds, keys and ordered-by-user flags follow Juniper's 24.4R1 YANG (a unit test walks
this tree against libyang's schema). ``nokeyword`` marks what the CLI never shows (JUNOS-SRD-REFERENCE
§2.12): the ``rs-id-object`` list, ``mship-actions``, the peer ``event``, the ``address`` of
``if-route-exists``, the ``route_address`` key, ``prefix-list-item``, trace ``filename`` and the value
leaves of containers such as ``local-preference``. Hierarchies marked ``passthrough`` accept
statements the grammar does not list; those are converted heuristically.
"""

from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import (
    container,
    flag,
    keyed_list,
    leaf,
    leaf_list,
)

SRD_TRACE_FLAGS = ("config", "connect", "route", "ssd", "snmp", "system", "opcmd", "state-machine", "kcom",
                   "database", "swithover", "stateful-sync", "redundancy-group", "all")
ICCP_TRACE_FLAGS = ("error", "event", "packet", "pipe", "pipe-detail", "all")
MSHIP_ACTIONS = ("acquire-mastership", "release-mastership", "release-mastership-force",
                 "release-mastership-if-standby-clear", "broadcast-warning")
PEER_EVENTS = ("mastership-release", "mastership-acquire")


def _trace_file():
    return container(
        "file",
        leaf("filename", nokeyword=True), leaf("size"), leaf("files"),
        flag("world-readable"), flag("no-world-readable"), leaf("match"),
        oneliner=True,
    )


def _traceoptions(flags: tuple[str, ...], *extra):
    return container(
        "traceoptions",
        flag("no-remote-trace"), _trace_file(), *extra,
        keyed_list("flag", ordered=True, key_choices=flags),
    )


def _value_container(name: str, value_leaf: str = ""):
    """A container whose value the CLI shows right after its keyword (``local-preference 200``)."""
    return container(name, leaf(value_leaf or name, nokeyword=True), oneliner=True)


# -- event-options -------------------------------------------------------------------------------
EVENT_OPTIONS = container(
    "event-options",
    keyed_list(
        "redundancy-event",
        container(
            "monitor",
            keyed_list("link-down"),
            container("process", container("routing", flag("restart"), flag("abort"))),
            container("peer", leaf("event", nokeyword=True, values=PEER_EVENTS), oneliner=True),
        ),
        ordered=True,
    ),
    passthrough=True,
)

# -- policy-options --------------------------------------------------------------------------------
_POLICY_FROM = container(
    "from",
    leaf("instance"), leaf("family"), leaf_list("protocol", ordered=True), leaf("rib"),
    leaf_list("neighbor", ordered=True), leaf_list("next-hop", ordered=True), leaf_list("interface", ordered=True),
    leaf_list("as-path", ordered=True), leaf_list("community", ordered=True), leaf_list("tag", ordered=True),
    leaf_list("policy", ordered=True), leaf("metric"), leaf("local-preference"), leaf("preference"),
    keyed_list("prefix-list", ordered=True), keyed_list("route-filter-list", ordered=True),
    leaf("state"), leaf("route-type"), leaf_list("condition", ordered=True),
)
_POLICY_THEN = container(
    "then",
    flag("accept"), flag("reject"), leaf("next", values=("policy", "term")),
    leaf("default-action", values=("accept", "reject")),
    _value_container("metric"), _value_container("local-preference"), _value_container("preference"),
    _value_container("tag"), leaf("origin"), leaf("as-path-prepend"),
    container("next-hop", flag("self"), flag("peer-address"), leaf("address", nokeyword=True),
              flag("reject"), flag("discard"), leaf("next-table")),
    leaf("priority"),
)

POLICY_OPTIONS = container(
    "policy-options",
    keyed_list("prefix-list", keyed_list("prefix-list-item", nokeyword=True), leaf("apply-path")),
    keyed_list(
        "policy-statement",
        keyed_list("term", _POLICY_FROM, _POLICY_THEN, ordered=True),
        _POLICY_FROM, _POLICY_THEN,
    ),
    keyed_list("community", flag("invert-match"), leaf_list("members", ordered=True)),
    keyed_list(
        "condition",
        leaf("route-active-on", values=("node0", "node1")),
        container(
            "if-route-exists",
            container(
                "address-family",
                container("inet", leaf("address", nokeyword=True), leaf("table"), presence=True),
                presence=True,
            ),
            leaf("address", nokeyword=True),
            leaf("table"),
            presence=True,
        ),
    ),
    keyed_list(
        "redundancy-policy",
        leaf_list("redundancy-events"),
        container(
            "then",
            leaf("mship-actions", nokeyword=True, values=MSHIP_ACTIONS),
            keyed_list("add-static-route", leaf("next-hop"), flag("receive"), leaf("routing-instance"),
                       ordered=True),
            keyed_list("delete-static-route", leaf("routing-instance"), ordered=True),
            presence=True,
        ),
    ),
    passthrough=True,
)

# -- services ----------------------------------------------------------------------------------------
SERVICES = container(
    "services",
    container(
        "redundancy-set",
        _traceoptions(SRD_TRACE_FLAGS,
                      leaf("level", values=("error", "warning", "notice", "info", "verbose", "all"))),
        keyed_list(
            "rs-id-object",
            leaf("redundancy-group"), leaf_list("redundancy-policy"), leaf("keepalive"), leaf("hold-time"),
            leaf("healthcheck-timer-interval"),
            nokeyword=True, ordered=True,
        ),
    ),
    keyed_list(
        "service-set",
        keyed_list("stateful-firewall-rules", ordered=True),
        keyed_list("stateful-firewall-rule-sets", ordered=True),
        keyed_list("nat-rules", ordered=True),
        keyed_list("nat-rule-sets", ordered=True),
        container("replicate-services", leaf("replication-threshold"), flag("disable-replication-capability")),
        container("interface-service", leaf("service-interface")),
        container("next-hop-service", leaf("inside-service-interface"), leaf("outside-service-interface")),
        leaf("redundancy-set-id"),
        ordered=True, passthrough=True,
    ),
    passthrough=True,
)

# -- protocols iccp ----------------------------------------------------------------------------------
ICCP = container(
    "iccp",
    leaf("local-ip-addr"),
    leaf("session-establishment-hold-time"),
    leaf("authentication-key"),
    keyed_list(
        "peer",
        leaf("local-ip-addr"),
        leaf("session-establishment-hold-time"),
        leaf_list("redundancy-group-id-list", ordered=True),
        container("backup-liveness-detection", leaf("backup-peer-ip"), presence=True),
        container(
            "liveness-detection",
            leaf("version", values=("0", "1", "automatic")),
            leaf("minimum-interval"), leaf("minimum-transmit-interval"), leaf("minimum-receive-interval"),
            leaf("multiplier"), flag("inline-disable"), leaf("pdu-size"), flag("no-adaptation"),
            container("transmit-interval", leaf("minimum-interval"), leaf("threshold")),
            container("detection-time", leaf("threshold")),
            presence=True,
        ),
        leaf("authentication-key"),
    ),
    _traceoptions(ICCP_TRACE_FLAGS),
)
PROTOCOLS = container("protocols", ICCP, passthrough=True)

# -- interfaces ----------------------------------------------------------------------------------------
_VRRP_GROUP = keyed_list(
    "vrrp-group",
    leaf_list("virtual-address", ordered=True),
    leaf("priority"),
    container("preempt", leaf("hold-time"), presence=True),
    flag("no-preempt"),
    flag("accept-data"),
    flag("no-accept-data"),
    leaf("advertise-interval"),
    leaf("authentication-type", values=("md5", "simple")),
    leaf("authentication-key"),
    container(
        "track",
        leaf("priority-hold-time"),
        keyed_list("interface", leaf("priority-cost"), ordered=True, oneliner=True),
        keyed_list(
            "route",
            leaf("route_address", nokeyword=True), leaf("routing-instance"), leaf("priority-cost"),
            keys=("route_address", "routing-instance"), ordered=True, oneliner=True,
        ),
    ),
    ordered=True,
)
_REDUNDANCY_OPTIONS = container(
    "redundancy-options",
    leaf("primary"), leaf("secondary"),
    container("redundancy-peer", leaf("ipaddress")),
    container("redundancy-local", leaf("data-address")),
    leaf("routing-instance"),
    leaf("replication-threshold"),
    container("replication-options", leaf("mtu")),
    container("replicate-services", flag("pgcp")),
)
INTERFACES = container(
    "interfaces",
    keyed_list(
        "interface",
        leaf("description"), flag("disable"), flag("vlan-tagging"), leaf("mtu"),
        _REDUNDANCY_OPTIONS,
        keyed_list(
            "unit",
            leaf("description"), flag("disable"), leaf("vlan-id"),
            leaf("service-domain", values=("inside", "outside")),
            container("ip-address-owner", flag("service-plane"), flag("routing-engine")),
            container(
                "family",
                container(
                    "inet",
                    keyed_list("address", flag("primary"), flag("preferred"), _VRRP_GROUP,
                               ordered=True, passthrough=True),
                    leaf("mtu"),
                    presence=True, passthrough=True,
                ),
                flatten=True, passthrough=True,
            ),
            passthrough=True,
        ),
        nokeyword=True, passthrough=True,
    ),
    passthrough=True,
)


# -- routing-options and routing-instances -------------------------------------------------------------
def _static():
    return container(
        "static",
        keyed_list("route", leaf_list("next-hop", ordered=True), flag("reject"), flag("discard"), flag("receive"),
                   flag("no-readvertise"),
                   container("preference", leaf("metric-value", nokeyword=True), presence=True, oneliner=True),
                   passthrough=True),
        passthrough=True,
    )


ROUTING_OPTIONS = container(
    "routing-options",
    leaf("router-id"),
    container("autonomous-system", leaf("as-number", nokeyword=True), oneliner=True),
    _static(),
    passthrough=True,
)
ROUTING_INSTANCES = container(
    "routing-instances",
    keyed_list(
        "instance",
        leaf("description"),
        leaf("instance-type", values=("virtual-router", "vrf", "forwarding", "no-forwarding", "virtual-switch",
                                      "l2vpn", "vpls", "evpn", "mac-vrf", "layer2-control", "l2backhaul-vpn",
                                      "mpls-internet-multicast", "mpls-forwarding", "evpn-vpws")),
        keyed_list("interface"),
        container("route-distinguisher", leaf("rd-type", nokeyword=True), oneliner=True),
        container("vrf-target", leaf("community", nokeyword=True), leaf("import"), leaf("export"), flag("auto"),
                  oneliner=True),
        leaf_list("vrf-import", ordered=True), leaf_list("vrf-export", ordered=True),
        container("routing-options", leaf("router-id"), _static(), passthrough=True),
        nokeyword=True, passthrough=True,
    ),
    passthrough=True,
)

# -- system (no published YANG: hand-made) -----------------------------------------------------------------
SYSTEM = container("system", leaf("host-name"), leaf("domain-name"), passthrough=True)

_HIERARCHIES = (SYSTEM, INTERFACES, EVENT_OPTIONS, ROUTING_OPTIONS, PROTOCOLS, POLICY_OPTIONS, SERVICES,
                ROUTING_INSTANCES)

SRD_GRAMMAR = container(
    "configuration",
    leaf("version"),
    # `set groups NAME services redundancy-set ...`: a group holds the same hierarchies.
    keyed_list("groups", *_HIERARCHIES, ordered=True, passthrough=True),
    leaf_list("apply-groups", ordered=True),
    *_HIERARCHIES,
    passthrough=True,
)
