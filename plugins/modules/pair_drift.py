# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/pair_drift.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: pair_drift
short_description: Read-only drift check of MX pairs against their pair intents, many pairs at once
version_added: "0.2.0"
description:
  - Checks every pair among the play's hosts against its intent, many pairs at once; read-only, never a lock.
  - Per chassis, one filtered C(get-configuration) of the committed configuration and, with C(operational) or
    C(placement) in I(checks), the live state (3 RPCs); then, on the controller, each chassis against the intent per
    resource, the two chassis with each other (C(symmetry)), the live state (C(operational)) and, for the sets the
    intent places (C(redundancy_sets[].primary)), whether each is primary on its chassis (C(placement)).
  - A set primary on the other chassis is role drift, reported per set apart from configuration drift, with how
    long that chassis has held the role (the age of its signal route, where the device shows one).
  - A pair is C(ok), C(drift), or C(failed) when a chassis could not be read (unless I(unread_is_failure) is false)
    or its intent is invalid. Each drifted pair's own table is in its RV(report) entry and in RV(table).
author: mxha.srd maintainers (@mxha)
extends_documentation_fragment:
  - mxha.srd.fleet
options:
  checks:
    description: What to compare.
    type: list
    elements: str
    choices: [config, symmetry, operational, placement]
    default: [config, symmetry, operational, placement]
  fail_on_drift:
    description: Count a drifted pair as failing (in RV(failed_hosts) and RV(ok)).
    type: bool
    default: false
  unread_is_failure:
    description: A chassis that could not be read fails its pair; false reports it as drift instead.
    type: bool
    default: true
"""

EXAMPLES = r"""
- name: Check every pair of the play (intents from the inventory), configuration only
  mxha.srd.pair_drift:
    checks: [config, symmetry]
    report_dir: reports
  run_once: true
  register: drift

- name: Fail the run when a pair did not succeed (the report printed above says which)
  ansible.builtin.fail:
    msg: "{{ drift.failure }}"
  run_once: true
  when: not drift.ok
"""

RETURN = r"""
report:
  description:
    - The fleet report (schema C(mxha.srd/fleet-report), version 1; docs/fleet.md), with each pair's C(details) only
      for pairs that failed or drifted (the files under I(report_dir) hold them all).
  returned: always
  type: dict
  contains:
    pairs:
      description: One entry per pair, sorted by name.
      type: list
      elements: dict
      sample: [{"pair": "cgnat-pair1", "chassis": ["pair1-mx1", "pair1-mx2"], "outcome": "ok", "summary": "...",
                "findings": [], "lines": [], "rpcs": {"pair1-mx1": 1, "pair1-mx2": 1}, "seconds": 0.2, "details": {}}]
    problems:
      description: What the run could not take, by name (unclaimed hosts, missing chassis, double claims).
      type: list
      elements: dict
    summary:
      description: Counts of pairs per outcome, and of problems.
      type: dict
table:
  description: The report as lines (a header, a row per pair, then what went wrong), for any callback.
  returned: always
  type: list
  elements: str
msg:
  description: One line summing up the run.
  returned: always
  type: str
pairs:
  description: Each pair's outcome (C(ok), C(changed), C(drift), C(failed)), by pair name.
  returned: always
  type: dict
failed_hosts:
  description: The play's hosts (chassis or pair hosts) of the pairs that failed, and those named by a problem.
  returned: always
  type: list
  elements: str
failure:
  description: Why the run failed, one line per pair that failed and per inventory problem; empty when RV(ok).
  returned: always
  type: str
ok:
  description: Whether every pair succeeded and no problem was found.
  returned: always
  type: bool
files:
  description: The report files written, by kind (C(json), C(junit), C(text)).
  returned: always
  type: dict
"""
