# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/primary_role.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: primary_role
short_description: Make a chassis of an MX pair primary for redundancy sets, checked offline first
version_added: "0.1.0"
description:
  - "Declarative switchover: I(chassis) should hold the primary role for the redundancy set(s) in
    I(redundancy_sets)."
  - "1. Reads both chassis: the committed SRD configuration (one filtered C(get-configuration)), the
    redundancy groups (C(get-services-redundancy-group-information)) and the static routes
    (C(get-route-information)); 3 RPCs per chassis."
  - "2. Decides offline with the collection's SRD engine (docs/srd-semantics.md) which request to send and
    where: a release on the current primary, else an acquire on I(chassis), through a bare redundancy event
    the configuration binds to such a policy. If srd would refuse it, the task fails before anything is sent,
    with the rule that refused and whether I(force=true) would change the answer. A set whose peers are not
    connected is refused too, even with force. If I(chassis) is already primary for every set, nothing is
    sent and the task reports no change."
  - "3. In check mode, stops here and returns the prediction (RV(predicted), RV(signal_routes), RV(vrrp)):
    nothing is sent to a device beyond the reads."
  - "4. Otherwise sends C(request services redundancy-set id N trigger redundancy-event E [force]) on the
    chassis the engine chose (one per set, stopping at the first the device refuses), polls both chassis
    (one C(get-services-redundancy-group-information) each per poll) until they show the predicted roles, then
    compares the signal routes with the prediction. A mismatch after I(wait_timeout) fails with RV(before),
    RV(predicted) and RV(actual), and so do, at once, a session lost, peers that stop seeing each other and a set
    seen primary on both chassis."
  - "RPCs per chassis for one switchover: 3 reads, the request (on one chassis only), one read per poll and one
    route read at the end. On the emulated pair, with a switchover of 0.3 s and I(poll_interval=0.1), that is 9 on
    the chassis that receives the request and 8 on the other."
  - "Force is used only where needed: every unforced request is tried (offline) before a forced one."
  - "The result lists every RPC sent, per chassis (RV(rpcs))."
  - "Connections: the task talks to both chassis itself. It opens one NETCONF-over-SSH session per chassis
    from the controller (ncclient, Junos device handler), built from each chassis' inventory variables
    (C(ansible_host), C(ansible_port), C(ansible_user), C(ansible_password) or C(ansible_ssh_pass),
    C(ansible_ssh_private_key_file), C(ansible_host_key_checking), C(ansible_connect_timeout),
    C(ansible_command_timeout), and C(ansible_netconf_ssh_config) for an SSH config file with a jump host), and
    closes both at the end, whatever happened. Run it once per pair: target
    one chassis of the pair, or C(localhost), with C(run_once); name both chassis by inventory hostname."
author: mxha.srd maintainers (@mxha)
requirements:
  - ncclient (on the controller)
options:
  redundancy_sets:
    description: The redundancy-set ids I(chassis) should be primary for.
    type: list
    elements: int
    required: true
    aliases: [redundancy_set]
  chassis:
    description:
      - Inventory hostname of the chassis that should hold the primary role. Default, the host the task runs for.
    type: str
  peer:
    description: Inventory hostname of the other chassis of the pair. Give I(peer) or I(pair).
    type: str
  pair:
    description: Inventory hostnames of both chassis of the pair (one of them is I(chassis)).
    type: list
    elements: str
  force:
    description:
      - Allow a forced request (C(force) on the request, or a C(release-mastership-force) policy) when no
        unforced one is allowed. Force overrides a warned standby and lets a chassis in wait acquire; it never
        makes a chassis whose peer is in wait release. The result's RV(overridden) says what was overridden.
    type: bool
    default: false
  wait_timeout:
    description: Seconds to wait for the pair to reach the predicted state after the request.
    type: float
    default: 60
  poll_interval:
    description: Seconds between two reads of the state while waiting.
    type: float
    default: 1
attributes:
  check_mode:
    description: Reads both chassis and returns the prediction; sends no request.
    support: full
  diff_mode:
    description: Not supported; RV(before) and RV(predicted) show the change.
    support: none
  platform:
    description: Juniper MX routers (Junos) over NETCONF (SSH), two chassis of a pair.
    support: full
    platforms: junos
notes:
  - The password is read from the inventory and is never returned or logged.
  - The task sends no configuration change; the manual events and policies must already be configured
    (the failure message says what is needed when none is).
