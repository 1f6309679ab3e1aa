# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/validate.py on the controller;
# this file holds the documentation only.

from __future__ import annotations

DOCUMENTATION = r"""
---
module: validate
short_description: Validate inter-chassis services redundancy (SRD) configuration offline
version_added: "0.1.0"
description:
  - Checks a pair intent, or the Junos configuration of one or two MX chassis, against every rule of
    inter-chassis services redundancy, without contacting any device.
  - "Rules checked: the limits (256 redundancy policies, 256 interface-down events per policy, 128
    redundancy sets and set ids 1-100, 16 policies per set, 16 redundancy groups, 16 sets per group),
    one-to-one memberships (a monitored interface in one event, an event in one policy, a policy in
    one set, a service set bound to one set, a set in exactly one group), the references a commit
    would reject, value ranges, and, for two chassis, pair symmetry: mirrored ICCP peers, matching
    set and group ids, one chassis able to acquire and the other to release the primary role for
    every set, VRRP priorities in the order of the primary role, and gateway 1 / gateway 2."
  - Every violation is reported, each with its path, a stable rule id and a sentence. The rule table
    is in the collection's docs (docs/rules.md).
  - Use it as a pre-flight check before a deploy, or to lint a router's configuration backup.
  - Accepts both vocabularies for actions and peer events (C(acquire-primary-role) or
    C(acquire-mastership), C(primary-role-release) or C(mastership-release)); the normalized model
    uses the Junos keywords.
  - Runs on the controller only; behaves the same in check mode; never reports a change.
author: mxha.srd maintainers (@mxha)
options:
  intent:
    description:
      - A pair intent as a mapping (or a YAML string). Format described in docs/pair-intent.md.
      - Mutually exclusive with I(intent_file), I(config), I(config_file) and I(pair).
    type: raw
  intent_file:
    description:
      - Path of a YAML file holding a pair intent. Looked up like C(src) of M(ansible.builtin.copy)
        (the role's or playbook's C(files/) directory), then relative to the working directory.
      - Vault-encrypted files and C(!vault) values are decrypted.
    type: path
  config:
    description:
      - The Junos configuration of one chassis as text, in XML (C(get-configuration) reply or
        C(show configuration | display xml)), C(set) lines or curly-brace text.
      - Groups with C(apply-groups) are expanded; inactive statements are ignored and listed.
    type: str
  config_file:
    description:
      - Path of a file holding one chassis' configuration (see I(config)), such as a backup.
    type: path
  pair:
    description:
      - The configurations of the two chassis of a pair, as a mapping from hostname to either the
        configuration text or a mapping with C(config) or C(config_file) and an optional C(format).
      - Per-chassis rules are checked on each, and pair symmetry between them.
    type: dict
  hostname:
    description:
      - Name used for the chassis in the result when I(config) or I(config_file) is given.
    type: str
    default: chassis
  format:
    description:
      - Format of I(config), I(config_file) or the I(pair) configurations.
      - C(auto) recognises XML by its leading C(<) and set lines by their leading C(set).
    type: str
    choices: [auto, xml, set, text]
    default: auto
notes:
  - The ICCP authentication key is never returned; it appears masked as C(********).
  - Statements inside the SRD hierarchies that the collection does not model (for example
    traceoptions) are listed under RV(unmodelled) and reported as warnings.
  - An input that expands to more than 200000 values (YAML anchors and aliases count every time they are used)
    or nests deeper than 64 levels fails at once, saying where; no pair intent comes near either limit.
seealso:
  - name: Pair intent format
    description: The YAML document that describes a pair.
    link: https://example.invalid/mxha/srd/docs/pair-intent.html
"""

EXAMPLES = r"""
- name: Validate the pair intent before deploying it
  mxha.srd.validate:
    intent_file: cgnat-pair.yml

- name: Lint a configuration backup offline
  mxha.srd.validate:
    config_file: backups/pair1-mx1.conf
    hostname: pair1-mx1
    format: text

- name: Check that two chassis' configurations form a valid pair
  mxha.srd.validate:
    pair:
      pair1-mx1:
        config_file: backups/pair1-mx1.xml
      pair1-mx2:
        config_file: backups/pair1-mx2.xml

- name: Validate an intent given inline, and use the derived per-chassis model
  mxha.srd.validate:
    intent:
      chassis:
        pair1-mx1: {iccp_address: 192.0.2.1}
        pair1-mx2: {iccp_address: 192.0.2.2}
      redundancy_events:
        - name: ACQU_MSHIP_MANUAL_EV
      redundancy_policies:
        - name: ACQU_MSHIP_POL
          events: [ACQU_MSHIP_MANUAL_EV]
          then: acquire-primary-role
          add_signal_route: {prefix: 203.0.113.100/32, receive: true}
      redundancy_sets:
        - {id: 1, redundancy_group: 1, policies: [ACQU_MSHIP_POL]}
  register: checked
  ignore_errors: true
"""

RETURN = r"""
valid:
  description: Whether no rule is violated (warnings allowed).
  returned: always
  type: bool
  sample: true
source:
  description: What was validated, C(intent) or C(config).
  returned: always
  type: str
  sample: intent
chassis:
  description:
    - The normalized SRD model of each chassis (Junos keywords, ICCP key masked), keyed by hostname.
    - Keys per chassis are redundancy_events, redundancy_policies, redundancy_sets, service_sets, iccp,
      redundancy_options, conditions, vrrp_groups and routing_instances.
  returned: when the input could be read
  type: dict
  sample:
    pair1-mx1:
      redundancy_sets:
        - {id: 1, redundancy_group: 1, policies: [ACQU_MSHIP_POL, RELS_MSHIP_POL]}
violations:
  description: Every broken rule (severity error). The task fails when this is not empty.
  returned: always
  type: list
  elements: dict
  contains:
    path:
      description: Where, e.g. C(redundancy_sets[id=3].policies[2]).
      type: str
    rule:
      description: The stable rule id, e.g. C(UNIQUE-POLICY-SET).
      type: str
    message:
      description: What is wrong, in a sentence.
      type: str
    severity:
      description: C(error).
      type: str
    chassis:
      description: The chassis concerned, when the finding is about one or both chassis.
      type: list
      elements: str
  sample:
    - path: redundancy_sets[id=2].policies[0]
      rule: UNIQUE-POLICY-SET
      message: policy RELS_MSHIP_POL is attached to redundancy sets 1 and 2; a redundancy policy can be part
        of only one redundancy set.
      severity: error
      chassis: [pair1-mx1, pair1-mx2]
findings:
  description: Warnings (severity warning), same shape as RV(violations); they do not fail the task.
  returned: always
  type: list
  elements: dict
unmodelled:
  description: Per hostname, paths of SRD statements the collection does not model (configuration input only).
  returned: always
  type: dict
  sample: {pair1-mx1: ["services/redundancy-set/traceoptions"]}
inactive:
  description: Per hostname, paths of inactive SRD statements, which were ignored (configuration input only).
  returned: always
  type: dict
  sample: {pair1-mx1: ["event-options/redundancy-event[WARN_EV]"]}
gateways:
  description: For two chassis, gateway 1 (the lower ICCP address) and gateway 2.
  returned: always
  type: list
  elements: dict
  sample:
    - {gateway: 1, hostname: pair1-mx1, iccp_address: 192.0.2.1}
    - {gateway: 2, hostname: pair1-mx2, iccp_address: 192.0.2.2}
msg:
  description: A one-line verdict, or the readable list of violations.
  returned: always
  type: str
"""
