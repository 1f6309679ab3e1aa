#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.redundancy_state: read one chassis' live SRD state (read-only)."""
from __future__ import annotations

DOCUMENTATION = r"""
module: redundancy_state
short_description: Read the live inter-chassis services redundancy (SRD) state of a Junos MX chassis
version_added: 0.1.0
author: mxha.srd maintainers (@mxha)
description:
  - "Reads, from one chassis, the state of every redundancy group and redundancy set (local and peer
    state, health, failed interfaces, service sets), the ICCP peers, whether the services redundancy
    daemon (srd) runs, and the signal routes present, and returns them as facts (C(srd_state))."
  - "The facts hold the state in the shape M(mxha.srd.simulate) takes as I(state) (C(daemon),
    C(redundancy_sets) in the engine's words primary, standby, wait and warned, C(signal_routes)), so
    the live state of both chassis can be simulated offline; the device's own texts and the rest are
    under C(peer), C(details) and C(problems)."
  - "Device states are mapped as C(MASTER) = primary, C(STANDBY) = standby, C(INITIALIZING) = wait,
    C(STANDBY (WARNED)) = warned. A state text outside these is not guessed: the set is left out of
    C(redundancy_sets) and the text is reported in C(problems) (and as a warning)."
  - "RPC budget, once the connection is up: at most 3 RPCs. C(get-services-redundancy-group-information)
    with C(extensive) (states, health, failed interfaces: 1 RPC),
    C(get-inter-chassis-control-protocol-information) (1 RPC, skipped with I(iccp=false)) and
    C(get-route-information) for static routes (1 RPC, skipped with I(routes=false))."
  - "When srd is not running the first RPC fails on the device; the module reports C(daemon=disabled)
    and an empty C(redundancy_sets) instead of failing."
  - Nothing is configured or locked; the module never reports a change.
attributes:
  check_mode:
    description: Runs the same reads in check mode.
    support: full
  diff_mode:
    description: Nothing to diff.
    support: none
  platform:
    description: Juniper MX routers (Junos) over C(ansible.netcommon.netconf).
    support: full
    platforms: junos
options:
  routes:
    description:
      - Read the signal routes. srd adds its signal routes as static routes, so the module reads the
        static routes (C(show route protocol static)) in one RPC.
    type: bool
    default: true
  route_table:
    description:
      - Read the static routes of this table only (for example C(HA.inet.0)). By default one RPC reads
        every table, so signal routes in any routing instance are found.
    type: str
  signal_routes:
    description:
      - The signal routes to look for (the prefixes the redundancy policies add or delete). Only these are
        reported in C(signal_routes); every static route read is still listed under C(details.static_routes).
      - Without it, every static IPv4 route read is reported as a signal route. That is harmless to
        M(mxha.srd.simulate), which looks only at the routes its configuration's policies name.
      - Each item is a prefix (master instance), C(PREFIX (INSTANCE)), or a mapping with C(prefix) and
        C(routing_instance).
    type: list
    elements: raw
  iccp:
    description:
      - Read the ICCP peer status (C(show iccp)).
    type: bool
    default: true
notes:
  - "Works with C(ansible_connection=ansible.netcommon.netconf) and C(ansible_network_os) set to
    C(mxha.srd.junos) or C(junipernetworks.junos.junos)."
  - "The element names of C(show services redundancy-group) replies are only partly documented by Juniper;
    the module looks elements up by name anywhere in the reply, so other wrappers or extra elements do not
    break it."
seealso:
  - module: mxha.srd.simulate
  - module: mxha.srd.primary_role
"""

EXAMPLES = r"""
- name: Read the SRD state of both chassis
  mxha.srd.redundancy_state:
  register: srd

- name: Show which sets this chassis is primary for
  ansible.builtin.debug:
    msg: "{{ srd_state.redundancy_sets | dict2items | selectattr('value', 'eq', 'primary') | map(attribute='key') }}"

- name: Only the signal route of the CGNAT example, from its table
  mxha.srd.redundancy_state:
    route_table: HA.inet.0
    signal_routes:
      - {prefix: 203.0.113.100/32, routing_instance: HA}
    iccp: false

- name: What would a manual release do on the live pair? (run after reading both chassis)
  mxha.srd.simulate:
    config: "{{ lookup('ansible.builtin.file', 'cgnat-pair.yml') | from_yaml }}"
    state:
      pair1-mx1: "{{ hostvars['pair1-mx1'].srd_state }}"
      pair1-mx2: "{{ hostvars['pair1-mx2'].srd_state }}"
    action:
      trigger: {chassis: pair1-mx1, redundancy_set: 1, event: RELS_MSHIP_MANUAL_EV}
  run_once: true
  delegate_to: localhost
"""

RETURN = r"""
ansible_facts:
  description: The facts; C(srd_state) is also available as a host variable.
  returned: always
  type: dict
  contains:
    srd_state:
      description: The chassis' SRD state.
      type: dict
      contains:
        daemon:
          description: C(enabled) when srd answers, C(disabled) when it is not running.
          type: str
          sample: enabled
        redundancy_sets:
          description: The chassis' own state per redundancy-set id (primary, standby, wait, warned).
          type: dict
          sample: {"1": primary}
        signal_routes:
          description:
            - The signal routes present (static routes; see I(signal_routes)).
            - Null with I(routes=false); M(mxha.srd.simulate) then assumes a primary holds the signal routes its
              acquire policies add.
          type: list
          elements: dict
          sample: [{prefix: 203.0.113.100/32, routing_instance: HA}]
        peer:
          description:
            - What this chassis knows of its peer; C(redundancy_sets) has the peer's state per set (sets whose
              peer state is C(UNKNOWN), as when the peer is unreachable, are left out), C(connected) whether
              the set's peer connection is up.
          type: dict
          sample: {redundancy_sets: {"1": standby}, connected: {"1": true}}
        details:
          description:
            - What was read, in the device's words. C(redundancy_groups) lists groups (id, local and peer
              address, peer connections) with their sets (C(local_state) and C(peer_state) as printed,
              C(status), C(health), C(monitored_interface_down_count), C(failed_interfaces), C(service_sets));
              C(iccp) has the ICCP peers (address, C(tcp_state), C(bfd_state), C(up), groups) and clients;
              C(static_routes) every static route read; C(daemon_message) the device's message when srd is
              not running; C(iccp_process_connection) srd's connection to iccpd.
          type: dict
        problems:
          description: State texts the module did not recognise and records it ignored.
          type: list
          elements: str
rpc_stats:
  description: RPCs sent (at most 3), their names and time.
  returned: always
  type: dict
  sample: {rpcs: 3, seconds: 0.05, by_rpc: {get-route-information: 1}}
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.mxha.srd.plugins.module_utils.jobs.state_task import (
    ARGUMENT_SPEC, NOT_NETCONF, StateTaskFailed, run, wanted_routes,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import Transport, connection_sender


def main():
    """Runs when the task does not go through the module's action plugin (which runs the same code)."""
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    try:
        wanted = wanted_routes(module.params)
        socket_path = getattr(module, "_socket_path", None)
        if not socket_path:
            raise StateTaskFailed(NOT_NETCONF)
        result = run(module.params, Transport(connection_sender(socket_path)), wanted)
    except StateTaskFailed as exc:
        module.fail_json(msg=str(exc), **exc.details)
    for problem in result.pop("warnings"):
        module.warn(problem)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
