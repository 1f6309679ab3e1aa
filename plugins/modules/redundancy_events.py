#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.redundancy_events: thin; the work is done by module_utils.resource_module."""
from __future__ import annotations

DOCUMENTATION = r"""
module: redundancy_events
short_description: Manage SRD redundancy events (event-options redundancy-event) on Junos MX
version_added: 0.1.0
author: mxha.srd maintainers (@mxha)
description:
  - "Manages C(event-options redundancy-event): what the services redundancy daemon (srd) monitors, interface
    link-down, routing process restart or abort, messages from the peer, or nothing (manual trigger)."
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
      - "The redundancy events, as in C(redundancy_events) of M(mxha.srd.redundancy_config)."
      - "With I(state=deleted), only C(name) is read; an omitted I(config) deletes every redundancy event, an
        empty one nothing."
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
          - "The Junos keywords C(mastership-acquire) and C(mastership-release) are accepted too, and are what
            results show."
          - "An event with no monitor at all is fired only by C(request services redundancy-set id N trigger
            redundancy-event NAME)."
        type: str
"""

EXAMPLES = r"""
# The examples run in order against the emulated pair (tools/mxsim): host pair1-mx1.

- name: Monitor the critical links, the routing process and the peer (merged)
  mxha.srd.redundancy_events:
    config:
      - name: RELS_MSHIP_CRIT_EV
        link_down: [xe-0/0/0, xe-0/0/1, vms-1/0/0]
        process_routing_restart: true
        process_routing_abort: true
      - name: ACQU_MSHIP_CRIT_EV
        peer: primary-role-release
      - name: ACQU_MSHIP_MANUAL_EV      # no monitor: fired only by the request command
      - name: RELS_MSHIP_MANUAL_EV
    state: merged

- name: The critical event now watches only the uplink and the services PIC (replaced)
  mxha.srd.redundancy_events:
    config:
      - name: RELS_MSHIP_CRIT_EV
        link_down: [xe-0/0/0, vms-1/0/0]
        process_routing_restart: true
        process_routing_abort: true
    state: replaced

- name: Preview a change and its diff without touching the device (check mode)
  mxha.srd.redundancy_events:
    config:
      - name: RELS_MSHIP_CRIT_EV
        link_down: [xe-0/0/1]
    state: merged
  check_mode: true
  diff: true
  register: preview

- name: Exactly these events, any other redundancy event is removed (overridden)
  mxha.srd.redundancy_events:
    config:
      - name: RELS_MSHIP_CRIT_EV
        link_down: [xe-0/0/0, xe-0/0/1, vms-1/0/0]
        process_routing_restart: true
        process_routing_abort: true
      - name: ACQU_MSHIP_CRIT_EV
        peer: mastership-release
      - name: ACQU_MSHIP_MANUAL_EV
    state: overridden

- name: Read the events from the device (gathered; one RPC, no lock)
  mxha.srd.redundancy_events:
    state: gathered
  register: events

- name: The XML and set lines for events, without a device (rendered)
  mxha.srd.redundancy_events:
    config:
      - name: RELS_MSHIP_MANUAL_EV
    state: rendered

- name: Read events from configuration text, without a device (parsed)
  mxha.srd.redundancy_events:
    running_config: |
      event-options {
          redundancy-event RELS_MSHIP_MANUAL_EV;
          redundancy-event ACQU_MSHIP_CRIT_EV {
              monitor {
                  peer mastership-release;
              }
          }
      }
    state: parsed

- name: Remove one event (deleted; only the name is read)
  mxha.srd.redundancy_events:
    config:
      - name: ACQU_MSHIP_MANUAL_EV
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
    run_module(module, "redundancy_events")


if __name__ == "__main__":
    main()
