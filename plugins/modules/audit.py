# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/audit.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: audit
short_description: Audit an SRD pair design against every single failure (and every pair of failures), offline
version_added: "0.1.0"
description:
  - "Asks the collection's SRD engine what the services redundancy daemon (srd) of an MX pair does for every
    failure and operator action that can happen to the pair, from every steady starting state (each
    redundancy set primary on either chassis; the live state too when given), and reports what is wrong with
    the outcome: where traffic is black-holed, where VRRP or route advertisement no longer follows the
    services primary, where a set cannot be moved by hand, where the two chassis behave differently."
  - "Scenarios: each monitored interface going down, and each PIC and FPC that the interface names place
    several monitored interfaces on; rpd restart and abort; srd deactivated on each chassis (gateway 1 and
    gateway 2 differ); ICCP lost; a chassis held in wait or warned; each peer event; each manual request
    (C(request services redundancy-set id N trigger redundancy-event E)) with and without C(force). With
    I(depth=2), every ordered pair of two failures as well (requests are left out of pairs)."
  - "For each scenario and redundancy set: whether the primary role switches, stays, is refused, flaps or is
    lost, and the rule that decided; the signal routes added and removed; which chassis wins each VRRP group
    after route tracking; what the C(if-route-exists) conditions advertise; the stateful-sync roles."
  - "Findings carry a stable rule id (C(AUDIT-*)), a severity (C(error), C(warning), C(info)), the scenarios
    that show them, the sentence of Juniper's documentation (or the reading) behind them and a fix. The rules
    and an example design for each are in the collection's docs/audit.md; the engine's rules in
    docs/srd-semantics.md."
  - "Returns a table (a list of lines, for the play output), the findings and the scenario matrix, and writes
    on request a JSON report (schema C(mxha.srd/audit-report/v1)), a JUnit XML file for CI (one test case per
    rule, failing on errors) and a self-contained HTML or Markdown report with the pair's picture and the
    matrix coloured by outcome."
  - Runs on the controller only and never contacts a device; check mode behaves the same; never reports a
    change.
author: mxha.srd maintainers (@mxha)
options:
  config:
    description:
      - The pair's configuration, in the forms M(mxha.srd.simulate) takes.
      - A pair intent (docs/pair-intent.md), as a mapping or a YAML string; its C(chassis) names the two
        chassis, and the reports then hold the pair's picture.
      - A mapping of the two chassis names to their Junos configuration as text (XML, C(set) lines or
        curly-brace text; the format is recognised), to a mapping with C(config) (the text) and C(format)
        (C(xml), C(set), C(text) or C(auto)), or to the chassis' SRD model (the C(gathered) result of
        M(mxha.srd.redundancy_config)).
    type: raw
    required: true
  state:
    description:
      - The live state of both chassis, per chassis name, in the shape M(mxha.srd.simulate) takes (the
        C(srd_state) facts of M(mxha.srd.redundancy_state), or its registered result). The audit then also
        starts from this state (starting state C(live)).
      - Without it, the audit starts from the steady states only.
    type: raw
  depth:
    description:
      - C(1) audits every single failure and request. C(2) also audits every ordered pair of two different
        failures (the second happening after the first); pairs that act on different redundancy sets behave
        as their two single failures do and are counted, not evaluated again.
    type: int
    choices: [1, 2]
    default: 1
  placement:
    description:
      - Where each redundancy set is meant to be primary, as a mapping of set id to chassis name. Enables the
        findings C(AUDIT-PLACEMENT-UNRECOVERABLE) and C(AUDIT-GW2-DISABLE), and adds the placement as a
        starting state when it differs from both uniform ones.
      - A pair intent's C(redundancy_sets[].primary) is read as well; this option wins, set by set (a what-if
        for another placement).
    type: dict
  validate:
    description:
      - Check the configuration against the SRD rules (those of M(mxha.srd.validate)) and report what it breaks
        as C(validation) (errors count as errors of the audit). The audit runs either way; only input that
        cannot be read at all fails the task.
      - C(false) skips the checks (faster for large pairs).
    type: bool
    default: true
  fail_on:
    description:
      - Fail the task when the audit finds an C(error) (or an SRD rule error), a C(warning) or worse, or C(never).
      - The result and the files are complete either way.
    type: str
    choices: [error, warning, never]
    default: error
  detail:
    description:
      - C(summary) returns the findings, the matrix and the table. C(scenarios) also returns every single-failure
        scenario (and every pair of failures that shows a finding) with its per-set outcome, routes, VRRP,
        advertisement and sync roles; the JSON file always has them.
    type: str
    choices: [summary, scenarios]
    default: summary
  json_file:
    description: Write the JSON report (with every scenario) to this path on the controller.
    type: path
  junit_file:
    description: Write a JUnit XML file to this path on the controller (one test case per audit rule, failing on errors).
    type: path
  report_file:
    description:
      - Write a document to this path on the controller, self-contained HTML when the name ends in C(.html),
        Markdown with a Mermaid picture when it ends in C(.md).
    type: path
  pair:
    description: The pair's name in the reports. Default, the intent's C(name), else both chassis names.
    type: str
notes:
  - The ICCP authentication key is never returned nor written.
  - "Readings where Juniper's documentation is silent (what srd does while ICCP is down, several events fired by one
    failure, the start-up election) are listed in docs/audit.md, and shared with the emulated pair (mxsim)."
  - "Timing on a 2-core machine: under 0.01 s for the example pair; about 0.6 s (depth 1) and 5 s (depth 2) for a
    pair at the seed's limits (256 policies, 100 sets, 16 groups); C(tools/bench/bench_audit.py) measures it."
