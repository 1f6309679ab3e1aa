#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.redundancy_groups: thin; the work is done by module_utils.resource_module."""
from __future__ import annotations

DOCUMENTATION = r"""
module: redundancy_groups
short_description: Manage ICCP and services-interface redundancy-options for SRD on Junos MX
version_added: 0.1.0
author: mxha.srd maintainers (@mxha)
description:
  - "Manages C(protocols iccp) (local address, peers and the redundancy groups they share, BFD, key) and the
    C(redundancy-options) of the services interfaces (session replication to the peer)."
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
      - "ICCP and the services interfaces' C(redundancy-options)."
      - "With I(state=deleted), only the keys of the listed entries are read (C(iccp) with C(peers) deletes
        those peers; C(iccp) without peers deletes ICCP); an omitted I(config) deletes every statement of the
        resource, an empty one nothing."
    type: dict
    suboptions:
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
"""

EXAMPLES = r"""
# The examples run in order against the emulated pair (tools/mxsim): host pair1-mx1.

- name: The HA routing instance the replication traffic uses must exist (route_tracking resource)
  mxha.srd.route_tracking:
    config:
      routing_instances:
        - name: HA
          instance_type: virtual-router
    state: merged

- name: ICCP to the other chassis with BFD, and session replication on the services PIC (merged)
  mxha.srd.redundancy_groups:
    config:
      iccp:
        local_ip_addr: 192.0.2.1
        authentication_key: example-iccp-key   # use ansible-vault for a real key; never shown in results
        peers:
          - address: 192.0.2.2
            redundancy_group_id_list: [1]
            liveness_detection:
              minimum_interval: 1000
              multiplier: 3
      redundancy_options:
        - interface: vms-1/0/0
          peer_address: 198.51.100.2
          local_data_address: 198.51.100.1
          routing_instance: HA
          replication_threshold: 180
    state: merged

- name: Same ICCP without BFD (replaced; ICCP is replaced as a whole)
  mxha.srd.redundancy_groups:
    config:
      iccp:
        local_ip_addr: 192.0.2.1
        authentication_key: example-iccp-key
        peers:
          - address: 192.0.2.2
            redundancy_group_id_list: [1]
    state: replaced

- name: Read ICCP and redundancy-options (gathered; the key comes back masked)
  mxha.srd.redundancy_groups:
    state: gathered
  register: groups

- name: Render without a device (rendered)
  mxha.srd.redundancy_groups:
    config:
      iccp:
        local_ip_addr: 192.0.2.2
        peers:
          - {address: 192.0.2.1, redundancy_group_id_list: [1]}
    state: rendered

- name: Parse configuration text without a device (parsed)
  mxha.srd.redundancy_groups:
    running_config: |
      protocols {
          iccp {
              local-ip-addr 192.0.2.1;
              peer 192.0.2.2 {
                  redundancy-group-id-list 1;
              }
          }
      }
    state: parsed

- name: Exactly this, in a private candidate so others' pending edits do not matter (overridden)
  mxha.srd.redundancy_groups:
    config:
      iccp:
        local_ip_addr: 192.0.2.1
        peers:
          - address: 192.0.2.2
            redundancy_group_id_list: [1]
      redundancy_options:
        - interface: vms-1/0/0
          peer_address: 198.51.100.2
          local_data_address: 198.51.100.1
          routing_instance: HA
    state: overridden
    config_mode: private

- name: Remove the ICCP peer (deleted)
  mxha.srd.redundancy_groups:
    config:
      iccp:
        peers:
          - address: 192.0.2.2
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
    run_module(module, "redundancy_groups")


if __name__ == "__main__":
    main()
