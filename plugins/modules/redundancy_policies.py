#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.redundancy_policies: thin; the work is done by module_utils.resource_module."""
from __future__ import annotations

DOCUMENTATION = r"""
module: redundancy_policies
short_description: Manage SRD redundancy policies (policy-options redundancy-policy) on Junos MX
version_added: 0.1.0
author: mxha.srd maintainers (@mxha)
description:
  - "Manages C(policy-options redundancy-policy): the events a policy reacts to, the primary-role action and
    the signal route it adds or deletes."
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
      - "The redundancy policies, as in C(redundancy_policies) of M(mxha.srd.redundancy_config)."
      - "With I(state=deleted), only C(name) is read; an omitted I(config) deletes every redundancy policy, an
        empty one nothing."
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
          - "The redundancy events the policy reacts to (C(redundancy-events)). An event may belong to only one
            policy."
        type: list
        elements: str
      action:
        description:
          - "What srd does when one of the events occurs (C(then)): C(acquire-primary-role),
            C(release-primary-role),"
          - "C(release-primary-role-force), C(release-primary-role-if-standby-clear) or C(broadcast-warning)."
          - "The Junos keywords (C(acquire-mastership), C(release-mastership) ...) are accepted too, and are
            what results show."
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
              - "Routing instance the route is added in (must be in C(routing_instances) of the route_tracking
                resource)."
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
"""

EXAMPLES = r"""
# The examples run in order against the emulated pair (tools/mxsim): host pair1-mx1.

- name: Acquire the primary role and add the signal route; release and delete it (merged)
  mxha.srd.redundancy_policies:
    config:
      - name: ACQU_MSHIP_POL
        events: [ACQU_MSHIP_CRIT_EV, ACQU_MSHIP_MANUAL_EV]
        action: acquire-primary-role
        add_signal_route:
          prefix: 203.0.113.100/32
          routing_instance: HA
      - name: RELS_MSHIP_POL
        events: [RELS_MSHIP_CRIT_EV, RELS_MSHIP_MANUAL_EV]
        action: release-primary-role
        delete_signal_route:
          prefix: 203.0.113.100/32
          routing_instance: HA
    state: merged

- name: Release even when the standby is warned (replaced; the events list is exactly this)
  mxha.srd.redundancy_policies:
    config:
      - name: RELS_MSHIP_POL
        events: [RELS_MSHIP_CRIT_EV]
        action: release-primary-role-force
        delete_signal_route:
          prefix: 203.0.113.100/32
          routing_instance: HA
    state: replaced

- name: Exactly these two policies (overridden)
  mxha.srd.redundancy_policies:
    config:
      - name: ACQU_MSHIP_POL
        events: [ACQU_MSHIP_CRIT_EV, ACQU_MSHIP_MANUAL_EV]
        action: acquire-mastership
        add_signal_route:
          prefix: 203.0.113.100/32
          routing_instance: HA
      - name: RELS_MSHIP_POL
        events: [RELS_MSHIP_CRIT_EV, RELS_MSHIP_MANUAL_EV]
        action: release-mastership
        delete_signal_route:
          prefix: 203.0.113.100/32
          routing_instance: HA
    state: overridden

- name: Read the policies (gathered)
  mxha.srd.redundancy_policies:
    state: gathered
  register: policies

- name: Render a policy without a device (rendered)
  mxha.srd.redundancy_policies:
    config:
      - name: WARN_POL
        events: [WARN_EV]
        action: broadcast-warning
    state: rendered

- name: Parse set lines without a device (parsed)
  mxha.srd.redundancy_policies:
    running_config: |
      set policy-options redundancy-policy ACQU_MSHIP_POL redundancy-events ACQU_MSHIP_CRIT_EV
      set policy-options redundancy-policy ACQU_MSHIP_POL then acquire-mastership
      set policy-options redundancy-policy ACQU_MSHIP_POL then add-static-route 203.0.113.100/32 receive
    state: parsed

- name: Remove every redundancy policy (deleted, no config)
  mxha.srd.redundancy_policies:
    state: deleted
"""

RETURN = r"""
before:
  description: The resource's SRD statements on the device before the task, in the format of I(config).
  returned: when the state reads the device and changes or could change it
  type: list
after:
  description: The resource's SRD statements after the task (predicted in check mode), in the format of I(config).
  returned: when the state reads the device and changes or could change it
  type: list
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
  type: list
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
  type: list
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
    run_module(module, "redundancy_policies")


if __name__ == "__main__":
    main()
