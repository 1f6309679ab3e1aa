# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/pair_drain.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: pair_drain
short_description: Drain one chassis of every pair for maintenance, every redundancy set moved off it, verified
version_added: "0.2.0"
description:
  - For every pair among the play's hosts, moves every redundancy set whose primary is the drained chassis onto the
    other chassis, many pairs at once; one pair refusing or failing never touches another.
  - Per pair it reads both chassis (their SRD configuration, then the SRD state as a pre snapshot, 5 RPCs each),
    checks both peers (srd running, ICCP up, every set reported, no set in wait, the peers connected for every set
    to move, the receiving chassis neither warned nor with a monitored interface down for a set it receives, those
    two unless I(force)), and decides every move offline with the collection's SRD engine, in one pass, each move
    on the state the ones before it leave. If a check fails or the engine refuses a move, the pair fails and nothing
    is sent.
  - Then it sends the requests the engine chose, waits until both chassis show the predicted roles and signal
    routes, takes a post snapshot and diffs it against the pre snapshot and the prediction (roles, ICCP, health,
    signal routes, VRRP state and priority where the device answers). A change that did not happen and one nobody
    expected both fail the pair.
  - A chassis primary for no set is C(ok), nothing is sent and no snapshot is written, so the pre snapshot of the
    drain that emptied it stays for M(mxha.srd.pair_restore).
  - In check mode it stops after the plan and reports the moves, the predicted snapshot and its diff.
author: mxha.srd maintainers (@mxha)
extends_documentation_fragment:
  - mxha.srd.fleet
options:
  drain:
    description:
      - The chassis to drain (inventory hostnames), one per pair; or C([gateway1]) / C([gateway2]), the chassis with the
        lower / higher ICCP address in every pair. A pair of the play none of these names fails, untouched.
    type: list
    elements: str
    required: true
  force:
    description:
      - Drain onto a receiving chassis that is warned, or has a monitored interface down, for a set it receives, and
        use forced requests where srd would refuse an unforced one (a warned standby). A set in wait is never moved.
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
      - Where the pre and post snapshots go, as C(PAIR/drain-pre.json) and C(PAIR/drain-post.json) (schema
        C(mxha.srd/srd-snapshot)). Default, C(snapshots) under I(report_dir); with neither, snapshots are only in
        the report.
    type: path
notes:
  - Drain gateway 2 before stopping srd there; srd stopped on gateway 2 keeps the sets it is primary for and acts
    on none of their events (seed, S20). Stopping srd on gateway 1 moves its sets to gateway 2 by itself (S19).
"""

EXAMPLES = r"""
- name: Drain pair1-mx1 (predict first with --check); its sets move to pair1-mx2
  mxha.srd.pair_drain:
    drain: [pair1-mx1]
    report_dir: reports
  run_once: true
  register: drained

- name: Fail the run when a pair did not succeed (the report printed above says which)
  ansible.builtin.fail:
    msg: "{{ drained.failure }}"
  run_once: true
  when: not drained.ok
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
