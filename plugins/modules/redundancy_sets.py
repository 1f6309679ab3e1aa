#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.redundancy_sets: thin; the work is done by module_utils.resource_module."""
from __future__ import annotations

DOCUMENTATION = r"""
module: redundancy_sets
short_description: Manage SRD redundancy sets and their service-set bindings on Junos MX
version_added: 0.1.0
author: mxha.srd maintainers (@mxha)
description:
  - "Manages C(services redundancy-set) (group, policies, timers) and the SRD statements of service sets
    (C(redundancy-set-id), C(replicate-services)); the rest of a service set is left alone."
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
      - "The redundancy sets and the service sets bound to them."
      - "With I(state=deleted), only the keys of the listed entries are read (C(iccp) with C(peers) deletes
        those peers; C(iccp) without peers deletes ICCP); an omitted I(config) deletes every statement of the
        resource, an empty one nothing."
    type: dict
    suboptions:
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
"""

EXAMPLES = r"""
# The examples run in order against the emulated pair (tools/mxsim): host pair1-mx1.

- name: Redundancy set 1 in group 1, and the CGNAT service set bound to it (merged)
  mxha.srd.redundancy_sets:
    config:
      redundancy_sets:
        - id: 1
          redundancy_group: 1
          policies: [ACQU_MSHIP_POL, RELS_MSHIP_POL]
      service_sets:
        - name: CGNAT_SS1
          redundancy_set_id: 1
          replication_threshold: 180
    state: merged

- name: Faster failure detection for set 1 (merged; the policies stay)
  mxha.srd.redundancy_sets:
    config:
      redundancy_sets:
        - id: 1
          keepalive: 5
          hold_time: 15
    state: merged

- name: Set 1 exactly as given, timers back to the Junos defaults (replaced)
  mxha.srd.redundancy_sets:
    config:
      redundancy_sets:
        - id: 1
          redundancy_group: 1
          policies: [ACQU_MSHIP_POL, RELS_MSHIP_POL]
    state: replaced

- name: Check for drift in check mode (one read, no lock)
  mxha.srd.redundancy_sets:
    config:
      redundancy_sets:
        - id: 1
          redundancy_group: 1
          policies: [ACQU_MSHIP_POL, RELS_MSHIP_POL]
      service_sets:
        - name: CGNAT_SS1
          redundancy_set_id: 1
          replication_threshold: 180
    state: overridden
  check_mode: true
  register: drift

- name: Read the sets and service-set bindings (gathered)
  mxha.srd.redundancy_sets:
    state: gathered
  register: sets

- name: Render without a device (rendered)
  mxha.srd.redundancy_sets:
    config:
      redundancy_sets:
        - {id: 2, redundancy_group: 1, policies: [ACQU2_POL, RELS2_POL]}
    state: rendered

- name: Parse configuration XML without a device (parsed)
  mxha.srd.redundancy_sets:
    running_config: |
      <configuration><services><redundancy-set><rs-id-object><name>1</name>
      <redundancy-group>1</redundancy-group><redundancy-policy>ACQU_MSHIP_POL</redundancy-policy>
      </rs-id-object></redundancy-set></services></configuration>
    state: parsed

- name: Unbind the service set (deleted; its rules and interfaces stay)
  mxha.srd.redundancy_sets:
    config:
      service_sets:
        - name: CGNAT_SS1
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
    run_module(module, "redundancy_sets")


if __name__ == "__main__":
    main()
