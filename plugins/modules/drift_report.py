# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/drift_report.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: drift_report
short_description: Judge what was read from an SRD pair against its pair intent, and write the report
version_added: "0.1.0"
description:
  - "Compares the SRD configuration read from both chassis of a pair with the pair intent, per chassis and
    resource (statements missing on the device, present but not in the intent, or different), compares the
    two chassis with each other (symmetry: what differs beyond the mirrored ICCP and data addresses and the
    VRRP groups, and the C(PAIR-*) rules the two configurations break together), and reports surprises in
    their live state (srd not running, ICCP down, a redundancy set with no primary or two, a standby in
    wait or warned, a signal route where the role says it must not be)."
  - "Runs on the controller only and never contacts a device: give it the registered results of the reads
    (M(mxha.srd.redundancy_config) in check mode or with I(state=gathered), M(mxha.srd.redundancy_state)).
    Run it once per pair (C(run_once), C(delegate_to=localhost))."
  - "Writes the report as JSON (structured by path) and JUnit XML (one test case per chassis and resource,
    plus the pair's symmetry and each chassis' live state) for a CI system or a change record, and returns a
    readable table."
  - "Drift is reported as a change (C(changed=true)); with I(fail_on_drift=true) it fails the task."
  - "The playbook C(mxha.srd.drift) (role C(mxha.srd.drift)) does the reads and calls this; the deploy role
    uses it with I(checks=[operational]) as its health gate."
author: mxha.srd maintainers (@mxha)
options:
  intent:
    description:
      - The pair intent as a mapping (docs/pair-intent.md). Mutually exclusive with I(intent_file).
    type: raw
  intent_file:
    description:
      - Path of a YAML file holding the pair intent (looked up like I(src) of M(ansible.builtin.copy), then
        relative to the working directory). Vault-encrypted files are decrypted.
    type: path
  configs:
    description:
      - "Per chassis (inventory hostname, as the intent names it), what was read: the registered result of
        M(mxha.srd.redundancy_config) in check mode with I(state=overridden) and the chassis' part of the intent
        (its C(before) is the device, and its C(changes) say whether the ICCP key differs), or with
        I(state=gathered), or the gathered dict itself."
      - A failed, skipped or unreachable result is reported as a chassis not read.
    type: dict
  states:
    description:
      - Per chassis, the registered result of M(mxha.srd.redundancy_state) (or its C(srd_state) facts). Without
        it the live state is not checked.
    type: dict
  checks:
    description:
      - What to judge. Default, C(config) and C(symmetry) when I(configs) is given, and C(operational) when
        I(states) is given, with C(placement) when the intent places its sets (C(redundancy_sets[].primary)).
      - C(placement) reports a set primary on the other chassis as role drift (without the role's age, since the
        registered facts do not carry route ages; M(mxha.srd.pair_drift) reads them).
    type: list
    elements: str
    choices: [config, symmetry, operational, placement]
  json_file:
    description: Write the report as JSON to this path on the controller (directories are created).
    type: path
  junit_file:
    description: Write the report as JUnit XML to this path on the controller (directories are created).
    type: path
  fail_on_drift:
    description: Fail the task when there is drift (any finding, or a chassis not read).
    type: bool
    default: false
  pair:
    description: The pair's name in the report. Default, the intent's C(name), else both hostnames.
    type: str
attributes:
  check_mode:
    description: Runs the same in check mode (it only reads its input and writes the report files).
    support: full
  diff_mode:
    description: Not supported; the report is the diff.
    support: none
  platform:
    description: Runs on the controller; reads nothing from a device itself.
    support: full
    platforms: all
notes:
  - "The reads cost, per chassis: one filtered C(get-configuration) for the configuration (no lock, the
    candidate untouched) and, for the live state, the RPCs of M(mxha.srd.redundancy_state) (3)."
  - "The ICCP key is never shown. A read shows it masked, so its value is compared by
    M(mxha.srd.redundancy_config) (check mode decodes the device's C($9$) form); with a C(gathered) read it is
    not compared, and the report says so."
  - "Routing instances the device has beyond those of the intent are not drift: the collection only ever adds
    them."
seealso:
  - module: mxha.srd.redundancy_config
  - module: mxha.srd.redundancy_state
  - module: mxha.srd.validate
"""

EXAMPLES = r"""
- name: Read both chassis (one get-configuration each, no lock)
  mxha.srd.redundancy_config:
    config: "{{ my_chassis_config }}"   # the chassis' part of the intent, with the ICCP key
    state: overridden
  check_mode: true
  register: srd_read

- name: Judge and write the report
  mxha.srd.drift_report:
    intent_file: cgnat-pair.yml
    configs:
      pair1-mx1: "{{ hostvars['pair1-mx1'].srd_read }}"
      pair1-mx2: "{{ hostvars['pair1-mx2'].srd_read }}"
    json_file: reports/drift-cgnat-pair1.json
    junit_file: reports/drift-cgnat-pair1.xml
  run_once: true
  delegate_to: localhost
  register: drift

- name: Show the table
  ansible.builtin.debug:
    msg: "{{ drift.table }}"
  run_once: true
"""

RETURN = r"""
drift:
  description: Whether anything was found (a difference, a surprise, or a chassis not read).
  returned: success
  type: bool
errors:
  description: Number of findings of severity error, plus chassis not read (warnings, such as a standby in wait, do not count).
  returned: success
  type: int
counts:
  description: Number of findings per kind, and of chassis not read.
  returned: success
  type: dict
  sample: {config: 1, symmetry: 1, operational: 0, unread: 0}
report:
  description:
    - "The report as written to I(json_file): C(chassis.<name>.resources.<resource>) with C(status) (C(in-sync),
      C(drift), C(not-checked)) and C(changes) (C(path), C(change) C(missing), C(unexpected) or C(differs),
      C(device), C(intent)); C(symmetry) and C(operational) with their C(findings); C(notes)."
  returned: success
  type: dict
table:
  description: The readable table, one line per item.
  returned: success
  type: list
  elements: str
files:
  description: The files written (C(json), C(junit)), as absolute paths.
  returned: success
  type: dict
msg:
  description: One line, C(no drift) or what was found.
  returned: always
  type: str
"""