seealso:
  - module: mxha.srd.simulate
  - module: mxha.srd.validate
  - module: mxha.srd.redundancy_state
"""

EXAMPLES = r"""
- name: Audit the pair intent against every single failure
  mxha.srd.audit:
    config: "{{ lookup('ansible.builtin.file', 'cgnat-pair.yml') | from_yaml }}"
    junit_file: reports/audit-cgnat-pair1.xml
    report_file: reports/audit-cgnat-pair1.html
  register: audit

- name: Show the audit (one line per item, readable in AWX too)
  ansible.builtin.debug:
    var: audit.table

- name: Every pair of failures, with where each set is meant to run, never failing the play
  mxha.srd.audit:
    config: "{{ lookup('ansible.builtin.file', 'cgnat-pair.yml') | from_yaml }}"
    depth: 2
    placement: {1: pair1-mx1}
    fail_on: never
    json_file: reports/audit-depth2.json

- name: Audit what the pair runs now, from its live state (after redundancy_config gathered and redundancy_state)
  mxha.srd.audit:
    config:
      pair1-mx1: "{{ hostvars['pair1-mx1'].srd_config.gathered }}"
      pair1-mx2: "{{ hostvars['pair1-mx2'].srd_config.gathered }}"
    state:
      pair1-mx1: "{{ hostvars['pair1-mx1'].srd_state }}"
      pair1-mx2: "{{ hostvars['pair1-mx2'].srd_state }}"
  run_once: true
  delegate_to: localhost
"""

RETURN = r"""
ok:
  description: No error finding and no SRD rule error.
  returned: always
  type: bool
  sample: false
msg:
  description: The verdict in one line.
  returned: always
  type: str
  sample: "cgnat-pair1: audit depth 1: 62 scenarios from 2 starting states in 0.006 s: 3 errors"
pair:
  description: The pair's name in the reports.
  returned: always
  type: str
depth:
  description: The depth audited.
  returned: always
  type: int
table:
  description:
    - The audit for the play output, one line per item, the verdict, each finding with an example scenario and
      its fix, then the scenario matrix. Print it with C(ansible.builtin.debug) C(var).
  returned: always
  type: list
  elements: str
findings:
  description: Every finding, errors first.
  returned: always
  type: list
  elements: dict
  contains:
    rule_id:
      description: The audit rule (docs/audit.md), e.g. C(AUDIT-BLACKHOLE).
      type: str
    severity:
      description: C(error), C(warning) or C(info). A finding only depth 2 shows is at most a warning.
      type: str
    title:
      description: The rule in words.
      type: str
    redundancy_set:
      description: The redundancy set concerned.
      type: int
    chassis:
      description: The chassis concerned, when there is one.
      type: str
    message:
      description: What happens, in one sentence, with the engine rule that decided.
      type: str
    cause:
      description: What distinguishes findings of one rule on one set (the engine rule, VRRP group, condition or direction).
      type: str
    hint:
      description: How to fix it.
      type: str
    source:
      description: The sentence of Juniper's documentation (or the reading) behind the rule.
      type: str
    scenarios:
      description: Ids of scenarios that show it (the first 20).
      type: list
      elements: str
    scenario_count:
      description: How many scenarios show it.
      type: int
    depth:
      description: The lowest depth that shows it (0 the starting state itself, 1 a single failure, 2 a pair).
      type: int
  sample:
    - rule_id: AUDIT-VRRP-ORDER
      severity: error
      redundancy_set: 1
      chassis: pair1-mx1
      message: "VRRP group 10 is won by pair1-mx1 (priorities pair1-mx1 200, pair1-mx2 190) while pair1-mx2 is primary for set 1"
      scenarios: ["primary:pair1-mx1/trigger(pair1-mx2,1,ACQU_MSHIP_MANUAL_EV)"]
validation:
  description: What the configuration breaks of the SRD rules (path, rule, message, severity, chassis).
  returned: always
  type: list
  elements: dict
counts:
  description:
    - "C(starting_states), C(components) (groups of sets the configuration ties together), C(depth1) (scenarios),
      C(depth2_pairs) (ordered pairs of failures), C(depth2_evaluated) (pairs the engine evaluated, those acting on
      a common set), C(findings) per severity and C(validation_errors)."
  returned: always
  type: dict
  sample: {starting_states: 2, components: 1, depth1: 62, depth2_pairs: 0, depth2_evaluated: 0,
           findings: {error: 3, warning: 0, info: 0}, validation_errors: 0}
seconds:
  description: Time spent reading the configuration (C(load)), preparing, on depth 1 and depth 2, and in total.
  returned: always
  type: dict
starting_states:
  description: The starting states (C(primary:<chassis>), C(placement), C(live)) with a sentence each.
  returned: always
  type: list
  elements: dict
matrix:
  description:
    - The scenario matrix, C(columns) (classes of failure, e.g. C(link-down@primary)) and C(rows) (one per starting
      state and set) whose C(cells) count the outcomes (C(switches), C(stays), C(refused), C(flaps), C(lost)) of the
      scenarios of that class acting on the set, name them, and say whether one shows a finding.
  returned: always
  type: dict
scenarios:
  description:
    - Every single-failure scenario, then every pair of failures that shows a finding, in the shape of the JSON
      report's C(scenarios) (docs/audit.md) with id, start, failures, findings, per set the outcome, the rule that
      decided and the roles after, the signal routes added and removed per chassis, VRRP winners, advertisement
      and stateful-sync roles.
  returned: when detail is scenarios
  type: list
  elements: dict
files:
  description: The files written (C(json), C(junit), C(report)), with absolute paths.
  returned: always
  type: dict
"""
