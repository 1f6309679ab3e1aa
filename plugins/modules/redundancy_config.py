#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.redundancy_config: thin; the work is done by module_utils.resource_module."""
from __future__ import annotations

DOCUMENTATION = r"""
module: redundancy_config
short_description: Manage every SRD resource of one Junos MX chassis in one task and one transaction
version_added: 0.1.0
author: mxha.srd maintainers (@mxha)
description:
  - "Manages all SRD statements of one chassis (events, policies, sets and service-set bindings, ICCP and
    redundancy-options, route tracking) in one task, one read and one transaction. Its I(config) is the
    I(config) of the five per-resource modules together, which is also the per-chassis slice of a pair
    intent."
  - "A change reads every SRD statement of the chassis (still one RPC), whatever part of them I(config) names,
    and checks the whole configuration as it will be after the change by the rules of M(mxha.srd.validate),
    in every state: a rule about names fails before any RPC, a reference between resources (a policy naming an
    event, a set naming a policy) after the read and before the lock."
extends_documentation_fragment:
  - mxha.srd.resource
attributes:
  check_mode:
    description: Check mode reads the device once and computes the change from the model; nothing is loaded.
    support: full
  diff_mode:
    description: Returns the Junos compare text and the changed paths' before/after values.
    support: full
  platform:
    description: Juniper MX routers (Junos) over C(ansible.netcommon.netconf).
    support: full
    platforms: junos
options:
  config:
    description:
      - "Every SRD statement of one chassis: the I(config) of M(mxha.srd.redundancy_events),
        M(mxha.srd.redundancy_policies), M(mxha.srd.redundancy_sets), M(mxha.srd.redundancy_groups) and
        M(mxha.srd.route_tracking) together, which is also the per-chassis slice of a pair intent."
      - "With I(state=deleted), only the keys of the listed entries are read (C(iccp) with C(peers) deletes
        those peers; C(iccp) without peers deletes ICCP); an omitted I(config) deletes every statement of the
        resource, an empty one nothing."
    type: dict
    suboptions:
      redundancy_events:
        description:
          - "Redundancy events (C(event-options redundancy-event)): what srd monitors."
        type: list
        elements: dict
        suboptions:
          name:
            description:
              - "Name of the event (C(event-options redundancy-event NAME)), 1-63 characters."
            type: str
            required: true
          link_down:
            description:
              - "Interfaces whose link going down fires the event (C(monitor link-down))."
              - "An interface may be monitored by only one event. A services PIC (MX-SPC3) failure shows as
                link-down of its C(vms-) interface."
            type: list
            elements: str
          process_routing_restart:
            description:
              - "Fire when the routing process restarts (C(monitor process routing restart))."
            type: bool
          process_routing_abort:
            description:
              - "Fire when the routing process aborts (C(monitor process routing abort))."
            type: bool
          peer:
            description:
              - "Fire on this message from the peer's srd (C(monitor peer)): C(primary-role-acquire) or
                C(primary-role-release)."
              - "The Junos keywords C(mastership-acquire) and C(mastership-release) are accepted too, and are
                what results show."
              - "An event with no monitor at all is fired only by C(request services redundancy-set id N
                trigger redundancy-event NAME)."
            type: str
      redundancy_policies:
        description:
          - "Redundancy policies (C(policy-options redundancy-policy)): events, and what srd does then."
        type: list
        elements: dict
        suboptions:
          name:
            description:
              - "Name of the policy (C(policy-options redundancy-policy NAME)), 1-63 characters."
            type: str
            required: true
          events:
            description:
              - "The redundancy events the policy reacts to (C(redundancy-events)). An event may belong to only
                one policy."
            type: list
            elements: str
          action:
            description:
              - "What srd does when one of the events occurs (C(then)): C(acquire-primary-role),
                C(release-primary-role),"
              - "C(release-primary-role-force), C(release-primary-role-if-standby-clear) or
                C(broadcast-warning)."
              - "The Junos keywords (C(acquire-mastership), C(release-mastership) ...) are accepted too, and
                are what results show."
            type: str
          add_signal_route:
            description:
              - "The signal route the policy adds (C(then add-static-route)); at most one."
            type: dict
            suboptions:
              prefix:
                description:
                  - "The signal route, an IPv4 prefix with its length (for example C(203.0.113.100/32))."
                type: str
                required: true
              next_hop:
                description:
                  - "Next hop of the route; without it the route is a C(receive) route."
                type: str
              routing_instance:
                description:
                  - "Routing instance the route is added in (must be in C(routing_instances) of the
                    route_tracking resource)."
                type: str
          delete_signal_route:
            description:
              - "The signal route the policy deletes (C(then delete-static-route)); at most one."
            type: dict
            suboptions:
              prefix:
                description:
                  - "The signal route to delete, an IPv4 prefix with its length."
                type: str
                required: true
              routing_instance:
                description:
                  - "Routing instance the route is deleted from."
                type: str
      redundancy_sets:
        description:
          - "Redundancy sets (C(services redundancy-set))."
        type: list
        elements: dict
        suboptions:
          id:
            description:
              - "Redundancy set id (C(services redundancy-set ID)), 1-100."
            type: int
            required: true
          redundancy_group:
            description:
              - "The ICCP redundancy group of the set, 1-16; an ICCP peer must list it in
                C(redundancy_group_id_list)."
            type: int
          policies:
            description:
              - "Redundancy policies of the set (C(redundancy-policy)); a policy belongs to only one set, at
                most 16 per set."
            type: list
            elements: str
          keepalive:
            description:
              - "Seconds between SRD hello messages, 1-60 (Junos default 10)."
            type: int
          hold_time:
            description:
              - "Seconds before the SRD peer is declared down, 0-3600 (Junos default 30)."
            type: int
          healthcheck_timer_interval:
            description:
              - "Health check interval in seconds, 1-3600 (Junos default 5)."
            type: int
      service_sets:
        description:
          - "Service sets bound to a redundancy set (C(services service-set NAME redundancy-set-id))."
        type: list
        elements: dict
        suboptions:
          name:
            description:
              - "Name of the service set (C(services service-set NAME)). Only its SRD statements are managed;
                its rules and interfaces are left alone."
            type: str
            required: true
          redundancy_set_id:
            description:
              - "The redundancy set the service set belongs to (C(redundancy-set-id)), 1-100; required except
                with I(state=deleted)."
            type: int
          replication_threshold:
            description:
              - "Minimum age in seconds of a session before it is replicated to the peer (C(replicate-services
                replication-threshold)), 180-86400."
            type: int
          disable_replication_capability:
            description:
              - "Do not replicate sessions of this service set (C(replicate-services
                disable-replication-capability))."
            type: bool
      iccp:
        description:
          - "ICCP (C(protocols iccp)): how srd reaches its peer."
        type: dict
        suboptions:
          local_ip_addr:
            description:
              - "This chassis' ICCP address (C(protocols iccp local-ip-addr)), usually a loopback."
            type: str
          session_establishment_hold_time:
            description:
              - "Seconds to wait for the ICCP session to come up, 45-600 (Junos default 300)."
            type: int
          authentication_key:
            description:
              - "MD5 key of the ICCP TCP sessions; never shown in results (masked as C(********)). A C($9$) key
                read from the device compares equal to its plaintext."
            type: str
          peers:
            description:
              - "The ICCP peers (the other chassis of the pair)."
            type: list
            elements: dict
            suboptions:
              address:
                description:
                  - "IPv4 address of the peer chassis (C(protocols iccp peer ADDRESS))."
                type: str
                required: true
              redundancy_group_id_list:
                description:
                  - "Redundancy groups shared with this peer; each redundancy set's group must be here."
                type: list
                elements: int
              local_ip_addr:
                description:
                  - "Local ICCP address used towards this peer (overrides the global one)."
                type: str
              session_establishment_hold_time:
                description:
                  - "Seconds to wait for the ICCP session to come up, 45-600."
                type: int
              authentication_key:
                description:
                  - "MD5 key of the ICCP TCP session with this peer; never shown in results."
                type: str
              liveness_detection:
                description:
                  - "BFD for the ICCP session (C(liveness-detection))."
                type: dict
                suboptions:
                  minimum_interval:
                    description:
                      - "BFD minimum interval in milliseconds, 1-255000."
                    type: int
                  minimum_receive_interval:
                    description:
                      - "BFD minimum receive interval in milliseconds, 1-255000."
                    type: int
                  multiplier:
                    description:
                      - "BFD detection multiplier, 1-255 (Junos default 3)."
                    type: int
              backup_peer_ip:
                description:
                  - "Backup liveness address of the peer (C(backup-liveness-detection backup-peer-ip))."
                type: str
      redundancy_options:
        description:
          - "The services interfaces' C(redundancy-options): session replication to the peer."
        type: list
        elements: dict
        suboptions:
          interface:
            description:
              - "The services interface (C(vms-), C(ms-) or C(ams)) whose C(redundancy-options) are managed."
            type: str
            required: true
          peer_address:
            description:
              - "The peer's HA data address (C(redundancy-peer ipaddress))."
            type: str
          local_data_address:
            description:
              - "This chassis' HA data address (C(redundancy-local data-address))."
            type: str
          routing_instance:
            description:
              - "Routing instance of the replication traffic (must be in C(routing_instances))."
            type: str
          replication_threshold:
            description:
              - "Replication threshold in seconds, 60-3600."
            type: int
          mtu:
            description:
              - "MTU of the replication link (C(replication-options mtu)), 1500-8000."
            type: int
      conditions:
        description:
          - "Route-existence conditions (C(policy-options condition ... if-route-exists)) on signal routes."
        type: list
        elements: dict
        suboptions:
          name:
            description:
              - "Name of the condition (C(policy-options condition NAME)), used by export policies as C(from
                condition)."
            type: str
            required: true
          prefix:
            description:
              - "The route that must exist (C(if-route-exists)), usually a signal route; required except with
                I(state=deleted)."
            type: str
          table:
            description:
              - "The routing table to look in, for example C(HA.inet.0); required except with I(state=deleted)."
            type: str
          family_inet:
            description:
              - "Write the condition in the C(if-route-exists address-family inet) form."
            type: bool
      vrrp_groups:
        description:
          - "VRRP groups whose priority follows signal routes (C(track route))."
        type: list
        elements: dict
        suboptions:
          interface:
            description:
              - "Interface of the VRRP group."
            type: str
            required: true
          unit:
            description:
              - "Logical unit of the interface."
            type: int
            required: true
          address:
            description:
              - "The interface address with its length that holds the group (C(family inet address))."
            type: str
            required: true
          group:
            description:
              - "VRRP group number (C(vrrp-group)), 0-255."
            type: int
            required: true
          priority:
            description:
              - "VRRP priority, 0-255. The priority and C(track route) of the group are managed; its other
                statements stay as configured."
            type: int
          virtual_addresses:
            description:
              - "Virtual IPv4 addresses of the group (C(virtual-address)), for a group the chassis'
                configuration does not hold yet: a change that would create a group without one is refused
                before anything is sent (rule C(VRRP-GROUP-NEEDS-ADDRESS)). Add-only: the addresses given are
                added, none the device holds is ever removed or reported as drift."
            type: list
            elements: str
          track_routes:
            description:
              - "Signal routes the group tracks (C(track route ... priority-cost))."
            type: list
            elements: dict
            suboptions:
              prefix:
                description:
                  - "The tracked route (a signal route), an IPv4 prefix with its length."
                type: str
                required: true
              routing_instance:
                description:
                  - "Routing instance of the route; C(default) (the default) is the master instance."
                type: str
              priority_cost:
                description:
                  - "How much the VRRP priority drops while the route is absent, 1-254."
                type: int
      routing_instances:
        description:
          - "Routing instances the SRD statements name."
        type: list
        elements: dict
        suboptions:
          name:
            description:
              - "Name of a routing instance an SRD statement names (signal routes, replication, tracked routes,
                condition tables)."
            type: str
            required: true
          instance_type:
            description:
              - "Its C(instance-type), for example C(virtual-router). Routing instances are created or updated,
                never deleted."
            type: str
"""

