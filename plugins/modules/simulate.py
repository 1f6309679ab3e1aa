# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/simulate.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: simulate
short_description: Predict offline what the services redundancy daemon (srd) of an MX pair would do
version_added: "0.1.0"
description:
  - "Runs the collection's SRD engine on a pair's configuration and state for one action: a manual
    request (C(request services redundancy-set id N trigger redundancy-event E [force])), a monitored
    event (link down, rpd restart ...), srd being disabled or enabled on a chassis, or \"make this chassis
    primary for set N\" (the trigger M(mxha.srd.primary_role) would send)."
  - "Returns whether srd allows it and the rule that decided (an id and a sentence), the state after
    (roles, daemon, signal routes), the signal routes added and removed per chassis, the VRRP priorities
    and route advertisements that change, the stateful-sync roles, the full trace, and what C(force)
    overrode."
  - "A refused action is a normal result (RV(allowed) is false), not a failure. Input that cannot be read,
    or a configuration that breaks SRD rules (unless I(validate=false)), fails the task."
  - "A I(state) with a redundancy set primary on both chassis (a split brain, which srd never makes) is
    refused whatever the action: RV(allowed) is false, RV(rule_id) is C(state.dual-primary), RV(dual_primary)
    lists the sets, the first warning says so and the state stays as given. Nothing srd would do from such a
    state can be predicted; it is refused rather than failed so that a state read from a broken pair gets an
    answer."
  - "The rules, the readings taken where Juniper's documentation is silent, and a table of cases are in
    the collection's docs (docs/srd-semantics.md)."
  - Runs on the controller only and never contacts a device; check mode behaves the same; never reports
    a change.
author: mxha.srd maintainers (@mxha)
options:
  config:
    description:
      - The pair's configuration, in one of these forms.
      - A pair intent (docs/pair-intent.md), as a mapping or a YAML string; its C(chassis) names the two
        chassis.
      - A mapping of the two chassis names to their Junos configuration as text (XML, C(set) lines or
        curly-brace text; the format is recognised), to a mapping with C(config) (the text) and C(format)
        (C(xml), C(set), C(text) or C(auto)), or to the chassis' SRD model (the I(config) of
        M(mxha.srd.redundancy_config), for example its C(gathered) result).
    type: raw
    required: true
  state:
    description:
      - The state to decide in, per chassis name. Each chassis has C(redundancy_sets) (set id to C(primary),
        C(standby), C(wait) or C(warned); the device texts C(MASTER), C(STANDBY), C(INITIALIZING),
        C(STANDBY (WARNED)) are accepted too), C(daemon) (C(enabled) or C(disabled), default enabled) and
        optionally C(signal_routes) (a list of C(prefix) / C(routing_instance) mappings or
        C(PREFIX (INSTANCE)) strings).
      - Without C(signal_routes), a chassis holds the signal routes its acquire policies add for the sets it
        is primary for, and no others.
      - The C(srd_state) facts of M(mxha.srd.redundancy_state) (or its registered result) are accepted as a
        chassis' state, and so is RV(after) of an earlier simulation, so simulations can be chained.
      - Every redundancy set of a chassis' configuration needs a state.
      - Default, the engine's steady state; every set primary on gateway 1 (the chassis with the lower ICCP
        address), standby on the other, the primary holding its signal routes.
    type: raw
  action:
    description:
      - The one thing that happens. Give exactly one of the suboptions.
    type: dict
    required: true
    suboptions:
      trigger:
        description: A manual request on a chassis.
        type: dict
        suboptions:
          chassis:
            description: The chassis the request is run on.
            type: str
            required: true
          redundancy_set:
            description: The redundancy-set id.
            type: int
            required: true
          event:
            description: The redundancy event to trigger.
            type: str
            required: true
          force:
            description: The request's C(force) (overrides warnings, not wait).
            type: bool
            default: false
      event:
        description: A monitored redundancy event fires on a chassis (for example its link-down).
        type: dict
        suboptions:
          chassis:
            description: Where the event happens.
            type: str
            required: true
          name:
            description: The redundancy event's name.
            type: str
            required: true
      disable_daemon:
        description:
          - srd is disabled on this chassis. On gateway 1 while primary, its sets switch over to gateway 2; on
            gateway 2, nothing switches.
        type: str
      enable_daemon:
        description: srd is enabled again on this chassis (roles stay as they are).
        type: str
      primary_role:
        description:
          - The chassis should become primary for the set. The engine picks the request
            M(mxha.srd.primary_role) would send (a release on the current primary, else an acquire on the
            chassis) and predicts its outcome; C(trigger) of RV(action) names it.
        type: dict
        suboptions:
          chassis:
            description: The chassis that should be primary.
            type: str
            required: true
          redundancy_set:
            description: The redundancy-set id.
            type: int
            required: true
          force:
            description: Allow a forced request when no unforced one works.
            type: bool
            default: false
  validate:
    description:
      - Check the configuration against the SRD rules first, and fail when it breaks one.
      - With C(false) the rules are not checked (faster for large pairs) and a configuration that breaks them
        is simulated anyway; what a pair intent's own checks find is returned as warnings.
    type: bool
    default: true