seealso:
  - module: mxha.srd.simulate
  - module: mxha.srd.redundancy_state
"""

EXAMPLES = r"""
- name: Make pair1-mx2 primary for redundancy set 1
  hosts: pair1-mx1
  gather_facts: false
  tasks:
    - name: Switch over
      mxha.srd.primary_role:
        chassis: pair1-mx2
        peer: pair1-mx1
        redundancy_sets: [1]
        wait_timeout: 90
      register: switch

- name: From the controller, for several pairs in a group, with a dry run first
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Predict
      mxha.srd.primary_role:
        chassis: pair1-mx1
        pair: [pair1-mx1, pair1-mx2]
        redundancy_sets: [1, 2]
      check_mode: true
      register: prediction

    - name: Switch, overriding a warned standby if needed
      mxha.srd.primary_role:
        chassis: pair1-mx1
        pair: [pair1-mx1, pair1-mx2]
        redundancy_sets: [1, 2]
        force: true
"""

RETURN = r"""
changed:
  description: Whether a request was sent (in check mode, whether one would be).
  returned: always
  type: bool
chassis:
  description: The chassis that should be primary.
  returned: when both chassis were read
  type: str
peer:
  description: The other chassis.
  returned: when both chassis were read
  type: str
table:
  description:
    - The pair before and after (the roles read, then the prediction in check mode or the roles read at the end), as
      lines that read well under any callback; one row per redundancy set and one per signal route, aligned.
  returned: when both chassis were read
  type: list
  elements: str
  sample: ["pair1-mx2 is primary for redundancy set(s) 1 (set 1: RELS_MSHIP_MANUAL_EV on pair1-mx1)",
           "set                      pair1-mx1           pair1-mx2",
           "1                        primary -> standby  standby -> primary",
           "signal route",
           "  203.0.113.100/32 (HA)  present -> absent   absent -> present"]
before:
  description: The state read from both chassis, in the shape M(mxha.srd.simulate) takes.
  returned: when both chassis were read
  type: dict
predicted:
  description: The state the engine predicts after the request(s), same shape.
  returned: when the engine allowed the change
  type: dict
actual:
  description:
    - The state read when the wait ended, same shape as RV(before) (C(signal_routes) is null when the routes were not
      read because the roles never matched).
  returned: when a request was sent
  type: dict
plans:
  description: Per set, the request chosen (C(trigger)), the rule, and every request considered (C(candidates)).
  returned: when the engine allowed the change
  type: list
  elements: dict
already_primary:
  description: The sets I(chassis) already was primary for (nothing sent for them).
  returned: when both chassis were read
  type: list
  elements: int
refused:
  description: Per refused set, the planning result with every candidate request and the rule that refused it.
  returned: when the engine refused
  type: list
  elements: dict
outcome:
  description:
    - How the wait ended; C(matched), C(timeout), C(peer-lost) (a set's peers stopped seeing each other),
      C(dual-primary) or C(session-lost).
  returned: when a request was sent
  type: str
unreachable:
  description: The chassis whose NETCONF session was lost while waiting.
  returned: when a session was lost
  type: str
triggered:
  description: The requests sent (chassis, set, event, force).
  returned: when a request was sent
  type: list
  elements: dict
signal_routes:
  description: Per chassis, the signal routes predicted to be added and removed.
  returned: when the engine allowed the change
  type: dict
vrrp:
  description: VRRP groups whose effective priority is predicted to change.
  returned: when the engine allowed the change
  type: list
  elements: dict
overridden:
  description: What force overrode (empty when nothing).
  returned: when the engine allowed the change
  type: list
  elements: dict
decisions:
  description: Per set, the engine's full decision (as M(mxha.srd.simulate) returns it).
  returned: when the engine allowed the change
  type: list
  elements: dict
rpcs:
  description: Every RPC sent, in order, per chassis.
  returned: when sessions were opened
  type: dict
  sample:
    pair1-mx1: [get-configuration, get-services-redundancy-group-information, get-route-information,
                request-services-redundancy-set, get-services-redundancy-group-information, get-route-information]
rpc_stats:
  description: Per chassis, the count and time of the RPCs sent.
  returned: when sessions were opened
  type: dict
seconds:
  description: Time spent reading (C(read)) and switching over, from the request to the verified state (C(switchover)).
  returned: when sessions were opened
  type: dict
msg:
  description: What was done, or why not.
  returned: always
  type: str
"""