EXAMPLES = r"""
# The examples run in order against the emulated pair (tools/mxsim): host pair1-mx1.

- name: All SRD statements of the chassis, one transaction (overridden), with commit confirmed
  mxha.srd.redundancy_config:
    config:
      redundancy_events:
        - {name: RELS_MSHIP_CRIT_EV, link_down: [xe-0/0/0, xe-0/0/1, vms-1/0/0],
           process_routing_restart: true, process_routing_abort: true}
        - {name: RELS_MSHIP_MANUAL_EV}
        - {name: ACQU_MSHIP_CRIT_EV, peer: primary-role-release}
        - {name: ACQU_MSHIP_MANUAL_EV}
      redundancy_policies:
        - name: ACQU_MSHIP_POL
          events: [ACQU_MSHIP_CRIT_EV, ACQU_MSHIP_MANUAL_EV]
          action: acquire-primary-role
          add_signal_route: {prefix: 203.0.113.100/32, routing_instance: HA}
        - name: RELS_MSHIP_POL
          events: [RELS_MSHIP_CRIT_EV, RELS_MSHIP_MANUAL_EV]
          action: release-primary-role
          delete_signal_route: {prefix: 203.0.113.100/32, routing_instance: HA}
      redundancy_sets:
        - {id: 1, redundancy_group: 1, policies: [ACQU_MSHIP_POL, RELS_MSHIP_POL]}
      service_sets:
        - {name: CGNAT_SS1, redundancy_set_id: 1, replication_threshold: 180}
      iccp:
        local_ip_addr: 192.0.2.1
        authentication_key: example-iccp-key   # use ansible-vault for a real key; never shown in results
        peers:
          - address: 192.0.2.2
            redundancy_group_id_list: [1]
            liveness_detection: {minimum_interval: 1000, multiplier: 3}
      redundancy_options:
        - {interface: vms-1/0/0, peer_address: 198.51.100.2, local_data_address: 198.51.100.1,
           routing_instance: HA, replication_threshold: 180}
      conditions:
        - {name: SRD_PRIMARY, prefix: 203.0.113.100/32, table: HA.inet.0}
      vrrp_groups:
        - interface: xe-0/0/1
          unit: 0
          address: 192.0.2.66/26
          group: 10
          virtual_addresses: [192.0.2.65]
          priority: 200
          track_routes:
            - {prefix: 203.0.113.100/32, routing_instance: HA, priority_cost: 150}
      routing_instances:
        - {name: HA, instance_type: virtual-router}
    state: overridden
    confirm_timeout: 5          # Junos rolls back in 5 minutes unless confirmed
  register: pushed

# ... check the pair's health here (both chassis), then:
- name: Confirm the commit (lock, commit, unlock)
  mxha.srd.redundancy_config:
    confirm: true
  when: pushed is changed

- name: Drift check (check mode; one get-configuration, no lock, candidate untouched)
  mxha.srd.redundancy_config:
    config:
      redundancy_sets:
        - {id: 1, redundancy_group: 1, policies: [ACQU_MSHIP_POL, RELS_MSHIP_POL]}
    state: replaced
  check_mode: true
  diff: true
  register: drift

- name: Several resources in one task and one transaction (merged)
  mxha.srd.redundancy_config:
    config:
      redundancy_events:
        - {name: WARN_EV, link_down: [xe-0/0/2]}
      redundancy_policies:
        - {name: WARN_POL, events: [WARN_EV], action: broadcast-warning,
           add_signal_route: {prefix: 203.0.113.101/32, routing_instance: HA}}
      redundancy_sets:
        - {id: 1, policies: [WARN_POL]}
    state: merged
    comment: add the warning policy (CHG-1234)

- name: Read every SRD statement of the chassis (gathered)
  mxha.srd.redundancy_config:
    state: gathered
  register: srd

- name: Render a chassis configuration without a device (rendered)
  mxha.srd.redundancy_config:
    config:
      redundancy_sets:
        - {id: 1, redundancy_group: 1, policies: [ACQU_MSHIP_POL, RELS_MSHIP_POL]}
      service_sets:
        - {name: CGNAT_SS1, redundancy_set_id: 1}
    state: rendered

- name: Parse a saved configuration without a device (parsed)
  mxha.srd.redundancy_config:
    running_config: |
      set event-options redundancy-event RELS_MSHIP_MANUAL_EV
      set services redundancy-set 1 redundancy-group 1
    state: parsed

- name: Take the warning policy out of set 1 again (replaced)
  mxha.srd.redundancy_config:
    config:
      redundancy_sets:
        - {id: 1, redundancy_group: 1, policies: [ACQU_MSHIP_POL, RELS_MSHIP_POL]}
    state: replaced

- name: Remove the warning policy and event (deleted, by name)
  mxha.srd.redundancy_config:
    config:
      redundancy_policies:
        - name: WARN_POL
      redundancy_events:
        - name: WARN_EV
    state: deleted
"""

