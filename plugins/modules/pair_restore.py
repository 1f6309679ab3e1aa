# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/pair_restore.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: pair_restore
short_description: Put every redundancy set of every pair back where it belongs after maintenance, verified
version_added: "0.2.0"
description:
  - For every pair among the play's hosts, makes every redundancy set primary where the pair's intent places it
    (C(redundancy_sets[].primary); a set without one on gateway 1, the lower ICCP address), or, with
    I(restore_from=snapshot), where the pre-drain snapshot of M(mxha.srd.pair_drain) shows it primary.
  - Per pair it works as M(mxha.srd.pair_drain) does, with the same checks of both peers, the same engine plan made
    offline before anything is sent (a refusal fails the pair, untouched), the same pre and post snapshots and the
    same diff against the prediction. Every set already in place is C(ok), nothing sent, no snapshot written.
  - In check mode it stops after the plan and reports the moves, the predicted snapshot and its diff.
author: mxha.srd maintainers (@mxha)
extends_documentation_fragment:
  - mxha.srd.fleet
options:
  restore_from:
    description:
      - C(intent), the intent's placement; C(snapshot), the roles of each pair's C(PAIR/drain-pre.json) under
        I(snapshot_dir), the state before the last drain that moved something.
    type: str
    choices: [intent, snapshot]
    default: intent
  force:
    description:
      - Restore onto a receiving chassis that is warned, or has a monitored interface down, for a set it receives, and
        use forced requests where srd would refuse an unforced one. A set in wait is never moved.
    type: bool
    default: false
  wait_timeout:
    description: Seconds to wait for a pair to show the predicted roles, signal routes and VRRP state.
    type: float
    default: 60
  poll_interval:
    description: Seconds between two reads while waiting.
    type: float
    default: 1
  vrrp:
    description: Read the VRRP groups in the snapshots (C(show vrrp detail), 1 RPC per chassis each) and judge them.
    type: bool
    default: true
  snapshot_dir:
    description:
      - Where the snapshots go (C(PAIR/restore-pre.json), C(PAIR/restore-post.json)) and where I(restore_from=snapshot)
        reads C(PAIR/drain-pre.json). Default, C(snapshots) under I(report_dir).
    type: path
"""

EXAMPLES = r"""
- name: Put every set back where the intents place them
  mxha.srd.pair_restore:
    report_dir: reports
  run_once: true
  register: restored

- name: Or put them back where they were before the drain
  mxha.srd.pair_restore:
    restore_from: snapshot
    report_dir: reports
  run_once: true
  register: restored

- name: Fail the run when a pair did not succeed (the report printed above says which)
  ansible.builtin.fail:
    msg: "{{ restored.failure }}"
  run_once: true
  when: not restored.ok
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
