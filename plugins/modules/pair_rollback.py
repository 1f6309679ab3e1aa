# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/pair_rollback.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: pair_rollback
short_description: Put MX pairs back to a backup, each pair as one transaction (both chassis or neither)
version_added: "0.2.0"
description:
  - Puts every pair among the play's hosts back to a backup that C(mxha.srd.pair_deploy) (or an earlier rollback) took
    under I(backup_dir) (docs/adopt.md), many pairs at once, each pair isolated.
  - "Which backup, per pair: I(backup) (a backup's time stamp such as C(20250301T101502Z), C(latest), a backup
    directory, or a mapping from pair name to one of those), or I(before): the token of a deploy (or its run id, the
    part before the chassis name, for every pair that run changed), meaning the configuration from just before that
    deploy; or a time (ISO 8601, UTC unless it says otherwise), meaning the first backup taken at or after it, which is
    what the pair ran at that time if every change since went through this collection."
  - "Each pair is one pair transaction, the deploy's (docs/pair-transaction.md), with the backup's configuration of
    each chassis as the target and I(state) C(overridden): each chassis read once (one already as in the backup gets
    nothing more), someone else's pending commit confirmed refused unless I(takeover), the backup of the present
    state taken, commit confirmed on each chassis to change, the health gate, the confirmations proved from the
    commit history, both re-read; on any failure both chassis are brought back to what they held, verified. It
    never ends with one chassis on the backup and the other not."
  - "What it restores: the SRD hierarchies the collection manages, every statement's value as in the backup. Routing
    instances added since the backup stay (the collection never deletes one; the report names them). A statement a
    chassis inherited from a configuration group and a deploy overrode comes back with the group's value as a statement
    of its own. A backup taken with I(backup_full) is rolled back the same way (its full file is a record)."
  - The rollback takes a backup itself first (job C(rollback) in its C(meta.json)), so it can be undone the same way
    (I(before) its token).
  - In check mode it reads each chassis once and predicts the statements that would change; with C(--diff) the result
    carries each chassis' compare text.
  - A pair's intent is used only to find the pair (its name and chassis); an intent that no longer validates does not
    stop its rollback.
author: mxha.srd maintainers (@mxha)
extends_documentation_fragment:
  - mxha.srd.fleet
  - mxha.srd.backup
options:
  backup:
    description:
      - The backup to go back to, for every pair (C(latest), a time stamp directory name under
        C(BACKUP_DIR/PAIR/), or a backup directory's path), or a mapping from pair name to one of those.
      - Give I(backup) or I(before).
    type: raw
  before:
    description:
      - Go back to the configuration from just before a deploy, named by its token (C(ab12cd34-pair1-mx1), shown in the
        commit log and the backup's C(meta.json)) or its run id (C(ab12cd34)), or to the configuration the pair ran at
        a time (the first backup taken at or after it).
    type: str
  confirm_timeout:
    description: The commit confirmed timeout, in Junos minutes (1 to 65535).
    type: int
    default: 5
  confirm_minute_seconds:
    description: Seconds in one of those minutes; 60 on Junos (the emulator can run faster).
    type: float
    default: 60
  confirm_margin:
    description: Never start a confirmation with fewer seconds than this left before the automatic rollback.
    type: float
    default: 20
  health_timeout:
    description: Seconds the health gate waits for a pair to settle.
    type: float
    default: 120
  health_interval:
    description: Seconds between two reads of the live state during the health gate.
    type: float
    default: 5
  comment:
    description: The commit log comment. Default C(mxha.srd rollback <pair> to <backup>); the run's token is appended.
    type: str
    default: ""
  takeover:
    description:
      - Roll back over a commit confirmed someone else left pending on a chassis to change. Their change is committed
        along with ours and becomes permanent whatever happens.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Put every pair of the play back as it was before the deploy run ab12cd34
  mxha.srd.pair_rollback:
    before: ab12cd34
  run_once: true
  register: rolled_back

- name: Put one pair back to a chosen backup, check mode shows what would change
  mxha.srd.pair_rollback:
    intent_file: intents/cgnat-pair1.yml
    backup: 20250301T101502Z
  run_once: true
  check_mode: true
  register: rolled_back

- name: Put the pairs back as they were on a given morning (the first backup after it)
  mxha.srd.pair_rollback:
    before: "2025-03-04T06:00:00+01:00"
  run_once: true
  register: rolled_back

- name: Fail the run when a pair did not succeed (the report printed above says which)
  ansible.builtin.fail:
    msg: "{{ rolled_back.failure }}"
  run_once: true
  when: not rolled_back.ok
"""

RETURN = r"""
report:
  description:
    - The fleet report (schema C(mxha.srd/fleet-report), version 1; docs/fleet.md), job C(rollback); each pair's
      C(details) (only for pairs that failed) hold C(rollback_to) (the backup) and C(backup) (the one this run took).
  returned: always
  type: dict
  contains:
    pairs:
      description: One entry per pair, sorted by name.
      type: list
      elements: dict
    problems:
      description: What the run could not take, by name (unclaimed hosts, missing chassis, double claims).
      type: list
      elements: dict
    summary:
      description: Counts of pairs per outcome, and of problems.
      type: dict
table:
  description: The report as lines (a header, a row per pair, then what went wrong).
  returned: always
  type: list
  elements: str
msg:
  description: One line summing up the run.
  returned: always
  type: str
pairs:
  description: Each pair's outcome (C(ok) when it already held the backup, C(changed), C(failed)), by pair name.
  returned: always
  type: dict
failed_hosts:
  description: The play's hosts of the pairs that failed, and those named by a problem.
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
