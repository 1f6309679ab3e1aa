# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/pair_switchover.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: pair_switchover
short_description: Move the services primary role in every pair of the play, decided offline first
version_added: "0.2.0"
description:
  - For every pair among the play's hosts, makes one chassis primary for its redundancy sets, many pairs at once;
    one pair refusing or failing never touches another.
  - Per pair it works as C(mxha.srd.primary_role) does. It reads both chassis (3 RPCs each), decides offline with
    the collection's SRD engine which request to send and where, and fails that pair before anything is sent if
    srd would refuse it. Then it sends the request, waits until both chassis show the predicted roles, and checks
    the signal routes. In check mode it stops after the prediction.
  - The chassis to make primary is named the same way for every pair. C(gateway1) or C(gateway2) is the chassis
    with the lower or the higher ICCP address. Otherwise give a list of chassis hostnames, one per pair.
  - Around the switchover, a pre and a post snapshot of both chassis' SRD state (roles, ICCP, health, signal routes
    with their age, VRRP where the device answers; 4 RPCs per chassis each) and their diff against the prediction.
    A change the prediction did not expect, or one it expected that did not happen, fails the pair. In check mode,
    the predicted snapshot and its diff.
author: mxha.srd maintainers (@mxha)
extends_documentation_fragment:
  - mxha.srd.fleet
options:
  primary:
    description:
      - C([gateway1]) or C([gateway2]), or the chassis (inventory hostnames) to make primary, one per pair.
    type: list
    elements: str
    required: true
  redundancy_sets:
    description: The redundancy-set ids to move. Default, every set of the pair's intent.
    type: list
    elements: int
  force:
    description: Allow a forced request where srd would refuse an unforced one (a warned standby, a chassis in wait).
    type: bool
    default: false
  wait_timeout:
    description: Seconds to wait for a pair to show the predicted roles.
    type: float
    default: 60
  poll_interval:
    description: Seconds between two reads while waiting.
    type: float
    default: 1
  snapshot_dir:
    description:
      - Where the snapshots go, as C(PAIR/switchover-pre.json) and C(PAIR/switchover-post.json) (schema
        C(mxha.srd/srd-snapshot)). Default, C(snapshots) under I(report_dir); with neither, they are only in the
        report.
    type: path
"""

EXAMPLES = r"""
- name: Make gateway 2 primary in every pair of site A (predict first with --check)
  mxha.srd.pair_switchover:
    primary: [gateway2]
  run_once: true
  register: moved

- name: Fail the run when a pair did not succeed (the report printed above says which)
  ansible.builtin.fail:
    msg: "{{ moved.failure }}"
  run_once: true
  when: not moved.ok
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