notes:
  - The ICCP authentication key of a configuration is never returned.
seealso:
  - module: mxha.srd.redundancy_state
  - module: mxha.srd.primary_role
  - module: mxha.srd.validate
"""

EXAMPLES = r"""
- name: Would a manual release on pair1-mx1 switch set 1 over?
  mxha.srd.simulate:
    config: "{{ lookup('ansible.builtin.file', 'cgnat-pair.yml') | from_yaml }}"
    action:
      trigger: {chassis: pair1-mx1, redundancy_set: 1, event: RELS_MSHIP_MANUAL_EV}
  register: sim

- name: The same when the standby is warned; force would be needed
  mxha.srd.simulate:
    config: "{{ lookup('ansible.builtin.file', 'cgnat-pair.yml') | from_yaml }}"
    state:
      pair1-mx1: {redundancy_sets: {1: primary}}
      pair1-mx2: {redundancy_sets: {1: warned}}
    action:
      trigger: {chassis: pair1-mx1, redundancy_set: 1, event: RELS_MSHIP_MANUAL_EV}
  register: refused   # refused.allowed is false, refused.force_would_allow is true

- name: What happens when the uplink of the primary goes down
  mxha.srd.simulate:
    config: "{{ lookup('ansible.builtin.file', 'cgnat-pair.yml') | from_yaml }}"
    action:
      event: {chassis: pair1-mx1, name: RELS_MSHIP_CRIT_EV}

- name: Simulate on the live state read from both chassis
  mxha.srd.simulate:
    config:
      pair1-mx1: "{{ lookup('ansible.builtin.file', 'backups/pair1-mx1.conf') }}"
      pair1-mx2: "{{ lookup('ansible.builtin.file', 'backups/pair1-mx2.conf') }}"
    state:
      pair1-mx1: "{{ hostvars['pair1-mx1'].srd_state }}"
      pair1-mx2: "{{ hostvars['pair1-mx2'].srd_state }}"
    action:
      primary_role: {chassis: pair1-mx2, redundancy_set: 1}
  run_once: true
"""

RETURN = r"""
allowed:
  description: Whether srd allows the action. False is a normal answer, not a failure.
  returned: always
  type: bool
  sample: false
rule_id:
  description: The id of the rule that decided (docs/srd-semantics.md lists them all).
  returned: always
  type: str
  sample: release.peer-warned
reason:
  description: The deciding rule in words, followed by its id.
  returned: always
  type: str
  sample: "pair1-mx1 cannot release set 1: the standby pair1-mx2 is warned (use force to override) (release.peer-warned)"
