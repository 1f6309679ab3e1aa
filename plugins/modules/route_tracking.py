#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.route_tracking: thin; the work is done by module_utils.resource_module."""
from __future__ import annotations

DOCUMENTATION = r"""
module: route_tracking
short_description: Manage SRD signal-route tracking (route conditions, VRRP track route) on Junos MX
version_added: 0.1.0
author: mxha.srd maintainers (@mxha)
description:
  - "Manages what makes routing follow the primary role, C(policy-options condition ... if-route-exists) on
    signal routes, the C(priority) and C(track route) of VRRP groups, and the routing instances they name."
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
      - "Route-existence conditions, VRRP route tracking and the routing instances they name."
      - "With I(state=deleted), only the keys of the listed entries are read (C(iccp) with C(peers) deletes
        those peers; C(iccp) without peers deletes ICCP); an omitted I(config) deletes every statement of the
        resource, an empty one nothing."
    type: dict
    suboptions:
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

- name: VRRP follows the signal route; export policies can test it (merged)
  mxha.srd.route_tracking:
    config:
      routing_instances:
        - name: HA
          instance_type: virtual-router
      conditions:
        - name: SRD_PRIMARY
          prefix: 203.0.113.100/32
          table: HA.inet.0
      vrrp_groups:
        - interface: xe-0/0/1
          unit: 0
          address: 192.0.2.66/26
          group: 10
          virtual_addresses: [192.0.2.65]   # the group is created if the chassis lacks it; add-only
          priority: 200
          track_routes:
            - prefix: 203.0.113.100/32
              routing_instance: HA
              priority_cost: 150
    state: merged

- name: A larger priority cost (replaced)
  mxha.srd.route_tracking:
    config:
      vrrp_groups:
        - interface: xe-0/0/1
          unit: 0
          address: 192.0.2.66/26
          group: 10
          priority: 200
          track_routes:
            - {prefix: 203.0.113.100/32, routing_instance: HA, priority_cost: 190}
    state: replaced

- name: Read conditions, tracked routes and routing instances (gathered)
  mxha.srd.route_tracking:
    state: gathered
  register: tracking

- name: Render without a device (rendered)
  mxha.srd.route_tracking:
    config:
      conditions:
        - {name: SRD_PRIMARY, prefix: 203.0.113.100/32, table: HA.inet.0, family_inet: true}
    state: rendered

- name: Parse set lines without a device (parsed)
  mxha.srd.route_tracking:
    running_config: |
      set policy-options condition SRD_PRIMARY if-route-exists 203.0.113.100/32
      set policy-options condition SRD_PRIMARY if-route-exists table HA.inet.0
    state: parsed

- name: Exactly this tracking (overridden; routing instances are never removed)
  mxha.srd.route_tracking:
    config:
      conditions:
        - name: SRD_PRIMARY
          prefix: 203.0.113.100/32
          table: HA.inet.0
      vrrp_groups:
        - interface: xe-0/0/1
          unit: 0
          address: 192.0.2.66/26
          group: 10
          priority: 200
          track_routes:
            - {prefix: 203.0.113.100/32, routing_instance: HA, priority_cost: 150}
    state: overridden

- name: Stop tracking on the VRRP group (deleted; the group's virtual address and the rest stay)
  mxha.srd.route_tracking:
    config:
      vrrp_groups:
        - {interface: xe-0/0/1, unit: 0, address: 192.0.2.66/26, group: 10}
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
    run_module(module, "route_tracking")


if __name__ == "__main__":
    main()