RETURN = r"""
before:
  description: The resource's SRD statements on the device before the task, in the format of I(config).
  returned: when the state reads the device and changes or could change it
  type: dict
after:
  description: The resource's SRD statements after the task (predicted in check mode), in the format of I(config).
  returned: when the state reads the device and changes or could change it
  type: dict
commands:
  description: What the task loads (or would load) onto the device, keys masked.
  returned: when the state reads the device and changes or could change it
  type: dict
  contains:
    xml:
      description: The one C(load-configuration) payload (Junos XML; C(delete="delete") marks removals); empty when nothing changes.
      type: str
    set:
      description: The same change as set/delete lines.
      type: list
      elements: str
      sample: ["delete event-options redundancy-event RELS_MSHIP_CRIT_EV monitor link-down xe-0/0/1"]
changes:
  description: The structured difference, one item per added, removed or changed entry or field.
  returned: when the state reads the device and changes or could change it
  type: list
  elements: dict
  sample: [{resource: redundancy_sets, change: changed, path: "redundancy_sets[id=1].keepalive", before: 10, after: 5}]
diff:
  description:
    - C(prepared) is the Junos compare text (the device's C(show | compare) after the load; in check mode computed from the model).
    - C(before) and C(after) map each changed path to its value.
  returned: when changed
  type: dict
gathered:
  description: The resource's SRD statements on the device, in the format of I(config) (keys masked).
  returned: when I(state=gathered)
  type: dict
rendered:
  description: I(config) as Junos XML and set lines (keys masked), made without a device.
  returned: when I(state=rendered)
  type: dict
  contains:
    xml:
      description: Junos XML for C(load-configuration).
      type: str
    set:
      description: The equivalent set lines.
      type: list
      elements: str
parsed:
  description: The SRD statements of I(running_config), in the format of I(config).
  returned: when I(state=parsed)
  type: dict
unmodelled:
  description: Statements inside the SRD hierarchies this collection does not model (trace options, extra BFD knobs ...); left untouched.
  returned: when there are any
  type: list
  elements: str
rpc_stats:
  description: What the task spent on the device.
  returned: always
  type: dict
  contains:
    rpcs:
      description: Number of RPCs sent (0 for rendered, parsed and input that failed validation).
      type: int
    locks:
      description: Locks taken (C(lock) or C(open-configuration)).
      type: int
    commits:
      description: Commits (a C(commit check) is not one).
      type: int
    commit_checks:
      description: C(commit check) RPCs.
      type: int
    seconds:
      description: Time spent waiting for RPC replies.
      type: float
    wall_seconds:
      description: Time the task spent in the module, device and offline work together.
      type: float
    by_rpc:
      description: RPC counts by name.
      type: dict
    sent:
      description: RPC names in the order sent.
      type: list
      elements: str
  sample: {rpcs: 7, locks: 1, commits: 1, commit_checks: 1, seconds: 0.05, wall_seconds: 0.09,
           sent: [get-configuration, lock, load-configuration, commit-configuration, get-configuration,
                  commit-configuration, unlock]}
transaction:
  description: The transaction's steps in order (on failure too, with the cleanup steps).
  returned: when the task opened a transaction
  type: list
  elements: str
  sample: [lock, load, commit-check, compare, commit, unlock]
commit_confirmed:
  description: C(pending=true) with C(timeout_minutes) after a commit confirmed; C(pending=false) after I(confirm=true).
  returned: after a commit confirmed or a confirmation
  type: dict
device_warnings:
  description: C(rpc-error)s of severity warning the device answered with.
  returned: when there are any
  type: list
  elements: dict
failed_step:
  description: The transaction step that failed (C(lock), C(load), C(commit-check), C(compare), C(commit) ...).
  returned: on failure in a transaction
  type: str
reason:
  description: Why the transaction failed, C(lock-held), C(dirty-candidate), C(session-lost) or C(rpc-error).
  returned: on failure in a transaction
  type: str
rpc_errors:
  description: Every C(rpc-error) of the failure, with severity, path, element and message.
  returned: on failure
  type: list
  elements: dict
cleanup:
  description: What the task did to leave the device clean after a failure (discard, unlock) and how it went.
  returned: on failure in a transaction
  type: list
  elements: str
violations:
  description: SRD rule violations (path, rule, message, severity) that made the task fail before changing anything.
  returned: on validation failure
  type: list
  elements: dict
"""

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.mxha.srd.plugins.module_utils.resource.argspec import HAS_YAML, spec_from_doc
from ansible_collections.mxha.srd.plugins.module_utils.resource.docs import SHARED_DOC
from ansible_collections.mxha.srd.plugins.module_utils.resource.runner import ARGSPEC_RULES, run_module


def main() -> None:
    """Runs when the task does not go through the module's action plugin (which runs the same code)."""
    if not HAS_YAML:  # the argument spec is read from DOCUMENTATION; PyYAML comes with ansible-core
        AnsibleModule(argument_spec={}).fail_json(msg=missing_required_lib("PyYAML"))
    module = AnsibleModule(argument_spec=spec_from_doc(DOCUMENTATION, SHARED_DOC), supports_check_mode=True,
                           **ARGSPEC_RULES)
    run_module(module, "redundancy_config")


if __name__ == "__main__":
    main()