action:
  description: The action decided on. For C(primary_role), C(trigger) is the request chosen (null when none works).
  returned: always
  type: dict
  sample: {kind: trigger, chassis: pair1-mx1, redundancy_set: 1, event: RELS_MSHIP_MANUAL_EV, force: false}
before:
  description: The state decided in, per chassis, in the shape of I(state).
  returned: always
  type: dict
after:
  description: The state after the action, per chassis, in the shape of I(state) (equal to RV(before) when refused).
  returned: always
  type: dict
  sample:
    pair1-mx1: {daemon: enabled, redundancy_sets: {"1": standby}, signal_routes: []}
    pair1-mx2:
      daemon: enabled
      redundancy_sets: {"1": primary}
      signal_routes: [{prefix: 203.0.113.100/32, routing_instance: HA}]
state_changed:
  description: Whether RV(after) differs from RV(before).
  returned: always
  type: bool
signal_routes:
  description: Per chassis, the signal routes added and removed (net).
  returned: always
  type: dict
  sample:
    pair1-mx1: {added: [], removed: [{prefix: 203.0.113.100/32, routing_instance: HA}]}
    pair1-mx2: {added: [{prefix: 203.0.113.100/32, routing_instance: HA}], removed: []}
vrrp:
  description: VRRP groups whose effective priority changes (configured priority minus the cost of absent tracked routes).
  returned: always
  type: list
  elements: dict
  sample:
    - {chassis: pair1-mx1, interface: xe-0/0/1, unit: 0, address: 192.0.2.66/26, group: 10,
       priority_before: 200, priority_after: 50}
advertisement:
  description: C(if-route-exists) conditions on signal routes whose value changes (export terms gated by them).
  returned: always
  type: list
  elements: dict
switchovers:
  description: Each move of a set's primary role, with the stateful-sync source and target.
  returned: always
  type: list
  elements: dict
sync_roles:
  description: Stateful-synchronization source (the primary) and target for every set whose primary changed.
  returned: always
  type: list
  elements: dict
overridden:
  description: What C(force) (or the rule for disabling srd on gateway 1) overrode; empty when nothing was.
  returned: always
  type: list
  elements: dict
  sample: [{chassis: pair1-mx1, redundancy_set: 1, rule_id: release.force-over-warned, overrode: peer warned,
            by: force on the request}]
peer_messages:
  description: The messages srd sends its peer (C(mastership-release), C(mastership-acquire)).
  returned: always
  type: list
  elements: dict
outcomes:
  description: Every redundancy policy that ran, with the rule that judged its primary-role action.
  returned: always
  type: list
  elements: dict
steps:
  description: The trace, in order; each step has a rule id and a sentence.
  returned: always
  type: list
  elements: dict
consistency_warnings:
  description:
    - Signal routes that disagree with the roles after the action (C(routing.order-mismatch)); also shown as
      warnings.
  returned: always
  type: list
  elements: dict
dual_primary:
  description: The redundancy sets the given I(state) has primary on both chassis; the action is then refused.
  returned: when the given state has a set primary on both chassis
  type: list
  elements: int
  sample: [1]
force_would_allow:
  description: For a refused request (or C(primary_role)) without force, whether force would allow it.
  returned: when a trigger or primary_role action is refused without force
  type: bool
force_would_override:
  description: What force would override, when RV(force_would_allow) is true.
  returned: when force would allow a refused action
  type: list
  elements: dict
plan:
  description: For C(primary_role), every request considered, in the order tried, with the engine's verdict.
  returned: for the primary_role action
  type: dict
state_source:
  description: Whether the state was given or the default.
  returned: always
  type: str
seconds:
  description:
    - Time spent reading (and checking) the configuration (C(load)), building the state (C(state)) and in the
      engine's decision (C(decide)).
  returned: always
  type: dict
  sample: {load: 0.21, state: 0.004, decide: 0.002}
msg:
  description: The verdict in one line.
  returned: always
  type: str
"""
