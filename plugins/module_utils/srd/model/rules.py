# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every SRD rule as data: id, severity, summary and where it comes from.

The validator looks rules up here (so a rule cannot be reported without being
documented), the limits and value ranges it enforces are read from the
``LIMITS`` and ``RANGES`` tables below, and ``docs`` can be generated from
:func:`rules_markdown`.  Rule ids are stable: tests, users' suppressions and
reports refer to them.

Sources: "seed" is the inter-chassis services redundancy overview the project
started from; "ref §x" is JUNOS-SRD-REFERENCE.md (schema facts tagged [Y] come
from Juniper's published YANG 24.4R1, [D] from Juniper's documentation).
"""

from __future__ import annotations

from dataclasses import dataclass

from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import ERROR, WARNING


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    category: str
    summary: str
    source: str


@dataclass(frozen=True)
class Limit:
    """A maximum count; ``rule`` names the Rule reported when it is exceeded."""

    rule: str
    maximum: int
    counts: str        # what is counted, for messages
    scope: str         # per what


@dataclass(frozen=True)
class Range:
    """An inclusive numeric range of one model field (rule ``RANGE-*``)."""

    rule: str
    minimum: int
    maximum: int
    label: str         # the Junos statement, for messages
    unit: str = ""
    default: int | None = None


_RULES = [
    # -- limits (the seed's numbers) ------------------------------------------------
    Rule("LIMIT-POLICIES", ERROR, "limit",
         "At most 256 redundancy policies per chassis.",
         "seed: 'You can configure a maximum of 256 redundancy policies.'"),
    Rule("LIMIT-LINK-DOWN-PER-POLICY", ERROR, "limit",
         "At most 256 interface-down (monitor link-down) events per redundancy policy, "
         "counted over the monitored interfaces of all the policy's events.",
         "seed: 'A redundancy policy can have a maximum of 256 interface-down events.'"),
    Rule("LIMIT-SETS", ERROR, "limit",
         "At most 128 redundancy sets per chassis. The schema's id range 1-100 (RANGE-SET-ID) "
         "bites first: no more than 100 sets can be numbered, so this limit is reached only by "
         "configurations that also break RANGE-SET-ID.",
         "seed: 'You can configure a maximum of 128 redundancy sets.'; ref §2.9"),
    Rule("LIMIT-POLICIES-PER-SET", ERROR, "limit",
         "At most 16 redundancy policies per redundancy set.",
         "seed: 'A redundancy set can have a maximum of 16 redundancy policies.'"),
    Rule("LIMIT-GROUPS", ERROR, "limit",
         "At most 16 redundancy groups per chassis.",
         "seed: 'You can configure a maximum of 16 redundancy groups.'"),
    Rule("LIMIT-SETS-PER-GROUP", ERROR, "limit",
         "At most 16 redundancy sets in one redundancy group.",
         "seed: 'A maximum of 16 redundancy sets can be associated with the same redundancy group.'"),
    Rule("LIMIT-SIGNAL-ROUTES", ERROR, "limit",
         "A redundancy policy adds at most one and deletes at most one signal route.",
         "ref §2.2 [Y]: add-static-route and delete-static-route are max-elements 1"),
    # -- one X in only one Y -----------------------------------------------------------------
    Rule("UNIQUE-INTERFACE-EVENT", ERROR, "membership",
         "A monitored interface belongs to only one redundancy event.",
         "seed: 'One monitored interface can be part of only one redundancy event'"),
    Rule("UNIQUE-EVENT-POLICY", ERROR, "membership",
         "A redundancy event belongs to only one redundancy policy.",
         "seed: 'One redundancy event can be part of only one redundancy policy'"),
    Rule("UNIQUE-POLICY-SET", ERROR, "membership",
         "A redundancy policy belongs to only one redundancy set.",
         "seed: 'One redundancy policy can be part of only one redundancy set'"),
    Rule("UNIQUE-SERVICE-SET-BINDING", ERROR, "membership",
         "A service set is bound to only one redundancy set.",
         "seed: 'One service set can be assigned only one redundancy set'"),
    Rule("SET-ONE-GROUP", ERROR, "membership",
         "A redundancy set belongs to exactly one redundancy group.",
         "seed: 'One redundancy set can be part of only one redundancy group.'; ref §1 (1:1)"),
    Rule("DUPLICATE-ENTRY", ERROR, "membership",
         "A name, id or address appears only once in a list (events, policies, sets, "
         "peers, interfaces, list members).",
         "Junos lists are keyed: a second entry with the same key is the same statement"),
    # -- cross references a commit (or srd) rejects ----------------------------------------
    Rule("REF-POLICY-EVENT", ERROR, "reference",
         "Every event a redundancy policy names exists under event-options redundancy-event.",
         "ref §2.2/§2.11 (no YANG check; srd cannot act on an unknown event)"),
    Rule("REF-SET-POLICY", ERROR, "reference",
         "Every policy a redundancy set names exists under policy-options redundancy-policy.",
         "ref §2.3/§2.11"),
    Rule("REF-SET-GROUP", ERROR, "reference",
         "A redundancy set's group is a redundancy group an ICCP peer carries "
         "(protocols iccp peer ... redundancy-group-id-list).",
         "ref §2.6 [D]: the ICCP redundancy-group-id-list value must match the set's redundancy-group"),
    Rule("REF-SERVICE-SET", ERROR, "reference",
         "A service set's redundancy-set-id names a configured redundancy set.",
         "ref §2.4/§2.11 [Y]: junos:must 'Referenced redundancy set must be defined'"),
    Rule("REF-ROUTING-INSTANCE", ERROR, "reference",
         "Every routing instance an SRD statement names (signal routes, redundancy-options, "
         "VRRP track route, condition table) is configured.",
         "ref §2.11 [Y]: 'referenced routing-instance must be defined'"),
    Rule("ROUTING-INSTANCE-UNUSED", ERROR, "reference",
         "A routing instance in the SRD model is named by some SRD statement "
         "(the collection manages only the instances SRD needs).",
         "collection design: routing instances are modelled only as SRD's dependencies"),
    # -- structure ---------------------------------------------------------------------------
    Rule("POLICY-NEEDS-EVENTS", ERROR, "structure",
         "A redundancy policy lists at least one redundancy event.",
         "ref §2.2/§2.11 [Y]: 'Redundancy policy needs to have a redundancy-events-then condition'"),
    Rule("POLICY-NEEDS-THEN", ERROR, "structure",
         "A redundancy policy has a then: a primary-role action and/or a signal route.",
         "ref §2.2: a policy without then does nothing"),
    Rule("POLICY-THEN-ROUTE", WARNING, "structure",
         "A policy's then without add-static-route or delete-static-route may be rejected at "
         "commit (a junos:must whose placement is unverified).",
         "ref §2.2/§2.11 [Y]: 'Add or delete of static route needed' (UNVERIFIED)"),
    Rule("ICCP-LOCAL-ADDRESS", ERROR, "structure",
         "ICCP has a local address (protocols iccp local-ip-addr, or per peer).",
         "ref §2.6: srd reaches its peer through iccpd, which needs a local address"),
    Rule("SIGNAL-ROUTE-ORDER", ERROR, "structure",
         "Signal routes follow the primary role: an acquire policy does not delete the signal "
         "route and a release policy does not add it.",
         "seed: 'The order of routing priorities must match the order of services primary role.'"),
    Rule("SIGNAL-ROUTE-UNUSED", WARNING, "structure",
         "A route a VRRP group tracks or a condition tests is a signal route some policy adds "
         "(in the same table).",
         "seed: signal routes are read by routing policies and VRRP route tracking"),
    Rule("EVENT-UNUSED", WARNING, "structure",
         "A redundancy event is listed by some redundancy policy.",
         "seed: events trigger policies; an unused event does nothing"),
    Rule("POLICY-UNUSED", WARNING, "structure",
         "A redundancy policy is attached to some redundancy set.",
         "seed: a redundancy set is a collection of redundancy policies"),
    Rule("SET-NO-POLICIES", WARNING, "structure",
         "A redundancy set has at least one redundancy policy.",
         "seed: 'A collection of one or more redundancy policies'"),
    Rule("EMPTY-ENTRY", ERROR, "structure",
         "An entry of an object SRD shares with other features (a VRRP group, a services interface's "
         "redundancy-options) carries an SRD statement: a VRRP group tracks at least one route, "
         "redundancy-options set at least one SRD value.",
         "collection design: only the SRD part of shared objects is modelled"),
    Rule("VRRP-GROUP-NEEDS-ADDRESS", ERROR, "structure",
         "A change that creates a VRRP group the chassis' configuration does not hold gives it a virtual "
         "address (virtual_addresses): the collection otherwise sets only the group's priority and tracked "
         "routes. Every Juniper VRRP example configures a virtual-address, and a group without one is most "
         "likely refused at commit (UNVERIFIED); checked against the device read, before anything is sent.",
         "ref §2.8 [Y][V]: the VRRP example sets virtual-address; the YANG does not make it mandatory"),
    Rule("SERVICES-INTERFACE", WARNING, "structure",
         "redundancy-options sit on a services interface (vms-, ms-, ams).",
         "ref §2.5: the container is generic in the schema but meant for services interfaces"),
    # -- values --------------------------------------------------------------------------------
    Rule("VALUE-NAME", ERROR, "value",
         "Names of events, policies, service sets, conditions and routing instances are 1-63 "
         "printable ASCII characters without spaces or quotes.",
         "ref §2.1/§2.2 [Y]: string length 1..63; ASCII: collection design (the names are typed in CLI "
         "requests such as trigger redundancy-event, and logged by srd)"),
    Rule("VALUE-IPV4-ADDRESS", ERROR, "value",
         "ICCP, data and next-hop addresses are IPv4 addresses.",
         "ref §2.5/§2.6 [Y]: ipv4addr"),
    Rule("VALUE-IPV4-PREFIX", ERROR, "value",
         "Signal routes, conditions and tracked routes are IPv4 prefixes with a length "
         "(e.g. 203.0.113.100/32) and no host bits.",
         "ref §2.2 [Y]: ipv4prefix-mandatory"),
    Rule("VALUE-INTERFACE-NAME", ERROR, "value",
         "Interface names are Junos interface names (xe-0/0/1, vms-1/0/0, ae0, ...).",
         "Junos interface naming"),
    Rule("VALUE-INTERFACE-ADDRESS", ERROR, "value",
         "A VRRP group's interface address is an IPv4 address with a prefix length (198.51.100.2/24).",
         "ref §2.8: family inet address A/L"),
    Rule("VALUE-TABLE", ERROR, "value",
         "A condition's table is a routing table name such as inet.0 or HA.inet.0.",
         "ref §2.7"),
    Rule("VALUE-AUTH-KEY", ERROR, "value",
         "The ICCP authentication key is 1-126 characters.",
         "ref §2.6 [Y]"),
    Rule("VALUE-ENUM", ERROR, "value",
         "Actions, peer events and process events use a known keyword "
         "(mastership or primary-role spelling).",
         "ref §2.1/§2.2/§2.10 [Y]"),
    Rule("RANGE-SET-ID", ERROR, "value",
         "Redundancy set ids are 1-100 (the schema); with LIMIT-SETS' 128 this is the limit that bites.",
         "ref §2.3/§2.9 [Y]: rs-id-object name 1..100"),
    Rule("RANGE-GROUP-ID", ERROR, "value",
         "Redundancy group ids are 1-16.",
         "ref §2.3 [Y]: redundancy-group 1..16; seed: max 16 groups"),
    Rule("RANGE-VALUE", ERROR, "value",
         "Timers, thresholds, priorities and other numbers are within the schema's range "
         "(see the ranges table).",
         "ref §2.3-§2.8 [Y]"),
    # -- input ---------------------------------------------------------------------------------
    Rule("INPUT-UNKNOWN-KEY", ERROR, "input",
         "Input uses only documented keys.",
         "docs/pair-intent.md"),
    Rule("INPUT-TYPE", ERROR, "input",
         "Input values have the documented type (string, integer, list, mapping, boolean).",
         "docs/pair-intent.md"),
    Rule("INPUT-REQUIRED", ERROR, "input",
         "Required input keys are present.",
         "docs/pair-intent.md"),
    Rule("INPUT-CHASSIS-ALIAS", ERROR, "input",
         "Per-chassis references (only_on, interface aliases) name a chassis or alias of the pair.",
         "docs/pair-intent.md"),
    # -- the pair ------------------------------------------------------------------------------
    Rule("PAIR-TWO-CHASSIS", ERROR, "pair",
         "A pair is exactly two chassis with different hostnames.",
         "seed: services PICs 'on two different MX Series chassis'"),
    Rule("PAIR-ICCP-MIRROR", ERROR, "pair",
         "Each chassis' ICCP peer is the other chassis' ICCP local address.",
         "seed/ref §2.6: srd talks to its peer through ICCP"),
    Rule("PAIR-GATEWAY", ERROR, "pair",
         "The two ICCP addresses differ, so gateway 1 (lower address) and gateway 2 are defined.",
         "seed: 'gateway 1, the chassis that is configured with the lower IP address'"),
    Rule("PAIR-SET-IDS", ERROR, "pair",
         "Both chassis carry the same redundancy set ids, each in the same redundancy group.",
         "seed: a redundancy set is assigned on each MX Series chassis of the redundant pair"),
    Rule("PAIR-GROUP-IDS", ERROR, "pair",
         "Both chassis' ICCP peers carry the same redundancy group ids, covering every set's group.",
         "ref §2.6 [D]"),
    Rule("PAIR-ACQUIRE-RELEASE", ERROR, "pair",
         "For every redundancy set one chassis can acquire and the other can release the primary role.",
         "seed: switchover between the primary and standby services PICs on two chassis"),
    Rule("PAIR-ONE-WAY", WARNING, "pair",
         "For every redundancy set each chassis can both acquire and release (non-stop redundancy); "
         "otherwise switchover works in one direction only.",
         "ref §3.2 [D]: non-stop versus one-way procedures"),
    Rule("PAIR-ROUTING-ORDER", ERROR, "pair",
         "The order of routing priorities matches the primary role: with the signal route on the "
         "primary only, the primary's VRRP priority is the higher, in both directions.",
         "seed: 'The order of routing priorities must match the order of services primary role.'"),
    Rule("PAIR-DATA-ADDRESS", ERROR, "pair",
         "The services interfaces' redundancy-options mirror each other (peer address = the other's "
         "local data address).",
         "ref §2.5"),
    # -- placement (the intent's redundancy_sets[].primary; not a Junos statement) ----------------
    Rule("PLACEMENT-CHASSIS", ERROR, "placement",
         "A redundancy set's primary names one of the pair's two chassis (its inventory hostname).",
         "seed: 'not all redundancy sets have to be active on the same gateway'; docs/pair-intent.md"),
    Rule("PLACEMENT-UNREACHABLE", ERROR, "placement",
         "The set's own policies can move its primary role onto the chassis its primary names: from the "
         "other chassis primary, the engine finds a manual request, unforced, that makes it primary. "
         "Otherwise no deploy, switchover or restore could put the set there.",
         "seed: 'You can also use a manual command to trigger a redundancy policy that releases or acquires "
         "primary role.'; Juniper: a request acts only through acquire or release policies of the set (J3)"),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}

LIMITS: dict[str, Limit] = {
    limit.rule: limit for limit in (
        Limit("LIMIT-POLICIES", 256, "redundancy policies", "chassis"),
        Limit("LIMIT-LINK-DOWN-PER-POLICY", 256, "interface-down events", "redundancy policy"),
        Limit("LIMIT-SETS", 128, "redundancy sets", "chassis"),
        Limit("LIMIT-POLICIES-PER-SET", 16, "redundancy policies", "redundancy set"),
        Limit("LIMIT-GROUPS", 16, "redundancy groups", "chassis"),
        Limit("LIMIT-SETS-PER-GROUP", 16, "redundancy sets", "redundancy group"),
    )
}

UINT32_MAX = 4294967295

RANGES: dict[str, Range] = {
    # model field path pattern -> range; the validator applies these by field name
    "redundancy_sets.id": Range("RANGE-SET-ID", 1, 100, "services redundancy-set id"),
    "redundancy_sets.redundancy_group": Range("RANGE-GROUP-ID", 1, 16, "redundancy-group"),
    "redundancy_sets.keepalive": Range("RANGE-VALUE", 1, 60, "redundancy-set keepalive", "s", 10),
    "redundancy_sets.hold_time": Range("RANGE-VALUE", 0, 3600, "redundancy-set hold-time", "s", 30),
    "redundancy_sets.healthcheck_timer_interval": Range(
        "RANGE-VALUE", 1, 3600, "redundancy-set healthcheck-timer-interval", "s", 5),
    "service_sets.redundancy_set_id": Range("RANGE-SET-ID", 1, 100, "service-set redundancy-set-id"),
    "service_sets.replication_threshold": Range(
        "RANGE-VALUE", 180, 86400, "service-set replicate-services replication-threshold", "s", 180),
    "redundancy_options.replication_threshold": Range(
        "RANGE-VALUE", 60, 3600, "redundancy-options replication-threshold", "s", 180),
    "redundancy_options.mtu": Range("RANGE-VALUE", 1500, 8000, "redundancy-options replication-options mtu",
                                    "bytes", 1500),
    "iccp.session_establishment_hold_time": Range(
        "RANGE-VALUE", 45, 600, "iccp session-establishment-hold-time", "s", 300),
    "iccp.peers.session_establishment_hold_time": Range(
        "RANGE-VALUE", 45, 600, "iccp peer session-establishment-hold-time", "s"),
    "iccp.peers.redundancy_group_id_list": Range("RANGE-GROUP-ID", 1, 16, "iccp peer redundancy-group-id-list"),
    "iccp.peers.liveness_detection.minimum_interval": Range(
        "RANGE-VALUE", 1, 255000, "liveness-detection minimum-interval", "ms"),
    "iccp.peers.liveness_detection.minimum_receive_interval": Range(
        "RANGE-VALUE", 1, 255000, "liveness-detection minimum-receive-interval", "ms"),
    "iccp.peers.liveness_detection.multiplier": Range(
        "RANGE-VALUE", 1, 255, "liveness-detection multiplier", "", 3),
    "vrrp_groups.unit": Range("RANGE-VALUE", 0, 1073741823, "interface unit"),
    "vrrp_groups.group": Range("RANGE-VALUE", 0, 255, "vrrp-group"),
    "vrrp_groups.priority": Range("RANGE-VALUE", 0, 255, "vrrp-group priority", "", 100),
    "vrrp_groups.track_routes.priority_cost": Range("RANGE-VALUE", 1, 254, "track route priority-cost"),
}
"""Numeric ranges (ref §2.3-§2.8, YANG 24.4R1).  The group-id list of an ICCP
peer is uint32 in YANG; here it is held to the redundancy-group range 1-16
because SRD groups are what the list is for."""

NAME_MAX = 63
AUTH_KEY_MAX = 126
VRRP_DEFAULT_PRIORITY = 100


def rule(rule_id: str) -> Rule:
    """The rule with this id (KeyError is a programming error: every id is in the table)."""
    return RULES[rule_id]


def rules_markdown() -> str:
    """The rule table as Markdown, for docs."""
    lines = ["| rule id | severity | summary | source |", "|---|---|---|---|"]
    for item in _RULES:
        lines.append("| `%s` | %s | %s | %s |" % (
            item.id, item.severity, item.summary.replace("|", "\\|"), item.source.replace("|", "\\|")))
    lines += ["", "| field | range | default | rule |", "|---|---|---|---|"]
    for field_path, rng in RANGES.items():
        default = "" if rng.default is None else "%d%s" % (rng.default, (" " + rng.unit) if rng.unit else "")
        lines.append("| `%s` (%s) | %d..%d%s | %s | `%s` |" % (
            field_path, rng.label, rng.minimum, rng.maximum, (" " + rng.unit) if rng.unit else "", default, rng.rule))
    return "\n".join(lines) + "\n"
